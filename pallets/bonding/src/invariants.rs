// SPDX-License-Identifier: Apache-2.0
//! `try_state` invariants (also run after every unit test).

use crate::*;
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use frame_support::{
	ensure,
	traits::{
		fungible::{Inspect, InspectHold},
		tokens::{Fortitude, Preservation},
	},
};
use sp_runtime::TryRuntimeError;

/// What the bonds of one operator add up to.
#[derive(Default)]
struct Sums {
	records: u32,
	/// FLY held for its bonds (as last settled).
	held: Balance,
	/// Its bonds brought up to its factors now.
	settled: Balance,
	/// FLY of its bonds in its open cohort, and how many bonds hold some.
	open_maturing: Balance,
	open_records: u32,
}

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the pallet; iterates every delegation and lock (off-chain
	/// only).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::try_state_candidates()?;
		Self::try_state_bonds()
	}

	/// The candidates are exactly the operators that have not resigned, each once.
	pub fn try_state_candidates() -> Result<(), TryRuntimeError> {
		let candidates = Candidates::<T>::get();
		let listed: BTreeSet<&T::AccountId> = candidates.iter().collect();
		ensure!(listed.len() == candidates.len(), "a candidate is listed twice");
		let mut standing: u32 = 0;
		for (who, op) in Operators::<T>::iter() {
			if !op.resigned {
				standing += 1;
				ensure!(listed.contains(&who), "an operator in standing is not a candidate");
			}
		}
		ensure!(standing as usize == candidates.len(), "a candidate resigned or has no record");
		Ok(())
	}

	/// Bonds, stakes, cohorts, locks and the pool agree (every storage version since v2).
	pub fn try_state_bonds() -> Result<(), TryRuntimeError> {
		let mut sums: BTreeMap<T::AccountId, Sums> = BTreeMap::new();
		let mut cohorts: BTreeMap<(T::AccountId, RoundIndex), u32> = BTreeMap::new();
		let mut owed: Balance = 0;
		for (who, d) in Delegations::<T>::iter() {
			let held = T::Currency::balance_on_hold(&HoldReason::Bonded.into(), &who);
			let locked = UnbondingLocks::<T>::get(&who).total();
			ensure!(
				held == d.bonded.saturating_add(d.maturing).saturating_add(locked),
				"held FLY differs from bond + maturing + unbonding"
			);
			let Some(op) = Operators::<T>::get(&d.operator) else {
				ensure!(d.bonded == 0 && d.maturing == 0, "a bond to an unknown operator");
				owed = owed.saturating_add(d.pending);
				continue;
			};
			let sum = sums.entry(d.operator.clone()).or_default();
			sum.records += 1;
			sum.held = sum.held.saturating_add(d.bonded).saturating_add(d.maturing);
			if d.maturing > 0 {
				if op.cohort_open(d.maturing_round) {
					sum.open_maturing = sum.open_maturing.saturating_add(d.maturing);
					sum.open_records += 1;
				} else {
					*cohorts.entry((d.operator.clone(), d.maturing_round)).or_default() += 1;
				}
			}
			let settled = Self::settled(d, &op).delegation;
			sum.settled =
				sum.settled.saturating_add(settled.bonded).saturating_add(settled.maturing);
			owed = owed.saturating_add(settled.pending);
		}
		for (who, unbonding) in UnbondingLocks::<T>::iter() {
			if !Delegations::<T>::contains_key(&who) {
				let held = T::Currency::balance_on_hold(&HoldReason::Bonded.into(), &who);
				ensure!(held == unbonding.total(), "held FLY differs from unbonding");
			}
		}
		for (operator, round, start) in Cohorts::<T>::iter() {
			ensure!(
				cohorts.remove(&(operator, round)) == Some(start.records),
				"a closed cohort's record count differs from its bonds"
			);
		}
		ensure!(cohorts.is_empty(), "bonds of a closed cohort without its start");
		let mut stakes: Balance = 0;
		// FLY counted in stakes but not held by any bond: compounded rewards not yet settled
		// and rounding dust, both still in the pool.
		let mut in_pool: Balance = 0;
		for (who, op) in Operators::<T>::iter() {
			let sum = sums.remove(&who).unwrap_or_default();
			ensure!(op.delegators == sum.records, "an operator's delegator count is wrong");
			ensure!(op.maturing == sum.open_maturing, "an open cohort differs from its bonds");
			ensure!(op.cohort_records == sum.open_records, "an open cohort's record count");
			ensure!(op.stake >= sum.settled, "an operator's bonds exceed its stake");
			ensure!(op.stake >= op.maturing, "an operator matures more than its stake");
			ensure!(op.delegators > 0 || op.stake == 0, "stake without a bond");
			stakes = stakes.saturating_add(op.stake);
			in_pool = in_pool.saturating_add(op.stake.saturating_sub(sum.held));
			owed = owed.saturating_add(op.earnings);
		}
		ensure!(stakes == TotalBonded::<T>::get(), "total bonded differs from the stakes");
		// Everything owed or compounded but unsettled (plus what waits for the next round) is
		// in the pool, above the existential deposit it keeps.
		let pool = T::Currency::reducible_balance(
			&Self::pool_account(),
			Preservation::Preserve,
			Fortitude::Polite,
		);
		ensure!(
			owed.saturating_add(in_pool).saturating_add(Unallocated::<T>::get()) <= pool,
			"the reward pool holds less than is owed"
		);
		Ok(())
	}
}
