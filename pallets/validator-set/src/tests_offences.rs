// SPDX-License-Identifier: Apache-2.0
//! Unit tests of deposits and offences: a validator holds its deposit while it may validate; a
//! proven offence slashes part of it to the slash destination (once per session), disables the
//! offender and removes it from the set unless that would go below the minimum; historical
//! roots are kept for `HistoryDepth` sessions; the v1 migration holds a live chain's deposits.

use crate::{migrations, mock::*, Changed, Error, Event, SlashedIn, Validators};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold, MutateHold},
		tokens::Precision,
		GetStorageVersion, OnRuntimeUpgrade, StorageVersion,
	},
};
use sp_runtime::{Perbill, RuntimeAppPublic};
use sp_staking::offence::{OffenceDetails, OnOffenceHandler};

fn deposit(who: u64) -> u64 {
	ValidatorSet::deposit_of(&who)
}

fn free(who: u64) -> u64 {
	Balances::balance(&who)
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::ValidatorSet(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// Reports an offence of `who` in `session` with GRANDPA's fraction `fraction`, as
/// pallet-offences does.
fn report(who: u64, fraction: Perbill, session: u32) {
	let details = OffenceDetails { offender: (who, ()), reporters: vec![] };
	let _ = <ValidatorSet as OnOffenceHandler<u64, (u64, ()), frame_support::weights::Weight>>::on_offence(
		&[details],
		&[fraction],
		session,
	);
}

fn disabled() -> Vec<u64> {
	let validators = pallet_session::Validators::<Test>::get();
	Session::disabled_validators().into_iter().map(|i| validators[i as usize]).collect()
}

#[test]
fn genesis_validators_hold_their_deposit_from_the_first_block() {
	build_and_execute(|| {
		for who in 1..=3 {
			assert_eq!(deposit(who), DEPOSIT);
			assert_eq!(free(who), 100 - DEPOSIT);
		}
		assert_eq!(deposit(4), 0);
		assert!(events().contains(&Event::DepositHeld { who: 1, amount: DEPOSIT, short: 0 }));
	});
}

#[test]
fn an_added_validator_holds_the_deposit_or_is_refused() {
	build_and_execute(|| {
		set_keys(4);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_eq!(deposit(4), DEPOSIT);
		assert!(events().contains(&Event::DepositHeld { who: 4, amount: DEPOSIT, short: 0 }));

		// Account 7 holds 5, less than the deposit: refused, nothing changes.
		set_keys(7);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 4));
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 7),
			Error::<Test>::CannotHoldDeposit
		);
		assert_eq!(deposit(7), 0);
	});
}

#[test]
fn a_returning_validator_tops_its_deposit_up() {
	build_and_execute(|| {
		report(1, Perbill::from_percent(50), 0); // slashes 5 and removes 1
		assert_eq!(deposit(1), DEPOSIT / 2);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 1));
		assert_eq!(deposit(1), DEPOSIT);
		assert!(events().contains(&Event::DepositHeld { who: 1, amount: DEPOSIT / 2, short: 0 }));
	});
}

#[test]
fn leaving_for_good_releases_the_deposit() {
	build_and_execute(|| {
		set_keys(4);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		run_to_session(2);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 4));
		// Still in the session's sets: keys and deposit stay.
		assert_noop!(
			ValidatorSet::purge_keys(RuntimeOrigin::signed(4)),
			Error::<Test>::StillValidating
		);
		run_to_session(4);
		assert_noop!(
			ValidatorSet::purge_keys(RuntimeOrigin::signed(4)),
			Error::<Test>::DepositStillAnswerable
		);
		run_to_session(4 + HISTORY_DEPTH);
		assert_ok!(ValidatorSet::purge_keys(RuntimeOrigin::signed(4)));
		assert_eq!(crate::LeftIn::<Test>::get(4), None);
		assert_eq!(deposit(4), 0);
		assert_eq!(free(4), 100);
		assert!(events().contains(&Event::DepositReleased { who: 4, amount: DEPOSIT }));
	});
}

#[test]
fn an_offence_slashes_disables_and_removes_the_offender() {
	build_and_execute(|| {
		let before = free(SLASHED_TO);
		let issuance = Balances::total_issuance();
		// GRANDPA's fraction for one offender of three is (3/3)^2 = 100%; a smaller one here
		// shows the floor: 0% slashes MinSlash (10%).
		report(1, Perbill::zero(), 0);
		assert_eq!(deposit(1), DEPOSIT - 1);
		assert_eq!(free(SLASHED_TO), before + 1, "the slash goes to the destination");
		assert_eq!(Balances::total_issuance(), issuance, "nothing is burned or minted");
		assert_eq!(disabled(), vec![1], "disabled at once");
		assert_eq!(Validators::<Test>::get().into_inner(), vec![2, 3]);
		assert!(Changed::<Test>::get());
		assert_eq!(
			events().last(),
			Some(&Event::OffenderPunished { who: 1, session: 0, slashed: 1, removed: true })
		);
		// It leaves the authorities at the session after next; the disabling ends with the set.
		run_to_session(1);
		assert_eq!(session_validators(), vec![1, 2, 3]);
		assert_eq!(disabled(), vec![1]);
		run_to_session(2);
		assert_eq!(session_validators(), vec![2, 3]);
		assert!(disabled().is_empty());
	});
}

#[test]
fn the_offences_fraction_counts_when_above_the_floor() {
	build_and_execute(|| {
		report(2, Perbill::from_percent(50), 0);
		assert_eq!(deposit(2), DEPOSIT / 2);
		assert_eq!(free(SLASHED_TO), 1 + DEPOSIT / 2);
	});
}

#[test]
fn a_membership_is_slashed_once_whatever_the_reports_and_sessions() {
	build_and_execute(|| {
		report(1, Perbill::from_percent(50), 0);
		// pallet-offences names earlier offenders of the same slot again with a new report.
		report(1, Perbill::from_percent(50), 0);
		assert_eq!(deposit(1), DEPOSIT / 2, "one slash");
		assert_eq!(SlashedIn::<Test>::get(1), Some(DEPOSIT / 2));
		assert_eq!(
			events().last(),
			Some(&Event::OffenderPunished { who: 1, session: 0, slashed: 0, removed: false })
		);
		// The reporter picks the proof's session among those the set lasted, and another
		// round is another report: neither slashes the membership again.
		report(1, Perbill::from_percent(50), 1);
		report(1, Perbill::from_percent(30), 3);
		assert_eq!(deposit(1), DEPOSIT / 2);
		assert_eq!(SlashedIn::<Test>::get(1), Some(DEPOSIT / 2));
	});
}

#[test]
fn a_higher_fraction_in_the_membership_takes_only_the_difference() {
	build_and_execute(|| {
		let before = free(SLASHED_TO);
		// One offender of a round, then a second: pallet-offences names both again, with the
		// higher fraction of two offenders.
		report(1, Perbill::from_percent(20), 4);
		assert_eq!(deposit(1), DEPOSIT - 2);
		report(1, Perbill::from_percent(70), 4);
		assert_eq!(deposit(1), DEPOSIT - 7, "70% of the deposit in all, not 20% + 70%");
		assert_eq!(
			events().last(),
			Some(&Event::OffenderPunished { who: 1, session: 4, slashed: 5, removed: false })
		);
		// A lower fraction later takes nothing.
		report(1, Perbill::from_percent(30), 5);
		assert_eq!(deposit(1), DEPOSIT - 7);
		assert_eq!(free(SLASHED_TO), before + 7, "everything slashed went to the destination");
	});
}

#[test]
fn a_validator_added_again_is_slashed_afresh() {
	build_and_execute(|| {
		set_keys(4);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		report(4, Perbill::from_percent(50), 0);
		assert_eq!(deposit(4), DEPOSIT / 2);
		assert!(!Validators::<Test>::get().contains(&4), "removed");
		// A referendum adds it again: it tops its deposit up, and a new offence slashes again.
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_eq!(deposit(4), DEPOSIT);
		assert_eq!(SlashedIn::<Test>::get(4), None);
		report(4, Perbill::from_percent(50), 2);
		assert_eq!(deposit(4), DEPOSIT / 2);
	});
}

#[test]
fn an_offender_at_the_minimum_stays_disabled_in_the_set() {
	build_and_execute(|| {
		report(1, Perbill::from_percent(50), 0); // 3 → 2 validators (the minimum)
		report(2, Perbill::from_percent(50), 0);
		assert_eq!(Validators::<Test>::get().into_inner(), vec![2, 3], "2 kept: min is 2");
		assert_eq!(deposit(2), DEPOSIT / 2, "but slashed");
		assert_eq!(
			events().last(),
			Some(&Event::OffenderPunished { who: 2, session: 0, slashed: 5, removed: false })
		);
		// Disabling stops at the strategy's limit (one of three in the mock): 1 is disabled,
		// 2 is not.
		assert_eq!(disabled(), vec![1]);
	});
}

#[test]
fn an_offender_outside_the_set_loses_what_it_holds_only() {
	build_and_execute(|| {
		let issuance = Balances::total_issuance();
		report(5, Perbill::from_percent(100), 0);
		assert_eq!(free(5), 100);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(Validators::<Test>::get().into_inner(), vec![1, 2, 3]);
		assert!(disabled().is_empty());
	});
}

#[test]
fn historical_roots_prove_key_ownership_for_the_kept_sessions() {
	build_and_execute(|| {
		use frame_support::traits::KeyOwnerProofSystem;
		// pallet-session's trie keys a validator by its key type and raw key (the u64's bytes).
		let key = (sp_runtime::testing::UintAuthorityId::ID, 2u64.to_le_bytes().to_vec());
		let proof = Historical::prove(key.clone()).expect("2 validates session 0");
		assert_eq!(Historical::check_proof(key.clone(), proof.clone()), Some((2, ())));
		run_to_session(1);
		// The root of session 0 proves it after the session ended.
		assert_eq!(Historical::check_proof(key.clone(), proof.clone()), Some((2, ())));
		run_to_session(HISTORY_DEPTH + 2);
		let (first, _) = pallet_session::historical::StoredRange::<Test>::get().expect("roots");
		assert_eq!(first, 2, "roots older than HistoryDepth sessions are pruned");
		assert_eq!(Historical::check_proof(key, proof), None, "session 0 cannot be reported");
	});
}

#[test]
fn the_v1_migration_holds_the_deposits_of_a_live_chain() {
	build_and_execute(|| {
		// A v0 chain: no deposits held; validator 7 has 5 of the 10.
		for who in 1..=3 {
			let reason: RuntimeHoldReason = crate::HoldReason::ValidatorDeposit.into();
			assert_ok!(Balances::release_all(&reason, &who, Precision::Exact));
		}
		set_keys(7);
		Validators::<Test>::mutate(|v| v.try_push(7).expect("room"));
		StorageVersion::new(0).put::<ValidatorSet>();
		System::reset_events();

		migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(ValidatorSet::on_chain_storage_version(), StorageVersion::new(1));
		for who in 1..=3 {
			assert_eq!(deposit(who), DEPOSIT);
		}
		// 7 holds what keeps its account alive (existential deposit 1), and is told the rest.
		assert_eq!(deposit(7), 4);
		assert!(events().contains(&Event::DepositHeld { who: 7, amount: 4, short: 6 }));
		assert_eq!(Balances::balance_on_hold(&crate::HoldReason::ValidatorDeposit.into(), &7), 4);

		// A second run does nothing.
		System::reset_events();
		migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
		assert!(events().is_empty());
		Validators::<Test>::mutate(|v| v.retain(|w| *w != 7));
	});
}

#[test]
fn a_former_validator_answers_for_its_last_sessions() {
	build_and_execute(|| {
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
		run_to_session(3);
		// An offence of session 1, its last as an authority, reported now: slashed, though it
		// is in no set any more; its deposit stays until no such report can come.
		report(3, Perbill::from_percent(50), 1);
		assert_eq!(deposit(3), DEPOSIT / 2);
		assert_noop!(
			ValidatorSet::purge_keys(RuntimeOrigin::signed(3)),
			Error::<Test>::DepositStillAnswerable
		);
	});
}
