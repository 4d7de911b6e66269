// SPDX-License-Identifier: Apache-2.0
//! The pallets the node's `benchmark pallet` command measures in this runtime: the five
//! tokenomics pallets, the validator set, pallet-balances and the transaction extensions
//! (frame-system's and pallet-transaction-payment's), whose weights `scripts/benchmark.sh`
//! generates on this machine. The other upstream pallets use polkadot-sdk's reference weights (`SubstrateWeight`,
//! measured on Parity's reference hardware) and are not listed, so no list entry promises a
//! weight file that does not exist.

use crate::*;
use alloc::{string::String, vec::Vec};
use frame_benchmarking::{BenchmarkBatch, BenchmarkConfig, BenchmarkList};
use frame_support::traits::StorageInfo;
use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;

/// Fees go to the treasury and the author's share needs no setup (the default).
impl pallet_transaction_payment::BenchmarkConfig for Runtime {}

frame_benchmarking::define_benchmarks!(
	[pallet_balances, Balances]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_transaction_payment, TransactionPayment]
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
