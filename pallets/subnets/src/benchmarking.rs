// SPDX-License-Identifier: Apache-2.0
//! Benchmarks (frame-benchmarking v2), each at its worst case.

use super::*;
use alloc::vec::Vec;
use flywheel_primitives::FLY;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, EnsureOrigin, Get, Hooks},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::{traits::Hash, FixedU128};

const FUNDS: Balance = 1_000_000_000 * FLY;
const STAKE: Balance = 1_000 * FLY;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, FUNDS);
	who
}

/// The signer, whitelisted like every benchmark's caller: its account is read and written for
/// the transaction fee anyway.
fn funded_caller<T: Config>() -> T::AccountId {
	let who: T::AccountId = whitelisted_caller();
	T::Currency::set_balance(&who, FUNDS);
	who
}

fn hotkey<T: Config>(netuid: NetUid, index: u32) -> T::AccountId {
	account("hotkey", u32::from(netuid) * 1_000 + index, 0)
}

fn set_block<T: Config>(n: BlockNumber) {
	frame_system::Pallet::<T>::set_block_number(BlockNumberFor::<T>::from(n));
}

/// Moves the clock past every rate limit, immunity and decay.
fn far_ahead<T: Config>() -> BlockNumber {
	let p = Params::<T>::get();
	let now = Pallet::<T>::now()
		.saturating_add(p.network_rate_limit)
		.saturating_add(p.network_immunity_period)
		.saturating_add(p.bounds.max_immunity_period)
		.saturating_add(p.bounds.max_weights_rate_limit)
		.saturating_add(p.lock_reduction_interval)
		.saturating_add(1);
	set_block::<T>(now);
	now
}

fn pool_endowed<T: Config>() {
	let pool = Pallet::<T>::pool_account();
	T::Currency::set_balance(&pool, FUNDS);
}

/// A subnet with `n` neurons (the owner's included), `max_uids` = `n` (full); returns it.
fn subnet<T: Config>(index: u32, n: u32) -> NetUid {
	far_ahead::<T>();
	let owner = funded::<T>("owner", index);
	let netuid = NextNetUid::<T>::get();
	Pallet::<T>::register_network(RawOrigin::Signed(owner.clone()).into(), hotkey::<T>(netuid, 0))
		.expect("network registered");
	Networks::<T>::mutate(netuid, |s| {
		if let Some(s) = s {
			s.hyperparameters.max_uids = T::MaxUids::get() as Uid;
		}
	});
	let coldkey = funded::<T>("coldkey", index);
	for i in 1..n {
		Pallet::<T>::register_neuron(
			RawOrigin::Signed(coldkey.clone()).into(),
			netuid,
			hotkey::<T>(netuid, i),
		)
		.expect("neuron registered");
	}
	Networks::<T>::mutate(netuid, |s| {
		if let Some(s) = s {
			s.hyperparameters.max_uids = n as Uid;
		}
	});
	netuid
}

/// Every neuron of `netuid` has unclaimed emission (so removals and replacements move it).
fn with_pending<T: Config>(netuid: NetUid) {
	pool_endowed::<T>();
	Neurons::<T>::mutate(netuid, |neurons| {
		for (i, n) in neurons.iter_mut().enumerate() {
			n.pending = FLY;
			n.last_emission = FLY + i as Balance;
		}
	});
}

/// `v` validators (uids 0..v) with stake and permits; returns their coldkeys.
fn validators<T: Config>(netuid: NetUid, v: u32) -> Vec<T::AccountId> {
	let mut coldkeys = Vec::new();
	for i in 0..v {
		let staker = funded::<T>("staker", u32::from(netuid) * 1_000 + i);
		Pallet::<T>::add_stake(
			RawOrigin::Signed(staker.clone()).into(),
			netuid,
			hotkey::<T>(netuid, i),
			STAKE + Balance::from(i),
		)
		.expect("staked");
		coldkeys.push(staker);
	}
	Neurons::<T>::mutate(netuid, |neurons| {
		for n in neurons.iter_mut().take(v as usize) {
			n.validator_permit = true;
		}
	});
	coldkeys
}

/// The whitelisted caller with `amount` staked on uid 1 of a new subnet, and dividends to settle
/// (the pool's factor raised since). Returns the subnet, the caller and the hotkey.
/// The caller's stake of `amount` on a hotkey, in a cohort that has matured and joined the pool
/// (its entry in [`MaturedCohorts`] waits for the caller's settlement), with dividends since;
/// another staker's cohort has matured too and joins the pool at the caller's call. The worst
/// case of every stake call: one cohort joins, one matured cohort is settled.
fn staked_with_dividends<T: Config>(amount: Balance) -> (NetUid, T::AccountId, T::AccountId) {
	let netuid = subnet::<T>(0, 2);
	pool_endowed::<T>();
	let caller = funded_caller::<T>();
	let hot = hotkey::<T>(netuid, 1);
	Pallet::<T>::add_stake(RawOrigin::Signed(caller.clone()).into(), netuid, hot.clone(), amount)
		.expect("staked");
	let set_epochs = |epochs: u32| {
		Networks::<T>::mutate(netuid, |s| {
			if let Some(s) = s {
				s.epochs = epochs;
			}
		})
	};
	set_epochs(1);
	let other = funded::<T>("other staker", 0);
	Pallet::<T>::add_stake(RawOrigin::Signed(other).into(), netuid, hot.clone(), STAKE)
		.expect("staked");
	set_epochs(2);
	StakePools::<T>::mutate(netuid, &hot, |p| {
		if let Some(p) = p {
			p.reward_factor = FixedU128::from_rational(1, 3);
		}
	});
	assert!(MaturedCohorts::<T>::contains_key((netuid, &hot, 0)));
	(netuid, caller, hot)
}

/// Turns commit-reveal on for `netuid`.
fn set_commit_reveal<T: Config>(netuid: NetUid) {
	Networks::<T>::mutate(netuid, |s| {
		if let Some(s) = s {
			s.hyperparameters.commit_reveal = true;
		}
	});
}

fn dense_weights<T: Config>(n: u32) -> BoundedVec<(Uid, u16), T::MaxUids> {
	BoundedVec::truncate_from((0..n).map(|u| (u as Uid, (u % 7 + 1) as u16)).collect())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// At capacity, pruning a subnet of `p` neurons that all have unclaimed emission.
	#[benchmark]
	fn register_network(p: Linear<1, { T::MaxUids::get() }>) {
		let first = subnet::<T>(0, p);
		with_pending::<T>(first);
		for i in 1..T::MaxSubnets::get() {
			subnet::<T>(i, 1);
		}
		far_ahead::<T>();
		let caller = funded_caller::<T>();
		let hot = hotkey::<T>(u16::MAX, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), hot);
		assert!(!Networks::<T>::contains_key(first));
	}

	#[benchmark]
	fn dissolve_network(n: Linear<1, { T::MaxUids::get() }>) {
		let netuid = subnet::<T>(0, n);
		with_pending::<T>(netuid);
		let owner: T::AccountId = account("owner", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), netuid);
		assert!(!Networks::<T>::contains_key(netuid));
	}

	#[benchmark]
	fn set_hyperparameters() {
		let netuid = subnet::<T>(0, 1);
		let owner: T::AccountId = account("owner", 0, 0);
		let mut h = Params::<T>::get().default_hyperparameters;
		h.tempo = Params::<T>::get().bounds.max_tempo;
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), netuid, h);
		assert_eq!(Networks::<T>::get(netuid).map(|s| s.hyperparameters), Some(h));
	}

	#[benchmark]
	fn set_global_params() -> Result<(), BenchmarkError> {
		let mut params = Params::<T>::get();
		params.emission_mode = EmissionMode::Revenue;
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params);
		assert_eq!(Params::<T>::get(), params);
		Ok(())
	}

	#[benchmark]
	fn set_service_authority() {
		let netuid = subnet::<T>(0, 1);
		let owner = Networks::<T>::get(netuid).expect("registered").owner;
		let authority = funded::<T>("service", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), netuid, Some(authority.clone()));
		assert_eq!(ServiceAuthorities::<T>::get(netuid), Some(authority));
	}

	#[benchmark]
	fn set_revenue_cap() -> Result<(), BenchmarkError> {
		let cap = Perbill::from_percent(25);
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, cap);
		assert_eq!(RevenueCap::<T>::get(), cap);
		Ok(())
	}

	/// A full subnet of `n` neurons: the scan for a replacement, which has emission to keep
	/// and weights and bonds to clear.
	#[benchmark]
	fn register_neuron(n: Linear<2, { T::MaxUids::get() }>) {
		let netuid = subnet::<T>(0, n);
		with_pending::<T>(netuid);
		let row = WeightRow { set_at: 0, weights: dense_weights::<T>(n) };
		for uid in 0..n {
			Weights::<T>::insert(netuid, uid as Uid, row.clone());
			Bonds::<T>::insert(
				netuid,
				uid as Uid,
				BoundedVec::truncate_from(
					(0..n).map(|u| (u as Uid, Perbill::from_percent(1))).collect::<Vec<_>>(),
				),
			);
		}
		far_ahead::<T>();
		let caller = funded_caller::<T>();
		let hot = hotkey::<T>(netuid, 9_999);
		// The neuron replaced (uid 1, the lowest emission) has stakers, whose stake stops
		// counting; the new hotkey comes back to stakers it left, with its retired take.
		let replaced = hotkey::<T>(netuid, 1);
		let staker = funded::<T>("staker", 0);
		Pallet::<T>::add_stake(RawOrigin::Signed(staker).into(), netuid, replaced.clone(), STAKE)
			.expect("staked");
		StakePools::<T>::insert(netuid, &hot, StakePool { total: STAKE, ..Default::default() });
		RetiredTakes::<T>::insert(netuid, &hot, (Perbill::zero(), 0));
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), netuid, hot.clone());
		assert!(Uids::<T>::contains_key(netuid, &hot));
		assert!(RetiredTakes::<T>::contains_key(netuid, &replaced));
	}

	/// Adding to an existing stake with dividends to settle.
	#[benchmark]
	fn add_stake() {
		let (netuid, caller, hot) = staked_with_dividends::<T>(STAKE);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), netuid, hot.clone(), STAKE);
		assert_eq!(Stakes::<T>::get((&caller, netuid, &hot)).map(|r| r.staked()), Some(2 * STAKE));
	}

	#[benchmark]
	fn remove_stake() {
		let (netuid, caller, hot) = staked_with_dividends::<T>(2 * STAKE);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), netuid, hot.clone(), STAKE);
		assert_eq!(Stakes::<T>::get((&caller, netuid, &hot)).map(|r| r.staked()), Some(STAKE));
	}

	#[benchmark]
	fn set_take(n: Linear<1, { T::MaxUids::get() }>) {
		let netuid = subnet::<T>(0, n);
		let coldkey: T::AccountId = account("owner", 0, 0);
		let hot = hotkey::<T>(netuid, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(coldkey), netuid, hot, Perbill::from_percent(1));
		assert_eq!(Neurons::<T>::get(netuid)[0].take, Perbill::from_percent(1));
	}

	/// `w` weights on a subnet of `MaxUids` neurons, replacing an earlier row.
	#[benchmark]
	fn set_weights(w: Linear<1, { T::MaxUids::get() }>) {
		let netuid = subnet::<T>(0, T::MaxUids::get());
		validators::<T>(netuid, 1);
		let hot = hotkey::<T>(netuid, 0);
		Weights::<T>::insert(netuid, 0, WeightRow { set_at: 0, weights: dense_weights::<T>(w) });
		far_ahead::<T>();
		let weights = dense_weights::<T>(w);
		#[extrinsic_call]
		_(RawOrigin::Signed(hot), netuid, weights);
		assert_eq!(Weights::<T>::get(netuid, 0).map(|r| r.weights.len() as u32), Some(w));
	}

	/// A commit replacing an earlier one on a commit-reveal subnet of `MaxUids` neurons.
	#[benchmark]
	fn commit_weights() {
		let netuid = subnet::<T>(0, T::MaxUids::get());
		validators::<T>(netuid, 1);
		set_commit_reveal::<T>(netuid);
		let hot = hotkey::<T>(netuid, 0);
		let hash = T::Hashing::hash_of(&0u32);
		WeightCommits::<T>::insert(netuid, 0, WeightCommit { hash, epoch: 0, at: 0 });
		far_ahead::<T>();
		let hash = T::Hashing::hash_of(&1u32);
		#[extrinsic_call]
		_(RawOrigin::Signed(hot), netuid, hash);
		assert_eq!(WeightCommits::<T>::get(netuid, 0).map(|c| c.hash), Some(hash));
	}

	/// Revealing `w` weights on a subnet of `MaxUids` neurons, replacing an earlier row.
	#[benchmark]
	fn reveal_weights(w: Linear<1, { T::MaxUids::get() }>) {
		let netuid = subnet::<T>(0, T::MaxUids::get());
		validators::<T>(netuid, 1);
		set_commit_reveal::<T>(netuid);
		let hot = hotkey::<T>(netuid, 0);
		Weights::<T>::insert(netuid, 0, WeightRow { set_at: 0, weights: dense_weights::<T>(w) });
		let weights = dense_weights::<T>(w);
		let salt = [7u8; 32];
		let hash = Pallet::<T>::weights_hash(&hot, netuid, &weights, &salt);
		let epochs = Networks::<T>::get(netuid).map_or(0, |s| s.epochs);
		WeightCommits::<T>::insert(netuid, 0, WeightCommit { hash, epoch: epochs, at: 0 });
		Networks::<T>::mutate(netuid, |s| {
			if let Some(s) = s {
				s.epochs = epochs + 1;
			}
		});
		#[extrinsic_call]
		_(RawOrigin::Signed(hot), netuid, weights, salt);
		assert!(WeightCommits::<T>::get(netuid, 0).is_none());
		assert_eq!(Weights::<T>::get(netuid, 0).map(|r| r.weights.len() as u32), Some(w));
	}

	#[benchmark]
	fn claim_emission(n: Linear<1, { T::MaxUids::get() }>) {
		let netuid = subnet::<T>(0, n);
		with_pending::<T>(netuid);
		let owner: T::AccountId = account("owner", 0, 0);
		let hot = hotkey::<T>(netuid, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), netuid, hot);
		assert_eq!(Neurons::<T>::get(netuid)[0].pending, 0);
	}

	#[benchmark]
	fn claim_unclaimed() {
		pool_endowed::<T>();
		let caller = funded_caller::<T>();
		Unclaimed::<T>::insert(&caller, FLY);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()));
		assert!(!Unclaimed::<T>::contains_key(&caller));
	}

	#[benchmark]
	fn claim_dividends() {
		let (netuid, caller, hot) = staked_with_dividends::<T>(STAKE);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), netuid, hot.clone());
		assert_eq!(Stakes::<T>::get((&caller, netuid, &hot)).map(|r| r.pending), Some(0));
	}

	/// A block with no epoch due, with `s` subnets registered and scheduled later: the cost of
	/// a normal block must not grow with `s` (the hook reads this block's schedule entry and the
	/// due queue, nothing per subnet).
	#[benchmark]
	fn on_initialize_idle(s: Linear<1, { T::MaxSubnets::get() }>) {
		for i in 0..s {
			subnet::<T>(i, 1);
		}
		let now = Pallet::<T>::now();
		let scheduled: Vec<BlockNumber> =
			Networks::<T>::iter_values().map(|info| info.next_epoch).collect();
		let block = (now.saturating_add(1)..)
			.find(|b| !scheduled.contains(b))
			.unwrap_or(now.saturating_add(1));
		#[block]
		{
			Pallet::<T>::on_initialize(BlockNumberFor::<T>::from(block));
		}
		assert!(Networks::<T>::iter_values().all(|info| info.epochs == 0));
	}

	/// One epoch of a subnet with `n` neurons and `v` validators, each weighting every neuron
	/// and bonded to every neuron, with emission to pay to everyone.
	#[benchmark]
	fn epoch(n: Linear<2, { T::MaxUids::get() }>, v: Linear<1, { T::MaxValidators::get() }>) {
		let v = v.min(n);
		let netuid = subnet::<T>(0, n);
		validators::<T>(netuid, v);
		far_ahead::<T>();
		let weights = dense_weights::<T>(n);
		let bonds: BoundedVec<(Uid, Perbill), T::MaxUids> = BoundedVec::truncate_from(
			(0..n).map(|u| (u as Uid, Perbill::from_percent(1))).collect::<Vec<_>>(),
		);
		// The epoch runs far enough ahead for every bond to count, and the weights are fresh
		// (within the activity cutoff), so every validator takes part.
		let block = far_ahead::<T>();
		let set_at = block.saturating_sub(2);
		// Up to `v` more neurons held a permit at the last epoch and lose it: their bonds go.
		Neurons::<T>::mutate(netuid, |neurons| {
			for n in neurons.iter_mut().skip(v as usize).take(v as usize) {
				n.validator_permit = true;
			}
		});
		for uid in v..(2 * v).min(n) {
			Bonds::<T>::insert(netuid, uid as Uid, bonds.clone());
		}
		for uid in 0..v {
			Weights::<T>::insert(
				netuid,
				uid as Uid,
				WeightRow { set_at, weights: weights.clone() },
			);
			Bonds::<T>::insert(netuid, uid as Uid, bonds.clone());
			let hash = T::Hashing::hash_of(&uid);
			WeightCommits::<T>::insert(
				netuid,
				uid as Uid,
				WeightCommit { hash, epoch: 1, at: set_at },
			);
		}
		pool_endowed::<T>();
		Networks::<T>::mutate(netuid, |s| {
			if let Some(s) = s {
				EpochSchedule::<T>::remove(s.next_epoch);
				s.next_epoch = block;
				s.emission.accrued = 1_000 * FLY;
				s.last_epoch = set_at.saturating_add(1);
				// The stake's cohort has matured: it counts, and joins each pool in the run.
				s.epochs = 1;
				// Commit-reveal, with a commit awaiting its reveal for every validator: each is
				// read, none has expired, so every validator still takes part.
				s.hyperparameters.commit_reveal = true;
			}
		});
		EpochSchedule::<T>::insert(block, BoundedVec::truncate_from(alloc::vec![netuid]));
		#[block]
		{
			Pallet::<T>::on_initialize(BlockNumberFor::<T>::from(block));
		}
		assert_eq!(Networks::<T>::get(netuid).map(|s| s.epochs), Some(2));
		if v < n {
			assert!(!Bonds::<T>::contains_key(netuid, v as Uid));
		}
	}

	/// The pool's emission shared among `s` subnets with stake, in revenue mode with revenue on
	/// every subnet (each one's revenue value is read, capped and removed).
	#[benchmark]
	fn share_emission(s: Linear<1, { T::MaxSubnets::get() }>) {
		for i in 0..s {
			let netuid = subnet::<T>(i, 1);
			validators::<T>(netuid, 1);
			<Pallet<T> as SubnetRevenueTracker<T::AccountId>>::note_subnet_revenue(
				netuid, 1_000, FLY,
			);
		}
		Params::<T>::mutate(|p| p.emission_mode = EmissionMode::Revenue);
		pool_endowed::<T>();
		// A round's worth already waits: what the cap holds back beyond it is recycled.
		UnallocatedEmission::<T>::put(1_000 * FLY);
		#[block]
		{
			<Pallet<T> as EmissionSink<_, _>>::note_emission(1_000 * FLY);
		}
		assert_eq!(EmissionTotals::<T>::get().0, 1_000 * FLY);
		assert_eq!(RevenueValue::<T>::iter().count(), 0);
		assert!(UnallocatedEmission::<T>::get() <= 1_000 * FLY);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
