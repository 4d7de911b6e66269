// SPDX-License-Identifier: Apache-2.0
//! The `development` preset's living economy: what genesis creates, and that a few epochs of
//! every pallet's hooks keep it consistent (the invariants `TokenomicsApi::check_invariants` runs)
//! and fill the health summary.

use super::dev_ext;
use crate::{genesis_config_presets::*, tokenomics_api, *};
use frame_support::traits::fungible::Inspect;
use sp_keyring::Sr25519Keyring::{Bob, Charlie, Dave, Eve, EveStash, Ferdie};

/// Runs every pallet's `on_initialize` (and the oracle's `on_finalize`) for blocks up to `n`.
fn run_to_block(n: BlockNumber) {
	while System::block_number() < n {
		super::next_block();
	}
}

#[test]
fn genesis_creates_subdaos_an_operator_with_delegators_a_subnet_and_the_dev_feeder() {
	dev_ext().execute_with(|| {
		let name =
			|id| pallet_subdaos::Registry::<Runtime>::get(id).map(|i| i.config.name.to_vec());
		assert_eq!(name(0), Some(b"mobile".to_vec()));
		assert_eq!(name(1), Some(b"iot".to_vec()));
		let positions: Vec<_> = pallet_subdaos::Positions::<Runtime>::iter_values()
			.map(|p| (p.owner, p.delegation.map(|d| d.subdao)))
			.collect();
		assert_eq!(positions.len(), 2);
		assert!(positions.contains(&(Charlie.to_account_id(), Some(0))));
		assert!(positions.contains(&(Dave.to_account_id(), Some(1))));

		let eve = pallet_bonding::Operators::<Runtime>::get(Eve.to_account_id()).expect("Eve");
		assert_eq!(eve.stake, 200_000 * FLY);
		let bonded = |who: sp_keyring::Sr25519Keyring| {
			pallet_bonding::Delegations::<Runtime>::get(who.to_account_id()).map(|d| d.bonded)
		};
		assert_eq!((bonded(Ferdie), bonded(Bob)), (Some(100_000 * FLY), Some(50_000 * FLY)));

		let subnet = pallet_subnets::Networks::<Runtime>::get(0).expect("subnet 0");
		assert_eq!((subnet.owner, subnet.total_stake), (Dave.to_account_id(), 10_000 * FLY));
		assert_eq!(pallet_subnets::Neurons::<Runtime>::get(0).len(), 3);
		assert_eq!(pallet_subnets::Uids::<Runtime>::get(0, EveStash.to_account_id()), Some(1));

		let feeder = AccountId::from(DEV_FEEDER);
		assert_eq!(OracleFeeders::members().into_inner(), vec![feeder.clone()]);
		assert_eq!(Balances::balance(&feeder), DEV_FEEDER_ENDOWMENT);
		assert_eq!(tokenomics_api::check_invariants(), Some(Vec::<Vec<u8>>::new()));
	});
}

#[test]
fn two_epochs_of_hooks_pay_treasuries_and_fill_the_health_summary() {
	dev_ext().execute_with(|| {
		run_to_block(2 * configs::profile::profile().epoch_length + 2);
		assert_eq!(tokenomics_api::check_invariants(), Some(Vec::<Vec<u8>>::new()));

		let health = tokenomics_api::health();
		assert_eq!(health.current_epoch.epoch, 2);
		assert!(!health.current_epoch.closed);
		assert_eq!(health.current_epoch.issuance, Balances::total_issuance());
		assert_eq!(health.treasuries.len(), 2);
		for treasury in &health.treasuries {
			assert!(treasury.treasury_fly > 0, "treasury {} received FLY", treasury.subdao);
			assert!(treasury.dnt_supply > 0, "DNT {} minted", treasury.subdao);
			assert!(treasury.fly_per_dnt.is_some());
		}
		// More veFLY delegated to mobile: a larger share of the pool.
		assert!(health.treasuries[0].treasury_fly > health.treasuries[1].treasury_fly);
		assert!(health.bonded_ratio > sp_runtime::Perbill::zero());

		let closed = tokenomics_api::epoch_health(0).expect("epoch 0 is in history");
		assert!(closed.closed);
		assert!(closed.fly_minted > 0, "rounds minted in epoch 0");
		assert_eq!(closed.fly_burned, 0);
		assert_eq!(closed.burn_to_issuance, Some(sp_runtime::FixedU128::from_inner(0)));
		assert!(closed.issuance > 0);
		assert!(tokenomics_api::epoch_health(3).is_none(), "not started");
	});
}
