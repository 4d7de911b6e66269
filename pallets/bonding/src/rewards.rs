// SPDX-License-Identifier: Apache-2.0
//! A round's rewards: the active-set snapshot and the split among active operators, compounded
//! into their delegators' bonds (LIP-36).

use crate::*;
use alloc::vec::Vec;
use frame_support::{traits::Get, BoundedVec};
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};

impl<T: Config> Pallet<T> {
	/// The stake of `op` that shares the rewards at the start of `round`: all of it but a cohort
	/// bonded in the round just ended (or in `round` itself), which was not in place for the
	/// whole round being paid.
	pub fn counted_at_round_start(op: &OperatorInfo, round: RoundIndex) -> Balance {
		if op.maturing_round.saturating_add(1) < round {
			op.stake
		} else {
			op.counted_stake()
		}
	}

	/// The top `MaxActiveOperators` candidates with counted stake, by counted stake (ties:
	/// account order). O(`MaxOperators`): resigned records are not read.
	pub fn select_active_set() -> BoundedVec<(T::AccountId, Balance), T::MaxActiveOperators> {
		let round = T::Rounds::current_round();
		let mut candidates: Vec<(T::AccountId, Balance)> = Candidates::<T>::get()
			.into_iter()
			.filter_map(|who| {
				let op = Operators::<T>::get(&who).filter(|op| !op.resigned)?;
				Some((who, Self::counted_at_round_start(&op, round)))
			})
			.filter(|(_, counted)| *counted > 0)
			.collect();
		candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
		candidates.truncate(T::MaxActiveOperators::get() as usize);
		BoundedVec::truncate_from(candidates)
	}

	/// Receives `amount` of the round's emission (already minted into the pool), snapshots the
	/// active set and credits everything unallocated among it pro rata to counted stake: each
	/// operator keeps `reward_cut` of its part as earnings; the rest compounds into its bonds
	/// (its stake grows by it and its reward factor by `(counted + rest) / counted`). A cohort
	/// bonded in the round just ended starts to count after the split. Rounding dust, and the
	/// whole amount while no operator is active, stays unallocated for the next round.
	pub(crate) fn distribute(amount: Balance) {
		let round = T::Rounds::current_round();
		let pot = Unallocated::<T>::get().saturating_add(amount);
		// Every active operator has counted stake, so the split divides by a positive total.
		let active = Self::select_active_set();
		let total_stake = active.iter().fold(0, |sum: Balance, (_, s)| sum.saturating_add(*s));
		let mut credited: Balance = 0;
		let mut compounded: Balance = 0;
		// The bonded ratio's snapshot: each active operator's whole stake before the split (a
		// bond made in the last round moves the ratio once a round has seen it in place).
		let mut snapshot = Vec::with_capacity(active.len());
		for (who, counted) in active.iter() {
			let Some(mut op) = Operators::<T>::get(who) else { continue };
			snapshot.push((who.clone(), op.stake));
			op.apply_due_terms(round);
			op.last_active_round = round;
			// A cohort of a round before the last counts in full (no split reached it since).
			Self::mature_due(who, &mut op, round.saturating_sub(1));
			let part =
				multiply_by_rational_with_rounding(pot, *counted, total_stake, Rounding::Down)
					.unwrap_or(0);
			let cut = op.reward_cut.mul_floor(part);
			let rest = part.saturating_sub(cut);
			op.reward_factor = types::grown_factor(op.reward_factor, rest, *counted);
			op.stake = op.stake.saturating_add(rest);
			op.earnings = op.earnings.saturating_add(cut);
			compounded = compounded.saturating_add(rest);
			credited = credited.saturating_add(part);
			// The cohort of the round just ended was left out; it counts from here on.
			Self::mature_due(who, &mut op, round);
			Operators::<T>::insert(who, op);
		}
		TotalBonded::<T>::mutate(|t| *t = t.saturating_add(compounded));
		let unallocated = pot.saturating_sub(credited);
		Unallocated::<T>::put(unallocated);
		let operators = active.len() as u32;
		ActiveSet::<T>::put(BoundedVec::truncate_from(snapshot));
		Self::deposit_event(Event::RewardsDistributed {
			round,
			amount: credited,
			operators,
			unallocated,
		});
	}
}
