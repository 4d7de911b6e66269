// SPDX-License-Identifier: Apache-2.0
//! Utility score (HIP-51) and the smoothed emission share.
//!
//! `U = V × D × A` with `V = max(1, veFLY delegated)`, `D = max(1, √(DC burned in USD))` and
//! `A = max(1, ⁴√(onboarding fees of active devices in USD))`; with the veFLY-only switch
//! (Helium's HIP-138) `U = V`. All in `FixedU128` (18 decimals), saturating at its maximum
//! (≈ 3.4 × 10^20), which no realistic economy reaches; veFLY is counted in whole FLY.
//! The share `U / ΣU` is smoothed by an exponential moving average over `N` epochs:
//! `s' = (s × (N − 1) + share × 2) / (N + 1)`, i.e. `α = 2 / (N + 1)`; a subDAO's first scored
//! epoch starts its average at its raw share.

use flywheel_primitives::{Balance, DC_PER_USD, FLY};
use sp_runtime::{traits::Saturating, FixedPointNumber, FixedU128};

const ONE: FixedU128 = FixedU128::from_u32(1);
const MAX: FixedU128 = FixedU128::from_inner(u128::MAX);

fn at_least_one(x: FixedU128) -> FixedU128 {
	x.max(ONE)
}

/// USD value of `dc` Data Credits.
fn usd(dc: u128) -> FixedU128 {
	FixedU128::checked_from_rational(dc, u128::from(DC_PER_USD)).unwrap_or(MAX)
}

/// `U` of one subDAO for one epoch. `ve_power` is veFLY in plancks.
pub fn utility_score(
	ve_power: Balance,
	dc_burned: u128,
	active_fees: u128,
	ve_only: bool,
) -> FixedU128 {
	let v = at_least_one(FixedU128::checked_from_rational(ve_power, FLY).unwrap_or(MAX));
	if ve_only {
		return v;
	}
	let d = at_least_one(usd(dc_burned).checked_sqrt().unwrap_or_default());
	let a = at_least_one(
		usd(active_fees).checked_sqrt().and_then(|r| r.checked_sqrt()).unwrap_or_default(),
	);
	v.saturating_mul(d).saturating_mul(a)
}

/// `score / total` as a fraction in `[0, 1]`, rounded down.
pub fn share(score: FixedU128, total: FixedU128) -> FixedU128 {
	FixedU128::checked_from_rational(score.into_inner(), total.into_inner())
		.unwrap_or_default()
		.min(ONE)
}

/// The smoothed share after an epoch whose raw share is `raw`, over `epochs` epochs.
pub fn smoothed(previous: Option<FixedU128>, raw: FixedU128, epochs: u32) -> FixedU128 {
	let Some(prev) = previous else { return raw };
	let n = u128::from(epochs.max(1));
	let weighted =
		prev.into_inner().saturating_mul(n - 1).saturating_add(raw.into_inner().saturating_mul(2));
	FixedU128::from_inner(weighted / (n + 1))
}

#[cfg(test)]
mod tests {
	use super::*;

	const ZERO: FixedU128 = FixedU128::from_inner(0);

	fn fx(n: u128) -> FixedU128 {
		FixedU128::saturating_from_integer(n)
	}

	#[test]
	fn each_factor_is_at_least_one() {
		assert_eq!(utility_score(0, 0, 0, false), fx(1));
		assert_eq!(utility_score(FLY / 2, 50_000, 50_000, false), fx(1));
	}

	#[test]
	fn hip_51_example() {
		// 1,000 veFLY, $10,000 of DC burned (√ = 100), $1,296 of active onboarding fees (⁴√ = 6).
		let u = utility_score(1_000 * FLY, 10_000 * 100_000, 1_296 * 100_000, false);
		assert_eq!(u, fx(600_000));
		assert_eq!(utility_score(1_000 * FLY, 10_000 * 100_000, 1_296 * 100_000, true), fx(1_000));
	}

	#[test]
	fn extreme_inputs_saturate_instead_of_failing() {
		let u = utility_score(u128::MAX, u128::MAX, u128::MAX, false);
		assert_eq!(u, MAX);
	}

	#[test]
	fn shares_and_their_average() {
		assert_eq!(share(fx(1), fx(4)), FixedU128::from_rational(1, 4));
		assert_eq!(share(fx(1), fx(0)), ZERO);
		assert_eq!(
			smoothed(None, FixedU128::from_rational(1, 4), 30),
			FixedU128::from_rational(1, 4)
		);
		// α = 2/31: from 0 toward 1 moves 2/31 of the way.
		assert_eq!(smoothed(Some(ZERO), fx(1), 30), FixedU128::from_inner(2 * 10u128.pow(18) / 31));
		// N = 1 means no smoothing.
		assert_eq!(smoothed(Some(fx(1)), ZERO, 1), ZERO);
	}
}
