// SPDX-License-Identifier: Apache-2.0
//! The pallet's types: what a mint asks for, what a burn is for, and the ledger.

use crate::{BreakerConfig, BreakerState, CachedPrice, PriceRules};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use flywheel_primitives::{
	within_bounds_by_fields, Balance, Bounds, BurnPurpose, DataCredits, EpochIndex, SubDaoId,
};
use scale_info::TypeInfo;

within_bounds_by_fields!(PriceRules {
	max_age_ms,
	min_feeders,
	twap_period_ms,
	max_move,
	move_window_ms,
});
within_bounds_by_fields!(BreakerConfig { window, threshold });

/// The hard ranges within which the bounded admin origin (the `tokenomics_admin` track) may set
/// the price rules (the feeders' quorum among them) and the mint breaker; only the root track
/// may go outside them.
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
	/// Each price rule's range.
	pub price_rules: Bounds<PriceRules>,
	/// The breaker's window and threshold ranges.
	pub breaker: Bounds<BreakerConfig>,
}

/// A router's identity: the public key it signs its off-chain traffic receipts with.
pub type RouterKey = [u8; 32];

/// How much to mint, each way with its own slippage bound.
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
pub enum MintAmount {
	/// Burn exactly `fly` plancks; fail (`SlippageExceeded`) if they buy fewer than
	/// `min_credits` DC.
	Fly { fly: Balance, min_credits: DataCredits },
	/// Receive exactly `credits` DC; fail (`SlippageExceeded`) if they cost more than
	/// `max_fly` plancks.
	Credits { credits: DataCredits, max_fly: Balance },
}

/// What a holder burns DC for.
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
pub enum ServicePurpose {
	/// Network usage served by the subDAO's devices.
	Usage { subdao: SubDaoId },
	/// A device onboarding fee paid to the subDAO.
	DeviceOnboarding { subdao: SubDaoId },
}

impl ServicePurpose {
	/// The subDAO and the purpose as the burn tracker names it.
	pub fn split(self) -> (SubDaoId, BurnPurpose) {
		match self {
			Self::Usage { subdao } => (subdao, BurnPurpose::Usage),
			Self::DeviceOnboarding { subdao } => (subdao, BurnPurpose::DeviceOnboarding),
		}
	}
}

/// Where burned DC come from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BurnSource<'a, AccountId> {
	/// An account's own balance.
	Balance(&'a AccountId),
	/// The escrow of a router key under a subDAO.
	Escrow(SubDaoId, RouterKey),
}

/// Totals of one epoch, for the tokenomics health summary.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct EpochTotals {
	/// FLY burned to mint DC.
	pub fly_burned: Balance,
	/// DC minted.
	pub dc_minted: u128,
	/// DC burned (own burns, router burns and burns for subnets).
	pub dc_burned: u128,
	/// FLY minted by inflation rounds (reported through `MintObserver`).
	pub fly_minted: Balance,
	/// Total FLY issuance when the epoch closed (zero while it is the current epoch).
	pub issuance_at_close: Balance,
}

/// Lifetime DC supply counters.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct SupplyTotals {
	/// All DC ever minted.
	pub minted: u128,
	/// All DC ever burned.
	pub burned: u128,
}

/// Governance settings of minting.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct MintSettings {
	/// How fresh and well-attested the price must be.
	pub price_rules: PriceRules,
	/// The mint circuit breaker.
	pub breaker: BreakerConfig,
	/// Whether minting is paused.
	pub paused: bool,
}

/// Everything a mint or a burn checks or updates besides the account's own balance, in one
/// value: each such call reads and writes it, so it is one warm storage item per block instead
/// of five items per call (see the README, "Storage and invariants").
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct DcLedger {
	/// Lifetime DC minted and burned.
	pub supply: SupplyTotals,
	/// The epoch whose totals are in `epoch_totals`.
	pub epoch: EpochIndex,
	/// Totals of the current epoch (moved into `EpochTotalsOf` when the next one starts).
	pub epoch_totals: EpochTotals,
	/// The breaker's rolling window.
	pub breaker: BreakerState,
	/// Governance settings.
	pub settings: MintSettings,
	/// The feeds aggregated at the last feed (see [`crate::price`]).
	pub price: Option<CachedPrice>,
}

impl DcLedger {
	/// Counts `amount` DC burned in the lifetime and the current epoch's totals.
	pub fn count_burn(&mut self, amount: DataCredits) {
		self.supply.burned = self.supply.burned.saturating_add(u128::from(amount));
		self.epoch_totals.dc_burned =
			self.epoch_totals.dc_burned.saturating_add(u128::from(amount));
	}
}
