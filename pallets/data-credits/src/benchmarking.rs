//! Benchmarks (frame-benchmarking v2), each at its worst case.

use super::*;
use flywheel_primitives::FLY;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use sp_runtime::SaturatedConversion;

const SUBDAO: SubDaoId = 1;
const OTHER_SUBDAO: SubDaoId = 2;
const KEY: RouterKey = [7; 32];

fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	T::Currency::set_balance(&who, 1_000_000 * FLY);
	who
}

/// A fresh $1 price, the two subDAOs, and `holder` with `dc` DC.
fn setup<T: Config>(holder: &T::AccountId, dc: DataCredits) -> T::AccountId {
	T::BenchmarkHelper::set_price(FixedU128::from_u32(1));
	let authority: T::AccountId = account("router", 0, 0);
	T::BenchmarkHelper::create_subdao(SUBDAO, authority.clone());
	T::BenchmarkHelper::create_subdao(OTHER_SUBDAO, authority.clone());
	if dc > 0 {
		DcBalances::<T>::insert(holder, dc);
		Supply::<T>::mutate(|s| s.minted = s.minted.saturating_add(u128::from(dc)));
	}
	authority
}

/// Moves to the first block of a new epoch whose write removes the oldest kept epoch, and fills
/// the breaker window so the decay is computed.
fn worst_case_epoch_and_breaker<T: Config>() {
	let history = T::EpochHistory::get();
	let epoch = history.saturating_add(1);
	let block = epoch.saturating_mul(T::EpochLength::get()).saturating_add(1);
	frame_system::Pallet::<T>::set_block_number(block.saturated_into());
	EpochTotalsOf::<T>::insert(epoch.saturating_sub(history), EpochTotals::default());
	Breaker::<T>::put(BreakerState { value: 1, last_block: block.saturating_sub(1) });
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: "exactly N DC" (ceil division), a decaying breaker, a new epoch that drops the
	/// oldest kept one, a beneficiary that already holds DC.
	#[benchmark]
	fn mint_data_credits() {
		let payer = funded::<T>("payer");
		let beneficiary: T::AccountId = account("beneficiary", 0, 0);
		setup::<T>(&beneficiary, 1);
		worst_case_epoch_and_breaker::<T>();
		let issuance = T::Currency::total_issuance();

		#[extrinsic_call]
		_(RawOrigin::Signed(payer), beneficiary.clone(), MintAmount::Credits(100_000), FLY);

		assert_eq!(DcBalances::<T>::get(&beneficiary), 100_001);
		assert_eq!(T::Currency::total_issuance(), issuance.saturating_sub(FLY));
	}

	#[benchmark]
	fn burn_data_credits() {
		let holder: T::AccountId = account("holder", 0, 0);
		setup::<T>(&holder, 1_000);
		worst_case_epoch_and_breaker::<T>();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(holder.clone()),
			400,
			ServicePurpose::DeviceOnboarding { subdao: SUBDAO },
		);

		assert_eq!(DcBalances::<T>::get(&holder), 600);
	}

	/// Worst case: the escrow already exists (read + write).
	#[benchmark]
	fn delegate_data_credits() {
		let holder: T::AccountId = account("holder", 0, 0);
		setup::<T>(&holder, 1_000);
		Escrows::<T>::insert(SUBDAO, KEY, 1);
		Supply::<T>::mutate(|s| s.minted = s.minted.saturating_add(1));

		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), SUBDAO, KEY, 400);

		assert_eq!(Escrows::<T>::get(SUBDAO, KEY), Some(401));
	}

	/// Worst case: a new epoch whose first write drops the oldest kept one.
	#[benchmark]
	fn burn_delegated_data_credits() {
		let holder: T::AccountId = account("holder", 0, 0);
		let authority = setup::<T>(&holder, 0);
		Escrows::<T>::insert(SUBDAO, KEY, 1_000);
		Supply::<T>::mutate(|s| s.minted = s.minted.saturating_add(1_000));
		worst_case_epoch_and_breaker::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), SUBDAO, KEY, 400);

		assert_eq!(Escrows::<T>::get(SUBDAO, KEY), Some(600));
	}

	#[benchmark]
	fn set_price_rules() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let rules = PriceRules { max_age_ms: 1_000, min_feeders: 2 };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, rules);

		assert_eq!(CurrentPriceRules::<T>::get(), rules);
		Ok(())
	}

	#[benchmark]
	fn set_circuit_breaker() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let config = BreakerConfig { window: 10, threshold: 1_000 };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, config);

		assert_eq!(CurrentBreakerConfig::<T>::get(), config);
		Ok(())
	}

	#[benchmark]
	fn set_minting_paused() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, true);

		assert!(MintingPaused::<T>::get());
		Ok(())
	}

	/// Worst case: the destination escrow exists and is merged.
	#[benchmark]
	fn move_escrow() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let holder: T::AccountId = account("holder", 0, 0);
		setup::<T>(&holder, 0);
		Escrows::<T>::insert(SUBDAO, KEY, 500);
		Escrows::<T>::insert(OTHER_SUBDAO, KEY, 500);
		Supply::<T>::mutate(|s| s.minted = s.minted.saturating_add(1_000));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, KEY, SUBDAO, OTHER_SUBDAO);

		assert_eq!(Escrows::<T>::get(OTHER_SUBDAO, KEY), Some(1_000));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
