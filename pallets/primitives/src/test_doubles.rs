// SPDX-License-Identifier: Apache-2.0
//! Test doubles that several pallets' mocks share (std only: never in the wasm runtime).

use crate::{Balance, ExclusiveFreeze};
use core::cell::RefCell;
use std::collections::BTreeMap;

thread_local! {
	static VE_LOCKED: RefCell<BTreeMap<u64, Balance>> = const { RefCell::new(BTreeMap::new()) };
}

/// veFLY locks as pallet-subdaos would report them, for mocks whose accounts are `u64`; each
/// test thread starts with none.
pub struct MockVeFly;

impl MockVeFly {
	/// Pretends `who` has `amount` FLY locked in veFLY.
	pub fn set(who: u64, amount: Balance) {
		VE_LOCKED.with(|m| m.borrow_mut().insert(who, amount));
	}
}

impl ExclusiveFreeze<u64> for MockVeFly {
	fn frozen(who: &u64) -> Balance {
		VE_LOCKED.with(|m| m.borrow().get(who).copied().unwrap_or(0))
	}
}
