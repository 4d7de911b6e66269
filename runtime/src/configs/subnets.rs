// SPDX-License-Identifier: Apache-2.0
//! pallet-subnets: Bittensor-style subnets, their tempo and registration costs.

use super::SubnetPoolPalletId;
use crate::{governance::TokenomicsAdminOrRoot, *};
use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32},
};
use sp_runtime::Perbill;

/// One subnet epoch (tempo): an hour; ten blocks with `fast-runtime` so a dev chain shows epochs.
#[cfg(not(feature = "fast-runtime"))]
pub const SUBNET_TEMPO: BlockNumber = HOURS;
#[cfg(feature = "fast-runtime")]
pub const SUBNET_TEMPO: BlockNumber = 10;

parameter_types! {
	pub const MaxValidatorTake: Perbill = Perbill::from_percent(18);
	pub const DefaultRevenueCap: Perbill = Perbill::from_percent(50);
	/// Bittensor's shape at FLY's scale: a 1,000 FLY floor for a subnet lock (doubling with each
	/// registration, back to the floor over a week), one registration a day, a week of immunity;
	/// owner 18%, the rest 50/50 (41/41); neuron registration between 1 and 100 FLY (+10% each,
	/// back to the floor over a day); bonds' moving average 10% new;
	/// a validator without new weights for two days is idle.
	pub const DefaultSubnetParams: pallet_subnets::GlobalParams = pallet_subnets::GlobalParams {
		min_lock_cost: 1_000 * FLY,
		lock_reduction_interval: 7 * DAYS,
		network_rate_limit: if cfg!(feature = "fast-runtime") { 10 } else { DAYS },
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
			tempo: SUBNET_TEMPO,
			max_uids: 256,
			immunity_period: if cfg!(feature = "fast-runtime") { 20 } else { 4 * HOURS },
			weights_rate_limit: if cfg!(feature = "fast-runtime") { 2 } else { 100 },
			commit_reveal: false,
		},
		bounds: pallet_subnets::HyperparameterBounds {
			min_tempo: if cfg!(feature = "fast-runtime") { 5 } else { 10 * MINUTES },
			max_tempo: DAYS,
			max_immunity_period: 7 * DAYS,
			max_weights_rate_limit: DAYS,
		},
	};
}

impl pallet_subnets::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// One FLY, one role: FLY locked in veFLY cannot be staked.
	type VeFly = SubDaos;
	/// A round's subnet emission is released over the round.
	type Rounds = Inflation;
	type AdminOrigin = TokenomicsAdminOrRoot;
	/// The pool account (`fly/snet`) that the subnets' share of each round is minted into.
	type PalletId = SubnetPoolPalletId;
	type MaxSubnets = ConstU32<32>;
	type MaxUids = ConstU32<256>;
	type MaxValidators = ConstU32<64>;
	/// One epoch per block: 256 × 64 dense at most (see docs/PERFORMANCE.md).
	type MaxEpochsPerBlock = ConstU32<1>;
	type MaxTake = MaxValidatorTake;
	type DefaultParams = DefaultSubnetParams;
	/// Revenue attracts at most half its FLY value: a wash burn returns at most half its cost
	/// (see the pallet README).
	type DefaultRevenueCap = DefaultRevenueCap;
	/// A stake of a coldkey on a hotkey starts at 1 FLY.
	type MinStake = ConstU128<FLY>;
	type WeightInfo = pallet_subnets::weights::SubstrateWeight<Runtime>;
}
