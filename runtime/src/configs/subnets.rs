// SPDX-License-Identifier: Apache-2.0
//! pallet-subnets: Bittensor-style subnets, their tempo and registration costs.

use super::SubnetPoolPalletId;
use crate::{governance::TokenomicsAuthority, *};
use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32},
};
use sp_runtime::Perbill;

parameter_types! {
	pub const MaxValidatorTake: Perbill = Perbill::from_percent(18);
	pub const DefaultRevenueCap: Perbill = Perbill::from_percent(50);
}

/// Bittensor's shape at FLY's scale: a 1,000 FLY floor for a subnet lock (doubling with each
/// registration, back to the floor over a week), one registration a day, a week of immunity;
/// owner 18%, the rest 50/50 (41/41); neuron registration between 1 and 100 FLY (+10% each,
/// back to the floor over a day); bonds' moving average 10% new;
/// a validator without new weights for two days is idle.
/// The tempo, immunity, rate limits and the tempo's lower bound are `periods` (an hour, four
/// hours, 100 blocks, a day and ten minutes in production).
pub const fn subnet_params(periods: super::profile::SubnetPeriods) -> pallet_subnets::GlobalParams {
	pallet_subnets::GlobalParams {
		min_lock_cost: 1_000 * FLY,
		lock_reduction_interval: 7 * DAYS,
		network_rate_limit: periods.network_rate_limit,
		network_immunity_period: 7 * DAYS,
		owner_cut: Perbill::from_percent(18),
		miner_share: Perbill::from_percent(50),
		emission_mode: pallet_subnets::EmissionMode::Stake,
		min_burn: FLY,
		max_burn: 100 * FLY,
		burn_increase: Perbill::from_percent(10),
		burn_decay_interval: DAYS,
		bonds_alpha: Perbill::from_percent(10),
		// Two days without new weights make a validator idle (above the longest rate limit).
		activity_cutoff: 2 * DAYS,
		// A take may rise 30 days after its last change (Bittensor's limit).
		take_rate_limit: 30 * DAYS,
		default_hyperparameters: pallet_subnets::Hyperparameters {
			tempo: periods.tempo,
			max_uids: 256,
			immunity_period: periods.immunity_period,
			weights_rate_limit: periods.weights_rate_limit,
			commit_reveal: false,
		},
		bounds: pallet_subnets::HyperparameterBounds {
			min_tempo: periods.min_tempo,
			max_tempo: super::profile::MAX_SUBNET_TEMPO,
			max_immunity_period: 7 * DAYS,
			max_weights_rate_limit: DAYS,
		},
	}
}

/// The storage default (what a chain that stores no parameters reads): production periods. Being
/// fixed, it keeps the metadata the same on every chain.
pub struct DefaultSubnetParams;
impl frame_support::traits::Get<pallet_subnets::GlobalParams> for DefaultSubnetParams {
	fn get() -> pallet_subnets::GlobalParams {
		subnet_params(super::profile::ChainProfile::production().subnets)
	}
}

/// The parameters a new chain starts with: the chain profile's periods.
pub struct GenesisSubnetParams;
impl frame_support::traits::Get<pallet_subnets::GlobalParams> for GenesisSubnetParams {
	fn get() -> pallet_subnets::GlobalParams {
		subnet_params(super::profile::profile().subnets)
	}
}

impl pallet_subnets::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// One FLY, one role: FLY locked in veFLY cannot be staked.
	type VeFly = SubDaos;
	/// A round's subnet emission is released over the round.
	type Rounds = Inflation;
	type AdminOrigin = TokenomicsAuthority;
	type GovernanceBounds = crate::governance::bounds::SubnetBounds;
	/// The pool account (`fly/snet`) that the subnets' share of each round is minted into.
	type PalletId = SubnetPoolPalletId;
	/// What an epoch cannot pay beyond one epoch's carry goes to the treasury.
	type RecycleTo = super::TreasuryAccount;
	type MaxSubnets = ConstU32<32>;
	type MaxUids = ConstU32<256>;
	type MaxValidators = ConstU32<64>;
	/// One epoch per block: 256 × 64 dense at most (see docs/PERFORMANCE.md).
	type MaxEpochsPerBlock = ConstU32<1>;
	type MaxTake = MaxValidatorTake;
	type DefaultParams = DefaultSubnetParams;
	type GenesisParams = GenesisSubnetParams;
	/// Revenue attracts at most half its FLY value: a wash burn returns at most half its cost
	/// (see the pallet README).
	type DefaultRevenueCap = DefaultRevenueCap;
	/// A stake of a coldkey on a hotkey starts at 1 FLY.
	type MinStake = ConstU128<FLY>;
	type WeightInfo = pallet_subnets::weights::SubstrateWeight<Runtime>;
}
