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
//!
//! Every request moves at least the DNT's minimum balance and leaves its sender none or at least
//! that much, so no DNT dust is swept on the way in or out, and an account queues once a block.
//! The outflow cap is checked for the request alone when it is queued and for the batch at the
//! settlement (the latest requests leave first), so a large request cannot hold the cap for a
//! block and then leave. A refund that cannot be sent waits in [`PendingRefunds`] for
//! [`Pallet::claim_refund`]: nothing is lost.

use crate::*;
use alloc::vec::Vec;
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

type Request<T> = QueuedRedemption<<T as frame_system::Config>::AccountId>;

impl<T: Config> Pallet<T> {
	/// Where queued DNT waits for the end of its block (and refunds that could not be sent).
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
		let held = T::Assets::balance(info.dnt.clone(), &who);
		ensure!(held >= dnt_amount, Error::<T>::InsufficientDnt);
		// No dust: the amount and what stays are each none or at least the minimum balance.
		let min = T::DntMinBalance::get();
		let left = held.saturating_sub(dnt_amount);
		ensure!(dnt_amount >= min && (left == 0 || left >= min), Error::<T>::BelowMinimum);
		if info.config.curve_k == 0 {
			Self::redeem_now(who, subdao, info, dnt_amount, min_fly_out)
		} else {
			Self::queue_redemption(who, subdao, info, dnt_amount, min_fly_out)
		}
	}

	/// Whether the treasury of `subdao`, holding `reserve`, may pay `out` more on top of
	/// `window_value` within the outflow window.
	fn outflow_allows(reserve: Balance, window_value: Balance, out: Balance) -> bool {
		let cap = Params::<T>::get().redemption_cap;
		window_value.saturating_add(out) <= cap * reserve.saturating_add(window_value)
	}

	/// FLY redeemed from `subdao`'s treasury within the outflow window, now.
	fn recent_outflow(subdao: SubDaoId) -> Balance {
		let window = Params::<T>::get().redemption_window;
		States::<T>::get(subdao).redemptions.decayed(Self::now(), window)
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
		let recent = Self::recent_outflow(subdao);
		ensure!(Self::outflow_allows(reserve, recent, fly), Error::<T>::RedemptionCapExceeded);
		let burned = T::Assets::burn_from(
			info.dnt,
			&who,
			dnt_amount,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		T::Currency::transfer(&Self::treasury_account(subdao), &who, fly, Preservation::Preserve)?;
		let now = Self::now();
		States::<T>::mutate(subdao, |state| {
			state.redemptions =
				RollingWindow { value: recent.saturating_add(fly), last_block: now };
			state.dnt_burned = state.dnt_burned.saturating_add(burned);
		});
		Self::deposit_event(Event::Redeemed { subdao, who, dnt_burned: burned, fly_paid: fly });
		Ok(())
	}

	/// The `k > 0` path: checks the request against the block's batch so far (its slippage
	/// bound is checked again at settlement, where later requests can only have lowered its
	/// rate) and the outflow cap for the request alone, holds its DNT and queues it.
	fn queue_redemption(
		who: T::AccountId,
		subdao: SubDaoId,
		info: SubDaoInfoOf<T>,
		dnt_amount: Balance,
		min_fly_out: Balance,
	) -> DispatchResult {
		let mut queue = QueuedRedemptions::<T>::get(subdao);
		ensure!(queue.iter().all(|r| r.who != who), Error::<T>::AlreadyQueued);
		let queued = queue.iter().fold(0 as Balance, |sum, r| sum.saturating_add(r.dnt));
		let total = queued.checked_add(dnt_amount).ok_or(Error::<T>::Overflow)?;
		let reserve = Self::treasury_reserve(subdao);
		let out_total = Self::redemption_out(&info, reserve, total)?;
		let own = multiply_by_rational_with_rounding(out_total, dnt_amount, total, Rounding::Down)
			.unwrap_or(0);
		ensure!(own > 0, Error::<T>::NothingToRedeem);
		ensure!(own >= min_fly_out, Error::<T>::SlippageExceeded);
		let alone = Self::redemption_out(&info, reserve, dnt_amount)?;
		ensure!(
			Self::outflow_allows(reserve, Self::recent_outflow(subdao), alone),
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
	/// Each request's weight paid for its share of this work; a block without a batch reads
	/// one value (charged by `on_initialize`).
	pub(crate) fn settle_redemptions() {
		if !RedemptionsDue::<T>::exists() {
			return;
		}
		for subdao in RedemptionsDue::<T>::take() {
			Self::settle(subdao);
		}
	}

	/// The batch's payout `out_total` for `queue`, and each request's share of it.
	fn shares(
		info: &SubDaoInfoOf<T>,
		reserve: Balance,
		queue: &[Request<T>],
	) -> (Balance, Vec<Balance>) {
		let total = queue.iter().fold(0 as Balance, |sum, r| sum.saturating_add(r.dnt));
		let out_total = Self::redemption_out(info, reserve, total).unwrap_or(0);
		let shares = queue
			.iter()
			.map(|r| {
				multiply_by_rational_with_rounding(out_total, r.dnt, total.max(1), Rounding::Down)
					.unwrap_or(0)
			})
			.collect();
		(out_total, shares)
	}

	/// Settles `subdao`'s batch at one rate. Requests leave the batch (their DNT goes back)
	/// while any would be paid less than its `min_fly_out` (each leaving raises the others'
	/// rate) or the batch would take the treasury past the outflow cap (the latest request
	/// first); the rest are paid their share of the batch's curve payout and their DNT is
	/// burned.
	fn settle(subdao: SubDaoId) {
		let mut queue = QueuedRedemptions::<T>::take(subdao).into_inner();
		let Some(info) = Registry::<T>::get(subdao) else { return };
		let holder = Self::redemption_account(subdao);
		let treasury = Self::treasury_account(subdao);
		let reserve = Self::treasury_reserve(subdao);
		let recent = Self::recent_outflow(subdao);
		let mut refunds = Vec::new();
		let payouts = loop {
			let (out_total, shares) = Self::shares(&info, reserve, &queue);
			if let Some(short) = shares
				.iter()
				.zip(queue.iter())
				.position(|(own, r)| *own == 0 || *own < r.min_fly_out)
			{
				refunds.push(queue.remove(short));
			} else if !queue.is_empty() && !Self::outflow_allows(reserve, recent, out_total) {
				refunds.extend(queue.pop());
			} else {
				break shares.into_iter().zip(queue).collect::<Vec<_>>();
			}
		};
		let (mut burned, mut paid) = (0 as Balance, 0 as Balance);
		for (fly, r) in payouts {
			// A payee that cannot take the FLY (below the existential deposit of an account that
			// does not exist) is refunded instead.
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
		// The paid requests' DNT together: what stays held is the refunds', each at least the
		// minimum balance, so nothing is swept as dust.
		if burned > 0 {
			let burn = T::Assets::burn_from(
				info.dnt.clone(),
				&holder,
				burned,
				Preservation::Expendable,
				Precision::Exact,
				Fortitude::Polite,
			);
			if burn.is_err() {
				// Only root freezing the DNT within the block stops this; try_state reports it.
				log::error!(target: "runtime::subdaos", "redemption batch of {subdao}: burn failed");
			}
		}
		for r in refunds {
			let back = T::Assets::transfer(
				info.dnt.clone(),
				&holder,
				&r.who,
				r.dnt,
				Preservation::Expendable,
			);
			if back.is_ok() {
				Self::deposit_event(Event::RedemptionRefunded { subdao, who: r.who, dnt: r.dnt });
			} else {
				PendingRefunds::<T>::mutate(subdao, &r.who, |owed| {
					*owed = owed.saturating_add(r.dnt)
				});
				Self::deposit_event(Event::RefundPending { subdao, who: r.who, dnt: r.dnt });
			}
		}
		let now = Self::now();
		States::<T>::mutate(subdao, |state| {
			state.redemptions =
				RollingWindow { value: recent.saturating_add(paid), last_block: now };
			state.dnt_burned = state.dnt_burned.saturating_add(burned);
		});
	}

	/// Sends `who` the DNT of `subdao` a settlement could not give back (see
	/// [`Pallet::claim_refund`]).
	pub(crate) fn do_claim_refund(who: T::AccountId, subdao: SubDaoId) -> DispatchResult {
		let info = Registry::<T>::get(subdao).ok_or(Error::<T>::UnknownSubDao)?;
		let owed = PendingRefunds::<T>::get(subdao, &who);
		ensure!(owed > 0, Error::<T>::NothingToClaim);
		T::Assets::transfer(
			info.dnt,
			&Self::redemption_account(subdao),
			&who,
			owed,
			Preservation::Expendable,
		)?;
		PendingRefunds::<T>::remove(subdao, &who);
		Self::deposit_event(Event::RedemptionRefunded { subdao, who, dnt: owed });
		Ok(())
	}
}
