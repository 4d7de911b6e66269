// SPDX-License-Identifier: Apache-2.0
//! Runtime API of the subnets pallet: subnet and neuron info, the lock cost and registration
//! price now. Implemented by the runtime with the pallet's public functions.

use crate::{NeuronInfo, SubnetInfo, Uid};
use flywheel_primitives::{Balance, NetUid};

sp_api::decl_runtime_apis! {
	/// Read-only views of the subnets for wallets and dashboards.
	pub trait SubnetsApi<AccountId> where AccountId: codec::Codec {
		/// A subnet's record, or `None` if it does not exist.
		fn subnet_info(netuid: NetUid) -> Option<SubnetInfo<AccountId>>;
		/// A neuron's record (keys, take, validator permit, the last epoch's consensus,
		/// incentive, dividends, trust and emission, unclaimed emission), or `None` if there is
		/// none at `uid`.
		fn neuron_info(netuid: NetUid, uid: Uid) -> Option<NeuronInfo<AccountId>>;
		/// The lock a network registration would hold now.
		fn lock_cost() -> Balance;
		/// The price a neuron registration on `netuid` would burn now, or `None` for an
		/// unknown subnet.
		fn registration_price(netuid: NetUid) -> Option<Balance>;
	}
}

impl<T: crate::Config> crate::Pallet<T> {
	/// [`SubnetsApi::subnet_info`].
	pub fn subnet_info(netuid: NetUid) -> Option<SubnetInfo<T::AccountId>> {
		crate::Networks::<T>::get(netuid)
	}

	/// [`SubnetsApi::neuron_info`].
	pub fn neuron_info(netuid: NetUid, uid: Uid) -> Option<NeuronInfo<T::AccountId>> {
		crate::Neurons::<T>::get(netuid).get(usize::from(uid)).cloned()
	}

	/// [`SubnetsApi::lock_cost`].
	pub fn lock_cost() -> Balance {
		Self::lock_cost_at(&crate::Params::<T>::get(), crate::LastLock::<T>::get(), Self::now())
	}

	/// [`SubnetsApi::registration_price`].
	pub fn registration_price(netuid: NetUid) -> Option<Balance> {
		let params = crate::Params::<T>::get();
		crate::Networks::<T>::get(netuid).map(|s| Self::burn_price_at(&params, &s, Self::now()))
	}
}
