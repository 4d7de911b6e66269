//! Stored types of the bonding pallet and the reward-factor arithmetic.

use codec::{Decode, Encode, MaxEncodedLen};
use flywheel_primitives::Balance;
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{FixedU128, Perbill};

/// The cumulative reward-factor arithmetic (LIP-36), shared with pallet-subnets.
pub use flywheel_primitives::reward_factor::{accrued, factor_increase};

/// Round index (pallet-inflation's rounds).
pub type RoundIndex = u32;
/// Identifier of an unbonding lock, unique per account.
pub type LockId = u32;

/// A registered operator.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct OperatorInfo {
	/// FLY bonded to it (its own bond included).
	pub stake: Balance,
	/// The share of its round rewards it keeps.
	pub reward_cut: Perbill,
	/// The share of fees deposited for it that goes to its delegators.
	pub fee_share: Perbill,
	/// Cumulative delegator reward per unit of stake (LIP-36).
	pub reward_factor: FixedU128,
	/// Cumulative delegator fees per unit of stake.
	pub fee_factor: FixedU128,
	/// Its own earnings (reward cuts and kept fees), not yet claimed.
	pub earnings: Balance,
	/// It resigned: no new bonds, out of the active set from the next round.
	pub resigned: bool,
	/// Terms it set that apply from a later round (Livepeer's lock: delegators see them a
	/// whole round before they pay).
	pub next_terms: Option<PendingTerms>,
	/// The last round it was in the active set (its registration round before that).
	pub last_active_round: RoundIndex,
}

/// What an operator must keep up to hold its slot, set by governance.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	codec::DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct OperatorRules {
	/// FLY an operator bonds to itself when it registers; below it, anyone may remove it.
	pub min_self_bond: Balance,
	/// Rounds outside the active set after which anyone may remove an operator.
	pub max_idle_rounds: RoundIndex,
}

/// An operator's terms waiting for the round they apply from.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct PendingTerms {
	/// The new reward cut.
	pub reward_cut: Perbill,
	/// The new fee share.
	pub fee_share: Perbill,
	/// The first round they apply in.
	pub from_round: RoundIndex,
}

impl OperatorInfo {
	/// Applies its pending terms if they are due in `round`.
	pub fn apply_due_terms(&mut self, round: RoundIndex) {
		if let Some(terms) = self.next_terms {
			if terms.from_round <= round {
				self.reward_cut = terms.reward_cut;
				self.fee_share = terms.fee_share;
				self.next_terms = None;
			}
		}
	}
}

/// A delegator's bond.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Delegation<AccountId> {
	/// The operator bonded to.
	pub operator: AccountId,
	/// FLY bonded.
	pub bonded: Balance,
	/// The operator's reward factor when this bond's earnings were last settled.
	pub reward_factor: FixedU128,
	/// The operator's fee factor when this bond's earnings were last settled.
	pub fee_factor: FixedU128,
	/// Settled earnings not yet claimed.
	pub pending: Balance,
}

/// FLY on its way out: withdrawable from `withdraw_round` on.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct UnbondingLock {
	/// Its id (unique per account).
	pub id: LockId,
	/// FLY in it (still held).
	pub amount: Balance,
	/// The first round it can be withdrawn in.
	pub withdraw_round: RoundIndex,
}

/// An account's unbonding locks.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[scale_info(skip_type_params(S))]
#[codec(mel_bound())]
pub struct Unbonding<S: Get<u32>> {
	/// The id the next lock gets.
	pub next_id: LockId,
	/// The open locks.
	pub locks: BoundedVec<UnbondingLock, S>,
}

impl<S: Get<u32>> Default for Unbonding<S> {
	fn default() -> Self {
		Self { next_id: 0, locks: BoundedVec::new() }
	}
}

impl<S: Get<u32>> Unbonding<S> {
	/// The total FLY in the locks.
	pub fn total(&self) -> Balance {
		self.locks.iter().fold(0, |sum: Balance, l| sum.saturating_add(l.amount))
	}
}
