// SPDX-License-Identifier: Apache-2.0
//! Storage migrations of the subDAOs pallet.

use crate::*;
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// v0 → v1: the incentive-integrity release (issue #18). A delegation now joins its subDAO's
/// totals at the close of the epoch after the one it was made in, so `Delegation` gains
/// `joins_at` and `VeCorrection` gains `power_add` (weight waiting to join). Delegations made
/// under v0 are in the totals already: they migrate with `joins_at = 0` (joined) and every
/// stored correction with `power_add = 0`; totals, rewards and claims are unchanged. One block,
/// O(positions + stored corrections).
pub mod v1 {
	use super::*;
	use codec::{Decode, Encode};

	/// The layout of v0, as stored.
	pub mod v0 {
		use super::*;

		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct Delegation {
			pub subdao: SubDaoId,
			pub next_claim_epoch: EpochIndex,
		}

		#[derive(Encode, Decode, Clone, PartialEq, Debug)]
		pub struct Position<AccountId> {
			pub owner: AccountId,
			pub amount: Balance,
			pub lockup: Lockup,
			pub delegation: Option<Delegation>,
		}

		#[derive(Encode, Decode, Clone, Copy, Default, PartialEq, Debug)]
		pub struct VeCorrection {
			pub fall_rate_add: u128,
			pub fall_rate_sub: u128,
			pub power_sub: u128,
		}
	}

	/// The migration without its version check; use [`MigrateToV1`].
	pub struct InnerMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut items: u64 = 0;
			Positions::<T>::translate_values::<v0::Position<T::AccountId>, _>(|p| {
				items = items.saturating_add(1);
				Some(Position {
					owner: p.owner,
					amount: p.amount,
					lockup: p.lockup,
					delegation: p.delegation.map(|d| Delegation {
						subdao: d.subdao,
						next_claim_epoch: d.next_claim_epoch,
						joins_at: 0,
					}),
				})
			});
			VeCorrections::<T>::translate_values::<v0::VeCorrection, _>(|c| {
				items = items.saturating_add(1);
				Some(VeCorrection {
					fall_rate_add: c.fall_rate_add,
					fall_rate_sub: c.fall_rate_sub,
					power_sub: c.power_sub,
					power_add: 0,
				})
			});
			T::DbWeight::get().reads_writes(items, items)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			use frame_support::{storage::migration::storage_iter, traits::PalletInfoAccess};
			let pallet = Pallet::<T>::name().as_bytes();
			let (mut positions, mut delegated, mut locked) = (0u64, 0u64, 0 as Balance);
			for (_, p) in storage_iter::<v0::Position<T::AccountId>>(pallet, b"Positions") {
				positions += 1;
				delegated += u64::from(p.delegation.is_some());
				locked += p.amount;
			}
			let corrections = storage_iter::<v0::VeCorrection>(pallet, b"VeCorrections").count();
			Ok((positions, delegated, locked, corrections as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = <(u64, u64, Balance, u64)>::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
			let (mut positions, mut delegated, mut locked) = (0u64, 0u64, 0 as Balance);
			for p in Positions::<T>::iter_values() {
				positions += 1;
				delegated += u64::from(p.delegation.is_some_and(|d| d.joins_at == 0));
				locked += p.amount;
			}
			let corrections =
				VeCorrections::<T>::iter_values().filter(|c| c.power_add == 0).count();
			frame_support::ensure!(
				(positions, delegated, locked, corrections as u64) == before,
				"the v1 migration changed the positions or corrections"
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

/// v1 → v2: devices count only while attested, and epoch records are kept for a bounded history
/// (issue #19). `Device` gains `expires_at`; every device stored under v1 gets a full activity
/// window from the current epoch (it was counting and nobody has been asked to attest it yet),
/// and the fees of active ones go into the [`DeviceExpiries`] bucket of that epoch.
/// `active_device_fees` is unchanged. Records older than `EpochRecordHistory` are removed; the
/// kept ones count as fully claimed in [`EpochClaims`] (v1 did not track claims, so pruning them
/// later moves nothing: their unclaimed DNT stays in the delegator pool, claimable while the
/// record is kept). One block, O(devices + records): on any chain that ran v1 both are small.
pub mod v2 {
	use super::*;
	use codec::{Decode, Encode};

	/// The layout of v1, as stored.
	pub mod v1 {
		use super::*;

		#[derive(Encode, Decode, Clone, PartialEq, Debug)]
		pub struct Device<AccountId> {
			pub owner: AccountId,
			pub fee: DataCredits,
			pub active: bool,
		}
	}

	/// The migration without its version check; use [`MigrateToV2`].
	pub struct InnerMigrateToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let expires_at =
				CurrentEpoch::<T>::get().saturating_add(DeviceActivityEpochs::<T>::get());
			let mut items: u64 = 0;
			let mut buckets: alloc::collections::BTreeMap<SubDaoId, u128> = Default::default();
			Devices::<T>::translate::<v1::Device<T::AccountId>, _>(|subdao, _, d| {
				items = items.saturating_add(1);
				if d.active && d.fee > 0 {
					let b = buckets.entry(subdao).or_default();
					*b = b.saturating_add(u128::from(d.fee));
				}
				Some(Device { owner: d.owner, fee: d.fee, active: d.active, expires_at })
			});
			for (subdao, fees) in buckets {
				items = items.saturating_add(1);
				DeviceExpiries::<T>::mutate(subdao, expires_at, |f| *f = f.saturating_add(fees));
			}
			let history = <T::EpochRecordHistory as Get<u32>>::get().saturating_add(1);
			let oldest_kept = CurrentEpoch::<T>::get().saturating_sub(history);
			let records: alloc::vec::Vec<_> = EpochRecords::<T>::iter().collect();
			for (subdao, epoch, record) in records {
				items = items.saturating_add(1);
				if epoch < oldest_kept {
					EpochRecords::<T>::remove(subdao, epoch);
				} else {
					EpochClaims::<T>::insert(subdao, epoch, record.dnt_to_delegators);
				}
			}
			T::DbWeight::get().reads_writes(items.saturating_add(2), items)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			let fees: alloc::vec::Vec<(SubDaoId, u128)> =
				States::<T>::iter().map(|(s, state)| (s, state.active_device_fees)).collect();
			Ok(fees.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = alloc::vec::Vec::<(SubDaoId, u128)>::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
			for (subdao, fees) in before {
				frame_support::ensure!(
					States::<T>::get(subdao).active_device_fees == fees,
					"the v2 migration changed a subDAO's device fees"
				);
			}
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

/// v2 → v3: device rewards by a quorum of oracles, and usage valued in FLY (issue #33).
/// `SubDaoConfig::rewards_authority` becomes `rewards_oracles`, and no set is made up for it:
/// every subDAO migrates with no oracles (quorum 0), so no single key keeps the powers v2 gave
/// it (on the presets it was also the router and the device maker). Until the root track names
/// a set (at least `MinRewardsOracles`, a majority quorum; `update_subdao` refuses anything
/// else), no rewards are reported or claimed and no device is attested: the DNT waits in the
/// escrow, nothing is lost, and unattested devices stop counting as they would anyway. Each
/// `DcUsageEntry` gains
/// `usage_value = 0` (the epoch's usage burned before the upgrade was not valued, so it attracts
/// nothing beyond the subDAO's base share: the cap favours the protocol). One block,
/// O(`MaxSubDaos`).
pub mod v3 {
	use super::*;
	use codec::{Decode, Encode};
	use frame_support::{BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};

	/// The layout of v2, as stored.
	pub mod v2 {
		use super::*;

		#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, DebugNoBound)]
		pub struct SubDaoConfig<
			AccountId: Clone + PartialEq + core::fmt::Debug,
			S: Get<u32>,
			N: Get<u32>,
		> {
			pub name: BoundedVec<u8, N>,
			pub emission_schedule: Schedule<S>,
			pub onboarding_fee: DataCredits,
			pub burn_authority: AccountId,
			pub rewards_authority: AccountId,
			pub curve_k: u8,
		}

		#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, DebugNoBound)]
		pub struct SubDaoInfo<
			AccountId: Clone + PartialEq + core::fmt::Debug,
			AssetId: Clone + PartialEq + core::fmt::Debug,
			S: Get<u32>,
			N: Get<u32>,
		> {
			pub config: SubDaoConfig<AccountId, S, N>,
			pub dnt: AssetId,
			pub redemption_frozen: bool,
		}

		#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
		pub struct DcUsageEntry<AccountId> {
			pub subdao: SubDaoId,
			pub burn_authority: AccountId,
			pub dc_burned: u128,
			pub onboarding_dc_burned: u128,
		}
	}

	type OldInfoOf<T> = v2::SubDaoInfo<
		<T as frame_system::Config>::AccountId,
		AssetIdOf<T>,
		<T as Config>::MaxScheduleSteps,
		<T as Config>::MaxNameLength,
	>;

	/// The migration without its version check; use [`MigrateToV3`].
	pub struct InnerMigrateToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut items: u64 = 0;
			Registry::<T>::translate_values::<OldInfoOf<T>, _>(|old| {
				items = items.saturating_add(1);
				let c = old.config;
				Some(SubDaoInfo {
					config: SubDaoConfig {
						name: c.name,
						emission_schedule: c.emission_schedule,
						onboarding_fee: c.onboarding_fee,
						burn_authority: c.burn_authority,
						rewards_oracles: RewardsOracles { members: Default::default(), quorum: 0 },
						curve_k: c.curve_k,
					},
					dnt: old.dnt,
					redemption_frozen: old.redemption_frozen,
				})
			});
			let translated = DcUsage::<T>::translate::<
				alloc::vec::Vec<v2::DcUsageEntry<T::AccountId>>,
				_,
			>(|old| {
				old.map(|entries| {
					BoundedVec::truncate_from(
						entries
							.into_iter()
							.map(|e| DcUsageEntry {
								subdao: e.subdao,
								burn_authority: e.burn_authority,
								dc_burned: e.dc_burned,
								onboarding_dc_burned: e.onboarding_dc_burned,
								usage_value: 0,
							})
							.collect(),
					)
				})
			});
			debug_assert!(translated.is_ok(), "DcUsage did not decode as v2");
			// DNT is no longer a sufficient asset (the runtime flips the existing ones): the
			// pallet's DNT accounts need a provider of their own. A router may no longer be a
			// maker of its subDAO (the presets made it both): its approval goes.
			for subdao in SubDaoIds::<T>::get() {
				Pallet::<T>::provide_dnt_accounts(subdao);
				items = items.saturating_add(4);
				if let Some(info) = Registry::<T>::get(subdao) {
					Makers::<T>::remove(subdao, &info.config.burn_authority);
				}
			}
			T::DbWeight::get().reads_writes(items.saturating_add(2), items.saturating_add(1))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			use frame_support::{storage::migration::get_storage_value, traits::PalletInfoAccess};
			let pallet = Pallet::<T>::name().as_bytes();
			let usage: alloc::vec::Vec<v2::DcUsageEntry<T::AccountId>> =
				get_storage_value(pallet, b"DcUsage", &[]).unwrap_or_default();
			let ids: alloc::vec::Vec<(SubDaoId, T::AccountId)> =
				frame_support::storage::migration::storage_key_iter::<
					SubDaoId,
					OldInfoOf<T>,
					frame_support::Twox64Concat,
				>(pallet, b"Registry")
				.map(|(id, info)| (id, info.config.burn_authority))
				.collect();
			let burned: alloc::vec::Vec<(SubDaoId, u128)> =
				usage.into_iter().map(|e| (e.subdao, e.dc_burned)).collect();
			Ok((ids, burned).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			type Before<A> = (alloc::vec::Vec<(SubDaoId, A)>, alloc::vec::Vec<(SubDaoId, u128)>);
			let (ids, burned) = Before::<T::AccountId>::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
			for (subdao, router) in ids {
				let info = Registry::<T>::get(subdao).ok_or("a subDAO was lost")?;
				let oracles = info.config.rewards_oracles;
				frame_support::ensure!(
					oracles.members.is_empty() && oracles.quorum == 0,
					"the v3 migration left a rewards oracle"
				);
				frame_support::ensure!(info.config.burn_authority == router, "a router changed");
			}
			let usage = DcUsage::<T>::get();
			frame_support::ensure!(usage.len() == burned.len(), "the v3 migration lost usage");
			for (entry, (subdao, dc)) in usage.iter().zip(burned) {
				frame_support::ensure!(
					entry.subdao == subdao && entry.dc_burned == dc && entry.usage_value == 0,
					"the v3 migration changed the epoch's usage"
				);
			}
			Pallet::<T>::do_try_state()
		}
	}

	/// v2 → v3, run only while the stored version is 2; it then stores 3.
	pub type MigrateToV3<T> = VersionedMigration<
		2,
		3,
		InnerMigrateToV3<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
