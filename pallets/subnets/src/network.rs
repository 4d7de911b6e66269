// SPDX-License-Identifier: Apache-2.0
//! Subnet and neuron registration: lock cost, pruning, removal, registration price, replacement,
//! parameter checks.

use crate::*;
use flywheel_primitives::RollingWindow;
use frame_support::{ensure, pallet_prelude::DispatchResult, traits::Get, BoundedVec};
use sp_runtime::DispatchError;

/// A price that was `from` `elapsed` blocks ago and falls linearly to `to` over `span` blocks:
/// `to` plus the excess `from − to` decayed as a [`RollingWindow`] (rounded up, in the protocol's
/// favour); `to` once `elapsed ≥ span`, and for `from ≤ to`.
pub fn linear_decay(from: Balance, to: Balance, elapsed: BlockCount, span: BlockCount) -> Balance {
	let excess = RollingWindow { value: from.saturating_sub(to), last_block: 0 };
	to.saturating_add(excess.decayed(elapsed, span))
}

impl<T: Config> Pallet<T> {
	/// The network lock cost at block `now` after `last_lock` (`(amount, block)`): twice the
	/// last lock, falling linearly to `min_lock_cost` over `lock_reduction_interval` blocks;
	/// `min_lock_cost` before any.
	pub fn lock_cost_at(
		params: &GlobalParams,
		last_lock: Option<(Balance, BlockNumber)>,
		now: BlockNumber,
	) -> Balance {
		match last_lock {
			None => params.min_lock_cost,
			Some((last, at)) => linear_decay(
				last.saturating_mul(2),
				params.min_lock_cost,
				now.saturating_sub(at),
				params.lock_reduction_interval,
			),
		}
	}

	/// The registration price of `subnet` at block `now`.
	pub fn burn_price_at(
		params: &GlobalParams,
		subnet: &SubnetInfo<T::AccountId>,
		now: BlockNumber,
	) -> Balance {
		linear_decay(
			subnet.burn,
			params.min_burn,
			now.saturating_sub(subnet.burn_updated),
			params.burn_decay_interval,
		)
		.clamp(params.min_burn, params.max_burn.max(params.min_burn))
	}

	/// The subnet pruned to make room: not immune, lowest emission share, then oldest, then
	/// lowest netuid. O(`MaxSubnets`).
	pub fn prune_candidate(
		immunity: BlockCount,
		now: BlockNumber,
	) -> Option<(NetUid, SubnetInfo<T::AccountId>)> {
		Networks::<T>::iter()
			.filter(|(_, s)| now.saturating_sub(s.registered_at) >= immunity)
			.min_by_key(|(netuid, s)| (s.emission_share, s.registered_at, *netuid))
	}

	/// The neuron replaced on a full subnet: not the owner's (uid 0), not immune, lowest last
	/// emission, then oldest, then lowest uid.
	pub fn replacement_candidate(
		neurons: &[NeuronInfo<T::AccountId>],
		immunity: BlockCount,
		now: BlockNumber,
	) -> Option<Uid> {
		neurons
			.iter()
			.enumerate()
			.skip(1)
			.filter(|(_, n)| now.saturating_sub(n.registered_at) >= immunity)
			.min_by_key(|(uid, n)| (n.last_emission, n.registered_at, *uid))
			.and_then(|(uid, _)| Uid::try_from(uid).ok())
	}

	/// Registers a subnet; returns how many neurons a pruned subnet had (for the weight).
	pub(crate) fn do_register_network(
		owner: T::AccountId,
		hotkey: T::AccountId,
	) -> Result<u32, DispatchError> {
		let now = Self::now();
		let params = Params::<T>::get();
		let last_lock = LastLock::<T>::get();
		if let Some((_, at)) = last_lock {
			ensure!(
				now.saturating_sub(at) >= params.network_rate_limit,
				Error::<T>::NetworkRateLimited
			);
		}
		let netuid = NextNetUid::<T>::get();
		let next = netuid.checked_add(1).ok_or(Error::<T>::NetUidsExhausted)?;
		let cost = Self::lock_cost_at(&params, last_lock, now);
		let pruned = if Networks::<T>::count() >= T::MaxSubnets::get() {
			let weakest = Self::prune_candidate(params.network_immunity_period, now);
			Some(weakest.ok_or(Error::<T>::AllSubnetsImmune)?)
		} else {
			None
		};
		if let Some(bound) = HotkeyOwners::<T>::get(&hotkey) {
			ensure!(bound == owner, Error::<T>::HotkeyOwnedByOther);
		}
		// One FLY, one role: the lock cannot be FLY that backs a veFLY lock.
		let taken = flywheel_primitives::takes_exclusive_freeze::<_, T::Currency, T::VeFly>;
		ensure!(!taken(&owner, cost), Error::<T>::LockedInVeFly);
		// The lock first: a caller who cannot pay changes nothing (the pruning comes after).
		Self::hold(HoldReason::NetworkLock, &owner, cost)?;
		Self::claim_hotkey(&hotkey, &owner)?;
		let mut pruned_neurons = 0;
		if let Some((weakest, subnet)) = pruned {
			pruned_neurons = Self::remove_subnet(weakest, subnet, RemovalReason::Pruned)?;
		}
		let hyperparameters = params.default_hyperparameters;
		let next_epoch =
			Self::reschedule(netuid, Self::next_epoch_block(netuid, hyperparameters.tempo, now));
		Networks::<T>::insert(
			netuid,
			SubnetInfo {
				owner: owner.clone(),
				owner_hotkey: hotkey.clone(),
				locked: cost,
				registered_at: now,
				hyperparameters,
				total_stake: 0,
				emission: SubnetEmission { since: now, ..Default::default() },
				emission_share: Perbill::zero(),
				stake_snapshot: 0,
				dc_revenue: 0,
				burn: params.min_burn,
				burn_updated: now,
				last_epoch: now,
				next_epoch,
				epochs: 0,
			},
		);
		let owner_neuron = Self::new_neuron(hotkey.clone(), owner.clone(), now);
		Neurons::<T>::insert(netuid, BoundedVec::truncate_from(alloc::vec![owner_neuron]));
		Uids::<T>::insert(netuid, &hotkey, 0);
		NextNetUid::<T>::put(next);
		LastLock::<T>::put((cost, now));
		Self::deposit_event(Event::NetworkRegistered { netuid, owner, hotkey, locked: cost });
		Ok(pruned_neurons)
	}

	/// Removes a subnet: returns the lock, moves every neuron's pending emission to
	/// [`Unclaimed`], gives the unpaid emission back to the pool, clears its neurons, weights,
	/// bonds and schedule. Stake pools and stakes stay, withdrawable. Returns the neuron count.
	pub(crate) fn remove_subnet(
		netuid: NetUid,
		mut subnet: SubnetInfo<T::AccountId>,
		reason: RemovalReason,
	) -> Result<u32, DispatchError> {
		Self::release(HoldReason::NetworkLock, &subnet.owner, subnet.locked)?;
		let neurons = Neurons::<T>::take(netuid);
		for neuron in neurons.iter() {
			Self::keep_unclaimed(&neuron.coldkey, neuron.pending);
		}
		// Its stake stays withdrawable but no longer counts in the bonded ratio.
		let counted = subnet.total_stake;
		Self::uncount_stake(&mut subnet, counted);
		let limit = T::MaxUids::get();
		let _ = Uids::<T>::clear_prefix(netuid, limit, None);
		let _ = Weights::<T>::clear_prefix(netuid, limit, None);
		let _ = WeightCommits::<T>::clear_prefix(netuid, limit, None);
		let _ = Bonds::<T>::clear_prefix(netuid, limit, None);
		UnallocatedEmission::<T>::mutate(|u| *u = u.saturating_add(subnet.emission.total()));
		Self::unschedule_epoch(netuid, subnet.next_epoch);
		ServiceAuthorities::<T>::remove(netuid);
		RevenueValue::<T>::remove(netuid);
		Networks::<T>::remove(netuid);
		Self::deposit_event(Event::NetworkRemoved {
			netuid,
			owner: subnet.owner,
			returned: subnet.locked,
			reason,
		});
		Ok(neurons.len() as u32)
	}

	/// What a neuron leaving `netuid`'s uid `uid` leaves behind: its pending emission becomes
	/// claimable by its coldkey; the stake on its hotkey stays withdrawable but stops counting,
	/// and keeps the take it was staked under should the hotkey come back; its uid entry, weights,
	/// commit and bonds go (the caller updates the neuron list).
	pub(crate) fn retire_neuron(
		netuid: NetUid,
		uid: Uid,
		old: &NeuronInfo<T::AccountId>,
		subnet: &mut SubnetInfo<T::AccountId>,
	) {
		Self::keep_unclaimed(&old.coldkey, old.pending);
		let staked = Self::pool_stake(netuid, &old.hotkey);
		if staked > 0 {
			Self::uncount_stake(subnet, staked);
			RetiredTakes::<T>::insert(netuid, &old.hotkey, (old.take, old.take_changed_at));
		}
		Uids::<T>::remove(netuid, &old.hotkey);
		Weights::<T>::remove(netuid, uid);
		WeightCommits::<T>::remove(netuid, uid);
		Bonds::<T>::remove(netuid, uid);
	}

	/// Adds `amount` to what `who` can claim with `claim_unclaimed`.
	pub(crate) fn keep_unclaimed(who: &T::AccountId, amount: Balance) {
		if amount > 0 {
			Unclaimed::<T>::mutate(who, |u| *u = Some(u.unwrap_or(0).saturating_add(amount)));
		}
	}

	pub(crate) fn new_neuron(
		hotkey: T::AccountId,
		coldkey: T::AccountId,
		now: BlockNumber,
	) -> NeuronInfo<T::AccountId> {
		NeuronInfo {
			hotkey,
			coldkey,
			registered_at: now,
			take: T::MaxTake::get(),
			take_changed_at: now,
			validator_permit: false,
			incentive: Perbill::zero(),
			dividends: Perbill::zero(),
			consensus: Perbill::zero(),
			trust: Perbill::zero(),
			last_emission: 0,
			pending: 0,
		}
	}

	/// Registers a neuron; returns the neuron count it scanned (for the weight).
	pub(crate) fn do_register_neuron(
		netuid: NetUid,
		coldkey: T::AccountId,
		hotkey: T::AccountId,
	) -> Result<u32, DispatchError> {
		let mut subnet = Networks::<T>::get(netuid).ok_or(Error::<T>::UnknownSubnet)?;
		ensure!(!Uids::<T>::contains_key(netuid, &hotkey), Error::<T>::DuplicateHotkey);
		Self::claim_hotkey(&hotkey, &coldkey)?;
		let now = Self::now();
		let mut neurons = Neurons::<T>::get(netuid);
		let scanned = neurons.len() as u32;
		let mut fresh = Self::new_neuron(hotkey.clone(), coldkey.clone(), now);
		// A hotkey back on the subnet keeps the take its stakers knew, and its rate limit.
		if let Some((take, changed_at)) = RetiredTakes::<T>::take(netuid, &hotkey) {
			fresh.take = take.min(T::MaxTake::get());
			fresh.take_changed_at = changed_at;
		}
		// Its stakers' stake, if any stayed while it was away, counts again.
		Self::count_stake(&mut subnet, Self::pool_stake(netuid, &hotkey))?;
		let (uid, replaced) = if neurons.len() < usize::from(subnet.hyperparameters.max_uids) {
			let uid = Uid::try_from(neurons.len()).map_err(|_| Error::<T>::Overflow)?;
			neurons.try_push(fresh).map_err(|_| Error::<T>::HyperparametersOutOfBounds)?;
			(uid, None)
		} else {
			let uid =
				Self::replacement_candidate(&neurons, subnet.hyperparameters.immunity_period, now)
					.ok_or(Error::<T>::NoReplaceableNeuron)?;
			let slot = neurons.get_mut(usize::from(uid)).ok_or(Error::<T>::Overflow)?;
			let old = core::mem::replace(slot, fresh);
			(uid, Some(old))
		};
		let params = Params::<T>::get();
		let price = Self::burn_price_at(&params, &subnet, now);
		Self::burn(&coldkey, price)?;
		if let Some(old) = &replaced {
			Self::retire_neuron(netuid, uid, old, &mut subnet);
		}
		subnet.burn =
			price.saturating_add(params.burn_increase.mul_ceil(price)).min(params.max_burn);
		subnet.burn_updated = now;
		Networks::<T>::insert(netuid, subnet);
		Neurons::<T>::insert(netuid, neurons);
		Uids::<T>::insert(netuid, &hotkey, uid);
		Self::deposit_event(Event::NeuronRegistered {
			netuid,
			uid,
			hotkey,
			coldkey,
			burned: price,
			replaced: replaced.map(|old| old.hotkey),
		});
		Ok(scanned)
	}

	/// Hyperparameters within `bounds` and `MaxUids` (at least 1 uid: the owner's).
	pub(crate) fn check_hyperparameters(
		h: &Hyperparameters,
		bounds: &HyperparameterBounds,
	) -> DispatchResult {
		ensure!(
			h.tempo >= bounds.min_tempo
				&& h.tempo <= bounds.max_tempo
				&& h.max_uids >= 1
				&& u32::from(h.max_uids) <= T::MaxUids::get()
				&& h.immunity_period <= bounds.max_immunity_period
				&& h.weights_rate_limit <= bounds.max_weights_rate_limit,
			Error::<T>::HyperparametersOutOfBounds
		);
		Ok(())
	}

	/// Global parameters that are consistent (see `set_global_params`).
	pub(crate) fn validate_params(p: &GlobalParams) -> DispatchResult {
		ensure!(
			p.min_lock_cost > 0
				&& p.lock_reduction_interval > 0
				&& p.min_burn > 0
				&& p.min_burn <= p.max_burn
				&& p.burn_decay_interval > 0
				&& p.bounds.min_tempo >= 1
				&& p.bounds.min_tempo <= p.bounds.max_tempo
				&& p.activity_cutoff > p.bounds.max_weights_rate_limit,
			Error::<T>::InvalidParams
		);
		Self::check_hyperparameters(&p.default_hyperparameters, &p.bounds)
			.map_err(|_| Error::<T>::InvalidParams.into())
	}
}

#[cfg(test)]
mod tests {
	use super::linear_decay;

	#[test]
	fn linear_decay_falls_to_the_floor() {
		assert_eq!(linear_decay(200, 100, 0, 10), 200);
		assert_eq!(linear_decay(200, 100, 5, 10), 150);
		assert_eq!(linear_decay(200, 100, 10, 10), 100);
		assert_eq!(linear_decay(200, 100, 99, 10), 100);
		// Rounds up: 200 − 100 × 1/3 = 166.67 → 167.
		assert_eq!(linear_decay(200, 100, 1, 3), 167);
		// Below the floor it is the floor.
		assert_eq!(linear_decay(50, 100, 1, 10), 100);
		assert_eq!(linear_decay(u128::MAX, 1, 1, 2), u128::MAX - (u128::MAX - 1) / 2);
	}
}
