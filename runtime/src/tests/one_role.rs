// SPDX-License-Identifier: Apache-2.0
//! One FLY, one role (docs/design.md "Incentive integrity"): a veFLY lock (a freeze,
//! pallet-subdaos), a bond (a hold, pallet-bonding) and a subnet stake (a hold, pallet-subnets)
//! never share FLY.
//! pallet-balances lets a freeze overlap held FLY, so each pair is tried in both orders.

use super::local_ext;
use crate::*;
use flywheel_primitives::FLY;
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use pallet_subdaos::LockKind;
use sp_keyring::Sr25519Keyring::{Alice, AliceStash, Charlie, Dave};
use sp_runtime::Perbill;

fn signed(who: sp_keyring::Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

/// Free FLY of Dave, the attacker.
fn free() -> Balance {
	Balances::balance(&Dave.to_account_id())
}

/// Charlie runs an operator, Alice a subnet (netuid 0, her stash is uid 0).
fn roles() {
	let self_bond = pallet_bonding::Rules::<Runtime>::get().min_self_bond;
	assert_ok!(Bonding::register_operator(
		signed(Charlie),
		Perbill::zero(),
		Perbill::zero(),
		self_bond
	));
	assert_ok!(Subnets::register_network(signed(Alice), AliceStash.to_account_id()));
}

/// Dave locks all but `left` of his free FLY in veFLY.
fn lock_all_but(left: Balance) {
	assert_ok!(ve_lock(free() - left));
}

fn bond(amount: Balance) -> sp_runtime::DispatchResult {
	Bonding::bond(signed(Dave), Charlie.to_account_id(), amount)
}

fn stake(amount: Balance) -> sp_runtime::DispatchResult {
	Subnets::add_stake(signed(Dave), 0, AliceStash.to_account_id(), amount)
}

fn ve_lock(amount: Balance) -> sp_runtime::DispatchResult {
	let duration = crate::configs::profile::profile().epoch_length;
	SubDaos::lock(signed(Dave), amount, LockKind::Constant, duration)
}

#[test]
fn ve_locked_fly_can_be_neither_bonded_nor_staked() {
	local_ext().execute_with(|| {
		roles();
		lock_all_but(10 * FLY);
		assert_noop!(bond(11 * FLY), pallet_bonding::Error::<Runtime>::LockedInVeFly);
		assert_noop!(stake(11 * FLY), pallet_subnets::Error::<Runtime>::LockedInVeFly);
		// What is free beyond the lock serves one role, then nothing is left for the other.
		assert_ok!(bond(6 * FLY));
		assert_noop!(stake(5 * FLY), pallet_subnets::Error::<Runtime>::LockedInVeFly);
		assert_ok!(stake(3 * FLY));
		assert_noop!(bond(2 * FLY), pallet_bonding::Error::<Runtime>::LockedInVeFly);
	});
}

#[test]
fn bonded_or_staked_fly_cannot_be_ve_locked() {
	local_ext().execute_with(|| {
		roles();
		let all = free();
		assert_ok!(bond(all / 2));
		assert_ok!(stake(all / 2 - 10 * FLY));
		// Only the 10 FLY left free can be locked.
		assert_eq!(free(), 10 * FLY);
		assert_noop!(ve_lock(10 * FLY + 1), pallet_subdaos::Error::<Runtime>::InsufficientBalance);
		assert_ok!(ve_lock(10 * FLY));
	});
}

#[test]
fn bonded_fly_cannot_be_staked_and_staked_fly_cannot_be_bonded() {
	local_ext().execute_with(|| {
		roles();
		let all = free();
		assert_ok!(bond(all - 10 * FLY));
		assert_noop!(stake(10 * FLY + 1), pallet_subnets::Error::<Runtime>::InsufficientBalance);
		assert_ok!(Bonding::unbond(signed(Dave), all - 10 * FLY));
		// Unbonding FLY stays held until withdrawn: still not stakeable.
		assert_noop!(stake(10 * FLY + 1), pallet_subnets::Error::<Runtime>::InsufficientBalance);
	});
	local_ext().execute_with(|| {
		roles();
		let all = free();
		assert_ok!(stake(all - 10 * FLY));
		assert_noop!(bond(10 * FLY + 1), pallet_bonding::Error::<Runtime>::InsufficientBalance);
	});
}
