// SPDX-License-Identifier: Apache-2.0
//! A mock runtime: System, Balances (FLY, with holds) and the bonding pallet, with a settable
//! round.

use crate as pallet_bonding;
use core::cell::RefCell;
use flywheel_primitives::{test_doubles::MockAdminOrigin, Bounds, CurrentRound, EmissionSink, FLY};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::Mutate, ConstU128, ConstU32, ConstU64},
	PalletId,
};
use sp_runtime::{BuildStorage, Perbill};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Bonding: pallet_bonding,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
}

pub const ED: u128 = 1_000;
/// The least FLY a new delegation bonds.
pub const MIN_BOND: u128 = ED;
pub const ENDOWMENT: u128 = 1_000 * FLY;
pub const UNBONDING_PERIOD: u32 = 3;
/// Rounds before tightened operator rules let anyone remove an operator under them.
pub const RULES_GRACE: u32 = 2;
/// Rounds outside the active set after which anyone may remove an operator.
pub const MAX_IDLE_ROUNDS: u32 = 4;
/// Blocks before a round's end in which new terms wait one more round.
pub const TERMS_LOCK: u64 = 10;
pub const MAX_OPERATORS: u32 = 5;
/// The most a cut may rise (or a fee share fall) at once: 10 percentage points.
pub const MAX_TERMS_STEP: Perbill = Perbill::from_percent(10);
frame_support::parameter_types! {
	pub const MaxTermsStep: Perbill = MAX_TERMS_STEP;
}
pub const MAX_ACTIVE: u32 = 3;
pub const OP_A: AccountId = 10;
pub const OP_B: AccountId = 11;
pub const OP_C: AccountId = 12;
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
/// No FLY at all.
pub const PAUPER: AccountId = 99;

thread_local! {
	static ROUND: RefCell<u32> = const { RefCell::new(0) };
}

pub fn set_round(round: u32) {
	ROUND.with(|r| *r.borrow_mut() = round);
}

thread_local! {
	static NEXT_ROUND_START: RefCell<u32> = const { RefCell::new(u32::MAX) };
}

/// Sets the block the next round starts at (the terms lock counts back from it).
pub fn set_next_round_start(block: u32) {
	NEXT_ROUND_START.with(|r| *r.borrow_mut() = block);
}

pub struct MockRounds;
impl CurrentRound for MockRounds {
	fn current_round() -> u32 {
		ROUND.with(|r| *r.borrow())
	}
	fn round_length() -> u32 {
		1
	}
	fn next_round_start() -> u32 {
		NEXT_ROUND_START.with(|r| *r.borrow())
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn set_current_round(round: u32) {
		set_round(round);
	}
}

pub use flywheel_primitives::test_doubles::MockVeFly;

parameter_types! {
	pub const BondingPalletId: PalletId = PalletId(*b"fly/bond");
	/// No self-bond in the mock unless a test sets the rules.
	pub const DefaultOperatorRules: crate::OperatorRules =
		crate::OperatorRules { min_self_bond: 0, max_idle_rounds: MAX_IDLE_ROUNDS };
	pub const BoundedAdmin: AccountId = BOUNDED_ADMIN;
	pub const Ranges: Bounds<crate::OperatorRules> = Bounds {
		min: crate::OperatorRules { min_self_bond: 0, max_idle_rounds: 1 },
		max: crate::OperatorRules { min_self_bond: 1_000 * FLY, max_idle_rounds: 30 },
	};
}

/// Signs as the bounded admin origin (the runtime's `tokenomics_admin` track).
pub const BOUNDED_ADMIN: AccountId = 999;

impl pallet_bonding::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type VeFly = MockVeFly;
	type Rounds = MockRounds;
	type AdminOrigin = MockAdminOrigin<AccountId, BoundedAdmin>;
	type GovernanceBounds = Ranges;
	type DefaultOperatorRules = DefaultOperatorRules;
	type PalletId = BondingPalletId;
	type TermsLockPeriod = ConstU64<TERMS_LOCK>;
	type MaxTermsStep = MaxTermsStep;
	type UnbondingPeriod = ConstU32<UNBONDING_PERIOD>;
	type RulesGracePeriod = ConstU32<RULES_GRACE>;
	type MaxOperators = ConstU32<MAX_OPERATORS>;
	type MaxActiveOperators = ConstU32<MAX_ACTIVE>;
	type MaxUnbondingLocks = ConstU32<2>;
	type MinBond = frame_support::traits::ConstU128<MIN_BOND>;
	type WeightInfo = ();
}

/// Mints `amount` into the reward pool and reports it, as pallet-inflation does.
pub fn emit(amount: u128) {
	Balances::mint_into(&Bonding::pool_account(), amount).expect("minted");
	<Bonding as EmissionSink<_, _>>::note_emission(amount);
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let accounts = [OP_A, OP_B, OP_C, ALICE, BOB, CHARLIE, 20, 21, 22];
	let balances: Vec<(AccountId, u128)> = accounts.iter().map(|a| (*a, ENDOWMENT)).collect();
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	// Endows the reward pool with the existential deposit.
	pallet_bonding::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		set_round(0);
	});
	ext
}

pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Bonding::do_try_state().expect("invariants hold after the test");
	});
}
