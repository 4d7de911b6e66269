//! Configuration of the tokenomics pallets: the FLY/USD oracle and its governance-managed
//! feeders, Data Credits and subDAOs. Parameter choices are explained in the runtime README.

use crate::{governance::TokenomicsAdminOrRoot, *};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use flywheel_primitives::{FeedPrice, Moment, PriceFeed, PriceObservation, SubDaoId, DC_PER_USD};
use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32},
	PalletId,
};
use scale_info::TypeInfo;
use sp_runtime::{traits::Convert, FixedU128, Perbill};

/// What the oracle prices. One key today; an enum so further feeds stay compatible.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum OracleKey {
	/// USD per FLY, as a `FixedU128` (1.0 = 10^18).
	FlyUsd,
}

/// The membership instance that holds the oracle feeders.
pub type OracleFeedersInstance = pallet_membership::Instance1;

parameter_types! {
	pub const OraclePalletId: PalletId = PalletId(*b"fly/orcl");
	/// The oracle's own median (`Oracle::get`) needs one value fed within the last hour;
	/// pallet-data-credits applies its own, stricter rules to the raw feeds.
	pub const OracleMinimumCount: u32 = 1;
	pub const OracleExpiresIn: Moment = 60 * 60 * 1000;
	pub const MaxOracleFeeders: u32 = 16;
}

/// Feeders are added and removed by root or the `tokenomics_admin` track; the oracle drops the
/// values of a removed feeder and Data Credits re-aggregates the remaining ones.
impl pallet_membership::Config<OracleFeedersInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = TokenomicsAdminOrRoot;
	type RemoveOrigin = TokenomicsAdminOrRoot;
	type SwapOrigin = TokenomicsAdminOrRoot;
	type ResetOrigin = TokenomicsAdminOrRoot;
	type PrimeOrigin = TokenomicsAdminOrRoot;
	type MembershipInitialized = ();
	type MembershipChanged = FeedersChanged;
	type MaxMembers = MaxOracleFeeders;
	type WeightInfo = weights::FeederMembershipWeights;
}

/// A feeder set change: the oracle drops removed feeders' values, then the price Data Credits
/// mints with is aggregated again from what is left.
pub struct FeedersChanged;
impl frame_support::traits::ChangeMembers<AccountId> for FeedersChanged {
	fn change_members_sorted(incoming: &[AccountId], outgoing: &[AccountId], new: &[AccountId]) {
		<Oracle as frame_support::traits::ChangeMembers<AccountId>>::change_members_sorted(
			incoming, outgoing, new,
		);
		DataCredits::refresh_price();
	}

	fn set_prime(_prime: Option<AccountId>) {}
}

/// Every FLY/USD feed is aggregated into Data Credits' cached price at once, so a mint reads one
/// value however many feeders there are.
pub struct RefreshDcPrice;
impl pallet_oracle::OnNewData<AccountId, OracleKey, FixedU128> for RefreshDcPrice {
	fn on_new_data(_who: &AccountId, key: &OracleKey, _value: &FixedU128) {
		match key {
			OracleKey::FlyUsd => DataCredits::refresh_price(),
		}
	}
}

impl pallet_oracle::Config for Runtime {
	type OnNewData = RefreshDcPrice;
	type CombineData =
		pallet_oracle::DefaultCombineData<Runtime, OracleMinimumCount, OracleExpiresIn>;
	type Time = Timestamp;
	type OracleKey = OracleKey;
	type OracleValue = FixedU128;
	type PalletId = OraclePalletId;
	type Members = OracleFeeders;
	type WeightInfo = weights::OracleWeights;
	type MaxHasDispatchedSize = MaxOracleFeeders;
	type MaxFeedValues = ConstU32<1>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// The call a feeder submits to feed `price` USD per FLY (the node's dev price feed builds it):
/// Data Credits' operational-class `feed_price`, which full blocks cannot keep out.
pub fn fly_usd_feed_call(price: FixedU128) -> RuntimeCall {
	RuntimeCall::DataCredits(pallet_data_credits::Call::feed_price { price })
}

/// Data Credits' `feed_price` feeds through the oracle's own call, so the oracle's rules apply:
/// only a feeder may feed, once per block.
pub struct OracleFeedPrice;
impl FeedPrice<AccountId> for OracleFeedPrice {
	fn feed(who: &AccountId, price: FixedU128) -> frame_support::dispatch::DispatchResult {
		let values =
			frame_support::BoundedVec::truncate_from(alloc::vec![(OracleKey::FlyUsd, price)]);
		Oracle::feed_values(RuntimeOrigin::signed(who.clone()), values)
			.map(|_| ())
			.map_err(|e| e.error)
	}
}

/// FLY/USD for pallet-data-credits: every current feeder's latest value from pallet-oracle.
/// Root can feed too (as the oracle's pallet account), which counts as one more feeder.
pub struct OraclePriceFeed;
impl PriceFeed for OraclePriceFeed {
	fn fly_usd_observations() -> Vec<PriceObservation> {
		Oracle::read_raw_values(&OracleKey::FlyUsd)
			.into_iter()
			.map(|v| PriceObservation { price: v.value, timestamp: v.timestamp })
			.collect()
	}

	fn now() -> Moment {
		pallet_timestamp::Now::<Runtime>::get()
	}
}

/// One tokenomics epoch: a day; two minutes with `fast-runtime` so a dev chain shows epoch closes.
#[cfg(not(feature = "fast-runtime"))]
pub const EPOCH_LENGTH: BlockNumber = DAYS;
#[cfg(feature = "fast-runtime")]
pub const EPOCH_LENGTH: BlockNumber = 2 * MINUTES;

/// veFLY saturation and longest lock: four years of epochs.
pub const VE_SATURATION: BlockNumber = 4 * 365 * EPOCH_LENGTH;

/// Asset ids from here on belong to subDAO tokens (DNT of subDAO `n` = this + n); governance's
/// `force_create` keeps below it.
pub const DNT_ASSET_ID_BASE: u32 = 1_000_000;

parameter_types! {
	pub const EpochLength: BlockNumber = EPOCH_LENGTH;
	/// A feed older than ten minutes is stale; a mint needs a quorum of three fresh feeds (the
	/// development preset, with its one dev feeder, sets one); the median moves at most 10% an
	/// hour and the mint follows its half-hour time-weighted average when that is lower.
	pub const DefaultPriceRules: pallet_data_credits::PriceRules = pallet_data_credits::PriceRules {
		max_age_ms: 10 * 60 * 1000,
		min_feeders: 3,
		twap_period_ms: 30 * 60 * 1000,
		max_move: Perbill::from_percent(10),
		move_window_ms: 60 * 60 * 1000,
	};
	/// A new DC balance or router escrow holds at least 1,000 DC ($0.01).
	pub const MinimumCredits: flywheel_primitives::DataCredits = 1_000;
	/// At most 1,000,000 USD of DC minted per rolling day.
	pub const DefaultBreaker: pallet_data_credits::BreakerConfig =
		pallet_data_credits::BreakerConfig { window: DAYS, threshold: 1_000_000 * DC_PER_USD };
}

impl pallet_data_credits::Config for Runtime {
	type Currency = Balances;
	type PriceFeed = OraclePriceFeed;
	type FeedPrice = OracleFeedPrice;
	type SubDaos = SubDaos;
	type BurnTracker = SubDaos;
	/// DC burned for a subnet's service is its revenue (the subnets' revenue emission mode).
	type SubnetRevenue = Subnets;
	type AdminOrigin = TokenomicsAdminOrRoot;
	type EpochLength = EpochLength;
	type EpochHistory = ConstU32<30>;
	type DefaultPriceRules = DefaultPriceRules;
	type DefaultBreaker = DefaultBreaker;
	type MinimumCredits = MinimumCredits;
	type WeightInfo = pallet_data_credits::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Tokenomics;
}

/// DNT asset id of each subDAO.
pub struct DntAssetId;
impl Convert<SubDaoId, u32> for DntAssetId {
	fn convert(subdao: SubDaoId) -> u32 {
		DNT_ASSET_ID_BASE.saturating_add(subdao)
	}
}

parameter_types! {
	pub const SubDaosPalletId: PalletId = PalletId(*b"fly/sdao");
	pub const VeSaturation: BlockNumber = VE_SATURATION;
	/// Helium's defaults: EMA over 30 epochs, 6% of DNT to veFLY delegators, V × D × A scoring;
	/// at most 20% of a treasury redeemed per rolling day.
	pub const DefaultSubDaoParams: pallet_subdaos::SubDaoParams = pallet_subdaos::SubDaoParams {
		ema_epochs: 30,
		delegator_share: Perbill::from_percent(6),
		ve_only_scoring: false,
		redemption_window: DAYS,
		redemption_cap: Perbill::from_percent(20),
	};
}

impl pallet_subdaos::Config for Runtime {
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Assets = Assets;
	type DntAssetId = DntAssetId;
	type DataCredits = crate::DataCredits;
	type AdminOrigin = TokenomicsAdminOrRoot;
	type PalletId = SubDaosPalletId;
	type EpochLength = EpochLength;
	type MaxSubDaos = ConstU32<64>;
	type MaxScheduleSteps = ConstU32<16>;
	type MaxNameLength = ConstU32<32>;
	type MaxPositionsPerAccount = ConstU32<16>;
	type MaxClaimEpochs = ConstU32<64>;
	type MaxRewardBatch = ConstU32<128>;
	type MaxPayoutsPerBlock = ConstU32<8>;
	/// A device counts for a month of daily epochs after its onboarding or last attestation.
	type DefaultDeviceActivityEpochs = ConstU32<30>;
	/// A year of daily epoch records; delegator DNT unclaimed after a year goes to device
	/// rewards.
	type EpochRecordHistory = ConstU32<365>;
	/// A veFLY position locks at least 1 FLY.
	type MinLockAmount = ConstU128<FLY>;
	/// A DNT account holds at least 0.001 DNT.
	type DntMinBalance = ConstU128<{ FLY / 1_000 }>;
	type VeBaseline = ConstU32<0>;
	type VeMaxExtra = ConstU32<100>;
	type VeSaturation = VeSaturation;
	type DefaultParams = DefaultSubDaoParams;
	type WeightInfo = pallet_subdaos::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::Tokenomics;
}

/// Benchmark setup in the real runtime: prices go into pallet-oracle, subDAOs are created
/// through pallet-subdaos, Data Credits are credited in pallet-data-credits' ledger.
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers {
	use super::*;
	use flywheel_primitives::DataCredits as Dc;
	use frame_support::BoundedVec;

	pub struct Tokenomics;

	/// `MaxOracleFeeders` benchmark accounts, sorted (as the membership stores them).
	fn bench_feeders() -> Vec<AccountId> {
		let mut feeders: Vec<AccountId> = (0..MaxOracleFeeders::get())
			.map(|i| frame_benchmarking::account("feeder", i, 0))
			.collect();
		feeders.sort();
		feeders
	}

	impl pallet_data_credits::BenchmarkHelper<AccountId> for Tokenomics {
		fn set_price(price: FixedU128) {
			let now = pallet_timestamp::Now::<Runtime>::get().max(1);
			pallet_timestamp::Now::<Runtime>::put(now);
			// As many feeders as allowed: the worst case of aggregating the feeds.
			let feeders = bench_feeders();
			for feeder in &feeders {
				pallet_oracle::RawValues::<Runtime>::insert(
					feeder,
					OracleKey::FlyUsd,
					pallet_oracle::TimestampedValue { value: price, timestamp: now },
				);
			}
			pallet_membership::Members::<Runtime, OracleFeedersInstance>::put(
				BoundedVec::truncate_from(feeders),
			);
		}

		fn create_subdao(subdao: SubDaoId, authority: AccountId) {
			while pallet_subdaos::NextSubDaoId::<Runtime>::get() <= subdao {
				let config = pallet_subdaos::SubDaoConfig {
					name: BoundedVec::truncate_from(b"bench".to_vec()),
					emission_schedule: BoundedVec::truncate_from(alloc::vec![
						pallet_subdaos::EmissionStep { from_epoch: 0, per_epoch: FLY }
					]),
					onboarding_fee: DC_PER_USD,
					burn_authority: authority.clone(),
					rewards_authority: authority.clone(),
					curve_k: 0,
				};
				let created = SubDaos::create_subdao(RuntimeOrigin::root(), config);
				assert!(created.is_ok(), "benchmark subDAO created: {created:?}");
			}
			let update = pallet_subdaos::SubDaoUpdate {
				emission_schedule: None,
				onboarding_fee: None,
				burn_authority: Some(authority),
				rewards_authority: None,
				curve_k: None,
			};
			let updated = SubDaos::update_subdao(RuntimeOrigin::root(), subdao, update);
			assert!(updated.is_ok(), "benchmark subDAO updated: {updated:?}");
		}

		fn create_subnet(service_authority: AccountId) -> flywheel_primitives::NetUid {
			use frame_support::traits::fungible::Mutate;
			let owner: AccountId = frame_benchmarking::account("subnet-owner", 0, 0);
			let funded = Balances::set_balance(&owner, 1_000_000 * FLY);
			assert!(funded > 0, "benchmark subnet owner funded");
			let netuid = pallet_subnets::NextNetUid::<Runtime>::get();
			let registered =
				Subnets::register_network(RuntimeOrigin::signed(owner.clone()), owner.clone());
			assert!(registered.is_ok(), "benchmark subnet registered: {registered:?}");
			let set = Subnets::set_service_authority(
				RuntimeOrigin::signed(owner),
				netuid,
				Some(service_authority),
			);
			assert!(set.is_ok(), "benchmark service authority set: {set:?}");
			netuid
		}

		fn feeder() -> AccountId {
			// `set_price` made every one of these a feeder.
			bench_feeders().remove(0)
		}
	}

	impl pallet_subdaos::BenchmarkHelper<AccountId> for Tokenomics {
		fn give_data_credits(who: &AccountId, amount: Dc) {
			pallet_data_credits::DcBalances::<Runtime>::mutate(who, |b| {
				*b = b.saturating_add(amount)
			});
			pallet_data_credits::Ledger::<Runtime>::mutate(|l| {
				l.supply.minted = l.supply.minted.saturating_add(u128::from(amount))
			});
		}
	}
}

/// One inflation round: a day, as Livepeer's; one minute with `fast-runtime` so a dev chain shows
/// the controller move.
#[cfg(not(feature = "fast-runtime"))]
pub const ROUND_LENGTH: BlockNumber = DAYS;
#[cfg(feature = "fast-runtime")]
pub const ROUND_LENGTH: BlockNumber = MINUTES;

parameter_types! {
	pub const BondingPalletId: PalletId = PalletId(*b"fly/bond");
	/// Livepeer's mainnet controller: target 50% bonded, step 0.00005% per round; the bounds are
	/// ours: ≈ 1% a year at least, ≈ 22% a year at most with daily rounds.
	pub const InflationParams: pallet_inflation::RateParams = pallet_inflation::RateParams {
		target: Perbill::from_percent(50),
		step: Perbill::from_parts(500),
		min_rate: Perbill::from_parts(27_400),
		max_rate: Perbill::from_parts(548_000),
	};
	/// Livepeer's mainnet rate: 0.02185% per round (≈ 8.3% a year with daily rounds).
	pub const InitialInflationRate: Perbill = Perbill::from_parts(218_500);
	/// Half to the stakers who secure the services, 30% to the subDAOs' usage-scored pool, 15% to
	/// the subnets, 5% to the treasury.
	pub const DefaultEmissionSplit: pallet_inflation::EmissionSplit =
		pallet_inflation::EmissionSplit {
			stakers: Perbill::from_percent(50),
			subdaos: Perbill::from_percent(30),
			subnets: Perbill::from_percent(15),
			treasury: Perbill::from_percent(5),
		};
	pub const SubnetPoolPalletId: PalletId = PalletId(*b"fly/snet");
}

parameter_types! {
	/// An operator bonds 1,000 FLY to itself when it registers (a slot costs something), and
	/// anyone may remove one that stays outside the active set for 30 rounds (a month of
	/// daily rounds).
	pub const DefaultOperatorRules: pallet_bonding::OperatorRules =
		pallet_bonding::OperatorRules { min_self_bond: 1_000 * FLY, max_idle_rounds: 30 };
}

impl pallet_bonding::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// One FLY, one role: FLY locked in veFLY cannot be bonded.
	type VeFly = SubDaos;
	type Rounds = Inflation;
	type AdminOrigin = TokenomicsAdminOrRoot;
	type DefaultOperatorRules = DefaultOperatorRules;
	type PalletId = BondingPalletId;
	/// Terms changed in the last tenth of a round wait one more round (Livepeer's round lock
	/// is 10% of a round).
	type TermsLockPeriod = ConstU32<{ ROUND_LENGTH / 10 }>;
	/// A week of daily rounds.
	type UnbondingPeriod = ConstU32<7>;
	type MaxOperators = ConstU32<64>;
	type MaxActiveOperators = ConstU32<32>;
	type MaxUnbondingLocks = ConstU32<16>;
	/// A delegation bonds at least 1 FLY.
	type MinBond = ConstU128<FLY>;
	type WeightInfo = pallet_bonding::weights::SubstrateWeight<Runtime>;
}

/// One subnet epoch (tempo): an hour; ten blocks with `fast-runtime` so a dev chain shows epochs.
#[cfg(not(feature = "fast-runtime"))]
pub const SUBNET_TEMPO: BlockNumber = HOURS;
#[cfg(feature = "fast-runtime")]
pub const SUBNET_TEMPO: BlockNumber = 10;

parameter_types! {
	pub const MaxValidatorTake: Perbill = Perbill::from_percent(18);
	pub const DefaultRevenueCap: Perbill = Perbill::from_percent(50);
	/// Bittensor's shape at FLY's scale: a 1,000 FLY floor for a subnet lock (doubling with each
	/// registration, back to the floor over a week), one registration a day, a week of immunity;
	/// owner 18%, the rest 50/50 (41/41); neuron registration between 1 and 100 FLY (+10% each,
	/// back to the floor over a day); bonds' moving average 10% new;
	/// a validator without new weights for two days is idle.
	pub const DefaultSubnetParams: pallet_subnets::GlobalParams = pallet_subnets::GlobalParams {
		min_lock_cost: 1_000 * FLY,
		lock_reduction_interval: 7 * DAYS,
		network_rate_limit: if cfg!(feature = "fast-runtime") { 10 } else { DAYS },
		network_immunity_period: 7 * DAYS,
		owner_cut: Perbill::from_percent(18),
		miner_share: Perbill::from_percent(50),
		emission_mode: pallet_subnets::EmissionMode::Stake,
		min_burn: FLY,
		max_burn: 100 * FLY,
		burn_increase: Perbill::from_percent(10),
		burn_decay_interval: DAYS,
		bonds_alpha: Perbill::from_percent(10),
		// Two days without new weights make a validator idle (above the longest rate limit).
		activity_cutoff: 2 * DAYS,
		// A take may rise 30 days after its last change (Bittensor's limit).
		take_rate_limit: 30 * DAYS,
		default_hyperparameters: pallet_subnets::Hyperparameters {
			tempo: SUBNET_TEMPO,
			max_uids: 256,
			immunity_period: if cfg!(feature = "fast-runtime") { 20 } else { 4 * HOURS },
			weights_rate_limit: if cfg!(feature = "fast-runtime") { 2 } else { 100 },
			commit_reveal: false,
		},
		bounds: pallet_subnets::HyperparameterBounds {
			min_tempo: if cfg!(feature = "fast-runtime") { 5 } else { 10 * MINUTES },
			max_tempo: DAYS,
			max_immunity_period: 7 * DAYS,
			max_weights_rate_limit: DAYS,
		},
	};
}

impl pallet_subnets::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// One FLY, one role: FLY locked in veFLY cannot be staked.
	type VeFly = SubDaos;
	/// A round's subnet emission is released over the round.
	type Rounds = Inflation;
	type AdminOrigin = TokenomicsAdminOrRoot;
	/// The pool account (`fly/snet`) that the subnets' share of each round is minted into.
	type PalletId = SubnetPoolPalletId;
	type MaxSubnets = ConstU32<32>;
	type MaxUids = ConstU32<256>;
	type MaxValidators = ConstU32<64>;
	/// One epoch per block: 256 × 64 dense at most (see docs/PERFORMANCE.md).
	type MaxEpochsPerBlock = ConstU32<1>;
	type MaxTake = MaxValidatorTake;
	type DefaultParams = DefaultSubnetParams;
	/// Revenue attracts at most half its FLY value: a wash burn returns at most half its cost
	/// (see the pallet README).
	type DefaultRevenueCap = DefaultRevenueCap;
	/// A stake of a coldkey on a hotkey starts at 1 FLY.
	type MinStake = ConstU128<FLY>;
	type WeightInfo = pallet_subnets::weights::SubstrateWeight<Runtime>;
}

/// What the inflation controller counts as bonded: FLY bonded to active operators
/// (pallet-bonding) plus FLY staked on subnets (pallet-subnets). Both secure services and both
/// are held; each counts at the lower of its value at the last round and now, so stake added
/// just before a round moves no rate.
pub struct TotalBondedSupply;
impl flywheel_primitives::BondedSupply<Balance> for TotalBondedSupply {
	fn bonded() -> Balance {
		use flywheel_primitives::BondedSupply;
		<Bonding as BondedSupply<Balance>>::bonded()
			.saturating_add(pallet_subnets::Pallet::<Runtime>::counted_total_stake())
	}
}

/// The treasury's share (and the rounding dust) of each round.
pub struct TreasurySink;
impl flywheel_primitives::EmissionSink<AccountId, Balance> for TreasurySink {
	fn account() -> AccountId {
		Treasury::account_id()
	}
	fn note_emission(_amount: Balance) {}
}

impl pallet_inflation::Config for Runtime {
	type Currency = Balances;
	/// Bonding stake plus subnet stake.
	type BondedSupply = TotalBondedSupply;
	type StakersSink = Bonding;
	type SubDaosSink = SubDaos;
	type SubnetsSink = Subnets;
	type TreasurySink = TreasurySink;
	/// Data Credits keeps FLY minted per epoch next to FLY burned (`TokenomicsApi`).
	type MintObserver = DataCredits;
	type AdminOrigin = TokenomicsAdminOrRoot;
	type DefaultParams = InflationParams;
	type InitialRate = InitialInflationRate;
	type DefaultSplit = DefaultEmissionSplit;
	type DefaultRoundLength = ConstU32<ROUND_LENGTH>;
	type BlocksPerYear = ConstU32<{ 365 * DAYS }>;
	type WeightInfo = weights::InflationWeights;
}
