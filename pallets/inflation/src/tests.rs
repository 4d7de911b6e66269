// SPDX-License-Identifier: Apache-2.0
//! Unit tests of the inflation pallet. Every test ends with the `try_state` invariants
//! (`mock::run`).

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Hooks},
};
use sp_runtime::DispatchError;

type Err = crate::Error<Test>;

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Inflation(e) = r.event { Some(e) } else { None })
		.collect()
}

fn last_event() -> crate::Event<Test> {
	events().pop().expect("an event was deposited")
}

mod rounds {
	use super::*;

	#[test]
	fn a_round_starts_exactly_once_at_its_boundary() {
		run(|| {
			assert_eq!(
				Inflation::on_initialize(ROUND as u64 - 1),
				<() as WeightInfo>::on_initialize_idle()
			);
			assert_eq!(Round::<Test>::get(), RoundInfo { index: 0, start: 0, length: ROUND });
			run_to_block(ROUND - 1);
			assert!(events().is_empty());
			System::set_block_number(u64::from(ROUND));
			assert_eq!(
				Inflation::on_initialize(ROUND as u64),
				<() as WeightInfo>::on_initialize_round()
			);
			assert_eq!(Round::<Test>::get(), RoundInfo { index: 1, start: ROUND, length: ROUND });
			// Running the hook again in the same block starts nothing more.
			let issuance = Balances::total_issuance();
			assert_eq!(
				Inflation::on_initialize(ROUND as u64),
				<() as WeightInfo>::on_initialize_idle()
			);
			assert_eq!(Balances::total_issuance(), issuance);
			run_to_block(3 * ROUND);
			assert_eq!(Round::<Test>::get().index, 3);
			let starts =
				events().iter().filter(|e| matches!(e, Event::RoundStarted { .. })).count();
			assert_eq!(starts, 3);
		});
	}

	#[test]
	fn a_round_length_change_applies_from_the_next_round_and_numbering_continues() {
		run(|| {
			run_to_block(ROUND + 3);
			assert_ok!(Inflation::set_round_length(root(), 4));
			assert_eq!(last_event(), Event::RoundLengthSet { length: 4, from_block: 2 * ROUND });
			// The current round (1) still ends at 2 × ROUND.
			run_to_block(2 * ROUND - 1);
			assert_eq!(Round::<Test>::get(), RoundInfo { index: 1, start: ROUND, length: ROUND });
			run_to_block(2 * ROUND);
			assert_eq!(Round::<Test>::get(), RoundInfo { index: 2, start: 2 * ROUND, length: 4 });
			run_to_block(2 * ROUND + 8);
			assert_eq!(
				Round::<Test>::get(),
				RoundInfo { index: 4, start: 2 * ROUND + 8, length: 4 }
			);
			assert!(NextRoundLength::<Test>::get().is_none());
		});
	}

	#[test]
	fn a_late_hook_starts_the_round_once_and_counts_from_there() {
		run(|| {
			// As if blocks ROUND..ROUND+4 had no hook: the round starts at the first block after.
			System::set_block_number(u64::from(ROUND + 5));
			Inflation::on_initialize(u64::from(ROUND + 5));
			assert_eq!(
				Round::<Test>::get(),
				RoundInfo { index: 1, start: ROUND + 5, length: ROUND }
			);
			run_to_block(2 * ROUND + 4);
			assert_eq!(Round::<Test>::get().index, 1);
			run_to_block(2 * ROUND + 5);
			assert_eq!(Round::<Test>::get().index, 2);
		});
	}
}

mod controller_in_the_pallet {
	use super::*;

	#[test]
	fn below_target_the_rate_steps_up_and_the_mint_is_routed() {
		run(|| {
			set_bonded(ISSUANCE / 4);
			run_to_block(ROUND);
			let rate = Perbill::from_parts(219_000);
			assert_eq!(Rate::<Test>::get(), rate);
			let minted = rate.mul_floor(ISSUANCE);
			assert_eq!(minted, 219_000_000_000_000);
			assert_eq!(Balances::total_issuance(), ISSUANCE + minted);
			let e = LastEmission::<Test>::get();
			assert_eq!(
				e,
				RoundEmission {
					round: 1,
					bonded_ratio: Perbill::from_percent(25),
					rate,
					minted,
					stakers: minted / 2,
					subdaos: minted * 3 / 10,
					subnets: minted * 15 / 100,
					treasury: minted * 5 / 100,
				}
			);
			assert_eq!(Balances::balance(&STAKERS), minted / 2);
			assert_eq!(observed_mints(), vec![minted], "the round's total is reported once");
			assert_eq!(Balances::balance(&TREASURY), minted * 5 / 100);
			assert_eq!(
				notes(),
				vec![
					(STAKERS, minted / 2),
					(SUBDAOS, minted * 3 / 10),
					(SUBNETS, minted * 15 / 100),
					(TREASURY, minted * 5 / 100)
				]
			);
			assert_eq!(
				events(),
				vec![
					Event::RoundStarted {
						round: 1,
						bonded_ratio: Perbill::from_percent(25),
						rate,
						minted
					},
					Event::EmissionRouted {
						round: 1,
						stakers: e.stakers,
						subdaos: e.subdaos,
						subnets: e.subnets,
						treasury: e.treasury
					},
				]
			);
		});
	}

	#[test]
	fn above_target_the_rate_steps_down_and_at_target_it_holds() {
		run(|| {
			set_bonded(ISSUANCE * 3 / 4);
			run_to_block(ROUND);
			assert_eq!(Rate::<Test>::get(), Perbill::from_parts(218_000));
			run_to_block(2 * ROUND);
			assert_eq!(Rate::<Test>::get(), Perbill::from_parts(217_500));
			// Exactly at the target: unchanged.
			set_bonded(Balances::total_issuance() / 2);
			assert_eq!(Inflation::bonded_ratio(), Perbill::from_percent(50));
			run_to_block(3 * ROUND);
			assert_eq!(Rate::<Test>::get(), Perbill::from_parts(217_500));
		});
	}

	#[test]
	fn the_rate_is_clamped_to_its_bounds() {
		run(|| {
			assert_ok!(Inflation::set_rate_bounds(
				root(),
				Perbill::from_parts(218_000),
				Perbill::from_parts(219_000)
			));
			set_bonded(0);
			for round in 1..=4 {
				run_to_block(round * ROUND);
			}
			assert_eq!(Rate::<Test>::get(), Perbill::from_parts(219_000));
			set_bonded(Balances::total_issuance());
			for round in 5..=10 {
				run_to_block(round * ROUND);
			}
			assert_eq!(Rate::<Test>::get(), Perbill::from_parts(218_000));
		});
	}

	#[test]
	fn rounding_dust_goes_to_the_treasury_so_minted_equals_routed() {
		run(|| {
			assert_ok!(Inflation::set_emission_split(
				root(),
				EmissionSplit {
					stakers: Perbill::from_parts(333_333_333),
					subdaos: Perbill::from_parts(333_333_333),
					subnets: Perbill::from_parts(333_333_333),
					treasury: Perbill::from_parts(1),
				}
			));
			// An issuance whose mint is no multiple of 10⁹, so each share rounds down.
			assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(
				&ALICE,
				123_456_789_012
			));
			run_to_block(ROUND);
			let e = LastEmission::<Test>::get();
			assert_eq!(e.stakers + e.subdaos + e.subnets + e.treasury, e.minted);
			assert!(e.treasury > Perbill::from_parts(1).mul_floor(e.minted));
			assert_eq!(Balances::total_issuance(), ISSUANCE + 123_456_789_012 + e.minted);
		});
	}

	#[test]
	fn a_part_a_sink_cannot_take_goes_to_the_treasury() {
		run(|| {
			// The treasury already exists; the subnet pool would be created below the deposit.
			assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(
				&TREASURY,
				1_000_000_000_000_000
			));
			ExistentialDeposit::set(40_000_000_000_000);
			let issuance = Balances::total_issuance();
			run_to_block(ROUND);
			let e = LastEmission::<Test>::get();
			let minted = Perbill::from_parts(219_000).mul_floor(issuance);
			let subnets_share = Perbill::from_percent(15).mul_floor(minted);
			assert!(subnets_share < 40_000_000_000_000);
			assert_eq!(e.subnets, 0);
			assert!(events().contains(&Event::SinkSkipped { round: 1, amount: subnets_share }));
			assert_eq!(e.minted, minted);
			assert_eq!(e.treasury, minted - e.stakers - e.subdaos);
			assert_eq!(Balances::total_issuance(), issuance + minted);
			assert_eq!(Balances::balance(&SUBNETS), 0);
		});
	}

	#[test]
	fn every_sink_is_told_every_round_even_of_nothing() {
		run(|| {
			assert_ok!(Inflation::set_emission_split(
				root(),
				EmissionSplit {
					stakers: Perbill::zero(),
					subdaos: Perbill::zero(),
					subnets: Perbill::zero(),
					treasury: Perbill::one(),
				}
			));
			run_to_block(ROUND);
			let minted = LastEmission::<Test>::get().minted;
			assert_eq!(notes(), vec![(STAKERS, 0), (SUBDAOS, 0), (SUBNETS, 0), (TREASURY, minted)]);
		});
	}

	#[test]
	fn issuance_near_the_u128_limit_does_not_panic_and_mints_nothing_it_cannot() {
		run(|| {
			assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(
				&ALICE,
				u128::MAX - ISSUANCE - 1_000
			));
			assert_ok!(Inflation::set_rate_bounds(root(), Perbill::one(), Perbill::one()));
			run_to_block(ROUND);
			let e = LastEmission::<Test>::get();
			assert_eq!(e.rate, Perbill::one());
			// Every mint would overflow the issuance: nothing is minted, all of it is reported.
			assert_eq!(e.minted, 0);
			assert_eq!(Balances::total_issuance(), u128::MAX - 1_000);
			assert_eq!(
				events().iter().filter(|e| matches!(e, Event::SinkSkipped { .. })).count(),
				4
			);
		});
	}

	#[test]
	fn annual_inflation_and_bonded_ratio_views() {
		run(|| {
			// 365 rounds a year at 0.02185% per round: 8.30%.
			let a = Inflation::annual_inflation();
			assert!(
				a > FixedU128::from_rational(82, 1_000) && a < FixedU128::from_rational(84, 1_000)
			);
			set_bonded(ISSUANCE / 3);
			assert_eq!(Inflation::bonded_ratio(), Perbill::from_parts(333_333_333));
			assert_ok!(Inflation::set_round_length(root(), 2 * ROUND));
			run_to_block(ROUND);
			// Half as many rounds a year.
			let b = Inflation::annual_inflation();
			assert!(b < a);
		});
	}
}

mod governance {
	use super::*;

	#[test]
	fn each_setter_works_and_emits() {
		run(|| {
			assert_ok!(Inflation::set_target(root(), Perbill::from_percent(60)));
			assert_eq!(Params::<Test>::get().target, Perbill::from_percent(60));
			assert_eq!(last_event(), Event::TargetSet { target: Perbill::from_percent(60) });
			assert_ok!(Inflation::set_step(root(), Perbill::from_parts(700)));
			assert_eq!(Params::<Test>::get().step, Perbill::from_parts(700));
			assert_eq!(last_event(), Event::StepSet { step: Perbill::from_parts(700) });
			// Bounds below the rate in force clamp it at once.
			assert_ok!(Inflation::set_rate_bounds(
				root(),
				Perbill::from_parts(1_000),
				Perbill::from_parts(100_000)
			));
			assert_eq!(Rate::<Test>::get(), Perbill::from_parts(100_000));
			assert_eq!(
				last_event(),
				Event::RateBoundsSet {
					min_rate: Perbill::from_parts(1_000),
					max_rate: Perbill::from_parts(100_000),
					rate: Perbill::from_parts(100_000)
				}
			);
			let split = EmissionSplit {
				stakers: Perbill::from_percent(25),
				subdaos: Perbill::from_percent(25),
				subnets: Perbill::from_percent(25),
				treasury: Perbill::from_percent(25),
			};
			assert_ok!(Inflation::set_emission_split(root(), split));
			assert_eq!(Split::<Test>::get(), split);
			assert_eq!(last_event(), Event::SplitSet { split });
			assert_ok!(Inflation::set_round_length(root(), 7));
			assert_eq!(NextRoundLength::<Test>::get(), Some(7));
		});
	}

	#[test]
	fn bad_parameters_are_refused_and_change_nothing() {
		run(|| {
			assert_noop!(
				Inflation::set_rate_bounds(root(), Perbill::from_parts(2), Perbill::from_parts(1)),
				Err::MinAboveMax
			);
			let not_whole = EmissionSplit {
				stakers: Perbill::from_percent(50),
				subdaos: Perbill::from_percent(30),
				subnets: Perbill::from_percent(15),
				treasury: Perbill::from_percent(6),
			};
			assert_noop!(Inflation::set_emission_split(root(), not_whole), Err::SplitNotWhole);
			let short = EmissionSplit { treasury: Perbill::from_percent(4), ..not_whole };
			assert_noop!(Inflation::set_emission_split(root(), short), Err::SplitNotWhole);
			assert_noop!(Inflation::set_round_length(root(), 0), Err::ZeroRoundLength);
			assert_noop!(Inflation::set_step(root(), Perbill::zero()), Err::ZeroStep);
		});
	}

	/// The `tokenomics_admin` track (the bounded origin) sets each parameter at the edge of its
	/// range and is refused one step past it; root may go past.
	#[test]
	fn the_bounded_origin_keeps_every_parameter_within_its_range() {
		run(|| {
			let admin = RuntimeOrigin::signed(BOUNDED_ADMIN);
			let r = Ranges::get();
			let p = |n| Perbill::from_parts(n);
			// Target.
			assert_ok!(Inflation::set_target(admin.clone(), r.params.max.target));
			assert_ok!(Inflation::set_target(admin.clone(), r.params.min.target));
			let past = r.params.max.target + p(1);
			assert_noop!(Inflation::set_target(admin.clone(), past), Err::OutsideGovernanceBounds);
			let below = r.params.min.target - p(1);
			assert_noop!(Inflation::set_target(admin.clone(), below), Err::OutsideGovernanceBounds);
			// Step.
			assert_ok!(Inflation::set_step(admin.clone(), r.params.max.step));
			assert_noop!(
				Inflation::set_step(admin.clone(), r.params.max.step + p(1)),
				Err::OutsideGovernanceBounds
			);
			assert_noop!(
				Inflation::set_step(admin.clone(), r.params.min.step - p(1)),
				Err::OutsideGovernanceBounds
			);
			// Rate bounds: each end within its own range.
			assert_ok!(Inflation::set_rate_bounds(
				admin.clone(),
				r.params.max.min_rate,
				r.params.max.max_rate
			));
			assert_noop!(
				Inflation::set_rate_bounds(admin.clone(), p(0), r.params.max.max_rate + p(1)),
				Err::OutsideGovernanceBounds
			);
			assert_noop!(
				Inflation::set_rate_bounds(
					admin.clone(),
					r.params.max.min_rate + p(1),
					r.params.max.max_rate
				),
				Err::OutsideGovernanceBounds
			);
			// The attack: 100% a round.
			assert_noop!(
				Inflation::set_rate_bounds(admin.clone(), p(0), Perbill::one()),
				Err::OutsideGovernanceBounds
			);
			// Round length: the 1-block round is refused.
			assert_ok!(Inflation::set_round_length(admin.clone(), r.round_length.min));
			assert_ok!(Inflation::set_round_length(admin.clone(), r.round_length.max));
			assert_noop!(
				Inflation::set_round_length(admin.clone(), 1),
				Err::OutsideGovernanceBounds
			);
			assert_noop!(
				Inflation::set_round_length(admin.clone(), r.round_length.max + 1),
				Err::OutsideGovernanceBounds
			);
			// Split: each share within its range and the whole still 100%.
			let edge = EmissionSplit {
				stakers: Perbill::from_percent(70),
				subdaos: Perbill::from_percent(10),
				subnets: Perbill::from_percent(20),
				treasury: Perbill::zero(),
			};
			assert_ok!(Inflation::set_emission_split(admin.clone(), edge));
			let all_to_subnets = EmissionSplit {
				stakers: Perbill::from_percent(30),
				subdaos: Perbill::from_percent(10),
				subnets: Perbill::from_percent(60),
				treasury: Perbill::zero(),
			};
			assert_noop!(
				Inflation::set_emission_split(admin.clone(), all_to_subnets),
				Err::OutsideGovernanceBounds
			);
			// Root reaches past every range.
			assert_ok!(Inflation::set_target(root(), Perbill::one()));
			assert_ok!(Inflation::set_rate_bounds(root(), p(0), Perbill::one()));
			assert_ok!(Inflation::set_round_length(root(), 1));
			assert_ok!(Inflation::set_emission_split(root(), all_to_subnets));
			// And once root has, the bounded origin still may not set what is Err::OutsideGovernanceBounds of range.
			assert_noop!(Inflation::set_round_length(admin, 2), Err::OutsideGovernanceBounds);
		});
	}

	#[test]
	fn only_the_admin_origin_may_set_parameters() {
		run(|| {
			let signed = RuntimeOrigin::signed(ALICE);
			let bad = DispatchError::BadOrigin;
			assert_noop!(Inflation::set_target(signed.clone(), Perbill::one()), bad);
			assert_noop!(Inflation::set_step(signed.clone(), Perbill::one()), bad);
			assert_noop!(
				Inflation::set_rate_bounds(signed.clone(), Perbill::zero(), Perbill::one()),
				bad
			);
			assert_noop!(Inflation::set_round_length(signed.clone(), 5), bad);
			assert_noop!(Inflation::set_emission_split(signed, DefaultSplit::get()), bad);
		});
	}
}

mod emission_modes {
	use super::*;

	fn cap(cap: u128) -> EmissionMode {
		EmissionMode::SupplyCap { cap }
	}

	#[test]
	fn the_mode_is_set_by_root_only_and_applies_from_the_next_round() {
		run(|| {
			assert_eq!(Mode::<Test>::get(), EmissionMode::BondedRatio, "the default");
			let mode = cap(ISSUANCE * 2);
			assert_noop!(
				Inflation::set_emission_mode(RuntimeOrigin::signed(ALICE), mode),
				DispatchError::BadOrigin
			);
			// The bounded track may tune the controller, not change what it means.
			assert_noop!(
				Inflation::set_emission_mode(RuntimeOrigin::signed(BOUNDED_ADMIN), mode),
				Err::OutsideGovernanceBounds
			);
			assert_noop!(Inflation::set_emission_mode(root(), cap(0)), Err::ZeroSupplyCap);
			assert_ok!(Inflation::set_emission_mode(root(), mode));
			assert_eq!(Mode::<Test>::get(), mode);
			assert_eq!(last_event(), Event::EmissionModeSet { mode });
			assert_ok!(Inflation::set_emission_mode(root(), EmissionMode::BondedRatio));
			assert_eq!(Mode::<Test>::get(), EmissionMode::BondedRatio);
		});
	}

	#[test]
	fn under_the_cap_a_round_mints_what_the_controller_asks() {
		run(|| {
			set_bonded(ISSUANCE / 4);
			assert_ok!(Inflation::set_emission_mode(root(), cap(ISSUANCE * 2)));
			run_to_block(ROUND);
			let minted = Perbill::from_parts(219_000).mul_floor(ISSUANCE);
			assert_eq!(LastEmission::<Test>::get().minted, minted);
			assert_eq!(Balances::total_issuance(), ISSUANCE + minted);
		});
	}

	#[test]
	fn near_the_cap_a_round_mints_only_up_to_it_and_splits_that() {
		run(|| {
			set_bonded(ISSUANCE / 4);
			let room = 1_000_000_000_000_u128;
			assert_ok!(Inflation::set_emission_mode(root(), cap(ISSUANCE + room)));
			run_to_block(ROUND);
			assert_eq!(Balances::total_issuance(), ISSUANCE + room, "at the cap exactly");
			let e = LastEmission::<Test>::get();
			assert_eq!(e.minted, room);
			assert_eq!(
				(e.stakers, e.subdaos, e.subnets, e.treasury),
				(room / 2, room * 3 / 10, room * 15 / 100, room * 5 / 100)
			);
			// The controller still steps the rate; at the cap the next round mints nothing.
			run_to_block(2 * ROUND);
			assert_eq!(Rate::<Test>::get(), Perbill::from_parts(219_500));
			assert_eq!(LastEmission::<Test>::get().minted, 0);
			assert_eq!(Balances::total_issuance(), ISSUANCE + room);
			assert!(matches!(
				events().iter().rev().nth(1),
				Some(Event::RoundStarted { round: 2, minted: 0, .. })
			));
		});
	}

	#[test]
	fn burns_reopen_room_so_at_the_cap_mints_equal_burns() {
		run(|| {
			set_bonded(ISSUANCE / 4);
			let supply_cap = ISSUANCE + 1_000_000_000_000;
			assert_ok!(Inflation::set_emission_mode(root(), cap(supply_cap)));
			run_to_block(ROUND);
			assert_eq!(Balances::total_issuance(), supply_cap);
			// FLY burned (as a Data Credit mint burns it) during the round...
			let burned = 123_456_789_u128;
			assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::burn_from(
				&STAKERS,
				burned,
				frame_support::traits::tokens::Preservation::Expendable,
				frame_support::traits::tokens::Precision::Exact,
				frame_support::traits::tokens::Fortitude::Force,
			));
			// ...is minted again at the next round start, and not a planck more.
			run_to_block(2 * ROUND);
			assert_eq!(LastEmission::<Test>::get().minted, burned);
			assert_eq!(Balances::total_issuance(), supply_cap);
		});
	}

	#[test]
	fn a_cap_below_the_supply_mints_nothing_until_burns_bring_it_under() {
		run(|| {
			set_bonded(ISSUANCE / 4);
			assert_ok!(Inflation::set_emission_mode(root(), cap(ISSUANCE / 2)));
			run_to_block(3 * ROUND);
			assert_eq!(Balances::total_issuance(), ISSUANCE);
			assert_eq!(LastEmission::<Test>::get().minted, 0);
			// Every sink was still told of its (empty) part each round.
			assert_eq!(notes().len(), 3 * 4);
			assert!(notes().iter().all(|(_, amount)| *amount == 0));
		});
	}

	#[test]
	fn the_bound_never_exceeds_the_plan_or_the_room() {
		for (planned, issuance, supply_cap, expected) in [
			(100, 1_000, 2_000, 100),
			(100, 1_950, 2_000, 50),
			(100, 2_000, 2_000, 0),
			(100, 3_000, 2_000, 0),
			(0, 1_000, 2_000, 0),
			(u128::MAX, 0, u128::MAX, u128::MAX),
		] {
			assert_eq!(cap(supply_cap).bound(planned, issuance), expected);
			assert_eq!(EmissionMode::BondedRatio.bound(planned, issuance), planned);
		}
	}
}
