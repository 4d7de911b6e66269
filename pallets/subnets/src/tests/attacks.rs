// SPDX-License-Identifier: Apache-2.0
//! The attacks of the README's "Attacks considered" table, each run against the pallet: the
//! attacker gains nothing, or the call fails with a clear error.

use super::*;
use proptest::prelude::*;

/// One `EpochRun` event's amounts.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Run {
	owner: Balance,
	miners: Balance,
	validators: Balance,
	carried: Balance,
	recycled: Balance,
}

/// The `EpochRun` events of `netuid` so far.
fn epoch_runs(netuid: NetUid) -> Vec<Run> {
	events()
		.into_iter()
		.filter_map(|e| match e {
			Event::EpochRun { netuid: n, owner, miners, validators, carried, recycled }
				if n == netuid =>
			{
				Some(Run { owner, miners, validators, carried, recycled })
			}
			_ => None,
		})
		.collect()
}

/// A run that recycled nothing.
fn run_of(owner: Balance, miners: Balance, validators: Balance, carried: Balance) -> Run {
	Run { owner, miners, validators, carried, recycled: 0 }
}

fn both_validators_weight_miner_3(netuid: NetUid) {
	assert_ok!(Subnets::set_weights(signed(hot(1)), netuid, weights(&[(3, 1)])));
	assert_ok!(Subnets::set_weights(signed(hot(2)), netuid, weights(&[(3, 1)])));
}

/// Before: an epoch without consensus carried 820 FLY and the next epoch took the owner's 18%
/// of it again (the owner got 327.6 of 1,000 FLY, 32.8%).
#[test]
fn an_unpaid_epoch_gives_the_owner_no_second_cut() {
	run(|| {
		let netuid = economy();
		emit(1_000 * FLY);
		run_to(30);
		assert_eq!(epoch_runs(netuid).last(), Some(&run_of(180 * FLY, 0, 0, 820 * FLY)));
		both_validators_weight_miner_3(netuid);
		run_to(40);
		// The carried pots are paid in their own split, with no cut.
		assert_eq!(epoch_runs(netuid).last(), Some(&run_of(0, 410 * FLY, 410 * FLY, 0)));
		assert_eq!(neuron_at(netuid, 0).pending, 180 * FLY);
		assert_eq!(neuron_at(netuid, 3).pending, 410 * FLY);
	});
}

#[derive(Clone, Debug)]
enum Step {
	/// A round's emission reaches the subnets.
	Emit(u32),
	/// Validator hot(1) or hot(2) weights miner 3 or 4 (or nothing, by going idle).
	Weigh { validator: u64, miner: Uid },
	/// Blocks pass.
	Wait(u8),
}

fn step() -> impl Strategy<Value = Step> {
	prop_oneof![
		(0u32..5_000).prop_map(Step::Emit),
		(1u64..=2, 3u16..=4).prop_map(|(validator, miner)| Step::Weigh { validator, miner }),
		(1u8..80).prop_map(Step::Wait),
	]
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(256))]

	/// Over any sequence of emissions, weights and idle time, each epoch's owner cut is
	/// `owner_cut` of the emission it released (one round is released at once here), and
	/// owner + miners + validators + what is still carried + what was recycled to the treasury
	/// is everything emitted, and no epoch carries more than its own fresh part.
	#[test]
	fn the_owner_receives_its_cut_of_each_epochs_emission_once(
		steps in proptest::collection::vec(step(), 1..40)
	) {
		new_test_ext().execute_with(|| {
			let netuid = economy();
			let cut = DefaultParams::get().owner_cut;
			let mut since_epoch: Balance = 0;
			let mut emitted: Balance = 0;
			let mut seen = epoch_runs(netuid).len();
			for step in &steps {
				let mut blocks = 0u64;
				match step {
					Step::Emit(amount) => {
						let amount = Balance::from(*amount) * FLY / 7;
						emit(amount);
						since_epoch += amount;
						emitted += amount;
					},
					Step::Weigh { validator, miner } => {
						let _ = Subnets::set_weights(
							signed(hot(*validator)),
							netuid,
							weights(&[(*miner, 1)]),
						);
					},
					Step::Wait(b) => blocks = u64::from(*b),
				}
				for _ in 0..blocks {
					run_to(System::block_number() + 1);
					let runs = epoch_runs(netuid);
					if runs.len() > seen {
						seen = runs.len();
						let run = runs[runs.len() - 1];
						prop_assert_eq!(run.owner, cut.mul_floor(since_epoch));
						// What waits is at most this epoch's fresh part, net of the cut.
						prop_assert!(run.carried <= since_epoch - run.owner);
						since_epoch = 0;
					}
				}
				Subnets::do_try_state().expect("invariants hold after every step");
			}
			let runs = epoch_runs(netuid);
			let paid: Balance = runs.iter().map(|r| r.owner + r.miners + r.validators).sum();
			let recycled: Balance = runs.iter().map(|r| r.recycled).sum();
			let carried = runs.last().map_or(0, |r| r.carried);
			let info = info(netuid);
			prop_assert_eq!(
				carried + info.emission.accrued + info.emission.streaming,
				emitted - paid - recycled
			);
			let (_, pool_recycled) = pool_sharings();
			prop_assert_eq!(free(TREASURY), ED + recycled + pool_recycled);
			Subnets::do_try_state().expect("invariants hold");
			Ok::<(), TestCaseError>(())
		})?;
	}
}

/// Before: a neuron's last emission counted only what it kept, so a 0%-take validator counted
/// zero and was the first neuron replaced, although it generated the most emission.
#[test]
fn a_zero_take_validator_is_not_the_first_neuron_replaced() {
	run(|| {
		let netuid = economy();
		assert_ok!(Subnets::set_hyperparameters(
			signed(OWNER),
			netuid,
			Hyperparameters { max_uids: 5, ..info(netuid).hyperparameters }
		));
		assert_ok!(Subnets::set_take(signed(ALICE), netuid, hot(1), Perbill::zero()));
		assert_ok!(Subnets::set_weights(signed(hot(1)), netuid, weights(&[(3, 95), (4, 5)])));
		assert_ok!(Subnets::set_weights(signed(hot(2)), netuid, weights(&[(3, 95), (4, 5)])));
		emit(1_000 * FLY);
		run_to(30);
		// Validator 1 kept nothing but generated half of the validators' 410 FLY.
		assert_eq!(neuron_at(netuid, 1).pending, 0);
		assert_eq!(neuron_at(netuid, 1).last_emission, 205 * FLY);
		neuron(netuid, BOB, 8);
		// Miner 4 (20.5 FLY) is replaced, not the validator.
		assert_eq!(Uids::<Test>::get(netuid, hot(8)), Some(4));
		assert_eq!(Uids::<Test>::get(netuid, hot(1)), Some(1));
	});
}

/// The dividends, permits and FLY of everyone after the epoch at block 30, with `attack` run
/// around it (one block before and one after).
fn epoch_with(
	before: impl FnOnce(NetUid),
	after: impl FnOnce(NetUid),
) -> (Vec<(bool, Perbill)>, Balance, Balance, Balance) {
	let netuid = economy();
	both_validators_weight_miner_3(netuid);
	emit(1_000 * FLY);
	run_to(29);
	before(netuid);
	run_to(30);
	let neurons = (0..5).map(|u| neuron_at(netuid, u)).map(|n| (n.validator_permit, n.dividends));
	let neurons = neurons.collect();
	run_to(31);
	after(netuid);
	let alice = Subnets::stake_of(&ALICE, netuid, &hot(1)).pending;
	let bob = Subnets::stake_of(&BOB, netuid, &hot(2)).pending;
	(neurons, alice, bob, free(OWNER4))
}

/// Stake added one block before an epoch and removed one block after earns nothing from it
/// and moves no permit or dividend share.
#[test]
fn flash_stake_around_an_epoch_earns_nothing() {
	let honest = new_test_ext().execute_with(|| epoch_with(|_| {}, |_| {}));
	let attacked = new_test_ext().execute_with(|| {
		let attacked = epoch_with(
			|netuid| {
				// A whale backs validator 2 and miner 4 with 100× the stake.
				assert_ok!(Subnets::add_stake(signed(OWNER4), netuid, hot(2), 10_000 * FLY));
				assert_ok!(Subnets::add_stake(signed(OWNER4), netuid, hot(4), 10_000 * FLY));
			},
			|netuid| {
				assert_noop!(
					Subnets::claim_dividends(signed(OWNER4), netuid, hot(2)),
					Err::NothingToClaim
				);
				assert_ok!(Subnets::remove_stake(signed(OWNER4), netuid, hot(2), 10_000 * FLY));
				assert_ok!(Subnets::remove_stake(signed(OWNER4), netuid, hot(4), 10_000 * FLY));
			},
		);
		Subnets::do_try_state().expect("invariants hold");
		attacked
	});
	assert_eq!(honest, attacked);
	// Validator 1 and 2 each earned half, miner 4 got no permit, the whale kept what it had.
	assert_eq!(honest.0[1], (true, Perbill::from_percent(50)));
	assert_eq!(honest.0[4], (false, Perbill::zero()));
}

/// Stake that stays through an epoch it was added before counts from the next one on.
#[test]
fn stake_counts_from_the_second_epoch_after_it_was_added() {
	run(|| {
		let netuid = economy();
		both_validators_weight_miner_3(netuid);
		run_to(29);
		assert_ok!(Subnets::add_stake(signed(OWNER4), netuid, hot(2), 100 * FLY));
		emit(1_000 * FLY);
		run_to(30);
		// Left out: 50/50 as before.
		assert_eq!(neuron_at(netuid, 2).dividends, Perbill::from_percent(50));
		emit(1_000 * FLY);
		run_to(40);
		// Counted: validator 2 has 200 of 300 FLY of stake behind the same weights, and the
		// whale shares its stakers' part with Bob from now on.
		assert!(neuron_at(netuid, 2).dividends > Perbill::from_percent(50));
		let whale = Subnets::stake_of(&OWNER4, netuid, &hot(2)).pending;
		let bob = Subnets::stake_of(&BOB, netuid, &hot(2)).pending;
		assert!(whale > 0);
		// Bob earned at the epoch of block 30 alone, then as much as the whale.
		let bob_at_30 = 168_100 * FLY / 1_000;
		assert_eq!(bob - bob_at_30, whale);
		// The whale's cohort (added after 2 epochs) keeps its joining factor until settled.
		assert!(MaturedCohorts::<Test>::contains_key((netuid, hot(2), 2)));
		assert_ok!(Subnets::claim_dividends(signed(OWNER4), netuid, hot(2)));
		assert!(!MaturedCohorts::<Test>::contains_key((netuid, hot(2), 2)));
	});
}

/// Stake added just before a round (and removed after) does not move the pool's sharing among
/// subnets: it counts at the lower of its value now and at the last sharing.
#[test]
fn flash_stake_around_a_round_moves_no_share() {
	run(|| {
		let (a, _) = two_staked_subnets();
		emit(0);
		assert_ok!(Subnets::add_stake(signed(OWNER4), a, hot(1), 1_000 * FLY));
		// Nor the bonded ratio the inflation controller reads before minting.
		assert_eq!(Subnets::counted_total_stake(), 40 * FLY);
		emit(400 * FLY);
		assert_eq!(info(a).emission_share, Perbill::from_percent(25));
		assert_eq!(info(a).emission.total(), 100 * FLY);
		assert_ok!(Subnets::remove_stake(signed(OWNER4), a, hot(1), 1_000 * FLY));
		emit(400 * FLY);
		assert_eq!(info(a).emission_share, Perbill::from_percent(25));
	});
}

/// Before: the sharing and the bonded ratio sampled stake at two instants (the last round and
/// now), so stake moved into subnet A just before each round and back to B just after counted
/// for A while it was on B nearly all the time. Now they count the lowest stake since the last
/// round: the shuttled stake counts for neither subnet, and not in the bonded ratio.
#[test]
fn stake_shuttled_around_each_round_moves_no_share() {
	run(|| {
		let (a, b) = two_staked_subnets();
		neuron(a, OWNER4, 2);
		neuron(b, OWNER4, 12);
		// The shuttler's 1,000 FLY sit on B.
		assert_ok!(Subnets::add_stake(signed(OWNER4), b, hot(12), 1_000 * FLY));
		emit(0);
		let shuttle = |from: NetUid, to: NetUid| {
			let (from_hot, to_hot) = if from == a { (hot(2), hot(12)) } else { (hot(12), hot(2)) };
			assert_ok!(Subnets::remove_stake(signed(OWNER4), from, from_hot, 1_000 * FLY));
			assert_ok!(Subnets::add_stake(signed(OWNER4), to, to_hot, 1_000 * FLY));
		};
		for _ in 0..3 {
			// Onto A in the block before the round, back to B right after it.
			shuttle(b, a);
			emit(400 * FLY);
			shuttle(a, b);
		}
		// Each round, the 1,000 FLY counted for neither subnet: A's 10 and B's 30 shared.
		assert_eq!(info(a).emission_share, Perbill::from_percent(25));
		assert_eq!(info(b).emission_share, Perbill::from_percent(75));
		// Nor in the bonded ratio the inflation controller reads before minting.
		shuttle(b, a);
		assert_eq!(Subnets::counted_total_stake(), 40 * FLY);
	});
}

/// A permitted validator that has not set weights within `activity_cutoff` is left out of
/// consensus and dividends: its idle stake cannot push the emission into carry.
#[test]
fn an_idle_validator_is_left_out_of_consensus_and_dividends() {
	run(|| {
		let netuid = economy();
		// Validator 2 gets the most stake and never sets weights.
		run_to(21);
		assert_ok!(Subnets::add_stake(signed(BOB), netuid, hot(2), 900 * FLY));
		assert_ok!(Subnets::set_weights(signed(hot(1)), netuid, weights(&[(3, 1)])));
		emit(1_000 * FLY);
		run_to(30);
		emit(1_000 * FLY);
		run_to(40);
		assert!(neuron_at(netuid, 2).validator_permit);
		assert_eq!(neuron_at(netuid, 2).dividends, Perbill::zero());
		assert_eq!(neuron_at(netuid, 1).dividends, Perbill::one());
		assert_eq!(epoch_runs(netuid).last(), Some(&run_of(180 * FLY, 410 * FLY, 410 * FLY, 0)));
		// Once validator 1's weights are older than the cutoff, it is idle too: the pots wait.
		run_to(21 + u64::from(ACTIVITY_CUTOFF) + 10);
		emit(1_000 * FLY);
		run_to(21 + u64::from(ACTIVITY_CUTOFF) + 20);
		assert_eq!(epoch_runs(netuid).last(), Some(&run_of(180 * FLY, 0, 0, 820 * FLY)));
	});
}

/// A round's emission is released over the round: 24 epochs in a round of 24 tempos pay equal
/// parts (before, the first epoch after the round took all of it).
#[test]
fn each_epoch_of_a_round_pays_the_emission_of_its_own_time() {
	run(|| {
		MockRounds::set_length(24 * TEMPO);
		let netuid = economy();
		both_validators_weight_miner_3(netuid);
		emit(2_400 * FLY);
		let first = epoch_runs(netuid).len();
		for epoch in 1..=24u64 {
			run_to(20 + epoch * u64::from(TEMPO));
			// The validators stay active.
			both_validators_weight_miner_3(netuid);
		}
		let runs = epoch_runs(netuid);
		assert_eq!(runs.len() - first, 24);
		for run in &runs[first..] {
			assert_eq!(*run, run_of(18 * FLY, 41 * FLY, 41 * FLY, 0));
		}
		assert_eq!(info(netuid).emission.streaming, 0);
	});
}

/// A hotkey belongs to the first coldkey that registers it: no other coldkey can register it,
/// on this subnet or another, or open a subnet with it.
#[test]
fn a_hotkey_cannot_be_squatted_by_another_coldkey() {
	run(|| {
		let a = network(OWNER, 0);
		run_to(6);
		let b = network(OWNER2, 10);
		neuron(a, ALICE, 1);
		assert_eq!(HotkeyOwners::<Test>::get(hot(1)), Some(ALICE));
		assert_noop!(Subnets::register_neuron(signed(BOB), b, hot(1)), Err::HotkeyOwnedByOther);
		assert_noop!(Subnets::register_neuron(signed(BOB), b, hot(0)), Err::HotkeyOwnedByOther);
		run_to(12);
		assert_noop!(Subnets::register_network(signed(BOB), hot(1)), Err::HotkeyOwnedByOther);
		// Its owner may use it anywhere; anyone may stake to it (that is delegation).
		neuron(b, ALICE, 1);
		assert_ok!(Subnets::add_stake(signed(BOB), b, hot(1), FLY));
		assert_noop!(Subnets::set_take(signed(BOB), b, hot(1), Perbill::zero()), Err::NotColdkey);
	});
}

/// A validator lowers its take to attract stake, then raises it before the epoch: the raise
/// is refused until `take_rate_limit` blocks after the last change; a fall is always at once.
#[test]
fn a_take_cannot_be_raised_soon_after_a_change() {
	run(|| {
		let netuid = network(OWNER, 0);
		neuron(netuid, ALICE, 1);
		let start = System::block_number() as u32;
		assert_ok!(Subnets::set_take(signed(ALICE), netuid, hot(1), Perbill::zero()));
		assert_eq!(last_event(), Event::TakeSet { netuid, hotkey: hot(1), take: Perbill::zero() });
		run_to(u64::from(start + TAKE_RATE_LIMIT) - 1);
		assert_noop!(
			Subnets::set_take(signed(ALICE), netuid, hot(1), Perbill::from_percent(18)),
			Err::TakeRateLimited
		);
		run_to(u64::from(start + TAKE_RATE_LIMIT));
		assert_ok!(Subnets::set_take(signed(ALICE), netuid, hot(1), Perbill::from_percent(18)));
		// Falling is always allowed, and restarts the wait for the next raise.
		assert_ok!(Subnets::set_take(signed(ALICE), netuid, hot(1), Perbill::from_percent(5)));
		assert_noop!(
			Subnets::set_take(signed(ALICE), netuid, hot(1), Perbill::from_percent(6)),
			Err::TakeRateLimited
		);
	});
}

/// Turns commit-reveal on for `netuid`.
fn commit_reveal(netuid: NetUid) {
	assert_ok!(Subnets::set_hyperparameters(
		signed(OWNER),
		netuid,
		Hyperparameters { commit_reveal: true, ..info(netuid).hyperparameters }
	));
}

/// On a commit-reveal subnet weights are committed as a hash and revealed after the next epoch:
/// a copier sees them only once they have been used, and a wrong or late reveal fails.
#[test]
fn weights_are_committed_then_revealed_in_the_next_epoch() {
	run(|| {
		let netuid = economy();
		let w = weights(&[(3, 1)]);
		let salt = [7u8; 32];
		let hash = Subnets::weights_hash(&hot(1), netuid, &w, &salt);
		assert_noop!(
			Subnets::commit_weights(signed(hot(1)), netuid, hash),
			Err::CommitRevealDisabled
		);
		assert_noop!(Subnets::commit_weights(signed(hot(1)), 9, hash), Err::UnknownSubnet);
		commit_reveal(netuid);
		assert_noop!(
			Subnets::set_weights(signed(hot(1)), netuid, w.clone()),
			Err::CommitRevealEnabled
		);
		assert_noop!(
			Subnets::reveal_weights(signed(hot(1)), netuid, w.clone(), salt),
			Err::NoWeightCommit
		);
		assert_noop!(
			Subnets::commit_weights(
				signed(hot(3)),
				netuid,
				Subnets::weights_hash(&hot(3), netuid, &w, &salt)
			),
			Err::NoValidatorPermit
		);
		let hash = Subnets::weights_hash(&hot(1), netuid, &w, &salt);
		assert_ok!(Subnets::commit_weights(signed(hot(1)), netuid, hash));
		assert_eq!(last_event(), Event::WeightsCommitted { netuid, uid: 1, hash });
		assert_noop!(
			Subnets::reveal_weights(signed(hot(1)), netuid, w.clone(), salt),
			Err::RevealTooEarly
		);
		run_to(30);
		assert_noop!(
			Subnets::reveal_weights(signed(hot(1)), netuid, weights(&[(4, 1)]), salt),
			Err::CommitMismatch
		);
		assert_noop!(
			Subnets::reveal_weights(signed(hot(1)), netuid, w.clone(), [8u8; 32]),
			Err::CommitMismatch
		);
		assert_ok!(Subnets::reveal_weights(signed(hot(1)), netuid, w.clone(), salt));
		assert_eq!(last_event(), Event::WeightsSet { netuid, uid: 1, count: 1 });
		assert_eq!(Weights::<Test>::get(netuid, 1).map(|r| r.set_at), Some(30));
		assert!(WeightCommits::<Test>::get(netuid, 1).is_none());
		// A commit not revealed in its window (blocks 40 to 49) is dropped by the epoch that
		// closes it.
		run_to(33);
		let hash = Subnets::weights_hash(&hot(2), netuid, &w, &salt);
		assert_ok!(Subnets::commit_weights(signed(hot(2)), netuid, hash));
		run_to(50);
		assert_noop!(
			Subnets::reveal_weights(signed(hot(2)), netuid, w.clone(), salt),
			Err::NoWeightCommit
		);
		// One that outlived its window (its validator had lost the permit meanwhile) is late.
		let epochs = info(netuid).epochs;
		WeightCommits::<Test>::insert(netuid, 2, WeightCommit { hash, epoch: epochs - 2, at: 33 });
		assert_noop!(Subnets::reveal_weights(signed(hot(2)), netuid, w, salt), Err::RevealTooLate);
		WeightCommits::<Test>::remove(netuid, 2);
	});
}

/// Before: a commit left unrevealed counted as no weights, so censoring one reveal transaction
/// zeroed a validator's dividends. Now the commit is dropped and the validator's earlier
/// weights keep counting until `activity_cutoff` ages them out.
#[test]
fn an_unrevealed_commit_keeps_the_earlier_weights() {
	run(|| {
		let netuid = economy();
		both_validators_weight_miner_3(netuid);
		commit_reveal(netuid);
		let w = weights(&[(3, 1)]);
		let salt = [1u8; 32];
		let hash = Subnets::weights_hash(&hot(2), netuid, &w, &salt);
		assert_ok!(Subnets::commit_weights(signed(hot(2)), netuid, hash));
		emit(1_000 * FLY);
		// At block 30 the commit awaits its reveal: the earlier weights still count.
		run_to(30);
		assert_eq!(neuron_at(netuid, 2).dividends, Perbill::from_percent(50));
		emit(1_000 * FLY);
		// Not revealed by block 40: the commit goes, the earlier weights still count.
		run_to(40);
		assert!(WeightCommits::<Test>::get(netuid, 2).is_none());
		assert!(Weights::<Test>::get(netuid, 2).is_some());
		assert_eq!(neuron_at(netuid, 2).dividends, Perbill::from_percent(50));
		// Once older than the cutoff they stop counting, as any idle validator's.
		let set_at = Weights::<Test>::get(netuid, 2).map_or(0, |r| r.set_at);
		run_to(u64::from(set_at + ACTIVITY_CUTOFF) + u64::from(TEMPO));
		assert_eq!(neuron_at(netuid, 2).dividends, Perbill::zero());
	});
}

/// The wash burn: the owner of a subnet buys DC for 100 FLY and burns them as the subnet's
/// revenue (through its own service authority) to pull the subnet pool's emission in revenue
/// mode. Without the cap the whole pool (10,000 FLY) would follow that revenue; with the cap at
/// 50% the subnet attracts 50 FLY, less than it burned, whoever of the owner, its miners and
/// its validators ends up with it. The rest waits unallocated for real revenue.
#[test]
fn a_wash_burn_attracts_less_emission_than_it_burned() {
	run(|| {
		let netuid = economy();
		assert_ok!(Subnets::set_global_params(
			RuntimeOrigin::root(),
			GlobalParams { emission_mode: EmissionMode::Revenue, ..DefaultParams::get() }
		));
		let burned = 100 * FLY;
		revenue(netuid, 10_000_000, burned);
		let unallocated = UnallocatedEmission::<Test>::get();
		emit(10_000 * FLY);
		let attracted = info(netuid).emission.total();
		assert_eq!(attracted, 50 * FLY);
		assert!(attracted < burned);
		// What the cap held back waits, up to one round's emission; the rest is recycled.
		let held_back = unallocated + 10_000 * FLY - 50 * FLY;
		assert_eq!(UnallocatedEmission::<Test>::get(), held_back.min(10_000 * FLY));
		// The revenue was used up: the next emission without revenue goes by stake.
		assert_eq!(RevenueValue::<Test>::get(netuid), 0);
	});
}

/// Before: with no validator active the miners' and validators' pots were carried without
/// bound, and a newcomer that became the only active validator after 4 idle epochs took 1.63×
/// the fresh emission of the epochs it took part in. Now each pot carries at most one epoch's
/// fresh part and the rest goes to the treasury: after seven idle epochs a newcomer with the
/// least stake, its own validator weighting one miner, earns at most the emission of the epochs
/// it took part in.
#[test]
fn an_idle_subnets_emission_does_not_pile_up_for_the_first_active() {
	run(|| {
		// Emission streams over 100 blocks: 100 FLY per epoch, 82 after the owner's cut.
		MockRounds::set_length(100);
		let netuid = economy();
		emit(1_000 * FLY);
		let idle_from = epoch_runs(netuid).len();
		run_to(90);
		let idle = epoch_runs(netuid)[idle_from..].to_vec();
		assert_eq!(idle.len(), 7);
		for (k, run) in idle.iter().enumerate() {
			assert_eq!((run.owner, run.miners, run.validators), (18 * FLY, 0, 0));
			assert_eq!(run.carried, 82 * FLY);
			// From the second idle epoch on, the epoch before's carry goes to the treasury.
			assert_eq!(run.recycled, if k == 0 { 0 } else { 82 * FLY });
		}
		assert_eq!(free(TREASURY), ED + 6 * 82 * FLY);

		// After epoch 90 the newcomer registers a validator hotkey with the least stake, gets
		// its permit at the second epoch after and weights CHARLIE's miner 4 (its accomplice).
		let uid = neuron(netuid, OWNER2, 5);
		assert_ok!(Subnets::add_stake(signed(OWNER2), netuid, hot(5), MIN_STAKE));
		let joined = epoch_runs(netuid).len();
		run_to(110);
		assert!(neuron_at(netuid, uid).validator_permit);
		assert_ok!(Subnets::set_weights(signed(hot(5)), netuid, weights(&[(4, 1)])));
		run_to(120);
		let taken = neuron_at(netuid, uid).pending
			+ Subnets::stake_of(&OWNER2, netuid, &hot(5)).pending
			+ neuron_at(netuid, 4).pending;
		let runs = &epoch_runs(netuid)[joined..];
		// It took part in the epochs at 100, 110 and 120: 3 × 82 FLY is all it can have.
		assert_eq!(runs.len(), 3);
		let fresh = 3 * 82 * FLY;
		// The last epoch paid its fresh part and the one epoch carried (rounding dust of the
		// stakers' factor aside, that is what the newcomer holds).
		let paid_to_it: Balance = runs.iter().map(|r| r.miners + r.validators).sum();
		assert_eq!(paid_to_it, 2 * 82 * FLY);
		assert!(taken <= paid_to_it && paid_to_it - taken < FLY / 1_000);
		assert!(paid_to_it <= fresh);
		// Nothing is lost: everything emitted is paid, waiting or in the treasury.
		let all = epoch_runs(netuid);
		let paid: Balance = all.iter().map(|r| r.owner + r.miners + r.validators).sum();
		let recycled: Balance = all.iter().map(|r| r.recycled).sum();
		let waiting = info(netuid).emission.total();
		assert_eq!(paid + recycled + waiting, 1_000 * FLY);
		assert_eq!(free(TREASURY), ED + recycled);
	});
}

/// Before: what the revenue cap held back (or everything, while no subnet had weight) waited
/// unallocated without bound, so a year of held-back emission could go to whichever subnet first
/// showed revenue. Now at most one round's emission waits; the rest goes to the treasury.
#[test]
fn held_back_emission_does_not_pile_up_across_rounds() {
	run(|| {
		let netuid = economy();
		assert_ok!(Subnets::set_global_params(
			RuntimeOrigin::root(),
			GlobalParams { emission_mode: EmissionMode::Revenue, ..DefaultParams::get() }
		));
		let treasury = free(TREASURY);
		for _ in 0..10 {
			revenue(netuid, 1_000, 2 * FLY);
			emit(1_000 * FLY);
			assert!(UnallocatedEmission::<Test>::get() <= 1_000 * FLY);
		}
		// Ten rounds of 1,000 FLY, each capped at 1 FLY for the subnet: 10 FLY shared, 1,000 wait,
		// 8,990 went to the treasury.
		let (shared, recycled) = pool_sharings();
		assert_eq!(UnallocatedEmission::<Test>::get(), 1_000 * FLY);
		assert_eq!(free(TREASURY), treasury + recycled);
		assert_eq!(shared + recycled + 1_000 * FLY, 10_000 * FLY);
		// A burst of revenue now attracts at most one round plus its own emission's share.
		revenue(netuid, 1_000_000_000, 1_000_000 * FLY);
		emit(1_000 * FLY);
		assert_eq!(last_event_shared(), 2_000 * FLY);
	});
}

/// What the last sharing of the pool allocated.
fn last_event_shared() -> Balance {
	events()
		.into_iter()
		.rev()
		.find_map(|e| match e {
			Event::EmissionShared { allocated, .. } => Some(allocated),
			_ => None,
		})
		.expect("a sharing")
}

/// The pool's sharings so far: FLY allocated to subnets and FLY recycled to the treasury.
fn pool_sharings() -> (Balance, Balance) {
	events().into_iter().fold((0, 0), |(allocated, recycled), e| match e {
		Event::EmissionShared { allocated: a, recycled: r, .. } => (allocated + a, recycled + r),
		_ => (allocated, recycled),
	})
}
