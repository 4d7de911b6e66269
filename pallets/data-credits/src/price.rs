//! The conservative FLY/USD price used for minting.
//!
//! Rule: take every feeder's latest value; keep the fresh ones (age ≤ `max_age_ms`); require at
//! least `min_feeders` of them; use the **lowest** fresh value. Helium mints at the oracle EMA
//! minus two confidence intervals, a lower bound of the price; with a handful of feeders the
//! lowest fresh value is the plain lower bound: a single feeder reporting high cannot make DC
//! cheap, and burning FLY at a low price only gives fewer DC per FLY.
//!
//! The feeds are aggregated once per feed ([`aggregate`], stored as a [`CachedPrice`]) instead of
//! at every mint, so a mint reads one value however many feeders there are. The cache keeps the
//! lowest fresh value, how many values were fresh and the time of the **oldest** of them;
//! [`check`] applies the rules at mint time against that oldest time. Every value that went into
//! the cache is at least as young as the oldest, so the cache is usable exactly while all of its
//! values are fresh: it can refuse a mint the per-feed rule would allow (a fresher feeder alone
//! would have been enough), never the other way round.

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

/// The feeds aggregated at one moment: what a mint checks against the rules in force.
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
pub struct CachedPrice {
	/// The lowest fresh value.
	pub lowest: FixedU128,
	/// When the oldest fresh value was fed (0 if none was fresh).
	pub oldest: Moment,
	/// How many values were fresh.
	pub fresh_feeders: u32,
}

/// Aggregates the feeds at `now`: `None` if there are none at all.
pub fn aggregate(
	observations: &[PriceObservation],
	now: Moment,
	max_age_ms: Moment,
) -> Option<CachedPrice> {
	if observations.is_empty() {
		return None;
	}
	let fresh = observations.iter().filter(|o| now.saturating_sub(o.timestamp) <= max_age_ms);
	let cached = fresh.fold(None::<CachedPrice>, |acc, o| {
		Some(match acc {
			None => CachedPrice { lowest: o.price, oldest: o.timestamp, fresh_feeders: 1 },
			Some(c) => CachedPrice {
				lowest: c.lowest.min(o.price),
				oldest: c.oldest.min(o.timestamp),
				fresh_feeders: c.fresh_feeders.saturating_add(1),
			},
		})
	});
	Some(cached.unwrap_or(CachedPrice {
		lowest: FixedU128::from_inner(0),
		oldest: 0,
		fresh_feeders: 0,
	}))
}

/// The price to mint with at `now`, if the aggregated feeds meet the rules.
pub fn check(
	cached: Option<CachedPrice>,
	now: Moment,
	rules: PriceRules,
) -> Result<FixedU128, PriceError> {
	let cached = cached.ok_or(PriceError::NoPrice)?;
	if cached.fresh_feeders == 0 || now.saturating_sub(cached.oldest) > rules.max_age_ms {
		return Err(PriceError::StalePrice);
	}
	if cached.fresh_feeders < rules.min_feeders {
		return Err(PriceError::NotEnoughFeeders);
	}
	if cached.lowest == FixedU128::from_inner(0) {
		return Err(PriceError::ZeroPrice);
	}
	Ok(cached.lowest)
}

/// The lowest fresh price, if the rules are met: [`aggregate`] and [`check`] at the same moment.
pub fn conservative_price(
	observations: &[PriceObservation],
	now: Moment,
	rules: PriceRules,
) -> Result<FixedU128, PriceError> {
	check(aggregate(observations, now, rules.max_age_ms), now, rules)
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

	#[test]
	fn a_cached_aggregate_goes_stale_with_its_oldest_value() {
		let cached = aggregate(&[obs(5, 9_500), obs(3, 9_800), obs(1, 1_000)], 10_000, 1_000);
		assert_eq!(
			cached,
			Some(CachedPrice { lowest: FixedU128::from_u32(3), oldest: 9_500, fresh_feeders: 2 })
		);
		assert_eq!(check(cached, 10_500, RULES), Ok(FixedU128::from_u32(3)));
		// 9,500 is too old at 10,501 although 9,800 is not: the cache refuses.
		assert_eq!(check(cached, 10_501, RULES), Err(PriceError::StalePrice));
		// Stricter rules apply to an older aggregate.
		let three = PriceRules { min_feeders: 3, ..RULES };
		assert_eq!(check(cached, 10_000, three), Err(PriceError::NotEnoughFeeders));
		let nothing_fresh = aggregate(&[obs(5, 1)], 10_000, 1_000);
		assert_eq!(check(nothing_fresh, 10_000, RULES), Err(PriceError::StalePrice));
		assert_eq!(check(None, 10_000, RULES), Err(PriceError::NoPrice));
	}
}
