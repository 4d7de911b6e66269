// SPDX-License-Identifier: Apache-2.0
//! The FLY/USD price used for minting.
//!
//! One feeder must not be able to set the price, and a price that jumps must not make DC cheap
//! before anyone can react. Each aggregation ([`aggregate`], run at every feed):
//! 1. takes every feeder's latest value and keeps the fresh ones (age ≤ `max_age_ms`);
//! 2. needs a **quorum** of them (`min_feeders`, at least 3 on every non-dev chain), else the
//!    aggregate is not usable and a mint fails with `StalePrice`;
//! 3. takes their **median** (the lower middle value of an even count): a minority of feeders,
//!    however wrong, moves nothing;
//! 4. **bounds the move**: the median may move at most `max_move` from the aggregate at the start
//!    of the current `move_window_ms` window (the bounded value is `spot`);
//! 5. updates a **time-weighted average** (`twap`, an exponential average whose weight grows
//!    with the time elapsed: `twap += (previous spot − twap) × min(1, Δt / twap_period_ms)`).
//!
//! A mint uses the **lowest** of the median, the bounded spot and the TWAP, the conservative
//! side (Helium mints at its oracle EMA minus two confidence intervals): a price rise reaches
//! minters late and bounded, a fall at once; a low price only gives fewer DC per FLY.
//!
//! The cache keeps the time of the **oldest** fresh value it used; [`check`] refuses the cache
//! once that value is stale, so it is usable exactly while all of its values are fresh.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use flywheel_primitives::{Moment, PriceObservation};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{Saturating, Zero},
	FixedU128, Perbill,
};

/// How fresh, well-attested and steady a price must be to mint with it.
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
	frame_support::Serialize,
	frame_support::Deserialize,
)]
#[serde(crate = "frame_support::__private::serde", rename_all = "camelCase")]
pub struct PriceRules {
	/// The oldest a feed may be, in milliseconds.
	pub max_age_ms: Moment,
	/// How many fresh feeds are required (the quorum).
	pub min_feeders: u32,
	/// The time over which the average follows the price, in milliseconds.
	pub twap_period_ms: Moment,
	/// The most the aggregate may move within one window.
	pub max_move: Perbill,
	/// The window of `max_move`, in milliseconds.
	pub move_window_ms: Moment,
}

impl PriceRules {
	/// Whether every field is in range (governance may not set a zero age, quorum, period,
	/// move or window).
	pub fn is_valid(&self) -> bool {
		self.max_age_ms > 0
			&& self.min_feeders > 0
			&& self.twap_period_ms > 0
			&& !self.max_move.is_zero()
			&& self.move_window_ms > 0
	}
}

/// Why no price could be used.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PriceError {
	/// No feeder has ever fed a value.
	NoPrice,
	/// Fewer fresh values than the quorum (or every value too old).
	StalePrice,
	/// The price to mint with is zero.
	ZeroPrice,
}

/// The feeds aggregated at one moment, with the state the next aggregation builds on.
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
	Default,
)]
pub struct CachedPrice {
	/// The median of the fresh values at the last aggregation with a quorum.
	pub median: FixedU128,
	/// The median bounded by the move limit.
	pub spot: FixedU128,
	/// The time-weighted average of `spot`.
	pub twap: FixedU128,
	/// When `spot` and `twap` were last set.
	pub updated: Moment,
	/// The aggregate at the start of the current move window.
	pub anchor: FixedU128,
	/// When the current move window started.
	pub anchor_at: Moment,
	/// When the oldest fresh value was fed (0 without a quorum).
	pub oldest: Moment,
	/// How many values were fresh at the last aggregation.
	pub fresh_feeders: u32,
}

/// The lower median of `values` (sorted in place); `None` if empty.
pub fn lower_median(values: &mut [FixedU128]) -> Option<FixedU128> {
	values.sort();
	let middle = values.len().checked_sub(1)? / 2;
	values.get(middle).copied()
}

/// `value` moved at most `max_move` away from `anchor`.
fn bounded(value: FixedU128, anchor: FixedU128, max_move: Perbill) -> FixedU128 {
	let step = FixedU128::from_inner(max_move.mul_floor(anchor.into_inner()));
	value.clamp(anchor.saturating_sub(step), anchor.saturating_add(step))
}

/// `twap` moved toward `spot` by the share `elapsed / period` (all of the way past a period).
fn averaged(twap: FixedU128, spot: FixedU128, elapsed: Moment, period: Moment) -> FixedU128 {
	if elapsed >= period {
		return spot;
	}
	let weight = Perbill::from_rational(elapsed, period);
	if spot >= twap {
		twap.saturating_add(FixedU128::from_inner(
			weight.mul_floor(spot.saturating_sub(twap).into_inner()),
		))
	} else {
		twap.saturating_sub(FixedU128::from_inner(
			weight.mul_ceil(twap.saturating_sub(spot).into_inner()),
		))
	}
}

/// Aggregates the feeds at `now` on top of the previous aggregate: `None` if nothing was ever
/// fed. Without a quorum of fresh values the previous spot, average and window are kept and the
/// result is not usable until a quorum feeds again.
pub fn aggregate(
	previous: Option<CachedPrice>,
	observations: &[PriceObservation],
	now: Moment,
	rules: PriceRules,
) -> Option<CachedPrice> {
	if observations.is_empty() && previous.is_none() {
		return None;
	}
	let fresh: alloc::vec::Vec<&PriceObservation> = observations
		.iter()
		.filter(|o| now.saturating_sub(o.timestamp) <= rules.max_age_ms)
		.collect();
	let count = u32::try_from(fresh.len()).unwrap_or(u32::MAX);
	let mut values: alloc::vec::Vec<FixedU128> = fresh.iter().map(|o| o.price).collect();
	let median = lower_median(&mut values);
	let (Some(median), true) = (median, count >= rules.min_feeders) else {
		let kept = previous.unwrap_or_default();
		return Some(CachedPrice { oldest: 0, fresh_feeders: count, ..kept });
	};
	let oldest = fresh.iter().map(|o| o.timestamp).min().unwrap_or(now);
	let cached = match previous.filter(|p| !p.spot.is_zero()) {
		// The first aggregate with a quorum starts every average at the median.
		None => CachedPrice {
			median,
			spot: median,
			twap: median,
			updated: now,
			anchor: median,
			anchor_at: now,
			oldest,
			fresh_feeders: count,
		},
		Some(p) => {
			let (anchor, anchor_at) = if now.saturating_sub(p.anchor_at) >= rules.move_window_ms {
				(p.spot, now)
			} else {
				(p.anchor, p.anchor_at)
			};
			let elapsed = now.saturating_sub(p.updated);
			CachedPrice {
				median,
				spot: bounded(median, anchor, rules.max_move),
				twap: averaged(p.twap, p.spot, elapsed, rules.twap_period_ms),
				updated: now,
				anchor,
				anchor_at,
				oldest,
				fresh_feeders: count,
			}
		}
	};
	Some(cached)
}

/// The aggregate at `now`, if it meets the rules: a quorum of fresh feeds, none too old.
fn usable(
	cached: Option<CachedPrice>,
	now: Moment,
	rules: PriceRules,
) -> Result<CachedPrice, PriceError> {
	let cached = cached.ok_or(PriceError::NoPrice)?;
	if cached.fresh_feeders < rules.min_feeders
		|| cached.fresh_feeders == 0
		|| now.saturating_sub(cached.oldest) > rules.max_age_ms
	{
		return Err(PriceError::StalePrice);
	}
	Ok(cached)
}

fn non_zero(price: FixedU128) -> Result<FixedU128, PriceError> {
	if price.is_zero() {
		return Err(PriceError::ZeroPrice);
	}
	Ok(price)
}

/// The price to mint with at `now`, if the aggregate meets the rules: the lowest of the median,
/// the bounded spot and the TWAP (the fewest DC for a FLY).
pub fn check(
	cached: Option<CachedPrice>,
	now: Moment,
	rules: PriceRules,
) -> Result<FixedU128, PriceError> {
	let c = usable(cached, now, rules)?;
	non_zero(c.median.min(c.spot).min(c.twap))
}

/// The price to value burned DC in FLY at `now`, under the same rules: the highest of the
/// median, the bounded spot and the TWAP, so a burn is worth the fewest FLY any of them gives
/// (revenue that attracts emission is valued in the protocol's favour, as minting is).
pub fn check_valuation(
	cached: Option<CachedPrice>,
	now: Moment,
	rules: PriceRules,
) -> Result<FixedU128, PriceError> {
	let c = usable(cached, now, rules)?;
	non_zero(c.median.max(c.spot).max(c.twap))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn obs(price: u32, timestamp: Moment) -> PriceObservation {
		PriceObservation { price: FixedU128::from_u32(price), timestamp }
	}
	fn fixed(n: u128, d: u128) -> FixedU128 {
		FixedU128::from_rational(n, d)
	}
	const RULES: PriceRules = PriceRules {
		max_age_ms: 1_000,
		min_feeders: 3,
		twap_period_ms: 10_000,
		max_move: Perbill::from_percent(10),
		move_window_ms: 60_000,
	};

	fn first(feeds: &[PriceObservation], now: Moment) -> Option<CachedPrice> {
		aggregate(None, feeds, now, RULES)
	}

	#[test]
	fn the_median_of_a_quorum_is_the_price() {
		let feeds = [obs(5, 9_500), obs(3, 9_800), obs(4, 9_900), obs(1, 1_000)];
		let cached = first(&feeds, 10_000);
		assert_eq!(check(cached, 10_000, RULES), Ok(FixedU128::from_u32(4)));
		assert_eq!(cached.map(|c| (c.oldest, c.fresh_feeders)), Some((9_500, 3)));
		// Even count: the lower middle value.
		let mut four = [1, 2, 3, 4].map(FixedU128::from_u32);
		assert_eq!(lower_median(&mut four), Some(FixedU128::from_u32(2)));
		assert_eq!(lower_median(&mut []), None);
	}

	#[test]
	fn one_feeder_quoting_ten_times_moves_nothing() {
		let honest = [obs(1, 10_000), obs(1, 10_000), obs(1, 10_000)];
		let cached = first(&honest, 10_000);
		let liar = [obs(10, 10_500), obs(1, 10_000), obs(1, 10_000)];
		let after = aggregate(cached, &liar, 10_500, RULES);
		assert_eq!(check(after, 10_500, RULES), Ok(FixedU128::from_u32(1)));
		// Nor does one quoting zero.
		let zero = [obs(0, 10_600), obs(1, 10_000), obs(1, 10_000)];
		let after = aggregate(after, &zero, 10_600, RULES);
		assert_eq!(check(after, 10_600, RULES), Ok(FixedU128::from_u32(1)));
	}

	#[test]
	fn below_quorum_the_price_is_stale() {
		assert_eq!(check(first(&[], 10_000), 10_000, RULES), Err(PriceError::NoPrice));
		let two = first(&[obs(5, 9_999), obs(4, 9_999), obs(4, 2)], 10_000);
		assert_eq!(check(two, 10_000, RULES), Err(PriceError::StalePrice));
		let old = first(&[obs(5, 1), obs(4, 2), obs(4, 3)], 10_000);
		assert_eq!(check(old, 10_000, RULES), Err(PriceError::StalePrice));
		// A usable aggregate loses its quorum when one of three feeders goes quiet.
		let three = [obs(2, 10_000), obs(2, 10_000), obs(2, 10_000)];
		let cached = first(&three, 10_000);
		let later = [obs(2, 10_900), obs(2, 10_900), obs(2, 10_000)];
		let cached = aggregate(cached, &later, 11_500, RULES);
		assert_eq!(check(cached, 11_500, RULES), Err(PriceError::StalePrice));
		let zero = first(&[obs(0, 10_000), obs(0, 10_000), obs(0, 10_000)], 10_000);
		assert_eq!(check(zero, 10_000, RULES), Err(PriceError::ZeroPrice));
	}

	#[test]
	fn a_cached_aggregate_goes_stale_with_its_oldest_value() {
		let cached = first(&[obs(5, 9_500), obs(3, 9_800), obs(3, 9_900)], 10_000);
		assert_eq!(check(cached, 10_500, RULES), Ok(FixedU128::from_u32(3)));
		assert_eq!(check(cached, 10_501, RULES), Err(PriceError::StalePrice));
		// Stricter rules apply to an older aggregate.
		let four = PriceRules { min_feeders: 4, ..RULES };
		assert_eq!(check(cached, 10_000, four), Err(PriceError::StalePrice));
	}

	#[test]
	fn a_rise_is_bounded_per_window_and_reaches_minters_through_the_average() {
		let at = |p: u32, t: Moment| [obs(p, t), obs(p, t), obs(p, t)];
		let cached = first(&at(1, 0), 0);
		// All feeders quote 2: the spot moves 10% this window, the average less.
		let cached = aggregate(cached, &at(2, 1_000), 1_000, RULES);
		let c = cached.unwrap();
		assert_eq!((c.median, c.spot), (FixedU128::from_u32(2), fixed(11, 10)));
		assert_eq!(c.twap, FixedU128::from_u32(1));
		assert_eq!(check(cached, 1_000, RULES), Ok(FixedU128::from_u32(1)));
		// Later in the window: still 10% at most; the average has followed a tenth of the way.
		let cached = aggregate(cached, &at(2, 2_000), 2_000, RULES);
		let c = cached.unwrap();
		assert_eq!(c.spot, fixed(11, 10));
		assert_eq!(c.twap, fixed(101, 100));
		assert_eq!(check(cached, 2_000, RULES), Ok(fixed(101, 100)));
		// A new window lets the spot move 10% from where it stands.
		let cached = aggregate(cached, &at(2, 61_000), 61_000, RULES);
		let c = cached.unwrap();
		assert_eq!(c.spot, fixed(121, 100));
		assert_eq!(c.twap, fixed(11, 10));
		assert_eq!(check(cached, 61_000, RULES), Ok(fixed(11, 10)));
	}

	#[test]
	fn burns_are_valued_at_the_highest_price_and_mints_priced_at_the_lowest() {
		let at = |p: u32, t: Moment| [obs(p, t), obs(p, t), obs(p, t)];
		let cached = first(&at(1, 0), 0);
		// Rising: median 2, spot 1.1, average 1.
		let rising = aggregate(cached, &at(2, 1_000), 1_000, RULES);
		assert_eq!(check(rising, 1_000, RULES), Ok(FixedU128::from_u32(1)));
		assert_eq!(check_valuation(rising, 1_000, RULES), Ok(FixedU128::from_u32(2)));
		// Falling from 10 to 2: median 2, spot 9, average 10.
		let cached = first(&at(10, 0), 0);
		let falling = aggregate(cached, &at(2, 500), 500, RULES);
		assert_eq!(check(falling, 500, RULES), Ok(FixedU128::from_u32(2)));
		assert_eq!(check_valuation(falling, 500, RULES), Ok(FixedU128::from_u32(10)));
		// Stale is stale for both.
		assert_eq!(
			check_valuation(falling, 500 + RULES.max_age_ms + 1, RULES),
			Err(PriceError::StalePrice)
		);
		assert_eq!(check_valuation(None, 0, RULES), Err(PriceError::NoPrice));
	}

	#[test]
	fn a_fall_reaches_minters_at_once() {
		let at = |p: u32, t: Moment| [obs(p, t), obs(p, t), obs(p, t)];
		let cached = first(&at(10, 0), 0);
		let cached = aggregate(cached, &at(2, 500), 500, RULES);
		assert_eq!(cached.unwrap().spot, FixedU128::from_u32(9));
		assert_eq!(check(cached, 500, RULES), Ok(FixedU128::from_u32(2)));
	}
}
