// SPDX-License-Identifier: Apache-2.0
//! The v0 → v1 storage migration, on state written in the v0 layout.

use super::*;
use crate::migrations::v1::{v0, InnerMigrateToV1, MigrateToV1};
use codec::Encode;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

fn v0_hyperparameters(h: Hyperparameters) -> v0::Hyperparameters {
	v0::Hyperparameters {
		tempo: h.tempo,
		max_uids: h.max_uids,
		immunity_period: h.immunity_period,
		weights_rate_limit: h.weights_rate_limit,
	}
}

/// Rewrites the pallet's state in the v0 layout (what a v0 chain has) and sets version 0.
fn downgrade_to_v0() {
	use frame_support::storage::unhashed::put_raw;
	let p = Params::<Test>::get();
	let old = v0::GlobalParams {
		min_lock_cost: p.min_lock_cost,
		lock_reduction_interval: p.lock_reduction_interval,
		network_rate_limit: p.network_rate_limit,
		network_immunity_period: p.network_immunity_period,
		owner_cut: p.owner_cut,
		miner_share: p.miner_share,
		emission_mode: p.emission_mode,
		min_burn: p.min_burn,
		max_burn: p.max_burn,
		burn_increase: p.burn_increase,
		burn_decay_interval: p.burn_decay_interval,
		bonds_alpha: p.bonds_alpha,
		default_hyperparameters: v0_hyperparameters(p.default_hyperparameters),
		bounds: p.bounds,
	};
	put_raw(&Params::<Test>::hashed_key(), &old.encode());
	for (netuid, s) in Networks::<Test>::iter() {
		let old = v0::SubnetInfo {
			owner: s.owner,
			owner_hotkey: s.owner_hotkey,
			locked: s.locked,
			registered_at: s.registered_at,
			hyperparameters: v0_hyperparameters(s.hyperparameters),
			total_stake: s.total_stake,
			pending_emission: s.emission.total(),
			emission_share: s.emission_share,
			dc_revenue: s.dc_revenue,
			burn: s.burn,
			burn_updated: s.burn_updated,
			last_epoch: s.last_epoch,
			next_epoch: s.next_epoch,
			epochs: s.epochs,
		};
		put_raw(&Networks::<Test>::hashed_key_for(netuid), &old.encode());
	}
	for (netuid, hotkey, p) in StakePools::<Test>::iter() {
		let old = v0::StakePool { total: p.total + p.maturing, reward_factor: p.reward_factor };
		put_raw(&StakePools::<Test>::hashed_key_for(netuid, hotkey), &old.encode());
	}
	for (key, r) in Stakes::<Test>::iter() {
		let old = v0::StakeRecord {
			amount: r.staked(),
			reward_factor: r.reward_factor,
			pending: r.pending,
		};
		put_raw(&Stakes::<Test>::hashed_key_for(key), &old.encode());
	}
	for (netuid, neurons) in Neurons::<Test>::iter() {
		let old: Vec<v0::NeuronInfo<AccountId>> = neurons
			.into_iter()
			.map(|n| v0::NeuronInfo {
				hotkey: n.hotkey,
				coldkey: n.coldkey,
				registered_at: n.registered_at,
				take: n.take,
				validator_permit: n.validator_permit,
				incentive: n.incentive,
				dividends: n.dividends,
				consensus: n.consensus,
				trust: n.trust,
				last_emission: n.last_emission,
				pending: n.pending,
			})
			.collect();
		put_raw(&Neurons::<Test>::hashed_key_for(netuid), &old.encode());
	}
	let _ = MaturedCohorts::<Test>::clear(u32::MAX, None);
	let _ = HotkeyOwners::<Test>::clear(u32::MAX, None);
	TotalStakeAtLastRound::<Test>::kill();
	StorageVersion::new(0).put::<Subnets>();
}

#[test]
fn v0_state_migrates_to_v1_once_keeping_every_balance() {
	run(|| {
		let netuid = economy();
		emit(1_000 * FLY);
		run_to(30);
		assert!(info(netuid).emission.total() > 0);
		let stake_before = Subnets::stake_of(&ALICE, netuid, &hot(1));
		downgrade_to_v0();
		let before = InnerMigrateToV1::<Test>::v0_totals();
		assert_eq!((before.subnets, before.pools, before.records), (1, 2, 2));

		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Subnets::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(InnerMigrateToV1::<Test>::totals(), before);
		let subnet = info(netuid);
		assert_eq!(subnet.emission.accrued, before.emission);
		assert_eq!(subnet.stake_snapshot, subnet.total_stake);
		assert_eq!(TotalStakeAtLastRound::<Test>::get(), TotalStake::<Test>::get());
		assert_eq!(Params::<Test>::get().activity_cutoff, ACTIVITY_CUTOFF);
		assert_eq!(Params::<Test>::get().take_rate_limit, TAKE_RATE_LIMIT);
		assert!(!subnet.hyperparameters.commit_reveal);
		assert_eq!(HotkeyOwners::<Test>::get(hot(3)), Some(CHARLIE));
		assert_eq!(neuron_at(netuid, 1).take_changed_at, 30);
		// Stake on record counts at once, with its dividends kept.
		let stake = Subnets::stake_of(&ALICE, netuid, &hot(1));
		assert_eq!((stake.amount, stake.maturing), (stake_before.staked(), 0));
		assert_eq!(stake.pending, stake_before.pending);
		Subnets::do_try_state().expect("invariants hold after the migration");

		// Idempotent: a second run finds version 1 and changes nothing.
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
	});
}

/// A v1 chain's state as v1 left it: stake on a replaced hotkey still counted, a hotkey bound
/// to another coldkey than its neuron's (v0 let two coldkeys register one), an owner hotkey of
/// two subnets' owners, and a stale high bonded-ratio low.
#[test]
fn v1_state_migrates_to_v2_counting_live_stake_and_one_coldkey_per_hotkey() {
	use crate::migrations::v2::MigrateToV2;
	run(|| {
		let netuid = economy();
		let mut h = info(netuid).hyperparameters;
		h.max_uids = 5;
		assert_ok!(Subnets::set_hyperparameters(RuntimeOrigin::signed(OWNER), netuid, h));
		// hot(8) replaces hot(1) (ALICE's 100 FLY stay on it); v1 kept counting them.
		assert_ok!(Subnets::register_neuron(RuntimeOrigin::signed(BOB), netuid, hot(8)));
		assert_eq!(Uids::<Test>::get(netuid, hot(8)), Some(1));
		RetiredTakes::<Test>::remove(netuid, hot(1));
		Networks::<Test>::mutate(netuid, |s| s.as_mut().expect("exists").total_stake += 100 * FLY);
		TotalStake::<Test>::mutate(|t| *t += 100 * FLY);
		TotalStakeAtLastRound::<Test>::put(300 * FLY);
		// Miners 3 and 4 earn; hot(3) is bound to BOB, its neuron is CHARLIE's.
		let row = BoundedVec::truncate_from(vec![(3, 1), (4, 1)]);
		assert_ok!(Subnets::set_weights(RuntimeOrigin::signed(hot(2)), netuid, row));
		emit(1_000 * FLY);
		run_to(30);
		let pending = neuron_at(netuid, 3).pending;
		assert!(pending > 0);
		HotkeyOwners::<Test>::insert(hot(3), BOB);
		// A second subnet whose owner hotkey is the first subnet's, bound to its owner.
		run_to(40);
		assert_ok!(Subnets::register_network(RuntimeOrigin::signed(OWNER2), hot(10)));
		let second = NextNetUid::<Test>::get() - 1;
		Networks::<Test>::mutate(second, |s| s.as_mut().expect("exists").owner_hotkey = hot(0));
		Neurons::<Test>::mutate(second, |n| n[0].hotkey = hot(0));
		Uids::<Test>::remove(second, hot(10));
		Uids::<Test>::insert(second, hot(0), 0);
		HotkeyOwners::<Test>::insert(hot(0), OWNER2);
		StorageVersion::new(1).put::<Subnets>();

		MigrateToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Subnets::on_chain_storage_version(), StorageVersion::new(2));
		// The older subnet's owner keeps the hotkey; the other subnet is gone, its lock back.
		assert_eq!(HotkeyOwners::<Test>::get(hot(0)), Some(OWNER));
		assert!(!Networks::<Test>::contains_key(second));
		assert_eq!(Subnets::held(HoldReason::NetworkLock, &OWNER2), 0);
		// CHARLIE's neuron on BOB's hotkey is gone, its pending kept; hot(4) moved to uid 3.
		assert_eq!(Uids::<Test>::get(netuid, hot(3)), None);
		assert_eq!(Unclaimed::<Test>::get(CHARLIE), Some(pending));
		assert_eq!(Uids::<Test>::get(netuid, hot(4)), Some(3));
		assert_eq!(neuron_at(netuid, 3).hotkey, hot(4));
		assert_eq!(Neurons::<Test>::get(netuid).len(), 4);
		let weights = Weights::<Test>::get(netuid, 2).expect("kept").weights.into_inner();
		assert_eq!(weights, vec![(3, 1)]);
		assert!(events().contains(&Event::NeuronDeregistered {
			netuid,
			uid: 3,
			hotkey: hot(3),
			coldkey: CHARLIE,
			moved: Some(hot(4)),
		}));
		// Every bond starts afresh (v1's may sit on replaced uids or permit-less neurons).
		assert_eq!(Bonds::<Test>::iter().count(), 0);
		// The stake on the deregistered hotkey: none here (CHARLIE's miner had no stakers).
		assert_eq!(RetiredTakes::<Test>::get(netuid, hot(3)), None);
		// Only BOB's 100 FLY on a live neuron count; ALICE's stay held.
		assert_eq!(info(netuid).total_stake, 100 * FLY);
		assert_eq!(TotalStake::<Test>::get(), 100 * FLY);
		assert_eq!(TotalStakeAtLastRound::<Test>::get(), 100 * FLY);
		assert_eq!(Subnets::held(HoldReason::Stake, &ALICE), 100 * FLY);
		Subnets::do_try_state().expect("invariants hold after the migration");

		// Idempotent: the inner migration run again changes nothing (and the versioned one
		// does not run at all).
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		<crate::migrations::v2::InnerMigrateToV2<Test> as frame_support::traits::UncheckedOnRuntimeUpgrade>::on_runtime_upgrade();
		MigrateToV2::<Test>::on_runtime_upgrade();
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
	});
}

/// A staked neuron on a hotkey bound to another coldkey, at the last uid, and a second one on
/// the same subnet: both go, the stake stops counting and keeps its take, no uid moves for the
/// last one.
#[test]
fn v2_deregisters_several_foreign_neurons_keeping_their_stakers() {
	use crate::migrations::v2::MigrateToV2;
	run(|| {
		let netuid = economy();
		// hot(4) (last uid) gets a staker; hot(2) and hot(4) are bound to OWNER4.
		assert_ok!(Subnets::add_stake(RuntimeOrigin::signed(OWNER2), netuid, hot(4), 30 * FLY));
		assert_ok!(Subnets::set_take(
			RuntimeOrigin::signed(CHARLIE),
			netuid,
			hot(4),
			Perbill::zero()
		));
		HotkeyOwners::<Test>::insert(hot(2), OWNER4);
		HotkeyOwners::<Test>::insert(hot(4), OWNER4);
		let row = BoundedVec::truncate_from(vec![(3, 1), (4, 2)]);
		assert_ok!(Subnets::set_weights(RuntimeOrigin::signed(hot(1)), netuid, row));
		StorageVersion::new(1).put::<Subnets>();

		MigrateToV2::<Test>::on_runtime_upgrade();
		// uid 4 (last) went without a move; then uid 2, with hot(3) moved into it.
		assert_eq!(Neurons::<Test>::get(netuid).len(), 3);
		assert_eq!(Uids::<Test>::get(netuid, hot(4)), None);
		assert_eq!(Uids::<Test>::get(netuid, hot(2)), None);
		assert_eq!(Uids::<Test>::get(netuid, hot(3)), Some(2));
		let weights = Weights::<Test>::get(netuid, 1).expect("kept").weights.into_inner();
		assert_eq!(weights, vec![(2, 1)]);
		// BOB's 100 FLY on hot(2) and OWNER2's 30 on hot(4) stay held, no longer count, and
		// keep their takes.
		assert_eq!(TotalStake::<Test>::get(), 100 * FLY);
		assert_eq!(info(netuid).total_stake, 100 * FLY);
		assert_eq!(Subnets::held(HoldReason::Stake, &OWNER2), 30 * FLY);
		assert_eq!(RetiredTakes::<Test>::get(netuid, hot(4)).map(|t| t.0), Some(Perbill::zero()));
		assert!(RetiredTakes::<Test>::contains_key(netuid, hot(2)));
		Subnets::do_try_state().expect("invariants hold after the migration");
	});
}

/// v0 let two coldkeys register one hotkey: old-encoded state with CHARLIE's hot(3) on subnet 0
/// and ALICE's neuron on the same hotkey on a second subnet goes through v1 then v2 with every
/// pre- and post-upgrade check (as try-runtime runs them): one neuron keeps the hotkey, the
/// other is deregistered, and every invariant holds.
#[cfg(feature = "try-runtime")]
#[test]
fn old_state_with_a_hotkey_of_two_coldkeys_passes_both_migrations_checks() {
	use crate::migrations::v2::MigrateToV2;
	run(|| {
		let netuid = economy();
		emit(1_000 * FLY);
		run_to(30);
		assert_ok!(Subnets::register_network(RuntimeOrigin::signed(OWNER2), hot(10)));
		let second = NextNetUid::<Test>::get() - 1;
		assert_ok!(Subnets::register_neuron(RuntimeOrigin::signed(ALICE), second, hot(11)));
		Neurons::<Test>::mutate(second, |n| n[1].hotkey = hot(3));
		Uids::<Test>::remove(second, hot(11));
		Uids::<Test>::insert(second, hot(3), 1);
		downgrade_to_v0();

		<(MigrateToV1<Test>, MigrateToV2<Test>) as OnRuntimeUpgrade>::try_on_runtime_upgrade(true)
			.expect("every pre- and post-upgrade check passes");
		assert_eq!(Subnets::on_chain_storage_version(), StorageVersion::new(2));
		let owner = HotkeyOwners::<Test>::get(hot(3)).expect("bound");
		let on_first = Uids::<Test>::get(netuid, hot(3)).is_some();
		let on_second = Uids::<Test>::get(second, hot(3)).is_some();
		// Exactly one neuron keeps the hotkey: the one of the coldkey it is bound to.
		assert!(on_first ^ on_second);
		assert_eq!(owner, if on_first { CHARLIE } else { ALICE });
	});
}
