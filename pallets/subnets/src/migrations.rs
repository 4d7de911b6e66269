// SPDX-License-Identifier: Apache-2.0
//! Storage migrations of the subnets pallet.

use crate::*;
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, PalletInfoAccess, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// v0 → v1: the incentive-integrity release (issue #18).
///
/// - `SubnetInfo`: `pending_emission` becomes [`SubnetEmission`]; what was pending is counted
///   as accrued (the next epoch splits it once, with the owner's cut, as v0 would have), and
///   the stake on record counts as seen by the pool's sharing (`stake_snapshot`).
/// - `StakePool` / `StakeRecord`: the maturing cohort fields; stake on record has been at stake,
///   so it is all matured.
/// - `GlobalParams`: `activity_cutoff` and `take_rate_limit`, from the runtime's
///   `DefaultParams`; hyperparameters get `commit_reveal` (off).
/// - `NeuronInfo`: `take_changed_at` (now: a take may rise `take_rate_limit` after the upgrade).
///   `last_emission` keeps its value and counts the whole emission from the next epoch on.
/// - `HotkeyOwners`: each neuron's hotkey is bound to its coldkey (the first, by uid order
///   and netuid, where one hotkey has several).
///
/// One block, O(subnets + stake pools + stake records): fine for the chains that exist before
/// launch (dev and test networks); a chain with a large `Stakes` map would need a multi-block
/// migration (`pallet-migrations`) instead.
pub mod v1 {
	use super::*;
	use codec::{Decode, Encode};
	use frame_support::BoundedVec;
	use sp_runtime::FixedU128;

	/// The layouts of v0, as stored.
	pub mod v0 {
		use super::*;
		use flywheel_primitives::DataCredits;

		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct Hyperparameters {
			pub tempo: BlockCount,
			pub max_uids: Uid,
			pub immunity_period: BlockCount,
			pub weights_rate_limit: BlockCount,
		}

		impl Hyperparameters {
			/// The v1 hyperparameters: commit-reveal off, as v0 had none.
			pub fn migrated(self) -> crate::Hyperparameters {
				crate::Hyperparameters {
					tempo: self.tempo,
					max_uids: self.max_uids,
					immunity_period: self.immunity_period,
					weights_rate_limit: self.weights_rate_limit,
					commit_reveal: false,
				}
			}
		}

		#[derive(Encode, Decode, Clone, PartialEq, Debug)]
		pub struct NeuronInfo<AccountId> {
			pub hotkey: AccountId,
			pub coldkey: AccountId,
			pub registered_at: BlockNumber,
			pub take: Perbill,
			pub validator_permit: bool,
			pub incentive: Perbill,
			pub dividends: Perbill,
			pub consensus: Perbill,
			pub trust: Perbill,
			pub last_emission: Balance,
			pub pending: Balance,
		}

		#[derive(Encode, Decode, Clone, PartialEq, Debug)]
		pub struct SubnetInfo<AccountId> {
			pub owner: AccountId,
			pub owner_hotkey: AccountId,
			pub locked: Balance,
			pub registered_at: BlockNumber,
			pub hyperparameters: Hyperparameters,
			pub total_stake: Balance,
			pub pending_emission: Balance,
			pub emission_share: Perbill,
			pub dc_revenue: DataCredits,
			pub burn: Balance,
			pub burn_updated: BlockNumber,
			pub last_epoch: BlockNumber,
			pub next_epoch: BlockNumber,
			pub epochs: u32,
		}

		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct StakePool {
			pub total: Balance,
			pub reward_factor: FixedU128,
		}

		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct StakeRecord {
			pub amount: Balance,
			pub reward_factor: FixedU128,
			pub pending: Balance,
		}

		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct GlobalParams {
			pub min_lock_cost: Balance,
			pub lock_reduction_interval: BlockCount,
			pub network_rate_limit: BlockCount,
			pub network_immunity_period: BlockCount,
			pub owner_cut: Perbill,
			pub miner_share: Perbill,
			pub emission_mode: EmissionMode,
			pub min_burn: Balance,
			pub max_burn: Balance,
			pub burn_increase: Perbill,
			pub burn_decay_interval: BlockCount,
			pub bonds_alpha: Perbill,
			pub default_hyperparameters: Hyperparameters,
			pub bounds: HyperparameterBounds,
		}
	}

	/// What the pre-upgrade check saw: counts and sums that the migration must keep.
	#[derive(Encode, Decode, PartialEq, Debug)]
	pub struct Totals {
		pub subnets: u32,
		pub pools: u32,
		pub records: u32,
		pub emission: Balance,
		pub pooled: Balance,
		pub staked: Balance,
		pub dividends: Balance,
	}

	/// The migration without its version check; use [`MigrateToV1`].
	pub struct InnerMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> InnerMigrateToV1<T> {
		/// The totals of the current (v1) layout.
		pub fn totals() -> Totals {
			let (mut emission, mut pooled, mut staked, mut dividends) = (0, 0, 0, 0);
			let mut subnets = 0u32;
			for (_, s) in Networks::<T>::iter() {
				subnets += 1;
				emission += s.emission.total();
			}
			let mut pools = 0u32;
			for (_, _, p) in StakePools::<T>::iter() {
				pools += 1;
				pooled += p.total + p.maturing;
			}
			let mut records = 0u32;
			for (_, r) in Stakes::<T>::iter() {
				records += 1;
				staked += r.staked();
				dividends += r.pending;
			}
			Totals { subnets, pools, records, emission, pooled, staked, dividends }
		}

		/// The totals of the v0 layout.
		pub fn v0_totals() -> Totals {
			use frame_support::storage::migration::storage_iter;
			let pallet = Pallet::<T>::name().as_bytes();
			let mut totals = Totals {
				subnets: 0,
				pools: 0,
				records: 0,
				emission: 0,
				pooled: 0,
				staked: 0,
				dividends: 0,
			};
			for (_, s) in storage_iter::<v0::SubnetInfo<T::AccountId>>(pallet, b"Networks") {
				totals.subnets += 1;
				totals.emission += s.pending_emission;
			}
			for (_, p) in storage_iter::<v0::StakePool>(pallet, b"StakePools") {
				totals.pools += 1;
				totals.pooled += p.total;
			}
			for (_, r) in storage_iter::<v0::StakeRecord>(pallet, b"Stakes") {
				totals.records += 1;
				totals.staked += r.amount;
				totals.dividends += r.pending;
			}
			totals
		}
	}

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let now = Pallet::<T>::now();
			let mut items: u64 = 1;
			let _ = Params::<T>::translate::<v0::GlobalParams, _>(|old| {
				old.map(|p| GlobalParams {
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
					activity_cutoff: T::DefaultParams::get().activity_cutoff,
					take_rate_limit: T::DefaultParams::get().take_rate_limit,
					default_hyperparameters: p.default_hyperparameters.migrated(),
					bounds: p.bounds,
				})
			});
			Networks::<T>::translate_values::<v0::SubnetInfo<T::AccountId>, _>(|s| {
				items += 1;
				Some(SubnetInfo {
					owner: s.owner,
					owner_hotkey: s.owner_hotkey,
					locked: s.locked,
					registered_at: s.registered_at,
					hyperparameters: s.hyperparameters.migrated(),
					total_stake: s.total_stake,
					emission: SubnetEmission {
						accrued: s.pending_emission,
						since: now,
						..Default::default()
					},
					emission_share: s.emission_share,
					stake_snapshot: s.total_stake,
					dc_revenue: s.dc_revenue,
					burn: s.burn,
					burn_updated: s.burn_updated,
					last_epoch: s.last_epoch,
					next_epoch: s.next_epoch,
					epochs: s.epochs,
				})
			});
			Neurons::<T>::translate_values::<BoundedVec<v0::NeuronInfo<T::AccountId>, T::MaxUids>, _>(
				|neurons| {
					items += 1;
					let migrated = neurons.into_iter().map(|n| {
						if !HotkeyOwners::<T>::contains_key(&n.hotkey) {
							items += 1;
							HotkeyOwners::<T>::insert(&n.hotkey, &n.coldkey);
						}
						NeuronInfo {
							hotkey: n.hotkey,
							coldkey: n.coldkey,
							registered_at: n.registered_at,
							take: n.take,
							take_changed_at: now,
							validator_permit: n.validator_permit,
							incentive: n.incentive,
							dividends: n.dividends,
							consensus: n.consensus,
							trust: n.trust,
							last_emission: n.last_emission,
							pending: n.pending,
						}
					});
					Some(BoundedVec::truncate_from(migrated.collect::<alloc::vec::Vec<_>>()))
				},
			);
			StakePools::<T>::translate_values::<v0::StakePool, _>(|p| {
				items += 1;
				Some(StakePool {
					total: p.total,
					reward_factor: p.reward_factor,
					..Default::default()
				})
			});
			Stakes::<T>::translate_values::<v0::StakeRecord, _>(|r| {
				items += 1;
				Some(StakeRecord {
					amount: r.amount,
					reward_factor: r.reward_factor,
					pending: r.pending,
					..Default::default()
				})
			});
			// The bonded ratio counts the lower of the stake now and at the last round: as of
			// the upgrade, the stake on record (0 would leave subnet stake out until a round).
			TotalStakeAtLastRound::<T>::put(TotalStake::<T>::get());
			T::DbWeight::get().reads_writes(items, items.saturating_add(1))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok(Self::v0_totals().encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = Totals::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
			frame_support::ensure!(
				Self::totals() == before,
				"the v1 migration changed a count or a sum"
			);
			// Every invariant is checked after v2, which deregisters the neurons of hotkeys v0
			// let two coldkeys register.
			Ok(())
		}
	}

	/// v0 → v1, run only while the stored version is 0; it then stores 1.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// v1 → v2: incentive integrity III (issue #32).
///
/// - Stake counts only on the neurons of live subnets: each subnet's `total_stake` and
///   [`TotalStake`] are recomputed from the stake pools of registered hotkeys (stake left on a
///   replaced hotkey or a removed subnet stays held and withdrawable); the lows the sharing and
///   the bonded ratio read ([`TotalStakeAtLastRound`], `stake_snapshot`) fall with them. The
///   takes of hotkeys deregistered before v2 are not known: they come back at the maximum.
/// - Hotkeys v0 let two coldkeys register: v1 bound each to one coldkey. The owner of the lowest
///   netuid keeps an owner hotkey (a later subnet on the same owner hotkey is removed as
///   [`RemovalReason::HotkeyConflict`], its lock returned); any other neuron whose hotkey is bound
///   to another coldkey is deregistered, its pending emission kept for its coldkey in
///   [`Unclaimed`] and the subnet's last neuron moved to its uid (weights renumbered, the
///   subnet's pending commits voided; `NeuronDeregistered`).
/// - Bonds: cleared. v1 kept the bonds of neurons that lost their permit and of idle validators
///   on uids since replaced; every validator's bonds start afresh.
///
/// One block, O(subnets × neurons + stake pools): for the chains that exist before launch.
pub mod v2 {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::BoundedVec;

	/// The migration without its version check; use [`MigrateToV2`].
	pub struct InnerMigrateToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> InnerMigrateToV2<T> {
		/// Gives each owner hotkey to its subnet's owner (the lowest netuid first); removes a
		/// subnet whose owner hotkey another subnet's owner has. Returns the items touched.
		fn settle_owner_hotkeys() -> u64 {
			let mut items = 0u64;
			let mut subnets: Vec<(NetUid, SubnetInfo<T::AccountId>)> =
				Networks::<T>::iter().collect();
			subnets.sort_by_key(|(netuid, _)| *netuid);
			let mut owners: Vec<(T::AccountId, T::AccountId)> = Vec::new();
			for (netuid, subnet) in subnets {
				items = items.saturating_add(1);
				let claimed = owners.iter().find(|(h, _)| *h == subnet.owner_hotkey);
				match claimed {
					Some((_, owner)) if *owner != subnet.owner => {
						let neurons = Pallet::<T>::remove_subnet(
							netuid,
							subnet,
							RemovalReason::HotkeyConflict,
						)
						.unwrap_or_else(|_| {
							frame_support::defensive!(
								"a conflicting subnet's lock could not be released"
							);
							0
						});
						items = items.saturating_add(u64::from(neurons).saturating_mul(4));
					}
					_ => {
						HotkeyOwners::<T>::insert(&subnet.owner_hotkey, &subnet.owner);
						owners.push((subnet.owner_hotkey, subnet.owner));
					}
				}
			}
			items
		}

		/// Deregisters neuron `uid` of `netuid` (not uid 0): its pending emission to
		/// [`Unclaimed`], its stake uncounted (take kept), the last neuron moved to its uid.
		/// Returns the items touched.
		fn deregister(netuid: NetUid, uid: Uid, subnet: &mut SubnetInfo<T::AccountId>) -> u64 {
			let mut neurons = Neurons::<T>::get(netuid);
			let index = usize::from(uid);
			if index == 0 || index >= neurons.len() {
				return 1;
			}
			let last = (neurons.len() - 1) as Uid;
			let gone = neurons.swap_remove(index);
			Pallet::<T>::retire_neuron(netuid, uid, &gone, subnet);
			// Commits hash weights by uid: the renumbering voids every commit of the subnet (the
			// validators' earlier weights stay).
			let _ = WeightCommits::<T>::clear_prefix(netuid, T::MaxUids::get(), None);
			let moved =
				if uid != last { neurons.get(index).map(|m| m.hotkey.clone()) } else { None };
			if let Some(hotkey) = &moved {
				Uids::<T>::insert(netuid, hotkey, uid);
				if let Some(row) = Weights::<T>::take(netuid, last) {
					Weights::<T>::insert(netuid, uid, row);
				}
			}
			// Every row: entries on the gone neuron dropped, those on the last one renumbered.
			let renumber = |t: Uid| if t == last { uid } else { t };
			let mut items = 8u64.saturating_add(u64::from(T::MaxUids::get()));
			let rows: Vec<_> = Weights::<T>::iter_prefix(netuid).collect();
			for (v, mut row) in rows {
				let kept: Vec<(Uid, u16)> = row
					.weights
					.iter()
					.filter(|(t, _)| *t != uid)
					.map(|(t, w)| (renumber(*t), *w))
					.collect();
				row.weights = BoundedVec::truncate_from(kept);
				Weights::<T>::insert(netuid, v, row);
				items = items.saturating_add(1);
			}
			Neurons::<T>::insert(netuid, neurons);
			Pallet::<T>::deposit_event(Event::NeuronDeregistered {
				netuid,
				uid,
				hotkey: gone.hotkey,
				coldkey: gone.coldkey,
				moved,
			});
			items
		}

		/// Deregisters every neuron whose hotkey another coldkey holds; returns the items touched.
		fn deregister_foreign_hotkeys() -> u64 {
			let mut items = 0u64;
			let netuids: Vec<NetUid> = Networks::<T>::iter_keys().collect();
			for netuid in netuids {
				let Some(mut subnet) = Networks::<T>::get(netuid) else { continue };
				// From the highest uid down, so a moved neuron has been checked already.
				let mut uid = Neurons::<T>::decode_len(netuid).unwrap_or(0);
				while uid > 1 {
					uid -= 1;
					let neurons = Neurons::<T>::get(netuid);
					let Some(neuron) = neurons.get(uid) else { continue };
					items = items.saturating_add(1);
					if HotkeyOwners::<T>::get(&neuron.hotkey).as_ref() != Some(&neuron.coldkey) {
						items =
							items.saturating_add(Self::deregister(netuid, uid as Uid, &mut subnet));
					}
				}
				Networks::<T>::insert(netuid, subnet);
			}
			items
		}

		/// Recomputes each subnet's counted stake and [`TotalStake`] from the pools of
		/// registered hotkeys; the lows fall with them. Returns the items touched.
		fn recount_stake() -> u64 {
			let mut items = 0u64;
			let mut per_subnet: alloc::collections::BTreeMap<NetUid, Balance> = Default::default();
			for (netuid, hotkey, pool) in StakePools::<T>::iter() {
				items = items.saturating_add(2);
				if Uids::<T>::contains_key(netuid, &hotkey) {
					let s = per_subnet.entry(netuid).or_default();
					*s = s.saturating_add(pool.total.saturating_add(pool.maturing));
				}
			}
			let mut total: Balance = 0;
			let netuids: Vec<NetUid> = Networks::<T>::iter_keys().collect();
			for netuid in netuids {
				let counted = per_subnet.get(&netuid).copied().unwrap_or(0);
				items = items.saturating_add(1);
				Networks::<T>::mutate(netuid, |subnet| {
					if let Some(subnet) = subnet {
						subnet.total_stake = counted;
						subnet.stake_snapshot = subnet.stake_snapshot.min(counted);
					}
				});
				total = total.saturating_add(counted);
			}
			TotalStake::<T>::put(total);
			TotalStakeAtLastRound::<T>::mutate(|low| *low = (*low).min(total));
			items.saturating_add(2)
		}
	}

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			// Bonds written before v2 may sit on uids whose neurons were replaced since, or with
			// neurons that lost their permit (v1 kept both): every validator starts afresh, as
			// bonds are normalised per column nobody gains from it.
			let cleared = Bonds::<T>::clear(u32::MAX, None).unique;
			let items = Self::settle_owner_hotkeys()
				.saturating_add(u64::from(cleared))
				.saturating_add(Self::deregister_foreign_hotkeys())
				.saturating_add(Self::recount_stake());
			T::DbWeight::get().reads_writes(items, items)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			// Nothing staked is lost: the holds stay, so Σ pools stays.
			let pooled = StakePools::<T>::iter_values()
				.fold(0 as Balance, |a, p| a.saturating_add(p.total).saturating_add(p.maturing));
			Ok(pooled.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let before = Balance::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
			let pooled = StakePools::<T>::iter_values()
				.fold(0 as Balance, |a, p| a.saturating_add(p.total).saturating_add(p.maturing));
			frame_support::ensure!(pooled == before, "the v2 migration changed the stake");
			Pallet::<T>::do_try_state()
		}
	}

	/// v1 → v2, run only while the stored version is 1; it then stores 2.
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
