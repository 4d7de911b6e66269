// SPDX-License-Identifier: Apache-2.0
//! Bonds as stake: settling a bond's compounded rewards and fees (LIP-36), and the cohorts that
//! make a bond wait for a whole round before it shares rewards.
//!
//! A bond made in round `r` joins its operator's open cohort for `r`: it is held and counts in
//! the operator's stake (and the active-set ranking from the round after), but earns neither
//! rewards nor fees until the cohort closes at the first round start after `r` has ended: the
//! reward split at the start of `r + 1` (which pays for round `r`, when the bond was not in place
//! the whole time) leaves it out. A closed cohort records the factors it started at
//! ([`CohortStart`]); each bond in it settles from there, so no step iterates delegators.

use crate::*;
use frame_support::{
	ensure,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Preservation},
		Get,
	},
};
use sp_runtime::DispatchError;

/// A bond brought up to its operator's current factors.
pub(crate) struct Settlement<AccountId> {
	/// The bond, with its compounded rewards in `bonded` and its fees in `pending`.
	pub delegation: Delegation<AccountId>,
	/// FLY of compounded rewards to move from the pool into the bond's hold.
	pub gained: Balance,
	/// The closed cohort the bond's maturing FLY left (its record count drops by one).
	pub left_cohort: Option<RoundIndex>,
}

impl<T: Config> Pallet<T> {
	/// Closes `operator`'s open cohort at its current factors: from now on it earns.
	pub(crate) fn mature(operator: &T::AccountId, op: &mut OperatorInfo) {
		if op.cohort_records > 0 {
			let start = CohortStart {
				reward_factor: op.reward_factor,
				fee_factor: op.fee_factor,
				records: op.cohort_records,
			};
			Cohorts::<T>::insert(operator, op.maturing_round, start);
		}
		op.maturing = 0;
		op.cohort_records = 0;
	}

	/// Closes `operator`'s cohort if its round has ended (outside a reward split: none reached
	/// the operator since, so its factors are those the cohort starts at).
	pub(crate) fn mature_due(operator: &T::AccountId, op: &mut OperatorInfo, round: RoundIndex) {
		if op.maturing_round < round {
			Self::mature(operator, op);
		}
	}

	/// `d` settled against `op` (read only): rewards compounded into `bonded`, fees into
	/// `pending`, maturing FLY of a closed cohort counted from the factors it started at.
	pub(crate) fn settled(
		d: Delegation<T::AccountId>,
		op: &OperatorInfo,
	) -> Settlement<T::AccountId> {
		let mut d = d;
		let held = d.bonded.saturating_add(d.maturing);
		let mut bonded = types::compounded(d.bonded, op.reward_factor, d.reward_factor);
		let mut fees = types::fees_earned(d.bonded, op.fee_factor, d.fee_factor, d.reward_factor);
		let mut left_cohort = None;
		if d.maturing > 0 && !op.cohort_open(d.maturing_round) {
			if let Some(start) = Cohorts::<T>::get(&d.operator, d.maturing_round) {
				bonded = bonded.saturating_add(types::compounded(
					d.maturing,
					op.reward_factor,
					start.reward_factor,
				));
				fees = fees.saturating_add(types::fees_earned(
					d.maturing,
					op.fee_factor,
					start.fee_factor,
					start.reward_factor,
				));
				d.maturing = 0;
				left_cohort = Some(d.maturing_round);
			}
		}
		d.bonded = bonded;
		d.pending = d.pending.saturating_add(fees);
		d.reward_factor = op.reward_factor;
		d.fee_factor = op.fee_factor;
		let gained = d.bonded.saturating_add(d.maturing).saturating_sub(held);
		Settlement { delegation: d, gained, left_cohort }
	}

	/// Settles `who`'s bond `d` against `op`: its compounded rewards move from the pool into
	/// its hold (bonded, as in LIP-36), its fees into `pending`.
	pub(crate) fn settle(
		who: &T::AccountId,
		d: Delegation<T::AccountId>,
		op: &OperatorInfo,
	) -> Result<Delegation<T::AccountId>, DispatchError> {
		let operator = d.operator.clone();
		let Settlement { delegation, gained, left_cohort } = Self::settled(d, op);
		if gained > 0 {
			T::Currency::transfer_and_hold(
				&HoldReason::Bonded.into(),
				&Self::pool_account(),
				who,
				gained,
				Precision::Exact,
				Preservation::Preserve,
				Fortitude::Polite,
			)?;
		}
		if let Some(round) = left_cohort {
			Cohorts::<T>::mutate_exists(&operator, round, |entry| {
				if let Some(start) = entry {
					start.records = start.records.saturating_sub(1);
					if start.records == 0 {
						*entry = None;
					}
				}
			});
		}
		Ok(delegation)
	}

	/// Adds `amount` of `d`'s FLY to `op`'s cohort of `round` (opening it if needed).
	pub(crate) fn add_maturing(
		d: &mut Delegation<T::AccountId>,
		op: &mut OperatorInfo,
		amount: Balance,
		round: RoundIndex,
	) -> Result<(), Error<T>> {
		if !op.cohort_open(round) {
			op.maturing_round = round;
		}
		if d.maturing == 0 {
			op.cohort_records = op.cohort_records.checked_add(1).ok_or(Error::<T>::Overflow)?;
			d.maturing_round = round;
		}
		d.maturing = d.maturing.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		op.maturing = op.maturing.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		op.stake = op.stake.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		Ok(())
	}

	/// Takes `amount` out of settled bond `d` and `op`'s stake, maturing FLY first. What stays
	/// is none or at least `MinBond`: a dust bond would keep a record (and a resigned operator's)
	/// alive for almost nothing.
	pub(crate) fn take_out(
		d: &mut Delegation<T::AccountId>,
		op: &mut OperatorInfo,
		amount: Balance,
	) -> Result<(), Error<T>> {
		let bond = d.bonded.saturating_add(d.maturing);
		ensure!(amount <= bond, Error::<T>::InsufficientBond);
		let left = bond.saturating_sub(amount);
		ensure!(left == 0 || left >= T::MinBond::get(), Error::<T>::DustBond);
		let from_maturing = amount.min(d.maturing);
		if from_maturing > 0 {
			d.maturing = d.maturing.saturating_sub(from_maturing);
			op.maturing = op.maturing.saturating_sub(from_maturing);
			if d.maturing == 0 {
				op.cohort_records = op.cohort_records.saturating_sub(1);
			}
		}
		d.bonded = d.bonded.saturating_sub(amount.saturating_sub(from_maturing));
		op.stake = op.stake.saturating_sub(amount);
		TotalBonded::<T>::mutate(|t| *t = t.saturating_sub(amount));
		Ok(())
	}

	/// A delegation record of `op` is gone. With the last one, the rounding dust of its
	/// compounding (FLY in the pool that no bond claims) joins the next round's rewards.
	pub(crate) fn delegator_left(op: &mut OperatorInfo) {
		op.delegators = op.delegators.saturating_sub(1);
		if op.delegators == 0 {
			let dust = op.stake;
			op.stake = 0;
			op.maturing = 0;
			op.cohort_records = 0;
			TotalBonded::<T>::mutate(|t| *t = t.saturating_sub(dust));
			Unallocated::<T>::mutate(|u| *u = u.saturating_add(dust));
		}
	}

	/// Bond `d` to `op` now: counting and maturing FLY, with compounded rewards.
	pub(crate) fn settled_bond(d: Delegation<T::AccountId>, op: &OperatorInfo) -> Balance {
		let d = Self::settled(d, op).delegation;
		d.bonded.saturating_add(d.maturing)
	}

	/// `who`'s bond now: counting and maturing FLY, with compounded rewards.
	pub fn bond_of(who: &T::AccountId) -> Balance {
		Delegations::<T>::get(who)
			.and_then(|d| Some(Self::settled_bond(d.clone(), &Operators::<T>::get(&d.operator)?)))
			.unwrap_or_default()
	}
}
