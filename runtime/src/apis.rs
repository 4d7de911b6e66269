// SPDX-License-Identifier: Apache-2.0
//! The runtime APIs the node, wallets and dashboards call.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use sp_api::impl_runtime_apis;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

use super::{
	AccountId, Aura, AuraId, Balance, Block, DataCredits, Executive, Grandpa, GrandpaId,
	Historical, InherentDataExt, Nonce, Runtime, RuntimeCall, RuntimeGenesisConfig, SessionKeys,
	SubDaos, System, TransactionPayment, VERSION,
};
use flywheel_primitives::SubDaoId;
use pallet_data_credits::RouterKey;
use pallet_subdaos::{EpochInfo, PositionId, SubDaoScore};

/// Data Credits as a unit (the pallet `DataCredits` has the same name).
type Dc = flywheel_primitives::DataCredits;

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			let key_owner_proof = key_owner_proof.decode()?;
			Grandpa::submit_unsigned_equivocation_report(equivocation_proof, key_owner_proof)
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			use codec::Encode;
			use frame_support::traits::KeyOwnerProofSystem;
			// The current session's proof: GRANDPA's client asks as soon as it sees the
			// equivocation, and a proof of the current session checks against the current set
			// or, later, that session's historical root.
			Historical::prove((sp_consensus_grandpa::KEY_TYPE, authority_id))
				.map(|p| p.encode())
				.map(sp_consensus_grandpa::OpaqueKeyOwnershipProof::new)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_data_credits::runtime_api::DataCreditsApi<Block, AccountId> for Runtime {
		fn quote_fly_to_dc(fly: Balance) -> Option<Dc> {
			DataCredits::quote_fly_to_dc(fly)
		}
		fn quote_dc_to_fly(dc: Dc) -> Option<Balance> {
			DataCredits::quote_dc_to_fly(dc)
		}
		fn dc_balance(who: AccountId) -> Dc {
			DataCredits::dc_balance(&who)
		}
		fn escrow_balance(subdao: SubDaoId, router_key: RouterKey) -> Dc {
			DataCredits::escrow_balance(subdao, router_key)
		}
	}

	impl pallet_subdaos::runtime_api::SubDaosApi<Block> for Runtime {
		fn redemption_quote(subdao: SubDaoId, dnt_amount: Balance) -> Option<Balance> {
			SubDaos::quote_redemption(subdao, dnt_amount)
		}
		fn scores() -> Vec<SubDaoScore> {
			SubDaos::last_scores()
		}
		fn epoch_info() -> EpochInfo {
			SubDaos::epoch_info()
		}
		fn position_power(position: PositionId) -> Option<Balance> {
			SubDaos::position_power(position)
		}
	}

	impl pallet_inflation::runtime_api::InflationApi<Block> for Runtime {
		fn current_round() -> pallet_inflation::RoundInfo {
			pallet_inflation::Round::<Runtime>::get()
		}
		fn rate() -> sp_runtime::Perbill {
			pallet_inflation::Rate::<Runtime>::get()
		}
		fn bonded_ratio() -> sp_runtime::Perbill {
			crate::Inflation::bonded_ratio()
		}
		fn next_round_block() -> crate::BlockNumber {
			pallet_inflation::Round::<Runtime>::get().next_start()
		}
		fn annual_inflation() -> sp_runtime::FixedU128 {
			crate::Inflation::annual_inflation()
		}
		fn last_emission() -> pallet_inflation::RoundEmission {
			pallet_inflation::LastEmission::<Runtime>::get()
		}
	}

	impl crate::tokenomics_api::TokenomicsApi<Block> for Runtime {
		fn health() -> crate::tokenomics_api::TokenomicsHealth {
			crate::tokenomics_api::health()
		}
		fn epoch_health(epoch: u32) -> Option<crate::tokenomics_api::EpochHealth> {
			crate::tokenomics_api::epoch_health(epoch)
		}
		fn check_invariants() -> Option<Vec<Vec<u8>>> {
			crate::tokenomics_api::check_invariants()
		}
	}

	impl crate::tokenomics_api::ValidatorApi<Block> for Runtime {
		fn offline_validators() -> Vec<(AccountId, u32)> {
			crate::ValidatorSet::offline_validators()
		}
	}

	impl pallet_subnets::runtime_api::SubnetsApi<Block, AccountId> for Runtime {
		fn subnet_info(netuid: flywheel_primitives::NetUid) -> Option<pallet_subnets::SubnetInfo<AccountId>> {
			crate::Subnets::subnet_info(netuid)
		}
		fn neuron_info(
			netuid: flywheel_primitives::NetUid,
			uid: pallet_subnets::Uid,
		) -> Option<pallet_subnets::NeuronInfo<AccountId>> {
			crate::Subnets::neuron_info(netuid, uid)
		}
		fn lock_cost() -> Balance {
			crate::Subnets::lock_cost()
		}
		fn registration_price(netuid: flywheel_primitives::NetUid) -> Option<Balance> {
			crate::Subnets::registration_price(netuid)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			crate::benchmarks::benchmark_metadata(extra)
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			crate::benchmarks::dispatch_benchmark(config)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// try-runtime is an off-chain tool that reports a failed check by aborting with its
			// message; this API exists only in `try-runtime` builds, never on chain.
			let weight = Executive::try_runtime_upgrade(checks).expect("runtime upgrade checks failed");
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			// Off-chain only, as above: a failed `try_state` check aborts with its message.
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("try_execute_block failed")
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}
}
