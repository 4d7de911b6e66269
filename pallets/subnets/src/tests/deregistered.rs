// SPDX-License-Identifier: Apache-2.0
//! What a neuron leaves behind when it is replaced or its subnet removed: its stakers' stake
//! stops counting, its take waits for its return, and no validator's bonds carry to the next
//! neuron on its uid (issue #32).

use super::*;

/// [`economy`] with room for its five neurons only, so the next registration replaces one.
fn full_economy() -> NetUid {
	let netuid = economy();
	assert_ok!(Subnets::set_hyperparameters(
		signed(OWNER),
		netuid,
		Hyperparameters { max_uids: 5, ..info(netuid).hyperparameters }
	));
	netuid
}

/// Registers `hot(hotkey)` for `coldkey` on a full subnet; returns the hotkey it replaced.
fn replace_one(netuid: NetUid, coldkey: AccountId, hotkey: u64) -> AccountId {
	assert_ok!(Subnets::register_neuron(signed(coldkey), netuid, hot(hotkey)));
	match last_event() {
		Event::NeuronRegistered { replaced: Some(old), .. } => old,
		other => panic!("expected a replacement, got {other:?}"),
	}
}

/// Before: re-registering a hotkey created a new neuron at the maximum take, changed now, so a
/// validator that lowered its take to 0% to attract stake could be back at 18% at once, with
/// its stakers' FLY still on the hotkey.
#[test]
fn a_hotkey_back_on_the_subnet_keeps_its_take_and_its_rate_limit() {
	run(|| {
		let netuid = full_economy();
		let lowered_at = System::block_number() as u32;
		assert_ok!(Subnets::set_take(signed(ALICE), netuid, hot(1), Perbill::zero()));
		// hot(1) earned nothing and is the oldest: the first replaced.
		assert_eq!(replace_one(netuid, BOB, 8), hot(1));
		assert_eq!(RetiredTakes::<Test>::get(netuid, hot(1)), Some((Perbill::zero(), lowered_at)));
		run_to(System::block_number() + 6);
		// ALICE registers it again (replacing hot(2), the next weakest).
		assert_eq!(replace_one(netuid, ALICE, 1), hot(2));
		let uid = Uids::<Test>::get(netuid, hot(1)).expect("registered again");
		let back = neuron_at(netuid, uid);
		assert_eq!((back.take, back.take_changed_at), (Perbill::zero(), lowered_at));
		assert_eq!(RetiredTakes::<Test>::get(netuid, hot(1)), None);
		// The raise still waits for the rate limit counted from the last change.
		assert_noop!(
			Subnets::set_take(signed(ALICE), netuid, hot(1), Perbill::from_percent(18)),
			Err::TakeRateLimited
		);
		run_to(u64::from(lowered_at + TAKE_RATE_LIMIT));
		assert_ok!(Subnets::set_take(signed(ALICE), netuid, hot(1), Perbill::from_percent(18)));
	});
}

/// A hotkey replaced with no stakers leaves no take behind, and a retired take goes with the
/// last staker.
#[test]
fn a_retired_take_lasts_as_long_as_its_stakers() {
	run(|| {
		let netuid = full_economy();
		assert_eq!(replace_one(netuid, BOB, 8), hot(1));
		assert!(RetiredTakes::<Test>::contains_key(netuid, hot(1)));
		assert_ok!(Subnets::remove_stake(signed(ALICE), netuid, hot(1), 100 * FLY));
		assert_eq!(RetiredTakes::<Test>::get(netuid, hot(1)), None);
		run_to(System::block_number() + 6);
		assert_eq!(replace_one(netuid, BOB, 9), hot(2));
		assert!(RetiredTakes::<Test>::contains_key(netuid, hot(2)));
		run_to(System::block_number() + 6);
		// Miner hot(3) had no stakers: nothing kept.
		assert_eq!(replace_one(netuid, BOB, 10), hot(3));
		assert_eq!(RetiredTakes::<Test>::get(netuid, hot(3)), None);
	});
}

/// Before: stake on a replaced hotkey or a removed subnet stayed in the subnet's share and in
/// the bonded ratio until its coldkey withdrew it, so idle FLY kept raising inflation and a
/// subnet's emission for nothing.
#[test]
fn stake_on_a_replaced_hotkey_stops_counting_and_counts_again_on_its_return() {
	run(|| {
		let netuid = full_economy();
		assert_eq!((info(netuid).total_stake, TotalStake::<Test>::get()), (200 * FLY, 200 * FLY));
		assert_eq!(Subnets::counted_total_stake(), 200 * FLY);
		assert_eq!(replace_one(netuid, BOB, 8), hot(1));
		// ALICE's 100 FLY stay held (withdrawable) but count nowhere, at once.
		assert_eq!(Subnets::held(HoldReason::Stake, &ALICE), 100 * FLY);
		assert_eq!(info(netuid).total_stake, 100 * FLY);
		assert_eq!(info(netuid).stake_snapshot, 100 * FLY);
		assert_eq!(TotalStake::<Test>::get(), 100 * FLY);
		assert_eq!(Subnets::counted_total_stake(), 100 * FLY);
		// Withdrawing part of it changes no count.
		assert_ok!(Subnets::remove_stake(signed(ALICE), netuid, hot(1), 40 * FLY));
		assert_eq!((info(netuid).total_stake, TotalStake::<Test>::get()), (100 * FLY, 100 * FLY));
		// Back on the subnet, the 60 FLY count again, from the next round for the sharing.
		run_to(System::block_number() + 6);
		replace_one(netuid, ALICE, 1);
		// (It replaced hot(2): BOB's 100 FLY left the count, ALICE's 60 came back.)
		assert_eq!(info(netuid).total_stake, 60 * FLY);
		assert_eq!(TotalStake::<Test>::get(), 60 * FLY);
		assert_eq!(info(netuid).stake_snapshot, 60 * FLY);
		assert_eq!(Subnets::counted_total_stake(), 60 * FLY);
		// A return never raises the lows: stake back before a round counts from the next.
		assert_ok!(Subnets::remove_stake(signed(ALICE), netuid, hot(1), 60 * FLY));
		assert_ok!(Subnets::add_stake(signed(ALICE), netuid, hot(1), 60 * FLY));
		assert_eq!(Subnets::counted_total_stake(), 0);
		emit(0);
		assert_eq!(Subnets::counted_total_stake(), 60 * FLY);
	});
}

#[test]
fn stake_on_a_removed_subnet_stops_counting_and_stays_withdrawable() {
	run(|| {
		let netuid = economy();
		let other = network(OWNER2, 10);
		neuron(other, CHARLIE, 11);
		assert_ok!(Subnets::add_stake(signed(CHARLIE), other, hot(11), 50 * FLY));
		assert_eq!(TotalStake::<Test>::get(), 250 * FLY);
		assert_ok!(Subnets::dissolve_network(signed(OWNER), netuid));
		assert_eq!(TotalStake::<Test>::get(), 50 * FLY);
		assert_eq!(Subnets::counted_total_stake(), 50 * FLY);
		// The next round's share goes to the live subnet only; the removed one's stakers
		// withdraw in full.
		emit(0);
		let alice = free(ALICE);
		assert_ok!(Subnets::remove_stake(signed(ALICE), netuid, hot(1), 100 * FLY));
		assert_eq!(free(ALICE), alice + 100 * FLY);
		assert_eq!(TotalStake::<Test>::get(), 50 * FLY);
		assert_noop!(Subnets::add_stake(signed(BOB), netuid, hot(2), FLY), Err::UnknownSubnet);
	});
}

/// Validators hot(1) → miner 4 and hot(2) → miner 3, one epoch paid (block 30).
fn bonded_economy() -> NetUid {
	let netuid = full_economy();
	assert_ok!(Subnets::set_weights(signed(hot(1)), netuid, weights(&[(4, 1)])));
	assert_ok!(Subnets::set_weights(signed(hot(2)), netuid, weights(&[(3, 1)])));
	emit(1_000 * FLY);
	run_to(30);
	assert_eq!(Bonds::<Test>::get(netuid, 1).into_inner(), vec![(4, Perbill::one())]);
	netuid
}

/// Before: a validator without fresh weights kept its bonds unchanged forever, and they moved
/// to whichever neuron next took the uid they pointed at; when it set weights again they paid
/// dividends as if it had backed the newcomer all along.
#[test]
fn an_idle_validators_bonds_decay_and_never_reach_a_new_neuron() {
	run(|| {
		let netuid = bonded_economy();
		// hot(2) stays active (and weights hot(1) as a miner, so that hot(1) earns and is not
		// the neuron replaced below); hot(1) is idle once its weights are older than the cutoff.
		let mut bond = Perbill::one();
		for block in (40..=120).step_by(10) {
			assert_ok!(Subnets::set_weights(signed(hot(2)), netuid, weights(&[(3, 1), (1, 1)])));
			emit(100 * FLY);
			run_to(block);
			let row = Bonds::<Test>::get(netuid, 1).into_inner();
			// Its weights were set at block 20.
			if block > 20 + ACTIVITY_CUTOFF as u64 {
				// Left out: (1 − α) of the last value each epoch.
				bond = Perbill::from_percent(90) * bond;
				assert_eq!(row, vec![(4, bond)]);
			} else {
				assert_eq!(row, vec![(4, Perbill::one())]);
			}
		}
		// Miner 4 (nothing earned since hot(1) left) is replaced; the next epoch drops the
		// idle validator's bond on its uid.
		assert_eq!(replace_one(netuid, BOB, 8), hot(4));
		assert_ok!(Subnets::set_weights(signed(hot(2)), netuid, weights(&[(3, 1)])));
		run_to(130);
		assert_eq!(Bonds::<Test>::get(netuid, 1).into_inner(), vec![]);
		assert!(!Bonds::<Test>::contains_key(netuid, 1));
		// Both validators (equal stake) weight the newcomer: their bonds on it are equal, so
		// nothing of hot(1)'s old bond on the uid survived.
		assert_ok!(Subnets::set_weights(signed(hot(1)), netuid, weights(&[(4, 1)])));
		assert_ok!(Subnets::set_weights(signed(hot(2)), netuid, weights(&[(4, 1)])));
		run_to(140);
		let on_newcomer = |v: Uid| {
			Bonds::<Test>::get(netuid, v).into_iter().find(|(t, _)| *t == 4).map(|(_, b)| b)
		};
		assert_eq!(on_newcomer(1), Some(Perbill::from_percent(50)));
		assert_eq!(on_newcomer(2), Some(Perbill::from_percent(50)));
	});
}

/// A validator that loses its permit keeps no bonds: they cannot come back with a new permit.
#[test]
fn a_validator_without_a_permit_keeps_no_bonds() {
	run(|| {
		let netuid = bonded_economy();
		assert_ok!(Subnets::remove_stake(signed(ALICE), netuid, hot(1), 100 * FLY));
		assert_ok!(Subnets::set_weights(signed(hot(2)), netuid, weights(&[(3, 1)])));
		run_to(40);
		assert!(!neuron_at(netuid, 1).validator_permit);
		assert!(!Bonds::<Test>::contains_key(netuid, 1));
		assert!(Bonds::<Test>::contains_key(netuid, 2));
	});
}
