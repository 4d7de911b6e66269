// SPDX-License-Identifier: Apache-2.0
//! Test doubles that several pallets' mocks share (std only: never in the wasm runtime).

use crate::{AdminScope, Balance, ExclusiveFreeze};
use core::cell::RefCell;
use frame_support::{
	dispatch::RawOrigin,
	traits::{EnsureOrigin, Get},
};
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

/// A mock's stand-in for the runtime's admin tracks: root gets [`AdminScope::Full`] (the root
/// track), the account `Admin` signing gets [`AdminScope::Bounded`] (the `tokenomics_admin`
/// track); anything else is refused.
pub struct MockAdminOrigin<AccountId, Admin>(core::marker::PhantomData<(AccountId, Admin)>);

impl<O, AccountId, Admin> EnsureOrigin<O> for MockAdminOrigin<AccountId, Admin>
where
	O: Into<Result<RawOrigin<AccountId>, O>> + From<RawOrigin<AccountId>>,
	AccountId: PartialEq,
	Admin: Get<AccountId>,
{
	type Success = AdminScope;

	fn try_origin(o: O) -> Result<AdminScope, O> {
		o.into().and_then(|raw| match raw {
			RawOrigin::Root => Ok(AdminScope::Full),
			RawOrigin::Signed(ref who) if *who == Admin::get() => Ok(AdminScope::Bounded),
			other => Err(O::from(other)),
		})
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<O, ()> {
		Ok(O::from(RawOrigin::Root))
	}
}
