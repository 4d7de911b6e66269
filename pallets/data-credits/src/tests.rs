// SPDX-License-Identifier: Apache-2.0
//! Unit tests: every call's success and error paths, events, and the supply invariant after each
//! test (see `mock::run`).

use crate::{mock::*, *};
use flywheel_primitives::FLY;
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Get, Hooks},
};
use sp_runtime::{DispatchError, FixedU128, Perbill};

type Dc = crate::Pallet<Test>;
type Err = crate::Error<Test>;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn last_event() -> crate::Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::DataCredits(e) = r.event { Some(e) } else { None })
		.next_back()
		.expect("an event was deposited")
}

/// Gives `who` `dc` DC by minting them at the test price ($1).
fn give_dc(who: AccountId, dc: flywheel_primitives::DataCredits) {
	assert_ok!(Dc::mint_data_credits(
		signed(ALICE),
		who,
		MintAmount::Credits { credits: dc, max_fly: u128::MAX }
	));
}

/// The mock's price rules with a quorum of `feeders`.
fn quorum_of(feeders: u32) -> PriceRules {
	PriceRules { min_feeders: feeders, ..<Test as Config>::DefaultPriceRules::get() }
}

mod mint {
	use super::*;

	#[test]
	fn burning_fly_mints_dc_and_lowers_issuance() {
		run(|| {
			let issuance = Balances::total_issuance();
			assert_ok!(Dc::mint_data_credits(
				signed(ALICE),
				BOB,
				MintAmount::Fly { fly: 2 * FLY, min_credits: 200_000 },
			));
			assert_eq!(DcBalances::<Test>::get(BOB), 200_000);
			assert_eq!(DcBalances::<Test>::get(ALICE), 0);
			assert_eq!(Balances::free_balance(ALICE), ENDOWMENT - 2 * FLY);
			assert_eq!(Balances::total_issuance(), issuance - 2 * FLY);
			assert_eq!(
				last_event(),
				Event::DataCreditsMinted {
					payer: ALICE,
					beneficiary: BOB,
					fly_burned: 2 * FLY,
					credits: 200_000,
					price: FixedU128::from_u32(1),
				}
			);
			assert_eq!(
				Dc::epoch_totals(0),
				EpochTotals { fly_burned: 2 * FLY, dc_minted: 200_000, ..Default::default() }
			);
		});
	}

	#[test]
	fn exact_credits_cost_at_most_the_limit_and_round_up() {
		run(|| {
			// $0.30 per FLY.
			set_feeds(&[FixedU128::from_rational(3, 10)], NOW);
			let issuance = Balances::total_issuance();
			assert_ok!(Dc::mint_data_credits(
				signed(ALICE),
				ALICE,
				MintAmount::Credits { credits: MINIMUM_CREDITS, max_fly: 333_333_334 },
			));
			assert_eq!(DcBalances::<Test>::get(ALICE), MINIMUM_CREDITS);
			// 10 DC cost 333,333,333.33… plancks, charged as 333,333,334.
			assert_eq!(Balances::total_issuance(), issuance - 333_333_334);
		});
	}

	/// Two feeders: the lower middle value is the median (the conservative side).
	#[test]
	fn uses_the_lower_median_of_the_fresh_feeds() {
		run(|| {
			set_feeds(&[FixedU128::from_u32(2), FixedU128::from_u32(1)], NOW);
			assert_ok!(Dc::mint_data_credits(
				signed(ALICE),
				ALICE,
				MintAmount::Fly { fly: FLY, min_credits: 0 }
			));
			assert_eq!(DcBalances::<Test>::get(ALICE), 100_000);
		});
	}

	#[test]
	fn slippage_is_enforced_both_ways() {
		run(|| {
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Fly { fly: FLY, min_credits: 100_001 }
				),
				Err::SlippageExceeded
			);
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Credits { credits: 100_000, max_fly: FLY - 1 }
				),
				Err::SlippageExceeded
			);
		});
	}

	#[test]
	fn zero_amounts_are_refused() {
		run(|| {
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Fly { fly: 0, min_credits: 0 }
				),
				Err::ZeroAmount
			);
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Credits { credits: 0, max_fly: u128::MAX }
				),
				Err::ZeroAmount
			);
			// Too little FLY to buy one DC is a zero mint, not a silent burn.
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Fly { fly: 1, min_credits: 0 }
				),
				Err::ZeroAmount
			);
		});
	}

	#[test]
	fn price_problems_are_refused() {
		run(|| {
			set_feeds(&[], NOW);
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Fly { fly: FLY, min_credits: 0 }
				),
				Err::NoPrice
			);
			set_feeds(&[FixedU128::from_u32(1)], NOW - MAX_AGE_MS - 1);
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Fly { fly: FLY, min_credits: 0 }
				),
				Err::StalePrice
			);
			set_feeds(&[FixedU128::from_u32(0)], NOW);
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Fly { fly: FLY, min_credits: 0 }
				),
				Err::ZeroPrice
			);
			set_feeds(&[FixedU128::from_u32(1)], NOW);
			assert_ok!(Dc::set_price_rules(RuntimeOrigin::root(), quorum_of(2)));
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Fly { fly: FLY, min_credits: 0 }
				),
				Err::StalePrice
			);
		});
	}

	#[test]
	fn a_price_exactly_max_age_old_is_still_fresh() {
		run(|| {
			set_feeds(&[FixedU128::from_u32(1)], NOW - MAX_AGE_MS);
			assert_ok!(Dc::mint_data_credits(
				signed(ALICE),
				ALICE,
				MintAmount::Fly { fly: FLY, min_credits: 0 }
			));
		});
	}

	#[test]
	fn too_little_fly_is_refused() {
		run(|| {
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Fly { fly: ENDOWMENT + 1, min_credits: 0 }
				),
				Err::InsufficientFly
			);
			// Burning the whole balance would kill the account: refused too.
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Fly { fly: ENDOWMENT, min_credits: 0 }
				),
				Err::InsufficientFly
			);
			assert_noop!(
				Dc::mint_data_credits(
					signed(99),
					ALICE,
					MintAmount::Fly { fly: FLY, min_credits: 0 }
				),
				Err::InsufficientFly
			);
		});
	}

	#[test]
	fn extreme_prices_and_amounts_overflow_cleanly() {
		run(|| {
			// At ~1.7 × 10^20 USD per FLY, one FLY would buy ~1.7 × 10^25 DC: beyond u64.
			set_feeds(&[FixedU128::from_inner(u128::MAX / 2)], NOW);
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Fly { fly: FLY, min_credits: 0 }
				),
				Err::Overflow
			);
			set_feeds(&[FixedU128::from_inner(1)], NOW);
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Credits { credits: u64::MAX, max_fly: u128::MAX },
				),
				Err::Overflow
			);
		});
	}

	#[test]
	fn a_full_balance_cannot_overflow() {
		run(|| {
			DcBalances::<Test>::insert(BOB, u64::MAX);
			Ledger::<Test>::mutate(|l| {
				l.supply = SupplyTotals { minted: u128::from(u64::MAX), burned: 0 }
			});
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					BOB,
					MintAmount::Credits { credits: 1, max_fly: u128::MAX }
				),
				Err::Overflow
			);
		});
	}

	#[test]
	fn paused_minting_is_refused_and_resumes() {
		run(|| {
			assert_ok!(Dc::set_minting_paused(RuntimeOrigin::root(), true));
			assert_eq!(last_event(), Event::MintingPausedSet { paused: true });
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Fly { fly: FLY, min_credits: 0 }
				),
				Err::MintingPaused
			);
			assert_ok!(Dc::set_minting_paused(RuntimeOrigin::root(), false));
			assert_ok!(Dc::mint_data_credits(
				signed(ALICE),
				ALICE,
				MintAmount::Fly { fly: FLY, min_credits: 0 }
			));
		});
	}

	#[test]
	fn unsigned_mint_is_refused() {
		run(|| {
			assert_noop!(
				Dc::mint_data_credits(
					RuntimeOrigin::none(),
					ALICE,
					MintAmount::Fly { fly: FLY, min_credits: 0 }
				),
				DispatchError::BadOrigin
			);
		});
	}
}

mod breaker {
	use super::*;

	#[test]
	fn mints_over_the_window_threshold_fail_and_capacity_returns_with_decay() {
		run(|| {
			assert_ok!(Dc::set_circuit_breaker(
				RuntimeOrigin::root(),
				BreakerConfig { window: 100, threshold: 300_000 }
			));
			give_dc(ALICE, 300_000);
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Credits { credits: 1, max_fly: u128::MAX }
				),
				Err::CircuitBreakerTriggered
			);
			// 50 blocks later half the window has decayed.
			System::set_block_number(51);
			give_dc(ALICE, 150_000);
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Credits { credits: 1, max_fly: u128::MAX }
				),
				Err::CircuitBreakerTriggered
			);
			assert_eq!(DcBalances::<Test>::get(ALICE), 450_000);
		});
	}

	/// Issue #33: the breaker was first come, first served, so one account could take the whole
	/// window. Now each payer may mint at most `MaxPayerShare` of the threshold per window; the
	/// others still can, and a payer's capacity comes back with the decay.
	#[test]
	fn no_single_payer_takes_the_whole_window() {
		run(|| {
			MaxPayerShare::set(Perbill::from_percent(10));
			assert_ok!(Dc::set_circuit_breaker(
				RuntimeOrigin::root(),
				BreakerConfig { window: 100, threshold: 1_000_000 }
			));
			let mint = |who, credits| {
				Dc::mint_data_credits(
					signed(who),
					who,
					MintAmount::Credits { credits, max_fly: u128::MAX },
				)
			};
			assert_ok!(mint(ALICE, 100_000));
			assert_eq!(PayerWindows::<Test>::get(ALICE).value, 100_000);
			assert_noop!(mint(ALICE, 1), Err::PayerShareExceeded);
			// Another payer still mints, and the window counts both.
			assert_ok!(mint(BOB, 100_000));
			assert_eq!(Ledger::<Test>::get().breaker.value, 200_000);
			// Half a window later Alice has half her share back.
			System::set_block_number(51);
			assert_noop!(mint(ALICE, 50_001), Err::PayerShareExceeded);
			assert_ok!(mint(ALICE, 50_000));
			assert_eq!(DcBalances::<Test>::get(ALICE), 150_000);
		});
	}

	#[test]
	fn governance_sets_it_within_range() {
		run(|| {
			let config = BreakerConfig { window: 10, threshold: 5 };
			assert_ok!(Dc::set_circuit_breaker(RuntimeOrigin::root(), config));
			assert_eq!(Dc::breaker_config(), config);
			assert_eq!(last_event(), Event::CircuitBreakerSet { config });
			assert_noop!(
				Dc::set_circuit_breaker(
					RuntimeOrigin::root(),
					BreakerConfig { window: 0, threshold: 5 }
				),
				Err::InvalidParameter
			);
			assert_noop!(
				Dc::set_circuit_breaker(
					RuntimeOrigin::root(),
					BreakerConfig { window: 5, threshold: 0 }
				),
				Err::InvalidParameter
			);
			assert_noop!(Dc::set_circuit_breaker(signed(ALICE), config), DispatchError::BadOrigin);
		});
	}
}

mod burn {
	use super::*;

	/// The wash burn: a holder buys DC and burns them "for" a subDAO's usage or onboarding to
	/// raise its score. The burn goes through (Helium's `burn_without_tracking`) and the burn
	/// tracker, which feeds every score, hears nothing.
	#[test]
	fn a_holders_own_burn_counts_toward_no_score() {
		run(|| {
			give_dc(ALICE, 1_000);
			assert_ok!(Dc::burn_data_credits(
				signed(ALICE),
				300,
				ServicePurpose::Usage { subdao: SUBDAO_1 }
			));
			assert_eq!(
				last_event(),
				Event::DataCreditsBurned {
					who: ALICE,
					subdao: SUBDAO_1,
					purpose: BurnPurpose::Usage,
					amount: 300
				}
			);
			assert_ok!(Dc::burn_data_credits(
				signed(ALICE),
				700,
				ServicePurpose::DeviceOnboarding { subdao: SUBDAO_2 }
			));
			assert!(reported_burns().is_empty());
			// An emptied balance is removed from storage.
			assert!(!DcBalances::<Test>::contains_key(ALICE));
			assert_eq!(Dc::supply(), SupplyTotals { minted: 1_000, burned: 1_000 });
			assert_eq!(Dc::epoch_totals(0).dc_burned, 1_000);
		});
	}

	#[test]
	fn bad_burns_are_refused() {
		run(|| {
			give_dc(ALICE, 10);
			let usage = ServicePurpose::Usage { subdao: SUBDAO_1 };
			assert_noop!(Dc::burn_data_credits(signed(ALICE), 0, usage), Err::ZeroAmount);
			assert_noop!(
				Dc::burn_data_credits(signed(ALICE), 11, usage),
				Err::InsufficientDataCredits
			);
			assert_noop!(
				Dc::burn_data_credits(signed(BOB), 1, usage),
				Err::InsufficientDataCredits
			);
			assert_noop!(
				Dc::burn_data_credits(
					signed(ALICE),
					1,
					ServicePurpose::Usage { subdao: UNKNOWN_SUBDAO }
				),
				Err::UnknownSubDao
			);
			assert_noop!(
				Dc::burn_data_credits(RuntimeOrigin::none(), 1, usage),
				DispatchError::BadOrigin
			);
			assert!(reported_burns().is_empty());
		});
	}
}

mod delegation {
	use super::*;

	#[test]
	fn delegate_then_router_burns_from_escrow() {
		run(|| {
			give_dc(ALICE, 1_000);
			assert_ok!(Dc::delegate_data_credits(signed(ALICE), SUBDAO_1, KEY, 600));
			assert_eq!(
				last_event(),
				Event::DataCreditsDelegated {
					who: ALICE,
					subdao: SUBDAO_1,
					router_key: KEY,
					amount: 600
				}
			);
			assert_ok!(Dc::delegate_data_credits(signed(ALICE), SUBDAO_1, KEY, 100));
			assert_eq!(DcBalances::<Test>::get(ALICE), 300);
			assert_eq!(Escrows::<Test>::get(SUBDAO_1, KEY), Some(700));

			assert_ok!(Dc::burn_delegated_data_credits(signed(ROUTER_1), SUBDAO_1, KEY, 200));
			assert_eq!(
				last_event(),
				Event::DelegatedDataCreditsBurned {
					authority: ROUTER_1,
					subdao: SUBDAO_1,
					router_key: KEY,
					amount: 200,
					fly_value: 2 * FLY / 1_000
				}
			);
			assert_eq!(Escrows::<Test>::get(SUBDAO_1, KEY), Some(500));
			// Valued at $1 per FLY: 200 DC = $0.002 = 0.002 FLY.
			assert_eq!(
				reported_burns(),
				vec![(SUBDAO_1, BurnPurpose::Usage, 200, 2 * FLY / 1_000)]
			);

			// Burning the rest removes the escrow.
			assert_ok!(Dc::burn_delegated_data_credits(signed(ROUTER_1), SUBDAO_1, KEY, 500));
			assert_eq!(Escrows::<Test>::get(SUBDAO_1, KEY), None);
		});
	}

	#[test]
	fn bad_delegations_are_refused() {
		run(|| {
			give_dc(ALICE, 10);
			assert_noop!(
				Dc::delegate_data_credits(signed(ALICE), SUBDAO_1, KEY, 0),
				Err::ZeroAmount
			);
			assert_noop!(
				Dc::delegate_data_credits(signed(ALICE), UNKNOWN_SUBDAO, KEY, 1),
				Err::UnknownSubDao
			);
			assert_noop!(
				Dc::delegate_data_credits(signed(ALICE), SUBDAO_1, KEY, 11),
				Err::InsufficientDataCredits
			);
			assert_noop!(
				Dc::delegate_data_credits(RuntimeOrigin::none(), SUBDAO_1, KEY, 1),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn an_escrow_cannot_overflow() {
		run(|| {
			give_dc(ALICE, 10);
			Escrows::<Test>::insert(SUBDAO_1, KEY, u64::MAX);
			Ledger::<Test>::mutate(|l| l.supply.minted += u128::from(u64::MAX));
			assert_noop!(Dc::delegate_data_credits(signed(ALICE), SUBDAO_1, KEY, 1), Err::Overflow);
		});
	}

	#[test]
	fn only_the_burn_authority_burns_delegated_dc() {
		run(|| {
			give_dc(ALICE, 100);
			assert_ok!(Dc::delegate_data_credits(signed(ALICE), SUBDAO_1, KEY, 100));
			assert_noop!(
				Dc::burn_delegated_data_credits(signed(ROUTER_2), SUBDAO_1, KEY, 1),
				Err::NotBurnAuthority
			);
			assert_noop!(
				Dc::burn_delegated_data_credits(signed(ALICE), SUBDAO_1, KEY, 1),
				Err::NotBurnAuthority
			);
			assert_noop!(
				Dc::burn_delegated_data_credits(signed(ROUTER_1), UNKNOWN_SUBDAO, KEY, 1),
				Err::UnknownSubDao
			);
			assert_noop!(
				Dc::burn_delegated_data_credits(signed(ROUTER_1), SUBDAO_1, [9; 32], 1),
				Err::NoSuchEscrow
			);
			assert_noop!(
				Dc::burn_delegated_data_credits(signed(ROUTER_1), SUBDAO_1, KEY, 101),
				Err::InsufficientEscrow
			);
			assert_noop!(
				Dc::burn_delegated_data_credits(signed(ROUTER_1), SUBDAO_1, KEY, 0),
				Err::ZeroAmount
			);
			assert_noop!(
				Dc::burn_delegated_data_credits(RuntimeOrigin::none(), SUBDAO_1, KEY, 1),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn usage_is_not_burned_without_a_price_to_value_it() {
		run(|| {
			give_dc(ALICE, 100);
			assert_ok!(Dc::delegate_data_credits(signed(ALICE), SUBDAO_1, KEY, 100));
			// A usage burn that could not be valued would attract emission for nothing.
			set_feeds(&[], NOW);
			assert_noop!(
				Dc::burn_delegated_data_credits(signed(ROUTER_1), SUBDAO_1, KEY, 10),
				Err::NoPrice
			);
			assert!(reported_burns().is_empty());
			assert_eq!(Escrows::<Test>::get(SUBDAO_1, KEY), Some(100));
		});
	}
}

mod governance {
	use super::*;

	#[test]
	fn price_rules_are_set_by_admin_within_range() {
		run(|| {
			let rules = PriceRules { max_age_ms: 5, ..quorum_of(3) };
			assert_ok!(Dc::set_price_rules(RuntimeOrigin::root(), rules));
			assert_eq!(Dc::price_rules(), rules);
			assert_eq!(last_event(), Event::PriceRulesSet { rules });
			let zero_age = PriceRules { max_age_ms: 0, ..rules };
			let zero_quorum = PriceRules { min_feeders: 0, ..rules };
			let zero_period = PriceRules { twap_period_ms: 0, ..rules };
			let zero_move = PriceRules { max_move: Perbill::zero(), ..rules };
			let zero_window = PriceRules { move_window_ms: 0, ..rules };
			for bad in [zero_age, zero_quorum, zero_period, zero_move, zero_window] {
				assert_noop!(
					Dc::set_price_rules(RuntimeOrigin::root(), bad),
					Err::InvalidParameter
				);
			}
			assert_noop!(Dc::set_price_rules(signed(ALICE), rules), DispatchError::BadOrigin);
		});
	}

	/// The `tokenomics_admin` track (the bounded origin) sets each price rule and the breaker at
	/// the edge of their ranges and is refused one step past; root may go past.
	#[test]
	fn the_bounded_origin_keeps_rules_and_breaker_within_range() {
		run(|| {
			let admin = signed(BOUNDED_ADMIN);
			let r = Ranges::get();
			assert_ok!(Dc::set_price_rules(admin.clone(), r.price_rules.max));
			assert_eq!(Dc::price_rules(), r.price_rules.max);
			assert_ok!(Dc::set_price_rules(admin.clone(), r.price_rules.min));
			let (lo, hi) = (r.price_rules.min, r.price_rules.max);
			let past = [
				PriceRules { max_age_ms: hi.max_age_ms + 1, ..lo },
				PriceRules { max_age_ms: lo.max_age_ms - 1, ..lo },
				// A quorum above the feeders governance may keep.
				PriceRules { min_feeders: hi.min_feeders + 1, ..lo },
				PriceRules { twap_period_ms: hi.twap_period_ms + 1, ..lo },
				// A price allowed to jump without limit.
				PriceRules { max_move: Perbill::from_percent(100), ..lo },
				PriceRules { move_window_ms: lo.move_window_ms - 1, ..lo },
			];
			for rules in past {
				assert_noop!(
					Dc::set_price_rules(admin.clone(), rules),
					Err::OutsideGovernanceBounds
				);
				assert_ok!(Dc::set_price_rules(RuntimeOrigin::root(), rules));
			}
			let (lo, hi) = (r.breaker.min, r.breaker.max);
			assert_ok!(Dc::set_circuit_breaker(admin.clone(), hi));
			assert_ok!(Dc::set_circuit_breaker(admin.clone(), lo));
			for config in [
				BreakerConfig { threshold: hi.threshold + 1, ..hi },
				BreakerConfig { window: lo.window - 1, ..lo },
				BreakerConfig { window: hi.window + 1, ..lo },
			] {
				assert_noop!(
					Dc::set_circuit_breaker(admin.clone(), config),
					Err::OutsideGovernanceBounds
				);
				assert_ok!(Dc::set_circuit_breaker(RuntimeOrigin::root(), config));
			}
		});
	}

	#[test]
	fn pause_needs_admin() {
		run(|| {
			assert_noop!(Dc::set_minting_paused(signed(ALICE), true), DispatchError::BadOrigin);
		});
	}

	#[test]
	fn escrow_moves_to_another_subdao_and_merges() {
		run(|| {
			give_dc(ALICE, 100);
			assert_ok!(Dc::delegate_data_credits(signed(ALICE), SUBDAO_1, KEY, 60));
			assert_ok!(Dc::delegate_data_credits(signed(ALICE), SUBDAO_2, KEY, 40));
			assert_ok!(Dc::move_escrow(RuntimeOrigin::root(), KEY, SUBDAO_1, SUBDAO_2));
			assert_eq!(
				last_event(),
				Event::EscrowMoved { router_key: KEY, from: SUBDAO_1, to: SUBDAO_2, amount: 60 }
			);
			assert_eq!(Escrows::<Test>::get(SUBDAO_1, KEY), None);
			assert_eq!(Escrows::<Test>::get(SUBDAO_2, KEY), Some(100));
			// Now subDAO 2's router burns it.
			assert_ok!(Dc::burn_delegated_data_credits(signed(ROUTER_2), SUBDAO_2, KEY, 100));
		});
	}

	#[test]
	fn bad_escrow_moves_are_refused() {
		run(|| {
			give_dc(ALICE, 100);
			assert_ok!(Dc::delegate_data_credits(signed(ALICE), SUBDAO_1, KEY, 60));
			assert_noop!(
				Dc::move_escrow(signed(ALICE), KEY, SUBDAO_1, SUBDAO_2),
				DispatchError::BadOrigin
			);
			// The bounded track may not hand a router's DC to another subDAO's burn authority.
			assert_noop!(
				Dc::move_escrow(signed(BOUNDED_ADMIN), KEY, SUBDAO_1, SUBDAO_2),
				Err::EscrowMoveNeedsRoot
			);
			assert_noop!(
				Dc::move_escrow(RuntimeOrigin::root(), KEY, SUBDAO_1, SUBDAO_1),
				Err::SameSubDao
			);
			assert_noop!(
				Dc::move_escrow(RuntimeOrigin::root(), KEY, SUBDAO_1, UNKNOWN_SUBDAO),
				Err::UnknownSubDao
			);
			assert_noop!(
				Dc::move_escrow(RuntimeOrigin::root(), [1; 32], SUBDAO_1, SUBDAO_2),
				Err::NoSuchEscrow
			);
			Escrows::<Test>::insert(SUBDAO_2, KEY, u64::MAX);
			Ledger::<Test>::mutate(|l| l.supply.minted += u128::from(u64::MAX));
			assert_noop!(
				Dc::move_escrow(RuntimeOrigin::root(), KEY, SUBDAO_1, SUBDAO_2),
				Err::Overflow
			);
		});
	}
}

mod subnet_burn {
	use super::*;

	#[test]
	fn burning_for_a_subnet_counts_as_its_revenue() {
		run(|| {
			give_dc(SERVICE, 1_000);
			assert_ok!(Dc::burn_data_credits_for_subnet(signed(SERVICE), SUBNET, 400));
			assert_eq!(DcBalances::<Test>::get(SERVICE), 600);
			// Valued at $1 per FLY: 400 DC = $0.004 = 0.004 FLY.
			let value = 4 * FLY / 1_000;
			assert_eq!(reported_subnet_revenue(), vec![(SUBNET, 400, value)]);
			// Not a subDAO's usage.
			assert!(reported_burns().is_empty());
			assert_eq!(Dc::supply().burned, 400);
			assert_eq!(Dc::epoch_totals(0).dc_burned, 400);
			assert_eq!(
				last_event(),
				Event::SubnetDataCreditsBurned {
					who: SERVICE,
					netuid: SUBNET,
					amount: 400,
					fly_value: value
				}
			);
			// Without a usable price the burn is refused: it would count as worth nothing.
			set_feeds(&[], NOW);
			assert_noop!(
				Dc::burn_data_credits_for_subnet(signed(SERVICE), SUBNET, 600),
				Err::NoPrice
			);
			assert_eq!(reported_subnet_revenue().len(), 1);
			assert_eq!(DcBalances::<Test>::get(SERVICE), 600);
		});
	}

	#[test]
	fn a_holders_own_burn_for_a_subnet_is_refused() {
		run(|| {
			give_dc(ALICE, 1_000);
			assert_noop!(
				Dc::burn_data_credits_for_subnet(signed(ALICE), SUBNET, 400),
				Err::NotServiceAuthority
			);
			assert!(reported_subnet_revenue().is_empty());
		});
	}

	#[test]
	fn bad_burns_for_a_subnet_change_nothing() {
		run(|| {
			give_dc(SERVICE, 1_000);
			assert_noop!(
				Dc::burn_data_credits_for_subnet(signed(SERVICE), SUBNET, 0),
				Err::ZeroAmount
			);
			assert_noop!(
				Dc::burn_data_credits_for_subnet(signed(SERVICE), SUBNET + 1, 10),
				Err::UnknownSubnet
			);
			assert_noop!(
				Dc::burn_data_credits_for_subnet(signed(SERVICE), SUBNET, 1_001),
				Err::InsufficientDataCredits
			);
			assert_noop!(
				Dc::burn_data_credits_for_subnet(RuntimeOrigin::root(), SUBNET, 10),
				DispatchError::BadOrigin
			);
			assert!(reported_subnet_revenue().is_empty());
		});
	}
}

mod accounting {
	use super::*;

	#[test]
	fn minted_fly_and_the_issuance_at_close_are_kept_per_epoch() {
		run(|| {
			<Dc as flywheel_primitives::MintObserver>::note_minted(7 * FLY);
			<Dc as flywheel_primitives::MintObserver>::note_minted(3 * FLY);
			give_dc(ALICE, 100_000); // burns 1 FLY
			assert_eq!(Dc::epoch_totals(0).fly_minted, 10 * FLY);
			assert_eq!(Dc::epoch_totals(0).issuance_at_close, 0, "still open");
			let issuance = Balances::total_issuance();
			Dc::on_initialize(u64::from(EPOCH_LENGTH));
			let closed = Dc::epoch_totals(0);
			assert_eq!((closed.fly_minted, closed.fly_burned), (10 * FLY, FLY));
			assert_eq!(closed.issuance_at_close, issuance);
			assert_eq!(Dc::epoch_totals(1), EpochTotals::default());
			<Dc as flywheel_primitives::MintObserver>::note_minted(FLY);
			assert_eq!(Dc::epoch_totals(1).fly_minted, FLY);
		});
	}

	#[test]
	fn epoch_totals_roll_and_keep_a_bounded_history() {
		run(|| {
			let idle = <() as crate::WeightInfo>::on_initialize_idle();
			let hot = <<Test as frame_system::Config>::DbWeight as Get<
				frame_support::weights::RuntimeDbWeight,
			>>::get()
			.reads_writes(1, 1);
			for epoch in 0..5u32 {
				let start = u64::from(epoch * EPOCH_LENGTH);
				if start > 0 {
					// The block before only pays for the ledger's first access.
					assert_eq!(Dc::on_initialize(start - 1), hot + idle);
					let weight = Dc::on_initialize(start);
					assert_eq!(weight, hot + <() as crate::WeightInfo>::on_initialize_new_epoch());
				}
				System::set_block_number(start + 1);
				give_dc(ALICE, 10);
				assert_eq!(Ledger::<Test>::get().epoch, epoch);
			}
			// History of 3: epoch 4 in the ledger, 2 and 3 in history.
			assert!(!EpochTotalsOf::<Test>::contains_key(0));
			assert!(!EpochTotalsOf::<Test>::contains_key(1));
			assert!(!EpochTotalsOf::<Test>::contains_key(4));
			for epoch in 2..5 {
				assert_eq!(Dc::epoch_totals(epoch).dc_minted, 10);
			}
			assert_eq!(Dc::epoch_totals(1), EpochTotals::default());
			assert_eq!(Dc::supply().minted, 50);
			// A block number of an epoch already started changes nothing.
			Dc::on_initialize(u64::from(EPOCH_LENGTH));
			assert_eq!(Ledger::<Test>::get().epoch, 4);
		});
	}

	#[test]
	fn the_cached_price_goes_stale_with_its_oldest_feed_until_the_next_feed() {
		run(|| {
			set_feeds(&[FixedU128::from_u32(2), FixedU128::from_u32(3)], NOW - MAX_AGE_MS);
			assert_eq!(Dc::current_price().ok(), Some(FixedU128::from_u32(2)));
			set_time(NOW + 1);
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Fly { fly: FLY, min_credits: 0 }
				),
				Err::StalePrice
			);
			// A fresh feed is aggregated again and minting works.
			set_feeds(&[FixedU128::from_u32(3)], NOW + 1);
			assert_ok!(Dc::mint_data_credits(
				signed(ALICE),
				ALICE,
				MintAmount::Fly { fly: FLY, min_credits: 0 }
			));
			assert_eq!(DcBalances::<Test>::get(ALICE), 300_000);
		});
	}

	#[test]
	fn quotes_match_what_mint_does() {
		run(|| {
			set_feeds(&[FixedU128::from_rational(7, 3)], NOW);
			let fly = Dc::quote_dc_to_fly(12_345).expect("a price");
			let before = Balances::free_balance(ALICE);
			assert_ok!(Dc::mint_data_credits(
				signed(ALICE),
				ALICE,
				MintAmount::Credits { credits: 12_345, max_fly: fly },
			));
			assert_eq!(before - Balances::free_balance(ALICE), fly);
			assert_eq!(
				Dc::quote_fly_to_dc(FLY),
				math::fly_to_dc(FLY, FixedU128::from_rational(7, 3))
			);
			set_feeds(&[], NOW);
			assert_eq!(Dc::quote_fly_to_dc(FLY), None);
		});
	}

	#[test]
	fn dc_is_not_a_transferable_token() {
		// DC has no transfer call: the only calls are the ones below.
		let calls = <crate::Call<Test> as frame_support::traits::GetCallName>::get_call_names();
		assert_eq!(
			calls,
			[
				"mint_data_credits",
				"burn_data_credits",
				"delegate_data_credits",
				"burn_delegated_data_credits",
				"set_price_rules",
				"set_circuit_breaker",
				"set_minting_paused",
				"move_escrow",
				"burn_data_credits_for_subnet",
				"feed_price"
			]
		);
		run(|| {
			// Fungible FLY is untouched by DC moves other than minting.
			give_dc(ALICE, MINIMUM_CREDITS);
			let fly = <Balances as Inspect<AccountId>>::balance(&ALICE);
			assert_ok!(Dc::delegate_data_credits(signed(ALICE), SUBDAO_1, KEY, MINIMUM_CREDITS));
			assert_eq!(<Balances as Inspect<AccountId>>::balance(&ALICE), fly);
		});
	}
}

mod properties {
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		MintFly { who: AccountId, fly: u128 },
		MintCredits { who: AccountId, dc: u64 },
		Burn { who: AccountId, dc: u64 },
		Delegate { who: AccountId, dc: u64 },
		RouterBurn { dc: u64 },
		Move,
	}

	fn op() -> impl Strategy<Value = Op> {
		let who = prop_oneof![Just(ALICE), Just(BOB), Just(CHARLIE)];
		prop_oneof![
			(who.clone(), 1u128..20 * FLY).prop_map(|(who, fly)| Op::MintFly { who, fly }),
			(who.clone(), 1u64..5_000_000).prop_map(|(who, dc)| Op::MintCredits { who, dc }),
			(who.clone(), 1u64..2_000_000).prop_map(|(who, dc)| Op::Burn { who, dc }),
			(who, 1u64..2_000_000).prop_map(|(who, dc)| Op::Delegate { who, dc }),
			(1u64..2_000_000).prop_map(|dc| Op::RouterBurn { dc }),
			Just(Op::Move),
		]
	}

	/// Prices from $0.000001 to $1,000,000 per FLY.
	fn price() -> impl Strategy<Value = FixedU128> {
		(1u128..1_000_000_000_000u128).prop_map(|micro| FixedU128::from_rational(micro, 1_000_000))
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(256))]

		/// Whatever sequence of calls, successful or not, the supply invariant holds and FLY
		/// issuance falls by exactly the FLY the mints report.
		#[test]
		fn invariant_holds_over_random_call_sequences(p in price(), ops in proptest::collection::vec(op(), 1..40)) {
			run(|| {
				set_feeds(&[p], NOW);
				let issuance = Balances::total_issuance();
				let mut burned_fly = 0u128;
				for op in ops {
					let _ = match op {
						Op::MintFly { who, fly } => Dc::mint_data_credits(signed(who), who, MintAmount::Fly { fly, min_credits: 0 }),
						Op::MintCredits { who, dc } => Dc::mint_data_credits(signed(who), who, MintAmount::Credits { credits: dc, max_fly: u128::MAX }),
						Op::Burn { who, dc } => Dc::burn_data_credits(signed(who), dc, ServicePurpose::Usage { subdao: SUBDAO_1 }),
						Op::Delegate { who, dc } => Dc::delegate_data_credits(signed(who), SUBDAO_1, KEY, dc),
						Op::RouterBurn { dc } => Dc::burn_delegated_data_credits(signed(ROUTER_1), SUBDAO_1, KEY, dc),
						Op::Move => Dc::move_escrow(RuntimeOrigin::root(), KEY, SUBDAO_1, SUBDAO_2)
							.and_then(|_| Dc::move_escrow(RuntimeOrigin::root(), KEY, SUBDAO_2, SUBDAO_1)),
					};
					if let Some(Event::DataCreditsMinted { fly_burned, .. }) = System::events().pop().and_then(|r| match r.event {
						RuntimeEvent::DataCredits(e) => Some(e),
						_ => None,
					}) {
						burned_fly += fly_burned;
					}
					System::reset_events();
					Dc::do_try_state().expect("invariant holds after every call");
				}
				assert_eq!(Balances::total_issuance(), issuance - burned_fly);
			});
		}

		/// No round trip creates value: the DC a mint gives are never worth more FLY than it
		/// burned, and the FLY a DC quote charges always buys at least those DC.
		#[test]
		fn no_round_trip_creates_value(p in price(), fly in 1u128..u128::from(u64::MAX), dc in 1u64..u64::MAX / 2) {
			if let Some(credits) = math::fly_to_dc(fly, p) {
				if let Some(cost) = math::dc_to_fly(credits, p) {
					prop_assert!(cost <= fly, "{credits} DC for {fly} plancks would cost {cost}");
				}
			}
			if let Some(cost) = math::dc_to_fly(dc, p) {
				if let Some(back) = math::fly_to_dc(cost, p) {
					prop_assert!(back >= dc, "{cost} plancks buy {back} < {dc} DC");
				}
			}
		}
	}
}

mod charge {
	use super::*;
	use flywheel_primitives::{BurnPurpose, DataCreditsCharge};

	#[test]
	fn another_pallet_charges_dc_like_a_burn() {
		run(|| {
			give_dc(ALICE, 1_000);
			assert_ok!(<Dc as DataCreditsCharge<AccountId>>::charge(
				&ALICE,
				SUBDAO_1,
				BurnPurpose::DeviceOnboarding,
				400
			));
			assert_eq!(DcBalances::<Test>::get(ALICE), 600);
			assert_eq!(Dc::supply().burned, 400);
			assert_eq!(reported_burns(), vec![(SUBDAO_1, BurnPurpose::DeviceOnboarding, 400, 0)]);
			assert_eq!(
				last_event(),
				Event::DataCreditsBurned {
					who: ALICE,
					subdao: SUBDAO_1,
					purpose: BurnPurpose::DeviceOnboarding,
					amount: 400
				}
			);
		});
	}

	#[test]
	fn a_charge_over_the_balance_changes_nothing() {
		run(|| {
			give_dc(ALICE, 100);
			let charge = |amount, subdao| {
				<Dc as DataCreditsCharge<AccountId>>::charge(
					&ALICE,
					subdao,
					BurnPurpose::DeviceOnboarding,
					amount,
				)
			};
			assert_noop!(charge(101, SUBDAO_1), Err::InsufficientDataCredits);
			assert_noop!(charge(0, SUBDAO_1), Err::ZeroAmount);
			assert_noop!(charge(1, UNKNOWN_SUBDAO), Err::UnknownSubDao);
			assert!(reported_burns().is_empty());
		});
	}
}

mod api {
	use super::*;

	#[test]
	fn quotes_follow_the_conservative_price_and_need_a_usable_one() {
		run(|| {
			// Two feeders, $2 and $1: quotes use $1.
			set_feeds(&[FixedU128::from_u32(2), FixedU128::from_u32(1)], NOW);
			assert_eq!(Dc::quote_fly_to_dc(FLY), Some(100_000));
			assert_eq!(Dc::quote_dc_to_fly(100_000), Some(FLY));
			set_time(NOW + MAX_AGE_MS + 1);
			assert_eq!(Dc::quote_fly_to_dc(FLY), None);
			assert_eq!(Dc::quote_dc_to_fly(1), None);
		});
	}

	#[test]
	fn balances_and_escrows_are_read_back() {
		run(|| {
			give_dc(ALICE, 1_000);
			assert_ok!(Dc::delegate_data_credits(signed(ALICE), SUBDAO_1, KEY, 300));
			assert_eq!(Dc::dc_balance(&ALICE), 700);
			assert_eq!(Dc::escrow_balance(SUBDAO_1, KEY), 300);
			assert_eq!(Dc::escrow_balance(SUBDAO_2, KEY), 0);
			assert_eq!(Dc::dc_balance(&BOB), 0);
		});
	}
}

mod quorum {
	use super::*;

	/// Three feeders at $1 and one of them lies.
	fn three_honest_feeders() {
		assert_ok!(Dc::set_price_rules(RuntimeOrigin::root(), quorum_of(3)));
		set_feeds(&[FixedU128::from_u32(1); 3], NOW);
	}

	/// The attack: one feeder quotes 10× the price to make DC ten times cheaper in FLY. The
	/// median of the quorum does not move, and nor does the mint.
	#[test]
	fn one_feeder_quoting_ten_times_moves_nothing() {
		run(|| {
			three_honest_feeders();
			let one = FixedU128::from_u32(1);
			feed(&[FixedU128::from_u32(10), one, one], NOW);
			assert_eq!(Dc::current_price().ok(), Some(one));
			assert_ok!(Dc::mint_data_credits(
				signed(ALICE),
				ALICE,
				MintAmount::Fly { fly: FLY, min_credits: 0 }
			));
			assert_eq!(DcBalances::<Test>::get(ALICE), 100_000);
		});
	}

	/// Two of three feeders quoting 10× can only move the price 10% per window, and the mint
	/// follows the average, slower still.
	#[test]
	fn a_colluding_majority_moves_the_price_a_bounded_step() {
		run(|| {
			three_honest_feeders();
			let ten = FixedU128::from_u32(10);
			feed(&[ten, ten, FixedU128::from_u32(1)], NOW);
			let cached = Ledger::<Test>::get().price.expect("aggregated");
			assert_eq!(cached.median, ten);
			assert_eq!(cached.spot, FixedU128::from_rational(11, 10));
			assert_eq!(Dc::current_price().ok(), Some(FixedU128::from_u32(1)));
		});
	}

	#[test]
	fn below_quorum_a_mint_fails_with_stale_price() {
		run(|| {
			three_honest_feeders();
			// One feeder goes quiet: two fresh values are not a quorum.
			set_time(NOW + MAX_AGE_MS / 2);
			feed(&[FixedU128::from_u32(1); 2], NOW + MAX_AGE_MS / 2);
			assert_noop!(
				Dc::mint_data_credits(
					signed(ALICE),
					ALICE,
					MintAmount::Fly { fly: FLY, min_credits: 0 }
				),
				Err::StalePrice
			);
			assert_eq!(Dc::quote_fly_to_dc(FLY), None);
		});
	}

	#[test]
	fn feeders_feed_through_an_operational_free_call() {
		run(|| {
			let price = FixedU128::from_rational(12, 10);
			let info =
				frame_support::dispatch::GetDispatchInfo::get_dispatch_info(
					&crate::Call::<Test>::feed_price { price },
				);
			assert_eq!(info.class, frame_support::dispatch::DispatchClass::Operational);
			let post = Dc::feed_price(signed(FEEDERS[0]), price).expect("a feeder feeds");
			assert_eq!(post.pays_fee, frame_support::dispatch::Pays::No);
			assert_eq!(fed(), vec![(FEEDERS[0], price)]);
			assert_eq!(last_event(), Event::PriceFed { feeder: FEEDERS[0], price });
			// The feed was aggregated at once (the $1 feed of the mock and this one: lower
			// median $1).
			assert_eq!(Ledger::<Test>::get().price.map(|p| p.fresh_feeders), Some(2));
		});
	}

	#[test]
	fn bad_feeds_are_refused() {
		run(|| {
			let price = FixedU128::from_u32(2);
			assert_noop!(Dc::feed_price(signed(ALICE), price), DispatchError::BadOrigin);
			assert_noop!(Dc::feed_price(RuntimeOrigin::root(), price), DispatchError::BadOrigin);
			assert_ok!(Dc::feed_price(signed(FEEDERS[1]), price));
			assert_noop!(
				Dc::feed_price(signed(FEEDERS[1]), price),
				DispatchError::Other("AlreadyFeeded")
			);
		});
	}
}

mod minimum {
	use super::*;

	/// The bloat attempt: one-DC balances for many fresh accounts, one-DC escrows for many
	/// router keys. Each new entry must hold the minimum; topping up an existing one need not.
	#[test]
	fn new_balances_and_escrows_start_at_the_minimum() {
		run(|| {
			let dust = MintAmount::Credits { credits: MINIMUM_CREDITS - 1, max_fly: u128::MAX };
			assert_noop!(Dc::mint_data_credits(signed(ALICE), CHARLIE, dust), Err::BelowMinimum);
			give_dc(CHARLIE, MINIMUM_CREDITS);
			assert_ok!(Dc::mint_data_credits(
				signed(ALICE),
				CHARLIE,
				MintAmount::Credits { credits: 1, max_fly: FLY }
			));
			assert_eq!(DcBalances::<Test>::get(CHARLIE), MINIMUM_CREDITS + 1);
			assert_noop!(
				Dc::delegate_data_credits(signed(CHARLIE), SUBDAO_1, KEY, MINIMUM_CREDITS - 1),
				Err::BelowMinimum
			);
			assert_ok!(Dc::delegate_data_credits(signed(CHARLIE), SUBDAO_1, KEY, MINIMUM_CREDITS));
			assert_ok!(Dc::delegate_data_credits(signed(CHARLIE), SUBDAO_1, KEY, 1));
			assert_eq!(Escrows::<Test>::get(SUBDAO_1, KEY), Some(MINIMUM_CREDITS + 1));
		});
	}
}

mod migration {
	use super::*;
	use crate::migrations::v1::{v0, MigrateToV1};
	use codec::Encode;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	#[test]
	fn v0_ledger_keeps_its_supply_and_rules_and_seeds_the_average() {
		run(|| {
			give_dc(ALICE, 1_000);
			let now = Ledger::<Test>::get();
			let old = v0::DcLedger {
				supply: now.supply,
				epoch: now.epoch,
				epoch_totals: now.epoch_totals,
				breaker: now.breaker,
				settings: v0::MintSettings {
					price_rules: v0::PriceRules { max_age_ms: 7_000, min_feeders: 2 },
					breaker: now.settings.breaker,
					paused: true,
				},
				price: Some(v0::CachedPrice {
					lowest: FixedU128::from_u32(3),
					oldest: NOW,
					fresh_feeders: 2,
				}),
			};
			frame_support::storage::unhashed::put_raw(&Ledger::<Test>::hashed_key(), &old.encode());
			StorageVersion::new(0).put::<Dc>();

			MigrateToV1::<Test>::on_runtime_upgrade();
			let new = Ledger::<Test>::get();
			assert_eq!(new.supply, now.supply);
			assert_eq!(new.settings.price_rules, PriceRules { max_age_ms: 7_000, ..quorum_of(2) });
			assert!(new.settings.paused);
			let price = new.price.expect("carried");
			assert_eq!(
				(price.median, price.twap, price.fresh_feeders),
				(FixedU128::from_u32(3), FixedU128::from_u32(3), 2)
			);
			assert_eq!(Dc::on_chain_storage_version(), StorageVersion::new(1));
			// Idempotent: a second run changes nothing.
			MigrateToV1::<Test>::on_runtime_upgrade();
			assert_eq!(Ledger::<Test>::get(), new);
		});
	}
}
