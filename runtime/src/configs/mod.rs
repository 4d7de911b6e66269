// SPDX-License-Identifier: Apache-2.0
//! Configuration of the system, consensus, money and account-utility pallets.
//! Governance pallets are configured in [`crate::governance`], each tokenomics pallet in a
//! file of its own here.

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers;
pub mod bonding;
pub mod data_credits;
pub mod inflation;
pub mod oracle;
pub mod profile;
pub mod subdaos;
pub mod subnets;
pub mod validators;
pub use bonding::*;
pub use data_credits::*;
pub use inflation::*;
pub use oracle::*;
pub use profile::{EpochLength, MinValidators, RoundLength, SessionLength, VeSaturation};
pub use subdaos::*;
pub use subnets::*;
pub use validators::*;

use crate::{governance::*, *};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::dispatch::DispatchClass;
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		tokens::{pay::PayFromAccount, UnityAssetBalanceConversion},
		AsEnsureOriginWithArg, ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, InstanceFilter,
		NeverEnsureOrigin, VariantCountOf, WithdrawReasons,
	},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, ConstantMultiplier, Weight},
	PalletId,
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{FungibleAdapter, Multiplier, TargetedFeeAdjustment};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{Bounded, ConvertInto, IdentityLookup},
	FixedPointNumber, Perbill, Perquintill,
};

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
/// Two seconds of compute per 6-second block.
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of compute per 6-second block; 75% for normal transactions (what
	/// `with_sensible_defaults` sets), with the block's and a transaction's base weights
	/// measured on this chain (`benchmark overhead`, runtime/src/weights/) instead of the SDK's
	/// reference machine's.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(crate::weights::BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = crate::weights::ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			weights.reserved =
				Some(MAXIMUM_BLOCK_WEIGHT.saturating_sub(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT));
		})
		.avg_block_initialization(Perbill::from_percent(10))
		.build_or_panic();
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(frame_support::dispatch::DispatchClass::Normal, |m| {
			*m = NORMAL_DISPATCH_RATIO * *m
		})
		.build();
	/// Generic Substrate prefix until Flywheel registers its own.
	pub const SS58Prefix: u8 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// ParityDB is the node's only database (see node/Cargo.toml and docs/PERFORMANCE.md); its
	/// read and write as measured on this chain (`benchmark storage`), not Parity's reference.
	type DbWeight = crate::weights::ParityDbWeight;
	/// polkadot-sdk's reference weights charged at this runtime's `DbWeight` (`()` carries the
	/// same measured numbers but RocksDB's database costs).
	type SystemWeightInfo = crate::weights::frame_system::WeightInfo<Runtime>;
	/// frame-system's transaction extensions, measured on this chain.
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	// And no call the emergency path paused (pallet-tx-pause).
	type BaseCallFilter =
		frame_support::traits::InsideBoth<SessionKeysThroughValidatorSet, TxPause>;
}

/// Every call but pallet-session's `purge_keys` and `set_keys`, wherever they are dispatched
/// from (a batch, a proxy; root bypasses every call filter): a validator without keys drops out of the next
/// session's authorities, below the validator set's minimum or to none, and a validator that
/// changes its keys makes its current GRANDPA key unprovable (pallet-session proves the current
/// session from the registered keys). `validatorSet.purgeKeys` and `validatorSet.setKeys` do
/// the same for an account that validates in no set.
pub struct SessionKeysThroughValidatorSet;
impl frame_support::traits::Contains<RuntimeCall> for SessionKeysThroughValidatorSet {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(
			call,
			RuntimeCall::Session(
				pallet_session::Call::purge_keys {} | pallet_session::Call::set_keys { .. }
			)
		)
	}
}

/// Transactions the runtime creates itself: GRANDPA's equivocation reports, submitted unsigned
/// by a node's voter (pallet-grandpa's `ValidateUnsigned` admits them from the local node only).
impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> frame_system::offchain::CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = crate::weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	// A validator disabled for a proven offence authors no block.
	type DisabledValidators = Session;
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Reference weights: GRANDPA's benchmarks measure the parts of its equivocation report's
	// formula, not its weight functions (runtime/src/benchmarks.rs).
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	// An equivocation is reportable while its session's root is kept (validators.rs).
	type MaxSetIdSessionEntries = ConstU64<{ validators::HISTORY_DEPTH as u64 }>;
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem = pallet_grandpa::EquivocationReportSystem<
		Self,
		Offences,
		Historical,
		validators::ReportLongevity,
	>;
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	// Measured in this runtime (the reference for the tokenomics calls' performance targets).
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub TreasuryAccount: AccountId = Treasury::account_id();
	/// The fee multiplier rises when blocks are fuller than a quarter of the normal class's
	/// weight and falls when they are emptier, never below 1.
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	/// At 5/10,000 a block whose normal class is full multiplies the fee by 1 + 0.75 × v
	/// (+ v² terms), so ≈ 1,850 full blocks (≈ 3.1 hours) double it; empty blocks take it
	/// back down by 0.0125% a block. Polkadot's 75/1,000,000 needs ≈ 20 hours to double,
	/// long enough for a stuffer to hold a day of blocks at the starting price.
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(5, 10_000);
	/// Never below 1: the calibrated prices below are the floor a quiet chain charges.
	pub MinimumMultiplier: Multiplier = Multiplier::saturating_from_integer(1u32);
	pub MaximumMultiplier: Multiplier = Bounded::max_value();
}

/// FLY charged for a second of reference compute (`ref_time`) at the multiplier's floor:
/// 15 FLY, so a `transfer_keep_alive` (≈ 0.47 ms of base, call and extension weight measured
/// on this chain) costs ≈ 0.007 FLY with its length fee, and a block's normal class (1.5 s)
/// 22.5 FLY.
pub const FEE_PER_WEIGHT_SECOND: Balance = 15 * FLY;
/// FLY charged per byte of a transaction: 1 µFLY. A block's normal class holds 3.75 MiB, so
/// filling the length of every block for a day (14,400 blocks, ≈ 57 GB of permanent data) costs
/// ≈ 56,600 FLY in length fees alone, whatever the multiplier (length fees are not multiplied).
pub const FEE_PER_BYTE: Balance = MICRO_FLY;

/// `WeightToFee`: [`FEE_PER_WEIGHT_SECOND`] per second of `ref_time`, linear.
pub type WeightToFee = ConstantMultiplier<
	Balance,
	ConstU128<{ FEE_PER_WEIGHT_SECOND / WEIGHT_REF_TIME_PER_SECOND as Balance }>,
>;
/// `LengthToFee`: [`FEE_PER_BYTE`] per encoded byte.
pub type LengthToFee = ConstantMultiplier<Balance, ConstU128<FEE_PER_BYTE>>;

/// The fee multiplier follows block fullness (Polkadot's `TargetedFeeAdjustment`, with the
/// settings above).
pub type SlowAdjustingFeeUpdate<R> = TargetedFeeAdjustment<
	R,
	TargetBlockFullness,
	AdjustmentVariable,
	MinimumMultiplier,
	MaximumMultiplier,
>;

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Transaction fees go to the treasury rather than being burned: burning is the job of the
	// Data Credits mechanism, and fee income funds the chain through governance.
	type OnChargeTransaction = FungibleAdapter<
		Balances,
		frame_support::traits::tokens::imbalance::ResolveTo<TreasuryAccount, Balances>,
	>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = WeightToFee;
	type LengthToFee = LengthToFee;
	type FeeMultiplierUpdate = SlowAdjustingFeeUpdate<Self>;
	/// `ChargeTransactionPayment`, measured on this chain.
	type WeightInfo = crate::weights::pallet_transaction_payment::WeightInfo<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = crate::weights::pallet_sudo::WeightInfo<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = crate::weights::pallet_utility::WeightInfo<Runtime>;
}

parameter_types! {
	// One storage item; key size is 32; value is size 4+4+16+32 bytes = 56 bytes.
	pub const DepositBase: Balance = deposit(1, 88);
	// Additional storage item size of 32 bytes.
	pub const DepositFactor: Balance = deposit(0, 32);
	pub const MaxSignatories: u32 = 100;
}

/// Deposit for `items` storage items taking `bytes` bytes: 1 FLY per item, 0.01 FLY per byte.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * FLY + (bytes as Balance) * 10 * MILLI_FLY
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = DepositBase;
	type DepositFactor = DepositFactor;
	type MaxSignatories = MaxSignatories;
	type WeightInfo = crate::weights::pallet_multisig::WeightInfo<Runtime>;
	type BlockNumberProvider = System;
}

/// What a proxy may do for its delegator.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Anything.
	#[default]
	Any,
	/// Only calls that move no value to another account (an allow-list, see
	/// [`ProxyType::filter`]).
	NonTransfer,
	/// Governance: referenda, votes, preimages, utility batches of those.
	Governance,
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, c: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => non_transfer(c),
			ProxyType::Governance => {
				matches!(
					c,
					RuntimeCall::Referenda(..)
						| RuntimeCall::ConvictionVoting(..)
						| RuntimeCall::Preimage(..)
				) || is_batch(c)
			}
		}
	}
	fn is_superset(&self, o: &Self) -> bool {
		match (self, o) {
			(x, y) if x == y => true,
			(ProxyType::Any, _) => true,
			(_, ProxyType::Any) => false,
			(ProxyType::NonTransfer, _) => true,
			_ => false,
		}
	}
}

/// The `NonTransfer` proxy's allow-list: voting and vote delegation, claims paid to the
/// proxied account itself, weights and subnet-owner settings, remarks, and batches of those (a
/// batch's calls are filtered one by one), the oracle's own (normal-class) feed. Data Credits'
/// operational `feed_price` is not: a feeder signs it itself (`RestrictOperational` refuses a
/// proxied one). Everything else is out: transfers, minting
/// DC for any beneficiary, bonding, staking, veFLY locks, redemptions, DC delegation and burns,
/// an operator's terms and a validator's take (they move delegators' and stakers' rewards to the
/// proxied account), proxies, multisigs and vesting.
pub fn non_transfer(c: &RuntimeCall) -> bool {
	is_batch(c)
		|| matches!(
			c,
			RuntimeCall::System(
				frame_system::Call::remark { .. } | frame_system::Call::remark_with_event { .. }
			) | RuntimeCall::Referenda(..)
				| RuntimeCall::ConvictionVoting(..)
				| RuntimeCall::Preimage(..)
				| RuntimeCall::SubDaos(
					pallet_subdaos::Call::delegate { .. }
						| pallet_subdaos::Call::undelegate { .. }
						| pallet_subdaos::Call::claim_delegation_rewards { .. }
				) | RuntimeCall::Bonding(pallet_bonding::Call::claim_earnings { .. })
				| RuntimeCall::Subnets(
					pallet_subnets::Call::set_weights { .. }
						| pallet_subnets::Call::commit_weights { .. }
						| pallet_subnets::Call::reveal_weights { .. }
						| pallet_subnets::Call::set_hyperparameters { .. }
						| pallet_subnets::Call::set_service_authority { .. }
						| pallet_subnets::Call::claim_emission { .. }
						| pallet_subnets::Call::claim_unclaimed { .. }
						| pallet_subnets::Call::claim_dividends { .. }
				) | RuntimeCall::Oracle(pallet_oracle::Call::feed_values { .. })
		)
}

/// A utility batch (its calls go through the proxy's filter one by one); not `as_derivative` or
/// `dispatch_as`, which change who the calls are made as.
fn is_batch(c: &RuntimeCall) -> bool {
	matches!(
		c,
		RuntimeCall::Utility(
			pallet_utility::Call::batch { .. }
				| pallet_utility::Call::batch_all { .. }
				| pallet_utility::Call::force_batch { .. }
		)
	)
}

parameter_types! {
	pub const ProxyDepositBase: Balance = deposit(1, 8);
	pub const ProxyDepositFactor: Balance = deposit(0, 33);
	pub const AnnouncementDepositBase: Balance = deposit(1, 8);
	pub const AnnouncementDepositFactor: Balance = deposit(0, 66);
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = ConstU32<32>;
	type WeightInfo = crate::weights::pallet_proxy::WeightInfo<Runtime>;
	type MaxPending = ConstU32<32>;
	type CallHasher = sp_runtime::traits::BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}

parameter_types! {
	pub const MinVestedTransfer: Balance = FLY;
	pub UnvestedFundsAllowedWithdrawReasons: WithdrawReasons =
		WithdrawReasons::except(WithdrawReasons::TRANSFER | WithdrawReasons::RESERVE);
}

impl pallet_vesting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type BlockNumberToBalance = ConvertInto;
	type MinVestedTransfer = MinVestedTransfer;
	type WeightInfo = crate::weights::pallet_vesting::WeightInfo<Runtime>;
	type UnvestedFundsAllowedWithdrawReasons = UnvestedFundsAllowedWithdrawReasons;
	type BlockNumberProvider = System;
	const MAX_VESTING_SCHEDULES: u32 = 28;
}

parameter_types! {
	pub const AssetDeposit: Balance = 10 * FLY;
	pub const AssetAccountDeposit: Balance = deposit(1, 16);
	pub const ApprovalDeposit: Balance = EXISTENTIAL_DEPOSIT;
	pub const MetadataDepositBase: Balance = deposit(1, 68);
	pub const MetadataDepositPerByte: Balance = deposit(0, 1);
}

/// Assets hold the subDAO tokens (DNTs). Nobody creates an asset by a plain signed call: asset
/// ids belong to the tokenomics pallets (which create through the `fungibles` traits) and to
/// governance (`force_create`), so ids never collide.
impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = u32;
	type AssetIdParameter = codec::Compact<u32>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	/// Root only: force-minting, force-transferring, freezing-and-moving or destroying a DNT
	/// would reverse the one-way DNT → FLY swap, so no other track may.
	type ForceOrigin = frame_system::EnsureRoot<AccountId>;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = crate::weights::pallet_assets::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	pub const TreasuryPalletId: PalletId = PalletId(*b"fly/trsy");
	pub const SpendPeriod: BlockNumber = 6 * DAYS;
	pub const PayoutPeriod: BlockNumber = 30 * DAYS;
	pub const MaxApprovals: u32 = 100;
}

/// The treasury pays from its own account (`PayFromAccount`). Its benchmarks pay 100 units, below
/// the existential deposit, to an account that does not exist, which no payment could do: for
/// them the beneficiary first receives its existential deposit, so `payout` and `check_status`
/// are measured paying out.
pub struct TreasuryPaymaster;
type PayFromTreasury = PayFromAccount<Balances, TreasuryAccount>;
impl frame_support::traits::tokens::Pay for TreasuryPaymaster {
	type Balance = Balance;
	type Beneficiary = AccountId;
	type AssetKind = ();
	type Id = ();
	type Error = sp_runtime::DispatchError;
	fn pay(who: &AccountId, asset_kind: (), amount: Balance) -> Result<(), Self::Error> {
		PayFromTreasury::pay(who, asset_kind, amount)
	}
	fn check_payment(id: ()) -> frame_support::traits::tokens::PaymentStatus {
		PayFromTreasury::check_payment(id)
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(who: &AccountId, asset_kind: (), amount: Balance) {
		use frame_support::traits::fungible::Mutate;
		PayFromTreasury::ensure_successful(who, asset_kind, amount);
		let _ = Balances::mint_into(who, EXISTENTIAL_DEPOSIT);
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_concluded(id: ()) {
		PayFromTreasury::ensure_concluded(id)
	}
}

impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	type RejectOrigin = TreasurerOrRoot;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = SpendPeriod;
	// Governance sets the burn through `pallet_parameters` on the tokenomics_admin track.
	type Burn = dynamic_params::tokenomics::TreasuryBurn;
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	type WeightInfo = crate::weights::pallet_treasury::WeightInfo<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = MaxApprovals;
	type SpendOrigin = TreasurySpendOrigin;
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = IdentityLookup<AccountId>;
	type Paymaster = TreasuryPaymaster;
	type BalanceConverter = UnityAssetBalanceConversion;
	type PayoutPeriod = PayoutPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
	type BlockNumberProvider = System;
}
