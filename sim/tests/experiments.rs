// SPDX-License-Identifier: Apache-2.0
//! Experiments over the real runtime: settings from the command line, seeded noise, sweeps,
//! comparisons, and the supply-cap emission mode reaching its cap.

use flywheel_sim::{
	experiment::{self, Setting},
	run,
	scenario::Scenario,
};
use std::path::{Path, PathBuf};

fn shipped(name: &str) -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios").join(format!("{name}.toml"))
}

fn temp(name: &str) -> PathBuf {
	std::env::temp_dir().join(format!("flywheel-sim-{name}-{}", std::process::id()))
}

fn set(path: &str, value: toml::Value) -> (String, toml::Value) {
	(path.to_string(), value)
}

#[test]
fn a_setting_changes_the_runtime_parameter_it_names() {
	let loaded = experiment::load(
		&shipped("livepeer-like"),
		&[set("governance.inflation_target", toml::Value::Float(0.3))],
	)
	.expect("a valid setting");
	assert_eq!(loaded.scenario.governance.inflation_target, Some(0.3));
	assert_eq!(loaded.settings, vec!["governance.inflation_target=0.3"]);
	let outcome = run::run(&loaded.scenario, Some(2), |_| {}).expect("two days");
	assert!((outcome.target - 0.3).abs() < 1e-9, "the runtime's target: {}", outcome.target);
}

#[test]
fn subdao_and_subnet_parameters_are_scenario_settings() {
	let loaded = experiment::load(
		&shipped("helium-like"),
		&[
			set("governance.redemption_cap", toml::Value::Float(0.05)),
			set("governance.subdao_ema_epochs", toml::Value::Integer(7)),
			set("governance.subnet_owner_cut", toml::Value::Float(0.1)),
			set("governance.subnet_revenue_cap", toml::Value::Float(0.25)),
		],
	)
	.expect("valid settings");
	let outcome = run::run(&loaded.scenario, Some(1), |_| {}).expect("a day");
	assert!((outcome.redemption_cap - 0.05).abs() < 1e-9, "{}", outcome.redemption_cap);
	let zero = experiment::load(
		&shipped("helium-like"),
		&[set("governance.redemption_cap", toml::Value::Float(0.0))],
	)
	.err()
	.expect("a zero cap")
	.to_string();
	assert!(zero.ends_with("field `governance.redemption_cap`: must be above 0"), "{zero}");
}

#[test]
fn a_bad_setting_is_refused_with_its_name() {
	let unknown = experiment::load(
		&shipped("livepeer-like"),
		&[set("governance.inflation_targte", toml::Value::Float(0.3))],
	)
	.err()
	.expect("an unknown field");
	let text = unknown.to_string();
	assert!(text.contains("--set governance.inflation_targte=0.3"), "{text}");
	assert!(text.contains("unknown field `inflation_targte`"), "{text}");
	let out_of_range = experiment::load(
		&shipped("livepeer-like"),
		&[set("governance.inflation_target", toml::Value::Float(1.5))],
	)
	.err()
	.expect("out of range")
	.to_string();
	assert!(
		out_of_range
			.ends_with("field `governance.inflation_target`: must be between 0 and 1, not 1.5"),
		"{out_of_range}"
	);
	let cap_without_mode = experiment::load(
		&shipped("livepeer-like"),
		&[set("governance.supply_cap_fly", toml::Value::Float(1e9))],
	)
	.err()
	.expect("a cap without its mode")
	.to_string();
	assert!(cap_without_mode.contains("is only for emission_mode = \"supply_cap\""));
}

#[test]
fn a_seed_picks_the_noisy_path_and_repeats_it() {
	let mut scenario = Scenario::load(&shipped("livepeer-like")).expect("shipped");
	scenario.noise.price_volatility = 0.8;
	scenario.noise.usage_noise = 0.3;
	let prices = |seed| -> Vec<f64> {
		run::run_seeded(&scenario, Some(4), seed, |_| {})
			.expect("runs")
			.rows
			.iter()
			.map(|r| r.price)
			.collect()
	};
	let (a, again, b) = (prices(1), prices(1), prices(2));
	assert_eq!(a, again, "a seed repeats its run");
	assert_ne!(a, b, "another seed takes another path");
	assert_eq!(a[0], scenario.price.at(0.0), "every path starts at the curve");
}

#[test]
fn a_sweep_runs_every_setting_and_seed_and_writes_its_table_and_fans() {
	let out = temp("sweep");
	let settings = vec![Setting {
		path: "governance.inflation_target".into(),
		values: vec![toml::Value::Float(0.3), toml::Value::Float(0.7)],
	}];
	let noisy = temp("noisy.toml");
	let text = std::fs::read_to_string(shipped("livepeer-like")).expect("shipped")
		+ "\n[noise]\nprice_volatility = 0.8\n";
	std::fs::write(&noisy, text).expect("written");
	let table = experiment::sweep(&noisy, &settings, 2, 2, Some(3), &out).expect("the sweep runs");
	assert!(table.contains("2 setting(s) × 2 seed(s)"), "{table}");
	assert!(table.contains("| governance.inflation_target=0.3 |"), "{table}");
	assert!(table.contains("| governance.inflation_target=0.7 |"), "{table}");
	let csv = std::fs::read_to_string(out.join("runs.csv")).expect("runs.csv");
	let lines: Vec<&str> = csv.lines().collect();
	assert_eq!(lines.len(), 1 + 4, "a header and a row per run");
	assert!(lines[0].starts_with("governance.inflation_target,seed,supply_change_pct,"));
	assert!(lines[1].starts_with("0.3,0,") && lines[4].starts_with("0.7,1,"), "{csv}");
	let fan = std::fs::read_to_string(out.join("fan.svg")).expect("fan.svg");
	assert!(fan.contains("<polygon") && fan.contains("Bonded ratio"));
	std::fs::remove_dir_all(&out).expect("cleans up");
	std::fs::remove_file(&noisy).expect("cleans up");
}

#[test]
fn a_comparison_puts_two_scenarios_side_by_side() {
	let out = temp("compare");
	let table =
		experiment::compare(&shipped("livepeer-like"), &shipped("bear"), &[], 0, Some(3), &out)
			.expect("both run");
	assert!(table.starts_with("# livepeer-like (A) against bear (B)"), "{table}");
	assert!(table.contains("| supply_change_pct |"), "{table}");
	assert!(table.contains("| iot_fly_per_dnt_end | (none) |"), "only B has subDAOs: {table}");
	assert_eq!(std::fs::read_to_string(out.join("compare.md")).expect("written"), table);
	std::fs::remove_dir_all(&out).expect("cleans up");
}

#[test]
fn under_a_supply_cap_the_supply_settles_at_the_cap() {
	let loaded = experiment::load(&shipped("helium-like"), &[]).expect("shipped");
	let first = run::run(&loaded.scenario, Some(1), |_| {}).expect("a day");
	// A cap a little above the supply after the set-up day: reached within days.
	let cap = first.rows[0].issuance as f64 / flywheel_runtime::FLY as f64 + 100_000.0;
	let capped = experiment::load(
		&shipped("helium-like"),
		&[
			set("governance.emission_mode", toml::Value::String("supply_cap".into())),
			set("governance.supply_cap_fly", toml::Value::Float(cap)),
		],
	)
	.expect("valid");
	let outcome = run::run(&capped.scenario, Some(12), |_| {}).expect("12 checked days");
	let cap = (cap * flywheel_runtime::FLY as f64) as u128;
	assert!(outcome.rows.iter().all(|r| r.issuance <= cap), "never above the cap");
	let at_cap: Vec<_> = outcome.rows.iter().filter(|r| r.issuance == cap).collect();
	assert!(at_cap.len() >= 5, "the supply reaches the cap and stays: {}", at_cap.len());
	// At the cap each round re-mints exactly what was burned since the last one: the day's
	// round starts mid-day, after the day's usage burns, so a day's mint is its own burns.
	for pair in outcome.rows.windows(2) {
		if pair[0].issuance == cap && pair[1].issuance == cap {
			assert!(pair[1].fly_minted > 0);
			assert_eq!(pair[1].fly_minted, pair[1].burned_all, "day {}", pair[1].day);
		}
	}
}

/// Holders of the idle supply bond by their reservation yield: the bonded ratio is no longer
/// capped by the delegators' endowments, and holders who ask less bond more.
#[test]
fn holders_bond_by_their_reservation_yield() {
	use toml::Value::{Float, Integer};
	let bonded = |holders: Option<f64>| {
		let mut settings = vec![
			set("staking.delegators", Integer(1)),
			set("staking.delegator_fly", Float(1_000.0)),
		];
		if let Some(median) = holders {
			settings.push(set("holders.count", Integer(50)));
			settings.push(set("holders.reservation_median", Float(median)));
		}
		// The adversarial scenario has no [holders] of its own: its idle supply sits still.
		let loaded = experiment::load(&shipped("adversarial"), &settings).expect("valid");
		let outcome = run::run(&loaded.scenario, Some(30), |_| {}).expect("30 checked days");
		outcome.rows.last().expect("30 rows").bonded_ratio
	};
	let (idle, eager, reluctant) = (bonded(None), bonded(Some(0.04)), bonded(Some(0.5)));
	assert!(idle < 0.05, "without holders only the operators bond: {idle}");
	// The idle 20M FLY are about a quarter of the supply (the market's pool and arbitrageur
	// hold 21M more, which never bond).
	assert!(eager > 0.2, "holders asking 4% bond the idle supply: {eager}");
	assert!(reluctant > idle && eager > reluctant + 0.1, "asking 50%: {reluctant}");
}

/// With a market nobody is pre-funded: users, makers and subnet services buy the FLY they burn
/// from the pool. The burns take FLY out of it; an arbitrageur with FLY of its own refills it
/// at the outside price; without one the price rises until the holders, weekly, sell into the
/// dear pool. (With mobile's usage ten times helium-like's, $55k a day: at helium-like's own,
/// the operators' sales, about 1,000 FLY a day from the staking operators alone in its first
/// month, offset the burns' buying.)
#[test]
fn burns_move_the_market_price_as_far_as_arbitrage_lets_them() {
	use toml::Value::Float;
	let run_with = |arbitrageur_fly: f64| {
		let settings = [
			set("market.liquidity_usd", Float(5e6)),
			set("market.arbitrageur_fly", Float(arbitrageur_fly)),
			set("subdaos.1.dc_usage_per_day.start", Float(5.53e9)),
		];
		let loaded = experiment::load(&shipped("helium-like"), &settings).expect("valid");
		run::run(&loaded.scenario, Some(30), |_| {}).expect("30 checked days")
	};
	let (refilled, dry) = (run_with(1e6), run_with(0.0));
	for outcome in [&refilled, &dry] {
		assert!(outcome.rows[1..].iter().all(|r| r.dc_burned > 0), "users bought and burned");
		assert!(outcome.refusals.is_empty(), "{:?}", outcome.refusals);
	}
	let highest = |o: &run::Outcome| o.rows.iter().map(|r| r.price).fold(0.0, f64::max);
	// helium-like's outside price is a flat $5.
	assert!(
		(highest(&refilled) / 5.0 - 1.0).abs() < 0.001,
		"arbitrage holds it: {}",
		highest(&refilled)
	);
	assert_eq!(refilled.sold.get("holder"), None, "a pool at the outside price: no holder sells");
	assert!(highest(&dry) > 5.0 * 1.1, "the burns' buying raised it: {}", highest(&dry));
	assert!(dry.sold.get("holder").is_some_and(|fly| *fly > 0), "{:?}", dry.sold);
}
