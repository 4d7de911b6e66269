// SPDX-License-Identifier: Apache-2.0
//! Random paths for Monte Carlo runs. A scenario's `[noise]` says how far the price and the
//! demand may stray from their curves; the run's seed picks the path. The generator is
//! SplitMix64 (a fixed, documented algorithm), so a seed gives the same run on every machine
//! and every build.

use crate::scenario::Curve;
use serde::Deserialize;

/// A seeded generator: SplitMix64 (Steele, Lea and Flood, 2014).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
	pub fn new(seed: u64) -> Self {
		Rng(seed)
	}

	/// A generator for one stream of one seed: streams do not share draws, so adding a
	/// subDAO to a scenario does not change the price path of the same seed.
	pub fn stream(seed: u64, stream: u64) -> Self {
		let mut mix = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
		Rng(mix.next_u64())
	}

	pub fn next_u64(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
		z ^ (z >> 31)
	}

	/// Uniform in [0, 1).
	pub fn uniform(&mut self) -> f64 {
		(self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
	}

	/// Standard normal (Box–Muller).
	pub fn normal(&mut self) -> f64 {
		let u1 = self.uniform().max(f64::MIN_POSITIVE);
		let u2 = self.uniform();
		(-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
	}
}

/// How far a run's price and demand stray from the scenario's curves (`[noise]`). Zero, the
/// default, runs the curves as written (every seed gives the same run).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NoiseSpec {
	/// Annualised volatility of FLY/USD around its curve: the price is the curve times a
	/// geometric random walk with this volatility and no drift in the mean (0.8 = 80% a year;
	/// crypto assets run at 0.6–1.2).
	#[serde(default)]
	pub price_volatility: f64,
	/// Day-to-day noise of every usage, onboarding and revenue curve: each day's value is the
	/// curve times a lognormal factor of mean 1 with this standard deviation of its log
	/// (0.2 ≈ ±20%).
	#[serde(default)]
	pub usage_noise: f64,
}

/// A demand curve of the scenario, which draws its own noise.
#[derive(Clone, Copy, Debug)]
pub enum Stream {
	/// SubDAO `i`'s usage.
	Usage(usize),
	/// SubDAO `i`'s onboarding.
	Onboarding(usize),
	/// Subnet `i`'s revenue.
	Revenue(usize),
}

impl Stream {
	fn id(self) -> u64 {
		match self {
			Stream::Usage(i) => 10 * i as u64 + 1,
			Stream::Onboarding(i) => 10 * i as u64 + 2,
			Stream::Revenue(i) => 10_000 + i as u64,
		}
	}
}

/// Streams of a run's draws.
const PRICE_STREAM: u64 = 1;
const DEMAND_STREAMS: u64 = 1_000;

/// The multipliers of one run: the price walk by day, and each demand curve's daily factor.
#[derive(Clone, Debug)]
pub struct Paths {
	spec: NoiseSpec,
	seed: u64,
	/// The price walk's factor at the start of each day (day 0: 1).
	price: Vec<f64>,
}

impl Paths {
	/// The paths of `seed` over `days` (plus the closing day).
	pub fn new(spec: &NoiseSpec, seed: u64, days: u32) -> Self {
		let mut rng = Rng::stream(seed, PRICE_STREAM);
		let sigma = spec.price_volatility / 365f64.sqrt();
		let mut log = 0.0;
		let mut price = Vec::with_capacity(days as usize + 2);
		price.push(1.0);
		for _ in 0..=days {
			if sigma > 0.0 {
				log += sigma * rng.normal() - sigma * sigma / 2.0;
			}
			price.push(log.exp());
		}
		Paths { spec: spec.clone(), seed, price }
	}

	/// The price multiplier at fractional day `day` (linear between days).
	pub fn price_factor(&self, day: f64) -> f64 {
		let d = day.max(0.0);
		let i = (d.floor() as usize).min(self.price.len() - 1);
		let j = (i + 1).min(self.price.len() - 1);
		let t = d - d.floor();
		self.price[i] * (1.0 - t) + self.price[j] * t
	}

	/// The scenario's FLY/USD `curve` at (fractional) `day`, times this run's price walk.
	pub fn price(&self, curve: &Curve, day: f64) -> f64 {
		curve.at(day) * self.price_factor(day)
	}

	/// The demand `curve` of `stream` on `day`, times this run's noise for that stream.
	pub fn demand(&self, curve: &Curve, stream: Stream, day: u32) -> f64 {
		curve.at(f64::from(day)) * self.demand_factor(stream.id(), day)
	}

	/// The multiplier of demand curve `curve` (a number per curve of the scenario) on `day`.
	pub fn demand_factor(&self, curve: u64, day: u32) -> f64 {
		let sigma = self.spec.usage_noise;
		if sigma <= 0.0 {
			return 1.0;
		}
		let stream = DEMAND_STREAMS.saturating_add(curve.saturating_mul(100_000));
		let mut rng = Rng::stream(self.seed, stream.saturating_add(u64::from(day)));
		(sigma * rng.normal() - sigma * sigma / 2.0).exp()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_seed_gives_the_same_draws_and_another_seed_others() {
		let draws = |seed| (0..5).map(|_| Rng::new(seed).next_u64()).collect::<Vec<_>>();
		assert_eq!(draws(7), draws(7));
		let mut a = Rng::stream(7, 1);
		let mut b = Rng::stream(8, 1);
		assert_ne!(a.next_u64(), b.next_u64());
		// SplitMix64's first output for state 0 (the published reference value).
		assert_eq!(Rng::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
	}

	#[test]
	fn normals_have_mean_zero_and_unit_variance() {
		let mut rng = Rng::new(42);
		let n = 200_000;
		let xs: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
		let mean = xs.iter().sum::<f64>() / n as f64;
		let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
		assert!(mean.abs() < 0.01, "{mean}");
		assert!((var - 1.0).abs() < 0.02, "{var}");
	}

	#[test]
	fn without_noise_every_factor_is_one() {
		let paths = Paths::new(&NoiseSpec::default(), 3, 30);
		assert!((0..=30).all(|d| paths.price_factor(f64::from(d)) == 1.0));
		assert_eq!(paths.demand_factor(2, 10), 1.0);
	}

	#[test]
	fn the_price_walk_keeps_its_mean_and_spreads_with_volatility() {
		let spec = NoiseSpec { price_volatility: 0.8, usage_noise: 0.2 };
		let finals: Vec<f64> =
			(0..2_000).map(|seed| Paths::new(&spec, seed, 365).price_factor(365.0)).collect();
		let mean = finals.iter().sum::<f64>() / finals.len() as f64;
		assert!((mean - 1.0).abs() < 0.06, "the walk has no drift in the mean: {mean}");
		let logs: Vec<f64> = finals.iter().map(|f| f.ln()).collect();
		let m = logs.iter().sum::<f64>() / logs.len() as f64;
		let sd = (logs.iter().map(|l| (l - m).powi(2)).sum::<f64>() / logs.len() as f64).sqrt();
		assert!((sd - 0.8).abs() < 0.05, "a year's log-spread is the volatility: {sd}");
		// Between days the factor is interpolated; the same seed gives the same path.
		let p = Paths::new(&spec, 9, 10);
		let mid = p.price_factor(3.5);
		assert!((mid - (p.price_factor(3.0) + p.price_factor(4.0)) / 2.0).abs() < 1e-12);
		assert_eq!(Paths::new(&spec, 9, 10).price_factor(3.5), mid);
		let demand: Vec<f64> = (0..2_000).map(|d| p.demand_factor(1, d)).collect();
		let dm = demand.iter().sum::<f64>() / demand.len() as f64;
		assert!((dm - 1.0).abs() < 0.03, "demand noise keeps the curve's mean: {dm}");
		assert_ne!(p.demand_factor(1, 5), p.demand_factor(2, 5), "curves draw apart");
	}
}
