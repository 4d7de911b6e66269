// SPDX-License-Identifier: Apache-2.0
//! Governance within bounds (governance/bounds.rs): the `tokenomics_admin` track is kept inside
//! the hard ranges, may not change an authority, moves a schedule only from the next epoch by a
//! bounded step, and the one-referendum treasury drain of issue #33 fails with every step and
//! every variant of it; root still reaches past every range.

use super::*;
use crate::governance::bounds::{
	DataCreditsBounds, InflationBounds, OperatorRuleBounds, SubDaoBounds, SubnetBounds,
};
use flywheel_primitives::{AdminScope, WithinBounds};
use frame_support::traits::EnsureOrigin;
use pallet_subdaos::{EmissionStep, SubDaoParams, SubDaoUpdate};
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::{traits::Dispatchable, Perbill};

const MOBILE: u32 = 0;

fn admin() -> RuntimeOrigin {
	origins::Origin::TokenomicsAdmin.into()
}

fn update(
	schedule: Option<&[(u32, Balance)]>,
	rewards_oracles: Option<pallet_subdaos::RewardsOracles<AccountId>>,
) -> RuntimeCall {
	let emission_schedule = schedule.map(|steps| {
		steps
			.iter()
			.map(|&(from_epoch, per_epoch)| EmissionStep { from_epoch, per_epoch })
			.collect::<Vec<_>>()
			.try_into()
			.expect("a short schedule")
	});
	RuntimeCall::SubDaos(pallet_subdaos::Call::update_subdao {
		subdao: MOBILE,
		update: SubDaoUpdate {
			emission_schedule,
			onboarding_fee: None,
			burn_authority: None,
			rewards_oracles,
			curve_k: None,
		},
	})
}

fn set_params(params: SubDaoParams) -> RuntimeCall {
	RuntimeCall::SubDaos(pallet_subdaos::Call::set_params { params })
}

fn module_error(result: frame_support::dispatch::DispatchResultWithPostInfo) -> DispatchError {
	result.expect_err("refused").error
}

type SubDaoError = pallet_subdaos::Error<Runtime>;

/// The drain's beneficiary: a key with no subDAO role (Ferdie is the dev makers' key).
fn attacker() -> AccountId {
	sp_keyring::Sr25519Keyring::FerdieStash.to_account_id()
}

/// Rewards oracles the attacker holds: its own key and two more of its own, two agreeing.
fn attacker_oracles() -> pallet_subdaos::RewardsOracles<AccountId> {
	use sp_keyring::Sr25519Keyring::{One, Two};
	pallet_subdaos::RewardsOracles {
		members: vec![attacker(), One.to_account_id(), Two.to_account_id()]
			.try_into()
			.expect("three oracles fit"),
		quorum: 2,
	}
}

/// Everything the drain would move or rewrite: balances of the treasury, the escrow and the
/// attacker, the subDAO's configuration and the shared parameters.
fn snapshot(attacker: &AccountId) -> (Balance, Balance, Balance, String, SubDaoParams) {
	let treasury = pallet_subdaos::Pallet::<Runtime>::treasury_account(MOBILE);
	let escrow = pallet_subdaos::Pallet::<Runtime>::rewards_account(MOBILE);
	let dnt = configs::DntAssetId::convert(MOBILE);
	(
		Balances::free_balance(&treasury),
		Assets::balance(dnt, &escrow),
		Assets::balance(dnt, attacker),
		format!("{:?}", pallet_subdaos::Registry::<Runtime>::get(MOBILE)),
		pallet_subdaos::Params::<Runtime>::get(),
	)
}

use sp_runtime::traits::Convert;

/// Issue #33's one-referendum drain on the dev economy: in one `batchAll` the track makes the
/// attacker's keys mobile's rewards oracles, raises its DNT schedule tenfold and lets a whole
/// treasury be redeemed in one window. Refused as a whole, and each step refused alone, so the
/// attacker can neither pay itself DNT nor redeem beyond the cap; nothing moves.
#[test]
fn the_one_referendum_treasury_drain_fails_at_every_step() {
	dev_ext().execute_with(|| {
		let attacker = attacker();
		let before = snapshot(&attacker);
		let next = pallet_subdaos::CurrentEpoch::<Runtime>::get() + 1;
		let tenfold: &[(u32, Balance)] = &[(0, 10_000 * FLY), (next, 100_000 * FLY)];
		let whole_treasury = SubDaoParams {
			redemption_cap: Perbill::one(),
			..pallet_subdaos::Params::<Runtime>::get()
		};
		let drain = RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![
				update(Some(tenfold), Some(attacker_oracles())),
				set_params(whole_treasury),
			],
		});
		assert_eq!(
			module_error(drain.dispatch(admin())),
			SubDaoError::AuthorityChangeNeedsRoot.into()
		);
		// Each step alone, as `batch` would try them.
		assert_eq!(
			module_error(update(None, Some(attacker_oracles())).dispatch(admin())),
			SubDaoError::AuthorityChangeNeedsRoot.into()
		);
		assert_eq!(
			module_error(update(Some(tenfold), None).dispatch(admin())),
			SubDaoError::ScheduleChangeTooLarge.into()
		);
		assert_eq!(
			module_error(set_params(whole_treasury).dispatch(admin())),
			SubDaoError::OutsideGovernanceBounds.into()
		);
		// Nor may the track create a subDAO with the attacker's authorities (it would take a
		// share of the pool), or move honest routers' escrows to it.
		let rich = pallet_subdaos::SubDaoConfig {
			name: b"drain".to_vec().try_into().expect("short name"),
			emission_schedule: vec![EmissionStep { from_epoch: 0, per_epoch: 1_000_000 * FLY }]
				.try_into()
				.expect("one step"),
			onboarding_fee: flywheel_primitives::DC_PER_USD,
			burn_authority: Alice.to_account_id(),
			rewards_oracles: attacker_oracles(),
			curve_k: 0,
		};
		let create =
			RuntimeCall::SubDaos(pallet_subdaos::Call::create_subdao { config: rich.clone() });
		assert_eq!(
			module_error(create.dispatch(admin())),
			SubDaoError::AuthorityChangeNeedsRoot.into()
		);
		let move_escrow = RuntimeCall::DataCredits(pallet_data_credits::Call::move_escrow {
			router_key: [7; 32],
			from: MOBILE,
			to: 1,
		});
		assert_eq!(
			module_error(move_escrow.dispatch(admin())),
			pallet_data_credits::Error::<Runtime>::EscrowMoveNeedsRoot.into()
		);
		// The attacker is no oracle, so it cannot report rewards for itself, nor claim any.
		let report = RuntimeCall::SubDaos(pallet_subdaos::Call::report_rewards {
			subdao: MOBILE,
			totals: vec![(attacker.clone(), FLY)].try_into().expect("one total"),
		});
		assert_eq!(
			module_error(report.dispatch(RuntimeOrigin::signed(attacker.clone()))),
			SubDaoError::NotRewardsOracle.into()
		);
		let claim = RuntimeCall::SubDaos(pallet_subdaos::Call::claim_rewards {
			subdao: MOBILE,
			recipient: attacker.clone(),
		});
		assert_eq!(
			module_error(claim.dispatch(RuntimeOrigin::signed(attacker.clone()))),
			SubDaoError::NoAgreedRewards.into()
		);
		assert_eq!(snapshot(&attacker), before);
		// Root still may do each of these.
		assert_ok!(update(Some(tenfold), Some(attacker_oracles())).dispatch(RuntimeOrigin::root()));
		assert_ok!(set_params(whole_treasury).dispatch(RuntimeOrigin::root()));
	});
}

/// The `tokenomics_admin` track may restore every genesis value: the presets lie within the
/// ranges, on the dev profile and the production one.
#[test]
fn every_genesis_value_lies_within_the_ranges() {
	for mut ext in [dev_ext(), production_ext()] {
		ext.execute_with(|| {
			let inflation = InflationBounds::get();
			assert!(inflation.params.contains(&pallet_inflation::Params::<Runtime>::get()));
			assert!(inflation.split.contains(&pallet_inflation::Split::<Runtime>::get()));
			let round = pallet_inflation::Round::<Runtime>::get().length;
			assert!(inflation.round_length.contains(&round));
			let subdaos = SubDaoBounds::get();
			assert!(subdaos.params.contains(&pallet_subdaos::Params::<Runtime>::get()));
			let epochs = pallet_subdaos::DeviceActivityEpochs::<Runtime>::get();
			assert!(subdaos.device_activity_epochs.contains(&epochs));
			for id in pallet_subdaos::SubDaoIds::<Runtime>::get() {
				let c = pallet_subdaos::Registry::<Runtime>::get(id).expect("listed").config;
				assert!(subdaos.onboarding_fee.contains(&c.onboarding_fee));
				assert!(subdaos.curve_k.contains(&c.curve_k));
				for step in c.emission_schedule {
					assert!(subdaos.emission_per_epoch.contains(&step.per_epoch));
				}
			}
			let dc = DataCreditsBounds::get();
			assert!(dc.price_rules.contains(&DataCredits::price_rules()));
			let breaker = pallet_data_credits::Ledger::<Runtime>::get().settings.breaker;
			assert!(dc.breaker.contains(&breaker));
			assert!(OperatorRuleBounds::get().contains(&pallet_bonding::Rules::<Runtime>::get()));
			let subnets = SubnetBounds::get();
			assert!(subnets.global.contains(&pallet_subnets::Params::<Runtime>::get()));
			assert!(subnets.revenue_cap.contains(&pallet_subnets::RevenueCap::<Runtime>::get()));
		});
	}
}

/// Each pallet's range through the runtime's origin: at the edge the track succeeds, one step
/// past it is refused, root goes past.
#[test]
fn the_track_is_refused_one_step_past_each_pallets_range() {
	dev_ext().execute_with(|| {
		let one = Perbill::from_parts(1);
		let inflation = InflationBounds::get();
		let max_rate = inflation.params.max.max_rate;
		assert_ok!(Inflation::set_rate_bounds(admin(), Perbill::zero(), max_rate));
		// The 100% inflation bound.
		for past in [max_rate + one, Perbill::one()] {
			assert_noop!(
				Inflation::set_rate_bounds(admin(), Perbill::zero(), past),
				pallet_inflation::Error::<Runtime>::OutsideGovernanceBounds
			);
		}
		// The one-block round.
		assert_noop!(
			Inflation::set_round_length(admin(), 1),
			pallet_inflation::Error::<Runtime>::OutsideGovernanceBounds
		);
		assert_ok!(Inflation::set_round_length(admin(), inflation.round_length.max));

		let rules = SubnetBounds::get();
		let greedy_owner = pallet_subnets::GlobalParams {
			owner_cut: Perbill::from_percent(19),
			..rules.global.max
		};
		assert_noop!(
			Subnets::set_global_params(admin(), greedy_owner),
			pallet_subnets::Error::<Runtime>::OutsideGovernanceBounds
		);
		assert_ok!(Subnets::set_global_params(admin(), rules.global.max));

		let operators = OperatorRuleBounds::get();
		let past = pallet_bonding::OperatorRules {
			min_self_bond: operators.max.min_self_bond + 1,
			..operators.max
		};
		assert_noop!(
			Bonding::set_operator_rules(admin(), past),
			pallet_bonding::Error::<Runtime>::OutsideGovernanceBounds
		);
		assert_ok!(Bonding::set_operator_rules(RuntimeOrigin::root(), past));
	});
}

/// The quorum may not fall below a majority of the feeders, and the feeder set (the price's
/// trust root) is root's alone: the track can neither add, remove, swap nor reset a feeder.
#[test]
fn the_feeder_set_is_roots_and_the_quorum_a_majority() {
	production_ext().execute_with(|| {
		let feeders = pallet_membership::Members::<Runtime, configs::OracleFeedersInstance>::get();
		assert_eq!(feeders.len(), 5);
		assert_eq!(DataCreditsBounds::get().price_rules.min.min_feeders, 3);
		let rules = DataCredits::price_rules();
		let minority = pallet_data_credits::PriceRules { min_feeders: 2, ..rules };
		assert_noop!(
			DataCredits::set_price_rules(admin(), minority),
			pallet_data_credits::Error::<Runtime>::OutsideGovernanceBounds
		);
		let loose =
			pallet_data_credits::PriceRules { max_move: Perbill::from_percent(50), ..rules };
		assert_noop!(
			DataCredits::set_price_rules(admin(), loose),
			pallet_data_credits::Error::<Runtime>::OutsideGovernanceBounds
		);
		let new = |i: u8| AccountId::from([i; 32]);
		let bad = DispatchError::BadOrigin;
		assert_noop!(OracleFeeders::add_member(admin(), new(1).into()), bad);
		assert_noop!(OracleFeeders::remove_member(admin(), feeders[0].clone().into()), bad);
		assert_noop!(
			OracleFeeders::swap_member(admin(), feeders[0].clone().into(), new(1).into()),
			bad
		);
		assert_noop!(OracleFeeders::reset_members(admin(), vec![new(9)]), bad);
		// Root changes the set, and the quorum's floor follows it: seven feeders need four.
		assert_ok!(OracleFeeders::add_member(RuntimeOrigin::root(), new(1).into()));
		assert_ok!(OracleFeeders::add_member(RuntimeOrigin::root(), new(2).into()));
		assert_eq!(DataCreditsBounds::get().price_rules.min.min_feeders, 4);
	});
}

/// The runtime's admin origin: root is unbounded, the track bounded, anything else refused.
#[test]
fn the_admin_origin_gives_root_full_scope_and_the_track_bounded_scope() {
	use crate::governance::TokenomicsAuthority;
	assert_eq!(TokenomicsAuthority::try_origin(RuntimeOrigin::root()).ok(), Some(AdminScope::Full));
	assert_eq!(TokenomicsAuthority::try_origin(admin()).ok(), Some(AdminScope::Bounded));
	let treasurer: RuntimeOrigin = origins::Origin::Treasurer.into();
	assert!(TokenomicsAuthority::try_origin(treasurer).is_err());
	assert!(TokenomicsAuthority::try_origin(RuntimeOrigin::signed(Alice.to_account_id())).is_err());
	assert!(TokenomicsAuthority::try_origin(RuntimeOrigin::signed(Bob.to_account_id())).is_err());
	// A bool within bounds is either end.
	assert!(true.within(&false, &true));
}
