// SPDX-License-Identifier: Apache-2.0
//! The one-way DNT → FLY redemption curve.
//!
//! Redeeming `dS` of a DNT supply `S` from a treasury of `R` FLY pays
//! `out = R × (1 − (1 − dS/S)^(1+k))`. With `k = 0` this is the treasury ratio `R × dS / S`,
//! computed exactly (rounded down), and the default. With `k > 0` (an integer, at most
//! [`MAX_CURVE_K`]) a small redemption pays about `(1+k)` times the ratio and the ratio left for
//! the remaining holders falls to `(1 − dS/S)^k` of what it was: the curve front-loads the
//! treasury. It is path independent (redeeming in two halves pays the same as at once) and the
//! whole supply always takes the whole treasury. The power is computed in 18-decimal fixed point
//! with every step rounded so the payout is never above the exact value (at most
//! `2(k+1)(R / 10^18 + 1) + 2` plancks below it; proptested against exact big integers).

use flywheel_primitives::Balance;
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};

/// Largest curve exponent `k`.
pub const MAX_CURVE_K: u8 = 10;
const ONE: u128 = 1_000_000_000_000_000_000;

/// FLY paid for redeeming `redeemed` of `supply` DNT from a treasury of `reserve` FLY, or `None`
/// if `redeemed` exceeds the supply, the supply is zero or `k` is above [`MAX_CURVE_K`].
pub fn redemption_out(
	reserve: Balance,
	supply: Balance,
	redeemed: Balance,
	k: u8,
) -> Option<Balance> {
	if supply == 0 || redeemed > supply || k > MAX_CURVE_K {
		return None;
	}
	if k == 0 {
		return multiply_by_rational_with_rounding(reserve, redeemed, supply, Rounding::Down);
	}
	// y = (S − dS) / S rounded up, then y^(k+1) rounded up at every step: the part that stays.
	let y = multiply_by_rational_with_rounding(supply - redeemed, ONE, supply, Rounding::Up)?;
	let mut stays = y;
	for _ in 0..k {
		stays = multiply_by_rational_with_rounding(stays, y, ONE, Rounding::Up)?;
	}
	let kept = multiply_by_rational_with_rounding(reserve, stays.min(ONE), ONE, Rounding::Up)?;
	Some(reserve.saturating_sub(kept))
}

#[cfg(test)]
mod tests {
	use super::*;
	use num_bigint::BigUint;
	use proptest::prelude::*;

	/// floor(R × (S^n − (S − dS)^n) / S^n), n = k + 1, in exact big-integer arithmetic.
	fn reference(r: u128, s: u128, ds: u128, k: u8) -> u128 {
		let n = u32::from(k) + 1;
		let (r, s, ds) = (BigUint::from(r), BigUint::from(s), BigUint::from(ds));
		let sn = s.pow(n);
		let out = r * (&sn - (&s - ds).pow(n)) / &sn;
		u128::try_from(out).expect("fits")
	}

	#[test]
	fn linear_curve_is_the_treasury_ratio() {
		assert_eq!(redemption_out(1_000, 100, 10, 0), Some(100));
		assert_eq!(redemption_out(1_000, 3, 1, 0), Some(333));
		assert_eq!(redemption_out(1_000, 100, 100, 0), Some(1_000));
		assert_eq!(redemption_out(u128::MAX, u128::MAX, u128::MAX / 2, 0), Some(u128::MAX / 2));
	}

	#[test]
	fn redeeming_in_parts_pays_what_redeeming_at_once_pays() {
		let once = redemption_out(1_000_000, 1_000_000, 200_000, 2).unwrap();
		let first = redemption_out(1_000_000, 1_000_000, 100_000, 2).unwrap();
		let second = redemption_out(1_000_000 - first, 900_000, 100_000, 2).unwrap();
		assert!(once.abs_diff(first + second) <= 2, "{once} vs {first} + {second}");
	}

	#[test]
	fn edge_cases() {
		assert_eq!(redemption_out(1_000, 0, 0, 0), None);
		assert_eq!(redemption_out(1_000, 100, 101, 0), None);
		assert_eq!(redemption_out(1_000, 100, 10, MAX_CURVE_K + 1), None);
		assert_eq!(redemption_out(1_000, 100, 0, 3), Some(0));
		// The whole supply takes the whole treasury whatever k is.
		assert_eq!(redemption_out(1_000, 100, 100, 3), Some(1_000));
	}

	#[test]
	fn a_worked_example_with_k_one() {
		// 10% of the supply with k = 1: R × (1 − 0.9²) = 19% of the treasury.
		assert_eq!(redemption_out(1_000, 1_000, 100, 1), Some(190));
		assert_eq!(reference(1_000, 1_000, 100, 1), 190);
	}

	proptest! {
		#[test]
		fn never_above_and_close_to_the_exact_value(
			r in 0u128..=1u128 << 100,
			s in 1u128..=1u128 << 100,
			frac in 0u128..=1_000_000,
			k in 0u8..=MAX_CURVE_K,
		) {
			let ds = s / 1_000_000 * frac;
			let out = redemption_out(r, s, ds, k).expect("within the supply");
			let exact = reference(r, s, ds, k);
			prop_assert!(out <= exact, "out {} above exact {}", out, exact);
			let slack = r / ONE * 2 * (u128::from(k) + 1) + 2 * (u128::from(k) + 1) + 2;
			prop_assert!(exact - out <= slack, "out {} too far below exact {}", out, exact);
			prop_assert!(out <= r);
		}
	}
}
