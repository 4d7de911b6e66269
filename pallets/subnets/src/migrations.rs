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
			T::DbWeight::get().reads_writes(items, items)
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
			Pallet::<T>::do_try_state()
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
