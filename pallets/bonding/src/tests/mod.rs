// SPDX-License-Identifier: Apache-2.0
//! Unit tests and proptests of the bonding pallet. Every test ends with the `try_state`
//! invariants (`mock::run`).

use crate::{mock::*, *};
use codec::{Decode, Encode};
use flywheel_primitives::FLY;
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};

type Err = crate::Error<Test>;

mod capture;
mod terms;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn last_event() -> crate::Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| if let RuntimeEvent::Bonding(e) = r.event { Some(e) } else { None })
		.expect("an event was deposited")
}

fn held(who: AccountId) -> u128 {
	Balances::balance_on_hold(&HoldReason::Bonded.into(), &who)
}

/// Registers `op` with `cut` and `share` (percent), bonding the rules' minimum self-bond.
fn register(op: AccountId, cut: u32, share: u32) {
	assert_ok!(Bonding::register_operator(
		signed(op),
		Perbill::from_percent(cut),
		Perbill::from_percent(share),
		Rules::<Test>::get().min_self_bond,
	));
}

/// `who` registers with no cut or share and the rules' minimum self-bond.
fn try_register(who: AccountId) -> sp_runtime::DispatchResult {
	let min = Rules::<Test>::get().min_self_bond;
	Bonding::register_operator(signed(who), Perbill::zero(), Perbill::zero(), min)
}

fn stake(op: AccountId) -> u128 {
	Operators::<Test>::get(op).map_or(0, |o| o.stake)
}

/// Starts `round` with `amount` of emission for the stakers, as pallet-inflation does.
fn start_round(round: u32, amount: u128) {
	set_round(round);
	emit(amount);
}

/// Starts round 1 with nothing to share: bonds made in round 0 count from here on.
fn mature_round_zero() {
	start_round(1, 0);
}

mod operators {
	use super::*;

	#[test]
	fn register_update_resign() {
		run(|| {
			register(OP_A, 10, 50);
			assert_eq!(
				last_event(),
				Event::OperatorRegistered {
					operator: OP_A,
					reward_cut: Perbill::from_percent(10),
					fee_share: Perbill::from_percent(50)
				}
			);
			assert_noop!(try_register(OP_A), Err::AlreadyOperator);
			assert_ok!(Bonding::update_operator(
				signed(OP_A),
				Perbill::from_percent(20),
				Perbill::from_percent(40)
			));
			assert_eq!(
				last_event(),
				Event::OperatorUpdated {
					operator: OP_A,
					reward_cut: Perbill::from_percent(20),
					fee_share: Perbill::from_percent(40),
					from_round: 2
				}
			);
			// Worse terms for delegators wait a full round: until round 2.
			set_round(1);
			assert_ok!(Bonding::deposit_fees(signed(BOB), OP_A, FLY));
			let info = Operators::<Test>::get(OP_A).unwrap();
			assert_eq!(info.reward_cut, Perbill::from_percent(10));
			// In round 2 they apply the first time the operator's terms are used.
			set_round(2);
			assert_ok!(Bonding::deposit_fees(signed(BOB), OP_A, FLY));
			let info = Operators::<Test>::get(OP_A).unwrap();
			assert_eq!(info.next_terms, None);
			assert_eq!(
				(info.reward_cut, info.fee_share),
				(Perbill::from_percent(20), Perbill::from_percent(40))
			);
			assert_noop!(
				Bonding::update_operator(signed(ALICE), Perbill::zero(), Perbill::zero()),
				Err::NotOperator
			);
			// Bonded operators stay registered after resigning until their stake is gone.
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, FLY));
			assert_ok!(Bonding::resign(signed(OP_A)));
			assert_eq!(last_event(), Event::OperatorResigned { operator: OP_A });
			assert!(Operators::<Test>::get(OP_A).unwrap().resigned);
			assert_noop!(Bonding::resign(signed(OP_A)), Err::OperatorResigned);
			assert_noop!(Bonding::resign(signed(ALICE)), Err::NotOperator);
			assert_noop!(
				Bonding::update_operator(signed(OP_A), Perbill::zero(), Perbill::zero()),
				Err::OperatorResigned
			);
			assert_noop!(Bonding::bond(signed(BOB), OP_A, FLY), Err::OperatorResigned);
			// Its fee earnings claimed, it goes with its last stake.
			assert_ok!(Bonding::claim_earnings(signed(OP_A)));
			assert_ok!(Bonding::unbond(signed(ALICE), FLY));
			assert!(!Operators::<Test>::contains_key(OP_A));
		});
	}

	#[test]
	fn the_operator_count_is_bounded() {
		run(|| {
			for op in 0..u64::from(MAX_OPERATORS) {
				register(100 + op, 0, 0);
			}
			assert_noop!(try_register(OP_A), Err::TooManyOperators);
		});
	}

	#[test]
	fn a_cut_above_one_hundred_percent_cannot_even_be_decoded() {
		run(|| {
			let call = RuntimeCall::Bonding(crate::Call::register_operator {
				reward_cut: Perbill::one(),
				fee_share: Perbill::one(),
				self_bond: 0,
			});
			let mut bytes = call.encode();
			// The cut is the first argument after the pallet and call indices.
			let too_much = 1_000_000_001u32.encode();
			bytes[2..6].copy_from_slice(&too_much);
			assert!(RuntimeCall::decode(&mut &bytes[..]).is_err());
			assert!(Perbill::decode(&mut &too_much[..]).is_err());
		});
	}

	#[test]
	fn only_signed_origins_may_call() {
		run(|| {
			let bad = sp_runtime::DispatchError::BadOrigin;
			assert_noop!(
				Bonding::register_operator(
					RuntimeOrigin::root(),
					Perbill::zero(),
					Perbill::zero(),
					0
				),
				bad
			);
			assert_noop!(Bonding::bond(RuntimeOrigin::none(), OP_A, FLY), bad);
		});
	}
}

mod slots {
	use super::*;

	fn rules(min_self_bond: u128) {
		assert_ok!(Bonding::set_operator_rules(
			RuntimeOrigin::root(),
			OperatorRules { min_self_bond, max_idle_rounds: MAX_IDLE_ROUNDS }
		));
	}

	#[test]
	fn only_governance_sets_the_rules() {
		run(|| {
			let r = OperatorRules { min_self_bond: FLY, max_idle_rounds: 1 };
			assert_noop!(
				Bonding::set_operator_rules(signed(ALICE), r),
				sp_runtime::DispatchError::BadOrigin
			);
			assert_ok!(Bonding::set_operator_rules(RuntimeOrigin::root(), r));
			assert_eq!(last_event(), Event::OperatorRulesSet { rules: r });
			assert_eq!(Rules::<Test>::get(), r);
		});
	}

	/// The `tokenomics_admin` track (the bounded origin) sets the rules at the edge of their
	/// ranges and is refused one step past; root may go past.
	#[test]
	fn the_bounded_origin_keeps_the_rules_within_range() {
		run(|| {
			let admin = signed(BOUNDED_ADMIN);
			let r = Ranges::get();
			assert_ok!(Bonding::set_operator_rules(admin.clone(), r.max));
			assert_eq!(Rules::<Test>::get(), r.max);
			assert_ok!(Bonding::set_operator_rules(admin.clone(), r.min));
			for past in [
				// A self-bond no honest operator can post, so anyone may remove them all.
				OperatorRules { min_self_bond: r.max.min_self_bond + 1, ..r.max },
				// Every operator removable after one idle round less than the floor.
				OperatorRules { max_idle_rounds: r.min.max_idle_rounds - 1, ..r.max },
				OperatorRules { max_idle_rounds: r.max.max_idle_rounds + 1, ..r.max },
			] {
				assert_noop!(
					Bonding::set_operator_rules(admin.clone(), past),
					Error::<Test>::OutsideGovernanceBounds
				);
				assert_ok!(Bonding::set_operator_rules(RuntimeOrigin::root(), past));
			}
		});
	}

	/// A registration bonds the minimum self-bond: slots cannot be filled for free.
	#[test]
	fn registering_bonds_the_minimum_self_bond() {
		run(|| {
			rules(10 * FLY);
			assert_noop!(try_register(PAUPER), Err::InsufficientBalance);
			register(OP_A, 10, 50);
			assert_eq!(Bonding::self_bond(&OP_A), 10 * FLY);
			assert_eq!(stake(OP_A), 10 * FLY);
			assert_eq!(held(OP_A), 10 * FLY);
			// An operator bonded elsewhere cannot bond to itself.
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, FLY));
			assert_noop!(try_register(ALICE), Err::BondedElsewhere);
		});
	}

	/// Squatters fill every slot with the minimum self-bond and stay out of the active set; once
	/// idle for `max_idle_rounds`, anyone removes one and a real operator takes the slot. One
	/// that unbonded below the minimum can be removed at once; one in good standing cannot.
	#[test]
	fn squatted_slots_are_freed_for_a_real_operator() {
		run(|| {
			rules(10 * FLY);
			for op in [20u64, 21, 22, OP_B, OP_C] {
				register(op, 0, 0);
			}
			assert_ok!(Bonding::bond(signed(ALICE), OP_B, 100 * FLY));
			assert_ok!(Bonding::bond(signed(BOB), OP_C, 100 * FLY));
			assert_ok!(Bonding::bond(signed(CHARLIE), 22, 100 * FLY));
			assert_noop!(try_register(OP_A), Err::TooManyOperators);
			// 20 and 21 stay outside the active set (3 slots) round after round.
			for round in 1..=MAX_IDLE_ROUNDS {
				set_round(round);
				emit(FLY);
			}
			assert_noop!(Bonding::remove_operator(signed(OP_A), 20), Err::OperatorInGoodStanding);
			assert_noop!(Bonding::remove_operator(signed(OP_A), OP_B), Err::OperatorInGoodStanding);
			set_round(MAX_IDLE_ROUNDS + 1);
			emit(FLY);
			assert_ok!(Bonding::remove_operator(signed(OP_A), 20));
			assert_eq!(last_event(), Event::OperatorRemoved { operator: 20, by_governance: false });
			// Nothing else was bonded to it: its record is gone with its self-bond, which waits
			// in an unbonding lock.
			assert!(!Operators::<Test>::contains_key(20));
			assert_eq!(UnbondingLocks::<Test>::get(20).total(), 10 * FLY);
			register(OP_A, 5, 5);
			// An active operator that unbonds below the minimum can be removed at once; its
			// delegators keep their bond and can leave.
			assert_ok!(Bonding::unbond(signed(22), 5 * FLY));
			assert_ok!(Bonding::remove_operator(signed(BOB), 22));
			assert!(Operators::<Test>::get(22).unwrap().resigned);
			assert_noop!(Bonding::remove_operator(signed(BOB), 22), Err::NothingToRemove);
			assert_ok!(Bonding::unbond(signed(CHARLIE), Bonding::bond_of(&CHARLIE)));
			assert!(!Operators::<Test>::contains_key(22));
			// Governance may remove any operator.
			assert_ok!(Bonding::remove_operator(RuntimeOrigin::root(), OP_B));
			assert_eq!(
				last_event(),
				Event::OperatorRemoved { operator: OP_B, by_governance: true }
			);
			assert_noop!(Bonding::remove_operator(signed(BOB), 99), Err::UnknownOperator);
		});
	}
}

mod bonds {
	use super::*;

	/// One FLY, one role: FLY locked in veFLY cannot also be bonded.
	#[test]
	fn ve_locked_fly_cannot_be_bonded() {
		run(|| {
			register(OP_A, 10, 50);
			let free_beyond_lock = 10 * FLY;
			MockVeFly::set(ALICE, Balances::balance(&ALICE) - free_beyond_lock);
			assert_noop!(
				Bonding::bond(signed(ALICE), OP_A, free_beyond_lock + 1),
				Err::LockedInVeFly
			);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, free_beyond_lock));
			assert_noop!(Bonding::bond(signed(ALICE), OP_A, 1), Err::LockedInVeFly);
			assert_eq!(held(ALICE), free_beyond_lock);
		});
	}

	#[test]
	fn bond_holds_fly_and_counts_as_stake() {
		run(|| {
			register(OP_A, 10, 50);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 100 * FLY));
			assert_eq!(
				last_event(),
				Event::Bonded { delegator: ALICE, operator: OP_A, amount: 100 * FLY }
			);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 50 * FLY));
			assert_eq!(held(ALICE), 150 * FLY);
			assert_eq!(Balances::balance(&ALICE), ENDOWMENT - 150 * FLY);
			assert_eq!(stake(OP_A), 150 * FLY);
			assert_eq!(TotalBonded::<Test>::get(), 150 * FLY);
			// The bonded ratio counts active stake: none before a round has seen it. The bond is
			// all the operator has and counts from round 2 (it matures at round 1), so the
			// operator is active from round 2.
			assert_eq!(<Bonding as BondedSupply<u128>>::bonded(), 0);
			start_round(1, 0);
			assert_eq!(<Bonding as BondedSupply<u128>>::bonded(), 0);
			start_round(2, 0);
			assert_eq!(<Bonding as BondedSupply<u128>>::bonded(), 150 * FLY);
		});
	}

	/// Bonding just before a round and unbonding just after moves no inflation rate: the
	/// bonded ratio counts the active set of the last round at the lower of its stake then
	/// and now; an inactive operator's stake does not count (Livepeer's active stake).
	#[test]
	fn the_bonded_ratio_counts_active_stake_in_place_since_the_last_round() {
		run(|| {
			register(OP_A, 10, 50);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 100 * FLY));
			mature_round_zero();
			start_round(2, 0);
			assert_eq!(<Bonding as BondedSupply<u128>>::bonded(), 100 * FLY);
			// A whale bonds a block before the round is read...
			assert_ok!(Bonding::bond(signed(BOB), OP_A, 900 * FLY));
			assert_eq!(<Bonding as BondedSupply<u128>>::bonded(), 100 * FLY);
			// ...and leaves after: its stake never counted.
			start_round(3, 0);
			assert_ok!(Bonding::unbond(signed(BOB), 900 * FLY));
			assert_eq!(<Bonding as BondedSupply<u128>>::bonded(), 100 * FLY);
			// A resigned operator's stake no longer counts.
			assert_ok!(Bonding::resign(signed(OP_A)));
			assert_eq!(<Bonding as BondedSupply<u128>>::bonded(), 0);
		});
	}

	/// Before: the ratio took the lower of the stake at the last round and now, two samples,
	/// so a bond away for the whole round (unbonded after the round, rebonded the block before
	/// the next) counted. Now every fall of an operator's stake lowers its snapshot.
	#[test]
	fn a_bond_away_for_the_round_moves_no_bonded_ratio() {
		run(|| {
			register(OP_A, 10, 50);
			register(OP_B, 10, 50);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 100 * FLY));
			assert_ok!(Bonding::bond(signed(BOB), OP_A, 900 * FLY));
			mature_round_zero();
			start_round(2, 0);
			assert_eq!(<Bonding as BondedSupply<u128>>::bonded(), 1_000 * FLY);
			// Bob leaves right after the round (all but a FLY) and comes back in its last block:
			// by a rebond...
			assert_ok!(Bonding::unbond(signed(BOB), 899 * FLY));
			assert_ok!(Bonding::rebond(signed(BOB), 0));
			assert_eq!(<Bonding as BondedSupply<u128>>::bonded(), 101 * FLY);
			start_round(3, 0);
			// ...or through another operator and back.
			assert_ok!(Bonding::redelegate(signed(BOB), OP_B));
			assert_ok!(Bonding::redelegate(signed(BOB), OP_A));
			assert_eq!(<Bonding as BondedSupply<u128>>::bonded(), 100 * FLY);
		});
	}

	#[test]
	fn bad_bonds_are_refused() {
		run(|| {
			register(OP_A, 10, 50);
			register(OP_B, 10, 50);
			assert_noop!(Bonding::bond(signed(ALICE), OP_A, 0), Err::ZeroAmount);
			// The bloat attempt: a dust delegation per account.
			assert_noop!(Bonding::bond(signed(ALICE), OP_A, MIN_BOND - 1), Err::BelowMinimum);
			assert_noop!(Bonding::bond(signed(ALICE), ALICE, FLY), Err::UnknownOperator);
			assert_noop!(Bonding::bond(signed(PAUPER), OP_A, FLY), Err::InsufficientBalance);
			assert_noop!(
				Bonding::bond(signed(ALICE), OP_A, ENDOWMENT + 1),
				Err::InsufficientBalance
			);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, FLY));
			assert_noop!(Bonding::bond(signed(ALICE), OP_B, FLY), Err::BondedElsewhere);
		});
	}

	#[test]
	fn unbond_then_withdraw_after_the_period() {
		run(|| {
			register(OP_A, 10, 50);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 100 * FLY));
			set_round(5);
			assert_ok!(Bonding::unbond(signed(ALICE), 40 * FLY));
			assert_eq!(
				last_event(),
				Event::Unbonded {
					delegator: ALICE,
					operator: OP_A,
					amount: 40 * FLY,
					lock_id: 0,
					withdraw_round: 5 + UNBONDING_PERIOD
				}
			);
			assert_eq!(stake(OP_A), 60 * FLY);
			assert_eq!(TotalBonded::<Test>::get(), 60 * FLY);
			// Still held while unbonding.
			assert_eq!(held(ALICE), 100 * FLY);
			set_round(5 + UNBONDING_PERIOD - 1);
			assert_noop!(Bonding::withdraw(signed(ALICE), 0), Err::LockNotRipe);
			set_round(5 + UNBONDING_PERIOD);
			assert_ok!(Bonding::withdraw(signed(ALICE), 0));
			assert_eq!(
				last_event(),
				Event::Withdrawn { delegator: ALICE, lock_id: 0, amount: 40 * FLY }
			);
			assert_eq!(held(ALICE), 60 * FLY);
			assert_eq!(Balances::balance(&ALICE), ENDOWMENT - 60 * FLY);
			assert_noop!(Bonding::withdraw(signed(ALICE), 0), Err::UnknownLock);
			assert!(!UnbondingLocks::<Test>::contains_key(ALICE));
		});
	}

	#[test]
	fn bad_unbonds_are_refused_and_a_full_lock_list_merges() {
		run(|| {
			register(OP_A, 10, 50);
			assert_noop!(Bonding::unbond(signed(ALICE), FLY), Err::NotBonded);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 10 * FLY));
			assert_noop!(Bonding::unbond(signed(ALICE), 0), Err::ZeroAmount);
			assert_noop!(Bonding::unbond(signed(ALICE), 10 * FLY + 1), Err::InsufficientBond);
			assert_ok!(Bonding::unbond(signed(ALICE), FLY));
			set_round(1);
			assert_ok!(Bonding::unbond(signed(ALICE), FLY));
			// Both locks are taken: the next unbond joins the last one, which then waits for the
			// later round (this unbond's).
			set_round(2);
			assert_ok!(Bonding::unbond(signed(ALICE), 2 * FLY));
			let ripe = 2 + UNBONDING_PERIOD;
			assert_eq!(
				last_event(),
				Event::Unbonded {
					delegator: ALICE,
					operator: OP_A,
					amount: 2 * FLY,
					lock_id: 1,
					withdraw_round: ripe
				}
			);
			let locks = UnbondingLocks::<Test>::get(ALICE).locks;
			assert_eq!(
				locks.iter().map(|l| (l.id, l.amount, l.withdraw_round)).collect::<Vec<_>>(),
				vec![(0, FLY, UNBONDING_PERIOD), (1, 3 * FLY, ripe)]
			);
			assert_eq!(held(ALICE), 10 * FLY);
		});
	}

	#[test]
	fn rebond_returns_a_lock_and_a_withdrawn_lock_cannot_be_rebonded() {
		run(|| {
			register(OP_A, 10, 50);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 10 * FLY));
			assert_ok!(Bonding::unbond(signed(ALICE), 3 * FLY));
			assert_ok!(Bonding::unbond(signed(ALICE), 2 * FLY));
			assert_ok!(Bonding::rebond(signed(ALICE), 0));
			assert_eq!(
				last_event(),
				Event::Rebonded { delegator: ALICE, operator: OP_A, lock_id: 0, amount: 3 * FLY }
			);
			assert_eq!(stake(OP_A), 8 * FLY);
			assert_noop!(Bonding::rebond(signed(ALICE), 0), Err::UnknownLock);
			set_round(UNBONDING_PERIOD);
			assert_ok!(Bonding::withdraw(signed(ALICE), 1));
			assert_noop!(Bonding::rebond(signed(ALICE), 1), Err::UnknownLock);
			assert_noop!(Bonding::rebond(signed(BOB), 0), Err::NotBonded);
		});
	}

	#[test]
	fn redelegate_moves_the_whole_bond() {
		run(|| {
			register(OP_A, 10, 50);
			register(OP_B, 10, 50);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 10 * FLY));
			assert_noop!(Bonding::redelegate(signed(ALICE), OP_A), Err::SameOperator);
			assert_noop!(Bonding::redelegate(signed(ALICE), BOB), Err::UnknownOperator);
			assert_noop!(Bonding::redelegate(signed(BOB), OP_B), Err::NotBonded);
			assert_ok!(Bonding::redelegate(signed(ALICE), OP_B));
			assert_eq!(
				last_event(),
				Event::Redelegated { delegator: ALICE, from: OP_A, to: OP_B, amount: 10 * FLY }
			);
			assert_eq!((stake(OP_A), stake(OP_B)), (0, 10 * FLY));
			assert_ok!(Bonding::bond(signed(BOB), OP_A, FLY));
			assert_ok!(Bonding::resign(signed(OP_A)));
			assert_noop!(Bonding::redelegate(signed(ALICE), OP_A), Err::OperatorResigned);
			// A resigned operator without stake is gone altogether.
			register(OP_C, 0, 0);
			assert_ok!(Bonding::resign(signed(OP_C)));
			assert!(!Operators::<Test>::contains_key(OP_C));
			assert_noop!(Bonding::redelegate(signed(ALICE), OP_C), Err::UnknownOperator);
		});
	}
}

mod rewards {
	use super::*;

	/// Livepeer's lock: an operator raises its cut (by the largest step allowed) one block before
	/// the round starts. The round pays the old terms; the raise applies one round later, and
	/// delegators had a whole round to see it and leave.
	#[test]
	fn a_cut_raised_in_the_last_block_takes_nothing_of_the_next_round() {
		run(|| {
			register(OP_A, 10, 50);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 100 * FLY));
			mature_round_zero();
			System::set_block_number(99);
			set_next_round_start(100);
			let raised = Perbill::from_percent(10) + MAX_TERMS_STEP;
			assert_ok!(Bonding::update_operator(signed(OP_A), raised, Perbill::from_percent(50)));
			assert!(matches!(last_event(), Event::OperatorUpdated { from_round: 3, .. }));
			System::set_block_number(100);
			set_next_round_start(200);
			start_round(2, 100 * FLY);
			// Round 2 paid the old 10% cut; the rest compounded into Alice's bond.
			assert_eq!(Bonding::claimable(&OP_A), 10 * FLY);
			assert_eq!(Bonding::bond_of(&ALICE), 190 * FLY);
			// A fee deposited in round 2 is shared by the old fee share too (claimable).
			assert_ok!(Bonding::deposit_fees(signed(BOB), OP_A, 10 * FLY));
			assert_eq!(Bonding::claimable(&ALICE), 5 * FLY);
			// From round 3 the new terms apply: a 20% cut.
			start_round(3, 100 * FLY);
			assert_eq!(Bonding::claimable(&OP_A), 35 * FLY);
			assert_eq!(Bonding::bond_of(&ALICE), 270 * FLY);
			assert_eq!(Bonding::claimable(&ALICE), 5 * FLY);
		});
	}

	/// Better terms changed before the lock period apply from the next round (worse ones, in
	/// either part, a round later: `terms::*`).
	#[test]
	fn terms_set_before_the_lock_apply_from_the_next_round() {
		run(|| {
			register(OP_A, 10, 50);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 100 * FLY));
			mature_round_zero();
			System::set_block_number(100 - TERMS_LOCK - 1);
			set_next_round_start(100);
			let share = Perbill::from_percent(50);
			assert_ok!(Bonding::update_operator(signed(OP_A), Perbill::zero(), share));
			assert!(matches!(last_event(), Event::OperatorUpdated { from_round: 2, .. }));
			start_round(2, 100 * FLY);
			assert_eq!(Bonding::bond_of(&ALICE), 200 * FLY);
		});
	}

	/// The worked example of the README: the split by stake, the cut kept as earnings, the
	/// rest compounded into the bonds (LIP-36), which leave by unbonding.
	#[test]
	fn a_round_is_shared_by_stake_and_compounds_into_the_bonds() {
		run(|| {
			register(OP_A, 10, 50);
			register(OP_B, 20, 50);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 300 * FLY));
			assert_ok!(Bonding::bond(signed(BOB), OP_A, 100 * FLY));
			assert_ok!(Bonding::bond(signed(CHARLIE), OP_B, 100 * FLY));
			mature_round_zero();
			start_round(2, 1_000 * FLY);
			assert_eq!(
				last_event(),
				Event::RewardsDistributed {
					round: 2,
					amount: 1_000 * FLY,
					operators: 2,
					unallocated: 0
				}
			);
			// A: 800 FLY, keeps 80, 720 compound onto its 400 FLY of bonds (factor × 2.8);
			// B: 200, keeps 40, 160 onto 100.
			assert_eq!(Bonding::bond_of(&ALICE), 840 * FLY);
			assert_eq!(Bonding::bond_of(&BOB), 280 * FLY);
			assert_eq!(Bonding::bond_of(&CHARLIE), 260 * FLY);
			assert_eq!((stake(OP_A), stake(OP_B)), (1_120 * FLY, 260 * FLY));
			assert_eq!(TotalBonded::<Test>::get(), 1_380 * FLY);
			assert_eq!(Bonding::claimable(&OP_A), 80 * FLY);
			assert_eq!(Bonding::claimable(&ALICE), 0);
			assert_noop!(Bonding::claim_earnings(signed(ALICE)), Err::NothingToClaim);
			// The compounded FLY moves from the pool into Alice's hold when her bond changes.
			let pool = Balances::balance(&Bonding::pool_account());
			assert_ok!(Bonding::unbond(signed(ALICE), 840 * FLY));
			assert_eq!(held(ALICE), 840 * FLY);
			assert_eq!(Balances::balance(&Bonding::pool_account()), pool - 540 * FLY);
			set_round(2 + UNBONDING_PERIOD);
			assert_ok!(Bonding::withdraw(signed(ALICE), 0));
			assert_eq!(Balances::balance(&ALICE), ENDOWMENT + 540 * FLY);
			assert_ok!(Bonding::claim_earnings(signed(OP_A)));
			assert_eq!(last_event(), Event::EarningsClaimed { who: OP_A, amount: 80 * FLY });
			assert_eq!(Bonding::claimable(&OP_A), 0);
		});
	}

	/// Rewards compound: each round's reward earns in the next. A bond joining later shares
	/// only the rounds after it matured; fees follow the compounded bonds.
	#[test]
	fn rewards_compound_and_a_later_bond_shares_only_later_rounds() {
		run(|| {
			register(OP_A, 0, 100);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 100 * FLY));
			mature_round_zero();
			start_round(2, 100 * FLY);
			assert_eq!(Bonding::bond_of(&ALICE), 200 * FLY);
			// Bob bonds in round 2: the split at round 3 pays for round 2 and leaves him out.
			assert_ok!(Bonding::bond(signed(BOB), OP_A, 100 * FLY));
			start_round(3, 100 * FLY);
			assert_eq!(Bonding::bond_of(&ALICE), 300 * FLY);
			assert_eq!(Bonding::bond_of(&BOB), 100 * FLY);
			start_round(4, 100 * FLY);
			assert_eq!(Bonding::bond_of(&ALICE), 375 * FLY);
			assert_eq!(Bonding::bond_of(&BOB), 125 * FLY);
			// The bonded ratio grows with the compounded rewards once a round has seen them.
			start_round(5, 0);
			assert_eq!(<Bonding as BondedSupply<u128>>::bonded(), 500 * FLY);
			assert_ok!(Bonding::deposit_fees(signed(CHARLIE), OP_A, 100 * FLY));
			assert_eq!(Bonding::claimable(&ALICE), 75 * FLY);
			assert_eq!(Bonding::claimable(&BOB), 25 * FLY);
			// Leaving keeps the fees claimable; the rest goes on compounding for Bob.
			assert_ok!(Bonding::unbond(signed(ALICE), 375 * FLY));
			start_round(6, 100 * FLY);
			assert_eq!(Bonding::bond_of(&BOB), 225 * FLY);
			assert_ok!(Bonding::claim_earnings(signed(ALICE)));
			assert_eq!(last_event(), Event::EarningsClaimed { who: ALICE, amount: 75 * FLY });
			assert!(!Delegations::<Test>::contains_key(ALICE));
		});
	}

	/// The flash bond: a whale bonds 90 times the honest stake in the last block of a round
	/// and unbonds right after its start. It earns nothing, and an honest delegator gets what it
	/// would have had without the whale; a flash bond to an idle operator does not buy it an
	/// active slot either.
	#[test]
	fn a_bond_made_just_before_a_round_takes_nothing_of_it() {
		let outcome = |attack: bool| {
			let mut out = (0, 0, Vec::new());
			run(|| {
				for op in [OP_A, OP_B, OP_C] {
					register(op, 10, 50);
				}
				assert_ok!(Bonding::bond(signed(ALICE), OP_A, 10 * FLY));
				assert_ok!(Bonding::bond(signed(CHARLIE), OP_B, 5 * FLY));
				assert_ok!(Bonding::bond(signed(OP_C), OP_C, FLY));
				register(20, 10, 50);
				mature_round_zero();
				if attack {
					assert_ok!(Bonding::bond(signed(BOB), OP_A, 900 * FLY));
					assert_ok!(Bonding::bond(signed(21), 20, 900 * FLY));
				}
				start_round(2, 100 * FLY);
				if attack {
					assert_eq!(Bonding::bond_of(&BOB), 900 * FLY);
					assert_ok!(Bonding::unbond(signed(BOB), 900 * FLY));
					assert_eq!(UnbondingLocks::<Test>::get(BOB).total(), 900 * FLY);
					assert_eq!(Bonding::claimable(&BOB), 0);
					assert!(!Delegations::<Test>::contains_key(BOB));
				}
				let active = ActiveSet::<Test>::get().into_iter().map(|(a, _)| a).collect();
				out = (Bonding::bond_of(&ALICE), Bonding::claimable(&OP_A), active);
			});
			out
		};
		let (honest, attacked) = (outcome(false), outcome(true));
		assert_eq!(attacked, honest);
		assert_eq!(honest.2, vec![OP_A, OP_B, OP_C]);
		assert!(honest.0 > 10 * FLY);
	}

	/// The hop: a delegator redelegates in the last block of a round to the operator about to
	/// pay. A redelegated bond is a new bond: it takes nothing of the next split and earns from
	/// the one after.
	#[test]
	fn a_bond_hopped_to_another_operator_waits_a_round() {
		run(|| {
			register(OP_A, 0, 0);
			register(OP_B, 0, 0);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 100 * FLY));
			assert_ok!(Bonding::bond(signed(CHARLIE), OP_B, 100 * FLY));
			mature_round_zero();
			start_round(2, 100 * FLY);
			assert_eq!(Bonding::bond_of(&ALICE), 150 * FLY);
			assert_ok!(Bonding::redelegate(signed(ALICE), OP_B));
			start_round(3, 100 * FLY);
			// B's whole part goes to the bond that was in place: Charlie's.
			assert_eq!(Bonding::bond_of(&ALICE), 150 * FLY);
			assert_eq!(Bonding::bond_of(&CHARLIE), 250 * FLY);
			start_round(4, 100 * FLY);
			assert_eq!(Bonding::bond_of(&ALICE), 187_500 * FLY / 1_000);
			assert_eq!(Bonding::bond_of(&CHARLIE), 312_500 * FLY / 1_000);
		});
	}

	#[test]
	fn only_the_top_operators_by_stake_are_active() {
		run(|| {
			for (i, op) in [20u64, 21, 22, OP_A].into_iter().enumerate() {
				register(op, 0, 0);
				assert_ok!(Bonding::bond(signed(op), op, (10 + i as u128) * FLY));
			}
			// OP_A (the most stake) resigned: the three others fill the three active slots.
			assert_ok!(Bonding::resign(signed(OP_A)));
			mature_round_zero();
			start_round(2, 33 * FLY);
			let active: Vec<_> = ActiveSet::<Test>::get().into_iter().map(|(a, _)| a).collect();
			assert_eq!(active, vec![22, 21, 20]);
			assert_eq!(Bonding::claimable(&OP_A), 0);
			// With all four in, the smallest (20) is left out once the new bond counts.
			register(23, 0, 0);
			assert_ok!(Bonding::bond(signed(ALICE), 23, 50 * FLY));
			start_round(3, FLY);
			let active: Vec<_> = ActiveSet::<Test>::get().into_iter().map(|(a, _)| a).collect();
			assert_eq!(active, vec![22, 21, 20]);
			start_round(4, FLY);
			let active: Vec<_> = ActiveSet::<Test>::get().into_iter().map(|(a, _)| a).collect();
			assert_eq!(active, vec![23, 22, 21]);
		});
	}

	#[test]
	fn without_active_stake_the_reward_waits_for_the_next_round() {
		run(|| {
			// Genesis endowed the pool with the existential deposit.
			assert_eq!(Balances::balance(&Bonding::pool_account()), ED);
			emit(10 * FLY);
			assert_eq!(Unallocated::<Test>::get(), 10 * FLY);
			assert_eq!(
				last_event(),
				Event::RewardsDistributed {
					round: 0,
					amount: 0,
					operators: 0,
					unallocated: 10 * FLY
				}
			);
			register(OP_A, 0, 0);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, FLY));
			// Round 1 pays for round 0, which the bond was not in place for.
			mature_round_zero();
			assert_eq!(Unallocated::<Test>::get(), 10 * FLY);
			start_round(2, 5 * FLY);
			assert_eq!(Unallocated::<Test>::get(), 0);
			assert_eq!(Bonding::bond_of(&ALICE), 16 * FLY);
		});
	}

	#[test]
	fn fees_are_shared_by_fee_share() {
		run(|| {
			register(OP_A, 0, 40);
			assert_noop!(Bonding::deposit_fees(signed(BOB), OP_A, 0), Err::ZeroAmount);
			assert_noop!(Bonding::deposit_fees(signed(BOB), ALICE, FLY), Err::UnknownOperator);
			assert_noop!(
				Bonding::deposit_fees(signed(PAUPER), OP_A, FLY),
				Err::InsufficientBalance
			);
			// Nothing bonded yet: all of it is the operator's.
			assert_ok!(Bonding::deposit_fees(signed(BOB), OP_A, 10 * FLY));
			assert_eq!(Bonding::claimable(&OP_A), 10 * FLY);
			// A bond still maturing shares no fees either.
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 100 * FLY));
			assert_ok!(Bonding::deposit_fees(signed(BOB), OP_A, 10 * FLY));
			assert_eq!(Bonding::claimable(&OP_A), 20 * FLY);
			mature_round_zero();
			assert_ok!(Bonding::deposit_fees(signed(BOB), OP_A, 10 * FLY));
			assert_eq!(
				last_event(),
				Event::FeesDeposited { payer: BOB, operator: OP_A, amount: 10 * FLY }
			);
			assert_eq!(Bonding::claimable(&ALICE), 4 * FLY);
			assert_eq!(Bonding::claimable(&OP_A), 26 * FLY);
			assert_eq!(Balances::balance(&BOB), ENDOWMENT - 30 * FLY);
		});
	}

	#[test]
	fn a_resigned_operator_is_removed_once_nothing_is_left() {
		run(|| {
			register(OP_A, 50, 0);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 10 * FLY));
			mature_round_zero();
			start_round(2, 10 * FLY);
			assert_ok!(Bonding::resign(signed(OP_A)));
			assert_eq!(Bonding::bond_of(&ALICE), 15 * FLY);
			assert_ok!(Bonding::unbond(signed(ALICE), 15 * FLY));
			// Its own 5 FLY of cut are still owed.
			assert!(Operators::<Test>::contains_key(OP_A));
			assert_ok!(Bonding::claim_earnings(signed(OP_A)));
			assert!(!Operators::<Test>::contains_key(OP_A));
			assert_noop!(Bonding::claim_earnings(signed(ALICE)), Err::NothingToClaim);
		});
	}

	/// Rounding dust of the compounding stays in the operator's stake while it has bonds and
	/// joins the next round's rewards with its last delegator: nothing is stranded.
	#[test]
	fn compounding_dust_returns_to_the_pot_with_the_last_delegator() {
		run(|| {
			register(OP_A, 0, 0);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, MIN_BOND));
			assert_ok!(Bonding::bond(signed(BOB), OP_A, MIN_BOND));
			mature_round_zero();
			start_round(2, 1);
			// 2,001 FLY-plancks of stake, 1,000 × 2,001/2,000 = 1,000.5 each, rounded down.
			assert_eq!(stake(OP_A), 2 * MIN_BOND + 1);
			assert_eq!((Bonding::bond_of(&ALICE), Bonding::bond_of(&BOB)), (MIN_BOND, MIN_BOND));
			assert_ok!(Bonding::unbond(signed(ALICE), MIN_BOND));
			assert_ok!(Bonding::unbond(signed(BOB), MIN_BOND));
			assert_eq!(stake(OP_A), 0);
			assert_eq!(Unallocated::<Test>::get(), 1);
			assert_eq!(TotalBonded::<Test>::get(), 0);
		});
	}
}

/// (b) Random sequences of bonds, unbonds, rebonds, withdrawals, redelegations, rewards, fees and
/// claims: the invariants hold after every step and nothing is paid out beyond what was minted
/// into the pool or deposited as fees.
mod random_sequences {
	use super::*;
	use frame_support::traits::fungible::Mutate;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Step {
		Bond(u8, u8, u16),
		Unbond(u8, u16),
		Rebond(u8, u8),
		Withdraw(u8, u8),
		Redelegate(u8, u8),
		Reward(u32),
		Fees(u8, u16),
		Claim(u8),
		Round,
		/// An operator changes its terms, possibly in the lock period before the round ends.
		Terms(u8, u8, bool),
		/// Someone tries to remove an operator (refused while it is in good standing).
		Remove(u8),
		/// The attacker's timing: a fresh account bonds in the last block of a round, the next
		/// round starts with a reward, and it unbonds at once.
		Flash(u8, u16, u32),
		/// An account registers (again) with a self-bond, evicting the lowest candidate when
		/// every slot is taken.
		Register(u8, u16),
		/// An operator resigns.
		Resign(u8),
		/// A resigned (or evicted) operator rejoins, bonding more to itself.
		Rejoin(u8, u16),
	}

	fn step() -> impl Strategy<Value = Step> {
		prop_oneof![
			(0u8..4, 0u8..3, 1u16..1_000).prop_map(|(d, o, a)| Step::Bond(d, o, a)),
			(0u8..4, 1u16..1_000).prop_map(|(d, a)| Step::Unbond(d, a)),
			(0u8..4, 0u8..3).prop_map(|(d, l)| Step::Rebond(d, l)),
			(0u8..4, 0u8..3).prop_map(|(d, l)| Step::Withdraw(d, l)),
			(0u8..4, 0u8..3).prop_map(|(d, o)| Step::Redelegate(d, o)),
			(1u32..1_000_000).prop_map(Step::Reward),
			(0u8..3, 1u16..1_000).prop_map(|(o, a)| Step::Fees(o, a)),
			(0u8..7).prop_map(Step::Claim),
			Just(Step::Round),
			(0u8..3, 0u8..=100, any::<bool>()).prop_map(|(o, c, late)| Step::Terms(o, c, late)),
			(0u8..3).prop_map(Step::Remove),
			(0u8..3, 1u16..1_000, 1u32..1_000_000).prop_map(|(o, a, r)| Step::Flash(o, a, r)),
			(0u8..6, 0u16..1_000).prop_map(|(o, a)| Step::Register(o, a)),
			(0u8..6).prop_map(Step::Resign),
			(0u8..6, 0u16..1_000).prop_map(|(o, a)| Step::Rejoin(o, a)),
		]
	}

	/// Who registers, resigns or rejoins: the three operators and three more, one more than the
	/// five slots hold (so registrations and rejoins evict).
	const REGISTRANTS: [AccountId; 6] = [OP_A, OP_B, OP_C, 22, 20, CHARLIE];

	const DELEGATORS: [AccountId; 4] = [ALICE, BOB, CHARLIE, 20];
	const OPS: [AccountId; 3] = [OP_A, OP_B, OP_C];

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(256))]
		#[test]
		fn never_pays_more_than_came_in(steps in proptest::collection::vec(step(), 1..60)) {
			new_test_ext().execute_with(|| {
				// Operators bond 1 FLY to themselves; two idle rounds make one removable.
				let rules = OperatorRules { min_self_bond: FLY, max_idle_rounds: 2 };
				assert_ok!(Bonding::set_operator_rules(RuntimeOrigin::root(), rules));
				register(OP_A, 10, 50);
				register(OP_B, 0, 100);
				register(OP_C, 100, 0);
				let mut came_in: u128 = 0;
				let mut paid: u128 = 0;
				let mut round = 0u32;
				// FLY of everyone taking part, the pool included: only rewards add to it.
				let everyone =
					[ALICE, BOB, CHARLIE, 20, 21, 22, OP_A, OP_B, OP_C, Bonding::pool_account()];
				let total = || everyone.iter().map(Balances::total_balance).sum::<u128>();
				let start = total();
				let mut fees_in: u128 = 0;
				for s in steps {
					match s {
						Step::Bond(d, o, a) => {
							let _ = Bonding::bond(signed(DELEGATORS[d as usize]), OPS[o as usize], u128::from(a) * FLY / 10);
						},
						Step::Unbond(d, a) => {
							let _ = Bonding::unbond(signed(DELEGATORS[d as usize]), u128::from(a) * FLY / 10);
						},
						Step::Rebond(d, l) => {
							let _ = Bonding::rebond(signed(DELEGATORS[d as usize]), u32::from(l));
						},
						Step::Withdraw(d, l) => {
							let _ = Bonding::withdraw(signed(DELEGATORS[d as usize]), u32::from(l));
						},
						Step::Redelegate(d, o) => {
							let _ = Bonding::redelegate(signed(DELEGATORS[d as usize]), OPS[o as usize]);
						},
						Step::Reward(amount) => {
							let amount = u128::from(amount) * 1_000_003;
							Balances::mint_into(&Bonding::pool_account(), amount).unwrap();
							<Bonding as EmissionSink<_, _>>::note_emission(amount);
							came_in += amount;
						},
						Step::Fees(o, a) => {
							let amount = u128::from(a) * 7_777_777;
							if Bonding::deposit_fees(signed(CHARLIE), OPS[o as usize], amount).is_ok() {
								came_in += amount;
								fees_in += amount;
							}
						},
						Step::Claim(who) => {
							let who = if who < 4 { DELEGATORS[who as usize] } else { OPS[(who - 4) as usize] };
							let before = Balances::balance(&who);
							if Bonding::claim_earnings(signed(who)).is_ok() {
								paid += Balances::balance(&who) - before;
							}
						},
						Step::Terms(o, cut, late) => {
							let now = System::block_number();
							set_next_round_start(now as u32 + if late { 1 } else { 100 });
							let cut = Perbill::from_percent(u32::from(cut));
							let _ = Bonding::update_operator(signed(OPS[o as usize]), cut, cut);
						},
						Step::Remove(o) => {
							let _ = Bonding::remove_operator(signed(ALICE), OPS[o as usize]);
						},
						Step::Round => {
							round += 1;
							set_round(round);
						},
						Step::Register(o, a) => {
							let self_bond = FLY + u128::from(a) * FLY / 10;
							let who = REGISTRANTS[o as usize];
							let zero = Perbill::zero();
							let _ = Bonding::register_operator(signed(who), zero, zero, self_bond);
						},
						Step::Resign(o) => {
							let _ = Bonding::resign(signed(REGISTRANTS[o as usize]));
						},
						Step::Rejoin(o, a) => {
							let more = u128::from(a) * FLY / 10;
							let _ = Bonding::rejoin(signed(REGISTRANTS[o as usize]), more);
						},
						Step::Flash(o, a, reward) => {
							let (flash, amount) = (21, u128::from(a) * FLY);
							let held_before = held(flash);
							if !Delegations::<Test>::contains_key(flash)
								&& UnbondingLocks::<Test>::get(flash).locks.len() < 2
								&& Bonding::bond(signed(flash), OPS[o as usize], amount).is_ok()
							{
								round += 1;
								set_round(round);
								let reward = u128::from(reward) * 1_000_003;
								Balances::mint_into(&Bonding::pool_account(), reward).unwrap();
								<Bonding as EmissionSink<_, _>>::note_emission(reward);
								came_in += reward;
								prop_assert_eq!(Bonding::bond_of(&flash), amount);
								prop_assert_eq!(Bonding::claimable(&flash), 0);
								assert_ok!(Bonding::unbond(signed(flash), amount));
								prop_assert_eq!(held(flash), held_before + amount);
								prop_assert!(!Delegations::<Test>::contains_key(flash));
							}
						},
					}
					Bonding::do_try_state().expect("invariants hold after every step");
					prop_assert!(paid <= came_in);
					// No FLY made or lost: everyone's FLY grew by the rewards minted alone.
					let minted = came_in - fees_in;
					prop_assert_eq!(total(), start + minted);
					prop_assert!(Balances::balance(&Bonding::pool_account()) >= ED);
				}
				Ok(())
			})?;
		}
	}
}

#[test]
fn genesis_registers_operators_and_bonds_delegators() {
	use sp_runtime::BuildStorage;
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(OP_A, ENDOWMENT), (ALICE, ENDOWMENT), (BOB, ENDOWMENT)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	crate::GenesisConfig::<Test> {
		operators: vec![(OP_A, Perbill::from_percent(10), Perbill::from_percent(50))],
		bonds: vec![(OP_A, OP_A, 100 * FLY), (ALICE, OP_A, 300 * FLY), (BOB, OP_A, 200 * FLY)],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		let op = Operators::<Test>::get(OP_A).expect("registered at genesis");
		assert_eq!((op.stake, op.reward_cut), (600 * FLY, Perbill::from_percent(10)));
		assert_eq!(TotalBonded::<Test>::get(), 600 * FLY);
		assert_eq!(held(ALICE), 300 * FLY);
		assert_eq!(
			Delegations::<Test>::get(BOB).map(|d| (d.operator, d.bonded)),
			Some((OP_A, 200 * FLY))
		);
		assert_eq!(Balances::balance(&Bonding::pool_account()), ED);
		Bonding::do_try_state().expect("invariants hold at genesis");
	});
}

#[test]
#[should_panic(expected = "genesis bond")]
fn genesis_refuses_a_bond_to_an_unknown_operator() {
	use sp_runtime::BuildStorage;
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, ENDOWMENT)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let _ = crate::GenesisConfig::<Test> { operators: vec![], bonds: vec![(ALICE, OP_A, FLY)] }
		.assimilate_storage(&mut storage);
}

mod migration {
	use super::*;
	use crate::migrations::{
		v1::{v0, MigrateToV1},
		v2::{v1, MigrateToV2},
		v3::MigrateToV3,
	};
	use frame_support::{
		storage::unhashed,
		traits::{fungible::Mutate, GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	};
	use sp_runtime::FixedU128;

	/// A v0 chain (additive factors) upgraded through v1 and v2 to v3: what each bond had
	/// earned becomes claimable, stakes and holds stay, the factors restart, the operator becomes
	/// a candidate, and a second run changes nothing.
	#[test]
	fn v0_state_migrates_through_v1_v2_to_v3_once() {
		run(|| {
			register(OP_A, 10, 50);
			assert_ok!(Bonding::bond(signed(ALICE), OP_A, 300 * FLY));
			assert_ok!(Bonding::bond(signed(BOB), OP_A, 100 * FLY));
			// v0 state: factor 1.8 for rewards, 0.1 for fees; Bob joined at 0.8. The pool holds
			// what they are owed (570 + 110) and the operator's 20 of earnings.
			let op = v0::OperatorInfo {
				stake: 400 * FLY,
				reward_cut: Perbill::from_percent(10),
				fee_share: Perbill::from_percent(50),
				reward_factor: FixedU128::from_rational(18, 10),
				fee_factor: FixedU128::from_rational(1, 10),
				earnings: 20 * FLY,
				resigned: false,
			};
			unhashed::put(&Operators::<Test>::hashed_key_for(OP_A), &op);
			let bond = |bonded, reward_factor| v1::Delegation {
				operator: OP_A,
				bonded,
				reward_factor,
				fee_factor: FixedU128::from_inner(0),
				pending: 0,
			};
			let alice = bond(300 * FLY, FixedU128::from_inner(0));
			let bob = bond(100 * FLY, FixedU128::from_rational(8, 10));
			unhashed::put(&Delegations::<Test>::hashed_key_for(ALICE), &alice);
			unhashed::put(&Delegations::<Test>::hashed_key_for(BOB), &bob);
			assert_ok!(Balances::mint_into(&Bonding::pool_account(), 700 * FLY));
			StorageVersion::new(0).put::<Bonding>();
			// Before v3 there was no candidate list.
			Candidates::<Test>::kill();
			set_round(7);

			MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(Bonding::on_chain_storage_version(), StorageVersion::new(1));
			MigrateToV2::<Test>::on_runtime_upgrade();
			assert_eq!(Bonding::on_chain_storage_version(), StorageVersion::new(2));

			let op = Operators::<Test>::get(OP_A).expect("migrated");
			assert_eq!((op.stake, op.earnings, op.delegators), (400 * FLY, 20 * FLY, 2));
			assert_eq!(
				(op.reward_factor, op.fee_factor),
				(FixedU128::from_u32(1), FixedU128::from_inner(0))
			);
			assert_eq!(op.last_active_round, 7);
			assert_eq!(Bonding::claimable(&ALICE), 570 * FLY);
			assert_eq!(Bonding::claimable(&BOB), 110 * FLY);
			assert_eq!((Bonding::bond_of(&ALICE), Bonding::bond_of(&BOB)), (300 * FLY, 100 * FLY));
			Bonding::try_state_bonds().expect("the bonds' invariants hold after v2");
			MigrateToV3::<Test>::on_runtime_upgrade();
			assert_eq!(Bonding::on_chain_storage_version(), StorageVersion::new(3));
			assert_eq!(Candidates::<Test>::get().into_inner(), vec![OP_A]);
			Bonding::do_try_state().expect("invariants hold after the migrations");
			let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
			MigrateToV1::<Test>::on_runtime_upgrade();
			MigrateToV2::<Test>::on_runtime_upgrade();
			MigrateToV3::<Test>::on_runtime_upgrade();
			assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
			// The bonds count at once and compound from the next round on.
			assert_ok!(Bonding::claim_earnings(signed(ALICE)));
			assert_eq!(last_event(), Event::EarningsClaimed { who: ALICE, amount: 570 * FLY });
			start_round(8, 100 * FLY);
			assert_eq!(Bonding::bond_of(&ALICE), 300 * FLY + 90 * FLY * 3 / 4);
		});
	}

	/// A v2 chain whose slots were held by resigned records: v3 lists only the operators in
	/// standing (in account order), so the resigned ones stop holding slots, and nothing bonded
	/// moves.
	#[test]
	fn v3_lists_the_operators_in_standing_only() {
		run(|| {
			for op in [22u64, OP_A, 20, OP_B, 21] {
				register(op, 0, 0);
				assert_ok!(Bonding::bond(signed(op), op, FLY));
			}
			assert_ok!(Bonding::resign(signed(20)));
			assert_ok!(Bonding::resign(signed(OP_B)));
			let bonded = TotalBonded::<Test>::get();
			Candidates::<Test>::kill();
			StorageVersion::new(2).put::<Bonding>();
			MigrateToV3::<Test>::on_runtime_upgrade();
			assert_eq!(Candidates::<Test>::get().into_inner(), vec![OP_A, 21, 22]);
			assert_eq!(TotalBonded::<Test>::get(), bonded);
			assert_eq!(Bonding::on_chain_storage_version(), StorageVersion::new(3));
			// Two slots are free again.
			assert_ok!(try_register(OP_C));
			assert_ok!(try_register(ALICE));
		});
	}
}
