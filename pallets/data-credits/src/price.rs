//! The conservative FLY/USD price used for minting.
//!
//! Rule: take every feeder's latest value; keep the fresh ones (age ≤ `max_age_ms`); require at
//! least `min_feeders` of them; use the **lowest** fresh value. Helium mints at the oracle EMA
//! minus two confidence intervals, a lower bound of the price; with a handful of feeders the
//! lowest fresh value is the plain lower bound: a single feeder reporting high cannot make DC
//! cheap, and burning FLY at a low price only gives fewer DC per FLY.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use flywheel_primitives::{Moment, PriceObservation};
use scale_info::TypeInfo;
use sp_runtime::FixedU128;

/// How fresh and how well-attested a price must be to mint with it.
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
pub struct PriceRules {
	/// The oldest a feed may be, in milliseconds.
	pub max_age_ms: Moment,
	/// How many fresh feeds are required.
	pub min_feeders: u32,
}

/// Why no price could be used.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PriceError {
	/// No feeder has ever fed a value.
	NoPrice,
	/// Every value is older than `max_age_ms`.
	StalePrice,
	/// Fewer than `min_feeders` values are fresh.
	NotEnoughFeeders,
	/// The lowest fresh value is zero.
	ZeroPrice,
}

/// The lowest fresh price, if the rules are met.
pub fn conservative_price(
	observations: &[PriceObservation],
	now: Moment,
	rules: PriceRules,
) -> Result<FixedU128, PriceError> {
	if observations.is_empty() {
		return Err(PriceError::NoPrice);
	}
	let fresh = observations
		.iter()
		.filter(|o| now.saturating_sub(o.timestamp) <= rules.max_age_ms)
		.map(|o| o.price);
	let (count, lowest) = fresh.fold((0u32, None::<FixedU128>), |(n, low), p| {
		(n.saturating_add(1), Some(low.map_or(p, |l| l.min(p))))
	});
	let lowest = lowest.ok_or(PriceError::StalePrice)?;
	if count < rules.min_feeders {
		return Err(PriceError::NotEnoughFeeders);
	}
	if lowest == FixedU128::from_inner(0) {
		return Err(PriceError::ZeroPrice);
	}
	Ok(lowest)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn obs(price: u32, timestamp: Moment) -> PriceObservation {
		PriceObservation { price: FixedU128::from_u32(price), timestamp }
	}
	const RULES: PriceRules = PriceRules { max_age_ms: 1_000, min_feeders: 2 };

	#[test]
	fn lowest_fresh_value_wins() {
		let feeds = [obs(5, 9_500), obs(3, 9_800), obs(1, 1_000)];
		assert_eq!(conservative_price(&feeds, 10_000, RULES), Ok(FixedU128::from_u32(3)));
	}

	#[test]
	fn refusals() {
		assert_eq!(conservative_price(&[], 10_000, RULES), Err(PriceError::NoPrice));
		assert_eq!(
			conservative_price(&[obs(5, 1), obs(4, 2)], 10_000, RULES),
			Err(PriceError::StalePrice)
		);
		assert_eq!(
			conservative_price(&[obs(5, 9_999), obs(4, 2)], 10_000, RULES),
			Err(PriceError::NotEnoughFeeders)
		);
		assert_eq!(
			conservative_price(&[obs(0, 9_999), obs(4, 9_999)], 10_000, RULES),
			Err(PriceError::ZeroPrice)
		);
	}
}
