// SPDX-License-Identifier: Apache-2.0
//! Liveness: a validator that authors no block for `OfflineSessions` sessions in a row is
//! reported once, listed with its count, and cleared when it authors again.

use crate::{mock::*, *};

fn offline_events() -> Vec<(u64, u32)> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::ValidatorSet(Event::ValidatorOffline { who, sessions }) => {
				Some((who, sessions))
			}
			_ => None,
		})
		.collect()
}

#[test]
fn a_validator_that_authors_nothing_is_reported_once_after_offline_sessions() {
	build_and_execute(|| {
		// Validators 1 and 2 author every block between them; 3 authors none.
		set_authors(&[1, 2]);
		run_to_session(1);
		assert_eq!(ValidatorSet::offline_validators(), vec![(3, 1)]);
		assert!(offline_events().is_empty());
		run_to_session(OFFLINE_SESSIONS);
		assert_eq!(ValidatorSet::offline_validators(), vec![(3, OFFLINE_SESSIONS)]);
		assert_eq!(offline_events(), vec![(3, OFFLINE_SESSIONS)]);
		// Reported once: later sessions raise the count, not the event.
		run_to_session(OFFLINE_SESSIONS + 2);
		assert_eq!(ValidatorSet::offline_validators(), vec![(3, OFFLINE_SESSIONS + 2)]);
		assert_eq!(offline_events().len(), 1);
		// Back online: one block in a session clears it.
		set_authors(&[1, 2, 3]);
		run_to_session(OFFLINE_SESSIONS + 3);
		assert!(ValidatorSet::offline_validators().is_empty());
	});
}

#[test]
fn only_the_sessions_validators_are_tracked() {
	build_and_execute(|| {
		// An author outside the session's set (a stale key) is noted but tracks nobody.
		set_authors(&[1, 2, 3, 5]);
		run_to_session(OFFLINE_SESSIONS + 1);
		assert!(ValidatorSet::offline_validators().is_empty());
		// A removed validator stops being tracked once it has left the session's set.
		set_keys(4);
		frame_support::assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		frame_support::assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
		// The change reaches the session's set two sessions on; 4 authors nothing from then.
		let start = pallet_session::CurrentIndex::<Test>::get();
		run_to_session(start + 2);
		assert_eq!(session_validators(), vec![1, 2, 4]);
		set_authors(&[1, 2]);
		run_to_session(start + 2 + OFFLINE_SESSIONS);
		assert_eq!(ValidatorSet::offline_validators(), vec![(4, OFFLINE_SESSIONS)]);
		assert_eq!(offline_events(), vec![(4, OFFLINE_SESSIONS)]);
	});
}

#[test]
fn a_block_without_a_known_author_notes_nobody() {
	build_and_execute(|| {
		set_authors(&[]);
		run_to_session(1);
		assert_eq!(ValidatorSet::offline_validators(), vec![(1, 1), (2, 1), (3, 1)]);
	});
}
