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
	pub fn next_epoch_block(netuid: NetUid, tempo: Blocks, now: Blocks) -> Blocks {
		let tempo = u64::from(tempo.max(1));
		let offset = (u64::from(now) + u64::from(netuid)) % tempo;
		let next = u64::from(now) + (tempo - offset);
		Blocks::try_from(next).unwrap_or(Blocks::MAX)
	}

	/// Schedules `netuid`'s epoch at block `at` (at most one entry per subnet, so a block's list
	/// never holds more than `MaxSubnets`).
	pub(crate) fn schedule_epoch(netuid: NetUid, at: Blocks) -> DispatchResult {
		EpochSchedule::<T>::try_mutate(at, |list| {
			list.try_push(netuid).map_err(|_| Error::<T>::Overflow.into())
		})
	}

	/// Schedules `netuid` at `at`, or at the first later block with room (there always is one
	/// within `MaxSubnets` blocks, as each subnet has one entry at most). Returns the block.
	pub(crate) fn reschedule(netuid: NetUid, at: Blocks) -> Blocks {
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
	pub(crate) fn unschedule_epoch(netuid: NetUid, at: Blocks) {
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
	pub(crate) fn run_due_epochs(now: Blocks) -> Weight {
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
			weight = weight.saturating_add(T::WeightInfo::epoch(neurons, validators));
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
	/// and validator counts (for the weight). O(neurons × validators).
	pub(crate) fn run_epoch(netuid: NetUid, now: Blocks) -> (u32, u32) {
		let Some(mut subnet) = Networks::<T>::get(netuid) else { return (0, 0) };
		let params = Params::<T>::get();
		let mut neurons = Neurons::<T>::get(netuid);
		let n = neurons.len();
		let stakes: Vec<Balance> = neurons
			.iter()
			.map(|nr| StakePools::<T>::get(netuid, &nr.hotkey).map_or(0, |p| p.total))
			.collect();
		let validators = Self::select_validators(&stakes);

		// Weights on neurons registered after they were set, and bonds on neurons registered
		// since the last epoch, belonged to their predecessors: dropped. So are self-weights.
		let registered = |uid: Uid| neurons.get(usize::from(uid)).map(|nr| nr.registered_at);
		let mut input = YumaInput {
			neurons: n,
			stake: validators.iter().map(|v| stakes[*v]).collect(),
			weights: Vec::with_capacity(validators.len()),
			bonds: Vec::with_capacity(validators.len()),
			alpha: FixedU128::from_perbill(params.bonds_alpha),
		};
		for v in &validators {
			let uid = *v as Uid;
			let weights = Weights::<T>::get(netuid, uid).map_or_else(Vec::new, |row| {
				row.weights
					.into_iter()
					.filter(|(t, _)| *t != uid && registered(*t).is_some_and(|r| r < row.set_at))
					.collect()
			});
			let bonds = Bonds::<T>::get(netuid, uid)
				.into_iter()
				.filter(|(t, _)| registered(*t).is_some_and(|r| r < subnet.last_epoch))
				.map(|(t, b)| (t, FixedU128::from_perbill(b)))
				.collect();
			input.weights.push(weights);
			input.bonds.push(bonds);
		}
		let out = yuma::epoch(&input);

		// The split: the owner's cut, then miners by incentive and validators by dividends.
		let total = subnet.pending_emission;
		let owner_part = params.owner_cut.mul_floor(total);
		let rest = total.saturating_sub(owner_part);
		let miners_pot = params.miner_share.mul_floor(rest);
		let validators_pot = rest.saturating_sub(miners_pot);
		let mut earned: Vec<Balance> = vec![0; n];
		let mut miners: Balance = 0;
		for (j, share) in out.incentive.iter().enumerate() {
			let part = part_of(miners_pot, *share);
			earned[j] = earned[j].saturating_add(part);
			miners = miners.saturating_add(part);
		}
		let mut paid_validators: Balance = 0;
		for (k, v) in validators.iter().enumerate() {
			let part = part_of(validators_pot, out.dividends.get(k).copied().unwrap_or_default());
			if part == 0 {
				continue;
			}
			let hotkey = &neurons[*v].hotkey;
			let take = neurons[*v].take.mul_floor(part);
			let mut kept = take;
			match StakePools::<T>::get(netuid, hotkey) {
				Some(mut pool) if pool.total > 0 => {
					let delta = factor_increase(part.saturating_sub(take), pool.total);
					pool.reward_factor = pool.reward_factor.saturating_add(delta);
					StakePools::<T>::insert(netuid, hotkey, pool);
				}
				// A validator always has stake; should it not, the stakers' part is its own.
				_ => kept = part,
			}
			earned[*v] = earned[*v].saturating_add(kept);
			paid_validators = paid_validators.saturating_add(part);
		}
		if let Some(first) = earned.first_mut() {
			*first = first.saturating_add(owner_part);
		}
		let owner = if n > 0 { owner_part } else { 0 };
		let paid = owner.saturating_add(miners).saturating_add(paid_validators);
		let carried = total.saturating_sub(paid);

		let permitted = {
			let mut p = vec![false; n];
			validators.iter().for_each(|v| p[*v] = true);
			p
		};
		let mut validator_index = 0usize;
		for (j, neuron) in neurons.iter_mut().enumerate() {
			neuron.validator_permit = permitted[j];
			neuron.incentive = to_perbill(out.incentive[j]);
			neuron.consensus = to_perbill(out.consensus[j]);
			if permitted[j] {
				neuron.dividends = to_perbill(out.dividends[validator_index]);
				neuron.trust = to_perbill(out.trust[validator_index]);
				validator_index += 1;
			} else {
				neuron.dividends = Perbill::zero();
				neuron.trust = Perbill::zero();
			}
			neuron.last_emission = earned[j];
			neuron.pending = neuron.pending.saturating_add(earned[j]);
		}
		for (k, v) in validators.iter().enumerate() {
			let row: Vec<(Uid, Perbill)> =
				out.bonds[k].iter().map(|(t, b)| (*t, to_perbill(*b))).collect();
			Bonds::<T>::insert(netuid, *v as Uid, BoundedVec::truncate_from(row));
		}
		Neurons::<T>::insert(netuid, neurons);
		EmissionTotals::<T>::mutate(|(_, credited)| *credited = credited.saturating_add(paid));

		subnet.pending_emission = carried;
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
		});
		(n as u32, validators.len() as u32)
	}
}
