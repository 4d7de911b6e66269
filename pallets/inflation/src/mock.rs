// SPDX-License-Identifier: Apache-2.0
//! A mock runtime: System, Balances (FLY, u128) and the inflation pallet, with a settable bonded
//! supply and four recording sinks.

use crate as pallet_inflation;
use crate::{EmissionSplit, GovernanceBounds, RateParams};
use core::cell::RefCell;
use flywheel_primitives::{
	test_doubles::MockAdminOrigin, BondedSupply, Bounds, EmissionSink, MintObserver,
};
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use sp_runtime::{BuildStorage, Perbill};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Inflation: pallet_inflation,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u128>;
}

parameter_types! {
	pub static ExistentialDeposit: u128 = 1;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
}

pub const ALICE: AccountId = 1;
/// Signs as the bounded admin origin (the runtime's `tokenomics_admin` track).
pub const BOUNDED_ADMIN: AccountId = 999;
pub const STAKERS: AccountId = 10;
pub const SUBDAOS: AccountId = 11;
pub const SUBNETS: AccountId = 12;
pub const TREASURY: AccountId = 13;
/// 1,000,000 FLY of issuance at genesis (12 decimals).
pub const ISSUANCE: u128 = 1_000_000_000_000_000_000;
pub const ROUND: u32 = 10;

thread_local! {
	static BONDED: RefCell<u128> = const { RefCell::new(0) };
	static NOTES: RefCell<Vec<(AccountId, u128)>> = const { RefCell::new(Vec::new()) };
	static MINTS: RefCell<Vec<u128>> = const { RefCell::new(Vec::new()) };
}

/// Every round total reported to the mint observer, in order.
pub fn observed_mints() -> Vec<u128> {
	MINTS.with(|m| m.borrow().clone())
}

pub struct MockMintObserver;
impl MintObserver for MockMintObserver {
	fn note_minted(amount: u128) {
		MINTS.with(|m| m.borrow_mut().push(amount));
	}
}

pub fn set_bonded(amount: u128) {
	BONDED.with(|b| *b.borrow_mut() = amount);
}

/// `(sink account, amount)` of every `note_emission`, in order.
pub fn notes() -> Vec<(AccountId, u128)> {
	NOTES.with(|n| n.borrow().clone())
}

pub struct MockBonded;
impl BondedSupply<u128> for MockBonded {
	fn bonded() -> u128 {
		BONDED.with(|b| *b.borrow())
	}
}

pub struct Sink<const ACCOUNT: u64>;
impl<const ACCOUNT: u64> EmissionSink<AccountId, u128> for Sink<ACCOUNT> {
	fn account() -> AccountId {
		ACCOUNT
	}
	fn note_emission(amount: u128) {
		NOTES.with(|n| n.borrow_mut().push((ACCOUNT, amount)));
	}
}

parameter_types! {
	/// Livepeer mainnet: rate 0.02185% per round, step 0.00005%, target 50%.
	pub const DefaultParams: RateParams = RateParams {
		target: Perbill::from_percent(50),
		step: Perbill::from_parts(500),
		min_rate: Perbill::from_parts(0),
		max_rate: Perbill::from_parts(548_000),
	};
	pub const InitialRate: Perbill = Perbill::from_parts(218_500);
	pub const DefaultSplit: EmissionSplit = EmissionSplit {
		stakers: Perbill::from_percent(50),
		subdaos: Perbill::from_percent(30),
		subnets: Perbill::from_percent(15),
		treasury: Perbill::from_percent(5),
	};
}

parameter_types! {
	pub const BoundedAdmin: AccountId = BOUNDED_ADMIN;
	pub const Ranges: GovernanceBounds = GovernanceBounds {
		params: Bounds {
			min: RateParams {
				target: Perbill::from_percent(30),
				step: Perbill::from_parts(100),
				min_rate: Perbill::zero(),
				max_rate: Perbill::from_parts(100_000),
			},
			max: RateParams {
				target: Perbill::from_percent(70),
				step: Perbill::from_parts(10_000),
				min_rate: Perbill::from_parts(100_000),
				max_rate: Perbill::from_parts(600_000),
			},
		},
		round_length: Bounds { min: 5, max: 100 },
		split: Bounds {
			min: EmissionSplit {
				stakers: Perbill::from_percent(30),
				subdaos: Perbill::from_percent(10),
				subnets: Perbill::from_percent(5),
				treasury: Perbill::zero(),
			},
			max: EmissionSplit {
				stakers: Perbill::from_percent(70),
				subdaos: Perbill::from_percent(50),
				subnets: Perbill::from_percent(30),
				treasury: Perbill::from_percent(10),
			},
		},
	};
}

impl pallet_inflation::Config for Test {
	type Currency = Balances;
	type BondedSupply = MockBonded;
	type StakersSink = Sink<STAKERS>;
	type SubDaosSink = Sink<SUBDAOS>;
	type SubnetsSink = Sink<SUBNETS>;
	type TreasurySink = Sink<TREASURY>;
	type MintObserver = MockMintObserver;
	type AdminOrigin = MockAdminOrigin<AccountId, BoundedAdmin>;
	type GovernanceBounds = Ranges;
	type DefaultParams = DefaultParams;
	type InitialRate = InitialRate;
	type DefaultSplit = DefaultSplit;
	type DefaultRoundLength = ConstU32<ROUND>;
	type FirstRoundLength = ConstU32<ROUND>;
	type BlocksPerYear = ConstU32<{ 365 * ROUND }>;
	type WeightInfo = ();
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, ISSUANCE)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		set_bonded(0);
		ExistentialDeposit::set(1);
		NOTES.with(|n| n.borrow_mut().clear());
		MINTS.with(|m| m.borrow_mut().clear());
	});
	ext
}

pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Inflation::do_try_state().expect("invariants hold after the test");
	});
}

/// Runs blocks one by one (with the pallet's `on_initialize`) up to `n`.
pub fn run_to_block(n: u32) {
	use frame_support::traits::Hooks;
	while System::block_number() < u64::from(n) {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Inflation::on_initialize(next);
	}
}
