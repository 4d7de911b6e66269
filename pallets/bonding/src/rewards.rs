//! A round's rewards: the active-set snapshot and the split among active operators.

use crate::*;
use alloc::vec::Vec;
use frame_support::{traits::Get, BoundedVec};
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// The top `MaxActiveOperators` operators that have not resigned and have stake, by stake
	/// (ties: account order). O(`MaxOperators`).
	pub fn select_active_set() -> BoundedVec<(T::AccountId, Balance), T::MaxActiveOperators> {
		let mut candidates: Vec<(T::AccountId, Balance)> = Operators::<T>::iter()
			.filter(|(_, op)| !op.resigned && op.stake > 0)
			.map(|(who, op)| (who, op.stake))
			.collect();
		candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
		candidates.truncate(T::MaxActiveOperators::get() as usize);
		BoundedVec::truncate_from(candidates)
	}

	/// Receives `amount` of the round's emission (already minted into the pool), snapshots the
	/// active set and credits everything unallocated among it pro rata to stake: each operator
	/// keeps `reward_cut` of its part, the rest raises its reward factor. Rounding dust, and the
	/// whole amount while no operator is active, stays unallocated for the next round.
	pub(crate) fn distribute(amount: Balance) {
		let round = T::Rounds::current_round();
		let pot = Unallocated::<T>::get().saturating_add(amount);
		let active = Self::select_active_set();
		let total_stake = active.iter().fold(0, |sum: Balance, (_, s)| sum.saturating_add(*s));
		let mut credited: Balance = 0;
		if total_stake > 0 {
			for (who, stake) in active.iter() {
				let Some(mut op) = Operators::<T>::get(who) else { continue };
				op.apply_due_terms(round);
				op.last_active_round = round;
				let part =
					multiply_by_rational_with_rounding(pot, *stake, total_stake, Rounding::Down)
						.unwrap_or(0);
				// Active operators have stake, so the delegators' part always has an owner.
				let cut = op.reward_cut.mul_floor(part);
				let delta = types::factor_increase(part.saturating_sub(cut), op.stake);
				op.reward_factor = op.reward_factor.saturating_add(delta);
				op.earnings = op.earnings.saturating_add(cut);
				credited = credited.saturating_add(part);
				Operators::<T>::insert(who, op);
			}
		}
		let unallocated = pot.saturating_sub(credited);
		Unallocated::<T>::put(unallocated);
		let operators = active.len() as u32;
		ActiveSet::<T>::put(active);
		Self::deposit_event(Event::RewardsDistributed {
			round,
			amount: credited,
			operators,
			unallocated,
		});
	}
}
