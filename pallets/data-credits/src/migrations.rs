// SPDX-License-Identifier: Apache-2.0
//! Storage migrations of the Data Credits pallet.

use crate::*;
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// v0 → v1: the price needs a quorum (issue #19). [`PriceRules`] gains the TWAP period, the move
/// bound and its window (taken from `Config::DefaultPriceRules`; the stored age and quorum are
/// kept), and the cached price becomes a median with its average and move window: the v0 lowest
/// fresh value seeds all of them, so minting goes on until the next feed aggregates anew.
/// Supply, epoch totals, breaker and pause are unchanged. One value, one block.
pub mod v1 {
	use super::*;
	use codec::{Decode, Encode};
	use flywheel_primitives::Moment;

	/// The layout of v0, as stored.
	pub mod v0 {
		use super::*;

		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct PriceRules {
			pub max_age_ms: Moment,
			pub min_feeders: u32,
		}

		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct CachedPrice {
			pub lowest: FixedU128,
			pub oldest: Moment,
			pub fresh_feeders: u32,
		}

		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct MintSettings {
			pub price_rules: PriceRules,
			pub breaker: BreakerConfig,
			pub paused: bool,
		}

		#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
		pub struct DcLedger {
			pub supply: SupplyTotals,
			pub epoch: EpochIndex,
			pub epoch_totals: EpochTotals,
			pub breaker: BreakerState,
			pub settings: MintSettings,
			pub price: Option<CachedPrice>,
		}
	}

	/// The v1 ledger of a v0 ledger.
	pub fn migrate<T: Config>(old: v0::DcLedger) -> DcLedger {
		let defaults = T::DefaultPriceRules::get();
		DcLedger {
			supply: old.supply,
			epoch: old.epoch,
			epoch_totals: old.epoch_totals,
			breaker: old.breaker,
			settings: MintSettings {
				price_rules: PriceRules {
					max_age_ms: old.settings.price_rules.max_age_ms,
					min_feeders: old.settings.price_rules.min_feeders,
					..defaults
				},
				breaker: old.settings.breaker,
				paused: old.settings.paused,
			},
			price: old.price.map(|p| CachedPrice {
				median: p.lowest,
				spot: p.lowest,
				twap: p.lowest,
				updated: p.oldest,
				anchor: p.lowest,
				anchor_at: p.oldest,
				oldest: p.oldest,
				fresh_feeders: p.fresh_feeders,
			}),
		}
	}

	/// The migration without its version check; use [`MigrateToV1`].
	pub struct InnerMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			// A ledger that does not decode as v0 is left as it is (post_upgrade reports it).
			let _ = Ledger::<T>::translate::<v0::DcLedger, _>(|old| old.map(migrate::<T>));
			T::DbWeight::get().reads_writes(1, 1)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			let raw = frame_support::storage::unhashed::get_raw(&Ledger::<T>::hashed_key());
			let old = raw
				.map(|bytes| v0::DcLedger::decode(&mut &bytes[..]))
				.transpose()
				.map_err(|_| sp_runtime::TryRuntimeError::Other("v0 ledger"))?;
			Ok(old.map(|l| (l.supply, l.settings.price_rules.min_feeders)).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = Option::<(SupplyTotals, u32)>::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
			if let Some((supply, quorum)) = before {
				let ledger = Ledger::<T>::get();
				frame_support::ensure!(
					ledger.supply == supply && ledger.settings.price_rules.min_feeders == quorum,
					"the v1 migration changed the supply or the quorum"
				);
			}
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
