// SPDX-License-Identifier: Apache-2.0
//! Epoch scheduling and the epoch itself: validator permits, Yuma consensus, the emission split.

use crate::{yuma::YumaInput, *};
use alloc::{vec, vec::Vec};
use flywheel_primitives::reward_factor::factor_increase;
use frame_support::{pallet_prelude::DispatchResult, traits::Get, weights::Weight, BoundedVec};
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};
use sp_runtime::{traits::Saturating, FixedPointNumber, FixedU128};

/// A share in `[0, 1]` as a [`Perbill`] (rounded down).
pub fn to_perbill(x: FixedU128) -> Perbill {
	let accuracy = FixedU128::accuracy();
	Perbill::from_rational(x.into_inner().min(accuracy), accuracy)
}

/// `amount × share`, rounded down.
fn part_of(amount: Balance, share: FixedU128) -> Balance {
	multiply_by_rational_with_rounding(
		amount,
		share.into_inner().min(FixedU128::accuracy()),
		FixedU128::accuracy(),
		Rounding::Down,
	)
	.unwrap_or(0)
}

impl<T: Config> Pallet<T> {
	/// The first block after `now` at which `(block + netuid)` is a multiple of `tempo`: epochs
	/// are staggered by netuid, so subnets with the same tempo do not all fall in one block.
	pub fn next_epoch_block(netuid: NetUid, tempo: BlockCount, now: BlockNumber) -> BlockNumber {
		let tempo = u64::from(tempo.max(1));
		let offset = (u64::from(now) + u64::from(netuid)) % tempo;
		let next = u64::from(now) + (tempo - offset);
		BlockNumber::try_from(next).unwrap_or(BlockNumber::MAX)
	}

	/// Schedules `netuid`'s epoch at block `at` (at most one entry per subnet, so a block's list
	/// never holds more than `MaxSubnets`).
	pub(crate) fn schedule_epoch(netuid: NetUid, at: BlockNumber) -> DispatchResult {
		EpochSchedule::<T>::try_mutate(at, |list| {
			list.try_push(netuid).map_err(|_| Error::<T>::Overflow.into())
		})
	}

	/// Schedules `netuid` at `at`, or at the first later block with room (there always is one
	/// within `MaxSubnets` blocks, as each subnet has one entry at most). Returns the block.
	pub(crate) fn reschedule(netuid: NetUid, at: BlockNumber) -> BlockNumber {
		let mut block = at;
		for _ in 0..=T::MaxSubnets::get() {
			if Self::schedule_epoch(netuid, block).is_ok() {
				break;
			}
			block = block.saturating_add(1);
		}
		block
	}

	/// Takes `netuid` out of the schedule and the due queue.
	pub(crate) fn unschedule_epoch(netuid: NetUid, at: BlockNumber) {
		EpochSchedule::<T>::mutate_exists(at, |list| {
			if let Some(l) = list {
				l.retain(|n| *n != netuid);
				if l.is_empty() {
					*list = None;
				}
			}
		});
		DueEpochs::<T>::mutate(|due| due.retain(|n| *n != netuid));
	}

	/// The block hook: the subnets scheduled at `now` join the due queue, and up to
	/// `MaxEpochsPerBlock` epochs run from its front; the rest wait for the next blocks.
	pub(crate) fn run_due_epochs(now: BlockNumber) -> Weight {
		let mut weight = T::WeightInfo::on_initialize_idle(T::MaxSubnets::get());
		let arrived = EpochSchedule::<T>::get(now);
		let mut due = DueEpochs::<T>::get();
		if arrived.is_empty() && due.is_empty() {
			return weight;
		}
		if !arrived.is_empty() {
			EpochSchedule::<T>::remove(now);
		}
		for netuid in arrived {
			// Each subnet is either scheduled or due, never both, so the queue has room; if it
			// had not, the epoch would wait one block rather than be lost.
			if due.try_push(netuid).is_err() {
				Networks::<T>::mutate(netuid, |subnet| {
					if let Some(subnet) = subnet {
						subnet.next_epoch = Self::reschedule(netuid, now.saturating_add(1));
					}
				});
			}
		}
		for _ in 0..T::MaxEpochsPerBlock::get() {
			if due.is_empty() {
				break;
			}
			let netuid = due.remove(0);
			let (neurons, validators) = Self::run_epoch(netuid, now);
			// Plus the recycling transfer (two accounts), which the benchmark's worst case
			// (everyone paid) does not take.
			weight = weight
				.saturating_add(T::WeightInfo::epoch(neurons, validators))
				.saturating_add(T::DbWeight::get().reads_writes(2, 2));
		}
		DueEpochs::<T>::put(due);
		weight
	}

	/// The top `MaxValidators` neurons by stake (stake above zero; ties: lower uid), as uids
	/// in increasing order.
	fn select_validators(stakes: &[Balance]) -> Vec<usize> {
		let mut order: Vec<usize> = (0..stakes.len()).filter(|i| stakes[*i] > 0).collect();
		order.sort_by(|a, b| stakes[*b].cmp(&stakes[*a]).then(a.cmp(b)));
		order.truncate(T::MaxValidators::get() as usize);
		order.sort();
		order
	}

	/// Runs the epoch of `netuid` at block `now` and schedules the next one. Returns the neuron
	/// count and the larger of the validator count and the last epoch's permit holders (for the
	/// weight: each of those may lose its bonds). O(neurons × validators).
	///
	/// Stake counts as it stood since the last epoch ([`Self::counted_stake`]); validators
	/// whose weights are older than `activity_cutoff` keep their permit but are left out of
	/// consensus and dividends; an unrevealed commit is dropped, earlier weights kept. The emission released since
	/// the last epoch is split once: the owner's cut, then miners by incentive and validators by
	/// dividends. What a pot could not pay is carried to the next epoch in that pot, with no
	/// second cut, up to the pot's fresh part of this epoch; the rest is recycled to
	/// `T::RecycleTo` (the treasury), so an idle subnet's emission never piles up for whoever is
	/// active first.
	pub(crate) fn run_epoch(netuid: NetUid, now: BlockNumber) -> (u32, u32) {
		let Some(mut subnet) = Networks::<T>::get(netuid) else { return (0, 0) };
		let params = Params::<T>::get();
		let mut neurons = Neurons::<T>::get(netuid);
		let n = neurons.len();
		let mut pools: Vec<Option<StakePool>> =
			neurons.iter().map(|nr| StakePools::<T>::get(netuid, &nr.hotkey)).collect();
		let stakes: Vec<Balance> = pools
			.iter()
			.map(|p| p.as_ref().map_or(0, |p| Self::counted_stake(p, subnet.epochs)))
			.collect();
		let validators = Self::select_validators(&stakes);
		if subnet.hyperparameters.commit_reveal {
			// A commit whose reveal window closes with this epoch and that was not revealed is
			// dropped; the validator's earlier weights stay (until `activity_cutoff` ages them
			// out), so censoring one reveal does not zero its dividends.
			for v in &validators {
				let uid = *v as Uid;
				let expired = WeightCommits::<T>::get(netuid, uid)
					.is_some_and(|commit| commit.epoch < subnet.epochs);
				if expired {
					WeightCommits::<T>::remove(netuid, uid);
				}
			}
		}
		let rows: Vec<Option<WeightRow<T::MaxUids>>> =
			validators.iter().map(|v| Weights::<T>::get(netuid, *v as Uid)).collect();
		let cutoff = params.activity_cutoff;
		// (validator uid, its weights) of the validators active within the cutoff.
		let active: Vec<(usize, WeightRow<T::MaxUids>)> = validators
			.iter()
			.zip(rows)
			.filter_map(|(v, row)| row.map(|r| (*v, r)))
			.filter(|(_, row)| now.saturating_sub(row.set_at) <= cutoff)
			.collect();

		// Weights on neurons registered after they were set, and bonds on neurons registered
		// since the last epoch, belonged to their predecessors: dropped. So are self-weights.
		let registered = |uid: Uid| neurons.get(usize::from(uid)).map(|nr| nr.registered_at);
		let mut input = YumaInput {
			neurons: n,
			stake: active.iter().map(|(v, _)| stakes[*v]).collect(),
			weights: Vec::with_capacity(active.len()),
			bonds: Vec::with_capacity(active.len()),
			alpha: FixedU128::from_perbill(params.bonds_alpha),
		};
		for (v, row) in &active {
			let uid = *v as Uid;
			let set_at = row.set_at;
			let weights = row
				.weights
				.iter()
				.copied()
				.filter(|(t, _)| *t != uid && registered(*t).is_some_and(|r| r < set_at))
				.collect();
			let bonds = Bonds::<T>::get(netuid, uid)
				.into_iter()
				.filter(|(t, _)| registered(*t).is_some_and(|r| r < subnet.last_epoch))
				.map(|(t, b)| (t, FixedU128::from_perbill(b)))
				.collect();
			input.weights.push(weights);
			input.bonds.push(bonds);
		}
		let out = yuma::epoch(&input);

		// The split of what was released since the last epoch: the owner's cut once, then the
		// miners' and validators' pots, each with what it carried.
		subnet.emission.accrue(now);
		let fresh = core::mem::take(&mut subnet.emission.accrued);
		let owner_part = params.owner_cut.mul_floor(fresh);
		let rest = fresh.saturating_sub(owner_part);
		let miners_new = params.miner_share.mul_floor(rest);
		let validators_new = rest.saturating_sub(miners_new);
		let miners_pot =
			miners_new.saturating_add(core::mem::take(&mut subnet.emission.carried_miners));
		let validators_pot = rest
			.saturating_sub(miners_new)
			.saturating_add(core::mem::take(&mut subnet.emission.carried_validators));
		// `earned`: what each neuron is owed; `generated`: all the emission it brought about
		// (its stakers' dividends too), which neuron replacement ranks by.
		let mut earned: Vec<Balance> = vec![0; n];
		let mut generated: Vec<Balance> = vec![0; n];
		let mut miners: Balance = 0;
		for (j, share) in out.incentive.iter().enumerate() {
			let part = part_of(miners_pot, *share);
			earned[j] = earned[j].saturating_add(part);
			generated[j] = generated[j].saturating_add(part);
			miners = miners.saturating_add(part);
		}
		let mut paid_validators: Balance = 0;
		for (k, (v, _)) in active.iter().enumerate() {
			let part = part_of(validators_pot, out.dividends.get(k).copied().unwrap_or_default());
			if part == 0 {
				continue;
			}
			let take = neurons[*v].take.mul_floor(part);
			let mut kept = take;
			match pools.get_mut(*v).and_then(|p| p.as_mut()) {
				Some(pool) => {
					let hotkey = &neurons[*v].hotkey;
					Self::mature_pool(netuid, hotkey, pool, subnet.epochs);
					if pool.total > 0 {
						let delta = factor_increase(part.saturating_sub(take), pool.total);
						pool.reward_factor = pool.reward_factor.saturating_add(delta);
					} else {
						kept = part;
					}
					StakePools::<T>::insert(netuid, hotkey, *pool);
				}
				// A validator always has stake; should it not, the stakers' part is its own.
				None => kept = part,
			}
			earned[*v] = earned[*v].saturating_add(kept);
			generated[*v] = generated[*v].saturating_add(part);
			paid_validators = paid_validators.saturating_add(part);
		}
		// The owner's neuron (uid 0) always exists; with no neuron the cut waits as accrued.
		let owner = match earned.first_mut() {
			Some(first) => {
				*first = first.saturating_add(owner_part);
				owner_part
			}
			None => {
				subnet.emission.accrued = owner_part;
				0
			}
		};
		if let Some(first) = generated.first_mut() {
			*first = first.saturating_add(owner_part);
		}
		// Each pot carries at most one epoch's fresh part; the rest goes to the treasury.
		let unpaid_miners = miners_pot.saturating_sub(miners);
		let unpaid_validators = validators_pot.saturating_sub(paid_validators);
		subnet.emission.carried_miners = unpaid_miners.min(miners_new);
		subnet.emission.carried_validators = unpaid_validators.min(validators_new);
		let excess_miners = unpaid_miners.saturating_sub(miners_new);
		let excess_validators = unpaid_validators.saturating_sub(validators_new);
		let excess = excess_miners.saturating_add(excess_validators);
		let recycled = Self::recycle(excess);
		if recycled < excess {
			// The transfer failed: nothing is lost, each pot keeps what it could not pay.
			subnet.emission.carried_miners = unpaid_miners;
			subnet.emission.carried_validators = unpaid_validators;
		}
		let paid = owner.saturating_add(miners).saturating_add(paid_validators);
		let carried =
			subnet.emission.carried_miners.saturating_add(subnet.emission.carried_validators);

		let mut permitted = vec![false; n];
		validators.iter().for_each(|v| permitted[*v] = true);
		let mut active_index = vec![None; n];
		active.iter().enumerate().for_each(|(k, (v, _))| active_index[*v] = Some(k));
		// Bonds of a validator left out of this epoch decay as if its new bonds were zero
		// (Yuma's moving average), without those on neurons registered since the last epoch;
		// a neuron that lost its permit keeps none. Old bonds never come back to pay, and never
		// carry to a new neuron on the same uid.
		let keep = Perbill::one().saturating_sub(params.bonds_alpha);
		// Permit holders of the last epoch: each may lose its bonds here (for the weight).
		let had_permits = neurons.iter().filter(|nr| nr.validator_permit).count();
		for (j, neuron) in neurons.iter().enumerate() {
			if active_index[j].is_some() {
				continue;
			}
			let uid = j as Uid;
			if permitted[j] {
				Bonds::<T>::mutate_exists(netuid, uid, |row| {
					let kept: Vec<(Uid, Perbill)> = row
						.take()
						.unwrap_or_default()
						.into_iter()
						.filter(|(t, _)| registered(*t).is_some_and(|at| at < subnet.last_epoch))
						.map(|(t, b)| (t, keep * b))
						.filter(|(_, b)| !b.is_zero())
						.collect();
					if !kept.is_empty() {
						*row = Some(BoundedVec::truncate_from(kept));
					}
				});
			} else if neuron.validator_permit {
				Bonds::<T>::remove(netuid, uid);
			}
		}
		for (j, neuron) in neurons.iter_mut().enumerate() {
			neuron.validator_permit = permitted[j];
			neuron.incentive = to_perbill(out.incentive[j]);
			neuron.consensus = to_perbill(out.consensus[j]);
			match active_index[j] {
				Some(k) => {
					neuron.dividends = to_perbill(out.dividends[k]);
					neuron.trust = to_perbill(out.trust[k]);
				}
				None => {
					neuron.dividends = Perbill::zero();
					neuron.trust = Perbill::zero();
				}
			}
			neuron.last_emission = generated[j];
			neuron.pending = neuron.pending.saturating_add(earned[j]);
		}
		for (k, (v, _)) in active.iter().enumerate() {
			let row: Vec<(Uid, Perbill)> =
				out.bonds[k].iter().map(|(t, b)| (*t, to_perbill(*b))).collect();
			Bonds::<T>::insert(netuid, *v as Uid, BoundedVec::truncate_from(row));
		}
		Neurons::<T>::insert(netuid, neurons);
		EmissionTotals::<T>::mutate(|(_, credited)| *credited = credited.saturating_add(paid));

		subnet.last_epoch = now;
		subnet.epochs = subnet.epochs.saturating_add(1);
		subnet.next_epoch = Self::reschedule(
			netuid,
			Self::next_epoch_block(netuid, subnet.hyperparameters.tempo, now),
		);
		Networks::<T>::insert(netuid, subnet);
		Self::deposit_event(Event::EpochRun {
			netuid,
			owner,
			miners,
			validators: paid_validators,
			carried,
			recycled,
		});
		(n as u32, validators.len().max(had_permits) as u32)
	}

	/// Moves `amount` of unpaid emission from the pool to `T::RecycleTo`; returns what moved
	/// (nothing if the transfer fails, e.g. below the receiver's existential deposit).
	pub(crate) fn recycle(amount: Balance) -> Balance {
		use frame_support::traits::{fungible::Mutate, tokens::Preservation};
		if amount == 0 {
			return 0;
		}
		let to = T::RecycleTo::get();
		match T::Currency::transfer(&Self::pool_account(), &to, amount, Preservation::Preserve) {
			Ok(_) => amount,
			Err(_) => 0,
		}
	}
}
