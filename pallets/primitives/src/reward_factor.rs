// SPDX-License-Identifier: Apache-2.0
//! Cumulative reward factors (Livepeer LIP-36): a pool of stake earns rewards by raising one
//! factor per unit of stake, and each stake's earnings are `stake × (factor now − factor at its
//! last settlement)`, so sharing a reward never iterates the stakers. Used by pallet-bonding
//! (operators' delegators) and pallet-subnets (validators' stakers).

use crate::Balance;
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};
use sp_runtime::{traits::Saturating, FixedPointNumber, FixedU128};

/// What a stake has earned since its factors were last settled: `staked × Δfactor`, rounded down
/// (so the stakes of one pool together are never owed more than was credited to them).
pub fn accrued(staked: Balance, now: FixedU128, then: FixedU128) -> Balance {
	let delta = now.saturating_sub(then);
	multiply_by_rational_with_rounding(
		staked,
		delta.into_inner(),
		FixedU128::accuracy(),
		Rounding::Down,
	)
	.unwrap_or(Balance::MAX)
}

/// The factor increase that shares `amount` over `stake`, rounded down: `stake × Δ ≤ amount`.
/// Each stake's earnings over any span of rounds are `staked × ΣΔ` rounded down, which is at most
/// its exact share, so the stakes of a pool are never owed more than the amounts shared
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
