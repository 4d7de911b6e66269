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
	for panel in ["Net emission", "Staker yield", "FLY emission per subDAO", "Redemption-cap use"] {
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
