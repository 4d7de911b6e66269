// SPDX-License-Identifier: Apache-2.0
//! Property tests over sequences that mix honest staking and weights with an attacker's flash
//! stake, round shuttles, idle epochs, replacement and re-registration (issue #32, item 6):
//! no FLY appears or disappears except by emission and registration burns, and the attacker,
//! whose stake is never in place for a whole epoch, earns nothing and moves no subnet's share.

use super::*;
use proptest::prelude::*;

/// The attacker: stakes only around epochs and rounds, registers neurons.
const MALLORY: AccountId = OWNER3;

#[derive(Clone, Debug)]
enum Step {
	/// A round's emission reaches the subnets.
	Emit(u32),
	/// Blocks pass (validators may go idle).
	Wait(u8),
	/// Validator hot(1) or hot(2) weights miner 3 or 4.
	Weigh { validator: u64, miner: Uid },
	/// MALLORY stakes on a neuron of subnet `second` and removes it once at most one epoch of
	/// that subnet has run, with a round shared in between if `round`.
	Flash { second: bool, target: u8, amount: u32, blocks: u8, round: bool },
	/// MALLORY (or ALICE / BOB bringing back hot(1) / hot(2)) registers a neuron on subnet 0,
	/// replacing the weakest.
	Register { who: u8, hotkey: u8 },
	/// ALICE or BOB adds or removes stake on their own hotkey.
	Honest { bob: bool, add: bool, amount: u32 },
}

fn step() -> impl Strategy<Value = Step> {
	prop_oneof![
		(0u32..5_000).prop_map(Step::Emit),
		(1u8..40).prop_map(Step::Wait),
		(1u64..=2, 3u16..=4).prop_map(|(validator, miner)| Step::Weigh { validator, miner }),
		(any::<bool>(), 0u8..6, 1u32..1_000, 0u8..30, any::<bool>()).prop_map(
			|(second, target, amount, blocks, round)| Step::Flash {
				second,
				target,
				amount,
				blocks,
				round
			}
		),
		(0u8..3, 0u8..4).prop_map(|(who, hotkey)| Step::Register { who, hotkey }),
		(any::<bool>(), any::<bool>(), 1u32..200).prop_map(|(bob, add, amount)| Step::Honest {
			bob,
			add,
			amount
		}),
	]
}

/// FLY burned for registrations so far, in total and by MALLORY.
fn burned() -> (Balance, Balance) {
	events().into_iter().fold((0, 0), |(all, mallory), e| match e {
		Event::NeuronRegistered { coldkey, burned, .. } => {
			(all + burned, if coldkey == MALLORY { mallory + burned } else { mallory })
		}
		_ => (all, mallory),
	})
}

/// Everything MALLORY has: free and held.
fn mallory_fly() -> Balance {
	free(MALLORY)
		+ Subnets::held(HoldReason::Stake, &MALLORY)
		+ Subnets::held(HoldReason::NetworkLock, &MALLORY)
}

/// Each live subnet's weight in the stake sharing: the lower of its stake now and its low.
fn sharing_stakes() -> Vec<(NetUid, Balance)> {
	let mut all: Vec<_> =
		Networks::<Test>::iter().map(|(n, s)| (n, s.total_stake.min(s.stake_snapshot))).collect();
	all.sort();
	all
}

/// Runs one block.
fn next_block() {
	run_to(System::block_number() + 1);
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(256))]

	#[test]
	fn flash_stake_shuttles_and_re_registration_create_no_fly(
		steps in proptest::collection::vec(step(), 1..30)
	) {
		new_test_ext().execute_with(|| {
			let netuid = economy();
			let mut h = info(netuid).hyperparameters;
			h.max_uids = 5;
			assert_ok!(Subnets::set_hyperparameters(signed(OWNER), netuid, h));
			let second = network(OWNER2, 10);
			neuron(second, CHARLIE, 11);
			assert_ok!(Subnets::add_stake(signed(CHARLIE), second, hot(11), 50 * FLY));
			let issuance = Balances::total_issuance();
			let (burned_before, _) = burned();
			let mallory = mallory_fly();
			let mut emitted: Balance = 0;
			for step in &steps {
				match step {
					Step::Emit(amount) => {
						let amount = Balance::from(*amount) * FLY / 7;
						emit(amount);
						emitted += amount;
					},
					Step::Wait(blocks) => run_to(System::block_number() + u64::from(*blocks)),
					// Validators weight honest miners only: a neuron of MALLORY's may inherit
					// a uid that old weights point at, and must earn nothing from them.
					Step::Weigh { validator, miner } if neuron_at(netuid, *miner).coldkey != MALLORY => {
						let _ = Subnets::set_weights(
							signed(hot(*validator)),
							netuid,
							weights(&[(*miner, 1)]),
						);
					},
					Step::Weigh { .. } => {},
					Step::Flash { second: on_second, target, amount, blocks, round } => {
						let on = if *on_second { second } else { netuid };
						let neurons = Neurons::<Test>::get(on);
						let hotkey = neurons[usize::from(*target) % neurons.len()].hotkey;
						let amount = Balance::from(*amount) * FLY / 3;
						let start = info(on).epochs;
						let shares_before = sharing_stakes();
						let counted_before = Subnets::counted_total_stake();
						let stake_before = TotalStake::<Test>::get();
						assert_ok!(Subnets::add_stake(signed(MALLORY), on, hotkey, amount));
						if *round {
							// A round shared while the flash stake is in place: the shares are
							// those of the stake without it.
							emit(FLY);
							emitted += FLY;
							let total: Balance = shares_before.iter().map(|(_, s)| s).sum();
							for (n, s) in &shares_before {
								let expected = if total == 0 {
									Perbill::zero()
								} else {
									Perbill::from_rational(*s, total)
								};
								prop_assert_eq!(info(*n).emission_share, expected);
							}
						}
						for _ in 0..*blocks {
							if info(on).epochs > start {
								break;
							}
							next_block();
						}
						assert_ok!(Subnets::remove_stake(signed(MALLORY), on, hotkey, amount));
						// Nothing was earned: the record is gone with the stake.
						prop_assert!(Stakes::<Test>::iter_prefix((MALLORY,)).next().is_none());
						// And the bonded ratio never counted it: at most the stake without it
						// (a round in between may count earlier honest stake, never the flash).
						prop_assert!(Subnets::counted_total_stake() <= stake_before);
						if !*round {
							prop_assert!(Subnets::counted_total_stake() <= counted_before);
						}
					},
					Step::Register { who, hotkey } => {
						let (coldkey, key) = match who {
							0 => (MALLORY, hot(30 + u64::from(*hotkey))),
							1 => (ALICE, hot(1)),
							_ => (BOB, hot(2)),
						};
						let retired = RetiredTakes::<Test>::get(netuid, key);
						if Subnets::register_neuron(signed(coldkey), netuid, key).is_ok() {
							if let Some((take, at)) = retired {
								let uid = Uids::<Test>::get(netuid, key).expect("registered");
								let back = neuron_at(netuid, uid);
								prop_assert_eq!((back.take, back.take_changed_at), (take, at));
							}
						}
					},
					Step::Honest { bob, add, amount } => {
						let (coldkey, key) = if *bob { (BOB, hot(2)) } else { (ALICE, hot(1)) };
						let amount = Balance::from(*amount) * FLY;
						let _ = if *add {
							Subnets::add_stake(signed(coldkey), netuid, key, amount)
						} else {
							Subnets::remove_stake(signed(coldkey), netuid, key, amount)
						};
					},
				}
				Subnets::do_try_state().expect("invariants hold after every step");
				let (all, by_mallory) = burned();
				// No FLY appears or disappears but by emission and burns.
				prop_assert_eq!(Balances::total_issuance(), issuance + emitted - (all - burned_before));
				// MALLORY has exactly what it started with, less its burns: its stake never
				// earned, and its neurons, which no validator weighted, earned nothing.
				let earned: Balance = Neurons::<Test>::get(netuid)
					.iter()
					.filter(|n| n.coldkey == MALLORY)
					.map(|n| n.pending)
					.sum::<Balance>() + Unclaimed::<Test>::get(MALLORY).unwrap_or(0);
				prop_assert_eq!(mallory_fly(), mallory - by_mallory);
				prop_assert_eq!(earned, 0);
			}
			Ok::<(), TestCaseError>(())
		})?;
	}
}
