// SPDX-License-Identifier: Apache-2.0
//! `try_state` invariants (also run after every unit test).

use crate::*;
use alloc::collections::btree_map::BTreeMap;
use frame_support::traits::{
	fungible::{Inspect as _, InspectFreeze},
	fungibles::Inspect as _,
};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the pallet; iterates all positions and devices (off-chain only).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let now = Self::now();
		let ids = SubDaoIds::<T>::get();
		ensure_eq(ids.len() as u64, Registry::<T>::iter_keys().count() as u64, "subDAO id list")?;
		// The DC usage table mirrors the registry: same subDAOs, same order, same authorities.
		let usage = DcUsage::<T>::get();
		ensure_eq(usage.len() as u64, ids.len() as u64, "one DC usage entry per subDAO")?;
		for (entry, &subdao) in usage.iter().zip(ids.iter()) {
			let info = Registry::<T>::get(subdao).ok_or("a listed subDAO is not registered")?;
			if entry.subdao != subdao || entry.burn_authority != info.config.burn_authority {
				return Err("the DC usage table differs from the registry".into());
			}
		}
		// Roles: the oracles (none, until root names them after the v3 migration) have a
		// majority quorum and are neither the router nor a maker; reports come from at most one
		// entry per oracle.
		for &subdao in ids.iter() {
			let info = Registry::<T>::get(subdao).ok_or("a listed subDAO is not registered")?;
			let c = &info.config;
			let unset = c.rewards_oracles.members.is_empty() && c.rewards_oracles.quorum == 0;
			frame_support::ensure!(
				unset || c.rewards_oracles.is_well_formed(1),
				"a subDAO's oracles are not distinct or their quorum is not a majority"
			);
			frame_support::ensure!(
				!c.rewards_oracles.contains(&c.burn_authority),
				"a subDAO's router is one of its oracles"
			);
		}
		for (subdao, maker, ()) in Makers::<T>::iter() {
			let info = Registry::<T>::get(subdao).ok_or("a maker of an unknown subDAO")?;
			frame_support::ensure!(
				maker != info.config.burn_authority
					&& !info.config.rewards_oracles.contains(&maker),
				"a maker is its subDAO's router or an oracle"
			);
		}
		for (subdao, _, reports) in RewardReports::<T>::iter() {
			frame_support::ensure!(
				Registry::<T>::contains_key(subdao),
				"reports of an unknown subDAO"
			);
			let oracles: alloc::vec::Vec<_> = reports.iter().map(|(o, _)| o).collect();
			frame_support::ensure!(
				oracles.iter().enumerate().all(|(i, o)| !oracles[..i].contains(o)),
				"two reports of one oracle for one recipient"
			);
		}
		// Queued redemptions: listed as due, their DNT held (and only theirs) by the queue.
		let due = RedemptionsDue::<T>::get();
		for (subdao, queue) in QueuedRedemptions::<T>::iter() {
			frame_support::ensure!(due.contains(&subdao), "a queue not listed as due");
			let info = Registry::<T>::get(subdao).ok_or("a queue of an unknown subDAO")?;
			let queued = queue.iter().fold(0u128, |s, r| s.saturating_add(r.dnt));
			let pending = PendingRefunds::<T>::iter_prefix_values(subdao)
				.fold(0u128, |s, v| s.saturating_add(v));
			let held = T::Assets::balance(info.dnt, &Self::redemption_account(subdao));
			ensure_eq(held, queued.saturating_add(pending), "DNT held = queued + refunds owed")?;
		}
		for subdao in SubDaoIds::<T>::get() {
			if QueuedRedemptions::<T>::contains_key(subdao) {
				continue;
			}
			let Some(info) = Registry::<T>::get(subdao) else { continue };
			let pending = PendingRefunds::<T>::iter_prefix_values(subdao)
				.fold(0u128, |s, v| s.saturating_add(v));
			let held = T::Assets::balance(info.dnt, &Self::redemption_account(subdao));
			ensure_eq(held, pending, "DNT held between blocks = refunds owed")?;
		}
		for subdao in due.iter() {
			frame_support::ensure!(
				!QueuedRedemptions::<T>::get(subdao).is_empty(),
				"a subDAO listed as due has no queue"
			);
		}
		for subdao in BaseShares::<T>::iter_keys().chain(RewardsOutflow::<T>::iter_keys()) {
			frame_support::ensure!(
				Registry::<T>::contains_key(subdao),
				"an entry of an unknown subDAO"
			);
		}
		// A bounded schedule change is recorded for a subDAO that exists, in a past or the
		// current epoch.
		let current = CurrentEpoch::<T>::get();
		for (subdao, epoch) in ScheduleChangedIn::<T>::iter() {
			frame_support::ensure!(
				Registry::<T>::contains_key(subdao),
				"a schedule change of an unknown subDAO"
			);
			frame_support::ensure!(
				epoch <= current,
				"a schedule change recorded in a future epoch"
			);
		}

		// veFLY totals = sum of joined delegated positions; the power waiting to join at a
		// boundary = sum of the pending ones; locks = positions = freezes.
		let curve = Self::curve();
		let mut power: BTreeMap<SubDaoId, (u128, u128)> = BTreeMap::new();
		let mut pending: BTreeMap<(SubDaoId, EpochIndex), u128> = BTreeMap::new();
		let mut locked: BTreeMap<T::AccountId, AccountLock> = BTreeMap::new();
		for (_, pos) in Positions::<T>::iter() {
			let l = locked.entry(pos.owner.clone()).or_default();
			l.amount = l.amount.saturating_add(pos.amount);
			l.positions = l.positions.saturating_add(1);
			match pos.delegation {
				Some(d) if d.is_pending(now) => {
					let c = curve.contribution(pos.amount, pos.lockup, d.joins_at);
					let e = pending.entry((d.subdao, Self::epoch_of(d.joins_at))).or_default();
					*e = e.saturating_add(c.power);
				}
				Some(d) => {
					let c = curve.contribution(pos.amount, pos.lockup, now);
					let e = power.entry(d.subdao).or_default();
					e.0 = e.0.saturating_add(c.power);
					e.1 = e.1.saturating_add(c.fall_rate);
				}
				None => {}
			}
		}
		for &subdao in ids.iter() {
			let ve = States::<T>::get(subdao).ve.advanced(now);
			let (sum, fall) = power.get(&subdao).copied().unwrap_or_default();
			ensure_eq(ve.power, sum, "subDAO veFLY total = sum of its delegated positions")?;
			ensure_eq(ve.fall_rate, fall, "subDAO fall rate = sum of its decaying positions")?;
		}
		for (subdao, epoch, correction) in VeCorrections::<T>::iter() {
			let expected = pending.remove(&(subdao, epoch)).unwrap_or_default();
			ensure_eq(
				correction.power_add,
				expected,
				"power waiting to join = pending delegations",
			)?;
		}
		if pending.values().any(|&p| p > 0) {
			return Err("a pending delegation has no correction to join its subDAO".into());
		}
		ensure_eq(
			AccountLocks::<T>::iter().count() as u64,
			locked.len() as u64,
			"accounts with locks",
		)?;
		let reason = FreezeReason::VeFlyLock.into();
		for (who, l) in locked {
			ensure_eq(AccountLocks::<T>::get(&who), l, "account lock = its positions")?;
			ensure_eq(T::Currency::balance_frozen(&reason, &who), l.amount, "freeze = locked")?;
		}

		// DNT supply = minted − burned; active device fees; pool covers what is pending.
		let current = CurrentEpoch::<T>::get();
		let mut fees: BTreeMap<SubDaoId, u128> = BTreeMap::new();
		let mut expiring: BTreeMap<(SubDaoId, EpochIndex), u128> = BTreeMap::new();
		for (subdao, _, device) in Devices::<T>::iter() {
			if device.counts(current) && device.fee > 0 {
				let f = fees.entry(subdao).or_default();
				*f = f.saturating_add(u128::from(device.fee));
				let e = expiring.entry((subdao, device.expires_at)).or_default();
				*e = e.saturating_add(u128::from(device.fee));
			}
		}
		let buckets: BTreeMap<(SubDaoId, EpochIndex), u128> =
			DeviceExpiries::<T>::iter().map(|(s, e, f)| ((s, e), f)).collect();
		if buckets != expiring {
			return Err("device expiry buckets = fees of counting devices by expiry".into());
		}
		for (subdao, info) in Registry::<T>::iter() {
			let state = States::<T>::get(subdao);
			let (minted, burned) = (state.dnt_minted, state.dnt_burned);
			ensure_eq(
				T::Assets::total_issuance(info.dnt),
				minted.saturating_sub(burned),
				"DNT supply = minted − burned",
			)?;
			ensure_eq(
				States::<T>::get(subdao).active_device_fees,
				fees.get(&subdao).copied().unwrap_or_default(),
				"active device fees = sum over counting devices",
			)?;
		}
		// Claims only of kept records, never more than the epoch's delegator DNT; no record
		// older than the history.
		for (subdao, epoch, claimed) in EpochClaims::<T>::iter() {
			let record = EpochRecords::<T>::get(subdao, epoch)
				.ok_or("a claim total of a pruned or missing epoch record")?;
			if claimed > record.dnt_to_delegators {
				return Err("more delegator DNT claimed than the epoch minted".into());
			}
		}
		let oldest_kept = current.saturating_sub(
			<T::EpochRecordHistory as frame_support::traits::Get<u32>>::get().saturating_add(1),
		);
		if EpochRecords::<T>::iter_keys().any(|(_, epoch)| epoch < oldest_kept) {
			return Err("an epoch record older than the history is kept".into());
		}
		let owed = PoolPending::<T>::get().saturating_add(Self::fly_being_paid());
		if owed > T::Currency::balance(&Self::pool_account()) {
			return Err("the subDAO pool holds less than is pending and being paid".into());
		}
		if let Some(closing) = Closing::<T>::get() {
			ensure_eq(
				u64::from(closing.epoch),
				u64::from(CurrentEpoch::<T>::get().saturating_sub(1)),
				"the epoch being paid is the one before the current",
			)?;
			for (subdao, _) in closing.payouts.iter() {
				if !ids.contains(subdao) {
					return Err("a payout for an unknown subDAO".into());
				}
			}
		}
		Ok(())
	}
}

fn ensure_eq<V: PartialEq + core::fmt::Debug>(
	actual: V,
	expected: V,
	what: &'static str,
) -> Result<(), TryRuntimeError> {
	if actual == expected {
		Ok(())
	} else {
		log_mismatch(&actual, &expected, what);
		Err(what.into())
	}
}

#[cfg(feature = "std")]
fn log_mismatch<V: core::fmt::Debug>(actual: &V, expected: &V, what: &str) {
	eprintln!("invariant broken: {what}: {actual:?} != {expected:?}");
}

#[cfg(not(feature = "std"))]
fn log_mismatch<V: core::fmt::Debug>(_: &V, _: &V, _: &str) {}
