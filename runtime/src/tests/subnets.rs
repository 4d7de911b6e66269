// SPDX-License-Identifier: Apache-2.0
//! pallet-subnets as wired in this runtime: the subnets' share of each inflation round reaches
//! the subnets, an epoch pays owner / miners / validators, subnet stake counts as bonded,
//! governance origins and the runtime API (the epoch's weight bound is in `hook_budgets`).

use super::local_ext;
use crate::{configs::*, governance::origins, *};
use flywheel_primitives::FLY;
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Hooks},
	BoundedVec,
};
use pallet_subnets::runtime_api::runtime_decl_for_subnets_api::SubnetsApi as _;
use sp_keyring::Sr25519Keyring::{Alice, AliceStash, Bob, BobStash, Charlie, CharlieStash, Dave};
use sp_runtime::{DispatchError, Perbill};

fn signed(who: sp_keyring::Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

/// Runs blocks up to `n` with the inflation and subnet hooks.
fn run_to_block(n: BlockNumber) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		<Inflation as Hooks<BlockNumber>>::on_initialize(next);
		<Subnets as Hooks<BlockNumber>>::on_initialize(next);
	}
}

#[test]
fn an_inflation_round_feeds_the_subnets_and_an_epoch_pays_the_split() {
	local_ext().execute_with(|| {
		System::set_block_number(1);
		assert_eq!(Balances::balance(&Subnets::pool_account()), EXISTENTIAL_DEPOSIT);
		assert_eq!(Runtime::lock_cost(), 1_000 * FLY);
		// Alice opens subnet 0 (her stash is its uid 0); Bob runs a validator, Charlie a miner.
		assert_ok!(Subnets::register_network(signed(Alice), AliceStash.to_account_id()));
		assert_eq!(Runtime::registration_price(0), Some(FLY));
		assert_ok!(Subnets::register_neuron(signed(Bob), 0, BobStash.to_account_id()));
		assert_ok!(Subnets::register_neuron(signed(Charlie), 0, CharlieStash.to_account_id()));
		assert_ok!(Subnets::add_stake(signed(Bob), 0, BobStash.to_account_id(), 10_000 * FLY));
		// Subnet stake is bonded stake for the inflation controller, once a round has seen it
		// (checked below, after the epochs).
		let bonded = || <TotalBondedSupply as flywheel_primitives::BondedSupply<Balance>>::bonded();
		assert_eq!(bonded(), 0);

		// Stake counts once it has been at stake for a whole epoch: the first epoch leaves
		// Bob's new stake out, the second grants his hotkey its validator permit.
		run_to_block(Runtime::subnet_info(0).expect("subnet 0").next_epoch);
		assert!(!Runtime::neuron_info(0, 1).expect("bob's neuron").validator_permit);
		run_to_block(Runtime::subnet_info(0).expect("subnet 0").next_epoch);
		assert!(Runtime::neuron_info(0, 1).expect("bob's neuron").validator_permit);
		let rate_limit = <configs::GenesisSubnetParams as frame_support::traits::Get<_>>::get()
			.default_hyperparameters
			.weights_rate_limit;
		run_to_block(System::block_number() + rate_limit);
		let weigh_the_miner = || {
			assert_ok!(Subnets::set_weights(
				RuntimeOrigin::signed(BobStash.to_account_id()),
				0,
				BoundedVec::truncate_from(vec![(2, u16::MAX)])
			));
		};
		weigh_the_miner();

		// A round mints the subnets' share into the pool. The pool counts each subnet's stake
		// at the lower of now and the last round, so a round after the stake has been seen by
		// one gives all of it to subnet 0 (the only subnet).
		run_to_block(pallet_inflation::Round::<Runtime>::get().next_start());
		let round = pallet_inflation::Round::<Runtime>::get();
		run_to_block(round.next_start());
		let round = pallet_inflation::Round::<Runtime>::get();
		let e = pallet_inflation::LastEmission::<Runtime>::get();
		assert!(e.subnets > 0);
		assert_eq!(bonded(), 10_000 * FLY);
		let info = Runtime::subnet_info(0).expect("subnet 0");
		assert_eq!(info.emission_share, Perbill::one());
		let allocated = info.emission.total();
		assert!(allocated >= e.subnets);

		// The round's part is released over the round: each epoch pays what accrued since the
		// last, owner 18%, the miner 41%, the validator 41%, and by the first epoch of the
		// next round all of it has been paid.
		let epochs_before = System::events().len();
		loop {
			let next = Runtime::subnet_info(0).expect("subnet 0").next_epoch;
			run_to_block(next);
			if next >= round.next_start() {
				break;
			}
			run_to_block(System::block_number() + rate_limit);
			weigh_the_miner();
		}
		let runs: Vec<_> = System::events()[epochs_before..]
			.iter()
			.filter_map(|r| match r.event {
				RuntimeEvent::Subnets(pallet_subnets::Event::EpochRun {
					owner,
					miners,
					validators,
					carried,
					..
				}) => Some((owner, miners, validators, carried)),
				_ => None,
			})
			.collect();
		assert!(!runs.is_empty());
		let mut paid_in_round = 0;
		for (owner, miners, validators, carried) in runs.iter().copied() {
			let paid = owner + miners + validators;
			assert_eq!(carried, 0);
			assert_eq!(owner, Perbill::from_percent(18).mul_floor(paid));
			assert_eq!(miners, Perbill::from_percent(50).mul_floor(paid - owner));
			assert_eq!(validators, paid - owner - miners);
			paid_in_round += paid;
		}
		let next_round = pallet_inflation::LastEmission::<Runtime>::get().subnets;
		assert!(paid_in_round >= allocated && paid_in_round <= allocated + next_round);
		let (_, miners, validators, _) = *runs.last().expect("an epoch ran");
		assert_eq!(Runtime::neuron_info(0, 2).expect("miner").last_emission, miners);
		// Bob's neuron generated all of the validators' part; it keeps its take (18%), the
		// rest goes to his stake.
		assert_eq!(Runtime::neuron_info(0, 1).expect("validator").last_emission, validators);
		let dividends =
			Subnets::stake_of(&Bob.to_account_id(), 0, &BobStash.to_account_id()).pending;
		let (_, credited) = pallet_subnets::EmissionTotals::<Runtime>::get();
		assert!(dividends > 0 && dividends < credited);
		Subnets::do_try_state().expect("subnets invariants");
		Inflation::do_try_state().expect("inflation invariants");
	});
}

#[test]
fn subnet_parameters_need_root_or_the_tokenomics_admin_track() {
	local_ext().execute_with(|| {
		let params = pallet_subnets::GlobalParams {
			emission_mode: pallet_subnets::EmissionMode::Revenue,
			..<configs::GenesisSubnetParams as frame_support::traits::Get<_>>::get()
		};
		for bad in [signed(Dave), origins::Origin::Treasurer.into()] {
			assert_noop!(Subnets::set_global_params(bad, params), DispatchError::BadOrigin);
		}
		assert_ok!(Subnets::set_global_params(origins::Origin::TokenomicsAdmin.into(), params));
		assert_eq!(pallet_subnets::Params::<Runtime>::get(), params);
		assert_ok!(Subnets::set_global_params(
			RuntimeOrigin::root(),
			<configs::GenesisSubnetParams as frame_support::traits::Get<_>>::get()
		));
	});
}
