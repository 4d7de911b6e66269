// SPDX-License-Identifier: Apache-2.0
//! Validators answer for what they do: each holds a deposit while it may validate, and a proven
//! offence (a GRANDPA equivocation reported with its key-ownership proof, through
//! pallet-offences) slashes part of it to `Config::Slashed`, disables the offender at once
//! (pallet-session's disabling strategy: Aura refuses its blocks) and removes it from the set,
//! so it leaves at the next session change, unless that would go below `MinValidators`.

use crate::*;
use frame_support::traits::{
	fungible::{BalancedHold, Inspect, InspectHold, MutateHold},
	tokens::{Fortitude, Precision, Preservation},
	Imbalance,
};
use sp_runtime::{
	traits::{Convert, Saturating, Zero},
	DispatchResult,
};
use sp_staking::{
	offence::{OffenceDetails, OffenceSeverity, OnOffenceHandler},
	SessionIndex,
};

/// Each validator's full identification for pallet-session's historical proofs: `()`, for
/// every account (see the historical `SessionManager` in `lib.rs`).
pub struct UnitIdentificationOf;
impl<AccountId> Convert<AccountId, Option<()>> for UnitIdentificationOf {
	fn convert(_: AccountId) -> Option<()> {
		Some(())
	}
}

impl<T: Config> Pallet<T> {
	fn deposit_reason() -> T::RuntimeHoldReason {
		HoldReason::ValidatorDeposit.into()
	}

	/// The deposit `who` holds now.
	pub fn deposit_of(who: &T::AccountId) -> BalanceOf<T> {
		T::DepositCurrency::balance_on_hold(&Self::deposit_reason(), who)
	}

	/// Holds what `who` misses of `Deposit`, all of it or nothing (`add_validator`).
	pub(crate) fn top_up_deposit(who: &T::AccountId) -> DispatchResult {
		let missing = T::Deposit::get().saturating_sub(Self::deposit_of(who));
		if missing.is_zero() {
			return Ok(());
		}
		T::DepositCurrency::hold(&Self::deposit_reason(), who, missing)
			.map_err(|_| Error::<T>::CannotHoldDeposit)?;
		Self::deposit_event(Event::DepositHeld {
			who: who.clone(),
			amount: missing,
			short: Zero::zero(),
		});
		Ok(())
	}

	/// Holds what each validator misses of `Deposit`, as much of it as its free balance gives
	/// (keeping the account alive): the genesis validators in the first block, a live chain's
	/// validators in the v1 migration. O(`MaxValidators`).
	pub fn hold_missing_deposits() -> Weight {
		let validators = Validators::<T>::get();
		for who in validators.iter() {
			let missing = T::Deposit::get().saturating_sub(Self::deposit_of(who));
			if missing.is_zero() {
				continue;
			}
			let free = T::DepositCurrency::reducible_balance(
				who,
				Preservation::Preserve,
				Fortitude::Polite,
			);
			let amount = missing.min(free);
			if amount.is_zero()
				|| T::DepositCurrency::hold(&Self::deposit_reason(), who, amount).is_err()
			{
				log::warn!(target: "runtime::validator-set", "validator {who:?} holds no deposit");
				continue;
			}
			Self::deposit_event(Event::DepositHeld {
				who: who.clone(),
				amount,
				short: missing.saturating_sub(amount),
			});
		}
		let n = validators.len() as u64;
		// The set, then per validator its hold and account, read and written.
		T::DbWeight::get()
			.reads_writes(1u64.saturating_add(n.saturating_mul(2)), n.saturating_mul(2))
	}

	/// The first session in which a former validator's deposit no longer answers for an
	/// offence: it left in session `s`, was an authority until `s + 1` at the latest
	/// (pallet-session queues a session ahead), and that session's root is pruned at the start
	/// of `s + 2 + HistoryDepth`. `None` for an account that never left the set.
	pub fn answerable_until(who: &T::AccountId) -> Option<SessionIndex> {
		LeftIn::<T>::get(who)
			.map(|left| left.saturating_add(2).saturating_add(T::HistoryDepth::get()))
	}

	/// Releases all `who` holds as a deposit (`purge_keys`, once it has left every set and no
	/// offence of it can be reported any more) and forgets its records.
	pub(crate) fn release_deposit(who: &T::AccountId) -> DispatchResult {
		SlashedIn::<T>::remove(who);
		LeftIn::<T>::remove(who);
		let released =
			T::DepositCurrency::release_all(&Self::deposit_reason(), who, Precision::Exact)?;
		if !released.is_zero() {
			Self::deposit_event(Event::DepositReleased { who: who.clone(), amount: released });
		}
		Ok(())
	}

	/// Punishes `who` for an offence in `session` of severity `fraction`: slashes
	/// `max(fraction, MinSlash)` of `Deposit`, less what its membership was slashed already
	/// (`SlashedIn`), at most what it holds; disables it and removes it from the set (kept at
	/// `MinValidators`).
	pub(crate) fn punish(who: &T::AccountId, fraction: Perbill, session: SessionIndex) {
		let due = fraction.max(T::MinSlash::get()).mul_floor(T::Deposit::get());
		let taken = SlashedIn::<T>::get(who).unwrap_or_default();
		let (credit, _not_slashed) = <T::DepositCurrency as BalancedHold<_>>::slash(
			&Self::deposit_reason(),
			who,
			due.saturating_sub(taken),
		);
		let slashed = credit.peek();
		T::Slashed::on_unbalanced(credit);
		if !slashed.is_zero() {
			SlashedIn::<T>::insert(who, taken.saturating_add(slashed));
		}
		pallet_session::Pallet::<T>::report_offence(who.clone(), OffenceSeverity(fraction));
		let removed = Validators::<T>::mutate(|validators| {
			let Some(index) = validators.iter().position(|v| v == who) else { return false };
			if validators.len() <= T::MinValidators::get() as usize {
				return false;
			}
			validators.remove(index);
			true
		});
		if removed {
			Changed::<T>::put(true);
			LeftIn::<T>::insert(who, pallet_session::Pallet::<T>::current_index());
		}
		Self::deposit_event(Event::OffenderPunished {
			who: who.clone(),
			session,
			slashed,
			removed,
		});
	}

	/// The weight of punishing one offender, at most: the benchmarked punishment (which reads
	/// pallet-session's validators and disabled list) and the disabled list's write, which the
	/// benchmark's offender, outside the session's set, does not make.
	pub fn punish_weight() -> Weight {
		<T as Config>::WeightInfo::punish_offender()
			.saturating_add(<T as frame_system::Config>::DbWeight::get().writes(1))
	}
}

/// pallet-offences hands every reported offence here (GRANDPA equivocations in the runtime).
/// It names offenders again with each later report of the same time slot, with the fraction of
/// all of them: a membership's slash grows to its highest fraction, disabling and removal are
/// idempotent.
impl<T: Config, FullId> OnOffenceHandler<T::AccountId, (T::AccountId, FullId), Weight>
	for Pallet<T>
{
	fn on_offence(
		offenders: &[OffenceDetails<T::AccountId, (T::AccountId, FullId)>],
		slash_fraction: &[Perbill],
		session: SessionIndex,
	) -> Weight {
		let mut weight = Weight::zero();
		for (details, fraction) in offenders.iter().zip(slash_fraction) {
			Self::punish(&details.offender.0, *fraction, session);
			weight = weight.saturating_add(Self::punish_weight());
		}
		weight
	}
}
