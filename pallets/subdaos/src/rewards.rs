// SPDX-License-Identifier: Apache-2.0
//! Device rewards by a quorum of oracles (Helium's lazy distributor, on chain) and the rewards
//! escrow's outflow breaker.
//!
//! Each rewards oracle reports every recipient's *lifetime* rewards; a recipient claims the
//! largest total at least `quorum` oracles reported, less what it claimed before. Fewer than a
//! quorum of oracles (a majority of them) cannot raise what is paid, and a lagging oracle only
//! delays it. Whatever the oracles agree on, one escrow pays at most `RewardsOutflowEpochs`
//! epochs of its subDAO's emission within one epoch's length, so a captured quorum is slow to
//! drain it and governance has time to pause the claims and replace the oracles.
//!
//! The router (burn authority), the rewards oracles and the approved device makers of a subDAO
//! are distinct accounts: a router could otherwise attest the devices it pays for, and a maker
//! attest the devices it onboards.

use crate::*;
use frame_support::{
	dispatch::DispatchResult,
	ensure,
	traits::{
		fungibles::{Inspect as _, Mutate as _},
		tokens::Preservation,
		Get,
	},
};

impl<T: Config> Pallet<T> {
	/// Refuses a configuration whose oracles are not a well-formed set or share an account
	/// with the router or, for an existing `subdao`, with one of its approved makers.
	pub(crate) fn validate_roles(
		subdao: Option<SubDaoId>,
		config: &SubDaoConfigOf<T>,
	) -> Result<(), Error<T>> {
		let oracles = &config.rewards_oracles;
		ensure!(oracles.is_well_formed(T::MinRewardsOracles::get()), Error::<T>::InvalidOracleSet);
		ensure!(!oracles.contains(&config.burn_authority), Error::<T>::RolesNotDistinct);
		if let Some(subdao) = subdao {
			let makers = core::iter::once(&config.burn_authority).chain(oracles.members.iter());
			for who in makers {
				ensure!(!Makers::<T>::contains_key(subdao, who), Error::<T>::RolesNotDistinct);
			}
		}
		Ok(())
	}

	/// Records `oracle`'s report of `totals` for `subdao` (see [`Pallet::report_rewards`]).
	pub(crate) fn do_report_rewards(
		oracle: T::AccountId,
		subdao: SubDaoId,
		totals: RewardTotalsOf<T>,
	) -> DispatchResult {
		let info = Registry::<T>::get(subdao).ok_or(Error::<T>::UnknownSubDao)?;
		let oracles = &info.config.rewards_oracles;
		ensure!(oracles.contains(&oracle), Error::<T>::NotRewardsOracle);
		ensure!(!totals.is_empty(), Error::<T>::EmptyBatch);
		for (recipient, total) in totals.iter() {
			RewardReports::<T>::mutate(subdao, recipient, |reports| {
				// Reports of former oracles go; a current oracle's replaces its earlier one. At
				// most one per current oracle remains, so the push always fits.
				reports.retain(|(o, _)| oracles.contains(o) && *o != oracle);
				let _ = reports.try_push((oracle.clone(), *total));
			});
		}
		let recipients = totals.len() as u32;
		Self::deposit_event(Event::RewardsReported { subdao, oracle, recipients });
		Ok(())
	}

	/// Pays `recipient` what the oracles agree on and it has not claimed, as far as the
	/// escrow and its window allow (see [`Pallet::claim_rewards`]).
	pub(crate) fn do_claim_rewards(subdao: SubDaoId, recipient: T::AccountId) -> DispatchResult {
		let info = Registry::<T>::get(subdao).ok_or(Error::<T>::UnknownSubDao)?;
		let reports = RewardReports::<T>::get(subdao, &recipient);
		let agreed = types::agreed_total(&info.config.rewards_oracles, &reports).unwrap_or(0);
		let claimed = RewardsClaimed::<T>::get(subdao, &recipient);
		let amount = agreed.saturating_sub(claimed);
		ensure!(amount > 0, Error::<T>::NoAgreedRewards);
		let escrow = Self::rewards_account(subdao);
		let held = T::Assets::balance(info.dnt.clone(), &escrow);
		let now = Self::now();
		let window = T::EpochLength::get();
		let emission = types::emission_at(&info.config.emission_schedule, CurrentEpoch::<T>::get());
		let limit =
			emission.saturating_mul(u128::from(T::RewardsOutflowEpochs::get())).max(held / 10);
		// What the escrow and its window have room for is paid now, the rest by a later claim:
		// a claim larger than the window (months unclaimed) never becomes unclaimable.
		let recent = RewardsOutflow::<T>::get(subdao).decayed(now, window);
		let room = limit.saturating_sub(recent);
		let paid = amount.min(room).min(held);
		// A part below the DNT's minimum balance might not reach a new account: wait for more.
		let whole_or_enough = paid == amount || paid >= T::DntMinBalance::get();
		ensure!(held > 0, Error::<T>::InsufficientEscrow);
		ensure!(paid > 0 && whole_or_enough, Error::<T>::RewardsOutflowExceeded);
		T::Assets::transfer(info.dnt, &escrow, &recipient, paid, Preservation::Expendable)?;
		RewardsOutflow::<T>::insert(
			subdao,
			RollingWindow { value: recent.saturating_add(paid), last_block: now },
		);
		let claimed = claimed.saturating_add(paid);
		RewardsClaimed::<T>::insert(subdao, &recipient, claimed);
		Self::deposit_event(Event::RewardsClaimed { subdao, recipient, amount: paid, claimed });
		Ok(())
	}
}
