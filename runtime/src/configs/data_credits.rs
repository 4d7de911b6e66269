// SPDX-License-Identifier: Apache-2.0
//! pallet-data-credits: price rules, the minimum balance and the mint circuit breaker.

use super::{EpochLength, OracleFeedPrice, OraclePriceFeed};
use crate::{governance::TokenomicsAuthority, *};
use flywheel_primitives::DC_PER_USD;
use frame_support::{parameter_types, traits::ConstU32};
use sp_runtime::Perbill;

parameter_types! {
	/// A feed older than ten minutes is stale; a mint needs a quorum of three fresh feeds (the
	/// development preset, with its one dev feeder, sets one); the median moves at most 10% an
	/// hour and the mint follows its half-hour time-weighted average when that is lower.
	pub const DefaultPriceRules: pallet_data_credits::PriceRules = pallet_data_credits::PriceRules {
		max_age_ms: 10 * 60 * 1000,
		min_feeders: 3,
		twap_period_ms: 30 * 60 * 1000,
		max_move: Perbill::from_percent(10),
		move_window_ms: 60 * 60 * 1000,
	};
	/// A new DC balance or router escrow holds at least 1,000 DC ($0.01).
	pub const MinimumCredits: flywheel_primitives::DataCredits = 1_000;
	pub const MaxPayerShare: Perbill = Perbill::from_percent(10);
	/// At most 1,000,000 USD of DC minted per rolling day.
	pub const DefaultBreaker: pallet_data_credits::BreakerConfig =
		pallet_data_credits::BreakerConfig { window: DAYS, threshold: 1_000_000 * DC_PER_USD };
}

impl pallet_data_credits::Config for Runtime {
	type Currency = Balances;
	type PriceFeed = OraclePriceFeed;
	type FeedPrice = OracleFeedPrice;
	type SubDaos = SubDaos;
	type BurnTracker = SubDaos;
	/// DC burned for a subnet's service is its revenue (the subnets' revenue emission mode).
	type SubnetRevenue = Subnets;
	type AdminOrigin = TokenomicsAuthority;
	type GovernanceBounds = crate::governance::bounds::DataCreditsBounds;
	type EpochLength = EpochLength;
	type EpochHistory = ConstU32<30>;
	type DefaultPriceRules = DefaultPriceRules;
	type DefaultBreaker = DefaultBreaker;
	/// One payer may mint at most a tenth of the breaker's window ($100,000 a day).
	type MaxPayerShare = MaxPayerShare;
	type MinimumCredits = MinimumCredits;
	type WeightInfo = pallet_data_credits::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Tokenomics;
}
