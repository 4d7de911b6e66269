// SPDX-License-Identifier: Apache-2.0
//! Weights measured in this runtime on this machine by `scripts/benchmark.sh`: the polkadot-sdk
//! pallets' (every one `runtime/src/benchmarks.rs` lists, the transaction extensions of
//! frame-system and pallet-transaction-payment among them), the block's and a transaction's base
//! (`benchmark overhead`) and ParityDB's read and write (`benchmark storage`, on the state a
//! throughput run leaves).
//! The custom pallets keep theirs in their own `weights.rs`; the wrappers below add what a call
//! or hook does in this runtime beyond its pallet's benchmark.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_assets;
pub mod pallet_balances;
pub mod pallet_collective;
pub mod pallet_conviction_voting;
pub mod pallet_membership;
pub mod pallet_multisig;
pub mod pallet_oracle;
pub mod pallet_parameters;
pub mod pallet_preimage;
pub mod pallet_proxy;
pub mod pallet_referenda;
pub mod pallet_scheduler;
pub mod pallet_sudo;
pub mod pallet_timestamp;
pub mod pallet_transaction_payment;
pub mod pallet_treasury;
pub mod pallet_utility;
pub mod pallet_vesting;
// The generated file documents its fields' figures with doc comments rustdoc does not use.
#[allow(unused_doc_comments)]
pub mod paritydb_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
pub use paritydb_weights::constants::ParityDbWeight;

use frame_support::weights::Weight;
use pallet_data_credits::WeightInfo as _;

type DataCreditsWeights = pallet_data_credits::weights::SubstrateWeight<crate::Runtime>;
type Membership = self::pallet_membership::WeightInfo<crate::Runtime>;
type Oracle = self::pallet_oracle::WeightInfo<crate::Runtime>;
type Inflation = pallet_inflation::weights::SubstrateWeight<crate::Runtime>;

/// pallet-oracle's weights plus, per fed value, pallet-data-credits' `refresh_price` (measured
/// here with the most feeders the runtime allows), which every FLY/USD feed triggers.
pub struct OracleWeights;
impl ::pallet_oracle::WeightInfo for OracleWeights {
	fn feed_values(x: u32) -> Weight {
		Oracle::feed_values(x)
			.saturating_add(DataCreditsWeights::refresh_price().saturating_mul(u64::from(x)))
	}
	fn on_finalize() -> Weight {
		Oracle::on_finalize()
	}
}

/// pallet-membership's weights plus one `refresh_price` for each call that can change the
/// feeder set (see `FeedersChanged`).
pub struct FeederMembershipWeights;
impl ::pallet_membership::WeightInfo for FeederMembershipWeights {
	fn add_member(m: u32) -> Weight {
		Membership::add_member(m).saturating_add(DataCreditsWeights::refresh_price())
	}
	fn remove_member(m: u32) -> Weight {
		Membership::remove_member(m).saturating_add(DataCreditsWeights::refresh_price())
	}
	fn swap_member(m: u32) -> Weight {
		Membership::swap_member(m).saturating_add(DataCreditsWeights::refresh_price())
	}
	fn reset_members(m: u32) -> Weight {
		Membership::reset_members(m).saturating_add(DataCreditsWeights::refresh_price())
	}
	fn change_key(m: u32) -> Weight {
		Membership::change_key(m).saturating_add(DataCreditsWeights::refresh_price())
	}
	fn set_prime(m: u32) -> Weight {
		Membership::set_prime(m)
	}
	fn clear_prime() -> Weight {
		Membership::clear_prime()
	}
}

/// pallet-inflation's weights; a round start also runs pallet-bonding's reward split, charged at
/// its worst case (`MaxOperators` operators, `MaxActiveOperators` active) on top of what the
/// inflation benchmark measured.
pub struct InflationWeights;
impl pallet_inflation::WeightInfo for InflationWeights {
	fn set_target() -> Weight {
		Inflation::set_target()
	}
	fn set_step() -> Weight {
		Inflation::set_step()
	}
	fn set_rate_bounds() -> Weight {
		Inflation::set_rate_bounds()
	}
	fn set_round_length() -> Weight {
		Inflation::set_round_length()
	}
	fn set_emission_split() -> Weight {
		Inflation::set_emission_split()
	}
	fn set_emission_mode() -> Weight {
		Inflation::set_emission_mode()
	}
	fn on_initialize_idle() -> Weight {
		Inflation::on_initialize_idle()
	}
	fn on_initialize_round() -> Weight {
		use frame_support::traits::Get;
		use pallet_bonding::WeightInfo as _;
		use pallet_subnets::WeightInfo as _;
		let subnets = <crate::Runtime as pallet_subnets::Config>::MaxSubnets::get();
		Inflation::on_initialize_round()
			.saturating_add(pallet_bonding::weights::SubstrateWeight::<crate::Runtime>::distribute())
			.saturating_add(
				pallet_subnets::weights::SubstrateWeight::<crate::Runtime>::share_emission(subnets),
			)
	}
}

/// pallet-validator-set's weights; a session start also runs GRANDPA's side of a new set, which
/// the generic benchmark cannot set up: a forced change after a noted stall (`NextForced` read and
/// written) and the pruning of the oldest set-id record (`SetIdSession`, once
/// `MaxSetIdSessionEntries` sets have passed).
pub struct ValidatorSetWeights;
type ValidatorSet = pallet_validator_set::weights::SubstrateWeight<crate::Runtime>;
impl pallet_validator_set::WeightInfo for ValidatorSetWeights {
	fn add_validator() -> Weight {
		ValidatorSet::add_validator()
	}
	fn remove_validator() -> Weight {
		ValidatorSet::remove_validator()
	}
	fn note_author() -> Weight {
		ValidatorSet::note_author()
	}
	fn note_stalled() -> Weight {
		ValidatorSet::note_stalled()
	}
	fn punish_offender() -> Weight {
		ValidatorSet::punish_offender()
	}
	fn rotate_session() -> Weight {
		ValidatorSet::rotate_session().saturating_add(
			<crate::Runtime as ::frame_system::Config>::DbWeight::get().reads_writes(1, 2),
		)
	}
}
