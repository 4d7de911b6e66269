// SPDX-License-Identifier: Apache-2.0
//! The inflation controller and the emission split: pure functions, tested here.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use flywheel_primitives::{within_bounds_by_fields, Balance, BlockNumber, Bounds};
use scale_info::TypeInfo;
use sp_arithmetic::{
	traits::{Saturating, Zero},
	Rounding,
};
use sp_runtime::{FixedU128, PerThing, Perbill};

/// How the per-round rate moves.
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
pub struct RateParams {
	/// The bonded ratio the controller steers toward.
	pub target: Perbill,
	/// How far the rate moves per round.
	pub step: Perbill,
	/// The lowest per-round rate.
	pub min_rate: Perbill,
	/// The highest per-round rate.
	pub max_rate: Perbill,
}

within_bounds_by_fields!(RateParams { target, step, min_rate, max_rate });

/// The hard ranges within which the bounded admin origin (the `tokenomics_admin` track) may set
/// the controller, the round length and the split; only the root track may go outside them.
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
pub struct GovernanceBounds {
	/// Each controller parameter's range.
	pub params: Bounds<RateParams>,
	/// The round length's range, in blocks.
	pub round_length: Bounds<BlockNumber>,
	/// Each share's range (the shares must still sum to 100%).
	pub split: Bounds<EmissionSplit>,
}

/// Shares of each round's mint; they must sum to exactly 100%.
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
pub struct EmissionSplit {
	/// Operators and delegators (pallet-bonding).
	pub stakers: Perbill,
	/// The subDAO pool (pallet-subdaos).
	pub subdaos: Perbill,
	/// The subnet pool (pallet-subnets).
	pub subnets: Perbill,
	/// The treasury (pallet-treasury).
	pub treasury: Perbill,
}

within_bounds_by_fields!(EmissionSplit { stakers, subdaos, subnets, treasury });

/// A round's mint divided by an [`EmissionSplit`].
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct Parts {
	pub stakers: Balance,
	pub subdaos: Balance,
	pub subnets: Balance,
	/// The treasury's share plus the rounding dust of the other three.
	pub treasury: Balance,
}

impl Parts {
	/// The sum of the parts (= the amount divided).
	pub fn total(&self) -> Balance {
		self.stakers
			.saturating_add(self.subdaos)
			.saturating_add(self.subnets)
			.saturating_add(self.treasury)
	}
}

impl EmissionSplit {
	/// Whether the shares sum to exactly 100%.
	pub fn is_whole(&self) -> bool {
		[self.stakers, self.subdaos, self.subnets, self.treasury]
			.iter()
			.try_fold(0u32, |sum, p| sum.checked_add(p.deconstruct()))
			== Some(Perbill::ACCURACY)
	}

	/// Divides `amount`: each of the first three shares rounded down, the treasury gets the rest,
	/// so the parts sum to `amount` exactly.
	pub fn divide(&self, amount: Balance) -> Parts {
		let stakers = self.stakers.mul_floor(amount);
		let subdaos = self.subdaos.mul_floor(amount);
		let subnets = self.subnets.mul_floor(amount);
		let treasury =
			amount.saturating_sub(stakers).saturating_sub(subdaos).saturating_sub(subnets);
		Parts { stakers, subdaos, subnets, treasury }
	}
}

/// `bonded / issuance`, rounded down; zero without issuance, 100% at most.
pub fn bonded_ratio(bonded: Balance, issuance: Balance) -> Perbill {
	if issuance.is_zero() {
		return Perbill::zero();
	}
	Perbill::from_rational_with_rounding(bonded.min(issuance), issuance, Rounding::Down)
		.unwrap_or_else(|_| Perbill::one())
}

/// The rate for the next round: one step toward the target, within the bounds.
pub fn next_rate(rate: Perbill, ratio: Perbill, p: &RateParams) -> Perbill {
	let moved = match ratio.cmp(&p.target) {
		core::cmp::Ordering::Less => rate.saturating_add(p.step),
		core::cmp::Ordering::Greater => rate.saturating_sub(p.step),
		core::cmp::Ordering::Equal => rate,
	};
	moved.clamp(p.min_rate, p.max_rate)
}

/// `(1 + rate)^rounds − 1`, saturating.
pub fn annualised(rate: Perbill, rounds: u32) -> FixedU128 {
	let one = FixedU128::from_u32(1);
	let per_round = one.saturating_add(FixedU128::from_perbill(rate));
	per_round.saturating_pow(rounds as usize).saturating_sub(one)
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	const PARAMS: RateParams = RateParams {
		target: Perbill::from_percent(50),
		step: Perbill::from_parts(500),
		min_rate: Perbill::from_parts(0),
		max_rate: Perbill::from_parts(1_000),
	};

	#[test]
	fn the_rate_steps_toward_the_target_within_bounds() {
		let r = Perbill::from_parts(218_500);
		let p = RateParams { max_rate: Perbill::from_parts(1_000_000), ..PARAMS };
		assert_eq!(next_rate(r, Perbill::from_percent(40), &p), Perbill::from_parts(219_000));
		assert_eq!(next_rate(r, Perbill::from_percent(60), &p), Perbill::from_parts(218_000));
		assert_eq!(next_rate(r, Perbill::from_percent(50), &p), r);
		// Bounds: never above max, never below min.
		assert_eq!(
			next_rate(Perbill::from_parts(800), Perbill::zero(), &PARAMS),
			Perbill::from_parts(1_000)
		);
		assert_eq!(
			next_rate(Perbill::from_parts(300), Perbill::one(), &PARAMS),
			Perbill::from_parts(0)
		);
	}

	#[test]
	fn the_bonded_ratio_rounds_down() {
		assert_eq!(bonded_ratio(1, 3), Perbill::from_parts(333_333_333));
		assert_eq!(bonded_ratio(0, 0), Perbill::zero());
		assert_eq!(bonded_ratio(5, 4), Perbill::one());
		assert_eq!(bonded_ratio(u128::MAX / 2, u128::MAX), Perbill::from_parts(499_999_999));
	}

	#[test]
	fn the_split_must_be_whole_and_divides_exactly() {
		let split = EmissionSplit {
			stakers: Perbill::from_percent(50),
			subdaos: Perbill::from_percent(30),
			subnets: Perbill::from_percent(15),
			treasury: Perbill::from_percent(5),
		};
		assert!(split.is_whole());
		assert!(!EmissionSplit { treasury: Perbill::from_percent(4), ..split }.is_whole());
		assert!(!EmissionSplit { treasury: Perbill::from_percent(6), ..split }.is_whole());
		let parts = split.divide(999);
		assert_eq!(parts, Parts { stakers: 499, subdaos: 299, subnets: 149, treasury: 52 });
		assert_eq!(parts.total(), 999);
		assert_eq!(split.divide(u128::MAX).total(), u128::MAX);
	}

	#[test]
	fn livepeer_rate_is_about_eight_percent_a_year_with_daily_rounds() {
		let a = annualised(Perbill::from_parts(218_500), 365);
		assert!(a > FixedU128::from_rational(82, 1_000) && a < FixedU128::from_rational(84, 1_000));
		assert_eq!(annualised(Perbill::zero(), 365), FixedU128::zero());
	}

	proptest! {
		/// (a) Over random bonded ratios the rate stays within [min, max] and moves by at most
		/// one step per round.
		#[test]
		fn the_controller_stays_in_bounds_and_moves_one_step(
			start in 0u32..=2_000_000,
			min in 0u32..=1_000_000,
			width in 0u32..=1_000_000,
			step in 1u32..=100_000,
			target in 0u32..=1_000_000_000,
			ratios in proptest::collection::vec(0u32..=1_000_000_000, 1..200),
		) {
			let p = RateParams {
				target: Perbill::from_parts(target),
				step: Perbill::from_parts(step),
				min_rate: Perbill::from_parts(min),
				max_rate: Perbill::from_parts(min.saturating_add(width)),
			};
			let mut rate = Perbill::from_parts(start).clamp(p.min_rate, p.max_rate);
			for ratio in ratios {
				let next = next_rate(rate, Perbill::from_parts(ratio), &p);
				prop_assert!(p.min_rate <= next && next <= p.max_rate);
				let moved = next.deconstruct().abs_diff(rate.deconstruct());
				prop_assert!(moved <= step);
				if ratio < target { prop_assert!(next >= rate); }
				if ratio > target { prop_assert!(next <= rate); }
				if ratio == target { prop_assert_eq!(next, rate); }
				rate = next;
			}
		}

		#[test]
		fn any_whole_split_delivers_exactly_what_is_minted(
			a in 0u32..=1_000_000_000,
			b in 0u32..=1_000_000_000,
			c in 0u32..=1_000_000_000,
			amount in any::<u128>(),
		) {
			let mut cuts = [a, b, c];
			cuts.sort();
			let split = EmissionSplit {
				stakers: Perbill::from_parts(cuts[0]),
				subdaos: Perbill::from_parts(cuts[1] - cuts[0]),
				subnets: Perbill::from_parts(cuts[2] - cuts[1]),
				treasury: Perbill::from_parts(1_000_000_000 - cuts[2]),
			};
			prop_assert!(split.is_whole());
			let parts = split.divide(amount);
			prop_assert_eq!(parts.total(), amount);
			prop_assert!(parts.stakers <= split.stakers.mul_ceil(amount));
		}
	}
}
