// SPDX-License-Identifier: Apache-2.0
#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod curve;
pub mod devices;
mod epoch;
mod governance;
mod interfaces;
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
mod positions;
mod redemption;
mod rewards;
pub mod runtime_api;
pub mod score;
#[cfg(test)]
mod tests;
pub mod types;
pub mod ve;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

/// The number of delegated veFLY positions the idle-block benchmark runs with (beside
/// `MaxSubDaos` subDAOs). Positions are not bounded, but the idle hook reads nothing per
/// position, so its weight is taken at this size.
pub const BENCHMARKED_DELEGATORS: u32 = 100_000;

use flywheel_primitives::{
	AdminScope, Balance, BlockNumber, BurnPurpose, DataCredits, DataCreditsCharge, RollingWindow,
	SubDaoId,
};
use frame_support::traits::fungibles;

/// The DNT asset id type of the runtime's assets pallet.
pub type AssetIdOf<T> =
	<<T as Config>::Assets as fungibles::Inspect<<T as frame_system::Config>::AccountId>>::AssetId;
/// A subDAO's stored record.
pub type SubDaoInfoOf<T> = SubDaoInfo<
	<T as frame_system::Config>::AccountId,
	AssetIdOf<T>,
	<T as Config>::MaxScheduleSteps,
	<T as Config>::MaxNameLength,
>;
/// The arguments of [`Pallet::create_subdao`].
pub type SubDaoConfigOf<T> = SubDaoConfig<
	<T as frame_system::Config>::AccountId,
	<T as Config>::MaxScheduleSteps,
	<T as Config>::MaxNameLength,
>;
/// The argument of [`Pallet::update_subdao`].
pub type SubDaoUpdateOf<T> =
	SubDaoUpdate<<T as frame_system::Config>::AccountId, <T as Config>::MaxScheduleSteps>;
/// A batch of device ids to attest.
pub type DeviceBatchOf<T> = frame_support::BoundedVec<DeviceId, <T as Config>::MaxRewardBatch>;
/// A batch of lifetime reward totals `(recipient, total DNT)` one oracle reports.
pub type RewardTotalsOf<T> = frame_support::BoundedVec<
	(<T as frame_system::Config>::AccountId, Balance),
	<T as Config>::MaxRewardBatch,
>;
/// One recipient's reports `(oracle, lifetime total)`.
pub type RewardReportsOf<T> = OracleList<(<T as frame_system::Config>::AccountId, Balance)>;

/// Sets up what the benchmarks need from other pallets.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Gives `who` `amount` Data Credits to pay onboarding fees with.
	fn give_data_credits(who: &AccountId, amount: DataCredits);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{self, MutateFreeze},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{traits::Convert, SaturatedConversion};

	/// v1: a delegation counts from the next epoch ([`migrations::v1`]).
	/// v2: a device counts until its attestation expires ([`migrations::v2`]).
	/// v3: rewards oracles instead of one rewards authority, usage valued ([`migrations::v3`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet freezes FLY.
	#[pallet::composite_enum]
	pub enum FreezeReason {
		/// FLY locked in veFLY positions.
		VeFlyLock,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// FLY: treasuries, the subDAO pool, and veFLY locks (a freeze).
		type Currency: fungible::Inspect<Self::AccountId, Balance = Balance>
			+ fungible::Mutate<Self::AccountId>
			+ MutateFreeze<Self::AccountId, Id = Self::RuntimeFreezeReason>;
		/// The runtime's freeze reasons.
		type RuntimeFreezeReason: From<FreezeReason>;
		/// DNTs (the runtime wires `pallet-assets`).
		type Assets: fungibles::Inspect<Self::AccountId, Balance = Balance>
			+ fungibles::Mutate<Self::AccountId>
			+ fungibles::Create<Self::AccountId>;
		/// The DNT asset id of a subDAO (the runtime reserves a range of asset ids).
		type DntAssetId: Convert<SubDaoId, AssetIdOf<Self>>;
		/// Charges device onboarding fees in DC (the runtime wires `pallet-data-credits`).
		type DataCredits: DataCreditsCharge<Self::AccountId>;
		/// Receives the FLY due to a subDAO whose DNT has no supply (the runtime: the treasury),
		/// so no first DNT holder takes what collected before it.
		type NoHolderFlyTo: Get<Self::AccountId>;
		/// Creates and updates subDAOs and sets the parameters: root (`AdminScope::Full`) or
		/// `TokenomicsAdmin` (`AdminScope::Bounded`: only within [`Config::GovernanceBounds`]).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = AdminScope>;
		/// The hard ranges of every parameter for the bounded admin origin.
		/// Not a metadata constant: a runtime may derive it from storage (Flywheel's chain
		/// profile and feeder set); runtime/README.md lists the ranges.
		type GovernanceBounds: Get<GovernanceBounds>;
		/// Derives the pool, treasury, rewards and delegator accounts.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Blocks per epoch.
		/// Not a metadata constant: a runtime may read it from storage (Flywheel's chain profile),
		/// and the metadata must be the same on every chain that runs one wasm.
		type EpochLength: Get<BlockNumber>;
		/// Most subDAOs (epoch close is linear in this).
		#[pallet::constant]
		type MaxSubDaos: Get<u32>;
		/// Most steps in a DNT emission schedule.
		#[pallet::constant]
		type MaxScheduleSteps: Get<u32>;
		/// Longest subDAO name in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;
		/// Most veFLY positions per account.
		#[pallet::constant]
		type MaxPositionsPerAccount: Get<u32>;
		/// Most epochs one claim pays.
		#[pallet::constant]
		type MaxClaimEpochs: Get<u32>;
		/// Most payments in one device reward batch, and most devices in one attestation.
		#[pallet::constant]
		type MaxRewardBatch: Get<u32>;
		/// Epochs a device counts toward `A` after an onboarding or attestation, until
		/// governance sets [`DeviceActivityEpochs`].
		#[pallet::constant]
		type DefaultDeviceActivityEpochs: Get<u32>;
		/// The DNTs' minimum balance: a DNT account holds at least this (so a 1-planck transfer
		/// cannot create accounts).
		#[pallet::constant]
		type DntMinBalance: Get<Balance>;
		/// Epochs of records kept (at least `MaxClaimEpochs`): the close of epoch `e` removes
		/// the record of `e − EpochRecordHistory`, and the delegator DNT of that epoch nobody
		/// claimed goes to the subDAO's rewards escrow (device operators), so nothing is stuck.
		#[pallet::constant]
		type EpochRecordHistory: Get<u32>;
		/// The least FLY a veFLY position locks (a position is a storage entry).
		#[pallet::constant]
		type MinLockAmount: Get<Balance>;
		/// SubDAOs paid per block while an epoch closes (treasury FLY, DNT, record).
		#[pallet::constant]
		type MaxPayoutsPerBlock: Get<u32>;
		/// veFLY power per FLY regardless of time left (whole multiples).
		#[pallet::constant]
		type VeBaseline: Get<u32>;
		/// Extra veFLY power per FLY at full saturation (whole multiples).
		#[pallet::constant]
		type VeMaxExtra: Get<u32>;
		/// Lockup time of full power, and the longest lock, in blocks (a multiple of
		/// `EpochLength`).
		/// Not a metadata constant: a runtime may read it from storage (Flywheel's chain profile),
		/// and the metadata must be the same on every chain that runs one wasm.
		type VeSaturation: Get<BlockNumber>;
		/// Parameters until governance sets them.
		#[pallet::constant]
		type DefaultParams: Get<SubDaoParams>;
		/// The fewest rewards oracles a subDAO may have (at most [`MAX_REWARDS_ORACLES`]).
		#[pallet::constant]
		type MinRewardsOracles: Get<u32>;
		/// The most DNT one subDAO's rewards claims may take from its escrow within one epoch's
		/// length (a rolling window), in epochs of its current DNT emission; at least a tenth
		/// of the escrow, so a backlog after the schedule ends can still be paid.
		#[pallet::constant]
		type RewardsOutflowEpochs: Get<u32>;
		/// The most FLY a subDAO's usage term (`D`) may attract in an epoch, as a share of what
		/// the epoch's usage burns were worth in FLY: the rest goes to `NoHolderFlyTo`, so a
		/// wash burn returns less than it cost.
		#[pallet::constant]
		type UsageValueCap: Get<sp_runtime::Perbill>;
		/// Weights of this pallet's calls and hook.
		type WeightInfo: WeightInfo;
		/// Sets up other pallets' state for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Every subDAO.
	#[pallet::storage]
	pub type Registry<T: Config> = StorageMap<_, Twox64Concat, SubDaoId, SubDaoInfoOf<T>>;

	/// SubDAO ids in creation order (what an epoch close iterates).
	#[pallet::storage]
	pub type SubDaoIds<T: Config> =
		StorageValue<_, BoundedVec<SubDaoId, T::MaxSubDaos>, ValueQuery>;

	/// Burn authority and current-epoch DC usage of every subDAO, in creation order. One value
	/// because every DC burn reads and writes it: whitelisted in benchmarks, the block's first
	/// access is paid by `on_initialize`.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type DcUsage<T: Config> = StorageValue<
		_,
		BoundedVec<DcUsageEntry<<T as frame_system::Config>::AccountId>, T::MaxSubDaos>,
		ValueQuery,
	>;

	/// The id of the next subDAO.
	#[pallet::storage]
	pub type NextSubDaoId<T: Config> = StorageValue<_, SubDaoId, ValueQuery>;

	/// Each subDAO's running totals (veFLY, usage, smoothed share, redemption window).
	#[pallet::storage]
	pub type States<T: Config> = StorageMap<_, Twox64Concat, SubDaoId, SubDaoState, ValueQuery>;

	/// veFLY total corrections per subDAO due at the start of an epoch.
	#[pallet::storage]
	pub type VeCorrections<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SubDaoId,
		Twox64Concat,
		EpochIndex,
		VeCorrection,
		ValueQuery,
	>;

	/// What each epoch close recorded per subDAO: the last [`Config::EpochRecordHistory`]
	/// epochs.
	#[pallet::storage]
	pub type EpochRecords<T: Config> =
		StorageDoubleMap<_, Twox64Concat, SubDaoId, Twox64Concat, EpochIndex, EpochRecord>;

	/// Delegator DNT claimed so far of each recorded epoch (what is left when the record is
	/// pruned goes to the rewards escrow).
	#[pallet::storage]
	pub type EpochClaims<T: Config> =
		StorageDoubleMap<_, Twox64Concat, SubDaoId, Twox64Concat, EpochIndex, Balance, ValueQuery>;

	/// The parameters in force: [`Config::DefaultParams`] until governance sets them.
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, SubDaoParams, ValueQuery, T::DefaultParams>;

	/// The epoch being accumulated.
	#[pallet::storage]
	pub type CurrentEpoch<T: Config> = StorageValue<_, EpochIndex, ValueQuery>;

	/// The epoch in which the bounded admin origin last changed a subDAO's schedule: once per
	/// epoch, so a batch of changes cannot compound the ±`max_schedule_change` step. At most
	/// `MaxSubDaos` entries.
	#[pallet::storage]
	pub type ScheduleChangedIn<T: Config> = StorageMap<_, Twox64Concat, SubDaoId, EpochIndex>;

	/// The epoch whose scores are fixed and whose payouts are under way, if any.
	#[pallet::storage]
	pub type Closing<T: Config> = StorageValue<_, ClosingEpoch<T::MaxSubDaos>>;

	/// FLY received by the subDAO pool and not yet distributed.
	#[pallet::storage]
	pub type PoolPending<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// veFLY positions.
	#[pallet::storage]
	pub type Positions<T: Config> =
		StorageMap<_, Blake2_128Concat, PositionId, Position<T::AccountId>>;

	/// The id of the next position.
	#[pallet::storage]
	pub type NextPositionId<T: Config> = StorageValue<_, PositionId, ValueQuery>;

	/// FLY locked per account across its positions (equal to its freeze).
	#[pallet::storage]
	pub type AccountLocks<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, AccountLock, ValueQuery>;

	/// Devices onboarded per subDAO.
	#[pallet::storage]
	pub type Devices<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SubDaoId,
		Blake2_128Concat,
		DeviceId,
		Device<T::AccountId>,
	>;

	/// Makers approved by governance to onboard devices to a subDAO (Helium's maker approval).
	#[pallet::storage]
	pub type Makers<T: Config> =
		StorageDoubleMap<_, Twox64Concat, SubDaoId, Blake2_128Concat, T::AccountId, ()>;

	/// Epochs a device counts toward `A` after its onboarding or last attestation.
	#[pallet::storage]
	pub type DeviceActivityEpochs<T: Config> =
		StorageValue<_, u32, ValueQuery, T::DefaultDeviceActivityEpochs>;

	/// Onboarding fees (DC) of the counting devices whose attestation runs out at an epoch: that
	/// epoch's close takes them out of `active_device_fees` before scoring, so no close iterates
	/// devices.
	#[pallet::storage]
	pub type DeviceExpiries<T: Config> =
		StorageDoubleMap<_, Twox64Concat, SubDaoId, Twox64Concat, EpochIndex, u128, ValueQuery>;

	/// The oracles that voted a device active this epoch, until a quorum has (then the entry
	/// goes). One entry per device at most, written by oracles only.
	#[pallet::storage]
	pub type DeviceVotes<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SubDaoId,
		Blake2_128Concat,
		DeviceId,
		AttestationVotes<T::AccountId>,
	>;

	/// Each oracle's latest report of a recipient's lifetime device rewards (DNT): the
	/// recipient can claim what a quorum agrees on beyond what it claimed.
	#[pallet::storage]
	pub type RewardReports<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SubDaoId,
		Blake2_128Concat,
		T::AccountId,
		RewardReportsOf<T>,
		ValueQuery,
	>;

	/// Device rewards (DNT) each recipient has claimed in all.
	#[pallet::storage]
	pub type RewardsClaimed<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SubDaoId,
		Blake2_128Concat,
		T::AccountId,
		Balance,
		ValueQuery,
	>;

	/// DNT claimed from each rewards escrow within the rolling window of one epoch's length.
	#[pallet::storage]
	pub type RewardsOutflow<T: Config> =
		StorageMap<_, Twox64Concat, SubDaoId, RollingWindow, ValueQuery>;

	/// Redemptions of this block waiting to be settled together in `on_finalize` (subDAOs with
	/// curve `k > 0`); empty between blocks.
	#[pallet::storage]
	pub type QueuedRedemptions<T: Config> =
		StorageMap<_, Twox64Concat, SubDaoId, RedemptionQueue<T::AccountId>, ValueQuery>;

	/// DNT of a refunded redemption that could not be sent back at the settlement (the
	/// redeemer's account could not take it then): its owner takes it with `claim_refund`.
	#[pallet::storage]
	pub type PendingRefunds<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		SubDaoId,
		Blake2_128Concat,
		T::AccountId,
		Balance,
		ValueQuery,
	>;

	/// The subDAOs with queued redemptions in this block.
	#[pallet::storage]
	pub type RedemptionsDue<T: Config> =
		StorageValue<_, BoundedVec<SubDaoId, T::MaxSubDaos>, ValueQuery>;

	/// Each subDAO's smoothed share as it would be without its own usage term: what its share
	/// exceeds this by is what its usage attracts, capped by the usage's value.
	#[pallet::storage]
	pub type BaseShares<T: Config> = StorageMap<_, Twox64Concat, SubDaoId, sp_runtime::FixedU128>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance created `subdao` with DNT `dnt` and treasury account `treasury`.
		SubDaoCreated { subdao: SubDaoId, dnt: AssetIdOf<T>, treasury: T::AccountId },
		/// Governance changed settings of `subdao`.
		SubDaoUpdated { subdao: SubDaoId },
		/// Governance froze (`true`) or unfroze redemptions of `subdao`.
		RedemptionFrozenSet { subdao: SubDaoId, frozen: bool },
		/// Governance set the shared parameters.
		ParamsSet { params: SubDaoParams },
		/// The subDAO pool received `amount` FLY of emission.
		EmissionReceived { amount: Balance },
		/// Maker `owner` onboarded `device` to `subdao`, paying `fee` DC; it counts until the
		/// close of epoch `counts_until` unless attested again.
		DeviceOnboarded {
			subdao: SubDaoId,
			device: DeviceId,
			owner: T::AccountId,
			fee: DataCredits,
			counts_until: EpochIndex,
		},
		/// `oracle` voted `devices` devices of `subdao` active, of which `attested` now have a
		/// quorum's votes this epoch and count until the close of epoch `counts_until`.
		DevicesAttested {
			subdao: SubDaoId,
			oracle: T::AccountId,
			devices: u32,
			attested: u32,
			counts_until: EpochIndex,
		},
		/// Governance approved (`true`) or revoked `maker` as a device maker of `subdao`.
		MakerApprovalSet { subdao: SubDaoId, maker: T::AccountId, approved: bool },
		/// Governance set how many epochs an attestation keeps a device counting.
		DeviceActivityEpochsSet { epochs: u32 },
		/// `device` of `subdao` was deactivated; its `fee` no longer counts.
		DeviceDeactivated { subdao: SubDaoId, device: DeviceId, fee: DataCredits },
		/// `owner` locked `amount` FLY in `position`.
		Locked { position: PositionId, owner: T::AccountId, amount: Balance, lockup: Lockup },
		/// `position` now has lockup `lockup` (extended or converted to a cliff).
		LockupChanged { position: PositionId, lockup: Lockup },
		/// `owner` unlocked `amount` FLY of the expired `position`.
		Unlocked { position: PositionId, owner: T::AccountId, amount: Balance },
		/// `position` was delegated to `subdao`; it counts from `from_epoch` on.
		Delegated { position: PositionId, subdao: SubDaoId, from_epoch: EpochIndex },
		/// `position` was undelegated from `subdao`.
		Undelegated { position: PositionId, subdao: SubDaoId },
		/// `position` claimed `amount` DNT of `subdao` for epochs `from_epoch..=to_epoch`.
		DelegationRewardsClaimed {
			position: PositionId,
			subdao: SubDaoId,
			from_epoch: EpochIndex,
			to_epoch: EpochIndex,
			amount: Balance,
		},
		/// `who` redeemed `dnt_burned` DNT of `subdao` for `fly_paid` FLY of its treasury.
		Redeemed { subdao: SubDaoId, who: T::AccountId, dnt_burned: Balance, fly_paid: Balance },
		/// `who` queued `dnt` DNT of `subdao` for redemption at the end of the block, at the
		/// rate of the block's whole batch (curve `k > 0`).
		RedemptionQueued { subdao: SubDaoId, who: T::AccountId, dnt: Balance },
		/// The queued redemption of `dnt` DNT of `who` would have paid less than its
		/// `min_fly_out` at the batch's rate: the DNT went back.
		RedemptionRefunded { subdao: SubDaoId, who: T::AccountId, dnt: Balance },
		/// The refund of `dnt` DNT of `subdao` could not be sent to `who`; it waits for
		/// `claim_refund`.
		RefundPending { subdao: SubDaoId, who: T::AccountId, dnt: Balance },
		/// `oracle` reported the lifetime device rewards of `recipients` accounts of `subdao`.
		RewardsReported { subdao: SubDaoId, oracle: T::AccountId, recipients: u32 },
		/// `recipient` was paid `amount` DNT of `subdao`'s device rewards from the escrow; it
		/// has claimed `claimed` in all, what a quorum of oracles agreed on.
		RewardsClaimed {
			subdao: SubDaoId,
			recipient: T::AccountId,
			amount: Balance,
			claimed: Balance,
		},
		/// At the close of `epoch`, the usage term of `subdao` attracted `usage_fly` FLY but its
		/// usage was worth `usage_value` FLY: `recycled` FLY went to `Config::NoHolderFlyTo`.
		UsageFlyCapped {
			subdao: SubDaoId,
			epoch: EpochIndex,
			usage_fly: Balance,
			usage_value: Balance,
			recycled: Balance,
		},
		/// `subdao`'s part of the close of `epoch`.
		SubDaoEpochClosed { subdao: SubDaoId, epoch: EpochIndex, record: EpochRecord },
		/// `epoch` is scored: every subDAO's share is fixed and `fly_due` FLY of the pool is set
		/// aside for the treasuries, paid from the next `on_initialize` batches on.
		EpochScored { epoch: EpochIndex, fly_due: Balance },
		/// `epoch` closed; `fly_distributed` FLY went from the pool to the treasuries.
		EpochClosed { epoch: EpochIndex, fly_distributed: Balance },
		/// The record of `epoch` of `subdao` left the history; `unclaimed` delegator DNT nobody
		/// claimed went to the rewards escrow.
		EpochRecordPruned { subdao: SubDaoId, epoch: EpochIndex, unclaimed: Balance },
		/// `subdao` had no DNT in existence at the close of `epoch`: the `amount` of FLY due to
		/// its treasury went to `Config::NoHolderFlyTo` instead.
		FlyWithoutHoldersRecycled { subdao: SubDaoId, epoch: EpochIndex, amount: Balance },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No subDAO with this id exists.
		UnknownSubDao,
		/// `MaxSubDaos` subDAOs exist already.
		TooManySubDaos,
		/// The DNT asset id of the new subDAO is already taken in the assets pallet.
		DntUnavailable,
		/// Emission schedule steps are not in strictly increasing epoch order.
		InvalidSchedule,
		/// The curve exponent is above `curve::MAX_CURVE_K`.
		InvalidCurve,
		/// A parameter is out of range (zero EMA epochs or redemption window).
		InvalidParams,
		/// An amount of zero.
		ZeroAmount,
		/// Too little free FLY to lock this amount.
		InsufficientBalance,
		/// The account holds fewer DNT than it wants to redeem.
		InsufficientDnt,
		/// Redemptions of this subDAO are frozen by governance.
		RedemptionFrozen,
		/// This redemption would take more than the cap of the treasury within the window.
		RedemptionCapExceeded,
		/// The redemption would pay less than `min_fly_out`.
		SlippageExceeded,
		/// The redemption pays nothing (tiny amount or empty treasury).
		NothingToRedeem,
		/// Only one of the subDAO's rewards oracles may do this.
		NotRewardsOracle,
		/// Only the device's owner may deactivate it or onboard it again.
		NotDeviceController,
		/// The caller is not an approved maker of this subDAO.
		NotApprovedMaker,
		/// The amount is below the minimum (`MinLockAmount` for a veFLY position).
		BelowMinimum,
		/// The device is already onboarded and active.
		DeviceAlreadyActive,
		/// No such device in this subDAO.
		UnknownDevice,
		/// The device is already inactive.
		DeviceInactive,
		/// No position with this id.
		UnknownPosition,
		/// The position belongs to another account.
		NotPositionOwner,
		/// Lock duration of zero or longer than the saturation (`VeSaturation`).
		InvalidDuration,
		/// The new lockup would not end later than the current one.
		NotExtending,
		/// The position is a cliff already.
		AlreadyCliff,
		/// The position is still locked.
		LockNotExpired,
		/// The position's lockup ends before its delegation would count: it has no power to
		/// delegate.
		PositionExpired,
		/// The position is delegated already.
		AlreadyDelegated,
		/// The position is delegated: undelegate it first.
		PositionDelegated,
		/// The position is not delegated.
		NotDelegated,
		/// Claim the rewards of every closed epoch first.
		UnclaimedRewards,
		/// That epoch has not closed yet.
		EpochNotClosed,
		/// Every closed epoch up to that one is claimed already.
		NothingToClaim,
		/// The account has `MaxPositionsPerAccount` positions.
		TooManyPositions,
		/// A batch without payments.
		EmptyBatch,
		/// The rewards escrow holds less DNT than the claim pays.
		InsufficientEscrow,
		/// This block's redemption batch of the subDAO is full; redeem in the next block.
		TooManyQueuedRedemptions,
		/// The account has a redemption of this subDAO queued in this block already.
		AlreadyQueued,
		/// The rewards oracles are not distinct, fewer than `MinRewardsOracles`, more than
		/// allowed, or their quorum is not a majority of them.
		InvalidOracleSet,
		/// The router, the rewards oracles and the device makers of a subDAO must be distinct
		/// accounts.
		RolesNotDistinct,
		/// The claim would take more DNT from the rewards escrow within the window than the
		/// outflow limit allows; try again later.
		RewardsOutflowExceeded,
		/// A quorum of oracles has not agreed on more than the recipient claimed.
		NoAgreedRewards,
		/// An amount does not fit its type.
		Overflow,
		/// The value is outside the range the bounded admin origin (the `tokenomics_admin`
		/// track) may set; only the root track may.
		OutsideGovernanceBounds,
		/// The bounded admin origin may change a schedule only from the next epoch on, and by at
		/// most `max_schedule_change` of each epoch's emission.
		ScheduleChangeTooLarge,
		/// Only the root track may name or change a subDAO's burn authority or rewards oracles
		/// (so only root creates a subDAO).
		AuthorityChangeNeedsRoot,
		/// The bounded admin origin changed this subDAO's schedule in this epoch already.
		ScheduleChangedThisEpoch,
	}

	/// Genesis makes the subDAO pool account exist: it keeps the existential deposit, so emission
	/// of any size can wait in it and be paid out to treasuries without reaping it. It can also
	/// create subDAOs and delegated veFLY positions (the development chain's examples), through
	/// the same code as [`Pallet::create_subdao`], [`Pallet::lock`] and [`Pallet::delegate`]
	/// (counting at once).
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// SubDAOs created in this order (ids 0, 1, …).
		pub subdaos: alloc::vec::Vec<GenesisSubDao<T::AccountId>>,
		/// Constant veFLY positions `(owner, amount, duration in blocks, subDAO)`, each
		/// delegated to its subDAO and counting from epoch 0.
		pub positions: alloc::vec::Vec<(T::AccountId, Balance, BlockNumber, SubDaoId)>,
		/// Device makers approved at genesis, `(subDAO, maker)`.
		pub makers: alloc::vec::Vec<(SubDaoId, T::AccountId)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let pool = Pallet::<T>::pool_account();
			let endowed =
				flywheel_primitives::endow_with_existential_deposit::<_, T::Currency>(&pool);
			debug_assert!(endowed.is_ok(), "the subDAO pool could not be endowed at genesis");
			// A bad genesis must not start a chain: each step states what failed.
			for subdao in &self.subdaos {
				let Some(config) = subdao.to_config() else {
					panic!(
						"genesis subDAO {:?}: name longer than MaxNameLength or over {} oracles",
						subdao.name,
						types::MAX_REWARDS_ORACLES
					);
				};
				if let Err(e) = Pallet::<T>::do_create_subdao(config) {
					panic!("genesis subDAO {:?}: {e:?}", subdao.name);
				}
			}
			for (subdao, maker) in &self.makers {
				let Some(info) = Registry::<T>::get(subdao) else {
					panic!("genesis maker {maker:?} of an unknown subDAO {subdao}");
				};
				assert!(
					*maker != info.config.burn_authority
						&& !info.config.rewards_oracles.contains(maker),
					"genesis maker {maker:?} of subDAO {subdao} is its router or an oracle"
				);
				Makers::<T>::insert(subdao, maker, ());
			}
			for (owner, amount, duration, subdao) in &self.positions {
				let signed = || frame_system::RawOrigin::Signed(owner.clone()).into();
				let position = NextPositionId::<T>::get();
				// Genesis positions count from the first epoch (nothing was delegated before).
				let locked = Pallet::<T>::lock(signed(), *amount, LockKind::Constant, *duration)
					.and_then(|_| Pallet::<T>::owned_position(owner, position).map_err(Into::into))
					.and_then(|pos| Pallet::<T>::do_delegate(position, pos, *subdao, true));
				if let Err(e) = locked {
					panic!("genesis veFLY position of {owner:?} for subDAO {subdao}: {e:?}");
				}
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Closes epochs: at the boundary block every subDAO is scored (O(number of subDAOs)) and
		/// the payouts start; each following block pays up to [`Config::MaxPayoutsPerBlock`]
		/// subDAOs until all are paid. A new epoch is scored only once the previous one is paid.
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			// The block's first read and write of the whitelisted `DcUsage`.
			let mut weight = T::DbWeight::get().reads_writes(1, 1);
			let now: BlockNumber = n.saturated_into();
			let epoch = Self::epoch_of(now);
			let current = CurrentEpoch::<T>::get();
			let closing = Closing::<T>::exists();
			if !closing && epoch > current {
				let scored = Self::score_epoch(current, now);
				CurrentEpoch::<T>::put(epoch);
				weight.saturating_accrue(T::WeightInfo::close_epoch(scored));
			} else if !closing {
				// `on_finalize` reads whether redemptions are due (settled at their callers' cost).
				return weight
					.saturating_add(T::WeightInfo::on_initialize_idle(BENCHMARKED_DELEGATORS))
					.saturating_add(T::DbWeight::get().reads(1));
			}
			let paid = Self::pay_closing(T::MaxPayoutsPerBlock::get());
			weight.saturating_add(T::WeightInfo::pay_epoch(paid))
		}

		/// Settles the redemptions queued in this block (subDAOs with curve `k > 0`), each at its
		/// batch's one rate. Its weight is paid by the `redeem` calls that queued them.
		fn on_finalize(_n: BlockNumberFor<T>) {
			Self::settle_redemptions();
		}

		fn integrity_test() {
			let length = T::EpochLength::get();
			assert!(length > 0, "EpochLength must not be zero");
			assert!(T::VeSaturation::get() > 0, "VeSaturation must not be zero");
			assert_eq!(
				T::VeSaturation::get() % length,
				0,
				"VeSaturation must be a multiple of EpochLength"
			);
			assert!(T::MaxClaimEpochs::get() > 0, "MaxClaimEpochs must not be zero");
			assert!(
				T::EpochRecordHistory::get() >= T::MaxClaimEpochs::get(),
				"EpochRecordHistory must keep at least MaxClaimEpochs epochs"
			);
			let payouts = T::MaxPayoutsPerBlock::get();
			assert!(payouts > 0, "MaxPayoutsPerBlock must not be zero");
			// Every epoch is paid out well before the next boundary.
			assert!(
				T::MaxSubDaos::get().div_ceil(payouts) < length,
				"EpochLength must exceed the blocks needed to pay MaxSubDaos subDAOs"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Creates a subDAO: its DNT (an asset owned by this pallet), its treasury, rewards escrow
		/// and delegator pool accounts, with `config`.
		///
		/// Only with `AdminScope::Full` (the root track): a new subDAO names its burn authority
		/// (router) and rewards oracles, which only root may choose; they must be distinct
		/// accounts and the oracles a well-formed set.
		///
		/// Origin: `AdminOrigin` with full scope. Emits `SubDaoCreated`. Errors:
		/// `AuthorityChangeNeedsRoot`, `DntUnavailable`, `InvalidCurve`, `InvalidOracleSet`,
		/// `InvalidSchedule`, `Overflow`, `RolesNotDistinct`, `TooManySubDaos`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_subdao())]
		pub fn create_subdao(origin: OriginFor<T>, config: SubDaoConfigOf<T>) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			ensure!(scope.is_full(), Error::<T>::AuthorityChangeNeedsRoot);
			Self::do_create_subdao(config)
		}

		/// Changes the settings given in `update` of `subdao`. The bounded admin origin may not
		/// change the burn authority or the rewards oracles, keeps the fee and the curve within
		/// [`Config::GovernanceBounds`], and changes a schedule only from the next epoch on, by
		/// at most `max_schedule_change` of each epoch's emission, every step it sets within
		/// `emission_per_epoch`.
		///
		/// The bounded origin changes a subDAO's schedule at most once per epoch, so a batch of
		/// changes cannot compound the step.
		///
		/// The router, the oracles and the subDAO's approved makers stay distinct accounts.
		///
		/// Origin: `AdminOrigin`. Emits `SubDaoUpdated`. Errors: `AuthorityChangeNeedsRoot`,
		/// `InvalidCurve`, `InvalidOracleSet`, `InvalidSchedule`, `OutsideGovernanceBounds`,
		/// `RolesNotDistinct`, `ScheduleChangeTooLarge`, `ScheduleChangedThisEpoch`,
		/// `UnknownSubDao`.
		#[pallet::call_index(1)]
		// The bounded origin's path reads the current epoch and `ScheduleChangedIn`, and writes
		// the latter; the roles check reads one maker entry per oracle and the router.
		#[pallet::weight(T::WeightInfo::update_subdao().saturating_add(T::DbWeight::get().reads_writes(
			2 + u64::from(types::MAX_REWARDS_ORACLES) + 1,
			1,
		)))]
		pub fn update_subdao(
			origin: OriginFor<T>,
			subdao: SubDaoId,
			update: SubDaoUpdateOf<T>,
		) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			let mut info = Registry::<T>::get(subdao).ok_or(Error::<T>::UnknownSubDao)?;
			let bounded_schedule_change =
				Self::check_update_scope(scope, subdao, &info.config, &update)?;
			let c = &mut info.config;
			if let Some(schedule) = update.emission_schedule {
				c.emission_schedule = schedule;
			}
			if let Some(fee) = update.onboarding_fee {
				c.onboarding_fee = fee;
			}
			let new_burn_authority = update.burn_authority;
			if let Some(authority) = new_burn_authority.clone() {
				c.burn_authority = authority;
			}
			if let Some(oracles) = update.rewards_oracles {
				c.rewards_oracles = oracles;
			}
			if let Some(k) = update.curve_k {
				c.curve_k = k;
			}
			Self::validate_config(&c.emission_schedule, c.curve_k)?;
			Self::validate_roles(Some(subdao), c)?;
			Registry::<T>::insert(subdao, info);
			if bounded_schedule_change {
				ScheduleChangedIn::<T>::insert(subdao, CurrentEpoch::<T>::get());
			}
			if let Some(authority) = new_burn_authority {
				DcUsage::<T>::mutate(|usage| {
					if let Some(entry) = usage.iter_mut().find(|e| e.subdao == subdao) {
						entry.burn_authority = authority;
					}
				});
			}
			Self::deposit_event(Event::SubDaoUpdated { subdao });
			Ok(())
		}

		/// Freezes (`true`) or unfreezes redemptions of `subdao`.
		///
		/// Origin: `AdminOrigin`. Emits `RedemptionFrozenSet`. Errors: `UnknownSubDao`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_redemption_frozen())]
		pub fn set_redemption_frozen(
			origin: OriginFor<T>,
			subdao: SubDaoId,
			frozen: bool,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Registry::<T>::try_mutate(subdao, |info| {
				let info = info.as_mut().ok_or(Error::<T>::UnknownSubDao)?;
				info.redemption_frozen = frozen;
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::RedemptionFrozenSet { subdao, frozen });
			Ok(())
		}

		/// Sets the parameters shared by all subDAOs.
		///
		/// Origin: `AdminOrigin`. Emits `ParamsSet`. Errors: `InvalidParams`,
		/// `OutsideGovernanceBounds`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_params())]
		pub fn set_params(origin: OriginFor<T>, params: SubDaoParams) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			ensure!(
				params.ema_epochs > 0 && params.redemption_window > 0,
				Error::<T>::InvalidParams
			);
			let bounds = T::GovernanceBounds::get().params;
			ensure!(scope.allows(&params, &bounds), Error::<T>::OutsideGovernanceBounds);
			Params::<T>::put(params);
			Self::deposit_event(Event::ParamsSet { params });
			Ok(())
		}

		/// Onboards `device` to `subdao`: the caller, a maker approved for the subDAO, pays the
		/// subDAO's onboarding fee in DC (burned, reported as onboarding) and owns the device.
		/// The device counts toward `A` for [`DeviceActivityEpochs`] epochs, longer if
		/// attested. An inactive device may be onboarded again by its owner only (paying again).
		///
		/// Origin: signed, an approved maker. Emits `DeviceOnboarded`. Errors: `UnknownSubDao`,
		/// `NotApprovedMaker`, `DeviceAlreadyActive`, `NotDeviceController`, the DC charge's.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::onboard_device())]
		pub fn onboard_device(
			origin: OriginFor<T>,
			subdao: SubDaoId,
			device: DeviceId,
		) -> DispatchResult {
			let maker = ensure_signed(origin)?;
			Self::do_onboard(maker, subdao, device)
		}

		/// Deactivates `device`: its fee stops counting toward the subDAO's score. Only its
		/// owner may (a device nobody attests stops counting by itself; no single oracle may
		/// switch a device off).
		///
		/// Origin: signed, the device's owner. Emits `DeviceDeactivated`. Errors:
		/// `DeviceInactive`, `NotDeviceController`, `UnknownDevice`, `UnknownSubDao`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::deactivate_device())]
		pub fn deactivate_device(
			origin: OriginFor<T>,
			subdao: SubDaoId,
			device: DeviceId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deactivate(who, subdao, device)
		}

		/// A rewards oracle of `subdao` votes `devices` active (e.g. from their proofs of
		/// coverage). A device whose votes this epoch reach the oracles' quorum is attested: it
		/// counts toward `A` until [`DeviceActivityEpochs`] epochs from now (an expired one counts
		/// again). A device attested this epoch already takes no vote. All or nothing.
		///
		/// Origin: signed, a rewards oracle of the subDAO. Emits `DevicesAttested`. Errors:
		/// `UnknownSubDao`, `NotRewardsOracle`, `EmptyBatch`, `UnknownDevice`, `DeviceInactive`.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::attest_devices(devices.len() as u32))]
		pub fn attest_devices(
			origin: OriginFor<T>,
			subdao: SubDaoId,
			devices: DeviceBatchOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_attest(who, subdao, devices)
		}

		/// Approves (`true`) or revokes (`false`) `maker` as a device maker of `subdao`.
		/// Devices a revoked maker onboarded keep counting while attested. A maker may not be
		/// the subDAO's router or one of its rewards oracles.
		///
		/// Origin: `AdminOrigin`. Emits `MakerApprovalSet`. Errors: `RolesNotDistinct`,
		/// `UnknownSubDao`.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::set_maker_approval())]
		pub fn set_maker_approval(
			origin: OriginFor<T>,
			subdao: SubDaoId,
			maker: T::AccountId,
			approved: bool,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let info = Registry::<T>::get(subdao).ok_or(Error::<T>::UnknownSubDao)?;
			ensure!(
				!approved
					|| (maker != info.config.burn_authority
						&& !info.config.rewards_oracles.contains(&maker)),
				Error::<T>::RolesNotDistinct
			);
			if approved {
				Makers::<T>::insert(subdao, &maker, ());
			} else {
				Makers::<T>::remove(subdao, &maker);
			}
			Self::deposit_event(Event::MakerApprovalSet { subdao, maker, approved });
			Ok(())
		}

		/// Sets how many epochs an onboarding or attestation keeps a device counting (≥ 1);
		/// devices keep the expiry they have.
		///
		/// Origin: `AdminOrigin`. Emits `DeviceActivityEpochsSet`. Errors: `InvalidParams`,
		/// `OutsideGovernanceBounds`.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::set_device_activity_epochs())]
		pub fn set_device_activity_epochs(origin: OriginFor<T>, epochs: u32) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			ensure!(epochs > 0, Error::<T>::InvalidParams);
			let bounds = T::GovernanceBounds::get().device_activity_epochs;
			ensure!(scope.allows(&epochs, &bounds), Error::<T>::OutsideGovernanceBounds);
			DeviceActivityEpochs::<T>::put(epochs);
			Self::deposit_event(Event::DeviceActivityEpochsSet { epochs });
			Ok(())
		}

		/// Locks `amount` FLY of the caller in a new veFLY position for `duration` blocks
		/// (at most `VeSaturation`). A cliff ends at the first epoch boundary at or after
		/// `now + duration`; a constant lock's duration is rounded up to whole epochs.
		///
		/// Origin: signed (the owner). Emits `Locked`. Errors: `BelowMinimum`,
		/// `InsufficientBalance`, `InvalidDuration`, `Overflow`, `TooManyPositions`, `ZeroAmount`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::lock())]
		pub fn lock(
			origin: OriginFor<T>,
			amount: Balance,
			kind: LockKind,
			duration: BlockNumber,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			ensure!(amount >= T::MinLockAmount::get(), Error::<T>::BelowMinimum);
			let lockup = Self::new_lockup(kind, duration)?;
			Self::do_lock(owner, amount, lockup)
		}

		/// Extends `position` to `duration` blocks from now (a cliff's end must move later, a
		/// constant lock's duration must grow).
		///
		/// Origin: signed, the position's owner. Emits `LockupChanged`. Errors: `InvalidDuration`,
		/// `NotExtending`, `NotPositionOwner`, `Overflow`, `UnclaimedRewards`, `UnknownPosition`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::extend())]
		pub fn extend(
			origin: OriginFor<T>,
			position: PositionId,
			duration: BlockNumber,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let pos = Self::owned_position(&who, position)?;
			let lockup = Self::new_lockup(pos.lockup.kind(), duration)?;
			ensure!(lockup.horizon() > pos.lockup.horizon(), Error::<T>::NotExtending);
			Self::change_lockup(position, pos, lockup)
		}

		/// Turns a constant `position` into a cliff that ends its duration from now.
		///
		/// Origin: signed, the position's owner. Emits `LockupChanged`. Errors: `AlreadyCliff`,
		/// `NotPositionOwner`, `Overflow`, `UnclaimedRewards`, `UnknownPosition`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::convert_to_cliff())]
		pub fn convert_to_cliff(origin: OriginFor<T>, position: PositionId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let pos = Self::owned_position(&who, position)?;
			let Lockup::Constant { duration } = pos.lockup else {
				return Err(Error::<T>::AlreadyCliff.into());
			};
			let lockup = Lockup::Cliff { end: Self::boundary_after(Self::now(), duration)? };
			Self::change_lockup(position, pos, lockup)
		}

		/// Unlocks an expired, undelegated `position`: its FLY is free again.
		///
		/// Origin: signed, the position's owner. Emits `Unlocked`. Errors: `LockNotExpired`,
		/// `NotPositionOwner`, `PositionDelegated`, `UnknownPosition`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::unlock())]
		pub fn unlock(origin: OriginFor<T>, position: PositionId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let pos = Self::owned_position(&who, position)?;
			ensure!(pos.delegation.is_none(), Error::<T>::PositionDelegated);
			let expired = matches!(pos.lockup, Lockup::Cliff { end } if Self::now() >= end);
			ensure!(expired, Error::<T>::LockNotExpired);
			Self::do_unlock(position, pos)
		}

		/// Delegates `position` to `subdao`. Delegated in epoch `e`, it joins the subDAO's veFLY
		/// at the close of epoch `e + 1` and earns the subDAO's delegator DNT pro rata to its
		/// veFLY at each close from then on: a delegation made just before a close weighs
		/// nothing in it. Fails with `PositionExpired` if the lockup ends before it would count.
		///
		/// Origin: signed, the position's owner. Emits `Delegated` with the first epoch it counts
		/// in. Errors: `AlreadyDelegated`, `NotPositionOwner`, `Overflow`, `PositionExpired`,
		/// `UnknownPosition`, `UnknownSubDao`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::delegate())]
		pub fn delegate(
			origin: OriginFor<T>,
			position: PositionId,
			subdao: SubDaoId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let pos = Self::owned_position(&who, position)?;
			Self::do_delegate(position, pos, subdao, false)
		}

		/// Takes `position` out of its subDAO (claim every closed epoch first). A delegation
		/// that has not joined its subDAO's totals yet is cancelled.
		///
		/// Origin: signed, the position's owner. Emits `Undelegated`. Errors: `NotDelegated`,
		/// `NotPositionOwner`, `UnclaimedRewards`, `UnknownPosition`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::undelegate())]
		pub fn undelegate(origin: OriginFor<T>, position: PositionId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut pos = Self::owned_position(&who, position)?;
			let delegation = pos.delegation.ok_or(Error::<T>::NotDelegated)?;
			Self::ensure_claimed(&delegation)?;
			let at = delegation.weight_block(Self::now());
			Self::remove_from_subdao(delegation.subdao, pos.amount, pos.lockup, at);
			pos.delegation = None;
			Positions::<T>::insert(position, pos);
			Self::deposit_event(Event::Undelegated { position, subdao: delegation.subdao });
			Ok(())
		}

		/// Pays `position` its share of its subDAO's delegator DNT for the closed epochs from the
		/// first unclaimed one up to `up_to_epoch`, at most `MaxClaimEpochs` of them per call.
		///
		/// Origin: signed, the position's owner. Emits `DelegationRewardsClaimed`. Errors:
		/// `EpochNotClosed`, `NotDelegated`, `NotPositionOwner`, `NothingToClaim`,
		/// `UnknownPosition`, `UnknownSubDao`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::claim_delegation_rewards(T::MaxClaimEpochs::get()))]
		pub fn claim_delegation_rewards(
			origin: OriginFor<T>,
			position: PositionId,
			up_to_epoch: EpochIndex,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let epochs = Self::do_claim(&who, position, up_to_epoch)?;
			Ok(Some(T::WeightInfo::claim_delegation_rewards(epochs)).into())
		}

		/// Burns `dnt_amount` DNT of `subdao` from the caller and pays FLY from its treasury along
		/// the redemption curve; fails if that is less than `min_fly_out`. One way only.
		///
		/// With curve `k = 0` (the treasury ratio) it is paid at once. With `k > 0` the request
		/// is checked against the block's batch so far, its DNT held, and it is settled in
		/// `on_finalize` with the block's other requests at one rate (the batch priced as one
		/// redemption): a redemption sent in front of another gets no better rate. If later
		/// requests lower the rate below `min_fly_out`, its DNT goes back (`RedemptionRefunded`).
		///
		/// The amount, and what the holder keeps, are each none or at least the DNT's minimum
		/// balance (`BelowMinimum`); an account queues once a block (`AlreadyQueued`). A queued
		/// request is checked against the outflow cap alone; the batch is checked at settlement,
		/// where the latest requests are refunded until it fits.
		///
		/// Origin: signed (the DNT holder). Emits `Redeemed` (`k = 0`) or `RedemptionQueued` and,
		/// at the end of the block, `Redeemed`, `RedemptionRefunded` or `RefundPending`. Errors:
		/// `AlreadyQueued`, `BelowMinimum`, `InsufficientDnt`, `NothingToRedeem`, `Overflow`,
		/// `RedemptionCapExceeded`, `RedemptionFrozen`, `SlippageExceeded`,
		/// `TooManyQueuedRedemptions`, `UnknownSubDao`, `ZeroAmount`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::redeem().max(
			T::WeightInfo::redeem_queued().saturating_add(T::WeightInfo::settle_redemptions(1))
		))]
		pub fn redeem(
			origin: OriginFor<T>,
			subdao: SubDaoId,
			dnt_amount: Balance,
			min_fly_out: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_redeem(who, subdao, dnt_amount, min_fly_out)
		}

		/// Sends the caller the DNT of `subdao` that a redemption settlement refunded but could
		/// not send back (`RefundPending`).
		///
		/// Origin: signed (the redeemer). Emits `RedemptionRefunded`. Errors: `NothingToClaim`,
		/// `UnknownSubDao`, the DNT transfer's.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::claim_refund())]
		pub fn claim_refund(origin: OriginFor<T>, subdao: SubDaoId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_refund(who, subdao)
		}

		/// A rewards oracle of `subdao` reports the lifetime device rewards (DNT) of each
		/// recipient in `totals`, replacing its own earlier report of each. Nothing is paid
		/// here: a recipient claims what a quorum agrees on ([`Pallet::claim_rewards`]). All or
		/// nothing.
		///
		/// Origin: signed, a rewards oracle of the subDAO. Emits `RewardsReported`. Errors:
		/// `EmptyBatch`, `NotRewardsOracle`, `UnknownSubDao`.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::report_rewards(totals.len() as u32))]
		pub fn report_rewards(
			origin: OriginFor<T>,
			subdao: SubDaoId,
			totals: RewardTotalsOf<T>,
		) -> DispatchResult {
			let oracle = ensure_signed(origin)?;
			Self::do_report_rewards(oracle, subdao, totals)
		}

		/// Pays `recipient` the device rewards of `subdao` that a quorum of its rewards oracles
		/// agrees on and it has not claimed: the largest lifetime total at least `quorum`
		/// oracles reported, less what it claimed. Anyone may send it for the recipient. The
		/// rewards escrow pays at most `RewardsOutflowEpochs` epochs of the subDAO's emission
		/// within one epoch's length (at least a tenth of the escrow).
		///
		/// Origin: signed (anyone). Emits `RewardsClaimed`. Errors: `InsufficientEscrow`,
		/// `NoAgreedRewards`, `RewardsOutflowExceeded`, `UnknownSubDao`.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::claim_rewards())]
		pub fn claim_rewards(
			origin: OriginFor<T>,
			subdao: SubDaoId,
			recipient: T::AccountId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_claim_rewards(subdao, recipient)
		}
	}
}
