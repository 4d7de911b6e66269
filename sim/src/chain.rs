// SPDX-License-Identifier: Apache-2.0
//! The chain under simulation: the real runtime, natively, in `TestExternalities` built from a
//! genesis preset; blocks produced with `Executive`'s own initialisation and the pallets' hooks
//! (the state root is not computed: nothing here is imported by another node).

use codec::Encode;
use flywheel_runtime::{
	genesis_config_presets::json_merge, AccountId, AllPalletsWithSystem, Balance, BlockNumber,
	Executive, Header, Runtime, RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, RuntimeOrigin,
	System, SLOT_DURATION,
};
use frame_support::{
	dispatch::GetDispatchInfo,
	traits::{OnFinalize, OnIdle, UnfilteredDispatchable},
};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_runtime::{
	traits::{Dispatchable, Header as _},
	BuildStorage, Digest, DigestItem, DispatchError,
};

/// One simulated day in milliseconds of chain time.
pub const DAY_MS: u64 = 86_400_000;

/// The tokenomics epoch (a simulated day), in blocks: the development profile's, which the
/// `local_testnet` preset of the simulator's genesis carries.
pub fn blocks_per_day() -> BlockNumber {
	flywheel_runtime::configs::profile::ChainProfile::development().epoch_length
}

/// Chain time per block so that an epoch lasts a day of timestamps (price ages, TWAP windows).
pub fn ms_per_block() -> u64 {
	DAY_MS / u64::from(blocks_per_day())
}

/// Genesis state: the `local_testnet` preset (three price feeders, dev accounts funded, Alice
/// the only validator's keys) with `endowments` added to its balances, built exactly as the
/// node builds a preset.
pub fn genesis(endowments: &[(AccountId, Balance)]) -> Result<sp_io::TestExternalities, String> {
	let preset = local_testnet_preset()?;
	let mut json = serde_json::to_value(RuntimeGenesisConfig::default())
		.map_err(|e| format!("the default genesis does not serialise: {e}"))?;
	json_merge(&mut json, preset);
	let balances = json
		.pointer_mut("/balances/balances")
		.and_then(|b| b.as_array_mut())
		.ok_or("the preset has no balances list")?;
	for (who, amount) in endowments {
		balances
			.push(serde_json::to_value((who, amount)).map_err(|e| format!("an endowment: {e}"))?);
	}
	let config: RuntimeGenesisConfig =
		serde_json::from_value(json).map_err(|e| format!("the genesis is not valid: {e}"))?;
	let storage = config.build_storage().map_err(|e| format!("genesis does not build: {e}"))?;
	Ok(sp_io::TestExternalities::new(storage))
}

fn local_testnet_preset() -> Result<serde_json::Value, String> {
	let id = "local_testnet".to_string();
	let bytes = flywheel_runtime::genesis_config_presets::get_preset(&id)
		.ok_or("the runtime has no local_testnet preset")?;
	serde_json::from_slice(&bytes).map_err(|e| format!("the preset is not JSON: {e}"))
}

/// Starts block `n`: `Executive::initialize_block` with an Aura slot digest matching the
/// timestamp, then the timestamp inherent.
pub fn start_block(n: BlockNumber) -> Result<(), String> {
	let now = u64::from(n) * ms_per_block();
	let slot = Slot::from(now / SLOT_DURATION);
	let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
	let parent = System::block_hash(n.saturating_sub(1));
	let header = Header::new(n, Default::default(), Default::default(), parent, digest);
	Executive::initialize_block(&header);
	RuntimeCall::Timestamp(pallet_timestamp::Call::set { now })
		.dispatch_bypass_filter(RuntimeOrigin::none())
		.map_err(|e| format!("block {n}: the timestamp inherent failed: {:?}", e.error))?;
	Executive::inherents_applied();
	Ok(())
}

/// Ends the current block: `on_idle` with the weight left, then `on_finalize` (as
/// `Executive::finalize_block` does, without the state root). Returns the block's events.
pub fn end_block() -> Vec<RuntimeEvent> {
	let n = System::block_number();
	System::note_finished_extrinsics();
	let max = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
	let left = max.saturating_sub(System::block_weight().total());
	<AllPalletsWithSystem as OnIdle<BlockNumber>>::on_idle(n, left);
	<AllPalletsWithSystem as OnFinalize<BlockNumber>>::on_finalize(n);
	// A block hash for the next block's parent (any value unique per block will do).
	frame_system::BlockHash::<Runtime>::insert(n, sp_core::H256::from_low_u64_be(n.into()));
	System::events().into_iter().map(|record| record.event).collect()
}

/// Dispatches `call` as a transaction of `who` would (the call filter applies, the weight is
/// registered; no transaction fee is charged).
pub fn signed(who: &AccountId, call: RuntimeCall) -> Result<(), String> {
	let info = call.get_dispatch_info();
	let result = call.dispatch(RuntimeOrigin::signed(who.clone()));
	let weight = match &result {
		Ok(post) => post.calc_actual_weight(&info),
		Err(e) => e.post_info.calc_actual_weight(&info),
	};
	System::register_extra_weight_unchecked(weight, info.class);
	result.map(|_| ()).map_err(|e| error_name(e.error))
}

/// Dispatches `call` from the root origin (what a passed root referendum dispatches).
pub fn root(call: RuntimeCall) -> Result<(), String> {
	call.dispatch_bypass_filter(RuntimeOrigin::root()).map(|_| ()).map_err(|e| error_name(e.error))
}

/// A dispatch error by name (`DataCredits(CircuitBreakerTriggered)`).
pub fn error_name(error: DispatchError) -> String {
	match flywheel_runtime::RuntimeError::from_dispatch_error(error) {
		Some(e) => format!("{e:?}"),
		None => format!("{error:?}"),
	}
}

/// An account named by its role in a run (`sd0/users`, `adv1`): a hash of the name.
pub fn account(name: &str) -> AccountId {
	AccountId::from(sp_io::hashing::blake2_256(format!("flywheel-sim/{name}").as_bytes()))
}
