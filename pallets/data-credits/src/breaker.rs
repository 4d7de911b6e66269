//! The mint circuit breaker: a rolling window whose recorded value decays linearly.
//!
//! Helium's windowed breaker: the window remembers one aggregated value and when it was last
//! updated. After `elapsed` blocks the value is worth `value × (window − elapsed) / window`
//! (zero once `elapsed ≥ window`). A mint adds its DC to the decayed value; if the sum would exceed
//! the threshold the mint fails and nothing changes.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use flywheel_primitives::{BlockNumber, DataCredits};
use scale_info::TypeInfo;
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};

/// The breaker's configuration.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct BreakerConfig {
	/// Window length in blocks.
	pub window: BlockNumber,
	/// Most DC that may be minted within one window.
	pub threshold: DataCredits,
}

/// The window's remembered value and when it was last updated.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct BreakerState {
	/// Aggregated DC minted, as of `last_block`.
	pub value: DataCredits,
	/// Block of the last update.
	pub last_block: BlockNumber,
}

impl BreakerState {
	/// The value decayed to block `now` (rounded up, so the breaker never under-counts).
	pub fn decayed(&self, now: BlockNumber, window: BlockNumber) -> DataCredits {
		let elapsed = now.saturating_sub(self.last_block);
		if window == 0 || elapsed >= window {
			return 0;
		}
		let remaining = u128::from(window.saturating_sub(elapsed));
		multiply_by_rational_with_rounding(
			u128::from(self.value),
			remaining,
			u128::from(window),
			Rounding::Up,
		)
		.and_then(|v| DataCredits::try_from(v).ok())
		.unwrap_or(self.value)
	}

	/// The state after minting `amount` at `now`, or `None` if that would exceed the threshold.
	pub fn try_add(
		&self,
		now: BlockNumber,
		config: BreakerConfig,
		amount: DataCredits,
	) -> Option<Self> {
		let value = self.decayed(now, config.window).checked_add(amount)?;
		(value <= config.threshold).then_some(Self { value, last_block: now })
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const CONFIG: BreakerConfig = BreakerConfig { window: 100, threshold: 1_000 };

	#[test]
	fn value_decays_linearly_over_the_window() {
		let s = BreakerState { value: 1_000, last_block: 10 };
		assert_eq!(s.decayed(10, 100), 1_000);
		assert_eq!(s.decayed(60, 100), 500);
		assert_eq!(s.decayed(109, 100), 10);
		assert_eq!(s.decayed(110, 100), 0);
		assert_eq!(s.decayed(5_000, 100), 0);
	}

	#[test]
	fn mints_over_the_threshold_are_refused() {
		let full = BreakerState { value: 1_000, last_block: 1 };
		assert_eq!(BreakerState::default().try_add(1, CONFIG, 1_000), Some(full));
		assert_eq!(full.try_add(1, CONFIG, 1), None);
		// Half a window later half the capacity is back.
		let later = BreakerState { value: 1_000, last_block: 51 };
		assert_eq!(full.try_add(51, CONFIG, 500), Some(later));
		assert_eq!(later.try_add(51, CONFIG, 1), None);
	}
}
