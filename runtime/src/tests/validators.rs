// SPDX-License-Identifier: Apache-2.0
//! Validators under governance in the runtime: the presets' validators are the session's and
//! Aura's and GRANDPA's authorities; the root track adds and removes them (a signed account
//! cannot); and the migration from fixed authorities keeps a live chain's authorities.

use super::*;
use frame_support::traits::{OnFinalize, OnInitialize, OnRuntimeUpgrade};

/// The four-validator preset, after the first block's validator-set hook (which holds the
/// genesis validators' deposits).
pub(super) fn zombienet_ext() -> sp_io::TestExternalities {
	let mut ext = preset_ext(genesis_config_presets::zombienet_config_genesis());
	ext.execute_with(|| {
		<ValidatorSet as OnInitialize<BlockNumber>>::on_initialize(1);
	});
	ext
}

/// Runs session's, Aura's and GRANDPA's hooks block by block until session `index` starts.
pub(super) fn run_to_session(index: u32) {
	while pallet_session::CurrentIndex::<Runtime>::get() < index {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		<AllPalletsWithSystem as OnInitialize<BlockNumber>>::on_initialize(next);
		<Grandpa as OnFinalize<BlockNumber>>::on_finalize(next);
	}
}

fn aura_authorities() -> Vec<AuraId> {
	pallet_aura::Authorities::<Runtime>::get().into_inner()
}

#[test]
fn the_presets_validators_are_the_sessions_aura_and_grandpa_authorities() {
	zombienet_ext().execute_with(|| {
		let keys = [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
		];
		let accounts: Vec<AccountId> = keys.iter().map(|k| k.to_account_id()).collect();
		assert_eq!(pallet_validator_set::Validators::<Runtime>::get().into_inner(), accounts);
		assert_eq!(pallet_session::Validators::<Runtime>::get(), accounts);
		let aura: Vec<AuraId> = keys.iter().map(|k| k.public().into()).collect();
		assert_eq!(aura_authorities(), aura);
		assert_eq!(Grandpa::grandpa_authorities().len(), 4);
	});
}

#[test]
fn only_root_changes_the_validator_set() {
	local_ext().execute_with(|| {
		let dave = Sr25519Keyring::Dave.to_account_id();
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(dave.clone()), dave.clone()),
			DispatchError::BadOrigin
		);
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(alice.clone()), alice),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_validator_cannot_change_its_keys_through_any_call() {
	zombienet_ext().execute_with(|| {
		use sp_runtime::traits::Dispatchable;
		let alice = Sr25519Keyring::Alice.to_account_id();
		let before = pallet_session::NextKeys::<Runtime>::get(&alice);
		let (keys, proof) = session_keys_with_proof(&alice);
		let set = RuntimeCall::Session(pallet_session::Call::set_keys {
			keys: keys.clone(),
			proof: proof.clone(),
		});
		// pallet-session's own call is filtered, alone, inside a batch and for any account.
		let alone = set.clone().dispatch(RuntimeOrigin::signed(alice.clone()));
		assert_eq!(
			alone.map_err(|e| e.error),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);
		let batch =
			RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![set.clone()] });
		assert!(batch.dispatch(RuntimeOrigin::signed(alice.clone())).is_err());
		let eve = Sr25519Keyring::Eve.to_account_id();
		assert_eq!(
			set.dispatch(RuntimeOrigin::signed(eve)).map_err(|e| e.error),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);
		// The validator set's own call refuses a validator.
		assert_noop!(
			ValidatorSet::set_keys(RuntimeOrigin::signed(alice.clone()), keys, proof),
			pallet_validator_set::Error::<Runtime>::StillValidating
		);
		assert_eq!(pallet_session::NextKeys::<Runtime>::get(&alice), before);
	});
}

#[test]
fn a_validator_cannot_drop_its_keys_through_any_call() {
	zombienet_ext().execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		use sp_runtime::traits::Dispatchable;
		let purge = RuntimeCall::Session(pallet_session::Call::purge_keys {});
		// pallet-session's own call is filtered, alone and inside a batch.
		let alone = purge.clone().dispatch(RuntimeOrigin::signed(alice.clone()));
		assert_eq!(
			alone.map_err(|e| e.error),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![purge] });
		assert!(batch.dispatch(RuntimeOrigin::signed(alice.clone())).is_err());
		assert!(pallet_session::NextKeys::<Runtime>::contains_key(&alice));
		// The validator set's own purge refuses a validator.
		assert_noop!(
			ValidatorSet::purge_keys(RuntimeOrigin::signed(alice)),
			pallet_validator_set::Error::<Runtime>::StillValidating
		);
		// An account in no set and without keys gets pallet-session's error.
		let eve = Sr25519Keyring::Eve.to_account_id();
		assert_noop!(
			ValidatorSet::purge_keys(RuntimeOrigin::signed(eve)),
			pallet_session::Error::<Runtime>::NoKeys
		);
	});
}

/// New session keys of `owner` generated in a keystore, with the proof that `owner` holds them
/// (what `author_rotateKeysWithOwner` returns from a node).
fn session_keys_with_proof(owner: &AccountId) -> (SessionKeys, Vec<u8>) {
	use codec::Encode;
	use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
	let mut ext = sp_io::TestExternalities::default();
	ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
	ext.execute_with(|| {
		let generated = SessionKeys::generate(&owner.encode(), None);
		(generated.keys, generated.proof.encode())
	})
}

#[test]
fn a_validator_added_by_root_authors_from_the_session_after_next() {
	local_ext().execute_with(|| {
		let dave = Sr25519Keyring::Dave;
		let (keys, proof) = session_keys_with_proof(&dave.to_account_id());
		assert_noop!(
			ValidatorSet::set_keys(
				RuntimeOrigin::signed(dave.to_account_id()),
				keys.clone(),
				vec![]
			),
			pallet_session::Error::<Runtime>::InvalidProof
		);
		// Another account's proof does not do either.
		let (_, eves_proof) = session_keys_with_proof(&Sr25519Keyring::Eve.to_account_id());
		assert_noop!(
			ValidatorSet::set_keys(
				RuntimeOrigin::signed(dave.to_account_id()),
				keys.clone(),
				eves_proof
			),
			pallet_session::Error::<Runtime>::InvalidProof
		);
		assert_ok!(ValidatorSet::set_keys(
			RuntimeOrigin::signed(dave.to_account_id()),
			keys.clone(),
			proof
		));
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), dave.to_account_id()));
		run_to_session(1);
		assert_eq!(aura_authorities().len(), 2, "not yet");
		run_to_session(2);
		assert!(aura_authorities().contains(&keys.aura));
		assert!(Grandpa::grandpa_authorities().iter().any(|(k, _)| k == &keys.grandpa));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), dave.to_account_id()));
		run_to_session(4);
		assert!(!aura_authorities().contains(&keys.aura));
		assert_eq!(aura_authorities().len(), 2);
	});
}

/// The state of spec_version 103 and before: Aura and GRANDPA authorities fixed at genesis, no
/// session or validator set.
fn fixed_authorities_ext() -> sp_io::TestExternalities {
	let mut patch = genesis_config_presets::zombienet_config_genesis();
	let object = patch.as_object_mut().expect("a JSON object");
	object.remove("session");
	object.remove("validatorSet");
	let keys = [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie];
	let grandpa = [
		sp_keyring::Ed25519Keyring::Alice,
		sp_keyring::Ed25519Keyring::Bob,
		sp_keyring::Ed25519Keyring::Charlie,
	];
	let aura: Vec<AuraId> = keys.iter().map(|k| k.public().into()).collect();
	let grandpa: Vec<(GrandpaId, u64)> = grandpa.iter().map(|k| (k.public().into(), 1)).collect();
	object.insert("aura".into(), serde_json::json!({ "authorities": aura }));
	object.insert("grandpa".into(), serde_json::json!({ "authorities": grandpa }));
	preset_ext(patch)
}

#[test]
fn the_migration_turns_fixed_authorities_into_the_validator_set() {
	type Init = pallet_validator_set::migrations::init::InitialiseFromAuthorities<
		Runtime,
		configs::AuthoritiesAsValidators,
	>;
	fixed_authorities_ext().execute_with(|| {
		assert!(pallet_session::Validators::<Runtime>::get().is_empty());
		let before = aura_authorities();
		assert_eq!(before.len(), 3);
		Init::on_runtime_upgrade();
		let accounts: Vec<AccountId> =
			[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
				.iter()
				.map(|k| k.to_account_id())
				.collect();
		assert_eq!(pallet_validator_set::Validators::<Runtime>::get().into_inner(), accounts);
		// The sessions that follow keep the same authorities; governance can change them.
		run_to_session(3);
		assert_eq!(aura_authorities(), before);
		assert_eq!(Grandpa::grandpa_authorities().len(), 3);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), accounts[2].clone()));
		run_to_session(5);
		assert_eq!(aura_authorities(), before[..2].to_vec());
	});
}

/// Runs blocks with Aura pre-runtime digests until session `index` starts, skipping the slots
/// of the authority at `silent` (its node is down: its slots pass without a block); returns the
/// validator-set events deposited on the way.
pub(super) fn run_to_session_without(
	index: u32,
	silent: u64,
) -> Vec<pallet_validator_set::Event<Runtime>> {
	use codec::Encode;
	use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
	use sp_runtime::{generic::DigestItem, Digest};
	let mut events = Vec::new();
	let mut slot = u64::from(pallet_aura::CurrentSlot::<Runtime>::get());
	while pallet_session::CurrentIndex::<Runtime>::get() < index {
		let authorities = aura_authorities().len() as u64;
		slot += 1;
		if slot % authorities == silent {
			slot += 1;
		}
		let next = System::block_number() + 1;
		let digest = Digest {
			logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(slot).encode())],
		};
		System::initialize(&next, &System::parent_hash(), &digest);
		<AllPalletsWithSystem as OnInitialize<BlockNumber>>::on_initialize(next);
		// Timestamp's `on_finalize` wants its inherent: only the hooks that matter here.
		<ValidatorSet as OnFinalize<BlockNumber>>::on_finalize(next);
		<Grandpa as OnFinalize<BlockNumber>>::on_finalize(next);
		events.extend(System::events().into_iter().filter_map(|r| match r.event {
			RuntimeEvent::ValidatorSet(e) => Some(e),
			_ => None,
		}));
	}
	events
}

/// A validator whose node is down authors no block: after `OfflineSessions` sessions it is
/// reported (`ValidatorOffline`) and `ValidatorApi::offline_validators` lists it with its
/// count, found from the blocks' own Aura slots.
#[test]
fn a_validator_that_authors_no_block_is_reported_offline() {
	zombienet_ext().execute_with(|| {
		let dave = Sr25519Keyring::Dave.to_account_id();
		assert_eq!(pallet_session::Validators::<Runtime>::get()[3], dave);
		let sessions = <Runtime as pallet_validator_set::Config>::OfflineSessions::get();
		let events = run_to_session_without(sessions, 3);
		assert!(events.contains(&pallet_validator_set::Event::ValidatorOffline {
			who: dave.clone(),
			sessions
		}));
		assert_eq!(ValidatorSet::offline_validators(), vec![(dave, sessions)]);
		// The three that authored are neither listed nor reported.
		let reported = events
			.iter()
			.filter(|e| matches!(e, pallet_validator_set::Event::ValidatorOffline { .. }))
			.count();
		assert_eq!(reported, 1);
	});
}

#[test]
fn the_upgrade_maps_the_current_and_previous_grandpa_sets_to_sessions() {
	zombienet_ext().execute_with(|| {
		use frame_support::traits::OnRuntimeUpgrade;
		use pallet_grandpa::{CurrentSetId, SetIdSession};
		run_to_session(3);
		// A chain from before spec_version 114 on its third set: pallet-grandpa kept the
		// current set's entry only.
		CurrentSetId::<Runtime>::put(2);
		let _ = SetIdSession::<Runtime>::clear(u32::MAX, None);
		SetIdSession::<Runtime>::insert(2, 3);
		configs::validators::GrandpaSessionOfCurrentSet::on_runtime_upgrade();
		assert_eq!(SetIdSession::<Runtime>::get(2), Some(3));
		assert_eq!(SetIdSession::<Runtime>::get(1), Some(2), "set 1 ended with the last session");
		assert_eq!(SetIdSession::<Runtime>::get(0), None);
		// Entries pallet-grandpa wrote stay as they are.
		SetIdSession::<Runtime>::insert(1, 1);
		configs::validators::GrandpaSessionOfCurrentSet::on_runtime_upgrade();
		assert_eq!(SetIdSession::<Runtime>::get(1), Some(1));
	});
}
