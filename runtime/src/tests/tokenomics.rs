// SPDX-License-Identifier: Apache-2.0
//! The tokenomics pallets as wired in this runtime: oracle feeders → Data Credits → subDAOs,
//! governance origins, the genesis pool endowment and the runtime APIs.

use super::local_ext;
use crate::{configs::*, governance::origins, *};
use flywheel_primitives::{DataCredits as Dc, PriceFeed, SubDaoId, DC_PER_USD};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Hooks},
	BoundedVec,
};
use pallet_data_credits::{
	runtime_api::runtime_decl_for_data_credits_api::DataCreditsApi as _, MintAmount, ServicePurpose,
};
use pallet_subdaos::runtime_api::runtime_decl_for_sub_daos_api::SubDaosApi as _;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve};
use sp_runtime::{DispatchError, DispatchResult, FixedU128};

const MOBILE: SubDaoId = 0;
const ROUTER_KEY: [u8; 32] = [7; 32];
/// Genesis time of these tests (ms).
const T0: u64 = 1_000_000;

fn signed(who: sp_keyring::Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

/// Feeds `usd_per_fly` as `feeder` through Data Credits' operational `feed_price` (one feed
/// per feeder per block, as on chain).
fn feed(feeder: sp_keyring::Sr25519Keyring, usd_per_fly: FixedU128) -> DispatchResult {
	DataCredits::feed_price(signed(feeder), usd_per_fly).map(|_| ()).map_err(|e| e.error)
}

/// The `local_testnet` preset's three feeders (a quorum) feed `usd_per_fly`.
fn feed_quorum(usd_per_fly: FixedU128) {
	for feeder in [Alice, Bob, Charlie] {
		assert_ok!(feed(feeder, usd_per_fly));
	}
}

/// Sets the time (ms) pallet-oracle stamps feeds with and pallet-data-credits ages them by
/// (without Aura's slot check, which needs a real block).
fn set_time(ms: u64) {
	pallet_timestamp::Now::<Runtime>::put(ms);
}

/// Runs blocks up to `n` with the hooks of the pallets under test (Timestamp's own hook
/// needs an inherent, so time is set by hand).
fn run_to_block(n: BlockNumber) {
	while System::block_number() < n {
		let now = System::block_number();
		<Oracle as Hooks<BlockNumber>>::on_finalize(now);
		System::set_block_number(now + 1);
		set_time(pallet_timestamp::Now::<Runtime>::get() + MILLI_SECS_PER_BLOCK);
		<SubDaos as Hooks<BlockNumber>>::on_initialize(now + 1);
	}
}

/// "mobile" with Charlie as router (burn authority) and Alice, Dave and Eve as rewards oracles
/// (two of them agreeing).
fn create_mobile() {
	let config = pallet_subdaos::SubDaoConfig {
		name: BoundedVec::truncate_from(b"mobile".to_vec()),
		emission_schedule: BoundedVec::truncate_from(vec![pallet_subdaos::EmissionStep {
			from_epoch: 0,
			per_epoch: 1_000 * FLY,
		}]),
		onboarding_fee: 40 * DC_PER_USD,
		burn_authority: Charlie.to_account_id(),
		rewards_oracles: pallet_subdaos::RewardsOracles {
			members: vec![Alice.to_account_id(), Dave.to_account_id(), Eve.to_account_id()]
				.try_into()
				.expect("three oracles fit"),
			quorum: 2,
		},
		curve_k: 0,
	};
	assert_ok!(SubDaos::create_subdao(RuntimeOrigin::root(), config));
}

fn local_ext_at_t0() -> sp_io::TestExternalities {
	let mut ext = local_ext();
	ext.execute_with(|| set_time(T0));
	ext
}

#[test]
fn genesis_endows_the_subdao_pool_and_sets_a_quorum_of_three_feeders() {
	local_ext().execute_with(|| {
		assert_eq!(Balances::balance(&SubDaos::pool_account()), EXISTENTIAL_DEPOSIT);
		let mut feeders: Vec<AccountId> =
			[Alice, Bob, Charlie].iter().map(|k| k.to_account_id()).collect();
		feeders.sort();
		assert_eq!(OracleFeeders::members().into_inner(), feeders);
		assert_eq!(DataCredits::price_rules().min_feeders, 3);
		assert_eq!(SubDaos::epoch_info().epoch_length, configs::profile::profile().epoch_length);
	});
}

#[test]
fn only_members_feed_and_below_the_quorum_nothing_is_minted() {
	local_ext_at_t0().execute_with(|| {
		let two = FixedU128::from_u32(2);
		assert_noop!(feed(Dave, two), pallet_oracle::Error::<Runtime>::NoPermission);
		assert_ok!(feed(Alice, two));
		assert_ok!(feed(Bob, two));
		assert_eq!(OraclePriceFeed::fly_usd_observations().len(), 2);
		// Two of a quorum of three: no price.
		assert!(matches!(
			DataCredits::current_price(),
			Err(pallet_data_credits::Error::<Runtime>::StalePrice)
		));
		assert_ok!(feed(Charlie, FixedU128::from_u32(3)));
		assert_eq!(DataCredits::current_price().ok(), Some(two));
		// One feed per feeder per block.
		assert_noop!(feed(Alice, two), pallet_oracle::Error::<Runtime>::AlreadyFeeded);

		// Signed accounts and the tokenomics admin track cannot manage feeders (the set is
		// root's, governance bounds); root can. A removed feeder's value no longer counts: two
		// are left, below the quorum. Root adds one back.
		let dave = Dave.to_account_id();
		assert_noop!(
			OracleFeeders::add_member(signed(Dave), dave.clone().into()),
			DispatchError::BadOrigin
		);
		let admin: RuntimeOrigin = origins::Origin::TokenomicsAdmin.into();
		assert_noop!(
			OracleFeeders::remove_member(admin.clone(), Alice.to_account_id().into()),
			DispatchError::BadOrigin
		);
		assert_ok!(OracleFeeders::remove_member(
			RuntimeOrigin::root(),
			Alice.to_account_id().into()
		));
		assert_eq!(OraclePriceFeed::fly_usd_observations().len(), 2);
		assert!(DataCredits::current_price().is_err());
		assert_noop!(
			OracleFeeders::add_member(admin, dave.clone().into()),
			DispatchError::BadOrigin
		);
		assert_ok!(OracleFeeders::add_member(RuntimeOrigin::root(), dave.into()));
		assert_ok!(feed(Dave, two));
		assert_eq!(DataCredits::current_price().ok(), Some(two));
	});
}

/// The attack: one of three feeders quotes ten times the price to make DC ten times cheaper
/// in FLY. The median of the quorum does not move.
#[test]
fn one_feeder_quoting_ten_times_moves_nothing() {
	local_ext_at_t0().execute_with(|| {
		let one = FixedU128::from_u32(1);
		assert_ok!(feed(Alice, FixedU128::from_u32(10)));
		assert_ok!(feed(Bob, one));
		assert_ok!(feed(Charlie, one));
		assert_eq!(DataCredits::current_price().ok(), Some(one));
		assert_eq!(Runtime::quote_fly_to_dc(FLY), Some(DC_PER_USD));
	});
}

#[test]
fn fly_burned_for_dc_leaves_the_supply_and_a_stale_price_is_refused() {
	local_ext_at_t0().execute_with(|| {
		feed_quorum(FixedU128::from_u32(2));
		let issuance = Balances::total_issuance();
		let bob = Bob.to_account_id();
		assert_eq!(Runtime::quote_fly_to_dc(10 * FLY), Some(20 * DC_PER_USD));
		assert_ok!(DataCredits::mint_data_credits(
			signed(Bob),
			bob.clone(),
			MintAmount::Fly { fly: 10 * FLY, min_credits: 20 * DC_PER_USD },
		));
		assert_eq!(Balances::total_issuance(), issuance - 10 * FLY);
		assert_eq!(Runtime::dc_balance(bob.clone()), 20 * DC_PER_USD);

		// Ten minutes later the feed is stale: nothing is minted, nothing burned.
		set_time(T0 + 10 * 60 * 1000 + 1);
		assert_noop!(
			DataCredits::mint_data_credits(
				signed(Bob),
				bob,
				MintAmount::Fly { fly: FLY, min_credits: 0 }
			),
			pallet_data_credits::Error::<Runtime>::StalePrice
		);
		assert_eq!(Runtime::quote_fly_to_dc(FLY), None);
		DataCredits::do_try_state().expect("data-credits invariants");
	});
}

#[test]
fn router_burns_and_onboarding_fees_reach_the_subdao_score_at_epoch_close() {
	local_ext_at_t0().execute_with(|| {
		create_mobile();
		feed_quorum(FixedU128::from_u32(1));
		let bob = Bob.to_account_id();
		let dc: Dc = 100 * DC_PER_USD;
		assert_ok!(DataCredits::mint_data_credits(
			signed(Bob),
			bob.clone(),
			MintAmount::Credits { credits: dc, max_fly: 100 * FLY },
		));
		assert_ok!(DataCredits::delegate_data_credits(signed(Bob), MOBILE, ROUTER_KEY, dc / 2));
		assert_eq!(Runtime::escrow_balance(MOBILE, ROUTER_KEY), dc / 2);
		// Only the subDAO's router burns from its escrow.
		assert_noop!(
			DataCredits::burn_delegated_data_credits(signed(Bob), MOBILE, ROUTER_KEY, 1),
			pallet_data_credits::Error::<Runtime>::NotBurnAuthority
		);
		assert_ok!(DataCredits::burn_delegated_data_credits(
			signed(Charlie),
			MOBILE,
			ROUTER_KEY,
			dc / 2
		));
		// Bob's own burn for the subDAO's usage is a wash burn: it burns, and counts nowhere.
		assert_ok!(DataCredits::burn_data_credits(
			signed(Bob),
			10 * DC_PER_USD,
			ServicePurpose::Usage { subdao: MOBILE }
		));
		// Onboarding charges the subDAO's 40 USD fee in DC through pallet-data-credits, for an
		// approved maker only.
		assert_noop!(
			SubDaos::onboard_device(signed(Bob), MOBILE, [1; 32]),
			pallet_subdaos::Error::<Runtime>::NotApprovedMaker
		);
		let admin: RuntimeOrigin = origins::Origin::TokenomicsAdmin.into();
		assert_ok!(SubDaos::set_maker_approval(admin, MOBILE, bob.clone(), true));
		assert_ok!(SubDaos::onboard_device(signed(Bob), MOBILE, [1; 32]));
		assert_eq!(Runtime::dc_balance(bob), 0);
		assert_eq!(
			SubDaos::dc_usage(MOBILE),
			(u128::from(50 * DC_PER_USD), u128::from(40 * DC_PER_USD))
		);

		run_to_block(configs::profile::profile().epoch_length);
		let scores = Runtime::scores();
		assert_eq!(scores.len(), 1);
		assert_eq!(scores[0].epoch, 0);
		assert_eq!(scores[0].record.dc_burned, u128::from(50 * DC_PER_USD));
		assert_eq!(scores[0].record.smoothed_share, FixedU128::from_u32(1));
		assert_eq!(Runtime::epoch_info().current_epoch, 1);
		// The epoch's DNT went to the rewards escrow (nothing is delegated).
		assert_eq!(scores[0].record.dnt_to_rewards, 1_000 * FLY);
		SubDaos::do_try_state().expect("subdao invariants");
		DataCredits::do_try_state().expect("data-credits invariants");
	});
}

#[test]
fn tokenomics_admin_calls_need_root_or_the_tokenomics_admin_track() {
	local_ext().execute_with(|| {
		let rules =
			pallet_data_credits::PriceRules { max_age_ms: 60_000, ..DefaultPriceRules::get() };
		for bad in [signed(Dave), origins::Origin::Treasurer.into()] {
			assert_noop!(
				DataCredits::set_price_rules(bad.clone(), rules),
				DispatchError::BadOrigin
			);
			assert_noop!(
				DataCredits::set_minting_paused(bad.clone(), true),
				DispatchError::BadOrigin
			);
			assert_noop!(
				SubDaos::set_redemption_frozen(bad, MOBILE, true),
				DispatchError::BadOrigin
			);
		}
		let admin: RuntimeOrigin = origins::Origin::TokenomicsAdmin.into();
		assert_ok!(DataCredits::set_price_rules(admin.clone(), rules));
		assert_eq!(DataCredits::price_rules(), rules);
		assert_ok!(DataCredits::set_minting_paused(RuntimeOrigin::root(), true));
		assert!(DataCredits::minting_paused());
	});
}

#[test]
fn emission_reaches_the_treasury_and_redemption_is_quoted_at_the_treasury_ratio() {
	local_ext().execute_with(|| {
		use flywheel_primitives::EmissionSink;
		use frame_support::traits::fungible::Mutate;
		create_mobile();
		assert_eq!(Runtime::redemption_quote(9, FLY), None);
		assert_eq!(Runtime::position_power(0), None);

		// What pallet-inflation will do each round: mint into the pool and report it.
		let emitted = 500 * FLY;
		assert_ok!(Balances::mint_into(&SubDaos::pool_account(), emitted));
		<SubDaos as EmissionSink<AccountId, Balance>>::note_emission(emitted);
		assert_eq!(Runtime::epoch_info().pool_pending, emitted);
		run_to_block(configs::profile::profile().epoch_length);

		let treasury = SubDaos::treasury_account(MOBILE);
		assert_eq!(Balances::balance(&treasury), emitted);
		let reserve = SubDaos::treasury_reserve(MOBILE);
		assert!(reserve > 0 && reserve <= emitted);
		// k = 0: a tenth of the DNT supply redeems a tenth of the treasury.
		let supply = 1_000 * FLY;
		assert_eq!(Runtime::redemption_quote(MOBILE, supply / 10), Some(reserve / 10));
		SubDaos::do_try_state().expect("subdao invariants");
	});
}

/// Issue #33: dust DNT created accounts without FLY while DNTs were sufficient assets. New DNTs
/// are not, and the upgrade flips the existing ones; a DNT account then needs FLY, while the
/// pallet's own DNT accounts keep receiving the epoch's mint.
#[test]
fn dnts_are_not_sufficient_and_the_upgrade_makes_existing_ones_so() {
	use frame_support::traits::{fungibles::Mutate, tokens::Preservation, OnRuntimeUpgrade};
	use sp_runtime::traits::Convert;
	super::dev_ext().execute_with(|| {
		let dnt = DntAssetId::convert(MOBILE);
		assert!(!pallet_assets::Asset::<Runtime>::get(dnt).expect("mobile's DNT").is_sufficient);
		// A chain from before the upgrade: sufficient.
		pallet_assets::Asset::<Runtime>::mutate(dnt, |d| {
			if let Some(d) = d.as_mut() {
				d.is_sufficient = true;
			}
		});
		subdaos::DntsNeedAFlyAccount::on_runtime_upgrade();
		assert!(!pallet_assets::Asset::<Runtime>::get(dnt).expect("mobile's DNT").is_sufficient);
		let escrow = pallet_subdaos::Pallet::<Runtime>::rewards_account(MOBILE);
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(dnt, &escrow, 10 * FLY));
		let nobody = AccountId::from([0x77; 32]);
		assert!(<Assets as Mutate<AccountId>>::transfer(
			dnt,
			&escrow,
			&nobody,
			FLY,
			Preservation::Expendable
		)
		.is_err());
		assert_ok!(<Assets as Mutate<AccountId>>::transfer(
			dnt,
			&escrow,
			&Bob.to_account_id(),
			FLY,
			Preservation::Expendable
		));
	});
}
