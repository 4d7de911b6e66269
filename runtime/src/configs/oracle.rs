// SPDX-License-Identifier: Apache-2.0
//! The FLY/USD price: pallet-oracle, its governance-managed feeders (a pallet-membership
//! instance) and the adapters through which Data Credits reads and feeds it.

use crate::*;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use flywheel_primitives::{FeedPrice, Moment, PriceFeed, PriceObservation};
use frame_support::{parameter_types, traits::ConstU32, PalletId};
use frame_system::EnsureRoot;
use scale_info::TypeInfo;
use sp_runtime::FixedU128;

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

/// Feeders are added, removed, swapped and reset by root only. The feeder set is the price's trust
/// root: within any size range the `tokenomics_admin` track could replace a majority in one
/// batch (add two, remove four, add four), so it has no say in it; it sets the quorum, at least a
/// majority of the feeders (`governance::bounds`). The oracle drops the values of a removed
/// feeder and Data Credits re-aggregates the remaining ones.
impl pallet_membership::Config<OracleFeedersInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = EnsureRoot<AccountId>;
	type RemoveOrigin = EnsureRoot<AccountId>;
	type SwapOrigin = EnsureRoot<AccountId>;
	type ResetOrigin = EnsureRoot<AccountId>;
	type PrimeOrigin = EnsureRoot<AccountId>;
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

	/// Feeders have no prime; the membership keeps the one root may name, and this reports it.
	fn set_prime(_prime: Option<AccountId>) {}

	fn get_prime() -> Option<AccountId> {
		pallet_membership::Prime::<Runtime, OracleFeedersInstance>::get()
	}
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
	type BenchmarkHelper = super::benchmark_helpers::Tokenomics;
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
