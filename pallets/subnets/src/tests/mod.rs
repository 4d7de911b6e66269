// SPDX-License-Identifier: Apache-2.0
//! Unit tests and proptests of the subnets pallet. Every test ends with the `try_state`
//! invariants (`mock::run`).

use crate::{mock::*, *};
use flywheel_primitives::{SubnetRevenueTracker, FLY};

/// DC revenue of `netuid` worth `fly_value`, as pallet-data-credits reports it.
fn revenue(netuid: NetUid, dc: flywheel_primitives::DataCredits, fly_value: Balance) {
	<Subnets as SubnetRevenueTracker<AccountId>>::note_subnet_revenue(netuid, dc, fly_value);
}
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Hooks},
	BoundedVec,
};
use sp_runtime::DispatchError;

type Err = crate::Error<Test>;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Subnets(e) = r.event { Some(e) } else { None })
		.collect()
}

fn last_event() -> crate::Event<Test> {
	events().pop().expect("an event was deposited")
}

fn weights(list: &[(Uid, u16)]) -> BoundedVec<(Uid, u16), ConstU32Uids> {
	BoundedVec::truncate_from(list.to_vec())
}

type ConstU32Uids = frame_support::traits::ConstU32<MAX_UIDS>;

/// Registers a subnet of `owner` with hotkey `hot(hotkey)`; returns its netuid.
fn network(owner: AccountId, hotkey: u64) -> NetUid {
	assert_ok!(Subnets::register_network(signed(owner), hot(hotkey)));
	NextNetUid::<Test>::get() - 1
}

fn neuron(netuid: NetUid, coldkey: AccountId, hotkey: u64) -> Uid {
	assert_ok!(Subnets::register_neuron(signed(coldkey), netuid, hot(hotkey)));
	Uids::<Test>::get(netuid, hot(hotkey)).expect("registered")
}

fn info(netuid: NetUid) -> SubnetInfo<AccountId> {
	Networks::<Test>::get(netuid).expect("subnet exists")
}

fn neuron_at(netuid: NetUid, uid: Uid) -> NeuronInfo<AccountId> {
	Subnets::neuron_info(netuid, uid).expect("neuron exists")
}

fn free(who: AccountId) -> u128 {
	Balances::balance(&who)
}

/// Subnets `a` (OWNER, hot(0)) and `b` (OWNER2, hot(10)), with ALICE's neurons hot(1) on `a`
/// (10 FLY staked) and hot(11) on `b` (30 FLY staked).
fn two_staked_subnets() -> (NetUid, NetUid) {
	let a = network(OWNER, 0);
	run_to(6);
	let b = network(OWNER2, 10);
	neuron(a, ALICE, 1);
	neuron(b, ALICE, 11);
	assert_ok!(Subnets::add_stake(signed(ALICE), a, hot(1), 10 * FLY));
	assert_ok!(Subnets::add_stake(signed(ALICE), b, hot(11), 30 * FLY));
	(a, b)
}

/// Subnet 0 (owner OWNER, hot(0)) with validators hot(1) (ALICE, 100 FLY staked by ALICE) and
/// hot(2) (BOB, 100 FLY staked by BOB) and miners hot(3), hot(4) (CHARLIE). The stake's first
/// epoch (block 10) leaves it out, as it was added since the last one; the second (block 20)
/// grants the validator permits.
fn economy() -> NetUid {
	let netuid = network(OWNER, 0);
	neuron(netuid, ALICE, 1);
	neuron(netuid, BOB, 2);
	neuron(netuid, CHARLIE, 3);
	neuron(netuid, CHARLIE, 4);
	assert_ok!(Subnets::add_stake(signed(ALICE), netuid, hot(1), 100 * FLY));
	assert_ok!(Subnets::add_stake(signed(BOB), netuid, hot(2), 100 * FLY));
	// A round passes (with nothing to share): the pool's sharing has seen the stake.
	emit(0);
	run_to(10);
	assert_eq!(info(netuid).epochs, 1);
	assert!(!neuron_at(netuid, 1).validator_permit && !neuron_at(netuid, 2).validator_permit);
	run_to(20);
	assert_eq!(info(netuid).epochs, 2);
	assert!(neuron_at(netuid, 1).validator_permit && neuron_at(netuid, 2).validator_permit);
	netuid
}

mod networks {
	use super::*;

	#[test]
	fn registration_locks_the_cost_which_doubles_then_decays() {
		run(|| {
			assert_eq!(Subnets::lock_cost(), MIN_LOCK);
			let netuid = network(OWNER, 0);
			assert_eq!(netuid, 0);
			assert_eq!(
				last_event(),
				Event::NetworkRegistered { netuid, owner: OWNER, hotkey: hot(0), locked: MIN_LOCK }
			);
			assert_eq!(Subnets::held(HoldReason::NetworkLock, &OWNER), MIN_LOCK);
			assert_eq!(neuron_at(0, 0).hotkey, hot(0));
			assert_eq!(neuron_at(0, 0).coldkey, OWNER);
			// Twice the last lock right after it, falling linearly to the floor over 100 blocks.
			assert_eq!(Subnets::lock_cost(), 2 * MIN_LOCK);
			assert_noop!(
				Subnets::register_network(signed(OWNER2), hot(10)),
				Err::NetworkRateLimited
			);
			run_to(6);
			// 5 of 100 blocks: 200 − 100 × 5/100 = 195 FLY.
			assert_eq!(Subnets::lock_cost(), 195 * FLY);
			assert_eq!(network(OWNER2, 10), 1);
			assert_eq!(Subnets::held(HoldReason::NetworkLock, &OWNER2), 195 * FLY);
			run_to(6 + 100);
			assert_eq!(Subnets::lock_cost(), MIN_LOCK);
		});
	}

	#[test]
	fn a_caller_who_cannot_pay_the_lock_changes_nothing() {
		run(|| {
			assert_noop!(
				Subnets::register_network(signed(PAUPER), hot(0)),
				Err::InsufficientBalance
			);
		});
	}

	#[test]
	fn netuids_are_never_reused_even_when_they_run_out() {
		run(|| {
			NextNetUid::<Test>::put(NetUid::MAX);
			assert_noop!(Subnets::register_network(signed(OWNER), hot(0)), Err::NetUidsExhausted);
		});
	}

	#[test]
	fn at_capacity_the_weakest_non_immune_subnet_is_pruned() {
		run(|| {
			let a = network(OWNER, 0);
			run_to(6);
			let b = network(OWNER2, 10);
			run_to(11);
			let c = network(OWNER3, 20);
			run_to(16);
			// All three are within their 50 blocks of immunity.
			assert_noop!(Subnets::register_network(signed(OWNER4), hot(30)), Err::AllSubnetsImmune);
			// Only b has stake, so only b has an emission share; a and c tie at zero and a is
			// older.
			neuron(b, ALICE, 11);
			assert_ok!(Subnets::add_stake(signed(ALICE), b, hot(11), 10 * FLY));
			emit(0);
			emit(1_000 * FLY);
			assert_eq!(info(b).emission_share, Perbill::one());
			run_to(61);
			// a's owner neuron earned the owner cut of nothing; c is untouched.
			let owner_before = free(OWNER);
			let d = network(OWNER4, 30);
			assert_eq!(d, 3);
			assert!(Networks::<Test>::get(a).is_none());
			assert!(Networks::<Test>::get(c).is_some());
			assert_eq!(free(OWNER), owner_before + MIN_LOCK);
			assert_eq!(Subnets::held(HoldReason::NetworkLock, &OWNER), 0);
			assert!(events().contains(&Event::NetworkRemoved {
				netuid: a,
				owner: OWNER,
				returned: MIN_LOCK,
				reason: RemovalReason::Pruned
			}));
			assert_eq!(Uids::<Test>::get(a, hot(0)), None);
		});
	}

	#[test]
	fn dissolving_returns_the_lock_and_keeps_stake_and_emission_claimable() {
		run(|| {
			let netuid = economy();
			assert_ok!(Subnets::set_weights(signed(hot(1)), netuid, weights(&[(3, 1)])));
			assert_ok!(Subnets::set_weights(signed(hot(2)), netuid, weights(&[(3, 1)])));
			emit(1_000 * FLY);
			run_to(30);
			let owner_pending = neuron_at(netuid, 0).pending;
			assert_eq!(owner_pending, 180 * FLY);
			emit(500 * FLY);
			assert_noop!(Subnets::dissolve_network(signed(ALICE), netuid), Err::NotOwner);
			assert_noop!(Subnets::dissolve_network(signed(OWNER), 7), Err::UnknownSubnet);
			let before = free(OWNER);
			assert_ok!(Subnets::dissolve_network(signed(OWNER), netuid));
			assert_eq!(free(OWNER), before + MIN_LOCK);
			assert_eq!(
				last_event(),
				Event::NetworkRemoved {
					netuid,
					owner: OWNER,
					returned: MIN_LOCK,
					reason: RemovalReason::Dissolved
				}
			);
			// The unpaid emission went back to the pool; the neurons' went to their coldkeys.
			assert_eq!(UnallocatedEmission::<Test>::get(), 500 * FLY);
			assert_eq!(Unclaimed::<Test>::get(OWNER), Some(owner_pending));
			let before = free(OWNER);
			assert_ok!(Subnets::claim_unclaimed(signed(OWNER)));
			assert_eq!(free(OWNER), before + owner_pending);
			assert_noop!(Subnets::claim_unclaimed(signed(OWNER)), Err::NothingToClaim);
			// Stake stays held and withdrawable, dividends claimable.
			assert_eq!(Subnets::held(HoldReason::Stake, &ALICE), 100 * FLY);
			assert_ok!(Subnets::claim_dividends(signed(ALICE), netuid, hot(1)));
			assert_ok!(Subnets::remove_stake(signed(ALICE), netuid, hot(1), 100 * FLY));
			assert_eq!(Subnets::held(HoldReason::Stake, &ALICE), 0);
			// Netuids are never reused.
			run_to(40);
			assert_eq!(network(OWNER2, 10), 1);
		});
	}

	#[test]
	fn owners_set_hyperparameters_within_bounds() {
		run(|| {
			let netuid = network(OWNER, 0);
			neuron(netuid, ALICE, 1);
			let good = Hyperparameters {
				tempo: 20,
				max_uids: 4,
				immunity_period: 7,
				weights_rate_limit: 3,
				commit_reveal: true,
			};
			assert_noop!(Subnets::set_hyperparameters(signed(ALICE), netuid, good), Err::NotOwner);
			assert_noop!(Subnets::set_hyperparameters(signed(OWNER), 9, good), Err::UnknownSubnet);
			for bad in [
				Hyperparameters { tempo: 1, ..good },
				Hyperparameters { tempo: 101, ..good },
				Hyperparameters { max_uids: MAX_UIDS as u16 + 1, ..good },
				Hyperparameters { max_uids: 0, ..good },
				// Two neurons are registered.
				Hyperparameters { max_uids: 1, ..good },
				Hyperparameters { immunity_period: 101, ..good },
				Hyperparameters { weights_rate_limit: 51, ..good },
			] {
				assert_noop!(
					Subnets::set_hyperparameters(signed(OWNER), netuid, bad),
					Err::HyperparametersOutOfBounds
				);
			}
			assert_ok!(Subnets::set_hyperparameters(signed(OWNER), netuid, good));
			assert_eq!(info(netuid).hyperparameters, good);
			assert_eq!(last_event(), Event::HyperparametersSet { netuid, hyperparameters: good });
		});
	}

	#[test]
	fn governance_sets_the_global_params() {
		run(|| {
			let good =
				GlobalParams { owner_cut: Perbill::from_percent(10), ..DefaultParams::get() };
			assert_noop!(Subnets::set_global_params(signed(OWNER), good), DispatchError::BadOrigin);
			let d = DefaultParams::get();
			for bad in [
				GlobalParams { min_lock_cost: 0, ..d },
				GlobalParams { lock_reduction_interval: 0, ..d },
				GlobalParams { min_burn: 0, ..d },
				GlobalParams { min_burn: d.max_burn + 1, ..d },
				GlobalParams { burn_decay_interval: 0, ..d },
				GlobalParams { bounds: HyperparameterBounds { min_tempo: 0, ..d.bounds }, ..d },
				GlobalParams { bounds: HyperparameterBounds { max_tempo: 1, ..d.bounds }, ..d },
				// A validator keeping to the longest rate limit must never be idle.
				GlobalParams { activity_cutoff: d.bounds.max_weights_rate_limit, ..d },
				GlobalParams {
					default_hyperparameters: Hyperparameters {
						max_uids: MAX_UIDS as u16 + 1,
						..d.default_hyperparameters
					},
					..d
				},
			] {
				assert_noop!(
					Subnets::set_global_params(RuntimeOrigin::root(), bad),
					Err::InvalidParams
				);
			}
			assert_ok!(Subnets::set_global_params(RuntimeOrigin::root(), good));
			assert_eq!(Params::<Test>::get(), good);
			assert_eq!(last_event(), Event::ParamsSet { params: good });
		});
	}

	/// The `tokenomics_admin` track (the bounded origin) sets the global parameters and the
	/// revenue cap at the edge of their ranges and is refused one step past; root may go past.
	#[test]
	fn the_bounded_origin_keeps_the_global_params_within_range() {
		run(|| {
			let admin = signed(BOUNDED_ADMIN);
			let r = Ranges::get();
			let (lo, hi) = (r.global.min, r.global.max);
			assert_ok!(Subnets::set_global_params(admin.clone(), hi));
			assert_eq!(Params::<Test>::get(), hi);
			assert_ok!(Subnets::set_global_params(admin.clone(), lo));
			let one = Perbill::from_parts(1);
			for past in [
				// The owner takes the whole emission.
				GlobalParams { owner_cut: Perbill::one(), ..hi },
				GlobalParams { owner_cut: lo.owner_cut - one, ..lo },
				GlobalParams { miner_share: hi.miner_share + one, ..hi },
				GlobalParams { min_lock_cost: hi.min_lock_cost + 1, ..hi },
				GlobalParams { bonds_alpha: hi.bonds_alpha + one, ..hi },
				GlobalParams {
					default_hyperparameters: Hyperparameters {
						tempo: hi.default_hyperparameters.tempo + 1,
						..hi.default_hyperparameters
					},
					..hi
				},
				GlobalParams {
					bounds: HyperparameterBounds {
						max_tempo: hi.bounds.max_tempo + 1,
						..hi.bounds
					},
					..hi
				},
			] {
				assert_noop!(
					Subnets::set_global_params(admin.clone(), past),
					Err::OutsideGovernanceBounds
				);
				assert_ok!(Subnets::set_global_params(RuntimeOrigin::root(), past));
			}
			// The revenue cap.
			assert_ok!(Subnets::set_revenue_cap(admin.clone(), r.revenue_cap.max));
			assert_eq!(RevenueCap::<Test>::get(), r.revenue_cap.max);
			assert_noop!(
				Subnets::set_revenue_cap(admin.clone(), r.revenue_cap.max + one),
				Err::OutsideGovernanceBounds
			);
			assert_noop!(
				Subnets::set_revenue_cap(admin, r.revenue_cap.min - one),
				Err::OutsideGovernanceBounds
			);
			assert_ok!(Subnets::set_revenue_cap(RuntimeOrigin::root(), Perbill::one()));
		});
	}
}

mod neurons {
	use super::*;

	#[test]
	fn registration_burns_a_price_that_rises_and_decays() {
		run(|| {
			let netuid = network(OWNER, 0);
			assert_eq!(Subnets::registration_price(netuid), Some(MIN_BURN));
			assert_eq!(Subnets::registration_price(9), None);
			let issuance = Balances::total_issuance();
			let before = free(ALICE);
			let uid = neuron(netuid, ALICE, 1);
			assert_eq!(uid, 1);
			assert_eq!(free(ALICE), before - MIN_BURN);
			assert_eq!(Balances::total_issuance(), issuance - MIN_BURN);
			assert_eq!(
				last_event(),
				Event::NeuronRegistered {
					netuid,
					uid,
					hotkey: hot(1),
					coldkey: ALICE,
					burned: MIN_BURN,
					replaced: None
				}
			);
			// +50% per registration, back to the floor linearly over 20 blocks.
			assert_eq!(Subnets::registration_price(netuid), Some(3 * FLY / 2));
			neuron(netuid, ALICE, 2);
			assert_eq!(Subnets::registration_price(netuid), Some(9 * FLY / 4));
			run_to(11);
			// 10 of 20 blocks: 2.25 − 1.25 / 2 = 1.625 FLY.
			assert_eq!(Subnets::registration_price(netuid), Some(1_625 * FLY / 1_000));
			run_to(21);
			assert_eq!(Subnets::registration_price(netuid), Some(MIN_BURN));
		});
	}

	#[test]
	fn the_price_is_capped() {
		run(|| {
			assert_ok!(Subnets::set_global_params(
				RuntimeOrigin::root(),
				GlobalParams { max_burn: 2 * FLY, ..DefaultParams::get() }
			));
			let netuid = network(OWNER, 0);
			neuron(netuid, ALICE, 1);
			neuron(netuid, ALICE, 2);
			// 1.5 × 1.5 = 2.25, capped at 2.
			assert_eq!(Subnets::registration_price(netuid), Some(2 * FLY));
		});
	}

	#[test]
	fn bad_registrations_change_nothing() {
		run(|| {
			let netuid = network(OWNER, 0);
			assert_noop!(Subnets::register_neuron(signed(ALICE), 9, hot(1)), Err::UnknownSubnet);
			assert_noop!(
				Subnets::register_neuron(signed(ALICE), netuid, hot(0)),
				Err::DuplicateHotkey
			);
			assert_noop!(
				Subnets::register_neuron(signed(PAUPER), netuid, hot(1)),
				Err::InsufficientBalance
			);
		});
	}

	#[test]
	fn a_full_subnet_replaces_its_weakest_non_immune_neuron() {
		run(|| {
			let netuid = economy();
			// Fill the subnet (6 uids): hot(5) joins at block 10.
			neuron(netuid, CHARLIE, 5);
			// Everyone but the owner is immune for 5 blocks after registering; hot(5) still is.
			run_to(22);
			assert_ok!(Subnets::set_weights(signed(hot(1)), netuid, weights(&[(3, 1)])));
			assert_ok!(Subnets::set_weights(signed(hot(2)), netuid, weights(&[(3, 1)])));
			emit(1_000 * FLY);
			run_to(30);
			// hot(3) earned incentive; hot(4) nothing and is the oldest with nothing.
			assert!(neuron_at(netuid, 3).last_emission > 0);
			assert_eq!(neuron_at(netuid, 4).last_emission, 0);
			let charlie_pending = neuron_at(netuid, 4).pending;
			assert_ok!(Subnets::register_neuron(signed(BOB), netuid, hot(6)));
			assert_eq!(Uids::<Test>::get(netuid, hot(6)), Some(4));
			assert_eq!(Uids::<Test>::get(netuid, hot(4)), None);
			assert_eq!(neuron_at(netuid, 4).coldkey, BOB);
			assert!(matches!(
				last_event(),
				Event::NeuronRegistered { uid: 4, replaced: Some(h), .. } if h == hot(4)
			));
			assert_eq!(Unclaimed::<Test>::get(CHARLIE).unwrap_or(0), charlie_pending);
			// hot(6) is now immune; hot(5) (registered at block 10) earned nothing either.
			assert_ok!(Subnets::register_neuron(signed(BOB), netuid, hot(7)));
			assert_eq!(Uids::<Test>::get(netuid, hot(7)), Some(5));
		});
	}

	#[test]
	fn the_owner_and_immune_neurons_are_never_replaced() {
		run(|| {
			let netuid = network(OWNER, 0);
			assert_ok!(Subnets::set_hyperparameters(
				signed(OWNER),
				netuid,
				Hyperparameters {
					tempo: TEMPO,
					max_uids: 2,
					immunity_period: 5,
					weights_rate_limit: 2,
					commit_reveal: false,
				}
			));
			neuron(netuid, ALICE, 1);
			assert_noop!(
				Subnets::register_neuron(signed(BOB), netuid, hot(2)),
				Err::NoReplaceableNeuron
			);
			run_to(6);
			// hot(1)'s immunity is over; the owner's never ends.
			neuron(netuid, BOB, 2);
			assert_eq!(Uids::<Test>::get(netuid, hot(2)), Some(1));
			assert_eq!(neuron_at(netuid, 0).hotkey, hot(0));
		});
	}
}

mod stake {
	use super::*;

	/// One FLY, one role: FLY locked in veFLY cannot also be staked.
	#[test]
	fn ve_locked_fly_cannot_be_staked() {
		run(|| {
			let netuid = network(OWNER, 0);
			neuron(netuid, ALICE, 1);
			let free_beyond_lock = 10 * FLY;
			MockVeFly::set(BOB, free(BOB) - free_beyond_lock);
			assert_noop!(
				Subnets::add_stake(signed(BOB), netuid, hot(1), free_beyond_lock + 1),
				Err::LockedInVeFly
			);
			assert_ok!(Subnets::add_stake(signed(BOB), netuid, hot(1), free_beyond_lock));
			assert_noop!(Subnets::add_stake(signed(BOB), netuid, hot(1), 1), Err::LockedInVeFly);
		});
	}

	/// One FLY, one role: a subnet's lock cannot be FLY that backs a veFLY lock either.
	#[test]
	fn ve_locked_fly_cannot_back_a_network_lock() {
		run(|| {
			let cost = Subnets::lock_cost();
			MockVeFly::set(OWNER, free(OWNER) - cost + 1);
			assert_noop!(Subnets::register_network(signed(OWNER), hot(0)), Err::LockedInVeFly);
			MockVeFly::set(OWNER, free(OWNER) - cost);
			assert_eq!(network(OWNER, 0), 0);
			assert_eq!(Subnets::held(HoldReason::NetworkLock, &OWNER), cost);
		});
	}

	#[test]
	fn adding_and_removing_stake() {
		run(|| {
			let netuid = network(OWNER, 0);
			neuron(netuid, ALICE, 1);
			assert_ok!(Subnets::add_stake(signed(BOB), netuid, hot(1), 30 * FLY));
			assert_eq!(
				last_event(),
				Event::StakeAdded { coldkey: BOB, netuid, hotkey: hot(1), amount: 30 * FLY }
			);
			assert_ok!(Subnets::add_stake(signed(BOB), netuid, hot(1), 20 * FLY));
			assert_eq!(Subnets::held(HoldReason::Stake, &BOB), 50 * FLY);
			// Both additions are one maturing cohort: nothing counts before an epoch has run.
			let pool = StakePools::<Test>::get(netuid, hot(1)).unwrap();
			assert_eq!((pool.total, pool.maturing, pool.cohort_records), (0, 50 * FLY, 1));
			assert_eq!(info(netuid).total_stake, 50 * FLY);
			assert_eq!(TotalStake::<Test>::get(), 50 * FLY);
			assert_ok!(Subnets::remove_stake(signed(BOB), netuid, hot(1), 50 * FLY));
			assert_eq!(
				last_event(),
				Event::StakeRemoved { coldkey: BOB, netuid, hotkey: hot(1), amount: 50 * FLY }
			);
			assert_eq!(Subnets::held(HoldReason::Stake, &BOB), 0);
			assert_eq!(TotalStake::<Test>::get(), 0);
			assert!(Stakes::<Test>::get((BOB, netuid, hot(1))).is_none());
		});
	}

	#[test]
	fn bad_stake_calls_change_nothing() {
		run(|| {
			let netuid = network(OWNER, 0);
			neuron(netuid, ALICE, 1);
			assert_noop!(Subnets::add_stake(signed(BOB), netuid, hot(1), 0), Err::ZeroAmount);
			// The bloat attempt: a dust stake per hotkey. A new stake holds the minimum; an
			// existing one may grow by any amount.
			assert_noop!(
				Subnets::add_stake(signed(BOB), netuid, hot(1), MIN_STAKE - 1),
				Err::BelowMinimum
			);
			assert_ok!(Subnets::add_stake(signed(CHARLIE), netuid, hot(1), MIN_STAKE));
			assert_ok!(Subnets::add_stake(signed(CHARLIE), netuid, hot(1), 1));
			assert_noop!(Subnets::add_stake(signed(BOB), 9, hot(1), FLY), Err::UnknownSubnet);
			assert_noop!(Subnets::add_stake(signed(BOB), netuid, hot(9), FLY), Err::NotRegistered);
			assert_noop!(
				Subnets::add_stake(signed(BOB), netuid, hot(1), ENDOWMENT),
				Err::InsufficientBalance
			);
			assert_noop!(
				Subnets::add_stake(signed(PAUPER), netuid, hot(1), FLY),
				Err::InsufficientBalance
			);
			assert_noop!(Subnets::remove_stake(signed(BOB), netuid, hot(1), FLY), Err::NotStaked);
			assert_ok!(Subnets::add_stake(signed(BOB), netuid, hot(1), FLY));
			assert_noop!(
				Subnets::remove_stake(signed(BOB), netuid, hot(1), FLY + 1),
				Err::InsufficientStake
			);
			assert_noop!(Subnets::remove_stake(signed(BOB), netuid, hot(1), 0), Err::ZeroAmount);
			assert_noop!(
				Subnets::claim_dividends(signed(BOB), netuid, hot(1)),
				Err::NothingToClaim
			);
			assert_noop!(Subnets::claim_dividends(signed(ALICE), netuid, hot(1)), Err::NotStaked);
		});
	}

	#[test]
	fn stake_totals_never_overflow() {
		run(|| {
			let netuid = network(OWNER, 0);
			neuron(netuid, ALICE, 1);
			assert_ok!(Subnets::add_stake(signed(BOB), netuid, hot(1), FLY));
			// A total at its limit (unreachable with FLY's issuance, forced here) refuses more.
			TotalStake::<Test>::put(u128::MAX);
			assert_noop!(Subnets::add_stake(signed(BOB), netuid, hot(1), FLY), Err::Overflow);
			TotalStake::<Test>::put(FLY);
		});
	}

	#[test]
	fn validators_set_their_take_up_to_the_maximum() {
		run(|| {
			let netuid = network(OWNER, 0);
			neuron(netuid, ALICE, 1);
			assert_noop!(
				Subnets::set_take(signed(ALICE), netuid, hot(1), Perbill::from_percent(19)),
				Err::TakeTooHigh
			);
			assert_noop!(
				Subnets::set_take(signed(BOB), netuid, hot(1), Perbill::from_percent(5)),
				Err::NotColdkey
			);
			assert_noop!(
				Subnets::set_take(signed(ALICE), netuid, hot(8), Perbill::from_percent(5)),
				Err::NotRegistered
			);
			assert_ok!(Subnets::set_take(signed(ALICE), netuid, hot(1), Perbill::from_percent(5)));
			assert_eq!(neuron_at(netuid, 1).take, Perbill::from_percent(5));
			assert_eq!(
				last_event(),
				Event::TakeSet { netuid, hotkey: hot(1), take: Perbill::from_percent(5) }
			);
		});
	}
}

mod weights {
	use super::*;

	#[test]
	fn only_permitted_validators_set_valid_weights_at_their_pace() {
		run(|| {
			let netuid = network(OWNER, 0);
			neuron(netuid, ALICE, 1);
			neuron(netuid, CHARLIE, 3);
			// No permit before an epoch has seen stake.
			assert_noop!(
				Subnets::set_weights(signed(hot(1)), netuid, weights(&[(2, 1)])),
				Err::NoValidatorPermit
			);
			assert_ok!(Subnets::add_stake(signed(ALICE), netuid, hot(1), 10 * FLY));
			// The stake's first epoch leaves it out; the second grants the permit.
			run_to(10);
			assert!(!neuron_at(netuid, 1).validator_permit);
			run_to(20);
			assert!(neuron_at(netuid, 1).validator_permit);
			assert!(!neuron_at(netuid, 2).validator_permit);
			assert_noop!(
				Subnets::set_weights(signed(hot(3)), netuid, weights(&[(1, 1)])),
				Err::NoValidatorPermit
			);
			assert_noop!(
				Subnets::set_weights(signed(hot(9)), netuid, weights(&[(1, 1)])),
				Err::NotRegistered
			);
			assert_noop!(
				Subnets::set_weights(signed(hot(1)), 9, weights(&[(1, 1)])),
				Err::UnknownSubnet
			);
			assert_noop!(
				Subnets::set_weights(signed(hot(1)), netuid, weights(&[(2, 1), (2, 3)])),
				Err::DuplicateUids
			);
			assert_noop!(
				Subnets::set_weights(signed(hot(1)), netuid, weights(&[(3, 1)])),
				Err::UidOutOfRange
			);
			assert_ok!(Subnets::set_weights(signed(hot(1)), netuid, weights(&[(2, 5), (0, 1)])));
			assert_eq!(last_event(), Event::WeightsSet { netuid, uid: 1, count: 2 });
			// Two blocks between two settings.
			run_to(21);
			assert_noop!(
				Subnets::set_weights(signed(hot(1)), netuid, weights(&[(2, 1)])),
				Err::WeightsRateLimited
			);
			run_to(22);
			assert_ok!(Subnets::set_weights(signed(hot(1)), netuid, weights(&[(2, 1)])));
			assert_eq!(Weights::<Test>::get(netuid, 1).unwrap().set_at, 22);
		});
	}
}

mod epochs {
	use super::*;

	/// The worked example of the README: 1,000 FLY for the subnet, two equal validators that
	/// both weight miner 3. Owner 18% = 180; miners 41% = 410, all to miner 3; validators 41% =
	/// 410, 205 each: take 18% = 36.9 kept, 168.1 to each one's staker.
	#[test]
	fn an_epoch_pays_owner_miners_and_validators_in_the_split() {
		run(|| {
			let netuid = economy();
			assert_ok!(Subnets::set_weights(signed(hot(1)), netuid, weights(&[(3, 100)])));
			assert_ok!(Subnets::set_weights(signed(hot(2)), netuid, weights(&[(3, 7), (2, 9)])));
			emit(1_000 * FLY);
			assert_eq!(info(netuid).emission.total(), 1_000 * FLY);
			run_to(30);
			assert_eq!(
				last_event(),
				Event::EpochRun {
					netuid,
					owner: 180 * FLY,
					miners: 410 * FLY,
					validators: 410 * FLY,
					carried: 0,
					recycled: 0
				}
			);
			assert_eq!(neuron_at(netuid, 0).pending, 180 * FLY);
			assert_eq!(neuron_at(netuid, 3).pending, 410 * FLY);
			assert_eq!(neuron_at(netuid, 3).incentive, Perbill::one());
			assert_eq!(neuron_at(netuid, 3).consensus, Perbill::one());
			assert_eq!(neuron_at(netuid, 4).pending, 0);
			assert_eq!(neuron_at(netuid, 1).dividends, Perbill::from_percent(50));
			assert_eq!(neuron_at(netuid, 1).pending, 36_900 * FLY / 1_000);
			assert_eq!(neuron_at(netuid, 2).pending, 36_900 * FLY / 1_000);
			assert_eq!(Subnets::stake_of(&ALICE, netuid, &hot(1)).pending, 168_100 * FLY / 1_000);

			let before = free(CHARLIE);
			assert_noop!(Subnets::claim_emission(signed(ALICE), netuid, hot(3)), Err::NotColdkey);
			assert_noop!(
				Subnets::claim_emission(signed(CHARLIE), netuid, hot(9)),
				Err::NotRegistered
			);
			assert_ok!(Subnets::claim_emission(signed(CHARLIE), netuid, hot(3)));
			assert_eq!(free(CHARLIE), before + 410 * FLY);
			assert_eq!(last_event(), Event::Claimed { who: CHARLIE, amount: 410 * FLY });
			assert_noop!(
				Subnets::claim_emission(signed(CHARLIE), netuid, hot(3)),
				Err::NothingToClaim
			);
			let before = free(ALICE);
			assert_ok!(Subnets::claim_dividends(signed(ALICE), netuid, hot(1)));
			assert_eq!(free(ALICE), before + 168_100 * FLY / 1_000);
			let (received, credited) = EmissionTotals::<Test>::get();
			assert_eq!((received, credited), (1_000 * FLY, 1_000 * FLY));
		});
	}

	#[test]
	fn without_weights_the_miners_and_validators_part_waits() {
		run(|| {
			let netuid = economy();
			emit(1_000 * FLY);
			run_to(30);
			assert_eq!(neuron_at(netuid, 0).pending, 180 * FLY);
			assert_eq!(info(netuid).emission.total(), 820 * FLY);
			assert_eq!(
				last_event(),
				Event::EpochRun {
					netuid,
					owner: 180 * FLY,
					miners: 0,
					validators: 0,
					carried: 820 * FLY,
					recycled: 0
				}
			);
		});
	}

	#[test]
	fn the_miner_share_is_a_governance_parameter() {
		run(|| {
			let netuid = economy();
			let params = GlobalParams {
				owner_cut: Perbill::zero(),
				miner_share: Perbill::from_percent(80),
				..DefaultParams::get()
			};
			assert_ok!(Subnets::set_global_params(RuntimeOrigin::root(), params));
			assert_ok!(Subnets::set_weights(signed(hot(1)), netuid, weights(&[(3, 1)])));
			assert_ok!(Subnets::set_weights(signed(hot(2)), netuid, weights(&[(4, 1)])));
			emit(1_000 * FLY);
			run_to(30);
			// Each miner has half the stake behind it, which reaches κ = 1/2: both are in
			// consensus and share the miners' 80% (no owner cut).
			assert_eq!(neuron_at(netuid, 3).pending, 400 * FLY);
			assert_eq!(neuron_at(netuid, 4).pending, 400 * FLY);
			assert_eq!(neuron_at(netuid, 0).pending, 0);
		});
	}

	#[test]
	fn epochs_are_staggered_and_deferred_never_lost() {
		run(|| {
			// Subnet 0 (tempo 10) runs when b % 10 = 0; subnet 1 with tempo 7 when
			// (b + 1) % 7 = 0: both at block 20. One epoch per block: subnet 1 waits a block.
			let a = network(OWNER, 0);
			run_to(6);
			let b = network(OWNER2, 10);
			assert_eq!(info(b).next_epoch, 9);
			assert_ok!(Subnets::set_hyperparameters(
				signed(OWNER2),
				b,
				Hyperparameters { tempo: 7, ..info(b).hyperparameters }
			));
			run_to(10);
			assert_eq!((info(a).epochs, info(b).epochs), (1, 1));
			assert_eq!((info(a).next_epoch, info(b).next_epoch), (20, 13));
			run_to(13);
			assert_eq!(info(b).next_epoch, 20);
			run_to(20);
			assert_eq!((info(a).epochs, info(b).epochs), (2, 2));
			assert_eq!(DueEpochs::<Test>::get().to_vec(), vec![b]);
			run_to(21);
			assert_eq!((info(a).epochs, info(b).epochs), (2, 3));
			assert_eq!(info(b).last_epoch, 21);
			assert!(DueEpochs::<Test>::get().is_empty());
		});
	}

	#[test]
	fn the_pool_is_shared_by_stake_or_by_revenue() {
		run(|| {
			// No subnet yet: the emission waits.
			emit(100 * FLY);
			assert_eq!(UnallocatedEmission::<Test>::get(), 100 * FLY);
			let (a, b) = two_staked_subnets();
			// The stake counts from the round after it was added (this one shares nothing; what
			// waits stays within one round's emission).
			emit(100 * FLY);
			assert_eq!(UnallocatedEmission::<Test>::get(), 100 * FLY);
			assert_eq!(
				last_event(),
				Event::EmissionShared {
					amount: 100 * FLY,
					allocated: 0,
					subnets: 0,
					recycled: 100 * FLY
				}
			);
			assert_eq!(free(TREASURY), ED + 100 * FLY);
			emit(300 * FLY);
			assert_eq!(info(a).emission.total(), 100 * FLY);
			assert_eq!(info(b).emission.total(), 300 * FLY);
			assert_eq!(info(a).emission_share, Perbill::from_percent(25));
			assert_eq!(
				last_event(),
				Event::EmissionShared {
					amount: 300 * FLY,
					allocated: 400 * FLY,
					subnets: 2,
					recycled: 0
				}
			);
			assert_ok!(Subnets::set_global_params(
				RuntimeOrigin::root(),
				GlobalParams { emission_mode: EmissionMode::Revenue, ..DefaultParams::get() }
			));
			// Worth far more than the cap needs: the cap does not bind here.
			revenue(a, 900, 10_000 * FLY);
			revenue(b, 100, 10_000 * FLY);
			revenue(7, 100, 10_000 * FLY);
			emit(1_000 * FLY);
			assert_eq!(info(a).emission.total(), 1_000 * FLY);
			assert_eq!(info(b).emission.total(), 400 * FLY);
			assert_eq!(info(a).dc_revenue, 0);
			// Without revenue since the last emission it falls back to stake.
			emit(400 * FLY);
			assert_eq!(info(a).emission.total(), 1_100 * FLY);
		});
	}

	#[test]
	fn weights_meant_for_a_replaced_neuron_do_not_reach_its_successor() {
		run(|| {
			let netuid = economy();
			assert_ok!(Subnets::set_hyperparameters(
				signed(OWNER),
				netuid,
				Hyperparameters { max_uids: 5, ..info(netuid).hyperparameters }
			));
			assert_ok!(Subnets::set_weights(signed(hot(1)), netuid, weights(&[(3, 95), (4, 5)])));
			assert_ok!(Subnets::set_weights(signed(hot(2)), netuid, weights(&[(3, 95), (4, 5)])));
			emit(1_000 * FLY);
			run_to(30);
			// Miner 4 earned 5% of the miners' 410 FLY = 20.5 FLY, less than anyone else.
			assert_eq!(neuron_at(netuid, 4).last_emission, 20_500 * FLY / 1_000);
			assert_eq!(neuron_at(netuid, 3).last_emission, 389_500 * FLY / 1_000);
			// A validator generated all of its dividends (its take and its stakers' part): half
			// of the validators' 410 FLY.
			assert_eq!(neuron_at(netuid, 1).last_emission, 205 * FLY);
			run_to(31);
			neuron(netuid, BOB, 8);
			assert_eq!(Uids::<Test>::get(netuid, hot(8)), Some(4));
			assert_eq!(Unclaimed::<Test>::get(CHARLIE), Some(20_500 * FLY / 1_000));
			emit(1_000 * FLY);
			run_to(40);
			// The validators' old weights on uid 4 predate hot(8): all of the miners' part goes
			// to miner 3.
			assert_eq!(neuron_at(netuid, 4).pending, 0);
			assert_eq!(neuron_at(netuid, 3).pending, (389_500 + 410_000) * FLY / 1_000);
			let before = free(CHARLIE);
			assert_ok!(Subnets::claim_unclaimed(signed(CHARLIE)));
			assert_eq!(free(CHARLIE), before + 20_500 * FLY / 1_000);
		});
	}

	#[test]
	fn idle_blocks_do_nothing() {
		run(|| {
			let netuid = network(OWNER, 0);
			Subnets::on_initialize(2);
			assert_eq!(info(netuid).epochs, 0);
			assert!(DueEpochs::<Test>::get().is_empty());
		});
	}
}

mod proptests {
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		Network(u8, u8),
		Neuron(u8, u8, u8),
		AddStake(u8, u8, u8, u128),
		RemoveStake(u8, u8, u8, u128),
		Weights(u8, u8, Vec<(u8, u16)>),
		Emit(u128),
		Advance(u8),
		Dissolve(u8, u8),
		ClaimEmission(u8, u8, u8),
		ClaimDividends(u8, u8, u8),
		ClaimUnclaimed(u8),
	}

	const COLDKEYS: [AccountId; 7] = [OWNER, OWNER2, OWNER3, OWNER4, ALICE, BOB, CHARLIE];

	/// `(netuid, coldkey index, hotkey)` of the starting economy's neurons and stakes.
	const OWNED: [(u8, u8, u8); 7] =
		[(0, 0, 0), (0, 4, 1), (0, 5, 2), (0, 6, 3), (0, 6, 4), (1, 1, 10), (1, 4, 11)];
	const STAKED: [(u8, u8, u8); 3] = [(0, 4, 1), (0, 5, 2), (1, 4, 11)];

	/// Hotkeys of the starting economy and a few fresh ones.
	const HOTKEYS: [u8; 9] = [0, 1, 2, 3, 4, 5, 10, 11, 12];

	fn op() -> impl Strategy<Value = Op> {
		let hk = || proptest::sample::select(&HOTKEYS[..]);
		prop_oneof![
			1 => (0u8..7, hk()).prop_map(|(c, h)| Op::Network(c, h)),
			2 => (0u8..3, 0u8..7, hk()).prop_map(|(n, c, h)| Op::Neuron(n, c, h)),
			2 => (0u8..3, 0u8..7, hk(), 1u128..1_000).prop_map(|(n, c, h, a)| Op::AddStake(n, c, h, a)),
			1 => (0u8..3, 0u8..7, hk(), 1u128..200)
				.prop_map(|(n, c, h, a)| Op::RemoveStake(n, c, h, a)),
			2 => (proptest::sample::select(&STAKED[..]), 1u128..60)
				.prop_map(|((n, c, h), a)| Op::RemoveStake(n, c, h, a)),
			// Mostly valid weights from the validators, sometimes anything from anyone.
			4 => (
				0u8..2,
				proptest::sample::select(&[1u8, 2, 11][..]),
				proptest::sample::subsequence(alloc::vec![0u8, 1, 2, 3, 4], 1..=3),
				1u16..u16::MAX,
			)
				.prop_map(|(n, h, uids, w)| Op::Weights(n, h, uids.into_iter().map(|u| (u, w)).collect())),
			1 => (0u8..3, hk(), proptest::collection::vec((0u8..7, any::<u16>()), 0..6))
				.prop_map(|(n, h, w)| Op::Weights(n, h, w)),
			3 => (0u128..10_000).prop_map(Op::Emit),
			4 => (1u8..15).prop_map(Op::Advance),
			1 => (0u8..3, 0u8..7).prop_map(|(n, c)| Op::Dissolve(n, c)),
			// Claims by the starting economy's real (netuid, coldkey, hotkey) triples, and by anyone.
			3 => proptest::sample::select(&OWNED[..]).prop_map(|(n, c, h)| Op::ClaimEmission(n, c, h)),
			3 => proptest::sample::select(&STAKED[..]).prop_map(|(n, c, h)| Op::ClaimDividends(n, c, h)),
			1 => (0u8..3, 0u8..7, hk()).prop_map(|(n, c, h)| Op::ClaimEmission(n, c, h)),
			1 => (0u8..3, 0u8..7, hk()).prop_map(|(n, c, h)| Op::ClaimDividends(n, c, h)),
			1 => (0u8..7).prop_map(Op::ClaimUnclaimed),
		]
	}

	/// Two subnets with neurons and stake, validator permits granted (block 10).
	fn starting_economy() {
		economy();
		let b = network(OWNER2, 10);
		neuron(b, ALICE, 11);
		neuron(b, BOB, 12);
		assert_ok!(Subnets::add_stake(signed(ALICE), b, hot(11), 40 * FLY));
	}

	fn apply(op: &Op) -> Result<(), DispatchError> {
		let c = |i: &u8| COLDKEYS[*i as usize];
		let h = |i: &u8| hot(u64::from(*i));
		match op {
			Op::Network(o, k) => {
				Subnets::register_network(signed(c(o)), h(k)).map(|_| ()).map_err(|e| e.error)
			}
			Op::Neuron(n, o, k) => Subnets::register_neuron(signed(c(o)), u16::from(*n), h(k))
				.map(|_| ())
				.map_err(|e| e.error),
			Op::AddStake(n, o, k, a) => {
				Subnets::add_stake(signed(c(o)), u16::from(*n), h(k), a * FLY)
			}
			Op::RemoveStake(n, o, k, a) => {
				Subnets::remove_stake(signed(c(o)), u16::from(*n), h(k), a * FLY)
			}
			Op::Weights(n, k, w) => Subnets::set_weights(
				signed(h(k)),
				u16::from(*n),
				BoundedVec::truncate_from(w.iter().map(|(u, x)| (u16::from(*u), *x)).collect()),
			),
			Op::Emit(a) => {
				emit(a * FLY);
				Ok(())
			}
			Op::Advance(b) => {
				run_to(System::block_number() + u64::from(*b));
				Ok(())
			}
			Op::Dissolve(n, o) => Subnets::dissolve_network(signed(c(o)), u16::from(*n))
				.map(|_| ())
				.map_err(|e| e.error),
			Op::ClaimEmission(n, o, k) => {
				Subnets::claim_emission(signed(c(o)), u16::from(*n), h(k))
			}
			Op::ClaimDividends(n, o, k) => {
				Subnets::claim_dividends(signed(c(o)), u16::from(*n), h(k))
			}
			Op::ClaimUnclaimed(o) => Subnets::claim_unclaimed(signed(c(o))),
		}
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(256))]
		/// Random sequences of registrations, stake, weights, emissions, epochs, removals and
		/// claims keep every invariant after every step.
		#[test]
		fn random_sequences_keep_the_invariants(ops in proptest::collection::vec(op(), 1..60)) {
			new_test_ext().execute_with(|| {
				starting_economy();
				for op in &ops {
					// As a dispatch does: a failed call is rolled back.
					let _ = frame_support::storage::with_transaction(|| match apply(op) {
						Ok(()) => sp_runtime::TransactionOutcome::Commit(Ok(())),
						Err(e) => sp_runtime::TransactionOutcome::Rollback(Err(e)),
					});
					Subnets::do_try_state().map_err(|e| format!("after {op:?}: {e:?}")).unwrap();
				}
			});
		}
	}
}

#[test]
fn genesis_opens_a_subnet_with_neurons_and_stake() {
	use sp_runtime::BuildStorage;
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let balances = vec![(OWNER, ENDOWMENT), (ALICE, ENDOWMENT), (BOB, ENDOWMENT)];
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	crate::GenesisConfig::<Test> {
		networks: vec![(OWNER, hot(0))],
		neurons: vec![(0, ALICE, hot(1)), (0, BOB, hot(2))],
		stakes: vec![(ALICE, 0, hot(1), 500 * FLY)],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		let subnet = info(0);
		assert_eq!((subnet.owner, subnet.locked, subnet.total_stake), (OWNER, MIN_LOCK, 500 * FLY));
		assert_eq!(Subnets::held(HoldReason::NetworkLock, &OWNER), MIN_LOCK);
		assert_eq!(Uids::<Test>::get(0, hot(2)), Some(2));
		assert_eq!(StakePools::<Test>::get(0, hot(1)).map(|p| p.total), Some(500 * FLY));
		assert_eq!(neuron_at(0, 2).coldkey, BOB);
		assert_eq!(TotalStake::<Test>::get(), 500 * FLY);
		// Each neuron burned the registration price (the floor, rising 10% after the first).
		assert!(free(ALICE) < ENDOWMENT - 500 * FLY && free(BOB) < ENDOWMENT);
		assert_eq!(Params::<Test>::get(), DefaultParams::get());
		Subnets::do_try_state().expect("invariants hold at genesis");
	});
}

#[test]
#[should_panic(expected = "genesis neuron")]
fn genesis_refuses_a_neuron_on_an_unknown_subnet() {
	use sp_runtime::BuildStorage;
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, ENDOWMENT)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let _ = crate::GenesisConfig::<Test> {
		networks: vec![],
		neurons: vec![(0, ALICE, hot(1))],
		stakes: vec![],
	}
	.assimilate_storage(&mut storage);
}

mod attacks;
mod deregistered;
mod migration;
mod properties;

mod revenue_authority {
	use super::*;

	#[test]
	fn the_owner_sets_and_removes_the_service_authority() {
		run(|| {
			let netuid = network(OWNER, 0);
			assert_ok!(Subnets::set_service_authority(signed(OWNER), netuid, Some(BOB)));
			assert_eq!(
				<Subnets as SubnetRevenueTracker<AccountId>>::service_authority(netuid),
				Some(BOB)
			);
			assert_eq!(last_event(), Event::ServiceAuthoritySet { netuid, authority: Some(BOB) });
			assert_ok!(Subnets::set_service_authority(signed(OWNER), netuid, None));
			assert_eq!(ServiceAuthorities::<Test>::get(netuid), None);
			assert_eq!(last_event(), Event::ServiceAuthoritySet { netuid, authority: None });
		});
	}

	#[test]
	fn only_the_owner_of_an_existing_subnet_sets_it() {
		run(|| {
			let netuid = network(OWNER, 0);
			assert_noop!(
				Subnets::set_service_authority(signed(BOB), netuid, Some(BOB)),
				Error::<Test>::NotOwner
			);
			assert_noop!(
				Subnets::set_service_authority(signed(OWNER), netuid + 1, Some(BOB)),
				Error::<Test>::UnknownSubnet
			);
			assert_noop!(
				Subnets::set_service_authority(RuntimeOrigin::root(), netuid, Some(BOB)),
				sp_runtime::DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn a_removed_subnet_leaves_no_authority_or_revenue() {
		run(|| {
			let netuid = network(OWNER, 0);
			assert_ok!(Subnets::set_service_authority(signed(OWNER), netuid, Some(BOB)));
			revenue(netuid, 1_000, FLY);
			assert_ok!(Subnets::dissolve_network(signed(OWNER), netuid));
			assert_eq!(ServiceAuthorities::<Test>::get(netuid), None);
			assert_eq!(RevenueValue::<Test>::get(netuid), 0);
			// Revenue reported for a subnet that does not exist is not kept.
			revenue(netuid, 1_000, FLY);
			assert!(!RevenueValue::<Test>::contains_key(netuid));
		});
	}

	#[test]
	fn governance_sets_a_nonzero_revenue_cap() {
		run(|| {
			let cap = Perbill::from_percent(20);
			assert_ok!(Subnets::set_revenue_cap(RuntimeOrigin::root(), cap));
			assert_eq!(RevenueCap::<Test>::get(), cap);
			assert_eq!(last_event(), Event::RevenueCapSet { cap });
			assert_noop!(
				Subnets::set_revenue_cap(RuntimeOrigin::root(), Perbill::zero()),
				Error::<Test>::InvalidParams
			);
			assert_noop!(
				Subnets::set_revenue_cap(signed(OWNER), cap),
				sp_runtime::DispatchError::BadOrigin
			);
		});
	}
}
