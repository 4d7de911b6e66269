// SPDX-License-Identifier: Apache-2.0
//! Liveness: which validators of each session authored no block, session after session, so an
//! offline validator is visible (event, runtime API) and governance can remove it.
//!
//! Each block's author is noted at the end of the block (after pallet-session has rotated, so a
//! session's first block counts for it); when a session ends, each of its validators that
//! authored nothing has one more missed session in a row ([`Offline`]), and one that authored is
//! cleared. At `OfflineSessions` in a row it is reported once ([`Event::ValidatorOffline`]).

use crate::*;
use frame_support::{traits::FindAuthor, BoundedVec};

impl<T: Config> Pallet<T> {
	/// Notes the author of the block being built, found in its pre-runtime digest (Aura's slot
	/// and the session's validators, in the runtime).
	pub(crate) fn note_block_author() {
		let digest = frame_system::Pallet::<T>::digest();
		let pre_runtime = digest.logs.iter().filter_map(|item| item.as_pre_runtime());
		if let Some(author) = T::FindAuthor::find_author(pre_runtime) {
			Self::note_author(author);
		}
	}

	/// Adds `author` to the session's authors (each once; at most `MaxValidators`, the session
	/// set's bound).
	pub(crate) fn note_author(author: T::AccountId) {
		SessionAuthors::<T>::mutate(|authors| {
			if !authors.contains(&author) {
				let _ = authors.try_push(author);
			}
		});
	}

	/// The weight of noting a block's author: the benchmarked note, and the reads of the digest
	/// and of the authorities that map its slot to an account (Aura's and pallet-session's).
	pub fn note_author_weight() -> Weight {
		<T as Config>::WeightInfo::note_author()
			.saturating_add(<T as frame_system::Config>::DbWeight::get().reads(3))
	}

	/// Closes the liveness of the ending session: every validator of it that authored nothing
	/// counts one more missed session (reported at `OfflineSessions`), the others none.
	/// O(`MaxValidators`); runs inside the session rotation, charged by `rotate_session`.
	pub(crate) fn close_session_liveness() {
		let authors = SessionAuthors::<T>::take();
		let before = Offline::<T>::get();
		let limit = T::OfflineSessions::get();
		let mut missing: Vec<(T::AccountId, u32)> = Vec::new();
		for who in pallet_session::Validators::<T>::get() {
			if authors.contains(&who) {
				continue;
			}
			let missed =
				before.iter().find(|(v, _)| *v == who).map_or(0, |(_, m)| *m).saturating_add(1);
			if missed == limit {
				Self::deposit_event(Event::ValidatorOffline { who: who.clone(), sessions: missed });
			}
			missing.push((who, missed));
		}
		Offline::<T>::put(BoundedVec::truncate_from(missing));
	}

	/// The validators of the last session that authored no block, each with the sessions in a row
	/// it has authored none (`ValidatorApi::offline_validators` in the runtime).
	pub fn offline_validators() -> Vec<(T::AccountId, u32)> {
		Offline::<T>::get().into_inner()
	}
}
