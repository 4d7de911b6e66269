// SPDX-License-Identifier: Apache-2.0
#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod governance;
pub mod reward_factor;
#[cfg(feature = "std")]
pub mod test_doubles;
pub mod window;
pub use governance::{AdminScope, Bounds, WithinBounds};
pub use window::RollingWindow;

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	FixedU128, MultiSignature,
};

/// The native token FLY: 12 decimals.
pub type Balance = u128;
/// Block height.
pub type BlockNumber = u32;
/// A number of blocks: a length of time such as an epoch, a tempo or a lock period.
pub type BlockCount = u32;
/// A tokenomics epoch (pallet-subdaos' scores, pallet-data-credits' totals): `block / epoch length`.
pub type EpochIndex = u32;
/// An inflation round (pallet-inflation's mints, pallet-bonding's reward periods).
pub type RoundIndex = u32;
/// Transaction signature: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// Account identifier: the public key behind a [`Signature`].
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Transaction index of an account.
pub type Nonce = u32;
/// Block and extrinsic hash.
pub type Hash = sp_core::H256;
/// Milliseconds since the Unix epoch (pallet-timestamp's moment).
pub type Moment = u64;
/// Data Credits: USD-pegged usage credits with 0 decimals, 100,000 DC = 1 USD.
pub type DataCredits = u64;
/// Identifier of a subDAO (pallet-subdaos).
pub type SubDaoId = u32;
/// Identifier of a subnet (pallet-subnets).
pub type NetUid = u16;

/// One FLY in plancks (10^12).
pub const FLY: Balance = 1_000_000_000_000;
/// One milli-FLY.
pub const MILLI_FLY: Balance = FLY / 1_000;
/// One micro-FLY.
pub const MICRO_FLY: Balance = FLY / 1_000_000;
/// Data Credits per US dollar.
pub const DC_PER_USD: DataCredits = 100_000;

/// How much FLY is bonded, for the inflation pallet's bonded ratio.
pub trait BondedSupply<Balance> {
	/// Total FLY currently counted as bonded stake.
	fn bonded() -> Balance;
}

/// Test double and default: nothing is bonded.
impl<Balance: Default> BondedSupply<Balance> for () {
	fn bonded() -> Balance {
		Balance::default()
	}
}

/// FLY an account has frozen for a role that excludes every other (a veFLY lock), which a
/// fungible hold cannot see: pallet-balances lets a freeze overlap held FLY. A pallet that holds
/// FLY for another role (a bond, a subnet stake) holds only what is free beyond this, so one FLY
/// backs one role (docs/design.md, "One FLY, one role").
pub trait ExclusiveFreeze<AccountId> {
	/// FLY of `who` frozen for the exclusive role.
	fn frozen(who: &AccountId) -> Balance;
}

/// Test double and default: nothing is frozen.
impl<AccountId> ExclusiveFreeze<AccountId> for () {
	fn frozen(_who: &AccountId) -> Balance {
		0
	}
}

/// Whether holding `amount` of `who`'s FLY for a role would take FLY that `F` froze for the
/// exclusive role: `amount` fits in the free balance but not beyond the freeze (a hold's own
/// check lets a freeze overlap held FLY). An `amount` above the free balance is not this
/// case: the hold itself fails for lack of funds.
pub fn takes_exclusive_freeze<AccountId, C, F>(who: &AccountId, amount: Balance) -> bool
where
	C: frame_support::traits::fungible::Inspect<AccountId, Balance = Balance>,
	F: ExclusiveFreeze<AccountId>,
{
	let free = C::balance(who);
	amount <= free && amount > free.saturating_sub(F::frozen(who))
}

/// The inflation round in progress (pallet-inflation implements it; pallet-bonding counts
/// unbonding periods in it).
pub trait CurrentRound {
	/// The index of the round in progress.
	fn current_round() -> u32;
	/// The length of the round in progress, in blocks (at least 1).
	fn round_length() -> u32;
	/// The block the next round starts at.
	fn next_round_start() -> BlockNumber;
	/// Benchmarks only: makes `round` the round in progress (a benchmark of rewards that need
	/// a round to have passed sets it up this way).
	#[cfg(feature = "runtime-benchmarks")]
	fn set_current_round(_round: u32) {}
}

/// Test double and default: always round 0, one block long.
impl CurrentRound for () {
	fn current_round() -> u32 {
		0
	}
	fn round_length() -> u32 {
		1
	}
	fn next_round_start() -> BlockNumber {
		BlockNumber::MAX
	}
}

/// Mints into `who` whatever it lacks of the existential deposit, so a pool account exists from
/// genesis on: payouts can then always leave it alive, and deposits of any size can wait there.
pub fn endow_with_existential_deposit<AccountId: Eq, C>(
	who: &AccountId,
) -> sp_runtime::DispatchResult
where
	C: frame_support::traits::fungible::Mutate<AccountId>,
{
	use sp_runtime::traits::Saturating;
	let missing = C::minimum_balance().saturating_sub(C::balance(who));
	if missing > C::Balance::default() {
		C::mint_into(who, missing)?;
	}
	Ok(())
}

/// A receiver of a share of each inflation round's freshly minted FLY.
///
/// The inflation pallet mints the share directly into [`EmissionSink::account`] and then calls
/// [`EmissionSink::note_emission`] so the receiving pallet can account for it (a reward pool, a
/// subDAO pool, a subnet pool). A sink never mints by itself.
pub trait EmissionSink<AccountId, Balance> {
	/// The account that holds this sink's emission.
	fn account() -> AccountId;
	/// `amount` FLY has just been minted into [`EmissionSink::account`].
	fn note_emission(amount: Balance);
}

/// What a Data Credit burn paid for.
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
pub enum BurnPurpose {
	/// Network usage (data transfer, compute) served by the subDAO's devices.
	Usage,
	/// A device onboarding fee paid to the subDAO.
	DeviceOnboarding,
}

/// Receives reports of Data Credits burned for a subDAO (pallet-data-credits reports,
/// pallet-subdaos counts them into the utility score).
pub trait DcBurnTracker {
	/// `amount` DC were burned for `subdao` for `purpose`, worth `fly_value` FLY at the
	/// valuation price (the fewest FLY of the usable prices; 0 where a burn is not valued, as
	/// onboarding fees are not). A subDAO's usage term attracts at most a share of that value.
	fn note_dc_burn(
		subdao: SubDaoId,
		purpose: BurnPurpose,
		amount: DataCredits,
		fly_value: Balance,
	);
}

/// Test double and default: burns are not tracked.
impl DcBurnTracker for () {
	fn note_dc_burn(_: SubDaoId, _: BurnPurpose, _: DataCredits, _: Balance) {}
}

/// Charges Data Credits from an account for a subDAO's service (pallet-data-credits implements it;
/// pallet-subdaos uses it to charge device onboarding fees). The burn is reported through
/// [`DcBurnTracker`] like any other.
pub trait DataCreditsCharge<AccountId> {
	/// Burns `amount` DC held by `who` for `purpose` of `subdao`; fails and changes nothing if
	/// `who` holds fewer.
	fn charge(
		who: &AccountId,
		subdao: SubDaoId,
		purpose: BurnPurpose,
		amount: DataCredits,
	) -> frame_support::dispatch::DispatchResult;
}

/// Receives reports of Data Credits burned for services a subnet served (pallet-data-credits
/// reports, pallet-subnets weights the subnet pool's emission by them in its revenue mode).
/// Only a subnet's registered service authority burns revenue: a holder's own burn for a
/// subnet would be a wash burn.
pub trait SubnetRevenueTracker<AccountId> {
	/// Whether subnet `netuid` exists (DC is only burned for a subnet that does).
	fn subnet_exists(netuid: NetUid) -> bool;
	/// The account that may burn DC as subnet `netuid`'s revenue, if the subnet has one.
	fn service_authority(netuid: NetUid) -> Option<AccountId>;
	/// `amount` DC, worth `fly_value` FLY at the mint price, were burned for a service of
	/// subnet `netuid`.
	fn note_subnet_revenue(netuid: NetUid, amount: DataCredits, fly_value: Balance);
}

/// Test double and default: no subnet exists, revenue is not tracked.
impl<AccountId> SubnetRevenueTracker<AccountId> for () {
	fn subnet_exists(_: NetUid) -> bool {
		false
	}
	fn service_authority(_: NetUid) -> Option<AccountId> {
		None
	}
	fn note_subnet_revenue(_: NetUid, _: DataCredits, _: Balance) {}
}

/// Feeds a FLY/USD value on behalf of a governance-approved feeder (the runtime wires
/// `pallet-oracle`, which refuses non-feeders and a second feed in the same block).
pub trait FeedPrice<AccountId> {
	/// `who` feeds `price` USD per FLY.
	fn feed(who: &AccountId, price: FixedU128) -> frame_support::dispatch::DispatchResult;
}

/// Test double and default: nobody is a feeder.
impl<AccountId> FeedPrice<AccountId> for () {
	fn feed(_: &AccountId, _: FixedU128) -> frame_support::dispatch::DispatchResult {
		Err(sp_runtime::DispatchError::BadOrigin)
	}
}

pub trait MintObserver {
	/// `amount` FLY plancks were minted.
	fn note_minted(amount: Balance);
}

/// Test double and default: mints are not counted.
impl MintObserver for () {
	fn note_minted(_: Balance) {}
}

/// Which subDAOs exist and who may burn Data Credits delegated to them.
pub trait SubDaoRegistry<AccountId> {
	/// Whether `subdao` exists.
	fn exists(subdao: SubDaoId) -> bool;
	/// The account allowed to burn DC delegated to `subdao` (its router), if the subDAO exists.
	fn burn_authority(subdao: SubDaoId) -> Option<AccountId>;
}

/// Test double and default: no subDAO exists.
impl<AccountId> SubDaoRegistry<AccountId> for () {
	fn exists(_: SubDaoId) -> bool {
		false
	}
	fn burn_authority(_: SubDaoId) -> Option<AccountId> {
		None
	}
}

/// One feeder's latest FLY/USD value.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct PriceObservation {
	/// USD per FLY.
	pub price: FixedU128,
	/// When the value was fed, in milliseconds (pallet-timestamp's moment).
	pub timestamp: Moment,
}

/// The FLY/USD price source: every feeder's latest value with its time, so the consumer can apply
/// its own freshness and quorum rules (maximum age, minimum number of fresh feeders).
pub trait PriceFeed {
	/// The latest value of each current feeder. Bounded by the number of feeders, which the
	/// runtime bounds through its feeder membership.
	fn fly_usd_observations() -> Vec<PriceObservation>;
	/// The current time in the same unit as [`PriceObservation::timestamp`].
	fn now() -> Moment;
}

/// Test double and default: no price at all.
impl PriceFeed for () {
	fn fly_usd_observations() -> Vec<PriceObservation> {
		Vec::new()
	}
	fn now() -> Moment {
		0
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn units_are_consistent() {
		assert_eq!(FLY, 1_000 * MILLI_FLY);
		assert_eq!(MILLI_FLY, 1_000 * MICRO_FLY);
		assert_eq!(DC_PER_USD, 100_000);
	}

	#[test]
	fn unit_test_doubles_report_nothing() {
		assert_eq!(<() as BondedSupply<Balance>>::bonded(), 0);
		assert!(!<() as SubDaoRegistry<AccountId>>::exists(0));
		assert_eq!(<() as SubDaoRegistry<AccountId>>::burn_authority(0), None);
		assert!(<() as PriceFeed>::fly_usd_observations().is_empty());
	}
}
