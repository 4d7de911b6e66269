//! Weights for `pallet_bonding`. Placeholder until `scripts/benchmark.sh` regenerates it.
#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions of `pallet_bonding`.
pub trait WeightInfo {
	fn register_operator() -> Weight;
	fn update_operator() -> Weight;
	fn resign() -> Weight;
	fn bond() -> Weight;
	fn unbond() -> Weight;
	fn rebond() -> Weight;
	fn withdraw() -> Weight;
	fn claim_earnings() -> Weight;
	fn redelegate() -> Weight;
	fn deposit_fees() -> Weight;
	fn distribute(o: u32, ) -> Weight;
}

/// Weights measured in the Flywheel runtime, with its database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_operator() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(1, 1)) }
	fn update_operator() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(1, 1)) }
	fn resign() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(1, 1)) }
	fn bond() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(5, 5)) }
	fn unbond() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(5, 5)) }
	fn rebond() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(5, 5)) }
	fn withdraw() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(3, 3)) }
	fn claim_earnings() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(4, 4)) }
	fn redelegate() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(4, 4)) }
	fn deposit_fees() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(3, 3)) }
	fn distribute(o: u32, ) -> Weight { Weight::from_parts(20_000_000, 0).saturating_add(Weight::from_parts(20_000_000, 0).saturating_mul(o.into())).saturating_add(T::DbWeight::get().reads_writes(3, 3)).saturating_add(T::DbWeight::get().reads_writes(o.into(), o.into())) }
}

impl WeightInfo for () {
	fn register_operator() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(1, 1)) }
	fn update_operator() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(1, 1)) }
	fn resign() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(1, 1)) }
	fn bond() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(5, 5)) }
	fn unbond() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(5, 5)) }
	fn rebond() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(5, 5)) }
	fn withdraw() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(3, 3)) }
	fn claim_earnings() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(4, 4)) }
	fn redelegate() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(4, 4)) }
	fn deposit_fees() -> Weight { Weight::from_parts(50_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(3, 3)) }
	fn distribute(o: u32, ) -> Weight { Weight::from_parts(20_000_000, 0).saturating_add(Weight::from_parts(20_000_000, 0).saturating_mul(o.into())).saturating_add(RocksDbWeight::get().reads_writes(3, 3)).saturating_add(RocksDbWeight::get().reads_writes(o.into(), o.into())) }
}
