// SPDX-License-Identifier: Apache-2.0
//! What the bounded admin origin (the `tokenomics_admin` track) may change in a subDAO: no
//! authority or oracle, the fee and the curve within their ranges, a schedule from the next epoch on by a
//! bounded step.

use crate::{pallet::*, types, AdminScope, SubDaoConfigOf, SubDaoUpdateOf};
use flywheel_primitives::SubDaoId;
use frame_support::{ensure, traits::Get};

impl<T: Config> Pallet<T> {
	/// Refuses the parts of `update` that `scope` may not make to `subdao`, configured as
	/// `config`. Returns whether it is a bounded change of the schedule (to be recorded in
	/// [`ScheduleChangedIn`]).
	pub(crate) fn check_update_scope(
		scope: AdminScope,
		subdao: SubDaoId,
		config: &SubDaoConfigOf<T>,
		update: &SubDaoUpdateOf<T>,
	) -> Result<bool, Error<T>> {
		if scope.is_full() {
			return Ok(false);
		}
		let changes_authority =
			update.burn_authority.as_ref().is_some_and(|a| *a != config.burn_authority)
				|| update.rewards_oracles.as_ref().is_some_and(|o| *o != config.rewards_oracles);
		ensure!(!changes_authority, Error::<T>::AuthorityChangeNeedsRoot);
		let bounds = T::GovernanceBounds::get();
		let fee_ok = update.onboarding_fee.is_none_or(|f| scope.allows(&f, &bounds.onboarding_fee));
		let curve_ok = update.curve_k.is_none_or(|k| scope.allows(&k, &bounds.curve_k));
		ensure!(fee_ok && curve_ok, Error::<T>::OutsideGovernanceBounds);
		let Some(schedule) = &update.emission_schedule else { return Ok(false) };
		let current = CurrentEpoch::<T>::get();
		ensure!(
			ScheduleChangedIn::<T>::get(subdao) != Some(current),
			Error::<T>::ScheduleChangedThisEpoch
		);
		let from = current.saturating_add(1);
		let steps_in_range = schedule
			.iter()
			.filter(|step| step.from_epoch >= from)
			.all(|step| scope.allows(&step.per_epoch, &bounds.emission_per_epoch));
		ensure!(steps_in_range, Error::<T>::OutsideGovernanceBounds);
		ensure!(
			types::is_bounded_change(
				&config.emission_schedule,
				schedule,
				from,
				bounds.max_schedule_change
			),
			Error::<T>::ScheduleChangeTooLarge
		);
		Ok(true)
	}
}
