// SPDX-License-Identifier: Apache-2.0
//! Benchmarks (frame-benchmarking v2), each at its worst case.

use super::*;
use flywheel_primitives::{CurrentRound, FLY};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::RawOrigin;
use sp_runtime::Saturating;

const STAKE: Balance = 1_000 * FLY;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, 1_000_000 * FLY);
	who
}

/// The signer, whitelisted like every benchmark's caller: its account is read and written for
/// the transaction fee anyway.
fn funded_caller<T: Config>() -> T::AccountId {
	let who: T::AccountId = whitelisted_caller();
	T::Currency::set_balance(&who, 1_000_000 * FLY);
	who
}

/// An operator with a self-bond.
fn operator<T: Config>(index: u32) -> T::AccountId {
	let op = funded::<T>("operator", index);
	Pallet::<T>::register_operator(
		RawOrigin::Signed(op.clone()).into(),
		Perbill::from_percent(10),
		Perbill::from_percent(50),
		Rules::<T>::get().min_self_bond,
	)
	.expect("registered");
	Pallet::<T>::bond(RawOrigin::Signed(op.clone()).into(), op.clone(), STAKE).expect("bonded");
	op
}

/// Makes `round` the round in progress.
fn round<T: Config>(round: RoundIndex) {
	T::Rounds::set_current_round(round);
}

/// The history behind every worst case, as of round 3: bonds made in round 0 (the operator's
/// and `delegators`'), a reward at round 2 that matured their cohort and compounded onto them,
/// fees, and a bond of another account in round 2 whose cohort is still open (the next call on
/// the operator closes it). Every bond then has rewards to move into its hold, fees to settle
/// and a closed cohort to leave.
fn history<T: Config>(op: &T::AccountId, delegators: &[&T::AccountId]) {
	pool_endowed::<T>();
	for who in delegators {
		Pallet::<T>::bond(RawOrigin::Signed((*who).clone()).into(), op.clone(), STAKE)
			.expect("bonded");
	}
	round::<T>(2);
	rewards::<T>(op);
	let late = funded::<T>("late", 0);
	Pallet::<T>::bond(RawOrigin::Signed(late).into(), op.clone(), STAKE).expect("bonded");
	round::<T>(3);
}

/// A round's reward and fees credited, so every bond has earnings to settle.
fn rewards<T: Config>(op: &T::AccountId) {
	let pool = Pallet::<T>::pool_account();
	T::Currency::set_balance(&pool, T::Currency::balance(&pool).saturating_add(100 * FLY));
	<Pallet<T> as EmissionSink<_, _>>::note_emission(100 * FLY);
	let payer = funded::<T>("payer", 0);
	Pallet::<T>::deposit_fees(RawOrigin::Signed(payer).into(), op.clone(), 10 * FLY).expect("fees");
}

/// `who` holds the most unbonding locks allowed but one, so one more can be pushed.
fn locks<T: Config>(who: &T::AccountId, count: u32) {
	for _ in 0..count {
		Pallet::<T>::unbond(RawOrigin::Signed(who.clone()).into(), FLY).expect("unbonded");
	}
}

fn pool_endowed<T: Config>() {
	let pool = Pallet::<T>::pool_account();
	if T::Currency::balance(&pool) < T::Currency::minimum_balance() {
		T::Currency::set_balance(&pool, T::Currency::minimum_balance());
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_operator_rules() -> Result<(), BenchmarkError> {
		use frame_support::traits::EnsureOrigin;
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let rules = OperatorRules { min_self_bond: 7 * FLY, max_idle_rounds: 3 };
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, rules);
		assert_eq!(Rules::<T>::get(), rules);
		Ok(())
	}

	/// Anyone removes an operator below the minimum self-bond: its self-bond, with earnings to
	/// settle, joins its last unbonding lock (every lock is taken), and it leaves a full pool of
	/// candidates.
	#[benchmark]
	fn remove_operator() {
		let op = operator::<T>(0);
		for i in 1..T::MaxOperators::get() {
			operator::<T>(i);
		}
		locks::<T>(&op, T::MaxUnbondingLocks::get());
		history::<T>(&op, &[]);
		Rules::<T>::put(OperatorRules { min_self_bond: 10 * STAKE, max_idle_rounds: 0 });
		let caller = funded_caller::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), op.clone());
		assert!(Operators::<T>::get(&op).is_none_or(|o| o.resigned));
	}

	/// The worst case: every slot is taken, so the registration reads every candidate, evicts
	/// the one with the least stake and bonds a self-bond above it.
	#[benchmark]
	fn register_operator() {
		Rules::<T>::put(OperatorRules { min_self_bond: FLY, max_idle_rounds: 0 });
		let caller = funded_caller::<T>();
		for i in 0..T::MaxOperators::get() {
			operator::<T>(i);
		}
		let offer = STAKE.saturating_mul(2);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller.clone()),
			Perbill::from_percent(10),
			Perbill::from_percent(50),
			offer,
		);
		assert!(Candidates::<T>::get().contains(&caller));
		assert_eq!(Candidates::<T>::get().len() as u32, T::MaxOperators::get());
	}

	/// The worst case of a rejoin: a resigned operator comes back to a full pool, reading every
	/// candidate, evicting the lowest and bonding more to itself.
	#[benchmark]
	fn rejoin() {
		Rules::<T>::put(OperatorRules { min_self_bond: FLY, max_idle_rounds: 0 });
		let caller = funded_caller::<T>();
		Pallet::<T>::register_operator(
			RawOrigin::Signed(caller.clone()).into(),
			Perbill::from_percent(10),
			Perbill::from_percent(50),
			FLY,
		)
		.expect("registered");
		Pallet::<T>::resign(RawOrigin::Signed(caller.clone()).into()).expect("resigned");
		for i in 0..T::MaxOperators::get() {
			operator::<T>(i);
		}
		let offer = STAKE.saturating_mul(2);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), offer);
		assert!(Candidates::<T>::get().contains(&caller));
		assert_eq!(Candidates::<T>::get().len() as u32, T::MaxOperators::get());
	}

	#[benchmark]
	fn update_operator() {
		// The longest path: a raise is pending and a smaller one replaces it (checked against
		// the pending terms and the step bound).
		let caller = funded_caller::<T>();
		let base = Perbill::from_percent(10);
		let share = Perbill::from_percent(50);
		Pallet::<T>::register_operator(
			RawOrigin::Signed(caller.clone()).into(),
			base,
			share,
			Rules::<T>::get().min_self_bond,
		)
		.expect("registered");
		let step = T::MaxTermsStep::get();
		Pallet::<T>::update_operator(
			RawOrigin::Signed(caller.clone()).into(),
			base.saturating_add(step),
			share,
		)
		.expect("a raise by the step");
		let smaller = base.saturating_add(Perbill::from_parts(step.deconstruct() / 2));
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), smaller, share);
		let pending = Operators::<T>::get(&caller).and_then(|o| o.next_terms);
		assert_eq!(pending.map(|t| t.reward_cut), Some(smaller));
	}

	#[benchmark]
	fn resign() {
		pool_endowed::<T>();
		let op = operator::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(op.clone()));
		assert_eq!(Operators::<T>::get(&op).map(|o| o.resigned), Some(true));
	}

	/// Worst case: adding to a bond with compounded rewards, fees and a closed cohort to
	/// settle, while the operator's open cohort of the last round closes.
	#[benchmark]
	fn bond() {
		pool_endowed::<T>();
		let op = operator::<T>(0);
		let caller = funded_caller::<T>();
		history::<T>(&op, &[&caller]);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), op.clone(), STAKE);
		let d = Delegations::<T>::get(&caller).expect("bonded");
		assert!(d.bonded > STAKE);
		assert_eq!(d.maturing, STAKE);
	}

	/// Worst case: compounded rewards, fees and a closed cohort to settle, the operator's
	/// cohort closing, a lock pushed next to existing ones.
	#[benchmark]
	fn unbond() {
		pool_endowed::<T>();
		let op = operator::<T>(0);
		let caller = funded_caller::<T>();
		// The locks first (from the maturing bond), so the call still has everything to settle.
		Pallet::<T>::bond(RawOrigin::Signed(caller.clone()).into(), op.clone(), STAKE)
			.expect("bonded");
		locks::<T>(&caller, T::MaxUnbondingLocks::get().saturating_sub(1));
		history::<T>(&op, &[]);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), FLY);
		assert_eq!(
			UnbondingLocks::<T>::get(&caller).locks.len() as u32,
			T::MaxUnbondingLocks::get()
		);
	}

	/// Worst case: the last of a full set of locks; compounded rewards, fees and a closed cohort
	/// to settle; the operator's cohort closing.
	#[benchmark]
	fn rebond() {
		pool_endowed::<T>();
		let op = operator::<T>(0);
		let caller = funded_caller::<T>();
		Pallet::<T>::bond(RawOrigin::Signed(caller.clone()).into(), op.clone(), STAKE)
			.expect("bonded");
		let max = T::MaxUnbondingLocks::get();
		locks::<T>(&caller, max);
		history::<T>(&op, &[]);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), max.saturating_sub(1));
		assert_eq!(UnbondingLocks::<T>::get(&caller).locks.len() as u32, max.saturating_sub(1));
	}

	/// Worst case: the last of a full set of locks, others remain.
	#[benchmark]
	fn withdraw() {
		pool_endowed::<T>();
		let op = operator::<T>(0);
		let caller = funded_caller::<T>();
		Pallet::<T>::bond(RawOrigin::Signed(caller.clone()).into(), op, STAKE).expect("bonded");
		let max = T::MaxUnbondingLocks::get();
		locks::<T>(&caller, max);
		// Unbonding periods are counted in rounds; ripen the lock directly.
		UnbondingLocks::<T>::mutate(&caller, |u| {
			for l in u.locks.iter_mut() {
				l.withdraw_round = 0;
			}
		});
		let before = T::Currency::balance(&caller);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), max.saturating_sub(1));
		assert_eq!(T::Currency::balance(&caller), before.saturating_add(FLY));
	}

	/// Worst case: an operator that is also its own delegator, with both kinds of earnings,
	/// compounded rewards and a closed cohort to settle.
	#[benchmark]
	fn claim_earnings() {
		pool_endowed::<T>();
		let op = operator::<T>(0);
		history::<T>(&op, &[]);
		let before = T::Currency::balance(&op);
		#[extrinsic_call]
		_(RawOrigin::Signed(op.clone()));
		assert!(T::Currency::balance(&op) > before);
	}

	/// Worst case: rewards, fees and a closed cohort to settle on the way out; both operators
	/// close a cohort.
	#[benchmark]
	fn redelegate() {
		pool_endowed::<T>();
		let from = operator::<T>(0);
		let to = operator::<T>(1);
		let caller = funded_caller::<T>();
		history::<T>(&from, &[&caller]);
		// The target's cohort of the last round closes too.
		round::<T>(2);
		let late = funded::<T>("late", 1);
		Pallet::<T>::bond(RawOrigin::Signed(late).into(), to.clone(), STAKE).expect("bonded");
		round::<T>(3);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), to.clone());
		assert_eq!(Delegations::<T>::get(&caller).map(|d| d.operator), Some(to));
	}

	/// Worst case: the operator's cohort of the last round closes first.
	#[benchmark]
	fn deposit_fees() {
		pool_endowed::<T>();
		let op = operator::<T>(0);
		history::<T>(&op, &[]);
		let caller = funded_caller::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), op.clone(), 10 * FLY);
		assert!(Operators::<T>::get(&op).is_some_and(|o| o.earnings > 0));
	}

	/// A round's reward at its worst case: `MaxOperators` operators, all bonded and counting,
	/// are sorted and the top `MaxActiveOperators` share it, each closing a cohort bonded in the
	/// round just ended. (The cost is not linear in the number of operators — reads grow with
	/// all of them, writes only up to the active set — so it is measured at the bound rather
	/// than fitted.)
	#[benchmark]
	fn distribute() {
		pool_endowed::<T>();
		let o = T::MaxOperators::get();
		let mut ops = alloc::vec::Vec::new();
		for i in 0..o {
			ops.push(operator::<T>(i));
		}
		round::<T>(2);
		<Pallet<T> as EmissionSink<_, _>>::note_emission(0);
		for (i, op) in ops.iter().enumerate() {
			let late = funded::<T>("late", i as u32);
			Pallet::<T>::bond(RawOrigin::Signed(late).into(), op.clone(), STAKE).expect("bonded");
		}
		round::<T>(3);
		let pool = Pallet::<T>::pool_account();
		T::Currency::set_balance(&pool, T::Currency::balance(&pool).saturating_add(100 * FLY));
		#[block]
		{
			<Pallet<T> as EmissionSink<_, _>>::note_emission(100 * FLY);
		}
		assert_eq!(ActiveSet::<T>::get().len() as u32, o.min(T::MaxActiveOperators::get()));
		assert!(Cohorts::<T>::iter().count() as u32 >= o.min(T::MaxActiveOperators::get()));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
