// SPDX-License-Identifier: Apache-2.0
//! Unit tests: every call's success and error paths, origins, events, the session hand-over and
//! the migration from fixed authorities.

use crate::{mock::*, Changed, Error, Event, Validators};
use frame_support::{assert_noop, assert_ok, traits::OnRuntimeUpgrade};
use pallet_session::SessionManager;
use sp_runtime::{testing::UintAuthorityId, DispatchError, RuntimeAppPublic};

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

#[test]
fn genesis_validators_are_the_first_sessions_validators() {
	build_and_execute(|| {
		assert_eq!(Validators::<Test>::get().into_inner(), vec![1, 2, 3]);
		assert_eq!(pallet_session::Validators::<Test>::get(), vec![1, 2, 3]);
		assert_eq!(session_validators(), vec![1, 2, 3]);
		assert!(!Changed::<Test>::get());
	});
}

#[test]
fn an_added_validator_validates_from_the_session_after_next() {
	build_and_execute(|| {
		set_keys(4);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_eq!(last_event(), RuntimeEvent::ValidatorSet(Event::ValidatorAdded { who: 4 }));
		assert_eq!(Validators::<Test>::get().into_inner(), vec![1, 2, 3, 4]);
		assert!(Changed::<Test>::get());
		run_to_session(1); // queues the new set
		assert!(!Changed::<Test>::get(), "session took the change");
		assert_eq!(session_validators(), vec![1, 2, 3]);
		run_to_session(2);
		assert_eq!(session_validators(), vec![1, 2, 3, 4]);
	});
}

#[test]
fn a_removed_validator_stops_from_the_session_after_next() {
	build_and_execute(|| {
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
		assert_eq!(last_event(), RuntimeEvent::ValidatorSet(Event::ValidatorRemoved { who: 2 }));
		assert_eq!(Validators::<Test>::get().into_inner(), vec![1, 3]);
		run_to_session(1);
		assert_eq!(session_validators(), vec![1, 2, 3]);
		run_to_session(2);
		assert_eq!(session_validators(), vec![1, 3]);
		assert!(pallet_session::NextKeys::<Test>::contains_key(2), "its keys stay registered");
	});
}

#[test]
fn an_unchanged_set_is_not_handed_to_session_again() {
	build_and_execute(|| {
		assert_eq!(ValidatorSet::new_session(1), None);
		set_keys(4);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_eq!(ValidatorSet::new_session(1), Some(vec![1, 2, 3, 4]));
		assert_eq!(ValidatorSet::new_session(2), None, "taken once");
	});
}

#[test]
fn only_the_validator_origin_adds_or_removes() {
	build_and_execute(|| {
		set_keys(4);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(1), 4),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 2),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::none(), 4),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn add_validator_refuses_a_member_an_account_without_keys_and_a_full_set() {
	build_and_execute(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::AlreadyValidator
		);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 5),
			Error::<Test>::NoSessionKeys
		);
		set_keys(4);
		set_keys(5);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 5),
			Error::<Test>::TooManyValidators
		);
	});
}

#[test]
fn remove_validator_refuses_a_non_member_and_going_below_the_minimum() {
	build_and_execute(|| {
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 5),
			Error::<Test>::NotValidator
		);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 1),
			Error::<Test>::TooFewValidators
		);
		assert_eq!(Validators::<Test>::get().into_inner(), vec![1, 2]);
	});
}

frame_support::parameter_types! {
	pub Authorities: Vec<(u64, UintAuthorityId)> = vec![(7, UintAuthorityId(7)), (8, UintAuthorityId(8))];
}
type Init = crate::migrations::init::InitialiseFromAuthorities<Test, Authorities>;

/// A chain without the validator set or session state (authorities fixed at genesis), where
/// the authorities' accounts 7 and 8 hold 100.
fn without_sessions() -> sp_io::TestExternalities {
	use sp_runtime::BuildStorage;
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(7, 100), (8, 100)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

#[test]
fn the_migration_makes_the_authorities_the_validators_once() {
	without_sessions().execute_with(|| {
		assert!(Validators::<Test>::get().is_empty());
		Init::on_runtime_upgrade();
		assert_eq!(Validators::<Test>::get().into_inner(), vec![7, 8]);
		assert_eq!(pallet_session::Validators::<Test>::get(), vec![7, 8]);
		assert_eq!(pallet_session::NextKeys::<Test>::get(7), Some(UintAuthorityId(7)));
		assert_eq!(
			Session::key_owner(UintAuthorityId::ID, &UintAuthorityId(8).0.to_le_bytes()),
			Some(8)
		);
		// A consumer reference, as set_keys takes, and one for the deposit's hold.
		assert_eq!(System::consumers(&7), 2);
		assert_eq!(ValidatorSet::deposit_of(&7), DEPOSIT, "the deposit is held, as v1 does");
		// The next sessions keep the authorities: the same validators, and no session announces
		// a changed set to Aura and GRANDPA (the handler records only those).
		run_to_session(2);
		assert_eq!(pallet_session::Validators::<Test>::get(), vec![7, 8]);
		assert!(session_validators().is_empty(), "no new authority set was announced");
		crate::invariants::check::<Test>().expect("invariants hold");

		// A second run changes nothing.
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		Init::on_runtime_upgrade();
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
	});
}

#[test]
fn the_migration_leaves_a_chain_with_a_validator_set_alone() {
	build_and_execute(|| {
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		Init::on_runtime_upgrade();
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
		assert_eq!(Validators::<Test>::get().into_inner(), vec![1, 2, 3]);
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn the_migration_passes_its_own_checks() {
	without_sessions().execute_with(|| {
		let state = Init::pre_upgrade().expect("pre_upgrade");
		Init::on_runtime_upgrade();
		Init::post_upgrade(state).expect("post_upgrade");
		let again = Init::pre_upgrade().expect("pre_upgrade");
		Init::on_runtime_upgrade();
		Init::post_upgrade(again).expect("post_upgrade of a second run");
	});
}

/// Removes `who`'s keys as pallet-session's own `purge_keys` does (the runtime refuses that call;
/// the mock has no call filter), to reach a set with members without keys.
fn purge_in_session(who: u64) {
	assert_ok!(Session::purge_keys(RuntimeOrigin::signed(who)));
}

#[test]
fn a_change_leaves_out_members_without_keys() {
	build_and_execute(|| {
		purge_in_session(3);
		set_keys(4);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		run_to_session(1);
		System::assert_has_event(Event::<Test>::LeftOutWithoutKeys { without_keys: 1 }.into());
		run_to_session(2);
		assert_eq!(session_validators(), vec![1, 2, 4]);
		// Still listed: a referendum removes it, or it sets keys again.
		assert!(Validators::<Test>::get().contains(&3));
	});
}

#[test]
fn a_change_with_fewer_keyed_members_than_the_minimum_is_refused_and_the_set_kept() {
	build_and_execute(|| {
		// Every genesis member purges; a referendum then adds a fourth validator.
		for who in [1, 2, 3] {
			purge_in_session(who);
		}
		set_keys(4);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		run_to_session(1);
		System::assert_has_event(Event::<Test>::SetChangeRefused { with_keys: 1, min: 2 }.into());
		// The authorities never become empty (GRANDPA would schedule no voter): the genesis set
		// stays, session after session, and the change waits.
		run_to_session(4);
		assert_eq!(session_validators(), vec![1, 2, 3]);
		assert!(Changed::<Test>::get());
		// Once enough members have keys again, the change goes through.
		set_keys(1);
		run_to_session(6);
		assert_eq!(session_validators(), vec![1, 4]);
		assert!(!Changed::<Test>::get());
	});
}

#[test]
fn a_removal_that_leaves_too_few_members_with_keys_is_held_back() {
	build_and_execute(|| {
		// 3 leaves (allowed: 2 stay), but 2 has no keys: only 1 would validate, below 2.
		purge_in_session(2);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
		run_to_session(3);
		System::assert_has_event(Event::<Test>::SetChangeRefused { with_keys: 1, min: 2 }.into());
		// pallet-session itself leaves 2 (no keys) out of every session, which is why the
		// runtime refuses `session.purgeKeys`; the removal of 3 waits, so 3 still validates and
		// the minimum of two holds.
		assert_eq!(session_validators(), vec![1, 3]);
		assert!(Changed::<Test>::get());
	});
}

#[test]
fn purge_keys_is_refused_to_any_validator_until_it_has_left_every_set() {
	build_and_execute(|| {
		assert_noop!(
			ValidatorSet::purge_keys(RuntimeOrigin::signed(3)),
			Error::<Test>::StillValidating
		);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
		// Out of the pallet's set, still in the session's queued and current sets.
		run_to_session(1);
		assert_noop!(
			ValidatorSet::purge_keys(RuntimeOrigin::signed(3)),
			Error::<Test>::StillValidating
		);
		run_to_session(2);
		assert_eq!(session_validators(), vec![1, 2]);
		// Out of every set, but an offence of session 1 (its last) can still be reported.
		assert_eq!(ValidatorSet::answerable_until(&3), Some(2 + HISTORY_DEPTH));
		run_to_session(1 + HISTORY_DEPTH);
		assert_noop!(
			ValidatorSet::purge_keys(RuntimeOrigin::signed(3)),
			Error::<Test>::DepositStillAnswerable
		);
		run_to_session(2 + HISTORY_DEPTH);
		assert_ok!(ValidatorSet::purge_keys(RuntimeOrigin::signed(3)));
		assert_eq!(last_event(), Event::<Test>::KeysPurged { who: 3 }.into());
		assert!(!pallet_session::NextKeys::<Test>::contains_key(3));
	});
}

#[test]
fn purge_keys_needs_a_signed_account_with_keys() {
	build_and_execute(|| {
		assert_noop!(ValidatorSet::purge_keys(RuntimeOrigin::root()), DispatchError::BadOrigin);
		assert_noop!(
			ValidatorSet::purge_keys(RuntimeOrigin::signed(5)),
			pallet_session::Error::<Test>::NoKeys
		);
	});
}

/// Sessions start in this pallet's hook at the benchmarked cost of a rotation, far below a whole
/// block; pallet-session's own hook (which charges `max_block` when it rotates) never rotates.
#[test]
fn sessions_rotate_in_this_hook_at_their_measured_cost() {
	use crate::WeightInfo;
	use frame_support::{
		traits::{Get, Hooks},
		weights::Weight,
	};
	build_and_execute(|| {
		let read = <<Test as frame_system::Config>::DbWeight as Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get()
		.reads(1);
		let idle = ValidatorSet::note_author_weight().saturating_add(read);
		// A block inside session 0: nothing rotates, either hook.
		System::set_block_number(SESSION_LENGTH - 1);
		assert_eq!(ValidatorSet::on_initialize(SESSION_LENGTH - 1), idle);
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 0);
		// pallet-session's hook at the session's end: no rotation, no weight.
		System::set_block_number(SESSION_LENGTH);
		assert_eq!(Session::on_initialize(SESSION_LENGTH), Weight::zero());
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 0);
		// This pallet's hook rotates and charges the rotation.
		let charged = ValidatorSet::on_initialize(SESSION_LENGTH);
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 1);
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Session(pallet_session::Event::NewSession { session_index: 1 })));
		assert_eq!(charged, idle.saturating_add(<() as WeightInfo>::rotate_session()));
		let max_block = <<Test as frame_system::Config>::BlockWeights as Get<
			frame_system::limits::BlockWeights,
		>>::get()
		.max_block;
		assert!(charged.ref_time() < max_block.ref_time() / 10);
		// The next session ends a period later, not before.
		System::set_block_number(2 * SESSION_LENGTH - 1);
		assert_eq!(ValidatorSet::on_initialize(2 * SESSION_LENGTH - 1), idle);
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 1);
	});
}
