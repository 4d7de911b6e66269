//! Stored types of the subnets pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use flywheel_primitives::{Balance, DataCredits};
use scale_info::TypeInfo;
use sp_runtime::{FixedU128, Perbill};

/// A neuron's index in its subnet.
pub type Uid = u16;

/// Block heights and spans, in blocks (the pallet converts the system block number).
pub type Blocks = u32;

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
	pub tempo: Blocks,
	/// Most neurons (the owner's included); at most the runtime's `MaxUids`.
	pub max_uids: Uid,
	/// Blocks after its registration during which a neuron cannot be replaced.
	pub immunity_period: Blocks,
	/// Blocks a validator waits between two `set_weights`.
	pub weights_rate_limit: Blocks,
}

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
	pub min_tempo: Blocks,
	/// Longest tempo.
	pub max_tempo: Blocks,
	/// Longest neuron immunity.
	pub max_immunity_period: Blocks,
	/// Longest weights rate limit.
	pub max_weights_rate_limit: Blocks,
}

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
	pub lock_reduction_interval: Blocks,
	/// Blocks between two network registrations.
	pub network_rate_limit: Blocks,
	/// Blocks after its registration during which a subnet cannot be pruned.
	pub network_immunity_period: Blocks,
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
	pub burn_decay_interval: Blocks,
	/// The weight of the new bonds in the bonds' moving average.
	pub bonds_alpha: Perbill,
	/// Hyperparameters a new subnet starts with.
	pub default_hyperparameters: Hyperparameters,
	/// Bounds of the owners' hyperparameters.
	pub bounds: HyperparameterBounds,
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
	pub registered_at: Blocks,
	/// Its hyperparameters.
	pub hyperparameters: Hyperparameters,
	/// FLY staked to its neurons' hotkeys (deregistered ones included until unstaked).
	pub total_stake: Balance,
	/// Emission received and not yet paid (carried over when an epoch could not pay it all).
	pub pending_emission: Balance,
	/// Its share of the last subnet pool emission (pruning picks the lowest).
	pub emission_share: Perbill,
	/// Data Credits burned for its services since the last pool emission.
	pub dc_revenue: DataCredits,
	/// The registration price at `burn_updated`.
	pub burn: Balance,
	/// When the registration price was last raised.
	pub burn_updated: Blocks,
	/// The block of its last epoch (its registration block before the first).
	pub last_epoch: Blocks,
	/// The block its next epoch is scheduled at (it may run later when deferred).
	pub next_epoch: Blocks,
	/// Epochs run.
	pub epochs: u32,
}

/// A neuron: a miner, or a validator if it holds a permit.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct NeuronInfo<AccountId> {
	/// The key it signs weights with; stake is bonded to it.
	pub hotkey: AccountId,
	/// The account that registered it, sets its take and claims its emission.
	pub coldkey: AccountId,
	/// The block it was registered at.
	pub registered_at: Blocks,
	/// Its validator take: the share of its dividends kept before its stakers'.
	pub take: Perbill,
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
	/// FLY it earned at the last epoch (incentive, take, owner cut; replacement picks the lowest).
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
	pub set_at: Blocks,
	/// `(uid, weight)`, unique uids.
	pub weights: frame_support::BoundedVec<(Uid, u16), S>,
}

/// The stake bonded to one hotkey on one subnet, and its cumulative dividend factor.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug, Default)]
pub struct StakePool {
	/// FLY staked (Σ of its stakers' amounts).
	pub total: Balance,
	/// Dividends per unit of stake, cumulative (LIP-36 style).
	pub reward_factor: FixedU128,
}

/// One coldkey's stake on one hotkey of one subnet.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug, Default)]
pub struct StakeRecord {
	/// FLY staked (held from the coldkey).
	pub amount: Balance,
	/// The pool's factor at the last settlement.
	pub reward_factor: FixedU128,
	/// Settled dividends not yet claimed.
	pub pending: Balance,
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
}
