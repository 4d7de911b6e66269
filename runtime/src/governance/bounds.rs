// SPDX-License-Identifier: Apache-2.0
//! Governance within bounds: the hard range of every parameter the `tokenomics_admin` track may
//! set (the table in runtime/README.md lists them). Root gets `AdminScope::Full` and may set any
//! valid value; the `tokenomics_admin` track gets `AdminScope::Bounded` and is refused
//! (`OutsideGovernanceBounds`) past these ranges. Ranges in blocks follow the chain profile, so
//! they are read at call time rather than carried as metadata constants.

use super::EnsureTokenomicsAdmin;
use crate::{
	configs::{profile::profile, subnets::subnet_params, MaxOracleFeeders},
	*,
};
use flywheel_primitives::{AdminScope, Bounds, DC_PER_USD};
use frame_support::{
	parameter_types,
	traits::{EitherOf, Get, MapSuccess},
};
use frame_system::EnsureRoot;
use sp_runtime::{traits::Replace, Perbill};

parameter_types! {
	pub const FullScope: AdminScope = AdminScope::Full;
	pub const BoundedScope: AdminScope = AdminScope::Bounded;
}

/// The origin of every tokenomics pallet's admin calls: root with `AdminScope::Full`, the
/// `TokenomicsAdmin` referendum origin with `AdminScope::Bounded`.
pub type TokenomicsAuthority = EitherOf<
	MapSuccess<EnsureRoot<AccountId>, Replace<FullScope>>,
	MapSuccess<EnsureTokenomicsAdmin, Replace<BoundedScope>>,
>;

/// The controller within Livepeer's neighbourhood and never above the genesis ceiling (≈ 22% a
/// year with daily rounds); rounds no shorter than the profile's (the rate is per round, so a
/// shorter round would multiply inflation) and at most a week of them; each share of the split
/// within a band around the genesis split.
pub struct InflationBounds;
impl Get<pallet_inflation::GovernanceBounds> for InflationBounds {
	fn get() -> pallet_inflation::GovernanceBounds {
		use pallet_inflation::{EmissionSplit, RateParams};
		let round = profile().round_length;
		pallet_inflation::GovernanceBounds {
			params: Bounds {
				min: RateParams {
					target: Perbill::from_percent(30),
					step: Perbill::from_parts(100),
					min_rate: Perbill::zero(),
					max_rate: Perbill::from_parts(54_800),
				},
				max: RateParams {
					target: Perbill::from_percent(70),
					step: Perbill::from_parts(5_000),
					min_rate: Perbill::from_parts(54_800),
					max_rate: Perbill::from_parts(548_000),
				},
			},
			round_length: Bounds { min: round, max: round.saturating_mul(7) },
			split: Bounds {
				min: EmissionSplit {
					stakers: Perbill::from_percent(30),
					subdaos: Perbill::from_percent(10),
					subnets: Perbill::from_percent(5),
					treasury: Perbill::zero(),
				},
				max: EmissionSplit {
					stakers: Perbill::from_percent(70),
					subdaos: Perbill::from_percent(50),
					subnets: Perbill::from_percent(30),
					treasury: Perbill::from_percent(10),
				},
			},
		}
	}
}

parameter_types! {
	/// subDAOs: Helium-like smoothing, at most 20% of a treasury redeemable per window (the
	/// genesis cap is the ceiling), fees of $1–$1,000, at most 100,000 DNT per epoch, and a
	/// schedule moved by at most 10% per change, from the next epoch on.
	pub const SubDaoBounds: pallet_subdaos::GovernanceBounds = pallet_subdaos::GovernanceBounds {
		params: Bounds {
			min: pallet_subdaos::SubDaoParams {
				ema_epochs: 7,
				delegator_share: Perbill::zero(),
				ve_only_scoring: false,
				redemption_window: HOURS,
				redemption_cap: Perbill::from_percent(1),
			},
			max: pallet_subdaos::SubDaoParams {
				ema_epochs: 90,
				delegator_share: Perbill::from_percent(20),
				ve_only_scoring: true,
				redemption_window: 7 * DAYS,
				redemption_cap: Perbill::from_percent(20),
			},
		},
		device_activity_epochs: Bounds { min: 1, max: 90 },
		onboarding_fee: Bounds { min: DC_PER_USD, max: 1_000 * DC_PER_USD },
		curve_k: Bounds { min: 0, max: pallet_subdaos::curve::MAX_CURVE_K },
		emission_per_epoch: Bounds { min: 0, max: 100_000 * FLY },
		max_schedule_change: Perbill::from_percent(10),
	};

	/// Data Credits: feeds fresh for 1–30 minutes, a TWAP of 5 minutes to 6 hours, the price
	/// moving at most 10% per window of an hour to a day, the mint breaker between $10,000 and
	/// $10M a window of an hour to a week. The quorum's range follows the feeder set
	/// ([`DataCreditsBounds`]).
	pub const DataCreditsFixedBounds: pallet_data_credits::GovernanceBounds =
		pallet_data_credits::GovernanceBounds {
			price_rules: Bounds {
				min: pallet_data_credits::PriceRules {
					max_age_ms: 60 * 1000,
					min_feeders: 1,
					twap_period_ms: 5 * 60 * 1000,
					max_move: Perbill::from_percent(1),
					move_window_ms: 60 * 60 * 1000,
				},
				max: pallet_data_credits::PriceRules {
					max_age_ms: 30 * 60 * 1000,
					min_feeders: MaxOracleFeeders::get(),
					twap_period_ms: 6 * 60 * 60 * 1000,
					max_move: Perbill::from_percent(10),
					move_window_ms: 24 * 60 * 60 * 1000,
				},
			},
			breaker: Bounds {
				min: pallet_data_credits::BreakerConfig { window: HOURS, threshold: 10_000 * DC_PER_USD },
				max: pallet_data_credits::BreakerConfig {
					window: 7 * DAYS,
					threshold: 10_000_000 * DC_PER_USD,
				},
			},
		};

	/// Operators: a self-bond of 100–10,000 FLY, removable after 7–90 idle rounds.
	pub const OperatorRuleBounds: Bounds<pallet_bonding::OperatorRules> = Bounds {
		min: pallet_bonding::OperatorRules { min_self_bond: 100 * FLY, max_idle_rounds: 7 },
		max: pallet_bonding::OperatorRules { min_self_bond: 10_000 * FLY, max_idle_rounds: 90 },
	};
}

/// [`DataCreditsFixedBounds`] with a quorum of at least a majority of the current feeders, so the
/// bounded track can never let a minority of the set fix the price.
pub struct DataCreditsBounds;
impl Get<pallet_data_credits::GovernanceBounds> for DataCreditsBounds {
	fn get() -> pallet_data_credits::GovernanceBounds {
		let mut bounds = DataCreditsFixedBounds::get();
		bounds.price_rules.min.min_feeders = feeder_count() / 2 + 1;
		bounds
	}
}

/// Subnets: the genesis parameters of the profile in force with room either side; the owner's
/// cut never above Bittensor's 18%; the revenue cap at most the genesis 50%.
pub struct SubnetBounds;
impl Get<pallet_subnets::GovernanceBounds> for SubnetBounds {
	fn get() -> pallet_subnets::GovernanceBounds {
		use pallet_subnets::{EmissionMode, HyperparameterBounds, Hyperparameters};
		let periods = profile().subnets;
		let genesis = subnet_params(periods);
		let min = pallet_subnets::GlobalParams {
			min_lock_cost: 100 * FLY,
			lock_reduction_interval: DAYS,
			network_immunity_period: DAYS,
			owner_cut: Perbill::zero(),
			miner_share: Perbill::from_percent(30),
			emission_mode: EmissionMode::Stake,
			min_burn: FLY / 10,
			max_burn: 10 * FLY,
			burn_increase: Perbill::from_percent(1),
			burn_decay_interval: HOURS,
			bonds_alpha: Perbill::from_percent(1),
			activity_cutoff: DAYS,
			take_rate_limit: 7 * DAYS,
			default_hyperparameters: Hyperparameters {
				tempo: periods.min_tempo,
				max_uids: 16,
				immunity_period: 0,
				weights_rate_limit: 1,
				commit_reveal: false,
			},
			bounds: HyperparameterBounds {
				min_tempo: periods.min_tempo,
				max_tempo: periods.tempo,
				max_immunity_period: periods.immunity_period,
				max_weights_rate_limit: periods.weights_rate_limit,
			},
			..genesis
		};
		let max = pallet_subnets::GlobalParams {
			min_lock_cost: 10_000 * FLY,
			lock_reduction_interval: 30 * DAYS,
			network_rate_limit: periods.network_rate_limit.saturating_mul(7),
			network_immunity_period: 30 * DAYS,
			owner_cut: Perbill::from_percent(18),
			miner_share: Perbill::from_percent(70),
			emission_mode: EmissionMode::Revenue,
			min_burn: 10 * FLY,
			max_burn: 1_000 * FLY,
			burn_increase: Perbill::from_percent(50),
			burn_decay_interval: 7 * DAYS,
			bonds_alpha: Perbill::from_percent(50),
			activity_cutoff: 7 * DAYS,
			take_rate_limit: 90 * DAYS,
			default_hyperparameters: Hyperparameters {
				tempo: configs::profile::MAX_SUBNET_TEMPO,
				max_uids: 256,
				immunity_period: 7 * DAYS,
				weights_rate_limit: DAYS,
				commit_reveal: true,
			},
			bounds: HyperparameterBounds {
				min_tempo: configs::profile::MAX_SUBNET_TEMPO,
				max_tempo: configs::profile::MAX_SUBNET_TEMPO,
				max_immunity_period: 7 * DAYS,
				max_weights_rate_limit: DAYS,
			},
		};
		pallet_subnets::GovernanceBounds {
			global: Bounds { min, max },
			revenue_cap: Bounds { min: Perbill::from_percent(1), max: Perbill::from_percent(50) },
		}
	}
}

/// The number of FLY/USD feeders.
fn feeder_count() -> u32 {
	pallet_membership::Members::<Runtime, configs::OracleFeedersInstance>::decode_len()
		.unwrap_or(0)
		.try_into()
		.unwrap_or(u32::MAX)
}
