// SPDX-License-Identifier: Apache-2.0
//! Stored types of the bonding pallet and the reward-factor arithmetic.

use codec::{Decode, Encode, MaxEncodedLen};
use flywheel_primitives::{within_bounds_by_fields, Balance};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};
use sp_runtime::{
	traits::{One, Saturating, Zero},
	FixedU128, Perbill,
};

/// What `bonded` FLY settled at reward factor `then` have compounded to at `now` (rounded down,
/// so the bonds of an operator never exceed its stake).
pub fn compounded(bonded: Balance, now: FixedU128, then: FixedU128) -> Balance {
	if then.is_zero() {
		return bonded;
	}
	multiply_by_rational_with_rounding(bonded, now.into_inner(), then.into_inner(), Rounding::Down)
		.unwrap_or(Balance::MAX)
}

/// Fees earned by `bonded` FLY settled at factors `(reward_then, fee_then)` by fee factor
/// `fee_now`, rounded down.
pub fn fees_earned(
	bonded: Balance,
	fee_now: FixedU128,
	fee_then: FixedU128,
	reward_then: FixedU128,
) -> Balance {
	if reward_then.is_zero() {
		return 0;
	}
	let delta = fee_now.saturating_sub(fee_then).into_inner();
	multiply_by_rational_with_rounding(bonded, delta, reward_then.into_inner(), Rounding::Down)
		.unwrap_or(0)
}

/// The reward factor after `reward` compounds onto `counted` FLY: `factor × (counted + reward) /
/// counted`, rounded down.
pub fn grown_factor(factor: FixedU128, reward: Balance, counted: Balance) -> FixedU128 {
	if counted == 0 {
		return factor;
	}
	let grown = counted.saturating_add(reward);
	FixedU128::from_inner(
		multiply_by_rational_with_rounding(factor.into_inner(), grown, counted, Rounding::Down)
			.unwrap_or(u128::MAX),
	)
}

/// The fee factor increase that shares `fees` over `counted` FLY at reward factor `factor`:
/// `fees × factor / counted`, rounded down.
pub fn fee_increase(fees: Balance, counted: Balance, factor: FixedU128) -> FixedU128 {
	if counted == 0 {
		return FixedU128::zero();
	}
	FixedU128::from_inner(
		multiply_by_rational_with_rounding(fees, factor.into_inner(), counted, Rounding::Down)
			.unwrap_or(0),
	)
}

pub use flywheel_primitives::RoundIndex;
/// Identifier of an unbonding lock, unique per account.
pub type LockId = u32;

/// A registered operator.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct OperatorInfo {
	/// FLY bonded to it: its bonds (its own included) with the rewards they have compounded,
	/// and the bonds still maturing. Rounding dust of the compounding stays here until its last
	/// delegator leaves.
	pub stake: Balance,
	/// The share of its round rewards it keeps.
	pub reward_cut: Perbill,
	/// The share of fees deposited for it that goes to its delegators.
	pub fee_share: Perbill,
	/// Cumulative reward factor (LIP-36, multiplicative): a bond of `b` FLY settled at factor
	/// `f` has grown to `b × reward_factor / f`. Starts at 1.
	pub reward_factor: FixedU128,
	/// Cumulative fees per unit of stake at reward factor 1: a bond of `b` FLY settled at
	/// factors `(f, g)` has earned `b × (fee_factor − g) / f` of fees.
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
	/// FLY bonded to it in round `maturing_round` (the open cohort): part of `stake`, but it
	/// earns nothing until a round start after its round has ended (a bond must be in place for
	/// a whole round to share its rewards).
	pub maturing: Balance,
	/// The round of the open cohort.
	pub maturing_round: RoundIndex,
	/// Delegations with FLY in the open cohort (0: no cohort is open).
	pub cohort_records: u32,
	/// Delegation records bonded to it.
	pub delegators: u32,
}

impl OperatorInfo {
	/// A new operator's record at `round`.
	pub fn new(reward_cut: Perbill, fee_share: Perbill, round: RoundIndex) -> Self {
		Self {
			stake: 0,
			reward_cut,
			fee_share,
			reward_factor: FixedU128::one(),
			fee_factor: FixedU128::zero(),
			earnings: 0,
			resigned: false,
			next_terms: None,
			last_active_round: round,
			maturing: 0,
			maturing_round: round,
			cohort_records: 0,
			delegators: 0,
		}
	}

	/// Stake that earns rewards and fees now: all but the open cohort.
	pub fn counted_stake(&self) -> Balance {
		self.stake.saturating_sub(self.maturing)
	}

	/// Whether a cohort of bonds made in `round` is still open (maturing).
	pub fn cohort_open(&self, round: RoundIndex) -> bool {
		self.maturing_round == round && (self.cohort_records > 0 || self.maturing > 0)
	}
}

/// The factors at which a closed cohort of bonds started to count, and how many delegations
/// still hold FLY of it (the entry goes when the last one settles).
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct CohortStart {
	pub reward_factor: FixedU128,
	pub fee_factor: FixedU128,
	pub records: u32,
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

within_bounds_by_fields!(OperatorRules { min_self_bond, max_idle_rounds });

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
	/// FLY bonded and counting, as of the last settlement (held in the delegator's account).
	pub bonded: Balance,
	/// The operator's reward factor at the last settlement.
	pub reward_factor: FixedU128,
	/// The operator's fee factor at the last settlement.
	pub fee_factor: FixedU128,
	/// Settled fees (and rewards from before compounding) not yet claimed.
	pub pending: Balance,
	/// FLY bonded in round `maturing_round`, not counting yet (held too).
	pub maturing: Balance,
	/// The round of `maturing`.
	pub maturing_round: RoundIndex,
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

	/// Locks `amount` until `withdraw_round` in a new lock or, with every lock taken, in the
	/// last one, which then waits for the later of its round and `withdraw_round` (an unbond or
	/// a removal never fails for want of a lock, and nothing leaves earlier than it should).
	/// Returns the lock's id and round; `ArithmeticOverflow` if an id or amount would overflow.
	pub fn add(
		&mut self,
		amount: Balance,
		withdraw_round: RoundIndex,
	) -> Result<(LockId, RoundIndex), ArithmeticOverflow> {
		let id = self.next_id;
		if self.locks.try_push(UnbondingLock { id, amount, withdraw_round }).is_ok() {
			self.next_id = id.checked_add(1).ok_or(ArithmeticOverflow)?;
			return Ok((id, withdraw_round));
		}
		let last = self.locks.last_mut().ok_or(ArithmeticOverflow)?;
		last.amount = last.amount.checked_add(amount).ok_or(ArithmeticOverflow)?;
		last.withdraw_round = last.withdraw_round.max(withdraw_round);
		Ok((last.id, last.withdraw_round))
	}
}

/// An id or an amount would overflow.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ArithmeticOverflow;
