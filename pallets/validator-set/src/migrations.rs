// SPDX-License-Identifier: Apache-2.0
//! Migrations of the validator set.

/// Adding the validator set and pallet-session to a chain whose Aura and GRANDPA authorities
/// were fixed at genesis (spec_version 103 and before).
pub mod init {
	use crate::{Changed, Config, Validators};
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{Get, OnRuntimeUpgrade},
	};
	use sp_runtime::traits::OpaqueKeys;

	/// Makes the chain's current authorities the validator set, with their keys as their
	/// session keys: `Initial` gives each authority's account and keys (the runtime derives
	/// them from the Aura and GRANDPA authorities). It writes what pallet-session's genesis
	/// would have written (keys, key owners, the current and queued validators; a consumer
	/// reference per account, as `set_keys` takes), so the next session starts from the same
	/// authorities and governance can change them from then on, and holds each one's deposit
	/// as [`super::v1`] does.
	///
	/// Runs once: it does nothing when the validator set or pallet-session's validators exist
	/// already (a second run, or a chain that started with them).
	pub struct InitialiseFromAuthorities<T, Initial>(PhantomData<(T, Initial)>);

	impl<T, Initial> InitialiseFromAuthorities<T, Initial>
	where
		T: Config,
		Initial: Get<Vec<(T::AccountId, T::Keys)>>,
	{
		fn needed() -> bool {
			Validators::<T>::get().is_empty() && pallet_session::Validators::<T>::get().is_empty()
		}
	}

	impl<T, Initial> OnRuntimeUpgrade for InitialiseFromAuthorities<T, Initial>
	where
		T: Config,
		Initial: Get<Vec<(T::AccountId, T::Keys)>>,
	{
		fn on_runtime_upgrade() -> Weight {
			let db = T::DbWeight::get();
			if !Self::needed() {
				return db.reads(2);
			}
			let initial = Initial::get();
			let accounts: Vec<T::AccountId> = initial.iter().map(|(a, _)| a.clone()).collect();
			let Ok(bounded) = BoundedVec::<_, T::MaxValidators>::try_from(accounts.clone()) else {
				log::error!(target: "runtime::validator-set", "more authorities than MaxValidators: not initialised");
				return db.reads(4);
			};
			if accounts.is_empty() {
				log::error!(target: "runtime::validator-set", "no authorities to initialise from");
				return db.reads(4);
			}
			let key_ids = <T::Keys as OpaqueKeys>::key_ids();
			for (account, keys) in &initial {
				for id in key_ids {
					pallet_session::KeyOwner::<T>::insert(
						(*id, keys.get_raw(*id).to_vec()),
						account,
					);
				}
				pallet_session::NextKeys::<T>::insert(account, keys);
				if frame_system::Pallet::<T>::inc_consumers_without_limit(account).is_err() {
					// An authority without an account: provide one, as session's genesis does.
					frame_system::Pallet::<T>::inc_providers(account);
				}
			}
			pallet_session::Validators::<T>::put(accounts);
			pallet_session::QueuedKeys::<T>::put(initial.clone());
			Validators::<T>::put(bounded);
			Changed::<T>::put(false);
			// The validators answer for what they do from now on (v1): a chain this adds the
			// pallet to starts at the current storage version, so v1's migration does not run.
			let deposits = crate::Pallet::<T>::hold_missing_deposits();
			log::info!(target: "runtime::validator-set", "initialised {} validators from the authorities", initial.len());
			let n = initial.len() as u64;
			let keys = key_ids.len() as u64;
			db.reads_writes(4 + n, 4 + n.saturating_mul(keys.saturating_add(2)))
				.saturating_add(deposits)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			if !Self::needed() {
				return Ok(Vec::<(T::AccountId, T::Keys)>::new().encode());
			}
			let initial = Initial::get();
			frame_support::ensure!(!initial.is_empty(), "no authorities to initialise from");
			frame_support::ensure!(
				initial.len() <= T::MaxValidators::get() as usize,
				"more authorities than MaxValidators"
			);
			Ok(initial.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let initial = Vec::<(T::AccountId, T::Keys)>::decode(&mut &state[..])
				.map_err(|_| "pre_upgrade state")?;
			if initial.is_empty() {
				return Ok(()); // nothing was to do
			}
			let accounts: Vec<_> = initial.iter().map(|(a, _)| a.clone()).collect();
			frame_support::ensure!(
				Validators::<T>::get().into_inner() == accounts,
				"the validator set is the authorities"
			);
			frame_support::ensure!(
				pallet_session::Validators::<T>::get() == accounts,
				"session's validators are the authorities"
			);
			for (account, keys) in &initial {
				frame_support::ensure!(
					pallet_session::NextKeys::<T>::get(account).as_ref() == Some(keys),
					"each authority's keys are its session keys"
				);
			}
			Ok(())
		}
	}
}

/// v0 → v1: validators hold a deposit (`Config::Deposit`). Each validator of a live chain
/// holds what it misses of it, as much as its free balance gives (`DepositHeld` tells how much
/// fell short); a validator added later holds it in full or is refused.
pub mod v1 {
	use crate::{Config, Pallet};
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};

	/// The migration without its version check; use [`MigrateToV1`].
	pub struct InnerMigrateToV1<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			Pallet::<T>::hold_missing_deposits()
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use frame_support::traits::Get;
			for who in crate::Validators::<T>::get() {
				if Pallet::<T>::deposit_of(&who) > T::Deposit::get() {
					return Err("a validator holds more than the deposit".into());
				}
			}
			Ok(())
		}
	}

	/// Holds the validators' deposits, once (storage version 0 → 1).
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// v1 → v2: `SlashedIn` keeps what a validator's membership has been slashed (a session until
/// then), so a later report with a higher fraction takes only the difference. A v1 record
/// becomes what its holder's deposit misses of `Deposit`, and at least the least a slash took
/// (`MinSlash` of `Deposit`).
pub mod v2 {
	use crate::{BalanceOf, Config, Pallet, SlashedIn};
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};
	use sp_runtime::traits::Saturating;
	use sp_staking::SessionIndex;

	/// The migration without its version check; use [`MigrateToV2`].
	pub struct InnerMigrateToV2<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let least: BalanceOf<T> = T::MinSlash::get().mul_floor(T::Deposit::get());
			let mut count = 0u64;
			SlashedIn::<T>::translate::<SessionIndex, _>(|who, _session| {
				count = count.saturating_add(1);
				let missing = T::Deposit::get().saturating_sub(Pallet::<T>::deposit_of(&who));
				Some(missing.max(least))
			});
			// Per record: it and the holder's hold read, it written.
			T::DbWeight::get().reads_writes(count.saturating_mul(2), count)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((SlashedIn::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..]).map_err(|_| "bad pre-upgrade state")?;
			let after = SlashedIn::<T>::iter().count() as u64;
			ensure!(before == after, "every slash record is kept and decodes");
			Ok(())
		}
	}

	/// Turns each slash record into what the membership was slashed, once (storage version
	/// 1 → 2).
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
