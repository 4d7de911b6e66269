// SPDX-License-Identifier: Apache-2.0
//! pallet-inflation and pallet-bonding as wired in this runtime: rounds mint into bonding's
//! reward pool, the subDAO pool, the subnet pool and the treasury; bonding moves the controller;
//! governance origins; the runtime API.

use super::local_ext;
use crate::{configs::*, governance::origins, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Hooks},
};
use pallet_inflation::runtime_api::runtime_decl_for_inflation_api::InflationApi as _;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Dave};
use sp_runtime::{DispatchError, Perbill};

fn signed(who: sp_keyring::Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

/// Runs blocks up to `n` with the inflation and subDAO hooks.
fn run_to_block(n: BlockNumber) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		<Inflation as Hooks<BlockNumber>>::on_initialize(next);
		<SubDaos as Hooks<BlockNumber>>::on_initialize(next);
	}
}

#[test]
fn genesis_endows_the_reward_pool_and_starts_at_livepeers_rate() {
	local_ext().execute_with(|| {
		assert_eq!(Balances::balance(&Bonding::pool_account()), EXISTENTIAL_DEPOSIT);
		assert_eq!(Runtime::rate(), Perbill::from_parts(218_500));
		assert_eq!(Runtime::current_round().length, configs::profile::profile().round_length);
		assert_eq!(Runtime::next_round_block(), configs::profile::profile().round_length);
		assert_eq!(Runtime::bonded_ratio(), Perbill::zero());
		let annual = Runtime::annual_inflation();
		// Daily rounds in production (≈ 8.3% a year); one-minute rounds in the development profile.
		assert!(annual > sp_runtime::FixedU128::from_rational(8, 100));
	});
}

#[test]
fn a_round_mints_into_the_four_sinks_and_issuance_rises_by_exactly_that() {
	local_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let subdao_pending = SubDaos::epoch_info().pool_pending;
		run_to_block(configs::profile::profile().round_length);
		let e = Runtime::last_emission();
		assert_eq!(e.round, 1);
		// Nothing bonded: the rate stepped up.
		assert_eq!(e.rate, Perbill::from_parts(219_000));
		assert_eq!(e.minted, e.rate.mul_floor(issuance));
		assert_eq!(Balances::total_issuance(), issuance + e.minted);
		assert_eq!(e.stakers + e.subdaos + e.subnets + e.treasury, e.minted);
		assert_eq!(e.stakers, Perbill::from_percent(50).mul_floor(e.minted));
		assert_eq!(Balances::balance(&Bonding::pool_account()), EXISTENTIAL_DEPOSIT + e.stakers);
		assert_eq!(SubDaos::epoch_info().pool_pending, subdao_pending + e.subdaos);
		assert_eq!(Balances::balance(&Subnets::pool_account()), EXISTENTIAL_DEPOSIT + e.subnets);
		assert!(Balances::balance(&Treasury::account_id()) >= e.treasury);
		// No operator yet: the stakers' share waits in the pool for the next round.
		assert_eq!(pallet_bonding::Unallocated::<Runtime>::get(), e.stakers);
		Inflation::do_try_state().expect("inflation invariants");
		Bonding::do_try_state().expect("bonding invariants");
	});
}

#[test]
fn bonding_moves_the_rate_and_delegators_earn_the_stakers_share() {
	local_ext().execute_with(|| {
		assert_ok!(Bonding::register_operator(
			signed(Alice),
			Perbill::from_percent(10),
			Perbill::from_percent(50),
			pallet_bonding::Rules::<Runtime>::get().min_self_bond
		));
		// Below the target: the rate steps up each round.
		assert_ok!(Bonding::bond(signed(Bob), Alice.to_account_id(), 1_000 * FLY));
		run_to_block(configs::profile::profile().round_length);
		assert_eq!(Runtime::rate(), Perbill::from_parts(219_000));
		run_to_block(2 * configs::profile::profile().round_length);
		assert_eq!(Runtime::rate(), Perbill::from_parts(219_500));
		// Alice's registration bonded the 1,000 FLY minimum to herself: Bob has half of her
		// stake. The bonds of round 0 share from round 2 on (round 1 pays for round 0), so half
		// of the delegators' 90% of both rounds' stakers' share compounded into Bob's bond.
		let first = Runtime::last_emission();
		let bob = Bonding::bond_of(&Bob.to_account_id());
		assert!(bob - 1_000 * FLY >= Perbill::from_percent(45).mul_floor(first.stakers));
		assert_eq!(
			Bonding::self_bond(&Alice.to_account_id()),
			bob,
			"the same growth on the same bond"
		);
		// Compounded rewards leave by unbonding, into Bob's hold first.
		assert_ok!(Bonding::unbond(signed(Bob), bob));
		assert_eq!(
			pallet_bonding::UnbondingLocks::<Runtime>::get(Bob.to_account_id()).total(),
			bob
		);

		// Bond most of the supply: above the target, the rate steps down.
		for who in sp_keyring::Sr25519Keyring::well_known() {
			let free = Balances::balance(&who.to_account_id());
			assert_ok!(Bonding::bond(signed(who), Alice.to_account_id(), free * 9 / 10));
		}
		// The bonded ratio counts active stake once a round has seen it (the lower of the last
		// round and now): the next round still steps up, the one after steps down.
		assert!(Runtime::bonded_ratio() < Perbill::from_percent(50));
		run_to_block(3 * configs::profile::profile().round_length);
		assert_eq!(Runtime::rate(), Perbill::from_parts(220_000));
		assert!(Runtime::bonded_ratio() > Perbill::from_percent(50));
		run_to_block(4 * configs::profile::profile().round_length);
		assert_eq!(Runtime::rate(), Perbill::from_parts(219_500));
		Inflation::do_try_state().expect("inflation invariants");
		Bonding::do_try_state().expect("bonding invariants");
	});
}

#[test]
fn inflation_parameters_need_root_or_the_tokenomics_admin_track() {
	local_ext().execute_with(|| {
		for bad in [signed(Dave), origins::Origin::Treasurer.into()] {
			assert_noop!(
				Inflation::set_target(bad.clone(), Perbill::from_percent(60)),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Inflation::set_emission_split(bad, DefaultEmissionSplit::get()),
				DispatchError::BadOrigin
			);
		}
		let admin: RuntimeOrigin = origins::Origin::TokenomicsAdmin.into();
		assert_ok!(Inflation::set_target(admin.clone(), Perbill::from_percent(60)));
		assert_eq!(pallet_inflation::Params::<Runtime>::get().target, Perbill::from_percent(60));
		let split = pallet_inflation::EmissionSplit {
			stakers: Perbill::from_percent(40),
			subdaos: Perbill::from_percent(40),
			subnets: Perbill::from_percent(10),
			treasury: Perbill::from_percent(10),
		};
		assert_ok!(Inflation::set_emission_split(RuntimeOrigin::root(), split));
		assert_eq!(pallet_inflation::Split::<Runtime>::get(), split);
		// The emission mode changes what the controller means: the root track only.
		let mode = pallet_inflation::EmissionMode::SupplyCap { cap: 300_000_000 * FLY };
		assert_noop!(
			Inflation::set_emission_mode(admin, mode),
			pallet_inflation::Error::<Runtime>::OutsideGovernanceBounds
		);
		assert_noop!(Inflation::set_emission_mode(signed(Dave), mode), DispatchError::BadOrigin);
		assert_ok!(Inflation::set_emission_mode(RuntimeOrigin::root(), mode));
		assert_eq!(pallet_inflation::Mode::<Runtime>::get(), mode);
	});
}
