//! Stake: coldkeys stake to hotkeys per subnet; validators' dividends after take raise the stake
//! pool's cumulative factor, and each stake's share is settled when it changes or is claimed.

use crate::*;
use flywheel_primitives::reward_factor::accrued;
use frame_support::{ensure, pallet_prelude::DispatchResult};

impl<T: Config> Pallet<T> {
	/// `record` with its dividends up to `pool`'s factor moved into `pending`.
	pub fn settled(mut record: StakeRecord, pool: &StakePool) -> StakeRecord {
		let earned = accrued(record.amount, pool.reward_factor, record.reward_factor);
		record.pending = record.pending.saturating_add(earned);
		record.reward_factor = pool.reward_factor;
		record
	}

	/// `coldkey`'s stake on `hotkey` of `netuid`, settled up to now.
	pub fn stake_of(coldkey: &T::AccountId, netuid: NetUid, hotkey: &T::AccountId) -> StakeRecord {
		let pool = StakePools::<T>::get(netuid, hotkey).unwrap_or_default();
		Stakes::<T>::get((coldkey, netuid, hotkey))
			.map(|r| Self::settled(r, &pool))
			.unwrap_or_default()
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
		let mut pool = StakePools::<T>::get(netuid, &hotkey).unwrap_or_default();
		let mut record =
			Self::settled(Stakes::<T>::get((&coldkey, netuid, &hotkey)).unwrap_or_default(), &pool);
		record.amount = record.amount.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		pool.total = pool.total.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		subnet.total_stake = subnet.total_stake.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		let total = TotalStake::<T>::get().checked_add(amount).ok_or(Error::<T>::Overflow)?;
		Self::hold(HoldReason::Stake, &coldkey, amount)?;
		Stakes::<T>::insert((&coldkey, netuid, &hotkey), record);
		StakePools::<T>::insert(netuid, &hotkey, pool);
		Networks::<T>::insert(netuid, subnet);
		TotalStake::<T>::put(total);
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
		let mut pool = StakePools::<T>::get(netuid, &hotkey).unwrap_or_default();
		let mut record = Self::settled(record, &pool);
		record.amount = record.amount.checked_sub(amount).ok_or(Error::<T>::InsufficientStake)?;
		pool.total = pool.total.saturating_sub(amount);
		Self::release(HoldReason::Stake, &coldkey, amount)?;
		Networks::<T>::mutate(netuid, |subnet| {
			if let Some(subnet) = subnet {
				subnet.total_stake = subnet.total_stake.saturating_sub(amount);
			}
		});
		TotalStake::<T>::mutate(|t| *t = t.saturating_sub(amount));
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
		let pool = StakePools::<T>::get(netuid, &hotkey).unwrap_or_default();
		let mut record = Self::settled(record, &pool);
		let amount = core::mem::take(&mut record.pending);
		Self::pay(&coldkey, amount)?;
		Self::store_stake(&coldkey, netuid, &hotkey, record);
		Ok(())
	}

	/// Stores `record`, or removes it once nothing is staked or owed.
	fn store_stake(coldkey: &T::AccountId, netuid: NetUid, hotkey: &T::AccountId, r: StakeRecord) {
		if r.amount == 0 && r.pending == 0 {
			Stakes::<T>::remove((coldkey, netuid, hotkey));
		} else {
			Stakes::<T>::insert((coldkey, netuid, hotkey), r);
		}
	}

	/// Stores `pool`, or removes it once empty: a stake with nothing in it accrues nothing, so
	/// its factor is no longer needed.
	fn store_pool(netuid: NetUid, hotkey: &T::AccountId, pool: StakePool) {
		if pool.total == 0 {
			StakePools::<T>::remove(netuid, hotkey);
		} else {
			StakePools::<T>::insert(netuid, hotkey, pool);
		}
	}
}
