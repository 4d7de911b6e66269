// SPDX-License-Identifier: Apache-2.0
//! The pallets the node's `benchmark pallet` command measures in this runtime, whose weights
//! `scripts/benchmark.sh` generates on this machine: the tokenomics pallets and the validator
//! set (their own `weights.rs`), and every upstream pallet with calls or hooks the runtime
//! charges (`runtime/src/weights/`), the transaction extensions included. Not listed:
//! pallet-session, whose benchmarks need pallet-staking (its `set_keys` and `purge_keys` keep
//! polkadot-sdk's reference weights); GRANDPA, whose benchmarks measure the parts its
//! `report_equivocation` weight is computed from, not its weight functions (its rare calls keep
//! polkadot-sdk's formula; a stall is noted through the validator set's `note_stalled`);
//! pallet-tx-pause, whose benchmarks pause a made-up call name the runtime refuses to pause; and
//! the pallets without calls.

use crate::*;
use alloc::{string::String, vec::Vec};
use frame_benchmarking::{BenchmarkBatch, BenchmarkConfig, BenchmarkList};
use frame_support::traits::StorageInfo;
use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;

use frame_system_benchmarking::Pallet as SystemBench;

/// Fees go to the treasury and the author's share needs no setup (the default).
impl pallet_transaction_payment::BenchmarkConfig for Runtime {}
/// `set_code` is measured with the benchmark's own small wasm (the default).
impl frame_system_benchmarking::Config for Runtime {}

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_timestamp, Timestamp]
	[pallet_vesting, Vesting]
	[pallet_assets, Assets]
	[pallet_treasury, Treasury]
	[pallet_sudo, Sudo]
	[pallet_utility, Utility]
	[pallet_multisig, Multisig]
	[pallet_proxy, Proxy]
	[pallet_scheduler, Scheduler]
	[pallet_preimage, Preimage]
	[pallet_referenda, Referenda]
	[pallet_conviction_voting, ConvictionVoting]
	[pallet_parameters, Parameters]
	[pallet_collective, TechnicalCommittee]
	[pallet_membership, OracleFeeders]
	[pallet_oracle, Oracle]
	[pallet_data_credits, DataCredits]
	[pallet_subdaos, SubDaos]
	[pallet_inflation, Inflation]
	[pallet_bonding, Bonding]
	[pallet_subnets, Subnets]
	[pallet_validator_set, ValidatorSet]
);

pub fn benchmark_metadata(extra: bool) -> (Vec<BenchmarkList>, Vec<StorageInfo>) {
	use frame_support::traits::StorageInfoTrait;

	let mut list = Vec::<BenchmarkList>::new();
	list_benchmarks!(list, extra);
	(list, AllPalletsWithSystem::storage_info())
}

pub fn dispatch_benchmark(config: BenchmarkConfig) -> Result<Vec<BenchmarkBatch>, String> {
	use frame_support::traits::WhitelistedStorageKeys;
	use sp_storage::TrackedStorageKey;

	let mut whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
	// The timestamp inherent writes `Timestamp::Now` at the start of every block, so reading it
	// in a transaction never reaches the database.
	whitelist.push(pallet_timestamp::Now::<crate::Runtime>::hashed_key().to_vec().into());
	let mut batches = Vec::<BenchmarkBatch>::new();
	let params = (&config, &whitelist);
	add_benchmarks!(params, batches);
	Ok(batches)
}
