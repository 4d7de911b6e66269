// SPDX-License-Identifier: Apache-2.0
//! veFLY positions: locking, lockup changes, delegation and the subDAO totals they move, claims.

use crate::{ve::VeCurve, *};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{self, MutateFreeze},
		fungibles::{Inspect as _, Mutate as _},
		tokens::Preservation,
	},
};
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};
use sp_runtime::{traits::AccountIdConversion, SaturatedConversion};

impl<T: Config> Pallet<T> {
	/// The current block as a [`BlockNumber`].
	pub(crate) fn now() -> BlockNumber {
		frame_system::Pallet::<T>::block_number().saturated_into()
	}

	/// The epoch containing `block`.
	pub fn epoch_of(block: BlockNumber) -> EpochIndex {
		block.checked_div(T::EpochLength::get()).unwrap_or_default()
	}

	/// The voting power curve of the runtime's constants.
	pub fn curve() -> VeCurve {
		VeCurve {
			baseline: T::VeBaseline::get(),
			max_extra: T::VeMaxExtra::get(),
			saturation: T::VeSaturation::get(),
		}
	}

	/// The first epoch boundary at or after `from + duration`.
	pub(crate) fn boundary_after(
		from: BlockNumber,
		duration: BlockNumber,
	) -> Result<BlockNumber, Error<T>> {
		let length = T::EpochLength::get();
		from.checked_add(duration)
			.and_then(|t| t.checked_next_multiple_of(length))
			.ok_or(Error::<T>::Overflow)
	}

	/// The lockup of a new lock (or an extension) of `kind` for `duration` blocks from now.
	pub(crate) fn new_lockup(kind: LockKind, duration: BlockNumber) -> Result<Lockup, Error<T>> {
		ensure!(duration > 0 && duration <= T::VeSaturation::get(), Error::<T>::InvalidDuration);
		Ok(match kind {
			LockKind::Cliff => Lockup::Cliff { end: Self::boundary_after(Self::now(), duration)? },
			LockKind::Constant => Lockup::Constant {
				duration: duration
					.checked_next_multiple_of(T::EpochLength::get())
					.ok_or(Error::<T>::Overflow)?,
			},
		})
	}

	/// `position`, if it exists and belongs to `who`.
	pub(crate) fn owned_position(
		who: &T::AccountId,
		position: PositionId,
	) -> Result<Position<T::AccountId>, Error<T>> {
		let pos = Positions::<T>::get(position).ok_or(Error::<T>::UnknownPosition)?;
		ensure!(pos.owner == *who, Error::<T>::NotPositionOwner);
		Ok(pos)
	}

	/// Every closed epoch of `delegation` is claimed.
	pub(crate) fn ensure_claimed(delegation: &Delegation) -> Result<(), Error<T>> {
		ensure!(
			delegation.next_claim_epoch >= CurrentEpoch::<T>::get(),
			Error::<T>::UnclaimedRewards
		);
		Ok(())
	}

	pub(crate) fn do_lock(owner: T::AccountId, amount: Balance, lockup: Lockup) -> DispatchResult {
		let mut locks = AccountLocks::<T>::get(&owner);
		ensure!(locks.positions < T::MaxPositionsPerAccount::get(), Error::<T>::TooManyPositions);
		// Locks overlap other freezes (as FRAME's locks do) but never lock the same FLY twice.
		let balance = <T::Currency as fungible::Inspect<_>>::balance(&owner);
		ensure!(
			locks.amount.checked_add(amount).is_some_and(|total| total <= balance),
			Error::<T>::InsufficientBalance
		);
		locks.amount = locks.amount.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		locks.positions = locks.positions.saturating_add(1);
		let position = NextPositionId::<T>::get();
		let next = position.checked_add(1).ok_or(Error::<T>::Overflow)?;

		T::Currency::set_freeze(&FreezeReason::VeFlyLock.into(), &owner, locks.amount)?;
		AccountLocks::<T>::insert(&owner, locks);
		NextPositionId::<T>::put(next);
		Positions::<T>::insert(
			position,
			Position { owner: owner.clone(), amount, lockup, delegation: None },
		);
		Self::deposit_event(Event::Locked { position, owner, amount, lockup });
		Ok(())
	}

	/// Replaces the lockup of `pos`, moving its weight in its subDAO if delegated (a pending
	/// delegation's weight stays pending, at its join block).
	pub(crate) fn change_lockup(
		position: PositionId,
		mut pos: Position<T::AccountId>,
		lockup: Lockup,
	) -> DispatchResult {
		if let Some(delegation) = pos.delegation {
			Self::ensure_claimed(&delegation)?;
			let at = delegation.weight_block(Self::now());
			Self::remove_from_subdao(delegation.subdao, pos.amount, pos.lockup, at);
			Self::add_to_subdao(delegation.subdao, pos.amount, lockup, at);
		}
		pos.lockup = lockup;
		Positions::<T>::insert(position, pos);
		Self::deposit_event(Event::LockupChanged { position, lockup });
		Ok(())
	}

	/// Delegates `position` to `subdao`. An ordinary delegation made in epoch `e` joins the
	/// subDAO's totals at the close of `e + 1` and earns from `e + 1` on, so a delegation made in
	/// the last block of an epoch weighs nothing in that epoch's score or rewards. Genesis
	/// positions (`at_once`) count from the start.
	pub(crate) fn do_delegate(
		position: PositionId,
		mut pos: Position<T::AccountId>,
		subdao: SubDaoId,
		at_once: bool,
	) -> DispatchResult {
		ensure!(Registry::<T>::contains_key(subdao), Error::<T>::UnknownSubDao);
		ensure!(pos.delegation.is_none(), Error::<T>::AlreadyDelegated);
		let now = Self::now();
		let (first_epoch, joins_at) = if at_once {
			(CurrentEpoch::<T>::get(), now)
		} else {
			let first = Self::epoch_of(now).checked_add(1).ok_or(Error::<T>::Overflow)?;
			let close = first
				.checked_add(1)
				.and_then(|e| e.checked_mul(T::EpochLength::get()))
				.ok_or(Error::<T>::Overflow)?;
			(first, close)
		};
		ensure!(
			Self::curve().power_at(pos.amount, pos.lockup, joins_at) > 0,
			Error::<T>::PositionExpired
		);
		Self::add_to_subdao(subdao, pos.amount, pos.lockup, joins_at);
		pos.delegation = Some(Delegation { subdao, next_claim_epoch: first_epoch, joins_at });
		Positions::<T>::insert(position, pos);
		Self::deposit_event(Event::Delegated { position, subdao, from_epoch: first_epoch });
		Ok(())
	}

	pub(crate) fn do_unlock(position: PositionId, pos: Position<T::AccountId>) -> DispatchResult {
		let mut locks = AccountLocks::<T>::get(&pos.owner);
		locks.amount = locks.amount.saturating_sub(pos.amount);
		locks.positions = locks.positions.saturating_sub(1);
		let reason = FreezeReason::VeFlyLock.into();
		if locks.positions == 0 {
			T::Currency::thaw(&reason, &pos.owner)?;
			AccountLocks::<T>::remove(&pos.owner);
		} else {
			T::Currency::set_freeze(&reason, &pos.owner, locks.amount)?;
			AccountLocks::<T>::insert(&pos.owner, locks);
		}
		Positions::<T>::remove(position);
		Self::deposit_event(Event::Unlocked { position, owner: pos.owner, amount: pos.amount });
		Ok(())
	}

	/// Adds the weight of `amount` locked with `lockup` to `subdao`'s totals from block `at`
	/// (now, or a later epoch boundary where it waits as a correction) and schedules its
	/// corrections.
	pub(crate) fn add_to_subdao(
		subdao: SubDaoId,
		amount: Balance,
		lockup: Lockup,
		at: BlockNumber,
	) {
		Self::move_weight(subdao, amount, lockup, at, true)
	}

	/// The exact inverse of [`Self::add_to_subdao`] with the same `at`, or a later `at` once
	/// the weight has joined the totals.
	pub(crate) fn remove_from_subdao(
		subdao: SubDaoId,
		amount: Balance,
		lockup: Lockup,
		at: BlockNumber,
	) {
		Self::move_weight(subdao, amount, lockup, at, false)
	}

	fn move_weight(subdao: SubDaoId, amount: Balance, lockup: Lockup, at: BlockNumber, add: bool) {
		let c = Self::curve().contribution(amount, lockup, at);
		let apply = |x: u128, d: u128| if add { x.saturating_add(d) } else { x.saturating_sub(d) };
		let update = |block: BlockNumber, f: &dyn Fn(&mut VeCorrection)| {
			VeCorrections::<T>::mutate_exists(subdao, Self::epoch_of(block), |entry| {
				let mut c = entry.take().unwrap_or_default();
				f(&mut c);
				*entry = (!c.is_empty()).then_some(c);
			});
		};
		if at > Self::now() {
			update(at, &|k| {
				k.power_add = apply(k.power_add, c.power);
				k.fall_rate_add = apply(k.fall_rate_add, c.fall_rate);
			});
		} else {
			States::<T>::mutate(subdao, |s| {
				let mut ve = s.ve.advanced(at);
				ve.power = apply(ve.power, c.power);
				ve.fall_rate = apply(ve.fall_rate, c.fall_rate);
				s.ve = ve;
			});
		}
		if let Some((block, rate)) = c.decay_start {
			update(block, &|k| k.fall_rate_add = apply(k.fall_rate_add, rate));
		}
		if let Some((block, rate, baseline)) = c.expiry {
			update(block, &|k| {
				k.fall_rate_sub = apply(k.fall_rate_sub, rate);
				k.power_sub = apply(k.power_sub, baseline);
			});
		}
	}

	/// Pays the position's delegator DNT; returns how many epochs it paid for.
	pub(crate) fn do_claim(
		who: &T::AccountId,
		position: PositionId,
		up_to_epoch: EpochIndex,
	) -> Result<u32, DispatchError> {
		let mut pos = Self::owned_position(who, position)?;
		let mut delegation = pos.delegation.ok_or(Error::<T>::NotDelegated)?;
		ensure!(up_to_epoch < Self::first_unpaid_epoch(), Error::<T>::EpochNotClosed);
		let from = delegation.next_claim_epoch;
		ensure!(up_to_epoch >= from, Error::<T>::NothingToClaim);
		let last = up_to_epoch.min(from.saturating_add(T::MaxClaimEpochs::get().saturating_sub(1)));
		let info = Registry::<T>::get(delegation.subdao).ok_or(Error::<T>::UnknownSubDao)?;
		let curve = Self::curve();
		let length = T::EpochLength::get();
		let mut amount: Balance = 0;
		for epoch in from..=last {
			let Some(record) = EpochRecords::<T>::get(delegation.subdao, epoch) else { continue };
			let close = epoch.saturating_add(1).saturating_mul(length);
			let power = curve.power_at(pos.amount, pos.lockup, close);
			let share = multiply_by_rational_with_rounding(
				record.dnt_to_delegators,
				power,
				record.ve_power,
				Rounding::Down,
			)
			.unwrap_or_default();
			if share > 0 {
				// At most the epoch's delegator DNT (records from before v2 count as claimed).
				let cap = record.dnt_to_delegators;
				EpochClaims::<T>::mutate(delegation.subdao, epoch, |c| {
					*c = c.saturating_add(share).min(cap)
				});
			}
			amount = amount.saturating_add(share);
		}
		if amount > 0 {
			T::Assets::transfer(
				info.dnt,
				&Self::delegator_pool_account(delegation.subdao),
				&pos.owner,
				amount,
				Preservation::Expendable,
			)?;
		}
		delegation.next_claim_epoch = last.saturating_add(1);
		pos.delegation = Some(delegation);
		Positions::<T>::insert(position, pos);
		Self::deposit_event(Event::DelegationRewardsClaimed {
			position,
			subdao: delegation.subdao,
			from_epoch: from,
			to_epoch: last,
			amount,
		});
		Ok(last.saturating_sub(from).saturating_add(1))
	}

	/// The subDAO pool: receives emission, pays treasuries at epoch close.
	pub fn pool_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// A subDAO's treasury of FLY.
	pub fn treasury_account(subdao: SubDaoId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating((b"trsy", subdao))
	}

	/// A subDAO's rewards escrow of DNT for device operators.
	pub fn rewards_account(subdao: SubDaoId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating((b"rwds", subdao))
	}

	/// A subDAO's pool of DNT for veFLY delegators.
	pub fn delegator_pool_account(subdao: SubDaoId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating((b"dlgt", subdao))
	}

	/// The veFLY power of `position` now (plain, not scaled).
	pub fn position_power(position: PositionId) -> Option<Balance> {
		let pos = Positions::<T>::get(position)?;
		let curve = Self::curve();
		Some(curve.unscale(curve.power_at(pos.amount, pos.lockup, Self::now())))
	}

	/// DNT held by `who` of `subdao` (for tests and the API).
	pub fn dnt_balance(subdao: SubDaoId, who: &T::AccountId) -> Balance {
		Registry::<T>::get(subdao).map(|i| T::Assets::balance(i.dnt, who)).unwrap_or_default()
	}
}
