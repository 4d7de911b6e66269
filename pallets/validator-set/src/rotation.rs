// SPDX-License-Identifier: Apache-2.0
//! Session rotation at its measured cost. pallet-session's `on_initialize` rotates when its
//! `ShouldEndSession` says so and then charges `max_block`, so every session's first block would
//! carry no transaction. This pallet rotates instead, in its own `on_initialize` (before
//! pallet-session's in the block, as before), and charges the benchmarked `rotate_session`.

use crate::{Config, Pallet, WeightInfo};
use frame_support::{traits::Get, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_session::ShouldEndSession;

/// pallet-session's `ShouldEndSession` where this pallet rotates: never in pallet-session's own
/// hook.
pub struct SessionsEndInValidatorSet;
impl<BlockNumber> ShouldEndSession<BlockNumber> for SessionsEndInValidatorSet {
	fn should_end_session(_now: BlockNumber) -> bool {
		false
	}
}

impl<T: Config> Pallet<T> {
	/// Starts the next session when `SessionEnds` says so. Charged the read of the session
	/// length (a runtime may keep it in storage) in every block, and the rotation of a full set
	/// handed over when it rotates.
	pub(crate) fn rotate_if_due(now: BlockNumberFor<T>) -> Weight {
		let check = <T as frame_system::Config>::DbWeight::get().reads(1);
		if T::SessionEnds::should_end_session(now) {
			pallet_session::Pallet::<T>::rotate_session();
			check.saturating_add(<T as Config>::WeightInfo::rotate_session())
		} else {
			check
		}
	}
}
