// SPDX-License-Identifier: Apache-2.0
//! FLY ↔ DC conversion at a USD price, with rounding in the protocol's favour.
//!
//! `price` is USD per FLY as a [`FixedU128`] (inner value = price × 10^18). FLY has 12 decimals
//! and 100,000 DC = 1 USD, so for `f` plancks of FLY:
//!
//! ```text
//! DC = f / 10^12 × price × 10^5 = f × price_inner / 10^25
//! ```
//!
//! FLY → DC rounds down (never more DC than paid for); DC → FLY rounds up (never less FLY than
//! the DC cost). All products use a 256-bit intermediate, so only a result that does not fit its
//! type fails.

use flywheel_primitives::{Balance, DataCredits};
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};
use sp_runtime::FixedU128;

/// 10^25: plancks-per-FLY (10^12) × FixedU128 accuracy (10^18) / DC-per-USD (10^5).
pub const SCALE: u128 = 10_000_000_000_000_000_000_000_000;

/// DC bought by burning `fly` plancks at `price`, rounded down. `None` if it exceeds `u64`.
pub fn fly_to_dc(fly: Balance, price: FixedU128) -> Option<DataCredits> {
	let dc = multiply_by_rational_with_rounding(fly, price.into_inner(), SCALE, Rounding::Down)?;
	DataCredits::try_from(dc).ok()
}

/// FLY (plancks) that must be burned for `dc` DC at `price`, rounded up. `None` for a zero
/// price or a result beyond `u128`.
pub fn dc_to_fly(dc: DataCredits, price: FixedU128) -> Option<Balance> {
	if price.into_inner() == 0 {
		return None;
	}
	multiply_by_rational_with_rounding(u128::from(dc), SCALE, price.into_inner(), Rounding::Up)
}

#[cfg(test)]
mod tests {
	use super::*;
	use flywheel_primitives::FLY;

	#[test]
	fn one_fly_at_one_dollar_is_100_000_dc() {
		assert_eq!(fly_to_dc(FLY, FixedU128::from_u32(1)), Some(100_000));
		assert_eq!(dc_to_fly(100_000, FixedU128::from_u32(1)), Some(FLY));
	}

	#[test]
	fn rounding_favours_the_protocol() {
		// $0.30 per FLY: 1 DC costs 1/30,000 FLY = 33,333,333.33… plancks.
		let price = FixedU128::from_rational(3, 10);
		assert_eq!(dc_to_fly(1, price), Some(33_333_334));
		assert_eq!(fly_to_dc(33_333_333, price), Some(0));
		assert_eq!(fly_to_dc(33_333_334, price), Some(1));
	}

	#[test]
	fn extremes_do_not_overflow_silently() {
		assert_eq!(dc_to_fly(1, FixedU128::from_inner(0)), None);
		assert_eq!(fly_to_dc(u128::MAX, FixedU128::from_u32(1_000_000)), None);
		assert_eq!(dc_to_fly(u64::MAX, FixedU128::from_inner(1)), None);
	}
}
