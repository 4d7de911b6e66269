// SPDX-License-Identifier: Apache-2.0
//! A mock runtime: System, Balances (FLY), Assets (DNTs) and the subDAOs pallet, with a test
//! double for Data Credits (a DC ledger that reports onboarding burns like pallet-data-credits).

use crate as pallet_subdaos;
use crate::{GovernanceBounds, SubDaoConfigOf, SubDaoParams};
use core::cell::RefCell;
use flywheel_primitives::{
	test_doubles::MockAdminOrigin, Bounds, BurnPurpose, DataCredits as Dc, DataCreditsCharge,
	DcBurnTracker, SubDaoId, FLY,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU128, ConstU32, Hooks},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_runtime::{traits::IdentityLookup, AccountId32, BuildStorage, DispatchError, Perbill};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = AccountId32;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		SubDaos: pallet_subdaos,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = ConstU32<2>;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = u128;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type Freezer = ();
}

pub const ED: u128 = 1_000;
pub const EPOCH: u32 = 10;
/// Epochs an onboarding or attestation keeps a device counting.
pub const DEVICE_ACTIVITY_EPOCHS: u32 = 3;
/// The least FLY a veFLY position locks.
pub const MIN_LOCK: u128 = ED;
/// Epochs of records kept.
pub const RECORD_HISTORY: u32 = 6;
/// The DNTs' minimum balance.
pub const DNT_MIN_BALANCE: u128 = 10;
/// Ten epochs of saturation (and longest lock).
pub const SATURATION: u32 = 100;
pub const DNT_BASE: u32 = 1_000;

pub fn acc(n: u8) -> AccountId {
	AccountId32::new([n; 32])
}
pub fn alice() -> AccountId {
	acc(1)
}
pub fn bob() -> AccountId {
	acc(2)
}
pub fn charlie() -> AccountId {
	acc(3)
}
/// Burn authority (router) of the test subDAOs.
pub fn router() -> AccountId {
	acc(100)
}
/// The first rewards oracle of the test subDAOs.
pub fn oracle() -> AccountId {
	acc(101)
}
/// The second and third rewards oracles.
pub fn oracle2() -> AccountId {
	acc(103)
}
pub fn oracle3() -> AccountId {
	acc(104)
}
/// The test subDAOs' oracles: the three above, a quorum of two.
pub fn oracles() -> crate::RewardsOracles<AccountId> {
	crate::RewardsOracles {
		members: vec![oracle(), oracle2(), oracle3()].try_into().expect("three fit"),
		quorum: 2,
	}
}
/// The share of the usage's FLY value the usage term may attract.
pub const USAGE_VALUE_CAP: Perbill = Perbill::from_percent(50);
/// Epochs of emission one window of rewards claims may take.
pub const REWARDS_OUTFLOW_EPOCHS: u32 = 2;
/// Receives the FLY of a subDAO without DNT holders (the runtime's treasury).
pub fn recycle() -> AccountId {
	acc(102)
}
/// Signs as the bounded admin origin (the runtime's `tokenomics_admin` track).
pub fn bounded_admin() -> AccountId {
	acc(99)
}
pub const ENDOWMENT: u128 = 1_000_000 * FLY;

parameter_types! {
	pub const SubDaosPalletId: PalletId = PalletId(*b"fly/sdao");
	pub const DefaultParams: SubDaoParams = SubDaoParams {
		ema_epochs: 30,
		delegator_share: Perbill::from_percent(6),
		ve_only_scoring: false,
		redemption_window: 100,
		redemption_cap: Perbill::from_percent(20),
	};
	pub BoundedAdmin: AccountId = bounded_admin();
	pub NoHolderFlyTo: AccountId = recycle();
	pub const UsageValueCap: Perbill = USAGE_VALUE_CAP;
	pub const Ranges: GovernanceBounds = GovernanceBounds {
		params: Bounds {
			min: SubDaoParams {
				ema_epochs: 1,
				delegator_share: Perbill::zero(),
				ve_only_scoring: false,
				redemption_window: 50,
				redemption_cap: Perbill::from_percent(1),
			},
			max: SubDaoParams {
				ema_epochs: 60,
				delegator_share: Perbill::from_percent(20),
				ve_only_scoring: true,
				redemption_window: 1_000,
				redemption_cap: Perbill::from_percent(25),
			},
		},
		device_activity_epochs: Bounds { min: 1, max: 10 },
		onboarding_fee: Bounds { min: 1_000, max: 1_000_000 },
		curve_k: Bounds { min: 0, max: 2 },
		emission_per_epoch: Bounds { min: 0, max: 10_000 * FLY },
		max_schedule_change: Perbill::from_percent(10),
	};
}

thread_local! {
	static DC: RefCell<Vec<(AccountId, Dc)>> = const { RefCell::new(Vec::new()) };
}

/// DC held by `who` in the test ledger.
pub fn dc_of(who: &AccountId) -> Dc {
	DC.with(|d| d.borrow().iter().find(|(a, _)| a == who).map(|(_, b)| *b).unwrap_or(0))
}

fn set_dc(who: &AccountId, balance: Dc) {
	DC.with(|d| {
		let mut d = d.borrow_mut();
		d.retain(|(a, _)| a != who);
		d.push((who.clone(), balance));
	});
}

pub fn give_dc(who: &AccountId, amount: Dc) {
	set_dc(who, dc_of(who) + amount);
}

/// Test double of pallet-data-credits' charge: fails on too little DC, reports the burn.
pub struct MockDataCredits;
impl DataCreditsCharge<AccountId> for MockDataCredits {
	fn charge(
		who: &AccountId,
		subdao: SubDaoId,
		purpose: BurnPurpose,
		amount: Dc,
	) -> Result<(), DispatchError> {
		let balance =
			dc_of(who).checked_sub(amount).ok_or(DispatchError::Other("too little DC"))?;
		DC.with(|d| {
			let mut d = d.borrow_mut();
			d.retain(|(a, _)| a != who);
			d.push((who.clone(), balance));
		});
		// Onboarding fees are not valued (as pallet-data-credits reports them).
		<SubDaos as DcBurnTracker>::note_dc_burn(subdao, purpose, amount, 0);
		Ok(())
	}
}

impl pallet_subdaos::Config for Test {
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Assets = Assets;
	type DntAssetId = DntAssetId;
	type DataCredits = MockDataCredits;
	type NoHolderFlyTo = NoHolderFlyTo;
	type AdminOrigin = MockAdminOrigin<AccountId, BoundedAdmin>;
	type GovernanceBounds = Ranges;
	type PalletId = SubDaosPalletId;
	type EpochLength = ConstU32<EPOCH>;
	type MaxSubDaos = ConstU32<4>;
	type MaxScheduleSteps = ConstU32<4>;
	type MaxNameLength = ConstU32<16>;
	type MaxPositionsPerAccount = ConstU32<3>;
	type MaxClaimEpochs = ConstU32<3>;
	type MaxRewardBatch = ConstU32<3>;
	type MaxPayoutsPerBlock = ConstU32<2>;
	type DefaultDeviceActivityEpochs = ConstU32<DEVICE_ACTIVITY_EPOCHS>;
	type MinLockAmount = frame_support::traits::ConstU128<MIN_LOCK>;
	type EpochRecordHistory = ConstU32<RECORD_HISTORY>;
	type DntMinBalance = frame_support::traits::ConstU128<DNT_MIN_BALANCE>;
	type VeBaseline = ConstU32<0>;
	type VeMaxExtra = ConstU32<100>;
	type VeSaturation = ConstU32<SATURATION>;
	type DefaultParams = DefaultParams;
	type MinRewardsOracles = ConstU32<3>;
	type RewardsOutflowEpochs = ConstU32<REWARDS_OUTFLOW_EPOCHS>;
	type UsageValueCap = UsageValueCap;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// DNT asset ids start at [`DNT_BASE`].
pub struct DntAssetId;
impl sp_runtime::traits::Convert<SubDaoId, u32> for DntAssetId {
	fn convert(subdao: SubDaoId) -> u32 {
		DNT_BASE.saturating_add(subdao)
	}
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn give_data_credits(who: &AccountId, amount: Dc) {
		give_dc(who, amount);
	}
}

/// A subDAO config with a flat emission of `per_epoch` DNT, a 1 USD onboarding fee and k = 0.
pub fn config(name: &str, per_epoch: u128) -> SubDaoConfigOf<Test> {
	crate::SubDaoConfig {
		name: name.as_bytes().to_vec().try_into().expect("short name"),
		emission_schedule: vec![crate::EmissionStep { from_epoch: 0, per_epoch }]
			.try_into()
			.expect("one step"),
		onboarding_fee: 100_000,
		burn_authority: router(),
		rewards_oracles: oracles(),
		curve_k: 0,
	}
}

/// Alice, Bob and Charlie hold 1,000,000 FLY; block 1, epoch 0.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(alice(), ENDOWMENT), (bob(), ENDOWMENT), (charlie(), ENDOWMENT)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		DC.with(|d| d.borrow_mut().clear());
	});
	ext
}

/// Runs `test` in fresh externalities, then checks the pallet's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		SubDaos::do_try_state().expect("invariants hold after the test");
	});
}

/// Runs blocks one by one (the current one's `on_finalize`, the next one's `on_initialize`) up
/// to `n`.
pub fn run_to_block(n: u32) {
	while System::block_number() < u64::from(n) {
		SubDaos::on_finalize(System::block_number());
		let next = System::block_number() + 1;
		System::set_block_number(next);
		SubDaos::on_initialize(next);
	}
}

/// Runs to the first block of `epoch` (where the previous epoch closes).
pub fn run_to_epoch(epoch: u32) {
	run_to_block(epoch * EPOCH);
}
