// SPDX-License-Identifier: Apache-2.0
//! Benchmarks (frame-benchmarking v2), each at its worst case.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get, Hooks};

fn admin<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_target() -> Result<(), BenchmarkError> {
		let origin = admin::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Perbill::from_percent(60));
		assert_eq!(Params::<T>::get().target, Perbill::from_percent(60));
		Ok(())
	}

	#[benchmark]
	fn set_step() -> Result<(), BenchmarkError> {
		let origin = admin::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Perbill::from_parts(700));
		assert_eq!(Params::<T>::get().step, Perbill::from_parts(700));
		Ok(())
	}

	#[benchmark]
	fn set_rate_bounds() -> Result<(), BenchmarkError> {
		let origin = admin::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Perbill::from_parts(1), Perbill::from_parts(2));
		assert_eq!(Rate::<T>::get(), Perbill::from_parts(2));
		Ok(())
	}

	#[benchmark]
	fn set_round_length() -> Result<(), BenchmarkError> {
		let origin = admin::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 7);
		assert_eq!(NextRoundLength::<T>::get(), Some(7));
		Ok(())
	}

	#[benchmark]
	fn set_emission_split() -> Result<(), BenchmarkError> {
		let origin = admin::<T>()?;
		let split = EmissionSplit {
			stakers: Perbill::from_percent(25),
			subdaos: Perbill::from_percent(25),
			subnets: Perbill::from_percent(25),
			treasury: Perbill::from_percent(25),
		};
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, split);
		assert_eq!(Split::<T>::get(), split);
		Ok(())
	}

	#[benchmark]
	fn set_emission_mode() -> Result<(), BenchmarkError> {
		// The root origin (the successful origin of the runtime's and the mock's admin origin).
		let origin = admin::<T>()?;
		let mode = EmissionMode::SupplyCap { cap: Balance::MAX };
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, mode);
		assert_eq!(Mode::<T>::get(), mode);
		Ok(())
	}

	/// A block inside a round.
	#[benchmark]
	fn on_initialize_idle() {
		let block: BlockNumber = 1;
		#[block]
		{
			Pallet::<T>::on_initialize(block.into());
		}
		assert_eq!(Round::<T>::get().index, 0);
	}

	/// A round start with a pending length change, minting into all four sinks (whose
	/// `note_emission` runs too: in the runtime, the stakers' sink updates pallet-bonding's
	/// reward pool).
	#[benchmark]
	fn on_initialize_round() {
		NextRoundLength::<T>::put(T::DefaultRoundLength::get());
		// A supply cap far above the supply: the mode is read and every sink still receives.
		Mode::<T>::put(EmissionMode::SupplyCap { cap: Balance::MAX });
		let block: BlockNumber = T::DefaultRoundLength::get();
		#[block]
		{
			Pallet::<T>::on_initialize(block.into());
		}
		assert_eq!(Round::<T>::get().index, 1);
		assert_eq!(LastEmission::<T>::get().round, 1);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
