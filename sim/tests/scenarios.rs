// SPDX-License-Identifier: Apache-2.0
//! Short runs of the real runtime: every day of a run is checked for conservation and the
//! runtime's invariants inside `run` (a failure is an `Err`); these tests also check what the
//! runs report.

use flywheel_sim::{report, run, scenario::Scenario};
use std::path::Path;

fn shipped(name: &str) -> Scenario {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios").join(format!("{name}.toml"));
	Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The adversarial scenario for 30 days: every attack is tried, none gains anything.
#[test]
fn attacks_gain_nothing_and_every_day_conserves_fly() {
	let scenario = shipped("adversarial");
	let mut days_seen = 0;
	let outcome = run::run(&scenario, Some(30), |_| days_seen += 1).expect("30 checked days");
	assert_eq!(outcome.rows.len(), 30);
	assert_eq!(days_seen, 30);
	assert_eq!(outcome.blocks, 30 * flywheel_sim::chain::blocks_per_day());

	// Each row's supply moves by its epoch's mint and burns, as the balance events say.
	for pair in outcome.rows.windows(2) {
		let (before, after) = (&pair[0], &pair[1]);
		assert!(after.minted_all >= after.fly_minted, "day {}", after.day);
		assert!(after.burned_all >= after.fly_burned, "day {}", after.day);
		assert!(before.issuance > 0 && after.issuance > 0);
	}
	let last = outcome.rows.last().expect("30 rows");
	let by_name = |name: &str| {
		let i = outcome.adversary_names.iter().position(|n| n == name).expect(name);
		(last.profits[i], outcome.adversary_attacks[i], outcome.adversary_fees[i] as i128)
	};
	let (wash, wash_attacks, wash_fees) = by_name("adv0_wash_burn");
	assert!(wash_attacks >= 4, "a wash burn a week");
	assert!(wash < -wash_fees, "a wash burn loses the FLY it burns besides its fees: {wash}");
	for name in ["adv1_flash_stake", "adv2_last_block_delegation", "adv3_flash_subnet_stake"] {
		let (profit, attacks, fees) = by_name(name);
		assert!(attacks >= 2, "{name} attacked ({attacks})");
		// Its transactions were real: each paid a fee, and the fees are all it lost.
		assert!(fees > 0, "{name} paid fees");
		assert_eq!(profit, -fees, "{name} gains nothing and loses its fees");
	}
	// The economy around them ran: inflation minted every day, usage burned FLY.
	assert!(outcome.rows[1..].iter().all(|r| r.fly_minted > 0));
	assert!(outcome.rows[1..].iter().all(|r| r.dc_burned > 0));
	// Each day's flows reach its row: the stakers' and the subDAO's FLY emission.
	assert!(outcome.rows[1..].iter().all(|r| r.stakers_emission > 0));
	assert!(outcome.rows[2..].iter().all(|r| r.subdaos[0].emission_fly > 0));
	assert!(last.bonded_ratio > 0.1, "delegators bonded: {}", last.bonded_ratio);
}

/// The attack table over 16 days of the two-subDAO, two-subnet economy: every attack runs
/// against its honest counterpart on the same seed, and each row says what the attack did.
#[test]
fn the_attack_table_pairs_every_attack_with_its_honest_counterpart() {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/attacks.toml");
	let (rows, provenance) =
		flywheel_sim::attacks::attack_rows(&path, &[], 0, Some(16), 2).expect("16 checked days");
	let kinds: Vec<_> =
		rows.iter().map(|r| r.name.split_once('_').map_or("", |(_, k)| k)).collect();
	assert_eq!(
		kinds,
		[
			"wash_burn",
			"router_wash_burn",
			"device_fee_padding",
			"flash_stake",
			"last_block_delegation",
			"flash_subnet_stake",
			"idle_subnet_capture",
			"operator_slot_squatting",
			"price_walk",
			"redemption_front_run",
		]
	);
	// The passive run has every adversary off.
	assert_eq!(provenance.settings.len(), rows.len());
	let row = |kind: &str| &rows[kinds.iter().position(|k| *k == kind).expect(kind)];
	for r in &rows {
		assert!(r.attacks > 0, "{} attacked", r.name);
	}
	// Flash positions gain nothing: the fees are all they change.
	for kind in ["flash_stake", "last_block_delegation", "flash_subnet_stake"] {
		let r = row(kind);
		assert!(r.fees > 0, "{kind} paid fees");
		assert_eq!((r.gain, r.net), (0, -r.fees), "{kind}");
	}
	// Burns for a score bring back less than a thousandth of what they burned.
	for kind in ["wash_burn", "router_wash_burn", "device_fee_padding"] {
		let r = row(kind);
		assert!(r.cost > 0 && r.gain < r.cost / 1_000, "{kind}: gain {} for {}", r.gain, r.cost);
	}
	// An own holder's burn counts for nothing at all.
	assert!(row("wash_burn").gain <= 0);
	// Spreading a bond over every free slot keeps no newcomer out (they evict the squatters)
	// and earns less than one operator with the same FLY; what it loses, the others get (to a
	// thousandth of a FLY: the others' Data Credits are valued at the pool's price at the end,
	// which the two runs' trades leave a hair apart).
	let squat = row("operator_slot_squatting");
	assert_eq!(squat.others_refused, 0, "the late operators registered");
	let milli_fly = flywheel_runtime::FLY as i128 / 1_000;
	assert!(squat.net < 0 && (squat.others_lost - squat.net).abs() < milli_fly, "{squat:?}");
	// Redeeming in front of the operators of a `k > 0` subDAO pays the batch's one rate: within
	// a ten-thousandth of its stake of redeeming a block later.
	let front = row("redemption_front_run");
	assert!(front.net.abs() < front.budget as i128 / 10_000, "{front:?}");
	// Under stake-weighted subnet emission (the runtime's default) an idle subnet of its own
	// takes the owner's cut and its miner's share of a stake-sized part of the pool: more than
	// the same stake earns on an honest subnet, and the honest subnets lose it.
	let idle = row("idle_subnet_capture");
	assert!(idle.net > 0 && idle.others_lost > 0, "{idle:?}");
	// Under revenue-weighted emission (a root setting) a subnet without revenue gets nothing.
	let revenue = [("governance.subnet_emission_mode".to_string(), toml::Value::from("revenue"))];
	let (rows, _) =
		flywheel_sim::attacks::attack_rows(&path, &revenue, 0, Some(16), 2).expect("revenue mode");
	let idle = rows.iter().find(|r| r.name.ends_with("idle_subnet_capture")).expect("its row");
	assert!(idle.net < 0, "{idle:?}");
	// Two of three feeders walking the price 25% up: the walker's DC cost less FLY at no cost
	// to it (the quorum is the trust assumption; docs/simulator.md and the table say so).
	let walk = row("price_walk");
	assert!(walk.cost == 0 && walk.net > 0, "{walk:?}");
}

/// A redemption run against the outflow breaker: refused redemptions are reported, the
/// treasuries never pay out more than their cap, the runtime's checks hold every day.
#[test]
fn a_redemption_run_meets_the_outflow_breaker() {
	let outcome = run::run(&shipped("bear"), Some(40), |_| {}).expect("40 checked days");
	let capped = outcome
		.refusals
		.iter()
		.find(|((who, _), _)| who.starts_with("device operator: SubDaos.redeem"))
		.map(|((_, error), count)| (error.clone(), *count));
	let (error, count) = capped.expect("the run from day 31 hits the breaker");
	assert_eq!(error, "SubDaos(RedemptionCapExceeded)");
	assert!(count > 0);
	// Redemptions that went through are paid out of the treasuries and reported per day.
	assert!(outcome.rows.iter().any(|r| r.subdaos.iter().any(|s| s.redeemed_fly > 0)));
	// Backing (treasury FLY per DNT) is reported for both subDAOs every day.
	assert!(outcome.rows.iter().all(|r| r.subdaos.len() == 2));
	let summary = report::summary("bear", "test", &outcome);
	assert!(summary.contains("subDAO iot: treasury FLY per DNT"), "{summary}");
	assert!(summary.contains("RedemptionCapExceeded"), "{summary}");
}

/// A run writes its CSV (a header and a row per day), its summary and its plots.
#[test]
fn a_run_writes_csv_summary_and_plots() {
	let out = std::env::temp_dir().join(format!("flywheel-sim-test-{}", std::process::id()));
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/livepeer-like.toml");
	let summary = flywheel_sim::simulate(&path, &out, Some(5), true).expect("runs");
	assert!(summary.starts_with("scenario: livepeer-like"));
	let dir = out.join("livepeer-like");
	let csv = std::fs::read_to_string(dir.join("epochs.csv")).expect("csv");
	let lines: Vec<&str> = csv.lines().collect();
	assert_eq!(lines.len(), 6, "a header and five days");
	assert!(lines[0].starts_with("day,price_usd,issuance_fly,fly_minted,fly_burned,burn_to_mint"));
	assert!(lines[0].contains("transcode_fly_per_dnt"));
	let columns = lines[0].split(',').count();
	assert!(lines[1..].iter().all(|l| l.split(',').count() == columns));
	let written = std::fs::read_to_string(dir.join("summary.txt")).expect("summary");
	assert!(written.starts_with(&summary));
	// Where the numbers came from: the commit, the runtime, the scenario's hash and the seed.
	let provenance = written.lines().last().expect("a provenance line");
	assert!(provenance.starts_with("provenance: commit "), "{provenance}");
	assert!(
		provenance.contains(&format!("spec_version {}", flywheel_runtime::VERSION.spec_version))
	);
	assert!(provenance.contains(", seed 0, settings none"), "{provenance}");
	let svg = std::fs::read_to_string(dir.join("plots.svg")).expect("svg");
	assert!(svg.starts_with("<svg") && svg.contains("Bonded ratio") && svg.contains("<polyline"));
	for panel in [
		"Net emission",
		"Staker yield",
		"FLY emission per subDAO",
		"Redemption-cap use",
		"Active devices",
	] {
		assert!(svg.contains(panel), "the plots have the {panel} panel");
	}
	std::fs::remove_dir_all(&out).expect("cleans up");
}

/// A scenario the runtime cannot set up fails with a clear error, not a panic.
#[test]
fn a_bad_scenario_file_is_refused_before_running() {
	let dir = std::env::temp_dir().join(format!("flywheel-sim-bad-{}", std::process::id()));
	std::fs::create_dir_all(&dir).expect("temp dir");
	let path = dir.join("bad.toml");
	std::fs::write(&path, "description = \"x\"\nprice = { start = 0 }\n").expect("written");
	let err = flywheel_sim::simulate(&path, &dir, None, true).expect_err("a zero price");
	assert!(err.ends_with("bad.toml:2: field `price`: must start above zero"), "{err}");
	let missing =
		flywheel_sim::simulate(&dir.join("none.toml"), &dir, None, true).expect_err("no such file");
	assert!(missing.contains("none.toml: cannot read it"), "{missing}");
	std::fs::remove_dir_all(&dir).expect("cleans up");
}

/// A block without room for every transaction: 6,000 holders (set here, past the scenario
/// file's bound of 1,000) bond in the same weekly block, more than a block holds; what does not
/// fit goes into the next blocks, as a node's pool keeps it, none of the holders' is dropped for
/// want of room, and every day still conserves FLY. (Agents whose next step depends on the
/// outcome, such as a neuron registering, still meet a full block as a refusal.)
#[test]
fn transactions_a_full_block_has_no_room_for_go_into_the_next() {
	let mut scenario = shipped("helium-like");
	scenario.holders.as_mut().expect("helium-like has holders").count = 6_000;
	let outcome = run::run(&scenario, Some(2), |_| {}).expect("2 checked days");
	assert!(outcome.carried_over > 1_000, "carried over: {}", outcome.carried_over);
	let dropped: Vec<_> = outcome
		.refusals
		.iter()
		.filter(|((who, error), _)| {
			who.starts_with("holder") && error.contains("ExhaustsResources")
		})
		.collect();
	assert!(dropped.is_empty(), "holders' transactions dropped for want of room: {dropped:?}");
	let summary = report::summary("helium-like", "test", &outcome);
	assert!(summary.contains("sent again in a later one"), "{summary}");
}

/// Devices join and leave by their return. In helium-like's iot a device is set to cost its
/// whole onboarding fee a day to run, which its pay never covers: from the first full week its
/// maker switches off a tenth of the devices each week and none join. In mobile running is free
/// and hardware costs nothing, so every device pays back at once: they join at the onboarding
/// curve's full rate and none leave. Staking and device operators sell part of what they earn
/// into the pool.
#[test]
fn devices_join_and_leave_by_their_return() {
	use flywheel_sim::scenario::DeviceEconomics;
	let mut scenario = shipped("helium-like");
	let costly = DeviceEconomics { running_per_fee_per_day: 1.0, ..DeviceEconomics::default() };
	let free = DeviceEconomics {
		hardware_per_fee: 0.0,
		running_per_fee_per_day: 0.0,
		payback_days: 36_500.0,
		..DeviceEconomics::default()
	};
	scenario.subdaos[0].devices = Some(costly);
	scenario.subdaos[1].devices = Some(free);
	let outcome = run::run(&scenario, Some(15), |_| {}).expect("15 checked days");
	let (first, last) = (&outcome.rows[0], outcome.rows.last().expect("15 rows"));
	let devices = |r: &run::Row, i: usize| r.subdaos[i].devices;
	// iot: 285 devices at launch; a tenth (rounded up) off on day 7 and again on day 14.
	assert_eq!(devices(first, 0), 285);
	assert_eq!((outcome.devices_joined[0], outcome.devices_left[0]), (0, 29 + 26));
	assert_eq!(devices(last, 0), 285 - 55);
	assert!(last.subdaos[0].device_return_usd.is_some_and(|usd| usd < 0.0));
	// mobile: $2,000 of $1,000 devices a day (growing), every one bought.
	assert_eq!(outcome.devices_left[1], 0);
	assert!(outcome.devices_joined[1] >= 28, "joined: {}", outcome.devices_joined[1]);
	assert_eq!(devices(last, 1), devices(first, 1) + outcome.devices_joined[1]);
	assert!(last.subdaos[1].device_return_usd.is_some_and(|usd| usd > 0.0));
	// No maker's onboarding or switching off was refused.
	let makers: Vec<_> =
		outcome.refusals.keys().filter(|(who, _)| who.starts_with("maker")).collect();
	assert!(makers.is_empty(), "{makers:?}");
	// Both kinds of operator sold FLY into the pool, and no claim or sale was refused.
	for agent in ["device operator", "operator"] {
		assert!(outcome.sold.get(agent).is_some_and(|fly| *fly > 0), "{agent}: {:?}", outcome.sold);
	}
	let operators: Vec<_> =
		outcome.refusals.keys().filter(|(who, _)| who.starts_with("operator")).collect();
	assert!(operators.is_empty(), "{operators:?}");
	let summary = report::summary("helium-like", "test", &outcome);
	assert!(
		summary
			.contains("subDAO iot devices: 285 after day 0 -> 230 at the end (0 joined, 55 left)"),
		"{summary}"
	);
	assert!(summary.contains("FLY sold into the pool: device operators "), "{summary}");
}

/// Holders answer a dear pool: the outside price halves in a week and the arbitrageur holds no
/// FLY to sell into the pool, so the pool stays dearer than the outside price, and on day 7 the
/// holders whose markup (median 50%) the gap passes sell into it, bringing its price down; with
/// a markup no gap reaches, none does.
#[test]
fn holders_sell_into_a_pool_dearer_than_their_price() {
	let mut scenario = shipped("helium-like");
	scenario.price = flywheel_sim::scenario::Curve {
		points: vec![(0.0, 5.0), (7.0, 2.5)],
		..Default::default()
	};
	scenario.market.as_mut().expect("a market").arbitrageur_fly = 0.0;
	let selling = run::run(&scenario, Some(9), |_| {}).expect("9 checked days");
	let sold = selling.sold.get("holder").copied().unwrap_or(0);
	assert!(sold > 0, "holders sold: {:?}", selling.sold);
	assert!(selling.refusals.keys().all(|(who, _)| !who.starts_with("holder: sell")));
	let summary = report::summary("helium-like", "test", &selling);
	assert!(summary.contains("FLY sold into the pool: "), "{summary}");
	assert!(summary.contains(", holders "), "{summary}");

	scenario.holders.as_mut().expect("holders").sell_markup_median = 100.0;
	let holding = run::run(&scenario, Some(9), |_| {}).expect("9 checked days");
	assert_eq!(holding.sold.get("holder"), None, "{:?}", holding.sold);
	// The row's price is the pool's at the day's start: the same until day 7, when the holders
	// sell (or not), lower after it for their sales.
	assert_eq!(selling.rows[7].price, holding.rows[7].price);
	let (with, without) = (selling.rows[8].price, holding.rows[8].price);
	assert!(with < without, "the holders' sales lower the pool's price: {with} against {without}");
}

/// Devices switched off and devices bought later never share an id: iot's devices cost $15 a
/// day to run, above what each of the 285 earns ($11 or so), so half are switched off on day 7;
/// the rest then earn more than they cost and, with no hardware to pay back, new ones come at
/// the curve's rate. Every new device is onboarded (a reused id would be refused as
/// `DeviceAlreadyActive`).
#[test]
fn a_device_switched_off_never_lends_its_id_to_a_new_one() {
	use flywheel_sim::scenario::DeviceEconomics;
	let mut scenario = shipped("helium-like");
	scenario.subdaos[0].devices = Some(DeviceEconomics {
		hardware_per_fee: 0.0,
		running_per_fee_per_day: 15.0 / 50_000.0,
		payback_days: 36_500.0,
		churn_share: 0.5,
	});
	let outcome = run::run(&scenario, Some(16), |_| {}).expect("16 checked days");
	assert_eq!(outcome.devices_left[0], 143, "half of 285, rounded up, on day 7");
	assert!(outcome.devices_joined[0] >= 2, "joined: {}", outcome.devices_joined[0]);
	let makers: Vec<_> =
		outcome.refusals.keys().filter(|(who, _)| who.starts_with("maker")).collect();
	assert!(makers.is_empty(), "{makers:?}");
	let last = outcome.rows.last().expect("16 rows");
	assert_eq!(last.subdaos[0].devices, 285 - 143 + outcome.devices_joined[0]);
}

/// Every governance setting of a scenario reaches the runtime through its root call: the price
/// rules, the operator rules, the subnets' other parameters (periods in simulated days) and the
/// device activity period are in the runtime's storage after the set-up block.
#[test]
fn every_governance_setting_reaches_the_runtime() {
	use flywheel_runtime::{Runtime, FLY};
	use flywheel_sim::{chain, world::World};
	use sp_runtime::Perbill;
	let mut scenario = shipped("livepeer-like");
	let g = &mut scenario.governance;
	(g.price_max_age_hours, g.price_min_feeders, g.price_twap_hours) =
		(Some(3.0), Some(2), Some(12.0));
	(g.price_max_move, g.price_move_window_hours) = (Some(0.2), Some(2.0));
	(g.operator_min_self_bond, g.operator_max_idle_rounds) = (Some(2_000.0), Some(9));
	(g.subnet_min_lock_cost, g.subnet_min_burn, g.subnet_max_burn) =
		(Some(500.0), Some(2.0), Some(50.0));
	(g.subnet_burn_increase, g.subnet_bonds_alpha) = (Some(0.05), Some(0.2));
	g.subnet_immunity_days = Some(3);
	g.device_activity_epochs = Some(14);
	let paths = flywheel_sim::noise::Paths::new(&scenario.noise, 0, 1);
	let (mut world, endowments) = World::new(&scenario, paths, 1);
	let mut ext = chain::genesis(&endowments).expect("genesis");
	ext.execute_with(|| {
		chain::start_block(1, flywheel_runtime::System::block_hash(0)).expect("block 1");
		world.govern().expect("every setting accepted");
		let price = flywheel_runtime::DataCredits::price_rules();
		assert_eq!(
			(price.max_age_ms, price.min_feeders, price.twap_period_ms),
			(10_800_000, 2, 43_200_000)
		);
		assert_eq!((price.max_move, price.move_window_ms), (Perbill::from_percent(20), 7_200_000));
		let rules = pallet_bonding::Rules::<Runtime>::get();
		assert_eq!((rules.min_self_bond, rules.max_idle_rounds), (2_000 * FLY, 9));
		let p = pallet_subnets::Params::<Runtime>::get();
		assert_eq!((p.min_lock_cost, p.min_burn, p.max_burn), (500 * FLY, 2 * FLY, 50 * FLY));
		assert_eq!(
			(p.burn_increase, p.bonds_alpha),
			(Perbill::from_percent(5), Perbill::from_percent(20))
		);
		assert_eq!(p.network_immunity_period, 3 * chain::blocks_per_day());
		assert_eq!(pallet_subdaos::DeviceActivityEpochs::<Runtime>::get(), 14);
	});
}

/// Governance during a run: minting paused on days 3 and 4 (every DC purchase refused, none
/// minted) and resumed on day 5; iot's DNT emission halved from day 6's epoch by a subDAO
/// update, which the books' DNT check follows day by day (a run whose DNT did not follow the
/// new step would stop with that check's error); mobile's onboarding fee doubled on day 2.
#[test]
fn governance_pauses_mints_and_changes_a_subdao_during_a_run() {
	use flywheel_sim::scenario::SubDaoUpdateSpec;
	let mut scenario = shipped("helium-like");
	scenario.governance.mint_pauses = vec![(3, 5)];
	let half = scenario.subdaos[0].dnt_per_epoch / 2.0;
	let update = |day, dnt_per_epoch, onboarding_fee_usd, curve_k| SubDaoUpdateSpec {
		day,
		dnt_per_epoch,
		onboarding_fee_usd,
		curve_k,
	};
	scenario.subdaos[0].updates = vec![update(6, Some(half), None, None)];
	scenario.subdaos[1].updates = vec![update(2, None, Some(2_000.0), Some(1))];
	// Devices follow the onboarding curve here, not their return.
	scenario.subdaos[1].devices = None;
	let outcome = run::run(&scenario, Some(9), |_| {}).expect("9 checked days");
	let minted: Vec<u128> = outcome.rows.iter().map(|r| r.dc_minted).collect();
	assert!(minted[3] == 0 && minted[4] == 0, "paused: {minted:?}");
	assert!(minted[2] > 0 && minted[5] > 0, "minting before and after: {minted:?}");
	let paused = outcome.refusals.iter().any(|((who, error), _)| {
		who.starts_with("users: DataCredits.mint") && error == "DataCredits(MintingPaused)"
	});
	assert!(paused, "{:?}", outcome.refusals);
	// mobile's devices: $2,000 a day (growing) of $1,000 devices before day 2, of $2,000 after.
	let mobile: Vec<u32> = outcome.rows.iter().map(|r| r.subdaos[1].devices).collect();
	assert_eq!(mobile[1] - mobile[0], 2, "{mobile:?}");
	assert_eq!(mobile[8] - mobile[7], 1, "one device a day at the doubled fee: {mobile:?}");

	// An update the runtime refuses (a curve past its `k = 10`, set here past the file check
	// that refuses it first) stops the run on its day with the call's error, rather than
	// leaving the books to follow a schedule the chain does not.
	scenario.subdaos[1].updates = vec![update(2, None, None, Some(11))];
	let err = run::run(&scenario, Some(4), |_| {}).err().expect("a refused update stops the run");
	assert_eq!(err, "day 2: the update of subDAO mobile: SubDaos(InvalidCurve)");
}
