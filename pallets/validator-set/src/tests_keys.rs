// SPDX-License-Identifier: Apache-2.0
//! Unit tests of session keys and departures: only an account in no set registers keys
//! (`set_keys`); a queued member whose registered keys are not the queued ones makes the next
//! session's historical root anew; a validator whose removal was held back leaves, for its
//! deposit's sake, when it really does; the v2 migration keeps every slash record.

use crate::{migrations, mock::*, Error, Event, LeftIn, SlashedIn};
use frame_support::{
	assert_noop, assert_ok,
	traits::{GetStorageVersion, KeyOwnerProofSystem, OnRuntimeUpgrade, StorageVersion},
};
use sp_runtime::{testing::UintAuthorityId, traits::BadOrigin, RuntimeAppPublic};

fn key(id: u64) -> (sp_runtime::KeyTypeId, Vec<u8>) {
	(UintAuthorityId::ID, id.to_le_bytes().to_vec())
}

#[test]
fn an_account_in_no_set_registers_keys() {
	build_and_execute(|| {
		assert_ok!(ValidatorSet::set_keys(RuntimeOrigin::signed(5), UintAuthorityId(5), vec![]));
		assert_eq!(pallet_session::NextKeys::<Test>::get(5), Some(UintAuthorityId(5)));
		System::assert_last_event(Event::<Test>::KeysSet { who: 5 }.into());
		// And then joins with them.
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 5));
	});
}

#[test]
fn set_keys_needs_a_signed_origin() {
	build_and_execute(|| {
		assert_noop!(
			ValidatorSet::set_keys(RuntimeOrigin::root(), UintAuthorityId(5), vec![]),
			BadOrigin
		);
		assert_noop!(
			ValidatorSet::set_keys(RuntimeOrigin::none(), UintAuthorityId(5), vec![]),
			BadOrigin
		);
	});
}

#[test]
fn a_validator_cannot_change_its_keys_until_it_has_left_every_set() {
	build_and_execute(|| {
		// A member of the set (and of the session's sets).
		assert_noop!(
			ValidatorSet::set_keys(RuntimeOrigin::signed(1), UintAuthorityId(11), vec![]),
			Error::<Test>::StillValidating
		);
		// Added, not yet queued.
		set_keys(4);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_noop!(
			ValidatorSet::set_keys(RuntimeOrigin::signed(4), UintAuthorityId(44), vec![]),
			Error::<Test>::StillValidating
		);
		// Removed in session 0: still current in session 1 (pallet-session queues ahead).
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
		assert_noop!(
			ValidatorSet::set_keys(RuntimeOrigin::signed(3), UintAuthorityId(33), vec![]),
			Error::<Test>::StillValidating
		);
		run_to_session(1);
		assert_noop!(
			ValidatorSet::set_keys(RuntimeOrigin::signed(3), UintAuthorityId(33), vec![]),
			Error::<Test>::StillValidating
		);
		// Out of every set from session 2: its keys are its own again.
		run_to_session(2);
		assert_ok!(ValidatorSet::set_keys(RuntimeOrigin::signed(3), UintAuthorityId(33), vec![]));
		assert_eq!(pallet_session::NextKeys::<Test>::get(3), Some(UintAuthorityId(33)));
	});
}

#[test]
fn a_member_without_keys_registers_some() {
	build_and_execute(|| {
		// Keys lost behind the runtime's back (pallet-session's own call, which the runtime
		// filters): 3 authors in no session from the next change on, and may register keys.
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(3)));
		assert_ok!(ValidatorSet::set_keys(RuntimeOrigin::signed(3), UintAuthorityId(33), vec![]));
		assert_eq!(pallet_session::NextKeys::<Test>::get(3), Some(UintAuthorityId(33)));
	});
}

#[test]
fn pallet_session_refusals_pass_through_unchanged() {
	build_and_execute(|| {
		// 2's key is taken.
		assert_noop!(
			ValidatorSet::set_keys(RuntimeOrigin::signed(5), UintAuthorityId(2), vec![]),
			pallet_session::Error::<Test>::DuplicatedKey
		);
	});
}

#[test]
fn a_session_with_other_keys_than_the_last_gets_its_own_historical_root() {
	build_and_execute(|| {
		// Keys changed behind the runtime's back (pallet-session's own call, which the runtime
		// filters): session 2's keys, queued at the start of session 1, are 22, not 2.
		assert_ok!(Session::set_keys(RuntimeOrigin::signed(2), UintAuthorityId(22), vec![]));
		run_to_session(2);
		let proof = Historical::prove(key(22)).expect("22 is 2's key in session 2");
		assert_eq!(proof.session, 2);
		run_to_session(3);
		// Checked against the root stored for session 2, not a copy of session 1's.
		assert_eq!(Historical::check_proof(key(22), proof), Some((2, ())));
	});
}

#[test]
fn a_held_back_removal_counts_from_when_it_takes_effect() {
	build_and_execute(|| {
		// 3 is removed in session 0, but 2 has no keys: the change waits (`SetChangeRefused`).
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(2)));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
		assert_eq!(LeftIn::<Test>::get(3), Some(0));
		run_to_session(3);
		assert_eq!(session_validators(), vec![1, 3], "3 still validates");
		// 2 registers keys again; the set hands over at the start of session 4: session 4 is
		// 3's last as an authority, as session 1 would have been for a removal in session 0.
		set_keys(2);
		run_to_session(4);
		assert_eq!(LeftIn::<Test>::get(3), Some(3));
		assert_eq!(ValidatorSet::answerable_until(&3), Some(3 + 2 + HISTORY_DEPTH));
		run_to_session(5);
		assert!(!session_validators().contains(&3));
	});
}

#[test]
fn the_v2_migration_turns_each_slash_record_into_what_was_slashed() {
	build_and_execute(|| {
		// v1 records (a session only): 1 was slashed 56% of its deposit under v1, 2 has its
		// deposit whole again.
		let (_, short) = <Balances as frame_support::traits::fungible::BalancedHold<u64>>::slash(
			&crate::HoldReason::ValidatorDeposit.into(),
			&1,
			5,
		);
		assert_eq!(short, 0);
		for who in [1u64, 2] {
			frame_support::storage::unhashed::put(&SlashedIn::<Test>::hashed_key_for(who), &5u32);
		}
		StorageVersion::new(1).put::<ValidatorSet>();

		migrations::v2::MigrateToV2::<Test>::on_runtime_upgrade();
		assert_eq!(ValidatorSet::on_chain_storage_version(), StorageVersion::new(2));
		assert_eq!(SlashedIn::<Test>::get(1), Some(5), "what its deposit misses");
		assert_eq!(SlashedIn::<Test>::get(2), Some(1), "at least MinSlash (10%) of Deposit (10)");
		// A second run does nothing.
		migrations::v2::MigrateToV2::<Test>::on_runtime_upgrade();
		assert_eq!(SlashedIn::<Test>::get(1), Some(5));
	});
}
