// SPDX-License-Identifier: Apache-2.0
//! The subnet pool's emission: shared among subnets when it arrives, paid at their epochs.

use crate::*;
use alloc::vec::Vec;
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};

impl<T: Config> Pallet<T> {
	/// Each subnet's weight in the pool's sharing, and whether it is by revenue: its stake, or
	/// in revenue mode its Data Credits revenue (by stake when no subnet had any).
	/// The stake counts at the lower of its value now and at the last sharing, so stake added
	/// just before a round (and removed after) moves no share.
	fn sharing_weights(subnets: &[(NetUid, SubnetInfo<T::AccountId>)]) -> (Vec<u128>, bool) {
		let by_stake =
			|| subnets.iter().map(|(_, s)| s.total_stake.min(s.stake_snapshot)).collect::<Vec<_>>();
		match Params::<T>::get().emission_mode {
			EmissionMode::Stake => (by_stake(), false),
			EmissionMode::Revenue => {
				let revenue: Vec<u128> =
					subnets.iter().map(|(_, s)| u128::from(s.dc_revenue)).collect();
				if revenue.iter().all(|r| *r == 0) {
					(by_stake(), false)
				} else {
					(revenue, true)
				}
			}
		}
	}

	/// Receives `amount` (already minted into the pool) and shares it, with what was left
	/// unallocated before, among the subnets by [`EmissionMode`]; each part streams into the
	/// subnet's epochs over the round ([`SubnetEmission::receive`]). What no subnet takes
	/// (rounding dust, the revenue cap's rest, everything while no subnet has any weight) stays
	/// unallocated for the next time, up to `amount`; the rest is recycled to `T::RecycleTo`.
	/// O(`MaxSubnets`).
	pub(crate) fn share_emission(amount: Balance) {
		EmissionTotals::<T>::mutate(|(received, _)| *received = received.saturating_add(amount));
		TotalStakeAtLastRound::<T>::put(TotalStake::<T>::get());
		let pot = UnallocatedEmission::<T>::get().saturating_add(amount);
		let subnets: Vec<_> = Networks::<T>::iter().collect();
		let (weights, by_revenue) = Self::sharing_weights(&subnets);
		let total = weights.iter().fold(0u128, |sum, w| sum.saturating_add(*w));
		let mut allocated: Balance = 0;
		let mut receiving = 0u32;
		let now = Self::now();
		let length = T::Rounds::round_length();
		let cap = RevenueCap::<T>::get();
		for ((netuid, mut subnet), weight) in subnets.into_iter().zip(weights) {
			let mut part = if total == 0 {
				0
			} else {
				multiply_by_rational_with_rounding(pot, weight, total, Rounding::Down).unwrap_or(0)
			};
			// The revenue cap: at most the cap times what the subnet's revenue was worth, so
			// a wash burn returns less than it cost. The rest stays unallocated.
			let value = RevenueValue::<T>::take(netuid);
			if by_revenue {
				part = part.min(cap.mul_floor(value));
			}
			subnet.emission_share =
				if total == 0 { Perbill::zero() } else { Perbill::from_rational(weight, total) };
			subnet.emission.receive(part, now, length);
			subnet.stake_snapshot = subnet.total_stake;
			subnet.dc_revenue = 0;
			allocated = allocated.saturating_add(part);
			if part > 0 {
				receiving = receiving.saturating_add(1);
			}
			Networks::<T>::insert(netuid, subnet);
		}
		// What no subnet could take (no subnet with weight, the revenue cap) waits for the next
		// round up to this round's emission; the rest goes to the treasury, so it never piles up
		// for one later round to hand out at once.
		let leftover = pot.saturating_sub(allocated);
		let recycled = Self::recycle(leftover.saturating_sub(amount));
		UnallocatedEmission::<T>::put(leftover.saturating_sub(recycled));
		Self::deposit_event(Event::EmissionShared {
			amount,
			allocated,
			subnets: receiving,
			recycled,
		});
	}
}
