// SPDX-License-Identifier: Apache-2.0
//! Benchmark setup in the real runtime: prices go into pallet-oracle, subDAOs are created
//! through pallet-subdaos, Data Credits are credited in pallet-data-credits' ledger.

use super::*;
use flywheel_primitives::DataCredits as Dc;
use flywheel_primitives::{SubDaoId, DC_PER_USD};
use frame_support::BoundedVec;
use sp_runtime::FixedU128;

pub struct Tokenomics;

/// `MaxOracleFeeders` benchmark accounts, sorted (as the membership stores them).
fn bench_feeders() -> Vec<AccountId> {
	let mut feeders: Vec<AccountId> =
		(0..MaxOracleFeeders::get()).map(|i| frame_benchmarking::account("feeder", i, 0)).collect();
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
				rewards_oracles: pallet_subdaos::RewardsOracles {
					members: BoundedVec::truncate_from(
						(0..3).map(|i| frame_benchmarking::account("bench-oracle", i, 0)).collect(),
					),
					quorum: 2,
				},
				curve_k: 0,
			};
			let created = SubDaos::create_subdao(RuntimeOrigin::root(), config);
			assert!(created.is_ok(), "benchmark subDAO created: {created:?}");
		}
		let update = pallet_subdaos::SubDaoUpdate {
			emission_schedule: None,
			onboarding_fee: None,
			burn_authority: Some(authority),
			rewards_oracles: None,
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
		pallet_data_credits::DcBalances::<Runtime>::mutate(who, |b| *b = b.saturating_add(amount));
		pallet_data_credits::Ledger::<Runtime>::mutate(|l| {
			l.supply.minted = l.supply.minted.saturating_add(u128::from(amount))
		});
	}
}

/// The one value a feeder may feed (`MaxFeedValues` = 1): FLY/USD at 1.
impl
	pallet_oracle::BenchmarkHelper<
		super::oracle::OracleKey,
		FixedU128,
		frame_support::traits::ConstU32<1>,
	> for Tokenomics
{
	fn get_currency_id_value_pairs(
	) -> BoundedVec<(super::oracle::OracleKey, FixedU128), frame_support::traits::ConstU32<1>> {
		let one = FixedU128::from_inner(1_000_000_000_000_000_000);
		BoundedVec::truncate_from(alloc::vec![(super::oracle::OracleKey::FlyUsd, one)])
	}
}
