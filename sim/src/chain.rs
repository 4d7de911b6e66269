// SPDX-License-Identifier: Apache-2.0
//! The chain under simulation: the real runtime, natively, in `TestExternalities` built from a
//! genesis preset; blocks produced as a node produces them: `Executive::initialize_block`, the
//! timestamp inherent and every agent's transaction through `Executive::apply_extrinsic` (signed
//! with the agent's key, with the runtime's transaction extensions: nonce, fees, weight and
//! length limits), then `Executive::finalize_block` (hooks and the state root).

use codec::Encode;
use flywheel_runtime::{
	genesis_config_presets::json_merge, AccountId, Balance, BlockNumber, Executive, Hash, Header,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, RuntimeOrigin, Signature,
	SignedPayload, System, TxExtension, UncheckedExtrinsic, SLOT_DURATION,
};
use frame_support::{
	dispatch::GetDispatchInfo,
	traits::{OnFinalize, OnIdle, UnfilteredDispatchable},
};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::{sr25519, Pair as _};
use sp_runtime::{
	generic::Era,
	traits::{Dispatchable, Hash as _, Header as _},
	BuildStorage, Digest, DigestItem, DispatchError,
};
use std::{cell::RefCell, collections::BTreeMap};

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

/// How agents' calls reach the runtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
	/// Signed extrinsics through `Executive::apply_extrinsic`, blocks closed by
	/// `Executive::finalize_block` (what a node does; the default).
	Extrinsics,
	/// Calls dispatched from a signed origin without extensions (no fee, nonce or block limit)
	/// and blocks closed without a state root: the simulator before real transactions, kept
	/// only so that `scripts/simulate.sh --bench` can measure what real transactions cost.
	Direct,
}

thread_local! {
	static MODE: RefCell<Mode> = const { RefCell::new(Mode::Extrinsics) };
	/// Every agent's key, by account (agents are created with [`account`]).
	static KEYS: RefCell<BTreeMap<AccountId, sr25519::Pair>> = const { RefCell::new(BTreeMap::new()) };
}

/// Sets how this thread's runs apply calls.
pub fn set_mode(mode: Mode) {
	MODE.with(|m| *m.borrow_mut() = mode);
}

/// How this thread's runs apply calls.
pub fn mode() -> Mode {
	MODE.with(|m| *m.borrow())
}

/// Starts block `n` on `parent`: `Executive::initialize_block` with an Aura slot digest matching
/// the timestamp, then the timestamp inherent.
pub fn start_block(n: BlockNumber, parent: Hash) -> Result<(), String> {
	let now = u64::from(n) * ms_per_block();
	let slot = Slot::from(now / SLOT_DURATION);
	let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
	let header = Header::new(n, Default::default(), Default::default(), parent, digest);
	Executive::initialize_block(&header);
	let inherent = RuntimeCall::Timestamp(pallet_timestamp::Call::set { now });
	match mode() {
		Mode::Extrinsics => {
			match Executive::apply_extrinsic(UncheckedExtrinsic::new_bare(inherent)) {
				Ok(Ok(())) => {}
				Ok(Err(e)) => {
					return Err(format!("block {n}: the timestamp inherent failed: {e:?}"))
				}
				Err(e) => {
					return Err(format!("block {n}: the timestamp inherent is invalid: {e:?}"))
				}
			}
		}
		Mode::Direct => {
			inherent
				.dispatch_bypass_filter(RuntimeOrigin::none())
				.map_err(|e| format!("block {n}: the timestamp inherent failed: {:?}", e.error))?;
		}
	}
	Executive::inherents_applied();
	Ok(())
}

/// Ends the current block: `Executive::finalize_block` (`on_idle` with the weight left,
/// `on_finalize`, the state root). Returns the block's hash and its events.
pub fn end_block() -> (Hash, Vec<RuntimeEvent>) {
	let n = System::block_number();
	let hash = match mode() {
		Mode::Extrinsics => Executive::finalize_block().hash(),
		Mode::Direct => {
			System::note_finished_extrinsics();
			let max = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
			let left = max.saturating_sub(System::block_weight().total());
			<flywheel_runtime::AllPalletsWithSystem as OnIdle<BlockNumber>>::on_idle(n, left);
			<flywheel_runtime::AllPalletsWithSystem as OnFinalize<BlockNumber>>::on_finalize(n);
			sp_runtime::traits::BlakeTwo256::hash_of(&n)
		}
	};
	(hash, System::events().into_iter().map(|record| record.event).collect())
}

/// Sends `call` as a transaction of `who`: signed with its key at its next nonce (immortal, no
/// tip, no metadata hash) and applied with every transaction extension of the runtime, so it
/// pays its fee and counts against the block's weight and length. An invalid transaction (no
/// funds for the fee, the block full) is not included; a failed dispatch is included and paid.
pub fn signed(who: &AccountId, call: RuntimeCall) -> Result<(), String> {
	if mode() == Mode::Direct {
		let info = call.get_dispatch_info();
		let result = call.dispatch(RuntimeOrigin::signed(who.clone()));
		let weight = match &result {
			Ok(post) => post.calc_actual_weight(&info),
			Err(e) => e.post_info.calc_actual_weight(&info),
		};
		System::register_extra_weight_unchecked(weight, info.class);
		return result.map(|_| ()).map_err(|e| error_name(e.error));
	}
	let xt = sign(who, call)?;
	match Executive::apply_extrinsic(xt) {
		Ok(Ok(())) => Ok(()),
		Ok(Err(e)) => Err(error_name(e)),
		// Not included: `Invalid(Payment)` (no funds for the fee), `Invalid(ExhaustsResources)`.
		Err(e) => Err(format!("{e:?}")),
	}
}

/// Whether `error`, as [`signed`] reports it, says the block has no room left for the
/// transaction (`Invalid(ExhaustsResources)`): a node's pool would keep it for a later block.
pub fn is_block_full(error: &str) -> bool {
	use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};
	error
		== format!("{:?}", TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources))
}

/// `call` signed by `who` as a wallet signs it.
pub fn sign(who: &AccountId, call: RuntimeCall) -> Result<UncheckedExtrinsic, String> {
	let extensions: TxExtension = (
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		flywheel_runtime::operational::RestrictOperational,
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(System::account_nonce(who)),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	let payload =
		SignedPayload::new(call, extensions).map_err(|e| format!("the signed payload: {e:?}"))?;
	let signature = KEYS
		.with(|keys| keys.borrow().get(who).map(|pair| payload.using_encoded(|b| pair.sign(b))))
		.ok_or_else(|| format!("no key for {who}"))?;
	let (call, extensions, _) = payload.deconstruct();
	Ok(UncheckedExtrinsic::new_signed(
		call,
		who.clone().into(),
		Signature::Sr25519(signature),
		extensions,
	))
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

/// The account of an agent named by its role in a run (`sd0/users`, `adv1`): the sr25519 key
/// of a seed hashed from the name, kept for signing its transactions.
pub fn account(name: &str) -> AccountId {
	let seed = sp_io::hashing::blake2_256(format!("flywheel-sim/{name}").as_bytes());
	let pair = sr25519::Pair::from_seed(&seed);
	let who = AccountId::from(pair.public());
	KEYS.with(|keys| {
		keys.borrow_mut().entry(who.clone()).or_insert(pair);
	});
	who
}

/// A development account (`//Alice`) whose key agents sign with (the preset's feeders).
pub fn dev_account(keyring: sp_keyring::Sr25519Keyring) -> AccountId {
	let who = keyring.to_account_id();
	KEYS.with(|keys| {
		keys.borrow_mut().entry(who.clone()).or_insert_with(|| keyring.pair());
	});
	who
}
