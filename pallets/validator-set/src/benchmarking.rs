// SPDX-License-Identifier: Apache-2.0
//! Benchmarks (frame-benchmarking v2), each at its worst case: a set one short of full for an
//! addition, a full set losing its first member (the longest shift) for a removal.

use super::*;
use codec::Decode;
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::Mutate, EnsureOrigin},
};
use sp_runtime::traits::{Saturating, TrailingZeroInput};

fn origin<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::ValidatorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// `n` validators (accounts derived from the index), replacing the set.
fn fill<T: Config>(n: u32) -> Vec<T::AccountId> {
	let accounts: Vec<T::AccountId> = (0..n).map(|i| account("validator", i, 0)).collect();
	let bounded: BoundedVec<_, T::MaxValidators> =
		accounts.clone().try_into().expect("n is at most MaxValidators");
	Validators::<T>::put(bounded);
	accounts
}

/// Session keys derived from an index (distinct for distinct indices).
fn keys<T: Config>(i: u32) -> Result<T::Keys, BenchmarkError> {
	T::Keys::decode(&mut TrailingZeroInput::new(&i.to_le_bytes()))
		.map_err(|_| BenchmarkError::Stop("session keys from an index"))
}

/// Funds `who` with twice the deposit and the existential deposit.
fn fund<T: Config>(who: &T::AccountId) {
	let amount = T::Deposit::get()
		.saturating_mul(2u32.into())
		.saturating_add(T::DepositCurrency::minimum_balance());
	T::DepositCurrency::set_balance(who, amount);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator() -> Result<(), BenchmarkError> {
		let origin = origin::<T>()?;
		fill::<T>(T::MaxValidators::get().saturating_sub(1));
		let who: T::AccountId = account("new", 0, 0);
		let keys = T::Keys::decode(&mut TrailingZeroInput::zeroes())
			.map_err(|_| BenchmarkError::Stop("session keys from zeroes"))?;
		pallet_session::NextKeys::<T>::insert(&who, keys);
		fund::<T>(&who);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(Validators::<T>::get().contains(&who));
		assert_eq!(Pallet::<T>::deposit_of(&who), T::Deposit::get());
		Ok(())
	}

	#[benchmark]
	fn remove_validator() -> Result<(), BenchmarkError> {
		let origin = origin::<T>()?;
		let accounts = fill::<T>(T::MaxValidators::get());
		let who = accounts[0].clone();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(!Validators::<T>::get().contains(&who));
		Ok(())
	}

	/// Noting a block's author in a session where every other validator has authored already
	/// (the longest scan), the author new.
	#[benchmark]
	fn note_author() {
		let accounts = fill::<T>(T::MaxValidators::get());
		let (last, others) = accounts.split_last().expect("MaxValidators is at least 1");
		for who in others {
			Pallet::<T>::note_author(who.clone());
		}
		#[block]
		{
			Pallet::<T>::note_author(last.clone());
		}
		assert_eq!(SessionAuthors::<T>::get().len() as u32, T::MaxValidators::get());
	}

	/// Noting a stall: the finality gadget's one write.
	#[benchmark]
	fn note_stalled() -> Result<(), BenchmarkError> {
		let origin = origin::<T>()?;
		frame_system::Pallet::<T>::set_block_number(100u32.into());
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 10u32.into(), 90u32.into());
		Ok(())
	}

	/// Punishing an offender of a full set: its deposit slashed, the set shortened from the
	/// front (the longest shift). pallet-session's disabling is added by `punish_weight`.
	#[benchmark]
	fn punish_offender() -> Result<(), BenchmarkError> {
		let accounts = fill::<T>(T::MaxValidators::get());
		let who = accounts[0].clone();
		fund::<T>(&who);
		Pallet::<T>::top_up_deposit(&who).map_err(|_| BenchmarkError::Stop("deposit"))?;
		#[block]
		{
			Pallet::<T>::punish(&who, Perbill::from_percent(50), 1);
		}
		assert!(!Validators::<T>::get().contains(&who));
		assert!(Pallet::<T>::deposit_of(&who) < T::Deposit::get());
		Ok(())
	}

	/// A session start at its worst case: the ending session's full set (`MaxValidators`, none of
	/// which authored a block) has its liveness closed, each reaching `OfflineSessions` missed
	/// sessions (one event each); a new full set with new keys goes to the session's handlers
	/// (Aura and GRANDPA in the runtime); the next full set, all new members, is queued with its
	/// keys, so every one of the ending set leaves (`LeftIn`); its historical root is noted and
	/// the oldest one pruned. GRANDPA's forced change and set-id pruning need GRANDPA's storage,
	/// which this generic pallet does not know: the runtime adds their storage accesses
	/// (`ValidatorSetWeights` in runtime/src/weights/mod.rs).
	#[benchmark]
	fn rotate_session() -> Result<(), BenchmarkError> {
		let full = T::MaxValidators::get();
		// The ending session's set: no member any more, none authored, one session short of
		// being reported offline.
		let ending: Vec<T::AccountId> = (0..full).map(|i| account("ending", i, 0)).collect();
		pallet_session::Validators::<T>::put(ending.clone());
		let almost = T::OfflineSessions::get().saturating_sub(1);
		let offline: Vec<(T::AccountId, u32)> =
			ending.iter().map(|v| (v.clone(), almost)).collect();
		Offline::<T>::put(BoundedVec::truncate_from(offline));
		SessionAuthors::<T>::kill();
		// The set queued a session ago, which starts now: no members any more either, so each
		// leaves when the next set is handed over.
		let mut queued_keys = Vec::new();
		let mut queued = Vec::new();
		for i in 0..full {
			let who: T::AccountId = account("queued", i, 0);
			queued_keys.push((who.clone(), keys::<T>(i)?));
			queued.push(who);
		}
		pallet_session::QueuedKeys::<T>::put(queued_keys);
		// The members, all new, with their keys: the next set.
		let accounts = fill::<T>(full);
		for (i, who) in (full..).zip(accounts.iter()) {
			pallet_session::NextKeys::<T>::insert(who, keys::<T>(i)?);
		}
		pallet_session::QueuedChanged::<T>::put(true);
		Changed::<T>::put(true);
		// Old enough that the session start prunes the oldest historical root.
		let before = T::HistoryDepth::get().saturating_add(1);
		pallet_session::CurrentIndex::<T>::put(before);
		for index in 1..=before {
			pallet_session::historical::HistoricalSessions::<T>::insert(
				index,
				(T::Hash::default(), T::MaxValidators::get()),
			);
		}
		pallet_session::historical::StoredRange::<T>::put((1, before.saturating_add(1)));
		#[block]
		{
			pallet_session::Pallet::<T>::rotate_session();
		}
		assert_eq!(pallet_session::CurrentIndex::<T>::get(), before.saturating_add(1));
		assert_eq!(pallet_session::Validators::<T>::get(), queued);
		let next: Vec<T::AccountId> =
			pallet_session::QueuedKeys::<T>::get().into_iter().map(|(v, _)| v).collect();
		assert_eq!(next, accounts);
		assert!(!pallet_session::historical::HistoricalSessions::<T>::contains_key(1));
		// The ending set's liveness was closed for every one of it (each at its limit now) and
		// every one of the starting set leaves.
		let limit = T::OfflineSessions::get();
		assert_eq!(Offline::<T>::get().len(), ending.len());
		assert!(Offline::<T>::get().iter().all(|(_, missed)| *missed == limit));
		assert!(queued.iter().all(LeftIn::<T>::contains_key));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
