// SPDX-License-Identifier: Apache-2.0
//! pallet-inflation: the round length, Livepeer's controller and the emission split.

use crate::{governance::TokenomicsAuthority, *};
use frame_support::{parameter_types, traits::ConstU32, PalletId};
use sp_runtime::Perbill;

parameter_types! {
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
	type AdminOrigin = TokenomicsAuthority;
	type GovernanceBounds = crate::governance::bounds::InflationBounds;
	type DefaultParams = InflationParams;
	type InitialRate = InitialInflationRate;
	type DefaultSplit = DefaultEmissionSplit;
	/// A day, as Livepeer's: the round of a chain that stores none.
	type DefaultRoundLength = ConstU32<DAYS>;
	/// Round 0: a day in production, a minute on a dev chain (the chain profile).
	type FirstRoundLength = super::RoundLength;
	type BlocksPerYear = ConstU32<{ 365 * DAYS }>;
	type WeightInfo = weights::InflationWeights;
}
