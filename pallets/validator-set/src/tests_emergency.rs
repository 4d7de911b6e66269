// SPDX-License-Identifier: Apache-2.0
//! The emergency origin: it may remove a validator and note a finality stall, and nothing else
//! the root track may do here.

use crate::{mock::*, Error, Event, Validators};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

#[test]
fn the_emergency_origin_removes_a_validator_within_the_minimum() {
	build_and_execute(|| {
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::signed(Emergency::get()), 3));
		assert_eq!(last_event(), RuntimeEvent::ValidatorSet(Event::ValidatorRemoved { who: 3 }));
		assert_eq!(Validators::<Test>::get().into_inner(), vec![1, 2]);
		// The minimum binds the emergency origin as it binds root.
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(Emergency::get()), 2),
			Error::<Test>::TooFewValidators
		);
	});
}

#[test]
fn the_emergency_origin_cannot_add_a_validator() {
	build_and_execute(|| {
		set_keys(4);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(Emergency::get()), 4),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_noted_stall_reaches_the_finality_gadget() {
	build_and_execute(|| {
		System::set_block_number(50);
		assert_ok!(ValidatorSet::note_stalled(RuntimeOrigin::signed(Emergency::get()), 5, 42));
		assert_eq!(NotedStall::get(), Some((5, 42)));
		assert_eq!(
			last_event(),
			RuntimeEvent::ValidatorSet(Event::FinalityStallNoted { delay: 5, best_finalized: 42 })
		);
		// Root may too.
		assert_ok!(ValidatorSet::note_stalled(RuntimeOrigin::root(), 3, 49));
		assert_eq!(NotedStall::get(), Some((3, 49)));
	});
}

#[test]
fn a_stall_is_refused_to_others_and_above_the_chain() {
	build_and_execute(|| {
		System::set_block_number(50);
		NotedStall::set(None);
		assert_noop!(
			ValidatorSet::note_stalled(RuntimeOrigin::signed(1), 5, 42),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::note_stalled(RuntimeOrigin::none(), 5, 42),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::note_stalled(RuntimeOrigin::signed(Emergency::get()), 5, 50),
			Error::<Test>::FinalizedNotBehind
		);
		assert_eq!(NotedStall::get(), None, "nothing reached the gadget");
	});
}
