// SPDX-License-Identifier: Apache-2.0
//! A mock runtime: System, Balances (FLY, u128) and the Data Credits pallet, with test doubles
//! for the price feed, the subDAO registry and the burn tracker.

use crate as pallet_data_credits;
use crate::{BreakerConfig, GovernanceBounds, PriceRules};
use core::cell::RefCell;
use flywheel_primitives::{
	test_doubles::MockAdminOrigin, Balance, Bounds, BurnPurpose, DataCredits as Dc, DcBurnTracker,
	FeedPrice, Moment, NetUid, PriceFeed, PriceObservation, SubDaoId, SubDaoRegistry,
	SubnetRevenueTracker, FLY,
};
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use sp_runtime::{BuildStorage, FixedU128};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		DataCredits: pallet_data_credits,
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
	type ExistentialDeposit = frame_support::traits::ConstU128<1>;
	type AccountStore = System;
}

pub const ALICE: AccountId = 1;
/// Signs as the bounded admin origin (the runtime's `tokenomics_admin` track).
pub const BOUNDED_ADMIN: AccountId = 999;
pub const BOB: AccountId = 2;
/// Has FLY but no DC and is no burn authority.
pub const CHARLIE: AccountId = 3;
/// Burn authorities (routers) of subDAOs 1 and 2.
pub const ROUTER_1: AccountId = 100;
pub const ROUTER_2: AccountId = 200;
pub const SUBDAO_1: SubDaoId = 1;
pub const SUBDAO_2: SubDaoId = 2;
pub const UNKNOWN_SUBDAO: SubDaoId = 9;
pub const KEY: [u8; 32] = [7; 32];
pub const NOW: Moment = 1_000_000;
pub const ENDOWMENT: u128 = 1_000 * FLY;

thread_local! {
	static FEEDS: RefCell<Vec<PriceObservation>> = const { RefCell::new(Vec::new()) };
	static TIME: RefCell<Moment> = const { RefCell::new(NOW) };
	static SUBDAOS: RefCell<Vec<(SubDaoId, AccountId)>> =
		RefCell::new(vec![(SUBDAO_1, ROUTER_1), (SUBDAO_2, ROUTER_2)]);
	static BURNS: RefCell<Vec<(SubDaoId, BurnPurpose, Dc, Balance)>> = const { RefCell::new(Vec::new()) };
	static SUBNET_REVENUE: RefCell<Vec<(NetUid, Dc, Balance)>> = const { RefCell::new(Vec::new()) };
	static FED: RefCell<Vec<(AccountId, FixedU128)>> = const { RefCell::new(Vec::new()) };
	static SERVICE_AUTHORITY: RefCell<AccountId> = const { RefCell::new(SERVICE) };
}

/// The oracle feeders of the mock.
pub const FEEDERS: [AccountId; 3] = [11, 12, 13];
/// The service authority of [`SUBNET`].
pub const SERVICE: AccountId = 30;
/// The least DC a new balance or escrow holds.
pub const MINIMUM_CREDITS: Dc = 10;

/// The subnet that exists in the mock.
pub const SUBNET: NetUid = 3;

/// Test double of the oracle: whatever the test set.
pub struct MockPriceFeed;
impl PriceFeed for MockPriceFeed {
	fn fly_usd_observations() -> Vec<PriceObservation> {
		FEEDS.with(|f| f.borrow().clone())
	}
	fn now() -> Moment {
		TIME.with(|t| *t.borrow())
	}
}

/// Replaces the feeds with `prices` (USD per FLY, as `FixedU128`), all fed at `at`, and
/// aggregates them afresh (no average or move window carried over).
pub fn set_feeds(prices: &[FixedU128], at: Moment) {
	crate::Ledger::<Test>::mutate(|l| l.price = None);
	feed(prices, at);
}

/// Replaces the feeds with `prices`, all fed at `at`, and aggregates them on top of the previous
/// aggregate, as the runtime does on every feed.
pub fn feed(prices: &[FixedU128], at: Moment) {
	FEEDS.with(|f| {
		*f.borrow_mut() =
			prices.iter().map(|&price| PriceObservation { price, timestamp: at }).collect()
	});
	DataCredits::refresh_price();
}

/// Test double of the oracle's feeding: [`FEEDERS`] may feed once per block.
pub struct MockFeedPrice;
impl FeedPrice<AccountId> for MockFeedPrice {
	fn feed(who: &AccountId, price: FixedU128) -> frame_support::dispatch::DispatchResult {
		frame_support::ensure!(FEEDERS.contains(who), sp_runtime::DispatchError::BadOrigin);
		let again = FED.with(|f| f.borrow().iter().any(|(w, _)| w == who));
		frame_support::ensure!(!again, sp_runtime::DispatchError::Other("AlreadyFeeded"));
		FED.with(|f| f.borrow_mut().push((*who, price)));
		let now = MockPriceFeed::now();
		FEEDS.with(|f| {
			let mut feeds = f.borrow_mut();
			feeds.push(PriceObservation { price, timestamp: now });
		});
		DataCredits::refresh_price();
		Ok(())
	}
}

/// Every value fed through [`MockFeedPrice`].
pub fn fed() -> Vec<(AccountId, FixedU128)> {
	FED.with(|f| f.borrow().clone())
}

pub fn set_time(now: Moment) {
	TIME.with(|t| *t.borrow_mut() = now);
}

/// Test double of pallet-subdaos: a fixed list of subDAOs and their routers.
pub struct MockSubDaos;
impl SubDaoRegistry<AccountId> for MockSubDaos {
	fn exists(subdao: SubDaoId) -> bool {
		SUBDAOS.with(|s| s.borrow().iter().any(|(id, _)| *id == subdao))
	}
	fn burn_authority(subdao: SubDaoId) -> Option<AccountId> {
		SUBDAOS.with(|s| s.borrow().iter().find(|(id, _)| *id == subdao).map(|(_, a)| *a))
	}
}

/// Test double of the burn tracker: records every report.
pub struct MockBurnTracker;
impl DcBurnTracker for MockBurnTracker {
	fn note_dc_burn(subdao: SubDaoId, purpose: BurnPurpose, amount: Dc, fly_value: Balance) {
		BURNS.with(|b| b.borrow_mut().push((subdao, purpose, amount, fly_value)));
	}
}

/// Test double of pallet-subnets: subnet [`SUBNET`] exists with [`SERVICE`] as its service
/// authority; revenue reports are recorded.
pub struct MockSubnets;
impl SubnetRevenueTracker<AccountId> for MockSubnets {
	fn subnet_exists(netuid: NetUid) -> bool {
		netuid == SUBNET
	}
	fn service_authority(netuid: NetUid) -> Option<AccountId> {
		(netuid == SUBNET).then(|| SERVICE_AUTHORITY.with(|a| *a.borrow()))
	}
	fn note_subnet_revenue(netuid: NetUid, amount: Dc, fly_value: Balance) {
		SUBNET_REVENUE.with(|r| r.borrow_mut().push((netuid, amount, fly_value)));
	}
}

/// Every subnet revenue report so far.
pub fn reported_subnet_revenue() -> Vec<(NetUid, Dc, Balance)> {
	SUBNET_REVENUE.with(|r| r.borrow().clone())
}

/// Every burn reported so far.
pub fn reported_burns() -> Vec<(SubDaoId, BurnPurpose, Dc, Balance)> {
	BURNS.with(|b| b.borrow().clone())
}

pub const EPOCH_LENGTH: u32 = 10;
pub const MAX_AGE_MS: Moment = 60_000;
/// 10^12 DC (10 million USD) per 100-block window, as Helium's hourly cap.
pub const THRESHOLD: Dc = 1_000_000_000_000;

parameter_types! {
	/// One feeder is enough in most tests; the quorum tests raise it to three.
	pub const DefaultPriceRules: PriceRules = PriceRules {
		max_age_ms: MAX_AGE_MS,
		min_feeders: 1,
		twap_period_ms: 600_000,
		max_move: sp_runtime::Perbill::from_percent(10),
		move_window_ms: 3_600_000,
	};
	pub const DefaultBreaker: BreakerConfig = BreakerConfig { window: 100, threshold: THRESHOLD };
	pub const BoundedAdmin: AccountId = BOUNDED_ADMIN;
	/// The whole threshold by default; the payer-share tests lower it.
	pub static MaxPayerShare: sp_runtime::Perbill = sp_runtime::Perbill::one();
	pub const Ranges: GovernanceBounds = GovernanceBounds {
		price_rules: Bounds {
			min: PriceRules {
				max_age_ms: 30_000,
				min_feeders: 1,
				twap_period_ms: 60_000,
				max_move: sp_runtime::Perbill::from_percent(1),
				move_window_ms: 600_000,
			},
			max: PriceRules {
				max_age_ms: 600_000,
				min_feeders: 5,
				twap_period_ms: 3_600_000,
				max_move: sp_runtime::Perbill::from_percent(20),
				move_window_ms: 86_400_000,
			},
		},
		breaker: Bounds {
			min: BreakerConfig { window: 10, threshold: THRESHOLD / 1_000 },
			max: BreakerConfig { window: 1_000, threshold: 10 * THRESHOLD },
		},
	};
}

impl pallet_data_credits::Config for Test {
	type Currency = Balances;
	type PriceFeed = MockPriceFeed;
	type FeedPrice = MockFeedPrice;
	type SubDaos = MockSubDaos;
	type BurnTracker = MockBurnTracker;
	type SubnetRevenue = MockSubnets;
	type AdminOrigin = MockAdminOrigin<AccountId, BoundedAdmin>;
	type GovernanceBounds = Ranges;
	type EpochLength = ConstU32<EPOCH_LENGTH>;
	type EpochHistory = ConstU32<3>;
	type DefaultPriceRules = DefaultPriceRules;
	type DefaultBreaker = DefaultBreaker;
	type MaxPayerShare = MaxPayerShare;
	type MinimumCredits = frame_support::traits::ConstU64<MINIMUM_CREDITS>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn set_price(price: FixedU128) {
		set_feeds(&[price], NOW);
		set_time(NOW);
	}
	fn create_subdao(subdao: SubDaoId, authority: AccountId) {
		SUBDAOS.with(|s| {
			let mut subdaos = s.borrow_mut();
			subdaos.retain(|(id, _)| *id != subdao);
			subdaos.push((subdao, authority));
		});
	}
	fn create_subnet(service_authority: AccountId) -> NetUid {
		SERVICE_AUTHORITY.with(|a| *a.borrow_mut() = service_authority);
		SUBNET
	}
	fn feeder() -> AccountId {
		FEEDERS[0]
	}
}

/// Alice, Bob and Charlie hold 1,000 FLY; one feeder reports $1.00 per FLY, fresh; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, ENDOWMENT), (BOB, ENDOWMENT), (CHARLIE, ENDOWMENT)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		set_time(NOW);
		set_feeds(&[FixedU128::from_u32(1)], NOW);
		BURNS.with(|b| b.borrow_mut().clear());
		SUBNET_REVENUE.with(|r| r.borrow_mut().clear());
		FED.with(|f| f.borrow_mut().clear());
		SERVICE_AUTHORITY.with(|a| *a.borrow_mut() = SERVICE);
	});
	ext
}

/// Runs `test` in fresh externalities, then checks the pallet's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		DataCredits::do_try_state().expect("invariants hold after the test");
	});
}
