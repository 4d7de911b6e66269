//! Weights for `pallet_inflation`. Placeholder until `scripts/benchmark.sh` regenerates it.
#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions of `pallet_inflation`.
pub trait WeightInfo {
	fn set_target() -> Weight;
	fn set_step() -> Weight;
	fn set_rate_bounds() -> Weight;
	fn set_round_length() -> Weight;
	fn set_emission_split() -> Weight;
	fn on_initialize_idle() -> Weight;
	fn on_initialize_round() -> Weight;
}

/// Weights measured in the Flywheel runtime, with its database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn set_target() -> Weight { Weight::from_parts(10_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(1, 1)) }
	fn set_step() -> Weight { Weight::from_parts(10_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(1, 1)) }
	fn set_rate_bounds() -> Weight { Weight::from_parts(10_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(2, 2)) }
	fn set_round_length() -> Weight { Weight::from_parts(10_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(1, 1)) }
	fn set_emission_split() -> Weight { Weight::from_parts(10_000_000, 0).saturating_add(T::DbWeight::get().writes(1)) }
	fn on_initialize_idle() -> Weight { Weight::from_parts(3_000_000, 0).saturating_add(T::DbWeight::get().reads(1)) }
	fn on_initialize_round() -> Weight { Weight::from_parts(200_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(12, 10)) }
}

impl WeightInfo for () {
	fn set_target() -> Weight { Weight::from_parts(10_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(1, 1)) }
	fn set_step() -> Weight { Weight::from_parts(10_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(1, 1)) }
	fn set_rate_bounds() -> Weight { Weight::from_parts(10_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(2, 2)) }
	fn set_round_length() -> Weight { Weight::from_parts(10_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(1, 1)) }
	fn set_emission_split() -> Weight { Weight::from_parts(10_000_000, 0).saturating_add(RocksDbWeight::get().writes(1)) }
	fn on_initialize_idle() -> Weight { Weight::from_parts(3_000_000, 0).saturating_add(RocksDbWeight::get().reads(1)) }
	fn on_initialize_round() -> Weight { Weight::from_parts(200_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(12, 10)) }
}
