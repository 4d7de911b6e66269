// SPDX-License-Identifier: Apache-2.0
#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

pub use pallet::*;

pub mod invariants;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;

pub use types::ProfileRules;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::MaybeSerializeDeserialize;

	/// v0: the layout since the pallet was added.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The runtime's profile: every value that differs between a dev and a production
		/// chain. Its `Default` is the production profile: a chain that never set one (a
		/// chain upgraded from before this pallet) runs with it.
		type Profile: codec::FullCodec
			+ TypeInfo
			+ Clone
			+ PartialEq
			+ core::fmt::Debug
			+ MaxEncodedLen
			+ Default
			+ MaybeSerializeDeserialize
			+ ProfileRules;
	}

	/// The profile in force, written once at genesis. No call changes it: a chain's periods
	/// change only with a runtime upgrade whose migration rewrites it. Whitelisted: it is read
	/// in every block (the session's rotation check), so the block's base weight
	/// (`benchmark overhead`) already counts that read and benchmarks do not charge it again.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type Profile<T: Config> = StorageValue<_, T::Profile, ValueQuery>;

	/// The profile of a new chain, from its preset (default: production).
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		pub profile: T::Profile,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// A chain spec with a profile out of range is refused when it is built, before any
			// block exists.
			if let Err(e) = self.profile.check() {
				panic!("invalid chain profile in the genesis config: {e}");
			}
			Profile::<T>::put(&self.profile);
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// The profile in force: the stored one when it keeps its rules, else the default
		/// (production) one. Only a raw `system.setStorage` could store one that breaks them
		/// (or does not decode, which reads as the default too); using it could make a period
		/// zero and stop every block, so it is never used, and `try_state` reports it.
		pub fn profile() -> T::Profile {
			let stored = Profile::<T>::get();
			match stored.check() {
				Ok(()) => stored,
				Err(_) => T::Profile::default(),
			}
		}
	}
}
