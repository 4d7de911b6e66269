// SPDX-License-Identifier: Apache-2.0
//! DNT → FLY redemption: at once at the treasury ratio (`k = 0`), or settled per block at one
//! rate along a front-loaded curve (`k > 0`).
//!
//! With `k = 0` a redemption pays `R × dS / S` and leaves the ratio `R / S` as it was, so the
//! order of redemptions changes nothing: each is paid at once. With `k > 0` the curve pays the
//! first DNT redeemed more than the last, so redeeming first is worth a race: a small redemption
//! sent in front of a large one would take the top of the curve. Such a subDAO's redemptions of
//! one block are queued (their DNT held by the pallet) and settled together in `on_finalize`:
//! the batch is priced as one redemption of its whole amount, and every request is paid that
//! batch's rate. Order within a block no longer matters; splitting a redemption gains nothing
//! (the curve is path independent), and the treasury pays what one redemption of the sum pays.

use crate::*;
use frame_support::{
	dispatch::DispatchResult,
	ensure,
	traits::{
		fungible::Mutate as _,
		fungibles::{Inspect as _, Mutate as _},
		tokens::{Fortitude, Precision, Preservation},
		Get,
	},
};
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};
use sp_runtime::traits::AccountIdConversion;

impl<T: Config> Pallet<T> {
	/// Where queued DNT waits for the end of its block.
	pub fn redemption_account(subdao: SubDaoId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating((b"rdmq", subdao))
	}

	/// Redeems or queues `dnt_amount` of `who` (see [`Pallet::redeem`]).
	pub(crate) fn do_redeem(
		who: T::AccountId,
		subdao: SubDaoId,
		dnt_amount: Balance,
		min_fly_out: Balance,
	) -> DispatchResult {
		ensure!(dnt_amount > 0, Error::<T>::ZeroAmount);
		let info = Registry::<T>::get(subdao).ok_or(Error::<T>::UnknownSubDao)?;
		ensure!(!info.redemption_frozen, Error::<T>::RedemptionFrozen);
		ensure!(
			T::Assets::balance(info.dnt.clone(), &who) >= dnt_amount,
			Error::<T>::InsufficientDnt
		);
		if info.config.curve_k == 0 {
			Self::redeem_now(who, subdao, info, dnt_amount, min_fly_out)
		} else {
			Self::queue_redemption(who, subdao, info, dnt_amount, min_fly_out)
		}
	}

	/// The FLY the treasury of `subdao` may still pay within the outflow window on top of
	/// `window_value`, given it holds `reserve`.
	fn outflow_allows(reserve: Balance, window_value: Balance, out: Balance) -> bool {
		let cap = Params::<T>::get().redemption_cap;
		window_value.saturating_add(out) <= cap * reserve.saturating_add(window_value)
	}

	/// The `k = 0` path: burns and pays at once.
	fn redeem_now(
		who: T::AccountId,
		subdao: SubDaoId,
		info: SubDaoInfoOf<T>,
		dnt_amount: Balance,
		min_fly_out: Balance,
	) -> DispatchResult {
		let reserve = Self::treasury_reserve(subdao);
		let fly = Self::redemption_out(&info, reserve, dnt_amount)?;
		ensure!(fly > 0, Error::<T>::NothingToRedeem);
		ensure!(fly >= min_fly_out, Error::<T>::SlippageExceeded);
		let now = Self::now();
		let window = Params::<T>::get().redemption_window;
		let mut state = States::<T>::get(subdao);
		let recent = state.redemptions.decayed(now, window);
		ensure!(Self::outflow_allows(reserve, recent, fly), Error::<T>::RedemptionCapExceeded);
		state.redemptions = RollingWindow { value: recent.saturating_add(fly), last_block: now };
		T::Assets::burn_from(
			info.dnt,
			&who,
			dnt_amount,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		T::Currency::transfer(&Self::treasury_account(subdao), &who, fly, Preservation::Preserve)?;
		state.dnt_burned = state.dnt_burned.saturating_add(dnt_amount);
		States::<T>::insert(subdao, state);
		Self::deposit_event(Event::Redeemed { subdao, who, dnt_burned: dnt_amount, fly_paid: fly });
		Ok(())
	}

	/// The `k > 0` path: checks the request against the block's batch as it would be settled
	/// now (a later request can only lower its rate: its slippage bound is checked again at
	/// settlement), holds its DNT and queues it.
	fn queue_redemption(
		who: T::AccountId,
		subdao: SubDaoId,
		info: SubDaoInfoOf<T>,
		dnt_amount: Balance,
		min_fly_out: Balance,
	) -> DispatchResult {
		let mut queue = QueuedRedemptions::<T>::get(subdao);
		let queued = queue.iter().fold(0 as Balance, |sum, r| sum.saturating_add(r.dnt));
		let total = queued.checked_add(dnt_amount).ok_or(Error::<T>::Overflow)?;
		let reserve = Self::treasury_reserve(subdao);
		let out_total = Self::redemption_out(&info, reserve, total)?;
		let own = multiply_by_rational_with_rounding(out_total, dnt_amount, total, Rounding::Down)
			.unwrap_or(0);
		ensure!(own > 0, Error::<T>::NothingToRedeem);
		ensure!(own >= min_fly_out, Error::<T>::SlippageExceeded);
		let window = Params::<T>::get().redemption_window;
		let recent = States::<T>::get(subdao).redemptions.decayed(Self::now(), window);
		ensure!(
			Self::outflow_allows(reserve, recent, out_total),
			Error::<T>::RedemptionCapExceeded
		);
		let first = queue.is_empty();
		queue
			.try_push(QueuedRedemption { who: who.clone(), dnt: dnt_amount, min_fly_out })
			.map_err(|_| Error::<T>::TooManyQueuedRedemptions)?;
		if first {
			RedemptionsDue::<T>::try_mutate(|due| due.try_push(subdao))
				.map_err(|_| Error::<T>::TooManyQueuedRedemptions)?;
		}
		T::Assets::transfer(
			info.dnt,
			&who,
			&Self::redemption_account(subdao),
			dnt_amount,
			Preservation::Expendable,
		)?;
		QueuedRedemptions::<T>::insert(subdao, queue);
		Self::deposit_event(Event::RedemptionQueued { subdao, who, dnt: dnt_amount });
		Ok(())
	}

	/// Settles every queued batch of this block (the runtime calls it from `on_finalize`).
	/// Each request's weight paid for its share of this work.
	pub(crate) fn settle_redemptions() {
		for subdao in RedemptionsDue::<T>::take() {
			Self::settle(subdao);
		}
	}

	/// Settles `subdao`'s batch at one rate: requests whose share would now fall below their
	/// `min_fly_out` get their DNT back and the batch is priced again without them (their
	/// leaving only raises the others' rate); the rest are paid their share of the batch's
	/// curve payout and their DNT is burned.
	fn settle(subdao: SubDaoId) {
		let mut queue = QueuedRedemptions::<T>::take(subdao).into_inner();
		let Some(info) = Registry::<T>::get(subdao) else { return };
		let holder = Self::redemption_account(subdao);
		let treasury = Self::treasury_account(subdao);
		let reserve = Self::treasury_reserve(subdao);
		let mut refunds = alloc::vec::Vec::new();
		let payouts = loop {
			let total = queue.iter().fold(0 as Balance, |sum, r| sum.saturating_add(r.dnt));
			let out_total = Self::redemption_out(&info, reserve, total).unwrap_or(0);
			let share = |r: &QueuedRedemption<T::AccountId>| {
				multiply_by_rational_with_rounding(out_total, r.dnt, total.max(1), Rounding::Down)
					.unwrap_or(0)
			};
			let (ok, short): (alloc::vec::Vec<_>, alloc::vec::Vec<_>) =
				queue.into_iter().partition(|r| {
					let own = share(r);
					own > 0 && own >= r.min_fly_out
				});
			if short.is_empty() {
				break ok.into_iter().map(|r| (share(&r), r)).collect::<alloc::vec::Vec<_>>();
			}
			refunds.extend(short);
			queue = ok;
		};
		let (mut burned, mut paid) = (0 as Balance, 0 as Balance);
		for (fly, r) in payouts {
			if T::Currency::transfer(&treasury, &r.who, fly, Preservation::Preserve).is_err() {
				refunds.push(r);
				continue;
			}
			burned = burned.saturating_add(r.dnt);
			paid = paid.saturating_add(fly);
			Self::deposit_event(Event::Redeemed {
				subdao,
				who: r.who,
				dnt_burned: r.dnt,
				fly_paid: fly,
			});
		}
		for r in refunds {
			let back = T::Assets::transfer(
				info.dnt.clone(),
				&holder,
				&r.who,
				r.dnt,
				Preservation::Expendable,
			);
			debug_assert!(back.is_ok(), "queued DNT is held for its owner");
			Self::deposit_event(Event::RedemptionRefunded { subdao, who: r.who, dnt: r.dnt });
		}
		if burned > 0 {
			let burn = T::Assets::burn_from(
				info.dnt,
				&holder,
				burned,
				Preservation::Expendable,
				Precision::Exact,
				Fortitude::Polite,
			);
			debug_assert!(burn.is_ok(), "the batch's DNT is held");
		}
		let now = Self::now();
		let window = Params::<T>::get().redemption_window;
		States::<T>::mutate(subdao, |state| {
			let recent = state.redemptions.decayed(now, window);
			state.redemptions =
				RollingWindow { value: recent.saturating_add(paid), last_block: now };
			state.dnt_burned = state.dnt_burned.saturating_add(burned);
		});
	}
}
