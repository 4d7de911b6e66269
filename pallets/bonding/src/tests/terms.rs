// SPDX-License-Identifier: Apache-2.0
//! Terms cannot be switched on bonded delegators (issue #32): a change for the worse moves by a
//! bounded step, applies a full round after it is announced, and cannot replace a better change
//! that is pending.

use super::*;

fn pct(p: u32) -> Perbill {
	Perbill::from_percent(p)
}

/// The bait and switch: an operator advertises a 0% cut from the next round, collects bonds,
/// then tries to switch to 100% at once, at the lock's start and by steps. The victims' bonds
/// earn exactly what the advertised terms promised for every round they stayed, and a victim who
/// leaves once the raise is announced keeps the round in progress.
#[test]
fn bait_and_switch_pays_the_victims_what_was_advertised() {
	run(|| {
		register(OP_A, 10, 50);
		System::set_block_number(10);
		set_next_round_start(100);
		assert_ok!(Bonding::update_operator(signed(OP_A), pct(0), pct(50)));
		assert_eq!(
			last_event(),
			Event::OperatorUpdated {
				operator: OP_A,
				reward_cut: pct(0),
				fee_share: pct(50),
				from_round: 1
			}
		);
		// The victims bond in round 0, trusting the advertised 0%.
		assert_ok!(Bonding::bond(signed(ALICE), OP_A, 100 * FLY));
		assert_ok!(Bonding::bond(signed(BOB), OP_A, 100 * FLY));
		// The switch, while the 0% is pending: refused in and before the lock period.
		for block in [50, 100 - TERMS_LOCK] {
			System::set_block_number(block);
			assert_noop!(
				Bonding::update_operator(signed(OP_A), pct(100), pct(50)),
				Err::TermsPending
			);
			assert_noop!(
				Bonding::update_operator(signed(OP_A), pct(10), pct(50)),
				Err::TermsPending
			);
			assert_noop!(
				Bonding::update_operator(signed(OP_A), pct(0), pct(40)),
				Err::TermsPending
			);
		}
		// Round 1 starts: the 0% is due; the victims' bonds count from the next split.
		System::set_block_number(100);
		set_next_round_start(200);
		start_round(1, 0);
		// From 0%, in one step to 100%: refused; the largest step is announced for round 3.
		assert_noop!(
			Bonding::update_operator(signed(OP_A), pct(100), pct(50)),
			Err::TermsStepTooLarge
		);
		assert_noop!(
			Bonding::update_operator(signed(OP_A), pct(0), pct(39)),
			Err::TermsStepTooLarge
		);
		assert_ok!(Bonding::update_operator(signed(OP_A), MAX_TERMS_STEP, pct(50)));
		assert!(matches!(last_event(), Event::OperatorUpdated { from_round: 3, .. }));
		// A second raise waits for the first to apply.
		assert_noop!(
			Bonding::update_operator(signed(OP_A), MAX_TERMS_STEP + pct(1), pct(50)),
			Err::TermsPending
		);
		// Round 2 pays round 1 at the advertised 0%: everything compounds into the bonds.
		System::set_block_number(200);
		set_next_round_start(300);
		start_round(2, 200 * FLY);
		assert_eq!(Bonding::bond_of(&ALICE), 200 * FLY);
		assert_eq!(Bonding::bond_of(&BOB), 200 * FLY);
		assert_eq!(Bonding::claimable(&OP_A), 0);
		// Bob leaves before the raise pays, with round 1's earnings.
		assert_ok!(Bonding::unbond(signed(BOB), 200 * FLY));
		assert_eq!(UnbondingLocks::<Test>::get(BOB).total(), 200 * FLY);
		// Round 3 pays round 2 at the announced 10%; Alice stayed knowing it.
		start_round(3, 100 * FLY);
		assert_eq!(Bonding::claimable(&OP_A), 10 * FLY);
		assert_eq!(Bonding::bond_of(&ALICE), 290 * FLY);
	});
}

/// Better terms apply from the next round and may replace a pending raise; terms replacing
/// pending ones apply no later than those would have, so re-announcing them in every lock
/// window cannot postpone an advertised lower cut for ever.
#[test]
fn better_terms_apply_sooner_and_cannot_be_postponed() {
	run(|| {
		register(OP_A, 10, 50);
		System::set_block_number(10);
		set_next_round_start(100);
		assert_ok!(Bonding::update_operator(signed(OP_A), pct(15), pct(45)));
		assert!(matches!(last_event(), Event::OperatorUpdated { from_round: 2, .. }));
		// A smaller raise replaces the pending one (better for delegators than it).
		assert_ok!(Bonding::update_operator(signed(OP_A), pct(12), pct(50)));
		assert!(matches!(last_event(), Event::OperatorUpdated { from_round: 2, .. }));
		// Terms no worse than the current ones replace it from the next round.
		assert_ok!(Bonding::update_operator(signed(OP_A), pct(5), pct(60)));
		assert!(matches!(last_event(), Event::OperatorUpdated { from_round: 1, .. }));
		// Re-announced (even better) within the lock period, they still apply from round 1.
		System::set_block_number(100 - TERMS_LOCK);
		assert_ok!(Bonding::update_operator(signed(OP_A), pct(5), pct(70)));
		assert!(matches!(last_event(), Event::OperatorUpdated { from_round: 1, .. }));
		set_round(1);
		assert_ok!(Bonding::deposit_fees(signed(BOB), OP_A, FLY));
		let op = Operators::<Test>::get(OP_A).unwrap();
		assert_eq!((op.reward_cut, op.fee_share, op.next_terms), (pct(5), pct(70), None));
	});
}
