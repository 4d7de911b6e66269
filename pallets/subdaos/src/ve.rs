// SPDX-License-Identifier: Apache-2.0
//! veFLY voting power and how a delegated position moves its subDAO's totals.
//!
//! Voting power of a position with `left` blocks of lockup:
//! `power = amount × (baseline + max_extra × min(left, saturation) / saturation)`.
//! To keep every sum exact, the pallet stores *scaled* power, `power × saturation`:
//! `scaled = amount × (baseline × saturation + max_extra × min(left, saturation))`, an integer that
//! falls by exactly `amount × max_extra` per block while a cliff position decays. A subDAO's total
//! is then a sum, a fall rate, and corrections at the (epoch-aligned) blocks where a position
//! starts to decay or expires: no epoch close iterates positions.

use crate::types::{Lockup, VeCorrection, VeTotals};
use flywheel_primitives::{Balance, BlockNumber};

/// The voting power curve (runtime constants: changing them would invalidate stored totals).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct VeCurve {
	/// Power per locked FLY regardless of time left (whole multiples).
	pub baseline: u32,
	/// Extra power per locked FLY at `saturation` or more blocks left (whole multiples).
	pub max_extra: u32,
	/// Lockup time at which the extra power is full, in blocks (a multiple of the epoch length).
	pub saturation: BlockNumber,
}

impl VeCurve {
	/// Scaled power of `amount` FLY with `left` blocks of lockup left.
	pub fn scaled(&self, amount: Balance, left: BlockNumber) -> u128 {
		let base = u128::from(self.baseline).saturating_mul(u128::from(self.saturation));
		let extra =
			u128::from(self.max_extra).saturating_mul(u128::from(left.min(self.saturation)));
		amount.saturating_mul(base.saturating_add(extra))
	}

	/// Plain voting power (in FLY plancks of veFLY) from scaled power, rounded down.
	pub fn unscale(&self, scaled: u128) -> Balance {
		scaled.checked_div(u128::from(self.saturation)).unwrap_or_default()
	}

	/// Scaled power of a position at block `now`: zero once a cliff has expired.
	pub fn power_at(&self, amount: Balance, lockup: Lockup, now: BlockNumber) -> u128 {
		match lockup {
			Lockup::Constant { duration } => self.scaled(amount, duration),
			Lockup::Cliff { end } if now < end => self.scaled(amount, end.saturating_sub(now)),
			Lockup::Cliff { .. } => 0,
		}
	}

	/// How a position delegated at `now` weighs in its subDAO's totals.
	pub fn contribution(&self, amount: Balance, lockup: Lockup, now: BlockNumber) -> Contribution {
		let power = self.power_at(amount, lockup, now);
		let end = match lockup {
			Lockup::Cliff { end } if now < end => end,
			_ => return Contribution { power, ..Default::default() },
		};
		let rate = amount.saturating_mul(u128::from(self.max_extra));
		let baseline_part = amount
			.saturating_mul(u128::from(self.baseline))
			.saturating_mul(u128::from(self.saturation));
		let decaying_now = end.saturating_sub(now) <= self.saturation;
		Contribution {
			power,
			fall_rate: if decaying_now { rate } else { 0 },
			decay_start: (!decaying_now).then(|| (end.saturating_sub(self.saturation), rate)),
			expiry: Some((end, rate, baseline_part)),
		}
	}
}

/// A delegated position's weight in its subDAO's totals.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct Contribution {
	/// Scaled power now.
	pub power: u128,
	/// Scaled power lost per block from now on (a cliff within saturation).
	pub fall_rate: u128,
	/// `(block, rate)`: from `block` on the position loses `rate` per block.
	pub decay_start: Option<(BlockNumber, u128)>,
	/// `(block, rate, baseline)`: at `block` the position stops decaying and its baseline part
	/// (the power left at expiry) drops out.
	pub expiry: Option<(BlockNumber, u128, u128)>,
}

impl VeTotals {
	/// The totals brought forward to `now` (no correction lies between `last_update` and `now`).
	pub fn advanced(&self, now: BlockNumber) -> Self {
		let elapsed = u128::from(now.saturating_sub(self.last_update));
		Self {
			power: self.power.saturating_sub(self.fall_rate.saturating_mul(elapsed)),
			fall_rate: self.fall_rate,
			last_update: now.max(self.last_update),
		}
	}

	/// Applies the corrections that fall due at this block.
	pub fn corrected(mut self, c: VeCorrection) -> Self {
		self.fall_rate =
			self.fall_rate.saturating_add(c.fall_rate_add).saturating_sub(c.fall_rate_sub);
		self.power = self.power.saturating_add(c.power_add).saturating_sub(c.power_sub);
		self
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const CURVE: VeCurve = VeCurve { baseline: 0, max_extra: 100, saturation: 1_000 };

	#[test]
	fn power_grows_with_time_left_up_to_saturation() {
		assert_eq!(CURVE.unscale(CURVE.scaled(10, 1_000)), 1_000);
		assert_eq!(CURVE.unscale(CURVE.scaled(10, 5_000)), 1_000);
		assert_eq!(CURVE.unscale(CURVE.scaled(10, 500)), 500);
		assert_eq!(CURVE.unscale(CURVE.scaled(10, 0)), 0);
		let with_base = VeCurve { baseline: 1, ..CURVE };
		assert_eq!(with_base.unscale(with_base.scaled(10, 500)), 510);
	}

	#[test]
	fn cliff_decays_and_constant_does_not() {
		let cliff = Lockup::Cliff { end: 2_000 };
		assert_eq!(CURVE.power_at(1, cliff, 500), CURVE.scaled(1, 1_000));
		assert_eq!(CURVE.power_at(1, cliff, 1_500), CURVE.scaled(1, 500));
		assert_eq!(CURVE.power_at(1, cliff, 2_000), 0);
		let constant = Lockup::Constant { duration: 700 };
		assert_eq!(CURVE.power_at(1, constant, 0), CURVE.power_at(1, constant, 10_000));
	}

	#[test]
	fn totals_follow_the_positions_exactly() {
		// One cliff beyond saturation, one within; step the totals through both corrections.
		let base = VeCurve { baseline: 2, ..CURVE };
		let (a, b) = (Lockup::Cliff { end: 3_000 }, Lockup::Cliff { end: 1_000 });
		let ca = base.contribution(7, a, 0);
		let cb = base.contribution(3, b, 0);
		assert_eq!(ca.decay_start, Some((2_000, 700)));
		assert_eq!(cb.fall_rate, 300);
		let mut t = VeTotals {
			power: ca.power + cb.power,
			fall_rate: ca.fall_rate + cb.fall_rate,
			last_update: 0,
		};
		let sum = |now| base.power_at(7, a, now) + base.power_at(3, b, now);
		// Expiry of b at 1,000: its rate stops and its baseline part drops.
		t = t.advanced(1_000).corrected(VeCorrection {
			fall_rate_sub: 300,
			power_sub: cb.expiry.unwrap().2,
			..Default::default()
		});
		assert_eq!(t.power, sum(1_000));
		assert_eq!(t.advanced(1_999).power, sum(1_999));
		// a starts decaying at 2,000.
		t = t.advanced(2_000).corrected(VeCorrection { fall_rate_add: 700, ..Default::default() });
		assert_eq!(t.advanced(2_500).power, sum(2_500));
		t = t.advanced(3_000).corrected(VeCorrection {
			fall_rate_sub: 700,
			power_sub: ca.expiry.unwrap().2,
			..Default::default()
		});
		assert_eq!((t.power, t.fall_rate), (0, 0));
	}
}
