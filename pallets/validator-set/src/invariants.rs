// SPDX-License-Identifier: Apache-2.0
//! The pallet's invariants, checked by `try_state` (try-runtime) and after every unit test.

use crate::{Config, LeftIn, Pallet, Validators};
use alloc::collections::BTreeSet;
use frame_support::traits::Get;
use sp_runtime::TryRuntimeError;

/// Every validator is listed once, the set keeps at least `MinValidators` (the pallet
/// refuses removals below it; a set not yet initialised on a live chain is empty), and no
/// validator holds more than the deposit or is recorded as having left.
pub fn check<T: Config>() -> Result<(), TryRuntimeError> {
	let validators = Validators::<T>::get();
	let unique: BTreeSet<_> = validators.iter().collect();
	if unique.len() != validators.len() {
		return Err("a validator is listed twice".into());
	}
	if !validators.is_empty() && validators.len() < T::MinValidators::get() as usize {
		return Err("fewer validators than MinValidators".into());
	}
	if validators.iter().any(|v| Pallet::<T>::deposit_of(v) > T::Deposit::get()) {
		return Err("a validator holds more than the deposit".into());
	}
	if LeftIn::<T>::iter_keys().any(|who| validators.contains(&who)) {
		return Err("a validator is recorded as having left".into());
	}
	Ok(())
}
