//! Stored types of the bonding pallet and the reward-factor arithmetic.

use codec::{Decode, Encode, MaxEncodedLen};
use flywheel_primitives::Balance;
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};
use sp_runtime::{traits::Saturating, FixedPointNumber, FixedU128, Perbill};

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

/// What a bond has earned since its factors were last settled: `bonded × Δfactor`, rounded down
/// (so the delegators of an operator together never receive more than was credited to them).
pub fn accrued(bonded: Balance, now: FixedU128, then: FixedU128) -> Balance {
	let delta = now.saturating_sub(then);
	multiply_by_rational_with_rounding(
		bonded,
		delta.into_inner(),
		FixedU128::accuracy(),
		Rounding::Down,
	)
	.unwrap_or(Balance::MAX)
}

/// The factor increase that shares `amount` over `stake`, rounded down: `stake × Δ ≤ amount`.
/// Each bond's earnings over any span of rounds are `bonded × ΣΔ` rounded down, which is at most
/// its exact share, so the bonds of an operator are never owed more than the amounts shared
/// (the rounding remainder stays in the pool).
pub fn factor_increase(amount: Balance, stake: Balance) -> FixedU128 {
	if stake == 0 {
		return FixedU128::from_inner(0);
	}
	FixedU128::from_inner(
		multiply_by_rational_with_rounding(amount, FixedU128::accuracy(), stake, Rounding::Down)
			.unwrap_or(0),
	)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn factors_credit_no_more_than_the_amount() {
		let zero = FixedU128::from_inner(0);
		let delta = factor_increase(1_000, 3);
		// Each of three equal bonds gets a third, rounded down.
		assert_eq!(accrued(1, delta, zero), 333);
		assert_eq!(factor_increase(1_000, 0), zero);
		assert_eq!(factor_increase(10, 4), FixedU128::from_rational(5, 2));
		// Over two rounds a bond is owed no more than the two amounts shared.
		let (a, b) = (factor_increase(900_003, 700), factor_increase(777_777, 700));
		assert!(accrued(700, a.saturating_add(b), zero) <= 900_003 + 777_777);
		assert_eq!(accrued(u128::MAX, FixedU128::from_u32(2), FixedU128::from_u32(1)), u128::MAX);
	}
}
