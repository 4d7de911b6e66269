// SPDX-License-Identifier: Apache-2.0
//! Stored types of the subnets pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use flywheel_primitives::{
	within_bounds_by_equality, within_bounds_by_fields, Balance, BlockNumber, Bounds, DataCredits,
};
use scale_info::TypeInfo;
use sp_runtime::{FixedU128, Perbill};

/// A neuron's index in its subnet.
pub type Uid = u16;

pub use flywheel_primitives::BlockCount;

/// A subnet's hyperparameters: set by its owner within the governance bounds.
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
pub struct Hyperparameters {
	/// Blocks between two epochs.
	pub tempo: BlockCount,
	/// Most neurons (the owner's included); at most the runtime's `MaxUids`.
	pub max_uids: Uid,
	/// Blocks after its registration during which a neuron cannot be replaced.
	pub immunity_period: BlockCount,
	/// Blocks a validator waits between two `set_weights` (or `commit_weights`).
	pub weights_rate_limit: BlockCount,
	/// Weights are committed as a hash and revealed in the next epoch interval (Bittensor's
	/// defence against weight copying): `set_weights` is refused, an unrevealed commit counts
	/// as no weights.
	pub commit_reveal: bool,
}

within_bounds_by_fields!(Hyperparameters {
	tempo,
	max_uids,
	immunity_period,
	weights_rate_limit,
	commit_reveal,
});

/// The bounds within which owners set their hyperparameters.
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
pub struct HyperparameterBounds {
	/// Shortest tempo (at least 1).
	pub min_tempo: BlockCount,
	/// Longest tempo.
	pub max_tempo: BlockCount,
	/// Longest neuron immunity.
	pub max_immunity_period: BlockCount,
	/// Longest weights rate limit.
	pub max_weights_rate_limit: BlockCount,
}

within_bounds_by_fields!(HyperparameterBounds {
	min_tempo,
	max_tempo,
	max_immunity_period,
	max_weights_rate_limit,
});

/// How the subnet pool's emission is shared among subnets.
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
pub enum EmissionMode {
	/// Pro rata to the FLY staked on each subnet (Bittensor's default).
	Stake,
	/// Pro rata to the Data Credits burned for each subnet's services since the last emission,
	/// so miners earn from the demand they serve; by stake when no subnet had revenue.
	Revenue,
}

within_bounds_by_equality!(EmissionMode);

/// The global parameters, set by governance (`AdminOrigin`).
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
pub struct GlobalParams {
	/// The floor of the network lock cost.
	pub min_lock_cost: Balance,
	/// Blocks over which the lock cost falls from twice the last lock to the floor.
	pub lock_reduction_interval: BlockCount,
	/// Blocks between two network registrations.
	pub network_rate_limit: BlockCount,
	/// Blocks after its registration during which a subnet cannot be pruned.
	pub network_immunity_period: BlockCount,
	/// The owner's cut of each epoch's emission.
	pub owner_cut: Perbill,
	/// The miners' part of what is left after the owner's cut (the validators get the rest).
	pub miner_share: Perbill,
	/// How the subnet pool is shared among subnets.
	pub emission_mode: EmissionMode,
	/// Floor of the neuron registration price.
	pub min_burn: Balance,
	/// Ceiling of the neuron registration price.
	pub max_burn: Balance,
	/// How much each registration raises the price.
	pub burn_increase: Perbill,
	/// Blocks over which the price falls back linearly to the floor.
	pub burn_decay_interval: BlockCount,
	/// The weight of the new bonds in the bonds' moving average.
	pub bonds_alpha: Perbill,
	/// Blocks after which a validator that has not set weights is idle: left out of consensus
	/// and dividends (its idle stake would otherwise pull consensus to zero).
	pub activity_cutoff: BlockCount,
	/// Blocks a validator waits after changing its take before it may raise it (lowering is
	/// always allowed at once); Bittensor uses 30 days.
	pub take_rate_limit: BlockCount,
	/// Hyperparameters a new subnet starts with.
	pub default_hyperparameters: Hyperparameters,
	/// Bounds of the owners' hyperparameters.
	pub bounds: HyperparameterBounds,
}

within_bounds_by_fields!(GlobalParams {
	min_lock_cost,
	lock_reduction_interval,
	network_rate_limit,
	network_immunity_period,
	owner_cut,
	miner_share,
	emission_mode,
	min_burn,
	max_burn,
	burn_increase,
	burn_decay_interval,
	bonds_alpha,
	activity_cutoff,
	take_rate_limit,
	default_hyperparameters,
	bounds,
});

/// The hard ranges within which the bounded admin origin (the `tokenomics_admin` track) may set
/// the global parameters and the revenue cap; only the root track may go outside them.
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
	/// Each global parameter's range (an emission mode within `min` and `max`: either of them).
	pub global: Bounds<GlobalParams>,
	/// The revenue cap's range.
	pub revenue_cap: Bounds<Perbill>,
}

/// A registered subnet.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct SubnetInfo<AccountId> {
	/// Who registered it (and gets the lock back).
	pub owner: AccountId,
	/// The owner's neuron (uid 0, immune).
	pub owner_hotkey: AccountId,
	/// FLY held from the owner while the subnet exists.
	pub locked: Balance,
	/// The block it was registered at.
	pub registered_at: BlockNumber,
	/// Its hyperparameters.
	pub hyperparameters: Hyperparameters,
	/// FLY staked to its neurons' hotkeys (deregistered ones included until unstaked).
	pub total_stake: Balance,
	/// Emission received and not yet paid: it accrues over the round and each epoch pays what
	/// accrued since the last one.
	pub emission: SubnetEmission,
	/// Its share of the last subnet pool emission (pruning picks the lowest).
	pub emission_share: Perbill,
	/// The lowest `total_stake` since the pool last shared emission (set then, lowered by every
	/// removal): the sharing counts the lower of it and the stake now, so stake added just
	/// before a round, or away for any part of the round, moves nothing.
	pub stake_snapshot: Balance,
	/// Data Credits burned for its services since the last pool emission.
	pub dc_revenue: DataCredits,
	/// The registration price at `burn_updated`.
	pub burn: Balance,
	/// When the registration price was last raised.
	pub burn_updated: BlockNumber,
	/// The block of its last epoch (its registration block before the first).
	pub last_epoch: BlockNumber,
	/// The block its next epoch is scheduled at (it may run later when deferred).
	pub next_epoch: BlockNumber,
	/// Epochs run.
	pub epochs: u32,
}

/// A subnet's emission on its way to its epochs.
///
/// A round's part arrives at once and is released evenly over the round (`per_block` from
/// `since`), so each epoch gets the emission of its own time. The owner's cut is taken once,
/// from what accrued (fresh emission); what an epoch cannot pay is carried in its own pot
/// (miners or validators), already net of the owner's cut.
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
	Default,
)]
pub struct SubnetEmission {
	/// Received and not yet released.
	pub streaming: Balance,
	/// Released per block (the round's part over the round's length, rounded up).
	pub per_block: Balance,
	/// The block released emission was last counted at.
	pub since: BlockCount,
	/// Released since the last epoch (no cut taken yet).
	pub accrued: Balance,
	/// The miners' part of earlier epochs that no miner could be paid.
	pub carried_miners: Balance,
	/// The validators' part of earlier epochs that no validator could be paid.
	pub carried_validators: Balance,
}

impl SubnetEmission {
	/// Everything still owed to the subnet's neurons.
	pub fn total(&self) -> Balance {
		self.streaming
			.saturating_add(self.accrued)
			.saturating_add(self.carried_miners)
			.saturating_add(self.carried_validators)
	}

	/// Moves what was released up to block `now` from `streaming` into `accrued`.
	pub fn accrue(&mut self, now: BlockNumber) {
		let elapsed = Balance::from(now.saturating_sub(self.since));
		let released = self.per_block.saturating_mul(elapsed).min(self.streaming);
		self.streaming = self.streaming.saturating_sub(released);
		self.accrued = self.accrued.saturating_add(released);
		self.since = self.since.max(now);
	}

	/// Adds `amount` at block `now`, to be released over `length` blocks with what is still
	/// streaming.
	pub fn receive(&mut self, amount: Balance, now: BlockNumber, length: BlockCount) {
		self.accrue(now);
		self.streaming = self.streaming.saturating_add(amount);
		self.per_block = self.streaming.div_ceil(Balance::from(length.max(1)));
	}
}

/// A neuron: a miner, or a validator if it holds a permit.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct NeuronInfo<AccountId> {
	/// The key it signs weights with; stake is bonded to it.
	pub hotkey: AccountId,
	/// The account that registered it, sets its take and claims its emission.
	pub coldkey: AccountId,
	/// The block it was registered at.
	pub registered_at: BlockNumber,
	/// Its validator take: the share of its dividends kept before its stakers'.
	pub take: Perbill,
	/// When its take last changed (a raise waits `take_rate_limit` after it).
	pub take_changed_at: BlockNumber,
	/// It is among the top `MaxValidators` by stake (as of the last epoch).
	pub validator_permit: bool,
	/// Its share of the miners' emission at the last epoch.
	pub incentive: Perbill,
	/// Its share of the validators' emission at the last epoch.
	pub dividends: Perbill,
	/// Its consensus weight at the last epoch.
	pub consensus: Perbill,
	/// Its validator trust at the last epoch.
	pub trust: Perbill,
	/// FLY it generated at the last epoch: incentive, owner cut, and all of its dividends (its
	/// take and its stakers' part); replacement picks the lowest.
	pub last_emission: Balance,
	/// FLY earned and not yet claimed.
	pub pending: Balance,
}

/// A validator's weights with the block they were set at.
#[derive(
	frame_support::CloneNoBound,
	frame_support::PartialEqNoBound,
	frame_support::EqNoBound,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	frame_support::DebugNoBound,
)]
#[scale_info(skip_type_params(S))]
#[codec(mel_bound())]
pub struct WeightRow<S: frame_support::traits::Get<u32>> {
	/// When they were set (rate limit; weights on neurons registered later are ignored).
	pub set_at: BlockNumber,
	/// `(uid, weight)`, unique uids.
	pub weights: frame_support::BoundedVec<(Uid, u16), S>,
}

/// A validator's committed weights on a commit-reveal subnet.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct WeightCommit<Hash> {
	/// The hash of `(hotkey, netuid, weights, salt)`.
	pub hash: Hash,
	/// The subnet's epoch count when committed: the reveal is due while it is one more.
	pub epoch: u32,
	/// The block it was committed at (rate limit).
	pub at: BlockNumber,
}

/// The stake bonded to one hotkey on one subnet, and its cumulative dividend factor.
///
/// Stake added while the subnet has run `e` epochs is a *cohort*: it is left out of the next
/// epoch (`e + 1`: no permit, no consensus weight, no dividends) and counts from the one after,
/// so stake added just before an epoch earns nothing from it.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug, Default)]
pub struct StakePool {
	/// FLY at stake that counts (Σ of its stakers' matured amounts).
	pub total: Balance,
	/// Dividends per unit of stake, cumulative (LIP-36 style).
	pub reward_factor: FixedU128,
	/// The cohort still maturing: FLY added while the subnet had run `cohort_epoch` epochs.
	pub maturing: Balance,
	/// The subnet's epoch count when the maturing cohort was added.
	pub cohort_epoch: u32,
	/// Stake records with FLY in the maturing cohort.
	pub cohort_records: u32,
}

/// One coldkey's stake on one hotkey of one subnet.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug, Default)]
pub struct StakeRecord {
	/// FLY staked and matured (held from the coldkey).
	pub amount: Balance,
	/// The pool's factor at the last settlement.
	pub reward_factor: FixedU128,
	/// Settled dividends not yet claimed.
	pub pending: Balance,
	/// FLY staked and still maturing (held too), in the cohort of `cohort_epoch`.
	pub maturing: Balance,
	/// The subnet's epoch count when `maturing` was added.
	pub cohort_epoch: u32,
}

impl StakeRecord {
	/// FLY staked, matured or not.
	pub fn staked(&self) -> Balance {
		self.amount.saturating_add(self.maturing)
	}
}

/// A matured cohort of a stake pool: the pool's factor when it joined, and how many stake
/// records of the cohort have not taken it into account yet (the entry goes with the last).
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug, Default)]
pub struct MaturedCohort {
	/// The pool's reward factor when the cohort joined its total.
	pub reward_factor: FixedU128,
	/// Records of the cohort still to settle against it.
	pub records: u32,
}

/// Why a subnet was removed.
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
pub enum RemovalReason {
	/// Its owner dissolved it.
	Dissolved,
	/// It was the weakest non-immune subnet when a new one was registered at capacity.
	Pruned,
	/// Its owner hotkey belonged to an older subnet's owner (a v0 state; migration v2).
	HotkeyConflict,
}
