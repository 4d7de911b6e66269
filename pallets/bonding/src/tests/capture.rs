// SPDX-License-Identifier: Apache-2.0
//! Operator slots cannot be held without stake (issue #32): resigned records hold no slot, a
//! newcomer with more stake evicts the lowest candidate, and governance can remove any operator,
//! resigned or with every unbonding lock taken.

use super::*;
use frame_support::traits::fungible::Mutate;

const MIN_SELF_BOND: u128 = 10 * FLY;
const WHALE: AccountId = 5_000;

/// The rules a test starts under (as a genesis would set them: no grace period).
fn rules(min_self_bond: u128) {
	Rules::<Test>::put(OperatorRules { min_self_bond, max_idle_rounds: MAX_IDLE_ROUNDS });
}

/// Governance sets the rules.
fn set_rules(min_self_bond: u128) {
	let rules = OperatorRules { min_self_bond, max_idle_rounds: MAX_IDLE_ROUNDS };
	assert_ok!(Bonding::set_operator_rules(RuntimeOrigin::root(), rules));
	assert_eq!(last_event(), Event::OperatorRulesSet { rules });
}

fn fund(who: AccountId, amount: u128) {
	assert_ok!(Balances::mint_into(&who, amount));
}

fn candidates() -> Vec<AccountId> {
	Candidates::<Test>::get().into_inner()
}

/// `who` registers, resigns and unbonds all but the least bond it may keep (`MinBond`: a
/// planck, as in the attack, is refused): the squatter, whose record stays with that stake.
fn squat(who: AccountId) {
	fund(who, 100 * FLY);
	assert_ok!(try_register(who));
	assert_ok!(Bonding::resign(signed(who)));
	assert_noop!(Bonding::unbond(signed(who), MIN_SELF_BOND - 1), Err::DustBond);
	assert_ok!(Bonding::unbond(signed(who), MIN_SELF_BOND - MIN_BOND));
}

/// SMALL's stake on OP_B: the least delegation.
const SMALL: AccountId = 30;

/// A full pool (`MAX_OPERATORS` = 5 candidates at the minimum self-bond), each candidate with a
/// delegator; OP_B's (SMALL's `MinBond`) is the smallest, so OP_B is the lowest.
fn full_pool_with_op_b_lowest() {
	rules(MIN_SELF_BOND);
	for op in [20u64, 21, 22, OP_A, OP_B] {
		assert_ok!(try_register(op));
	}
	assert_ok!(Bonding::bond(signed(ALICE), 20, 5 * FLY));
	assert_ok!(Bonding::bond(signed(BOB), 21, 5 * FLY));
	assert_ok!(Bonding::bond(signed(CHARLIE), 22, 5 * FLY));
	assert_ok!(Bonding::bond(signed(OP_A), OP_A, 5 * FLY));
	fund(SMALL, FLY);
	assert_ok!(Bonding::bond(signed(SMALL), OP_B, MIN_BOND));
}

/// 64 resigned squatters with dust each and an operator with every unbonding lock taken
/// do not keep out an operator bonding 200,000 FLY: the squatters hold no slot, the pool's
/// lowest candidate is evicted, and governance removes each squatter and the full-locks
/// operator (its self-bond joins its last lock).
#[test]
fn resigned_squatters_and_full_locks_do_not_keep_a_whale_out() {
	run(|| {
		rules(MIN_SELF_BOND);
		let squatters: Vec<AccountId> = (1_000..1_064).collect();
		squatters.iter().for_each(|s| squat(*s));
		set_round(UNBONDING_PERIOD);
		for s in &squatters {
			assert_ok!(Bonding::withdraw(signed(*s), 0));
			assert_eq!(Bonding::self_bond(s), MIN_BOND);
		}
		assert_eq!(Operators::<Test>::count(), 64);
		assert!(candidates().is_empty());
		// The pool fills with four minimum candidates and one that takes every lock.
		const FULL: AccountId = 3_000;
		for op in [2_000u64, 2_001, 2_002, 2_003] {
			fund(op, 100 * FLY);
			assert_ok!(try_register(op));
		}
		fund(FULL, 100 * FLY);
		assert_ok!(Bonding::register_operator(
			signed(FULL),
			Perbill::zero(),
			Perbill::zero(),
			MIN_SELF_BOND + 4 * FLY
		));
		assert_ok!(Bonding::unbond(signed(FULL), FLY));
		assert_ok!(Bonding::unbond(signed(FULL), FLY));
		assert_eq!(UnbondingLocks::<Test>::get(FULL).locks.len(), 2);
		assert_eq!(candidates().len(), MAX_OPERATORS as usize);

		fund(WHALE, 300_000 * FLY);
		assert_ok!(Bonding::register_operator(
			signed(WHALE),
			Perbill::zero(),
			Perbill::zero(),
			200_000 * FLY
		));
		// The lowest stake, the later registered of the four tied at the minimum, resigned.
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Bonding(Event::OperatorEvicted {
				operator: 2_003,
				by: WHALE,
				stake: MIN_SELF_BOND
			})));
		assert!(Operators::<Test>::get(2_003).unwrap().resigned);
		assert_eq!(candidates(), vec![2_000, 2_001, 2_002, FULL, WHALE]);
		// From the next round start after its bond's round, the whale leads the active set.
		start_round(UNBONDING_PERIOD + 1, 0);
		start_round(UNBONDING_PERIOD + 2, 0);
		assert_eq!(ActiveSet::<Test>::get()[0], (WHALE, 200_000 * FLY));

		// Anyone may remove a squatter (its dust is below the minimum), governance each.
		assert_ok!(Bonding::remove_operator(signed(ALICE), squatters[0]));
		for s in &squatters[1..] {
			assert_ok!(Bonding::remove_operator(RuntimeOrigin::root(), *s));
			assert_eq!(last_event(), Event::OperatorRemoved { operator: *s, by_governance: true });
		}
		for s in &squatters {
			assert!(!Operators::<Test>::contains_key(s));
			assert_eq!(UnbondingLocks::<Test>::get(s).total(), MIN_BOND);
		}
		// With both locks taken, the removal's unbonding joins the last lock.
		assert_ok!(Bonding::remove_operator(RuntimeOrigin::root(), FULL));
		let locks = UnbondingLocks::<Test>::get(FULL).locks;
		assert_eq!(locks.len(), 2);
		assert_eq!(locks[1].amount, FLY + MIN_SELF_BOND + 2 * FLY);
		assert_eq!(locks[1].withdraw_round, UNBONDING_PERIOD + 2 + UNBONDING_PERIOD);
		assert_eq!(held(FULL), MIN_SELF_BOND + 4 * FLY);
		assert!(!candidates().contains(&FULL));
		// A squatter's record is gone with its dust.
		assert_noop!(
			Bonding::remove_operator(RuntimeOrigin::root(), squatters[0]),
			Err::UnknownOperator
		);
	});
}

/// A newcomer must offer more than the lowest candidate's whole stake (its delegators'
/// included): an equal offer is refused, state unchanged. The evicted operator's delegators
/// keep their bonds and may move them.
#[test]
fn a_newcomer_must_offer_more_than_the_lowest_stake() {
	run(|| {
		full_pool_with_op_b_lowest();
		let lowest = MIN_SELF_BOND + MIN_BOND;
		let offer = |amount| {
			Bonding::register_operator(signed(OP_C), Perbill::zero(), Perbill::zero(), amount)
		};
		assert_noop!(offer(lowest), Err::TooManyOperators);
		assert_noop!(offer(MIN_SELF_BOND - 1), Err::BelowMinSelfBond);
		assert_ok!(offer(lowest + 1));
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Bonding(Event::OperatorEvicted {
				operator: OP_B,
				by: OP_C,
				stake: lowest
			})));
		assert!(Operators::<Test>::get(OP_B).unwrap().resigned);
		assert_eq!(candidates(), vec![20, 21, 22, OP_A, OP_C]);
		// The evicted operator takes no new bonds; its delegator moves, its own bond leaves.
		assert_noop!(Bonding::bond(signed(OP_C), OP_B, FLY), Err::OperatorResigned);
		assert_ok!(Bonding::redelegate(signed(SMALL), OP_A));
		assert_eq!(Bonding::bond_of(&SMALL), MIN_BOND);
		assert_ok!(Bonding::unbond(signed(OP_B), MIN_SELF_BOND));
		assert!(!Operators::<Test>::contains_key(OP_B));
	});
}

/// The same slot through the other ways out: a candidate that resigns or is removed frees its
/// slot at once; one that unbonds or redelegates its self-bond to dust keeps a slot only until
/// anyone removes it or a newcomer with more than its dust evicts it.
#[test]
fn dust_candidates_hold_no_slot_against_anyone() {
	run(|| {
		rules(MIN_SELF_BOND);
		for op in [20u64, 21, 22, OP_A, OP_B] {
			assert_ok!(try_register(op));
		}
		assert_ok!(Bonding::bond(signed(CHARLIE), 20, 5 * FLY));
		assert_ok!(Bonding::resign(signed(20)));
		assert_eq!(candidates(), vec![21, 22, OP_A, OP_B]);
		assert_ok!(try_register(OP_C));
		// 21 unbonds to dust (the least it may keep); 22 moves its self-bond to OP_A.
		assert_noop!(Bonding::unbond(signed(21), MIN_SELF_BOND - 1), Err::DustBond);
		assert_ok!(Bonding::unbond(signed(21), MIN_SELF_BOND - MIN_BOND));
		assert_ok!(Bonding::redelegate(signed(22), OP_A));
		assert_eq!(Bonding::self_bond(&22), 0);
		// Anyone removes 22 (no self-bond left); a newcomer with the minimum evicts 21 (dust
		// of stake), not an operator in good standing.
		assert_ok!(Bonding::remove_operator(signed(ALICE), 22));
		assert_eq!(last_event(), Event::OperatorRemoved { operator: 22, by_governance: false });
		assert!(!Operators::<Test>::contains_key(22));
		assert_ok!(try_register(ALICE));
		assert_ok!(try_register(BOB));
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Bonding(Event::OperatorEvicted {
				operator: 21,
				by: BOB,
				stake: MIN_BOND
			})));
		assert_eq!(candidates(), vec![OP_A, OP_B, OP_C, ALICE, BOB]);
		// A resigned record kept by its delegator, with no self-bond left: nothing to remove.
		assert_ok!(Bonding::unbond(signed(20), MIN_SELF_BOND));
		assert!(Operators::<Test>::contains_key(20));
		assert_noop!(Bonding::remove_operator(RuntimeOrigin::root(), 20), Err::NothingToRemove);
	});
}

/// Governance raises `min_self_bond`: new registrations need it at once, but anyone may remove
/// an operator below it only after `RulesGracePeriod` rounds (governance at any time); a
/// lowered minimum applies at once, and a change that tightens nothing starts no new grace.
#[test]
fn a_raised_minimum_gives_operators_time_to_bond_more() {
	run(|| {
		rules(MIN_SELF_BOND);
		assert_ok!(try_register(OP_A));
		assert_ok!(try_register(OP_B));
		set_round(1);
		set_rules(2 * MIN_SELF_BOND);
		let before =
			OperatorRules { min_self_bond: MIN_SELF_BOND, max_idle_rounds: MAX_IDLE_ROUNDS };
		assert_eq!(RulesGrace::<Test>::get(), Some((before, 1 + RULES_GRACE)));
		assert_noop!(
			Bonding::register_operator(
				signed(OP_C),
				Perbill::zero(),
				Perbill::zero(),
				MIN_SELF_BOND
			),
			Err::BelowMinSelfBond
		);
		assert_noop!(Bonding::remove_operator(signed(ALICE), OP_A), Err::OperatorInGoodStanding);
		set_round(RULES_GRACE);
		assert_noop!(Bonding::remove_operator(signed(ALICE), OP_A), Err::OperatorInGoodStanding);
		// The same rules again tighten nothing: the grace does not restart.
		set_rules(2 * MIN_SELF_BOND);
		assert_eq!(RulesGrace::<Test>::get(), Some((before, 1 + RULES_GRACE)));
		// OP_B bonds up in time; OP_A does not.
		assert_ok!(Bonding::bond(signed(OP_B), OP_B, MIN_SELF_BOND));
		set_round(1 + RULES_GRACE);
		assert_noop!(Bonding::remove_operator(signed(ALICE), OP_B), Err::OperatorInGoodStanding);
		assert_ok!(Bonding::remove_operator(signed(ALICE), OP_A));
		// Lowered, the minimum binds at once; raised again, a new grace starts from the lower.
		set_rules(MIN_SELF_BOND / 2);
		assert_eq!(Bonding::removal_rules(1 + RULES_GRACE).min_self_bond, MIN_SELF_BOND / 2);
		set_rules(3 * MIN_SELF_BOND);
		let lowered = OperatorRules { min_self_bond: MIN_SELF_BOND / 2, ..before };
		assert_eq!(RulesGrace::<Test>::get(), Some((lowered, 1 + 2 * RULES_GRACE)));
		assert_noop!(Bonding::remove_operator(signed(ALICE), OP_B), Err::OperatorInGoodStanding);
		assert_ok!(Bonding::remove_operator(RuntimeOrigin::root(), OP_B));
	});
}

/// The same through the other rule: governance lowers `max_idle_rounds` to zero; anyone may
/// remove an idle operator under it only after the grace period.
#[test]
fn a_lowered_idle_limit_gives_operators_time_too() {
	run(|| {
		rules(MIN_SELF_BOND);
		assert_ok!(try_register(OP_A));
		set_round(2);
		let strict = OperatorRules { min_self_bond: MIN_SELF_BOND, max_idle_rounds: 0 };
		assert_ok!(Bonding::set_operator_rules(RuntimeOrigin::root(), strict));
		assert_noop!(Bonding::remove_operator(signed(ALICE), OP_A), Err::OperatorInGoodStanding);
		set_round(2 + RULES_GRACE);
		assert_ok!(Bonding::remove_operator(signed(ALICE), OP_A));
	});
}

/// Before: eviction (or a resignation) was for good while the record lived: a legitimate
/// operator pushed out by a newcomer bonding a little more (who may leave again at once) could
/// not come back until every delegator had left it. Now it rejoins with its terms when its
/// stake beats the lowest candidate's, evicting that one in turn.
#[test]
fn an_evicted_operator_rejoins_when_its_stake_beats_the_lowest() {
	run(|| {
		full_pool_with_op_b_lowest();
		// OP_C evicts OP_B (the lowest): OP_B's delegator is still bonded to it.
		assert_ok!(Bonding::register_operator(
			signed(OP_C),
			Perbill::zero(),
			Perbill::zero(),
			MIN_SELF_BOND + 2 * MIN_BOND
		));
		assert!(Operators::<Test>::get(OP_B).unwrap().resigned);
		assert_noop!(try_register(OP_B), Err::AlreadyOperator);
		// With every slot taken, its stake as it is does not beat OP_C's.
		assert_noop!(Bonding::rejoin(signed(OP_B), 0), Err::TooManyOperators);
		assert_ok!(Bonding::rejoin(signed(OP_B), 5 * FLY));
		assert_eq!(
			last_event(),
			Event::Bonded { delegator: OP_B, operator: OP_B, amount: 5 * FLY }
		);
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Bonding(Event::OperatorRejoined {
				operator: OP_B,
				self_bond: 5 * FLY
			})));
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Bonding(Event::OperatorEvicted {
				operator: OP_C,
				by: OP_B,
				stake: MIN_SELF_BOND + 2 * MIN_BOND
			})));
		let op_b = Operators::<Test>::get(OP_B).unwrap();
		assert!(!op_b.resigned);
		assert_eq!(op_b.stake, MIN_SELF_BOND + MIN_BOND + 5 * FLY);
		assert!(candidates().contains(&OP_B) && !candidates().contains(&OP_C));
		// Its delegator never moved and may bond more again.
		assert_ok!(Bonding::bond(signed(SMALL), OP_B, MIN_BOND));
	});
}

/// Rejoining is for resigned operators with the minimum self-bond; every refusal leaves
/// everything as it was.
#[test]
fn bad_rejoins_change_nothing() {
	run(|| {
		rules(MIN_SELF_BOND);
		assert_noop!(Bonding::rejoin(signed(OP_A), MIN_SELF_BOND), Err::NotOperator);
		assert_ok!(try_register(OP_A));
		assert_noop!(Bonding::rejoin(signed(OP_A), 0), Err::NotResigned);
		assert_ok!(Bonding::bond(signed(ALICE), OP_A, 5 * FLY));
		assert_ok!(Bonding::resign(signed(OP_A)));
		assert_ok!(Bonding::unbond(signed(OP_A), MIN_SELF_BOND));
		// Its delegator keeps the record; its own bond is gone.
		assert_noop!(Bonding::rejoin(signed(OP_A), MIN_SELF_BOND - 1), Err::BelowMinSelfBond);
		assert_ok!(Bonding::rejoin(signed(OP_A), MIN_SELF_BOND));
		assert_eq!(Bonding::self_bond(&OP_A), MIN_SELF_BOND);
		assert_eq!(candidates(), vec![OP_A]);
	});
}
