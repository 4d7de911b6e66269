// SPDX-License-Identifier: Apache-2.0
//! Devices: onboarding by approved makers, attestation by a quorum of the subDAO's rewards
//! oracles, and expiry of devices nobody attested.
//!
//! `A` of the utility score counts the onboarding fees of the devices that count: active and
//! onboarded or attested within the last [`DeviceActivityEpochs`] epochs. Anyone could make up
//! device ids; only makers approved by governance may onboard them, each pays its fee in DC,
//! and a device nobody vouches for stops counting. Each counting device's fee sits in the
//! [`DeviceExpiries`] bucket of its expiry epoch, and that epoch's close takes the bucket out of
//! `active_device_fees`, so no close iterates devices.

use crate::*;
use flywheel_primitives::{BurnPurpose, DataCreditsCharge};
use frame_support::{dispatch::DispatchResult, ensure};

impl<T: Config> Pallet<T> {
	/// Onboards `device` for `maker` (see [`Pallet::onboard_device`]).
	pub(crate) fn do_onboard(
		maker: T::AccountId,
		subdao: SubDaoId,
		device: DeviceId,
	) -> DispatchResult {
		let info = Registry::<T>::get(subdao).ok_or(Error::<T>::UnknownSubDao)?;
		ensure!(Makers::<T>::contains_key(subdao, &maker), Error::<T>::NotApprovedMaker);
		if let Some(existing) = Devices::<T>::get(subdao, device) {
			ensure!(!existing.active, Error::<T>::DeviceAlreadyActive);
			ensure!(existing.owner == maker, Error::<T>::NotDeviceController);
		}
		let fee = info.config.onboarding_fee;
		if fee > 0 {
			T::DataCredits::charge(&maker, subdao, BurnPurpose::DeviceOnboarding, fee)?;
		}
		let counts_until = Self::attestation_expiry(CurrentEpoch::<T>::get());
		Self::start_counting(subdao, fee, counts_until);
		Devices::<T>::insert(
			subdao,
			device,
			Device { owner: maker.clone(), fee, active: true, expires_at: counts_until },
		);
		Self::deposit_event(Event::DeviceOnboarded {
			subdao,
			device,
			owner: maker,
			fee,
			counts_until,
		});
		Ok(())
	}

	/// Records `who`'s vote that `devices` of `subdao` are active; those that reach the
	/// oracles' quorum this epoch are attested (see [`Pallet::attest_devices`]).
	pub(crate) fn do_attest(
		who: T::AccountId,
		subdao: SubDaoId,
		devices: DeviceBatchOf<T>,
	) -> DispatchResult {
		let info = Registry::<T>::get(subdao).ok_or(Error::<T>::UnknownSubDao)?;
		let oracles = &info.config.rewards_oracles;
		ensure!(oracles.contains(&who), Error::<T>::NotRewardsOracle);
		ensure!(!devices.is_empty(), Error::<T>::EmptyBatch);
		let mut records = alloc::vec::Vec::with_capacity(devices.len());
		for id in devices.iter() {
			let record = Devices::<T>::get(subdao, id).ok_or(Error::<T>::UnknownDevice)?;
			ensure!(record.active, Error::<T>::DeviceInactive);
			records.push((*id, record));
		}
		let current = CurrentEpoch::<T>::get();
		let counts_until = Self::attestation_expiry(current);
		let mut attested = 0u32;
		for (id, mut record) in records {
			// Attested this epoch already: nothing more to vote on.
			if record.expires_at == counts_until {
				continue;
			}
			let mut votes = DeviceVotes::<T>::get(subdao, id)
				.filter(|v| v.epoch == current)
				.unwrap_or(AttestationVotes { epoch: current, oracles: Default::default() });
			// Votes of former oracles no longer count; one vote per oracle.
			votes.oracles.retain(|o| oracles.contains(o));
			if !votes.oracles.contains(&who) {
				let _ = votes.oracles.try_push(who.clone());
			}
			if (votes.oracles.len() as u32) < oracles.quorum {
				DeviceVotes::<T>::insert(subdao, id, votes);
				continue;
			}
			DeviceVotes::<T>::remove(subdao, id);
			if record.counts(current) {
				Self::stop_counting(subdao, record.fee, record.expires_at);
			}
			Self::start_counting(subdao, record.fee, counts_until);
			record.expires_at = counts_until;
			Devices::<T>::insert(subdao, id, record);
			attested = attested.saturating_add(1);
		}
		Self::deposit_event(Event::DevicesAttested {
			subdao,
			oracle: who,
			devices: devices.len() as u32,
			attested,
			counts_until,
		});
		Ok(())
	}

	/// Deactivates `device` for `who`, its owner (see [`Pallet::deactivate_device`]).
	pub(crate) fn do_deactivate(
		who: T::AccountId,
		subdao: SubDaoId,
		device: DeviceId,
	) -> DispatchResult {
		ensure!(Registry::<T>::contains_key(subdao), Error::<T>::UnknownSubDao);
		let mut record = Devices::<T>::get(subdao, device).ok_or(Error::<T>::UnknownDevice)?;
		ensure!(who == record.owner, Error::<T>::NotDeviceController);
		ensure!(record.active, Error::<T>::DeviceInactive);
		if record.counts(CurrentEpoch::<T>::get()) {
			Self::stop_counting(subdao, record.fee, record.expires_at);
		}
		record.active = false;
		let fee = record.fee;
		Devices::<T>::insert(subdao, device, record);
		DeviceVotes::<T>::remove(subdao, device);
		Self::deposit_event(Event::DeviceDeactivated { subdao, device, fee });
		Ok(())
	}

	/// The expiry epoch of an onboarding or attestation made in epoch `current`.
	fn attestation_expiry(current: EpochIndex) -> EpochIndex {
		current.saturating_add(DeviceActivityEpochs::<T>::get())
	}

	/// Adds `fee` to `subdao`'s counting fees, until `expires_at`.
	fn start_counting(subdao: SubDaoId, fee: DataCredits, expires_at: EpochIndex) {
		let fee = u128::from(fee);
		if fee == 0 {
			return;
		}
		States::<T>::mutate(subdao, |s| {
			s.active_device_fees = s.active_device_fees.saturating_add(fee)
		});
		DeviceExpiries::<T>::mutate(subdao, expires_at, |f| *f = f.saturating_add(fee));
	}

	/// Takes `fee`, expiring at `expires_at`, out of `subdao`'s counting fees.
	fn stop_counting(subdao: SubDaoId, fee: DataCredits, expires_at: EpochIndex) {
		let fee = u128::from(fee);
		States::<T>::mutate(subdao, |s| {
			s.active_device_fees = s.active_device_fees.saturating_sub(fee)
		});
		DeviceExpiries::<T>::mutate_exists(subdao, expires_at, |f| {
			*f = f.map(|v| v.saturating_sub(fee)).filter(|v| *v > 0)
		});
	}

	/// At the close of `epoch`, before scoring: the fees of devices whose attestation runs out
	/// now stop counting. One read and write per subDAO.
	pub(crate) fn expire_devices(subdao: SubDaoId, epoch: EpochIndex, state: &mut SubDaoState) {
		let expiring = DeviceExpiries::<T>::take(subdao, epoch);
		state.active_device_fees = state.active_device_fees.saturating_sub(expiring);
	}
}
