// SPDX-License-Identifier: Apache-2.0
//! A rolling window whose recorded value decays linearly (Helium's windowed circuit breaker).
//!
//! The window remembers one aggregated value and the block it was last updated at. After `elapsed`
//! blocks the value is worth `value × (window − elapsed) / window`, zero once `elapsed ≥ window`.
//! Used by the Data Credits mint breaker and the subDAO treasury outflow breaker.

use crate::BlockNumber;
use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};

/// The window's remembered value and when it was last updated.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct RollingWindow {
	/// Aggregated value as of `last_block`.
	pub value: u128,
	/// Block of the last update.
	pub last_block: BlockNumber,
}

impl RollingWindow {
	/// The value decayed to block `now`, rounded up so a breaker never under-counts.
	pub fn decayed(&self, now: BlockNumber, window: BlockNumber) -> u128 {
		let elapsed = now.saturating_sub(self.last_block);
		if window == 0 || elapsed >= window {
			return 0;
		}
		let remaining = u128::from(window.saturating_sub(elapsed));
		multiply_by_rational_with_rounding(self.value, remaining, u128::from(window), Rounding::Up)
			.unwrap_or(self.value)
	}

	/// The window after adding `amount` at `now`, or `None` if the decayed value plus `amount`
	/// would exceed `threshold`.
	pub fn try_add(
		&self,
		now: BlockNumber,
		window: BlockNumber,
		threshold: u128,
		amount: u128,
	) -> Option<Self> {
		let value = self.decayed(now, window).checked_add(amount)?;
		(value <= threshold).then_some(Self { value, last_block: now })
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn value_decays_linearly_over_the_window() {
		let w = RollingWindow { value: 1_000, last_block: 10 };
		assert_eq!(w.decayed(10, 100), 1_000);
		assert_eq!(w.decayed(60, 100), 500);
		assert_eq!(w.decayed(109, 100), 10);
		assert_eq!(w.decayed(110, 100), 0);
		assert_eq!(w.decayed(5_000, 100), 0);
		// Rounded up: a third of the window left of 1,000 is 333.3…, counted as 334.
		assert_eq!(RollingWindow { value: 1_000, last_block: 0 }.decayed(2, 3), 334);
	}

	#[test]
	fn additions_over_the_threshold_are_refused() {
		let full = RollingWindow { value: 1_000, last_block: 1 };
		assert_eq!(RollingWindow::default().try_add(1, 100, 1_000, 1_000), Some(full));
		assert_eq!(full.try_add(1, 100, 1_000, 1), None);
		// Half a window later half the capacity is back.
		let later = RollingWindow { value: 1_000, last_block: 51 };
		assert_eq!(full.try_add(51, 100, 1_000, 500), Some(later));
		assert_eq!(later.try_add(51, 100, 1_000, 1), None);
		assert_eq!(
			RollingWindow::default().try_add(1, 100, u128::MAX, u128::MAX),
			Some(RollingWindow { value: u128::MAX, last_block: 1 })
		);
		assert_eq!(
			RollingWindow { value: 1, last_block: 1 }.try_add(1, 100, u128::MAX, u128::MAX),
			None
		);
	}
}
