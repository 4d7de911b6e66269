// SPDX-License-Identifier: Apache-2.0
//! Benchmarks (frame-benchmarking v2), each at its worst case.

use super::*;
use flywheel_primitives::FLY;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get, Hooks,
};
use frame_system::RawOrigin;

const SUBDAO: SubDaoId = 1;
const OTHER_SUBDAO: SubDaoId = 2;
const KEY: RouterKey = [7; 32];

/// The signer, whitelisted like every benchmark's caller: its account is read and written for
/// the transaction fee anyway.
fn funded_caller<T: Config>() -> T::AccountId {
	let who: T::AccountId = whitelisted_caller();
	T::Currency::set_balance(&who, 1_000_000 * FLY);
	who
}

fn credit<T: Config>(dc: DataCredits) {
	Ledger::<T>::mutate(|l| l.supply.minted = l.supply.minted.saturating_add(u128::from(dc)));
}

/// A fresh $1 price, the two subDAOs, and `holder` with `dc` DC.
fn setup<T: Config>(holder: &T::AccountId, dc: DataCredits) -> T::AccountId {
	T::BenchmarkHelper::set_price(FixedU128::from_u32(1));
	Pallet::<T>::refresh_price();
	let authority: T::AccountId = account("router", 0, 0);
	T::BenchmarkHelper::create_subdao(SUBDAO, authority.clone());
	T::BenchmarkHelper::create_subdao(OTHER_SUBDAO, authority.clone());
	if dc > 0 {
		DcBalances::<T>::insert(holder, dc);
		credit::<T>(dc);
	}
	authority
}

/// Fills the breaker window so the decay is computed.
fn worst_case_breaker<T: Config>() {
	let block: BlockNumber = 10;
	frame_system::Pallet::<T>::set_block_number(block.into());
	Ledger::<T>::mutate(|l| l.breaker = BreakerState { value: 1, last_block: block - 1 });
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: "exactly N DC" (ceil division), a decaying breaker, a beneficiary that already
	/// holds DC.
	#[benchmark]
	fn mint_data_credits() {
		let payer = funded_caller::<T>();
		let beneficiary: T::AccountId = account("beneficiary", 0, 0);
		setup::<T>(&beneficiary, 1);
		worst_case_breaker::<T>();
		let issuance = T::Currency::total_issuance();
		let amount = MintAmount::Credits { credits: 100_000, max_fly: FLY };

		#[extrinsic_call]
		_(RawOrigin::Signed(payer), beneficiary.clone(), amount);

		assert_eq!(DcBalances::<T>::get(&beneficiary), 100_001);
		assert_eq!(T::Currency::total_issuance(), issuance.saturating_sub(FLY));
	}

	#[benchmark]
	fn burn_data_credits() {
		let holder: T::AccountId = whitelisted_caller();
		setup::<T>(&holder, 1_000);
		worst_case_breaker::<T>();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(holder.clone()),
			400,
			ServicePurpose::DeviceOnboarding { subdao: SUBDAO },
		);

		assert_eq!(DcBalances::<T>::get(&holder), 600);
	}

	/// The subnet's revenue is read and written.
	#[benchmark]
	fn burn_data_credits_for_subnet() {
		let holder: T::AccountId = whitelisted_caller();
		setup::<T>(&holder, 1_000);
		let netuid = T::BenchmarkHelper::create_subnet(holder.clone());

		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), netuid, 400);

		assert_eq!(DcBalances::<T>::get(&holder), 600);
		assert_eq!(Ledger::<T>::get().supply.burned, 400);
	}

	/// Worst case: every feeder has a fresh value, so the aggregation sorts the most values.
	#[benchmark]
	fn feed_price() {
		T::BenchmarkHelper::set_price(FixedU128::from_u32(1));
		Pallet::<T>::refresh_price();
		let feeder = T::BenchmarkHelper::feeder();
		let price = FixedU128::from_rational(101, 100);

		#[extrinsic_call]
		_(RawOrigin::Signed(feeder.clone()), price);

		assert!(Ledger::<T>::get().price.is_some());
	}

	/// Worst case: the escrow already exists (read + write).
	#[benchmark]
	fn delegate_data_credits() {
		let holder: T::AccountId = whitelisted_caller();
		setup::<T>(&holder, 1_000);
		Escrows::<T>::insert(SUBDAO, KEY, 1);
		credit::<T>(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), SUBDAO, KEY, 400);

		assert_eq!(Escrows::<T>::get(SUBDAO, KEY), Some(401));
	}

	/// Worst case: the escrow keeps a balance (written, not removed).
	#[benchmark]
	fn burn_delegated_data_credits() {
		let holder: T::AccountId = account("holder", 0, 0);
		let authority = setup::<T>(&holder, 0);
		Escrows::<T>::insert(SUBDAO, KEY, 1_000);
		credit::<T>(1_000);
		worst_case_breaker::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), SUBDAO, KEY, 400);

		assert_eq!(Escrows::<T>::get(SUBDAO, KEY), Some(600));
	}

	#[benchmark]
	fn set_price_rules() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let rules = PriceRules {
			max_age_ms: 1_000,
			min_feeders: 3,
			twap_period_ms: 60_000,
			max_move: sp_runtime::Perbill::from_percent(5),
			move_window_ms: 600_000,
		};

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, rules);

		assert_eq!(Pallet::<T>::price_rules(), rules);
		Ok(())
	}

	#[benchmark]
	fn set_circuit_breaker() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let config = BreakerConfig { window: 10, threshold: 1_000 };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, config);

		assert_eq!(Pallet::<T>::breaker_config(), config);
		Ok(())
	}

	#[benchmark]
	fn set_minting_paused() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, true);

		assert!(Pallet::<T>::minting_paused());
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
		credit::<T>(1_000);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, KEY, SUBDAO, OTHER_SUBDAO);

		assert_eq!(Escrows::<T>::get(OTHER_SUBDAO, KEY), Some(1_000));
		Ok(())
	}

	/// Aggregating the feeds after a feed or a feeder change: the helper sets up as many
	/// feeders as the runtime allows.
	#[benchmark]
	fn refresh_price() {
		T::BenchmarkHelper::set_price(FixedU128::from_u32(2));

		#[block]
		{
			Pallet::<T>::refresh_price();
		}

		assert_eq!(Pallet::<T>::current_price().ok(), Some(FixedU128::from_u32(2)));
	}

	/// A block that starts no epoch.
	#[benchmark]
	fn on_initialize_idle() {
		let block: BlockNumber = T::EpochLength::get().saturating_add(1);

		#[block]
		{
			Pallet::<T>::on_initialize(block.into());
		}

		assert_eq!(Ledger::<T>::get().epoch, 0);
	}

	/// The first block of an epoch: the totals move into history and the oldest kept epoch is
	/// removed.
	#[benchmark]
	fn on_initialize_new_epoch() {
		let history = T::EpochHistory::get();
		let epoch = history.saturating_add(1);
		EpochTotalsOf::<T>::insert(1, EpochTotals::default());
		Ledger::<T>::mutate(|l| {
			l.epoch = epoch.saturating_sub(1);
			l.epoch_totals.dc_minted = 1;
			l.supply.minted = 1;
		});
		let block: BlockNumber = epoch.saturating_mul(T::EpochLength::get());

		#[block]
		{
			Pallet::<T>::on_initialize(block.into());
		}

		assert_eq!(Ledger::<T>::get().epoch, epoch);
		assert_eq!(EpochTotalsOf::<T>::get(epoch.saturating_sub(1)).dc_minted, 1);
		assert!(!EpochTotalsOf::<T>::contains_key(1));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
