// SPDX-License-Identifier: Apache-2.0
//! Stake: coldkeys stake to hotkeys per subnet; validators' dividends after take raise the stake
//! pool's cumulative factor, and each stake's share is settled when it changes or is claimed.
//!
//! Stake counts only once it has been at stake (docs/design.md, "Incentive integrity"): FLY added
//! while the subnet has run `e` epochs is a cohort that the next epoch leaves out (no permit, no
//! consensus weight, no dividends) and that joins the pool's total after it. The pool records
//! the factor a cohort joined at ([`MaturedCohorts`]) until every record of the cohort has
//! settled against it, so no step iterates over stakers. Removal takes maturing FLY first and
//! is immediate: stake removed before an epoch earns nothing from it.

use crate::*;
use flywheel_primitives::reward_factor::accrued;
use frame_support::{ensure, pallet_prelude::DispatchResult};
use sp_runtime::FixedU128;

impl<T: Config> Pallet<T> {
	/// The epochs `netuid` has run (cohorts are numbered by it); for a removed subnet every
	/// cohort has matured, as no epoch will pay it again.
	pub(crate) fn epochs_of(netuid: NetUid) -> u32 {
		Networks::<T>::get(netuid).map_or(u32::MAX, |s| s.epochs)
	}

	/// Whether `pool`'s cohort has matured after `epochs` epochs of its subnet.
	fn cohort_matured(pool: &StakePool, epochs: u32) -> bool {
		pool.cohort_epoch < epochs
	}

	/// The stake of `pool` that counts at an epoch run after `epochs` epochs: its total and its
	/// cohort if matured.
	pub(crate) fn counted_stake(pool: &StakePool, epochs: u32) -> Balance {
		if Self::cohort_matured(pool, epochs) {
			pool.total.saturating_add(pool.maturing)
		} else {
			pool.total
		}
	}

	/// Moves `pool`'s matured cohort into its total and records the factor it joined at for the
	/// cohort's records. Call before the pool's factor changes or a record settles.
	pub(crate) fn mature_pool(
		netuid: NetUid,
		hotkey: &T::AccountId,
		pool: &mut StakePool,
		epochs: u32,
	) {
		if pool.cohort_records == 0 || !Self::cohort_matured(pool, epochs) {
			return;
		}
		pool.total = pool.total.saturating_add(pool.maturing);
		MaturedCohorts::<T>::insert(
			(netuid, hotkey, pool.cohort_epoch),
			MaturedCohort { reward_factor: pool.reward_factor, records: pool.cohort_records },
		);
		pool.maturing = 0;
		pool.cohort_records = 0;
	}

	/// The factor `record`'s maturing FLY joined `pool` at, once its cohort has matured after
	/// `epochs` epochs (a cohort not yet moved by [`Self::mature_pool`] joins at the pool's
	/// present factor: the pool's factor only changes after a move).
	fn joined_at(
		netuid: NetUid,
		hotkey: &T::AccountId,
		record: &StakeRecord,
		pool: &StakePool,
		epochs: u32,
	) -> Option<FixedU128> {
		if record.maturing == 0 || record.cohort_epoch >= epochs {
			return None;
		}
		if pool.cohort_records > 0 && pool.cohort_epoch == record.cohort_epoch {
			return Some(pool.reward_factor);
		}
		MaturedCohorts::<T>::get((netuid, hotkey, record.cohort_epoch)).map(|c| c.reward_factor)
	}

	/// `record` with its dividends up to `pool`'s factor moved into `pending`, and its maturing
	/// FLY matured when `joined` (the factor its cohort joined at) is known.
	fn settled(
		mut record: StakeRecord,
		pool: &StakePool,
		joined: Option<FixedU128>,
	) -> StakeRecord {
		let earned = accrued(record.amount, pool.reward_factor, record.reward_factor);
		record.pending = record.pending.saturating_add(earned);
		if let Some(joined) = joined {
			let earned = accrued(record.maturing, pool.reward_factor, joined);
			record.pending = record.pending.saturating_add(earned);
			record.amount = record.amount.saturating_add(record.maturing);
			record.maturing = 0;
		}
		record.reward_factor = pool.reward_factor;
		record
	}

	/// Settles `record` against `pool` (already matured by [`Self::mature_pool`]), releasing its
	/// share of a matured cohort's entry.
	fn settle(
		netuid: NetUid,
		hotkey: &T::AccountId,
		record: StakeRecord,
		pool: &StakePool,
		epochs: u32,
	) -> StakeRecord {
		let joined = Self::joined_at(netuid, hotkey, &record, pool, epochs);
		if joined.is_some() {
			MaturedCohorts::<T>::mutate_exists((netuid, hotkey, record.cohort_epoch), |entry| {
				if let Some(cohort) = entry {
					cohort.records = cohort.records.saturating_sub(1);
					if cohort.records == 0 {
						*entry = None;
					}
				}
			});
		}
		Self::settled(record, pool, joined)
	}

	/// `coldkey`'s stake on `hotkey` of `netuid`, settled up to now (a view: writes nothing).
	pub fn stake_of(coldkey: &T::AccountId, netuid: NetUid, hotkey: &T::AccountId) -> StakeRecord {
		let pool = StakePools::<T>::get(netuid, hotkey).unwrap_or_default();
		let epochs = Self::epochs_of(netuid);
		Stakes::<T>::get((coldkey, netuid, hotkey))
			.map(|r| {
				let joined = Self::joined_at(netuid, hotkey, &r, &pool, epochs);
				Self::settled(r, &pool, joined)
			})
			.unwrap_or_default()
	}

	/// The pool of `hotkey` on `netuid` and `coldkey`'s record in it, both settled up to now.
	fn settled_pair(
		netuid: NetUid,
		hotkey: &T::AccountId,
		record: StakeRecord,
	) -> (StakePool, StakeRecord) {
		let epochs = Self::epochs_of(netuid);
		let mut pool = StakePools::<T>::get(netuid, hotkey).unwrap_or_default();
		Self::mature_pool(netuid, hotkey, &mut pool, epochs);
		let record = Self::settle(netuid, hotkey, record, &pool, epochs);
		(pool, record)
	}

	pub(crate) fn do_add_stake(
		coldkey: T::AccountId,
		netuid: NetUid,
		hotkey: T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let mut subnet = Networks::<T>::get(netuid).ok_or(Error::<T>::UnknownSubnet)?;
		ensure!(Uids::<T>::contains_key(netuid, &hotkey), Error::<T>::NotRegistered);
		let taken = flywheel_primitives::takes_exclusive_freeze::<_, T::Currency, T::VeFly>;
		ensure!(!taken(&coldkey, amount), Error::<T>::LockedInVeFly);
		let existing = Stakes::<T>::get((&coldkey, netuid, &hotkey));
		// A new stake entry holds the minimum (dust entries would bloat the map for free).
		ensure!(
			existing.is_some()
				|| amount >= <T::MinStake as frame_support::traits::Get<Balance>>::get(),
			Error::<T>::BelowMinimum
		);
		let existing = existing.unwrap_or_default();
		let (mut pool, mut record) = Self::settled_pair(netuid, &hotkey, existing);
		// The new FLY joins the cohort of the epochs run so far (the pool's cohort, if any, is
		// this one: an older one has just matured).
		if record.maturing == 0 {
			if pool.cohort_records == 0 {
				pool.cohort_epoch = subnet.epochs;
			}
			pool.cohort_records = pool.cohort_records.saturating_add(1);
			record.cohort_epoch = subnet.epochs;
		}
		record.maturing = record.maturing.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		pool.maturing = pool.maturing.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		Self::count_stake(&mut subnet, amount)?;
		Self::hold(HoldReason::Stake, &coldkey, amount)?;
		Stakes::<T>::insert((&coldkey, netuid, &hotkey), record);
		StakePools::<T>::insert(netuid, &hotkey, pool);
		Networks::<T>::insert(netuid, subnet);
		Self::deposit_event(Event::StakeAdded { coldkey, netuid, hotkey, amount });
		Ok(())
	}

	pub(crate) fn do_remove_stake(
		coldkey: T::AccountId,
		netuid: NetUid,
		hotkey: T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let record = Stakes::<T>::get((&coldkey, netuid, &hotkey)).ok_or(Error::<T>::NotStaked)?;
		ensure!(amount <= record.staked(), Error::<T>::InsufficientStake);
		let (mut pool, mut record) = Self::settled_pair(netuid, &hotkey, record);
		// Maturing FLY first: it has earned nothing yet, so leaving with it forfeits nothing.
		let from_maturing = amount.min(record.maturing);
		let from_matured = amount.saturating_sub(from_maturing);
		record.maturing = record.maturing.saturating_sub(from_maturing);
		pool.maturing = pool.maturing.saturating_sub(from_maturing);
		if from_maturing > 0 && record.maturing == 0 {
			pool.cohort_records = pool.cohort_records.saturating_sub(1);
		}
		record.amount = record.amount.saturating_sub(from_matured);
		pool.total = pool.total.saturating_sub(from_matured);
		Self::release(HoldReason::Stake, &coldkey, amount)?;
		// Stake on a deregistered hotkey or a removed subnet no longer counts: nothing to take
		// off the totals.
		if Uids::<T>::contains_key(netuid, &hotkey) {
			Networks::<T>::mutate(netuid, |subnet| {
				if let Some(subnet) = subnet {
					Self::uncount_stake(subnet, amount);
				}
			});
		}
		Self::store_stake(&coldkey, netuid, &hotkey, record);
		Self::store_pool(netuid, &hotkey, pool);
		Self::deposit_event(Event::StakeRemoved { coldkey, netuid, hotkey, amount });
		Ok(())
	}

	pub(crate) fn do_claim_dividends(
		coldkey: T::AccountId,
		netuid: NetUid,
		hotkey: T::AccountId,
	) -> DispatchResult {
		let record = Stakes::<T>::get((&coldkey, netuid, &hotkey)).ok_or(Error::<T>::NotStaked)?;
		let (pool, mut record) = Self::settled_pair(netuid, &hotkey, record);
		let amount = core::mem::take(&mut record.pending);
		Self::pay(&coldkey, amount)?;
		Self::store_stake(&coldkey, netuid, &hotkey, record);
		Self::store_pool(netuid, &hotkey, pool);
		Ok(())
	}

	/// Takes `amount` of stake out of what `subnet` and the chain count (a removal, or a hotkey
	/// leaving the subnet). The sharing and the bonded ratio count the lowest stake since the
	/// last round, so the lows fall with it: stake that leaves after a round and returns before
	/// the next counts for neither.
	pub(crate) fn uncount_stake(subnet: &mut SubnetInfo<T::AccountId>, amount: Balance) {
		if amount == 0 {
			return;
		}
		subnet.total_stake = subnet.total_stake.saturating_sub(amount);
		subnet.stake_snapshot = subnet.stake_snapshot.min(subnet.total_stake);
		let total = TotalStake::<T>::mutate(|t| {
			*t = t.saturating_sub(amount);
			*t
		});
		TotalStakeAtLastRound::<T>::mutate(|low| *low = (*low).min(total));
	}

	/// Counts `amount` more stake on `subnet` (an addition, or a hotkey with stakers registered
	/// back); the lows are not raised, so it counts from the next round.
	pub(crate) fn count_stake(
		subnet: &mut SubnetInfo<T::AccountId>,
		amount: Balance,
	) -> DispatchResult {
		if amount == 0 {
			return Ok(());
		}
		subnet.total_stake = subnet.total_stake.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		let total = TotalStake::<T>::get().checked_add(amount).ok_or(Error::<T>::Overflow)?;
		TotalStake::<T>::put(total);
		Ok(())
	}

	/// The FLY staked on `hotkey` of `netuid`, matured or not.
	pub(crate) fn pool_stake(netuid: NetUid, hotkey: &T::AccountId) -> Balance {
		StakePools::<T>::get(netuid, hotkey).map_or(0, |p| p.total.saturating_add(p.maturing))
	}

	/// Counts every stake as matured and every subnet's stake as seen by the pool's sharing:
	/// genesis stake was in place before the first epoch. Genesis only (iterates all stake).
	pub(crate) fn mature_genesis_stake() {
		StakePools::<T>::translate_values(|mut pool: StakePool| {
			pool.total = pool.total.saturating_add(pool.maturing);
			pool.maturing = 0;
			pool.cohort_records = 0;
			Some(pool)
		});
		Stakes::<T>::translate_values(|mut record: StakeRecord| {
			record.amount = record.amount.saturating_add(record.maturing);
			record.maturing = 0;
			Some(record)
		});
		Networks::<T>::translate_values(|mut subnet: SubnetInfo<T::AccountId>| {
			subnet.stake_snapshot = subnet.total_stake;
			Some(subnet)
		});
		TotalStakeAtLastRound::<T>::put(TotalStake::<T>::get());
	}

	/// Stores `record`, or removes it once nothing is staked or owed.
	fn store_stake(coldkey: &T::AccountId, netuid: NetUid, hotkey: &T::AccountId, r: StakeRecord) {
		if r.staked() == 0 && r.pending == 0 {
			Stakes::<T>::remove((coldkey, netuid, hotkey));
		} else {
			Stakes::<T>::insert((coldkey, netuid, hotkey), r);
		}
	}

	/// Stores `pool`, or removes it once empty: a stake with nothing in it accrues nothing, so
	/// its factor is no longer needed.
	pub(crate) fn store_pool(netuid: NetUid, hotkey: &T::AccountId, pool: StakePool) {
		if pool.total == 0 && pool.maturing == 0 && pool.cohort_records == 0 {
			StakePools::<T>::remove(netuid, hotkey);
			// No staker is left for a deregistered hotkey's take to protect.
			RetiredTakes::<T>::remove(netuid, hotkey);
		} else {
			StakePools::<T>::insert(netuid, hotkey, pool);
		}
	}
}
