// SPDX-License-Identifier: Apache-2.0
//! The pallet's stored and call-argument types.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use flywheel_primitives::{
	within_bounds_by_fields, Balance, BlockNumber, Bounds, DataCredits, RollingWindow, SubDaoId,
};
use frame_support::{
	traits::{ConstU32, Get},
	BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{FixedU128, Perbill};

pub use flywheel_primitives::EpochIndex;
/// Identifier of a veFLY position.
pub type PositionId = u64;
/// A device's identity (e.g. the hash of its public key).
pub type DeviceId = [u8; 32];

/// One step of a DNT emission schedule: from `from_epoch` on, `per_epoch` DNT are minted each
/// epoch (until the next step). A halving is just another step.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct EmissionStep {
	pub from_epoch: EpochIndex,
	pub per_epoch: Balance,
}

/// A DNT emission schedule: steps in strictly increasing `from_epoch` order.
pub type Schedule<S> = BoundedVec<EmissionStep, S>;

/// The DNT emission of `epoch` under `schedule`: the last step that has started, else zero.
pub fn emission_at<S: Get<u32>>(schedule: &Schedule<S>, epoch: EpochIndex) -> Balance {
	schedule.iter().rev().find(|s| s.from_epoch <= epoch).map(|s| s.per_epoch).unwrap_or(0)
}

/// Whether `schedule`'s steps are in strictly increasing epoch order.
pub fn is_ordered<S: Get<u32>>(schedule: &Schedule<S>) -> bool {
	schedule.windows(2).all(|w| w[0].from_epoch < w[1].from_epoch)
}

/// Whether `new` keeps `old`'s emission for every epoch before `from` and moves the emission of
/// every epoch from `from` on by at most `max_change` of `old`'s there (up or down). Both are
/// step functions, so comparing them at epoch 0, at `from` and at every step of either is
/// comparing them at every epoch.
pub fn is_bounded_change<S: Get<u32>>(
	old: &Schedule<S>,
	new: &Schedule<S>,
	from: EpochIndex,
	max_change: Perbill,
) -> bool {
	let steps = old.iter().chain(new.iter()).map(|s| s.from_epoch);
	core::iter::once(0).chain(core::iter::once(from)).chain(steps).all(|epoch| {
		let (was, is) = (emission_at(old, epoch), emission_at(new, epoch));
		if epoch < from {
			was == is
		} else {
			is.abs_diff(was) <= max_change.mul_floor(was)
		}
	})
}

/// The hard ranges within which the bounded admin origin (the `tokenomics_admin` track) may
/// create and change subDAOs and set the shared parameters; only the root track may go outside
/// them, or change a subDAO's burn or rewards authority.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct GovernanceBounds {
	/// Each shared parameter's range.
	pub params: Bounds<SubDaoParams>,
	/// The range of [`crate::DeviceActivityEpochs`].
	pub device_activity_epochs: Bounds<u32>,
	/// The range of a subDAO's onboarding fee, in DC.
	pub onboarding_fee: Bounds<DataCredits>,
	/// The range of a subDAO's redemption curve exponent.
	pub curve_k: Bounds<u8>,
	/// The range of every schedule step the bounded origin sets (DNT per epoch).
	pub emission_per_epoch: Bounds<Balance>,
	/// The most one change may move a future epoch's DNT emission, as a share of what the
	/// schedule had there; epochs up to the current one never change.
	pub max_schedule_change: Perbill,
}

/// Most rewards oracles of one subDAO.
pub const MAX_REWARDS_ORACLES: u32 = 7;
/// At most [`MAX_REWARDS_ORACLES`] accounts.
pub type OracleList<AccountId> = BoundedVec<AccountId, ConstU32<MAX_REWARDS_ORACLES>>;

/// A subDAO's rewards oracles: `quorum` of `members` must agree before device rewards are paid
/// or a device's attestation counts (Helium's lazy distributor, on chain). Valid when the
/// members are distinct, at least the runtime's `MinRewardsOracles`, none of them the subDAO's
/// router or an approved maker, and the quorum a majority of them.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct RewardsOracles<AccountId> {
	/// The oracle accounts.
	pub members: OracleList<AccountId>,
	/// How many of them must agree (a majority).
	pub quorum: u32,
}

impl<AccountId: PartialEq> RewardsOracles<AccountId> {
	/// Whether `who` is one of the oracles.
	pub fn contains(&self, who: &AccountId) -> bool {
		self.members.contains(who)
	}

	/// Whether the set is well formed: at least `min` distinct members, a quorum that is a
	/// majority of them and no more than all of them.
	pub fn is_well_formed(&self, min: u32) -> bool {
		let n = self.members.len() as u32;
		let distinct = self.members.iter().enumerate().all(|(i, a)| !self.members[..i].contains(a));
		distinct && n >= min.max(1) && self.quorum.saturating_mul(2) > n && self.quorum <= n
	}
}

/// The total the oracles agree on from their reports `(oracle, lifetime total)`: the largest
/// amount at least `quorum` current members reported (the `quorum`-th largest of their reports),
/// so fewer than a quorum cannot raise it. `None` while fewer than `quorum` members reported.
pub fn agreed_total<AccountId: PartialEq>(
	oracles: &RewardsOracles<AccountId>,
	reports: &[(AccountId, Balance)],
) -> Option<Balance> {
	let mut totals: alloc::vec::Vec<Balance> =
		reports.iter().filter(|(o, _)| oracles.contains(o)).map(|(_, t)| *t).collect();
	let quorum = oracles.quorum as usize;
	if quorum == 0 || totals.len() < quorum {
		return None;
	}
	totals.sort_unstable_by(|a, b| b.cmp(a));
	totals.get(quorum - 1).copied()
}

/// What governance sets when it creates a subDAO.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(S, N))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct SubDaoConfig<AccountId, S: Get<u32>, N: Get<u32>>
where
	AccountId: Clone + PartialEq + core::fmt::Debug,
{
	/// Display name (e.g. `mobile`).
	pub name: BoundedVec<u8, N>,
	/// DNT emission schedule.
	pub emission_schedule: Schedule<S>,
	/// DC a device pays to be onboarded.
	pub onboarding_fee: DataCredits,
	/// May burn DC delegated to this subDAO (its router).
	pub burn_authority: AccountId,
	/// Agree on device rewards and attestations.
	pub rewards_oracles: RewardsOracles<AccountId>,
	/// Redemption curve exponent (0 = the treasury ratio).
	pub curve_k: u8,
}

/// A subDAO created at genesis: one emission step from epoch 0 and the redemption curve `k`.
#[derive(Clone, PartialEq, Eq, Debug, frame_support::Serialize, frame_support::Deserialize)]
#[serde(crate = "frame_support::__private::serde", rename_all = "camelCase")]
pub struct GenesisSubDao<AccountId> {
	/// Display name (at most `MaxNameLength` bytes of UTF-8).
	pub name: alloc::string::String,
	/// DNT minted per epoch.
	pub dnt_per_epoch: Balance,
	/// DC a device pays to be onboarded.
	pub onboarding_fee: DataCredits,
	/// May burn DC delegated to this subDAO.
	pub burn_authority: AccountId,
	/// The rewards oracles (at most [`MAX_REWARDS_ORACLES`]).
	pub rewards_oracles: alloc::vec::Vec<AccountId>,
	/// How many of them must agree.
	pub rewards_quorum: u32,
	/// Redemption curve exponent.
	pub curve_k: u8,
}

impl<AccountId: Clone + PartialEq + core::fmt::Debug> GenesisSubDao<AccountId> {
	/// The [`SubDaoConfig`] it stands for; `None` if the name is too long or there are too many
	/// oracles.
	pub fn to_config<S: Get<u32>, N: Get<u32>>(&self) -> Option<SubDaoConfig<AccountId, S, N>> {
		let step = EmissionStep { from_epoch: 0, per_epoch: self.dnt_per_epoch };
		Some(SubDaoConfig {
			name: BoundedVec::try_from(self.name.as_bytes().to_vec()).ok()?,
			emission_schedule: BoundedVec::try_from(alloc::vec![step]).ok()?,
			onboarding_fee: self.onboarding_fee,
			burn_authority: self.burn_authority.clone(),
			rewards_oracles: RewardsOracles {
				members: BoundedVec::try_from(self.rewards_oracles.clone()).ok()?,
				quorum: self.rewards_quorum,
			},
			curve_k: self.curve_k,
		})
	}
}

/// A subDAO: its configuration, token and accounts' state.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[scale_info(skip_type_params(S, N))]
#[codec(mel_bound(AccountId: MaxEncodedLen, AssetId: MaxEncodedLen))]
pub struct SubDaoInfo<
	AccountId: Clone + PartialEq + core::fmt::Debug,
	AssetId: Clone + PartialEq + core::fmt::Debug,
	S: Get<u32>,
	N: Get<u32>,
> {
	pub config: SubDaoConfig<AccountId, S, N>,
	/// Its DNT in pallet-assets.
	pub dnt: AssetId,
	/// Governance froze redemptions.
	pub redemption_frozen: bool,
}

/// A change to one or more of a subDAO's settings; `None` keeps the current value.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(S))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct SubDaoUpdate<AccountId: Clone + PartialEq + core::fmt::Debug, S: Get<u32>> {
	pub emission_schedule: Option<Schedule<S>>,
	pub onboarding_fee: Option<DataCredits>,
	pub burn_authority: Option<AccountId>,
	pub rewards_oracles: Option<RewardsOracles<AccountId>>,
	pub curve_k: Option<u8>,
}

/// Governance parameters shared by all subDAOs.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct SubDaoParams {
	/// Epochs of the exponential moving average of shares (≥ 1; 1 = no smoothing).
	pub ema_epochs: u32,
	/// Share of each epoch's DNT emission for veFLY delegators.
	pub delegator_share: Perbill,
	/// Score by delegated veFLY alone (HIP-138) instead of `V × D × A`.
	pub ve_only_scoring: bool,
	/// Length of the treasury outflow window, in blocks (≥ 1).
	pub redemption_window: BlockNumber,
	/// Most of a treasury that may be redeemed within one window.
	pub redemption_cap: Perbill,
}

within_bounds_by_fields!(SubDaoParams {
	ema_epochs,
	delegator_share,
	ve_only_scoring,
	redemption_window,
	redemption_cap,
});

/// A subDAO's veFLY totals: scaled power as of `last_update` and its fall per block.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct VeTotals {
	pub power: u128,
	pub fall_rate: u128,
	pub last_update: BlockNumber,
}

/// Changes to a subDAO's veFLY totals due at one epoch boundary.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct VeCorrection {
	/// Positions that start to decay here.
	pub fall_rate_add: u128,
	/// Positions that expire here stop decaying.
	pub fall_rate_sub: u128,
	/// Baseline power of positions that expire here.
	pub power_sub: u128,
	/// Power of positions whose delegation starts to count here (delegated in the epoch before
	/// last: a delegation counts from the next epoch on).
	pub power_add: u128,
}

impl VeCorrection {
	pub fn is_empty(&self) -> bool {
		*self == Self::default()
	}
}

/// What pallet-data-credits needs of a subDAO on every DC burn: its burn authority, and where
/// the burn is counted. One entry per subDAO in the single value [`crate::DcUsage`].
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct DcUsageEntry<AccountId> {
	/// The subDAO.
	pub subdao: SubDaoId,
	/// The account allowed to burn DC delegated to the subDAO (its router).
	pub burn_authority: AccountId,
	/// DC burned for usage in the current epoch.
	pub dc_burned: u128,
	/// DC burned as onboarding fees in the current epoch (reported, not scored).
	pub onboarding_dc_burned: u128,
	/// What the usage DC of the current epoch were worth in FLY when burned: the usage term
	/// attracts at most `UsageValueCap` of it.
	pub usage_value: Balance,
}

/// Everything else a subDAO accumulates between epoch closes (one storage item, read once at
/// close).
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct SubDaoState {
	/// Delegated veFLY.
	pub ve: VeTotals,
	/// Onboarding fees (DC) of the currently active devices.
	pub active_device_fees: u128,
	/// Smoothed emission share; `None` before the first scored epoch.
	pub smoothed_share: Option<FixedU128>,
	/// Treasury FLY redeemed within the rolling window.
	pub redemptions: RollingWindow,
	/// All DNT minted (epoch emission), for the supply invariant.
	pub dnt_minted: Balance,
	/// All DNT burned (redemptions), for the supply invariant.
	pub dnt_burned: Balance,
}

/// What one epoch close recorded for one subDAO (read by delegators' claims and the API).
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct EpochRecord {
	/// Delegated veFLY (scaled) at the close: the denominator of delegators' claims.
	pub ve_power: u128,
	pub dc_burned: u128,
	/// DC burned as onboarding fees during the epoch (reported, not scored).
	pub onboarding_dc_burned: u128,
	pub active_device_fees: u128,
	pub score: FixedU128,
	pub raw_share: FixedU128,
	pub smoothed_share: FixedU128,
	/// FLY moved from the subDAO pool to the treasury.
	pub fly_to_treasury: Balance,
	/// DNT minted to the rewards escrow.
	pub dnt_to_rewards: Balance,
	/// DNT minted to the delegator pool (claimable pro rata to `ve_power`).
	pub dnt_to_delegators: Balance,
}

/// An epoch whose scores are fixed and whose payouts are under way.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[scale_info(skip_type_params(S))]
#[codec(mel_bound())]
pub struct ClosingEpoch<S: Get<u32>> {
	/// The epoch being closed.
	pub epoch: EpochIndex,
	/// The subDAOs still to pay, in creation order, each with its record; `fly_to_treasury` is
	/// the FLY due (set aside in the pool).
	pub payouts: BoundedVec<(SubDaoId, EpochRecord), S>,
	/// FLY paid to treasuries so far.
	pub fly_distributed: Balance,
}

/// How long a position is locked.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Lockup {
	/// Unlocks at block `end` (an epoch boundary); power decays as the end nears.
	Cliff { end: BlockNumber },
	/// Stays locked for `duration` blocks (a multiple of the epoch length) counted from whenever
	/// it is converted to a cliff; power does not decay.
	Constant { duration: BlockNumber },
}

impl Lockup {
	/// The kind of this lockup.
	pub fn kind(&self) -> LockKind {
		match self {
			Self::Cliff { .. } => LockKind::Cliff,
			Self::Constant { .. } => LockKind::Constant,
		}
	}

	/// A cliff's end or a constant lock's duration: what an extension must increase.
	pub fn horizon(&self) -> BlockNumber {
		match *self {
			Self::Cliff { end } => end,
			Self::Constant { duration } => duration,
		}
	}
}

/// The kind of lock asked for in [`crate::Pallet::lock`].
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum LockKind {
	Cliff,
	Constant,
}

/// A position's delegation to a subDAO.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Delegation {
	pub subdao: SubDaoId,
	/// First epoch whose rewards are not yet claimed.
	pub next_claim_epoch: EpochIndex,
	/// The block from which the position weighs in its subDAO's totals. Delegated in epoch `e`,
	/// it joins at the close of epoch `e + 1` (block `(e + 2) × EpochLength`), so `e + 1` is the
	/// first epoch it counts in and earns from. Until then its weight waits in its subDAO's
	/// corrections as a [`VeCorrection::power_add`].
	pub joins_at: BlockNumber,
}

impl Delegation {
	/// Whether the delegation's weight is still waiting to join its subDAO's totals at `now`.
	pub fn is_pending(&self, now: BlockNumber) -> bool {
		now < self.joins_at
	}

	/// The block at which the position's weight in the totals is taken (added or removed at
	/// `now`): its join while pending, else `now`.
	pub fn weight_block(&self, now: BlockNumber) -> BlockNumber {
		self.joins_at.max(now)
	}
}

/// A veFLY position.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Position<AccountId> {
	pub owner: AccountId,
	/// FLY locked (frozen in the owner's account).
	pub amount: Balance,
	pub lockup: Lockup,
	pub delegation: Option<Delegation>,
}

/// Most redemptions one subDAO queues in one block (a subDAO with curve `k > 0`).
pub const MAX_QUEUED_REDEMPTIONS: u32 = 16;

/// A redemption waiting for the end of its block, its DNT held by the pallet.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct QueuedRedemption<AccountId> {
	pub who: AccountId,
	pub dnt: Balance,
	pub min_fly_out: Balance,
}

/// One block's queued redemptions of one subDAO.
pub type RedemptionQueue<AccountId> =
	BoundedVec<QueuedRedemption<AccountId>, ConstU32<MAX_QUEUED_REDEMPTIONS>>;

/// The oracles that voted a device active in `epoch`: it is attested when a quorum has.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct AttestationVotes<AccountId> {
	pub epoch: EpochIndex,
	pub oracles: OracleList<AccountId>,
}

/// A device onboarded to a subDAO.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Device<AccountId> {
	/// The maker that onboarded it (the only account that may onboard it again).
	pub owner: AccountId,
	/// DC paid at onboarding: counts toward `A` while the device is active and attested.
	pub fee: DataCredits,
	pub active: bool,
	/// The first epoch it no longer counts in unless attested again: its fee leaves
	/// `active_device_fees` at the close of this epoch.
	pub expires_at: EpochIndex,
}

impl<AccountId> Device<AccountId> {
	/// Whether its fee is in `active_device_fees` while `current` is the current epoch.
	pub fn counts(&self, current: EpochIndex) -> bool {
		self.active && self.expires_at >= current
	}
}

/// An account's locked FLY across its positions.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct AccountLock {
	pub amount: Balance,
	pub positions: u32,
}

/// A subDAO's latest closed epoch, for the runtime API.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct SubDaoScore {
	pub subdao: SubDaoId,
	pub epoch: EpochIndex,
	pub record: EpochRecord,
}

/// The epoch clock and the subDAO pool, for the runtime API.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct EpochInfo {
	pub current_epoch: EpochIndex,
	pub epoch_length: BlockNumber,
	pub next_close_block: BlockNumber,
	/// FLY received by the subDAO pool and not yet distributed.
	pub pool_pending: Balance,
}
