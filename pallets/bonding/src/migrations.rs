// SPDX-License-Identifier: Apache-2.0
//! Storage migrations of the bonding pallet. A chain at v0 runs all three, in order.

use crate::*;
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// v0 → v1: the incentive-integrity release (issue #18). `OperatorInfo` gains `next_terms`
/// (none pending: terms on record apply as they are) and `last_active_round` (the current round:
/// an idle operator becomes removable `max_idle_rounds` after the upgrade). `Rules` starts at
/// `DefaultOperatorRules`; operators already registered keep their slots whatever their
/// self-bond until someone removes them under the rules. One block, O(`MaxOperators`).
pub mod v1 {
	use super::*;
	use codec::{Decode, Encode};

	/// The layout of v0, as stored.
	pub mod v0 {
		use super::*;

		#[derive(Encode, Decode, Clone, PartialEq, Debug)]
		pub struct OperatorInfo {
			pub stake: Balance,
			pub reward_cut: Perbill,
			pub fee_share: Perbill,
			pub reward_factor: FixedU128,
			pub fee_factor: FixedU128,
			pub earnings: Balance,
			pub resigned: bool,
		}
	}

	/// The migration without its version check; use [`MigrateToV1`].
	pub struct InnerMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			use frame_support::{
				storage::{migration::storage_key_iter, unhashed},
				traits::PalletInfoAccess,
				Blake2_128Concat,
			};
			let round = T::Rounds::current_round();
			let pallet = Pallet::<T>::name().as_bytes();
			let old: alloc::vec::Vec<_> = storage_key_iter::<
				T::AccountId,
				v0::OperatorInfo,
				Blake2_128Concat,
			>(pallet, b"Operators")
			.collect();
			let items = old.len() as u64;
			for (who, op) in old {
				// Written in the v1 layout, which `v2` reads (the current type is v2's).
				let v1 = v2::v1::OperatorInfo {
					stake: op.stake,
					reward_cut: op.reward_cut,
					fee_share: op.fee_share,
					reward_factor: op.reward_factor,
					fee_factor: op.fee_factor,
					earnings: op.earnings,
					resigned: op.resigned,
					next_terms: None,
					last_active_round: round,
				};
				unhashed::put(&Operators::<T>::hashed_key_for(&who), &v1);
			}
			T::DbWeight::get().reads_writes(items, items)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			use frame_support::{storage::migration::storage_iter, traits::PalletInfoAccess};
			let pallet = Pallet::<T>::name().as_bytes();
			let (mut count, mut stake) = (0u32, 0 as Balance);
			for (_, op) in storage_iter::<v0::OperatorInfo>(pallet, b"Operators") {
				count += 1;
				stake += op.stake;
			}
			Ok((count, stake).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use frame_support::{storage::migration::storage_iter, traits::PalletInfoAccess};
			let before = <(u32, Balance)>::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
			let pallet = Pallet::<T>::name().as_bytes();
			let after = storage_iter::<v2::v1::OperatorInfo>(pallet, b"Operators")
				.fold((0u32, 0 as Balance), |(c, s), (_, op)| (c + 1, s + op.stake));
			frame_support::ensure!(after == before, "the v1 migration changed the operators");
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

/// v1 → v2: rewards compound (LIP-36) and bonds mature. The additive reward and fee factors are
/// settled first: what each bond had earned under them goes into its `pending` (claimable, as
/// before), then every factor restarts at the multiplicative origin (reward 1, fee 0) and every
/// bond counts (no cohort is open). Operators learn their delegator counts. Stakes, bonds,
/// holds and the pool are unchanged: nothing is lost or paid twice. One block,
/// O(`MaxOperators` + delegations).
pub mod v2 {
	use super::*;
	use alloc::collections::btree_map::BTreeMap;
	use codec::{Decode, Encode};
	use flywheel_primitives::reward_factor::accrued;

	/// The layout of v1, as stored.
	pub mod v1 {
		use super::*;

		#[derive(Encode, Decode, Clone, PartialEq, Debug)]
		pub struct OperatorInfo {
			pub stake: Balance,
			pub reward_cut: Perbill,
			pub fee_share: Perbill,
			pub reward_factor: FixedU128,
			pub fee_factor: FixedU128,
			pub earnings: Balance,
			pub resigned: bool,
			pub next_terms: Option<PendingTerms>,
			pub last_active_round: RoundIndex,
		}

		#[derive(Encode, Decode, Clone, PartialEq, Debug)]
		pub struct Delegation<AccountId> {
			pub operator: AccountId,
			pub bonded: Balance,
			pub reward_factor: FixedU128,
			pub fee_factor: FixedU128,
			pub pending: Balance,
		}
	}

	/// What a v1 bond is owed: its pending plus what its factors have accrued.
	fn owed_v1<A>(d: &v1::Delegation<A>, op: Option<&v1::OperatorInfo>) -> Balance {
		op.map_or(d.pending, |op| {
			d.pending
				.saturating_add(accrued(d.bonded, op.reward_factor, d.reward_factor))
				.saturating_add(accrued(d.bonded, op.fee_factor, d.fee_factor))
		})
	}

	/// The v1 operators, read in their old layout.
	fn v1_operators<T: Config>() -> BTreeMap<T::AccountId, v1::OperatorInfo> {
		use frame_support::{
			storage::migration::storage_key_iter, traits::PalletInfoAccess, Blake2_128Concat,
		};
		let pallet = Pallet::<T>::name().as_bytes();
		storage_key_iter::<T::AccountId, v1::OperatorInfo, Blake2_128Concat>(pallet, b"Operators")
			.collect()
	}

	/// The migration without its version check; use [`MigrateToV2`].
	pub struct InnerMigrateToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let round = T::Rounds::current_round();
			let old = v1_operators::<T>();
			let mut delegators: BTreeMap<T::AccountId, u32> = BTreeMap::new();
			let mut items = old.len() as u64;
			Delegations::<T>::translate::<v1::Delegation<T::AccountId>, _>(|_, d| {
				items += 1;
				let pending = owed_v1(&d, old.get(&d.operator));
				if old.contains_key(&d.operator) {
					*delegators.entry(d.operator.clone()).or_default() += 1;
				}
				Some(Delegation {
					operator: d.operator,
					bonded: d.bonded,
					reward_factor: FixedU128::from_u32(1),
					fee_factor: FixedU128::from_inner(0),
					pending,
					maturing: 0,
					maturing_round: round,
				})
			});
			for (who, op) in old {
				Operators::<T>::insert(
					&who,
					OperatorInfo {
						stake: op.stake,
						reward_cut: op.reward_cut,
						fee_share: op.fee_share,
						reward_factor: FixedU128::from_u32(1),
						fee_factor: FixedU128::from_inner(0),
						earnings: op.earnings,
						resigned: op.resigned,
						next_terms: op.next_terms,
						last_active_round: op.last_active_round,
						maturing: 0,
						maturing_round: round,
						cohort_records: 0,
						delegators: delegators.get(&who).copied().unwrap_or_default(),
					},
				);
			}
			T::DbWeight::get().reads_writes(items.saturating_mul(2), items)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			use frame_support::{storage::migration::storage_iter, traits::PalletInfoAccess};
			let pallet = Pallet::<T>::name().as_bytes();
			let old = v1_operators::<T>();
			let stake = old.values().fold(0 as Balance, |s, op| s + op.stake);
			let (mut bonded, mut owed) = (0 as Balance, 0 as Balance);
			for (_, d) in storage_iter::<v1::Delegation<T::AccountId>>(pallet, b"Delegations") {
				bonded += d.bonded;
				owed += owed_v1(&d, old.get(&d.operator));
			}
			Ok((old.len() as u32, stake, bonded, owed).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = <(u32, Balance, Balance, Balance)>::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
			let stake = Operators::<T>::iter_values().fold(0 as Balance, |s, op| s + op.stake);
			let (bonded, owed) = Delegations::<T>::iter_values()
				.fold((0 as Balance, 0 as Balance), |(b, o), d| (b + d.bonded, o + d.pending));
			frame_support::ensure!(
				(Operators::<T>::count(), stake, bonded, owed) == before,
				"the v2 migration changed stakes, bonds or what is owed"
			);
			// The bonds' invariants; the candidate list comes with v3.
			Pallet::<T>::try_state_bonds()
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

/// v2 → v3: only candidates hold slots (issue #32). `Candidates` lists the operators that have
/// not resigned, in account order (the cap counted every record before, so they fit in
/// `MaxOperators`); resigned records keep their stake and earnings but no longer hold a slot.
/// Stakes, bonds and locks are unchanged. One block, O(`MaxOperators`) records (the old cap).
pub mod v3 {
	use super::*;
	use frame_support::BoundedVec;

	/// The migration without its version check; use [`MigrateToV3`].
	pub struct InnerMigrateToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut items: u64 = 0;
			let mut standing = alloc::vec::Vec::new();
			for (who, op) in Operators::<T>::iter() {
				items = items.saturating_add(1);
				if !op.resigned {
					standing.push(who);
				}
			}
			standing.sort();
			let mut candidates = BoundedVec::<T::AccountId, T::MaxOperators>::new();
			for who in standing {
				if candidates.try_push(who.clone()).is_err() {
					// Unreachable under the old cap (it counted every record); should a chain
					// hold more, the rest resign rather than stand without a slot.
					Operators::<T>::mutate(&who, |op| {
						if let Some(op) = op {
							op.resigned = true;
						}
					});
					items = items.saturating_add(1);
				}
			}
			Candidates::<T>::put(candidates);
			T::DbWeight::get().reads_writes(items, items.saturating_add(1))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			let standing = Operators::<T>::iter_values().filter(|op| !op.resigned).count() as u32;
			Ok((standing, TotalBonded::<T>::get()).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let (standing, bonded) = <(u32, Balance)>::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
			frame_support::ensure!(
				Candidates::<T>::get().len() == standing as usize,
				"the v3 migration did not list every operator in standing"
			);
			frame_support::ensure!(
				TotalBonded::<T>::get() == bonded,
				"the v3 migration changed what is bonded"
			);
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
