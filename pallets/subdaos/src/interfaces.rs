// SPDX-License-Identifier: Apache-2.0
//! What the other tokenomics pallets see of this one, through the traits of
//! `flywheel-primitives`.

use crate::*;
use flywheel_primitives::{DcBurnTracker, EmissionSink, SubDaoRegistry};
use frame_support::traits::Get;

/// The subDAO pool receives its share of each inflation round here.
impl<T: Config> EmissionSink<T::AccountId, Balance> for Pallet<T> {
	fn account() -> T::AccountId {
		Self::pool_account()
	}

	fn note_emission(amount: Balance) {
		if amount == 0 {
			return;
		}
		PoolPending::<T>::mutate(|p| *p = p.saturating_add(amount));
		Self::deposit_event(Event::EmissionReceived { amount });
	}
}

/// pallet-data-credits checks subDAOs and their burn authorities here.
impl<T: Config> SubDaoRegistry<T::AccountId> for Pallet<T> {
	fn exists(subdao: SubDaoId) -> bool {
		DcUsage::<T>::get().iter().any(|e| e.subdao == subdao)
	}

	fn burn_authority(subdao: SubDaoId) -> Option<T::AccountId> {
		DcUsage::<T>::get().into_iter().find(|e| e.subdao == subdao).map(|e| e.burn_authority)
	}
}

/// pallet-data-credits reports DC burns here: usage counts toward `D` of the epoch (and its FLY
/// value toward the usage cap, see the crate's README, "The usage cap"); onboarding
/// fees are recorded (the score's `A` counts the fees of active devices instead, see
/// [`Pallet::onboard_device`]).
impl<T: Config> DcBurnTracker for Pallet<T> {
	fn note_dc_burn(
		subdao: SubDaoId,
		purpose: BurnPurpose,
		amount: DataCredits,
		fly_value: Balance,
	) {
		DcUsage::<T>::mutate(|usage| {
			let Some(e) = usage.iter_mut().find(|e| e.subdao == subdao) else { return };
			let amount = u128::from(amount);
			match purpose {
				BurnPurpose::Usage => {
					e.dc_burned = e.dc_burned.saturating_add(amount);
					e.usage_value = e.usage_value.saturating_add(fly_value);
				}
				BurnPurpose::DeviceOnboarding => {
					e.onboarding_dc_burned = e.onboarding_dc_burned.saturating_add(amount)
				}
			}
		});
	}
}

/// pallet-bonding and pallet-subnets hold only FLY that is not locked in veFLY.
impl<T: Config> flywheel_primitives::ExclusiveFreeze<T::AccountId> for Pallet<T> {
	fn frozen(who: &T::AccountId) -> Balance {
		AccountLocks::<T>::get(who).amount
	}
}

impl<T: Config> Pallet<T> {
	/// Every subDAO's record of the last closed epoch (for the runtime API).
	pub fn last_scores() -> alloc::vec::Vec<SubDaoScore> {
		let Some(epoch) = Self::first_unpaid_epoch().checked_sub(1) else {
			return Default::default();
		};
		SubDaoIds::<T>::get()
			.into_iter()
			.filter_map(|subdao| {
				EpochRecords::<T>::get(subdao, epoch).map(|record| SubDaoScore {
					subdao,
					epoch,
					record,
				})
			})
			.collect()
	}

	/// The epoch clock (for the runtime API).
	/// DC burned for `subdao` in the current epoch: `(usage, onboarding fees)`.
	pub fn dc_usage(subdao: SubDaoId) -> (u128, u128) {
		DcUsage::<T>::get()
			.iter()
			.find(|e| e.subdao == subdao)
			.map_or((0, 0), |e| (e.dc_burned, e.onboarding_dc_burned))
	}

	pub fn epoch_info() -> EpochInfo {
		let current_epoch = CurrentEpoch::<T>::get();
		let epoch_length = T::EpochLength::get();
		EpochInfo {
			current_epoch,
			epoch_length,
			next_close_block: current_epoch.saturating_add(1).saturating_mul(epoch_length),
			pool_pending: PoolPending::<T>::get(),
		}
	}
}
