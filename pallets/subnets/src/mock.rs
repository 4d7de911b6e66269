// SPDX-License-Identifier: Apache-2.0
//! A mock runtime: System, Balances (FLY, with holds) and the subnets pallet with small bounds.

use crate::{self as pallet_subnets, *};
use flywheel_primitives::{test_doubles::MockAdminOrigin, Bounds, EmissionSink, FLY};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::Mutate, ConstU128, ConstU32, Hooks},
	PalletId,
};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Subnets: pallet_subnets,
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
pub const ENDOWMENT: u128 = 1_000_000 * FLY;
pub const MAX_SUBNETS: u32 = 3;
pub const MAX_UIDS: u32 = 6;
pub const MAX_VALIDATORS: u32 = 3;
pub const TEMPO: u32 = 10;
pub const MIN_LOCK: u128 = 100 * FLY;
pub const MIN_BURN: u128 = FLY;
/// The least FLY a new stake starts with.
pub const MIN_STAKE: u128 = ED;
/// Network owners.
pub const OWNER: AccountId = 1;
pub const OWNER2: AccountId = 2;
pub const OWNER3: AccountId = 3;
pub const OWNER4: AccountId = 4;
/// Coldkeys.
pub const ALICE: AccountId = 10;
pub const BOB: AccountId = 11;
pub const CHARLIE: AccountId = 12;
/// No FLY at all.
pub const PAUPER: AccountId = 99;
/// Receives recycled emission (endowed with the existential deposit).
pub const TREASURY: AccountId = 98;

/// The hotkey `i` (hotkeys hold no FLY; they only sign weights).
pub fn hot(i: u64) -> AccountId {
	1_000 + i
}

/// Blocks after which a validator without new weights is idle.
pub const ACTIVITY_CUTOFF: u32 = 60;
/// Blocks after a take change before the take may rise.
pub const TAKE_RATE_LIMIT: u32 = 100;

/// The inflation round's length as pallet-inflation would report it (1 block unless a test
/// sets it: a round's emission is then released at once).
pub struct MockRounds;
thread_local! {
	static ROUND_LENGTH: core::cell::Cell<u32> = const { core::cell::Cell::new(1) };
}
impl MockRounds {
	/// Sets the round length the pallet sees.
	pub fn set_length(length: u32) {
		ROUND_LENGTH.with(|l| l.set(length));
	}
}
impl flywheel_primitives::CurrentRound for MockRounds {
	fn current_round() -> u32 {
		0
	}
	fn round_length() -> u32 {
		ROUND_LENGTH.with(|l| l.get())
	}
	fn next_round_start() -> u32 {
		u32::MAX
	}
}

pub use flywheel_primitives::test_doubles::MockVeFly;

parameter_types! {
	pub const SubnetsPalletId: PalletId = PalletId(*b"fly/subn");
	/// The treasury's stand-in: receives what epochs could not pay beyond one epoch's carry.
	pub const RecycleAccount: AccountId = TREASURY;
	pub const MaxTake: Perbill = Perbill::from_percent(18);
	/// A subnet attracts at most half of what its revenue was worth.
	pub const DefaultRevenueCap: Perbill = Perbill::from_percent(50);
	pub const DefaultParams: GlobalParams = GlobalParams {
		min_lock_cost: MIN_LOCK,
		lock_reduction_interval: 100,
		network_rate_limit: 5,
		network_immunity_period: 50,
		owner_cut: Perbill::from_percent(18),
		miner_share: Perbill::from_percent(50),
		emission_mode: EmissionMode::Stake,
		min_burn: MIN_BURN,
		max_burn: 10 * FLY,
		burn_increase: Perbill::from_percent(50),
		burn_decay_interval: 20,
		bonds_alpha: Perbill::from_percent(10),
		activity_cutoff: ACTIVITY_CUTOFF,
		take_rate_limit: TAKE_RATE_LIMIT,
		default_hyperparameters: Hyperparameters {
			tempo: TEMPO,
			max_uids: MAX_UIDS as u16,
			immunity_period: 5,
			weights_rate_limit: 2,
			commit_reveal: false,
		},
		bounds: HyperparameterBounds {
			min_tempo: 2,
			max_tempo: 100,
			max_immunity_period: 100,
			max_weights_rate_limit: 50,
		},
	};
}
/// Signs as the bounded admin origin (the runtime's `tokenomics_admin` track).
pub const BOUNDED_ADMIN: AccountId = 999;

parameter_types! {
	pub const BoundedAdmin: AccountId = BOUNDED_ADMIN;
	/// The defaults, with room either side of the economic ones and either emission mode.
	pub Ranges: GovernanceBounds = {
		let d = DefaultParams::get();
		let hyper = |tempo, immunity_period, weights_rate_limit, commit_reveal| Hyperparameters {
			tempo,
			immunity_period,
			weights_rate_limit,
			commit_reveal,
			..d.default_hyperparameters
		};
		GovernanceBounds {
			global: Bounds {
				min: GlobalParams {
					min_lock_cost: d.min_lock_cost / 10,
					owner_cut: Perbill::from_percent(5),
					miner_share: Perbill::from_percent(30),
					emission_mode: EmissionMode::Stake,
					bonds_alpha: Perbill::from_percent(1),
					default_hyperparameters: hyper(2, 0, 1, false),
					bounds: HyperparameterBounds {
						min_tempo: 1,
						max_tempo: 10,
						max_immunity_period: 10,
						max_weights_rate_limit: 1,
					},
					..d
				},
				max: GlobalParams {
					min_lock_cost: d.min_lock_cost * 10,
					owner_cut: Perbill::from_percent(20),
					miner_share: Perbill::from_percent(70),
					emission_mode: EmissionMode::Revenue,
					bonds_alpha: Perbill::from_percent(50),
					default_hyperparameters: hyper(100, 100, 50, true),
					bounds: HyperparameterBounds {
						min_tempo: 10,
						max_tempo: 1_000,
						max_immunity_period: 1_000,
						max_weights_rate_limit: 50,
					},
					..d
				},
			},
			revenue_cap: Bounds { min: Perbill::from_percent(1), max: Perbill::from_percent(10) },
		}
	};
}

impl pallet_subnets::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type VeFly = MockVeFly;
	type Rounds = MockRounds;
	type AdminOrigin = MockAdminOrigin<AccountId, BoundedAdmin>;
	type GovernanceBounds = Ranges;
	type PalletId = SubnetsPalletId;
	type RecycleTo = RecycleAccount;
	type MaxSubnets = ConstU32<MAX_SUBNETS>;
	type MaxUids = ConstU32<MAX_UIDS>;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type MaxEpochsPerBlock = ConstU32<1>;
	type MaxTake = MaxTake;
	type DefaultParams = DefaultParams;
	type GenesisParams = DefaultParams;
	type DefaultRevenueCap = DefaultRevenueCap;
	type MinStake = frame_support::traits::ConstU128<MIN_STAKE>;
	type WeightInfo = ();
}

/// Mints `amount` into the subnet pool and reports it, as pallet-inflation does.
pub fn emit(amount: u128) {
	Balances::mint_into(&Subnets::pool_account(), amount).expect("minted");
	<Subnets as EmissionSink<_, _>>::note_emission(amount);
}

/// Runs blocks up to `n` (inclusive), each with the pallet's `on_initialize`.
pub fn run_to(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Subnets::on_initialize(next);
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let accounts = [OWNER, OWNER2, OWNER3, OWNER4, ALICE, BOB, CHARLIE];
	let mut balances: Vec<(AccountId, u128)> = accounts.iter().map(|a| (*a, ENDOWMENT)).collect();
	balances.push((TREASURY, ED));
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	pallet_subnets::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Subnets::do_try_state().expect("invariants hold after the test");
	});
}
