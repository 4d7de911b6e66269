// SPDX-License-Identifier: Apache-2.0
//! Issue #8's budgets for the tokenomics hooks, checked against the generated weights exactly as
//! the runtime charges them: a normal block within 1% of a block's ref_time whatever the state,
//! a subDAO epoch boundary and an inflation round start within 2% each, the largest subnet epoch
//! within 5%. A regenerated `weights.rs` that breaks a budget fails here.

use super::{dev_ext, local_ext};
use crate::{weights::InflationWeights, *};
use frame_support::{
	traits::{Get, Hooks},
	weights::Weight,
};
use pallet_inflation::WeightInfo as _;
use pallet_subdaos::WeightInfo as _;
use pallet_subnets::WeightInfo as _;
use sp_runtime::Perbill;

fn max_block() -> u64 {
	<Runtime as frame_system::Config>::BlockWeights::get().max_block.ref_time()
}

fn assert_within(weight: Weight, percent: u32, what: &str) {
	assert!(
		Perbill::from_rational(weight.ref_time(), max_block()) <= Perbill::from_percent(percent),
		"{what} takes {} of {} ps, above {percent}%",
		weight.ref_time(),
		max_block()
	);
}

/// What the four tokenomics pallets charge for block `n` (run as the block's hooks).
fn tokenomics_hooks(n: BlockNumber) -> Weight {
	System::set_block_number(n);
	<DataCredits as Hooks<BlockNumber>>::on_initialize(n)
		.saturating_add(<SubDaos as Hooks<BlockNumber>>::on_initialize(n))
		.saturating_add(<Inflation as Hooks<BlockNumber>>::on_initialize(n))
		.saturating_add(<Subnets as Hooks<BlockNumber>>::on_initialize(n))
}

/// A block that starts no epoch, round or subnet epoch: charged the same on the empty `local`
/// chain and on the development chain's living economy, and within 1%. (Each idle hook is
/// charged at the top of its benchmarked state: `MaxSubnets` subnets, `MaxSubDaos` subDAOs with
/// 100,000 delegated positions.)
#[test]
fn a_normal_block_costs_the_same_on_any_state_and_within_one_percent() {
	let block = 2;
	let empty = local_ext().execute_with(|| tokenomics_hooks(block));
	let living = dev_ext().execute_with(|| {
		let weight = tokenomics_hooks(block);
		// Nothing closed or started: the block really was a normal one.
		assert_eq!(pallet_subdaos::CurrentEpoch::<Runtime>::get(), 0);
		assert_eq!(pallet_subnets::Networks::<Runtime>::get(0).map(|n| n.epochs), Some(0));
		weight
	});
	assert_eq!(empty, living);
	assert_within(empty, 1, "a normal block's tokenomics hooks");
}

/// The subDAO epoch boundary at its worst: `MaxSubDaos` subDAOs scored and the first
/// `MaxPayoutsPerBlock` paid, plus the whitelisted usage table's read and write.
#[test]
fn a_subdao_epoch_boundary_fits_in_two_percent_of_a_block() {
	type SubDaoWeights = pallet_subdaos::weights::SubstrateWeight<Runtime>;
	let subdaos = <Runtime as pallet_subdaos::Config>::MaxSubDaos::get();
	let payouts = <Runtime as pallet_subdaos::Config>::MaxPayoutsPerBlock::get();
	assert_eq!(subdaos, 64);
	let boundary = <Runtime as frame_system::Config>::DbWeight::get()
		.reads_writes(1, 1)
		.saturating_add(SubDaoWeights::close_epoch(subdaos))
		.saturating_add(SubDaoWeights::pay_epoch(payouts));
	assert_within(boundary, 2, "a subDAO epoch boundary");
}

/// The inflation round start as charged: the mint, bonding's reward split over its operators
/// and the subnets' sharing over `MaxSubnets`.
#[test]
fn an_inflation_round_start_fits_in_two_percent_of_a_block() {
	assert_within(InflationWeights::on_initialize_round(), 2, "an inflation round start");
}

/// One subnet epoch at its worst case (256 neurons, 64 validators, dense weights) with the idle
/// hook around it.
#[test]
fn the_worst_subnet_epoch_fits_in_five_percent_of_a_block() {
	type SubnetWeights = pallet_subnets::weights::SubstrateWeight<Runtime>;
	let uids = <Runtime as pallet_subnets::Config>::MaxUids::get();
	let validators = <Runtime as pallet_subnets::Config>::MaxValidators::get();
	let subnets = <Runtime as pallet_subnets::Config>::MaxSubnets::get();
	assert_eq!((uids, validators), (256, 64));
	let epoch = SubnetWeights::epoch(uids, validators)
		.saturating_add(SubnetWeights::on_initialize_idle(subnets));
	assert_within(epoch, 5, "the largest subnet epoch");
}

/// Issue #36: every block of the development chain's first two subDAO epochs (four sessions,
/// four inflation rounds, subnet epochs, and block 20 where a session, a round, an epoch and a
/// subnet epoch start together) leaves room for at least 80% of a normal block's transactions.
/// Normal transactions fill `max_total` of their class as long as all classes together stay
/// within `max_block`, so what the hooks and the block's base take must leave that much.
#[test]
fn every_boundary_block_leaves_room_for_most_of_a_normal_block() {
	use frame_support::dispatch::DispatchClass;
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	let normal = weights.get(DispatchClass::Normal).max_total.expect("normal has a limit");
	dev_ext().execute_with(|| {
		let mut worst = (0, Weight::zero());
		for n in 2..=41 {
			let charged = super::next_block().saturating_add(weights.base_block);
			assert_eq!(System::block_number(), n);
			let room = weights.max_block.saturating_sub(charged).min(normal);
			assert!(
				Perbill::from_rational(room.ref_time(), normal.ref_time())
					>= Perbill::from_percent(80),
				"block {n}: hooks charge {charged:?}, leaving {room:?} of {normal:?}"
			);
			if charged.ref_time() > worst.1.ref_time() {
				worst = (n, charged);
			}
		}
		// The boundaries really were crossed.
		assert_eq!(pallet_session::CurrentIndex::<Runtime>::get(), 4);
		assert_eq!(pallet_subdaos::CurrentEpoch::<Runtime>::get(), 2);
		assert!(pallet_subnets::Networks::<Runtime>::get(0).is_some_and(|n| n.epochs >= 3));
		// Block 20 starts everything at once and is the dearest.
		assert_eq!(worst.0, 20);
	});
}

/// A session start charges the benchmarked rotation (a full set handed over), not a whole
/// block, and stays within 2% of one.
#[test]
fn a_session_start_fits_in_two_percent_of_a_block() {
	use pallet_validator_set::WeightInfo as _;
	let rotation = crate::weights::ValidatorSetWeights::rotate_session();
	assert_within(rotation, 2, "a session rotation");
}
