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
