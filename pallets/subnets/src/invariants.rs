// SPDX-License-Identifier: Apache-2.0
//! `try_state`: the pallet's invariants. Iterates every stake, subnet and neuron: off-chain only
//! (try-runtime and tests).

use crate::*;
use alloc::collections::{BTreeMap, BTreeSet};
use frame_support::{
	ensure,
	traits::{
		fungible::Inspect,
		tokens::{Fortitude, Preservation},
		Get,
	},
};

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the pallet:
	/// - stake: Σ stakes of a pool = the pool's total and maturing cohort; Σ pools of a subnet's
	///   registered hotkeys = its `total_stake`; Σ of those = [`TotalStake`]; each coldkey's
	///   `Stake` hold = Σ its stakes; a retired take belongs to a deregistered hotkey's pool; a pool's cohort counts its records, a matured cohort its records still to
	///   settle;
	/// - locks: each owner's `NetworkLock` hold = Σ `locked` of its subnets;
	/// - uids: a subnet's neurons and its [`Uids`] map are one bijection, within `max_uids`;
	///   weights, commits and bonds exist only for neurons of existing subnets, bonds only for
	///   permit holders; each neuron's
	///   hotkey belongs to its coldkey;
	/// - emission: credited ≤ received, and the pool holds everything still owed;
	/// - schedule: each subnet is scheduled at its `next_epoch` or due, exactly once.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		ensure!(Networks::<T>::count() <= T::MaxSubnets::get(), "more subnets than MaxSubnets");

		// Stake.
		let mut pools: BTreeMap<(NetUid, T::AccountId), Balance> = BTreeMap::new();
		let mut held: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		// Records with maturing FLY per cohort `(netuid, hotkey, cohort epoch)`.
		let mut cohorts: BTreeMap<(NetUid, T::AccountId, u32), u32> = BTreeMap::new();
		let mut owed: Balance = 0;
		for ((coldkey, netuid, hotkey), record) in Stakes::<T>::iter() {
			let p = pools.entry((netuid, hotkey.clone())).or_default();
			*p = p.saturating_add(record.staked());
			let h = held.entry(coldkey.clone()).or_default();
			*h = h.saturating_add(record.staked());
			if record.maturing > 0 {
				let c = cohorts.entry((netuid, hotkey.clone(), record.cohort_epoch)).or_default();
				*c = c.saturating_add(1);
			}
			owed = owed.saturating_add(Self::stake_of(&coldkey, netuid, &hotkey).pending);
		}
		let mut per_subnet: BTreeMap<NetUid, Balance> = BTreeMap::new();
		let mut total: Balance = 0;
		let mut staked_anywhere: Balance = 0;
		for (netuid, hotkey, pool) in StakePools::<T>::iter() {
			let staked = pool.total.saturating_add(pool.maturing);
			ensure!(
				pools.get(&(netuid, hotkey.clone())).copied().unwrap_or(0) == staked,
				"a stake pool's total differs from its stakes"
			);
			if pool.cohort_records > 0 {
				let records = cohorts.remove(&(netuid, hotkey.clone(), pool.cohort_epoch));
				ensure!(
					records == Some(pool.cohort_records),
					"a pool's maturing cohort differs from its records"
				);
			} else {
				ensure!(pool.maturing == 0, "a pool has maturing FLY but no cohort records");
			}
			// Only stake on a live subnet's neurons counts; a deregistered hotkey's take is kept
			// while it has stakers.
			if Uids::<T>::contains_key(netuid, &hotkey) {
				ensure!(
					!RetiredTakes::<T>::contains_key(netuid, &hotkey),
					"a registered hotkey with a retired take"
				);
				let s = per_subnet.entry(netuid).or_default();
				*s = s.saturating_add(staked);
				total = total.saturating_add(staked);
			}
			staked_anywhere = staked_anywhere.saturating_add(staked);
		}
		for (netuid, hotkey, _) in RetiredTakes::<T>::iter() {
			ensure!(
				StakePools::<T>::contains_key(netuid, &hotkey),
				"a retired take without stakers"
			);
		}
		for ((netuid, hotkey, epoch), cohort) in MaturedCohorts::<T>::iter() {
			let records = cohorts.remove(&(netuid, hotkey, epoch));
			ensure!(
				records == Some(cohort.records),
				"a matured cohort differs from its records still to settle"
			);
		}
		ensure!(cohorts.is_empty(), "maturing stake of a cohort the pool does not know");
		ensure!(
			pools.values().fold(0 as Balance, |a, b| a.saturating_add(*b)) == staked_anywhere,
			"stakes on a hotkey without a pool"
		);
		ensure!(total == TotalStake::<T>::get(), "TotalStake differs from the counted pools");
		ensure!(
			TotalStakeAtLastRound::<T>::get() <= total,
			"the bonded ratio's low is above the stake"
		);
		for (coldkey, amount) in held.iter() {
			ensure!(
				Self::held(HoldReason::Stake, coldkey) == *amount,
				"a coldkey's held stake differs from its stakes"
			);
		}

		// Subnets, locks, uids, schedule.
		let mut locks: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		let due = DueEpochs::<T>::get();
		for (netuid, subnet) in Networks::<T>::iter() {
			ensure!(netuid < NextNetUid::<T>::get(), "a netuid at or above NextNetUid");
			ensure!(
				per_subnet.get(&netuid).copied().unwrap_or(0) == subnet.total_stake,
				"a subnet's total stake differs from its pools"
			);
			ensure!(
				subnet.stake_snapshot <= subnet.total_stake,
				"a subnet's low is above its stake"
			);
			let l = locks.entry(subnet.owner.clone()).or_default();
			*l = l.saturating_add(subnet.locked);
			let neurons = Neurons::<T>::get(netuid);
			ensure!(!neurons.is_empty(), "a subnet without its owner's neuron");
			ensure!(
				neurons.len() <= usize::from(subnet.hyperparameters.max_uids),
				"more neurons than max_uids"
			);
			ensure!(neurons[0].hotkey == subnet.owner_hotkey, "uid 0 is not the owner's");
			for (uid, neuron) in neurons.iter().enumerate() {
				ensure!(
					Uids::<T>::get(netuid, &neuron.hotkey) == Some(uid as Uid),
					"a neuron's uid map entry is wrong"
				);
				ensure!(
					HotkeyOwners::<T>::get(&neuron.hotkey).as_ref() == Some(&neuron.coldkey),
					"a neuron's hotkey belongs to another coldkey"
				);
				owed = owed.saturating_add(neuron.pending);
			}
			ensure!(
				Uids::<T>::iter_prefix(netuid).count() == neurons.len(),
				"uid map entries without neurons"
			);
			for uid in Weights::<T>::iter_key_prefix(netuid)
				.chain(Bonds::<T>::iter_key_prefix(netuid))
				.chain(WeightCommits::<T>::iter_key_prefix(netuid))
			{
				ensure!(usize::from(uid) < neurons.len(), "weights or bonds of a missing uid");
			}
			for uid in Bonds::<T>::iter_key_prefix(netuid) {
				ensure!(
					neurons.get(usize::from(uid)).is_some_and(|nr| nr.validator_permit),
					"bonds of a neuron without a permit"
				);
			}
			let scheduled =
				EpochSchedule::<T>::get(subnet.next_epoch).iter().filter(|n| **n == netuid).count();
			let queued = due.iter().filter(|n| **n == netuid).count();
			ensure!(scheduled + queued == 1, "a subnet is not scheduled exactly once");
			owed = owed.saturating_add(subnet.emission.total());
		}
		for (netuid, _) in Uids::<T>::iter_keys() {
			ensure!(Networks::<T>::contains_key(netuid), "uids of a removed subnet");
		}
		let scheduled: BTreeSet<NetUid> =
			EpochSchedule::<T>::iter_values().flat_map(|l| l.into_iter()).collect();
		for netuid in scheduled.iter().chain(due.iter()) {
			ensure!(Networks::<T>::contains_key(netuid), "a removed subnet is scheduled");
		}
		for (owner, amount) in locks.iter() {
			ensure!(
				Self::held(HoldReason::NetworkLock, owner) == *amount,
				"an owner's held lock differs from its subnets' locks"
			);
		}

		// Emission.
		let (received, credited) = EmissionTotals::<T>::get();
		ensure!(credited <= received, "more emission credited than received");
		for (_, amount) in Unclaimed::<T>::iter() {
			owed = owed.saturating_add(amount);
		}
		owed = owed.saturating_add(UnallocatedEmission::<T>::get());
		let pool = T::Currency::reducible_balance(
			&Self::pool_account(),
			Preservation::Preserve,
			Fortitude::Polite,
		);
		ensure!(owed <= pool, "the subnet pool holds less than is owed");
		for netuid in ServiceAuthorities::<T>::iter_keys().chain(RevenueValue::<T>::iter_keys()) {
			ensure!(
				Networks::<T>::contains_key(netuid),
				"a service authority or revenue of a removed subnet is stored"
			);
		}
		Ok(())
	}
}
