// SPDX-License-Identifier: Apache-2.0
//! Experiments: scenario settings from the command line (`--set path=value`), sweeps over them
//! with seeds (Monte Carlo), side-by-side comparisons, and the provenance every output records
//! (commit, runtime spec_version, scenario hash, seed, settings).

use crate::{
	report,
	run::{self, Outcome},
	scenario::{Scenario, ScenarioError},
	world::units,
};
use std::{
	collections::BTreeMap,
	fmt::Write as _,
	path::Path,
	sync::{
		atomic::{AtomicUsize, Ordering},
		Mutex,
	},
};

/// One `--set`: a dotted path into the scenario (`governance.inflation_target`,
/// `subdaos.0.dnt_per_epoch`) and the values it takes (one for a run, several for a sweep).
#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
	pub path: String,
	pub values: Vec<toml::Value>,
}

/// Parses `path=value`, `path=lo:hi:step` (an inclusive range of numbers) or `path=a,b,c`.
pub fn parse_setting(arg: &str) -> Result<Setting, String> {
	let (path, raw) = arg
		.split_once('=')
		.ok_or_else(|| format!("--set {arg}: expected path=value (or path=lo:hi:step)"))?;
	let path = path.trim().to_string();
	if path.is_empty() || path.split('.').any(str::is_empty) {
		return Err(format!("--set {arg}: the path is empty or has an empty part"));
	}
	let parts: Vec<&str> = raw.split(':').collect();
	let values = if parts.len() == 3 {
		let num = |s: &str| {
			s.trim().parse::<f64>().map_err(|_| format!("--set {arg}: {s:?} is not a number"))
		};
		let (lo, hi, step) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
		if !(step > 0.0 && lo <= hi && lo.is_finite() && hi.is_finite()) {
			return Err(format!("--set {arg}: a range needs lo ≤ hi and a step above 0"));
		}
		let count = ((hi - lo) / step + 1e-9).floor() as usize + 1;
		if count > 1_000 {
			return Err(format!("--set {arg}: {count} values; at most 1,000"));
		}
		// Rounded to the step's decimals, so 0.30:0.70:0.05 gives 0.35, not 0.35000000000000003.
		let decimals = raw_decimals(parts[2]).max(raw_decimals(parts[0]));
		let scale = 10f64.powi(decimals as i32);
		(0..count)
			.map(|i| toml::Value::Float(((lo + step * i as f64) * scale).round() / scale))
			.collect()
	} else {
		raw.split(',').map(value_of).collect()
	};
	Ok(Setting { path, values })
}

fn raw_decimals(s: &str) -> usize {
	s.trim().split_once('.').map(|(_, d)| d.len()).unwrap_or(0)
}

/// A command-line value as TOML: a number, a boolean, an array or table written in TOML, or
/// else a string.
fn value_of(raw: &str) -> toml::Value {
	let raw = raw.trim();
	toml::from_str::<toml::Table>(&format!("v = {raw}"))
		.ok()
		.and_then(|mut t| t.remove("v"))
		.unwrap_or_else(|| toml::Value::String(raw.to_string()))
}

/// Sets `value` at `path` in the document `doc`: a number indexes an array
/// (`subdaos.0.name`); a missing table on the way is created. Fields that do not exist are
/// refused when the scenario is read.
pub fn set_in(doc: &mut toml::Value, path: &str, value: toml::Value) -> Result<(), String> {
	let mut here = doc;
	let parts: Vec<&str> = path.split('.').collect();
	for (i, part) in parts.iter().enumerate() {
		let at = parts[..=i].join(".");
		let last = i + 1 == parts.len();
		here = match here {
			toml::Value::Table(t) => {
				if last {
					t.insert(part.to_string(), value);
					return Ok(());
				}
				t.entry(part.to_string()).or_insert_with(|| toml::Value::Table(toml::Table::new()))
			}
			toml::Value::Array(items) => {
				let index: usize =
					part.parse().map_err(|_| format!("`{at}`: a list takes a number"))?;
				let len = items.len();
				let item = items
					.get_mut(index)
					.ok_or_else(|| format!("`{at}`: the list has {len} (from 0)"))?;
				if last {
					*item = value;
					return Ok(());
				}
				item
			}
			_ => return Err(format!("`{}` is a value, not a table", parts[..i].join("."))),
		};
	}
	Err("an empty path".into())
}

/// A scenario file with settings applied; its text (for the hash) is the file's with the
/// settings written in.
pub struct Loaded {
	pub scenario: Scenario,
	/// The scenario as run, as TOML (the file's own text when nothing is set).
	pub text: String,
	/// The settings, as `path=value`.
	pub settings: Vec<String>,
}

/// Reads `path` and applies `settings` (one value each); every field is checked as for a file,
/// an error naming the setting when it comes from one.
pub fn load(path: &Path, settings: &[(String, toml::Value)]) -> Result<Loaded, ScenarioError> {
	let (file, text) = crate::scenario::read(path)?;
	if settings.is_empty() {
		let scenario = Scenario::parse(&file, &text)?;
		return Ok(Loaded { scenario, text, settings: Vec::new() });
	}
	let mut value: toml::Value = toml::from_str(&text)
		.map_err(|e| ScenarioError::of_file(&file, e.message().trim().to_string()))?;
	let mut shown = Vec::new();
	for (at, v) in settings {
		set_in(&mut value, at, v.clone()).map_err(|message| {
			ScenarioError::of_file(&format!("{file} with --set {at}={v}"), message)
		})?;
		shown.push(format!("{at}={v}"));
	}
	let text = toml::to_string(&value).map_err(|e| {
		ScenarioError::of_file(&file, format!("the settings do not serialise: {e}"))
	})?;
	let scenario = Scenario::parse(&format!("{file} with --set {}", shown.join(" ")), &text)?;
	Ok(Loaded { scenario, text, settings: shown })
}

/// Where a result came from: enough to run it again.
#[derive(Clone, Debug)]
pub struct Provenance {
	/// The source tree's commit when the run was made (`+dirty` with uncommitted changes
	/// outside `sim/results` and the Markdown files).
	pub commit: String,
	pub spec_version: u32,
	/// The first 16 hex digits of the BLAKE2-256 of the scenario as run (settings written in).
	pub scenario_hash: String,
	pub seed: u64,
	pub settings: Vec<String>,
}

impl Provenance {
	pub fn new(text: &str, seed: u64, settings: &[String]) -> Self {
		let hash = sp_io::hashing::blake2_256(text.as_bytes());
		Provenance {
			commit: source_commit(),
			spec_version: flywheel_runtime::VERSION.spec_version,
			scenario_hash: hash.iter().take(8).map(|b| format!("{b:02x}")).collect(),
			seed,
			settings: settings.to_vec(),
		}
	}

	/// One line for summaries and tables.
	pub fn line(&self) -> String {
		let settings =
			if self.settings.is_empty() { "none".to_string() } else { self.settings.join(" ") };
		format!(
			"commit {}, spec_version {}, scenario {}, seed {}, settings {settings}",
			self.commit, self.spec_version, self.scenario_hash, self.seed
		)
	}
}

/// The commit of the source tree the simulator was built from, read when it runs.
fn source_commit() -> String {
	let dir = env!("CARGO_MANIFEST_DIR");
	let git = |args: &[&str]| {
		std::process::Command::new("git")
			.arg("-C")
			.arg(dir)
			.args(args)
			.output()
			.ok()
			.filter(|o| o.status.success())
			.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
	};
	match git(&["rev-parse", "--short=12", "HEAD"]) {
		Some(commit) => {
			// Results the runs themselves rewrite, and documentation, change no figure.
			let dirty = git(&[
				"status",
				"--porcelain",
				"--untracked-files=no",
				"--",
				":(top)",
				":(top,exclude)sim/results",
				":(top,exclude,glob)**/*.md",
			])
			.is_some_and(|s| !s.is_empty());
			if dirty {
				format!("{commit}+dirty")
			} else {
				commit
			}
		}
		None => "unknown (no git)".into(),
	}
}

/// A run's year-end outcomes, by name, in a fixed order.
pub fn metrics(outcome: &Outcome) -> Vec<(String, f64)> {
	let rows = &outcome.rows;
	let (Some(first), Some(last)) = (rows.first(), rows.last()) else { return Vec::new() };
	// Flows leave out day 0, the set-up day (the devices active at the start pay then).
	let running = rows.get(1..).unwrap_or_default();
	let tail = &running[running.len().saturating_sub(30)..];
	let sum = |rows: &[run::Row], f: fn(&run::Row) -> u128| rows.iter().map(f).sum::<u128>();
	let minted_30 = sum(tail, |r| r.fly_minted) as f64;
	let net_30 = units(sum(tail, |r| r.minted_all)) - units(sum(tail, |r| r.burned_all));
	let mut m = vec![
		(
			"supply_change_pct".to_string(),
			(units(last.issuance) / units(first.issuance) - 1.0) * 100.0,
		),
		("supply_end_fly".to_string(), units(last.issuance)),
		("net_emission_last_30d_fly_a_day".to_string(), net_30 / tail.len().max(1) as f64),
		(
			"net_emission_fly".to_string(),
			units(sum(running, |r| r.minted_all)) - units(sum(running, |r| r.burned_all)),
		),
		(
			"burn_to_mint_last_30d".to_string(),
			if minted_30 > 0.0 { sum(tail, |r| r.fly_burned) as f64 / minted_30 } else { 0.0 },
		),
		("bonded_ratio_end_pct".to_string(), last.bonded_ratio * 100.0),
		("inflation_end_pct_a_year".to_string(), report::annual(last.rate_per_round) * 100.0),
		("fees_fly".to_string(), units(sum(rows, |r| r.fees))),
	];
	for (i, name) in outcome.subdao_names.iter().enumerate() {
		let backing = last.subdaos.get(i).and_then(|s| s.fly_per_dnt).unwrap_or(0.0);
		m.push((format!("{name}_fly_per_dnt_end"), backing));
	}
	for (i, name) in outcome.adversary_names.iter().enumerate() {
		let profit = last.profits.get(i).copied().unwrap_or_default();
		m.push((format!("{name}_profit_fly"), profit as f64 / flywheel_runtime::FLY as f64));
	}
	m
}

/// The daily series a fan chart shows: (name, unit, value per row).
pub const FAN_SERIES: [(&str, &str); 4] = [
	("FLY issuance", "million FLY"),
	("Bonded ratio", "%"),
	("Burn-to-mint (7-day)", "burned / minted"),
	("Inflation (annualised)", "% a year"),
];

fn fan_values(outcome: &Outcome) -> Vec<Vec<f64>> {
	// Day 0 is the set-up day.
	let rows = outcome.rows.get(1..).unwrap_or_default();
	let b2m = crate::plot::rolling_ratio(rows, 7);
	vec![
		rows.iter().map(|r| units(r.issuance) / 1e6).collect(),
		rows.iter().map(|r| r.bonded_ratio * 100.0).collect(),
		b2m.iter().map(|(_, v)| *v).collect(),
		rows.iter().map(|r| report::annual(r.rate_per_round) * 100.0).collect(),
	]
}

/// The `q`-quantile of `values` (linear between ranks); `values` need not be sorted.
pub fn quantile(values: &[f64], q: f64) -> f64 {
	let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
	if v.is_empty() {
		return f64::NAN;
	}
	v.sort_by(|a, b| a.total_cmp(b));
	let pos = q.clamp(0.0, 1.0) * (v.len() - 1) as f64;
	let (i, t) = (pos.floor() as usize, pos - pos.floor());
	let j = (i + 1).min(v.len() - 1);
	v[i] * (1.0 - t) + v[j] * t
}

/// One finished run of an experiment.
struct Finished {
	combo: usize,
	seed: u64,
	provenance: Provenance,
	metrics: Vec<(String, f64)>,
	fans: Vec<Vec<f64>>,
}

/// A run to make: its setting's index, the setting's values, its seed.
type Job = (usize, Vec<(String, toml::Value)>, u64);

/// Runs `f(0)` … `f(count − 1)`, `threads` at a time; the results in index order. After a
/// failure no new run starts (those under way finish) and the first error is returned.
pub fn in_parallel<T: Send>(
	count: usize,
	threads: usize,
	f: impl Fn(usize) -> Result<T, String> + Sync,
) -> Result<Vec<T>, String> {
	let next = AtomicUsize::new(0);
	let results: Mutex<Vec<(usize, Result<T, String>)>> = Mutex::new(Vec::new());
	std::thread::scope(|scope| {
		for _ in 0..threads.max(1) {
			scope.spawn(|| loop {
				let i = next.fetch_add(1, Ordering::SeqCst);
				if i >= count {
					break;
				}
				let result = f(i);
				let failed = result.is_err();
				if let Ok(mut all) = results.lock() {
					all.push((i, result));
				}
				if failed {
					next.store(count, Ordering::SeqCst);
				}
			});
		}
	});
	let mut all = results.into_inner().map_err(|_| "a run panicked".to_string())?;
	all.sort_by_key(|(i, _)| *i);
	all.into_iter().map(|(_, r)| r).collect()
}

/// Runs `jobs` at a time; each job loads its scenario with its settings and runs it.
fn run_all(
	path: &Path,
	jobs: &[Job],
	days: Option<u32>,
	threads: usize,
) -> Result<Vec<Finished>, String> {
	in_parallel(jobs.len(), threads, |i| {
		let (combo, settings, seed) = &jobs[i];
		let loaded = load(path, settings).map_err(|e| e.to_string())?;
		let outcome = run::run_seeded(&loaded.scenario, days, *seed, |_| {})
			.map_err(|e| format!("{} seed {seed}: {e}", loaded.settings.join(" ")))?;
		Ok(Finished {
			combo: *combo,
			seed: *seed,
			provenance: Provenance::new(&loaded.text, *seed, &loaded.settings),
			metrics: metrics(&outcome),
			fans: fan_values(&outcome),
		})
	})
}

/// Every combination of the settings' values (the cartesian product, the first setting
/// slowest).
pub fn combinations(settings: &[Setting]) -> Vec<Vec<(String, toml::Value)>> {
	let mut combos = vec![Vec::new()];
	for s in settings {
		combos = combos
			.into_iter()
			.flat_map(|c| {
				s.values.iter().map(move |v| {
					let mut next = c.clone();
					next.push((s.path.clone(), v.clone()));
					next
				})
			})
			.collect();
	}
	combos
}

fn label(combo: &[(String, toml::Value)]) -> String {
	if combo.is_empty() {
		return "as written".into();
	}
	combo.iter().map(|(p, v)| format!("{p}={v}")).collect::<Vec<_>>().join(" ")
}

/// `flywheel-sim sweep`: every combination of `settings` × seeds `0..seeds`, `threads` runs at
/// a time. Writes `runs.csv` (a row per run), `table.md` (per setting, each outcome's median
/// and p5–p95 over the seeds) and `fan.svg` (p5/p50/p95 bands by day) into `out`; returns the
/// table.
pub fn sweep(
	path: &Path,
	settings: &[Setting],
	seeds: u32,
	threads: usize,
	days: Option<u32>,
	out: &Path,
) -> Result<String, String> {
	let combos = combinations(settings);
	let jobs: Vec<_> = combos
		.iter()
		.enumerate()
		.flat_map(|(c, combo)| (0..u64::from(seeds.max(1))).map(move |s| (c, combo.clone(), s)))
		.collect();
	let finished = run_all(path, &jobs, days, threads)?;
	std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
	let write = |file: &str, text: &str| {
		let p = out.join(file);
		std::fs::write(&p, text).map_err(|e| format!("{}: {e}", p.display()))
	};
	// runs.csv
	let names: Vec<String> = finished
		.first()
		.map(|f| f.metrics.iter().map(|(n, _)| n.clone()).collect())
		.unwrap_or_default();
	let mut csv = String::new();
	for s in settings {
		let _ = write!(csv, "{},", s.path);
	}
	let _ = writeln!(csv, "seed,{},commit,spec_version,scenario", names.join(","));
	for f in &finished {
		for (_, v) in &combos[f.combo] {
			let _ = write!(csv, "{v},");
		}
		let values: Vec<String> = f.metrics.iter().map(|(_, v)| format!("{v:.9}")).collect();
		let p = &f.provenance;
		let _ = writeln!(
			csv,
			"{},{},{},{},{}",
			f.seed,
			values.join(","),
			p.commit,
			p.spec_version,
			p.scenario_hash
		);
	}
	write("runs.csv", &csv)?;
	// table.md
	let file = path.file_stem().and_then(|s| s.to_str()).unwrap_or("scenario");
	let mut table =
		format!("# Sweep of {file}: {} setting(s) × {} seed(s)\n\n", combos.len(), seeds.max(1));
	if let Some(f) = finished.first() {
		let p = &f.provenance;
		let _ = writeln!(table, "commit {}, spec_version {}\n", p.commit, p.spec_version);
	}
	let _ = writeln!(table, "| setting | {} |", names.join(" | "));
	let _ = writeln!(table, "|---|{}", "---|".repeat(names.len()));
	for (c, combo) in combos.iter().enumerate() {
		let runs: Vec<&Finished> = finished.iter().filter(|f| f.combo == c).collect();
		let cells: Vec<String> = (0..names.len())
			.map(|k| {
				let xs: Vec<f64> = runs.iter().map(|f| f.metrics[k].1).collect();
				if xs.len() == 1 {
					number(xs[0])
				} else {
					format!(
						"{} ({}–{})",
						number(quantile(&xs, 0.5)),
						number(quantile(&xs, 0.05)),
						number(quantile(&xs, 0.95))
					)
				}
			})
			.collect();
		let _ = writeln!(table, "| {} | {} |", label(combo), cells.join(" | "));
	}
	if seeds > 1 {
		let _ = writeln!(table, "\nEach cell: the median over the seeds (p5–p95).");
	}
	write("table.md", &table)?;
	// fan.svg
	let bands: Vec<(String, Vec<Vec<Vec<f64>>>)> = combos
		.iter()
		.enumerate()
		.map(|(c, combo)| {
			let runs: Vec<Vec<Vec<f64>>> =
				finished.iter().filter(|f| f.combo == c).map(|f| f.fans.clone()).collect();
			(label(combo), runs)
		})
		.collect();
	crate::plot::write_fans(
		&bands,
		&format!("{file}: p5 / p50 / p95 over seeds"),
		&out.join("fan.svg"),
	)?;
	Ok(table)
}

/// A number for a table: a few significant digits, thousands as 1.5k / 2.3M.
pub fn number(x: f64) -> String {
	if !x.is_finite() {
		return "–".into();
	}
	let a = x.abs();
	if a >= 1e9 {
		format!("{:.2}G", x / 1e9)
	} else if a >= 1e6 {
		format!("{:.2}M", x / 1e6)
	} else if a >= 1e4 {
		format!("{:.1}k", x / 1e3)
	} else if a >= 100.0 {
		format!("{x:.0}")
	} else if a >= 1.0 {
		format!("{x:.2}")
	} else if a == 0.0 {
		"0".into()
	} else {
		format!("{x:.3e}")
	}
}

/// `flywheel-sim compare A B`: both scenarios with the same seed and settings, side by side;
/// writes `compare.md` into `out` and returns it.
pub fn compare(
	a: &Path,
	b: &Path,
	settings: &[(String, toml::Value)],
	seed: u64,
	days: Option<u32>,
	out: &Path,
) -> Result<String, String> {
	let mut results = Vec::new();
	std::thread::scope(|scope| {
		let handles: Vec<_> = [a, b]
			.into_iter()
			.map(|path| {
				scope.spawn(move || {
					let loaded = load(path, settings).map_err(|e| e.to_string())?;
					let outcome = run::run_seeded(&loaded.scenario, days, seed, |_| {})
						.map_err(|e| format!("{}: {e}", path.display()))?;
					Ok::<_, String>((
						Provenance::new(&loaded.text, seed, &loaded.settings),
						metrics(&outcome),
					))
				})
			})
			.collect();
		for h in handles {
			results.push(h.join().map_err(|_| "a run panicked".to_string()).and_then(|r| r));
		}
	});
	let mut results = results.into_iter();
	let (pa, ma) = results.next().ok_or("no first run")??;
	let (pb, mb) = results.next().ok_or("no second run")??;
	let name = |p: &Path| p.file_stem().and_then(|s| s.to_str()).unwrap_or("?").to_string();
	let (na, nb) = (name(a), name(b));
	let mut text = format!("# {na} (A) against {nb} (B)\n\nA: {}\nB: {}\n\n", pa.line(), pb.line());
	let _ = writeln!(text, "| outcome | A | B | B − A | change |");
	let _ = writeln!(text, "|---|---:|---:|---:|---:|");
	let bs: BTreeMap<&str, f64> = mb.iter().map(|(n, v)| (n.as_str(), *v)).collect();
	for (n, va) in &ma {
		let Some(vb) = bs.get(n.as_str()) else {
			let _ = writeln!(text, "| {n} | {} | (none) | | |", number(*va));
			continue;
		};
		let change = if *va != 0.0 {
			format!("{:+.1}%", (vb - va) / va.abs() * 100.0)
		} else {
			String::new()
		};
		let _ = writeln!(
			text,
			"| {n} | {} | {} | {} | {change} |",
			number(*va),
			number(*vb),
			number(vb - va)
		);
	}
	for (n, vb) in &mb {
		if !ma.iter().any(|(m, _)| m == n) {
			let _ = writeln!(text, "| {n} | (none) | {} | | |", number(*vb));
		}
	}
	std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
	let p = out.join("compare.md");
	std::fs::write(&p, &text).map_err(|e| format!("{}: {e}", p.display()))?;
	Ok(text)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn settings_parse_as_values_ranges_and_lists() {
		let one = parse_setting("governance.inflation_target=0.4").expect("a value");
		assert_eq!(one.path, "governance.inflation_target");
		assert_eq!(one.values, vec![toml::Value::Float(0.4)]);
		let range = parse_setting("governance.inflation_target=0.30:0.70:0.05").expect("a range");
		let xs: Vec<f64> = range.values.iter().filter_map(|v| v.as_float()).collect();
		assert_eq!(xs, vec![0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]);
		let list =
			parse_setting("governance.emission_mode=bonded_ratio,supply_cap").expect("a list");
		assert_eq!(
			list.values,
			vec![
				toml::Value::String("bonded_ratio".into()),
				toml::Value::String("supply_cap".into())
			]
		);
		assert_eq!(parse_setting("days=30").expect("int").values, vec![toml::Value::Integer(30)]);
		assert!(parse_setting("nothing").unwrap_err().contains("expected path=value"));
		assert!(parse_setting("a..b=1").unwrap_err().contains("empty part"));
		assert!(parse_setting("a=1:0:0.1").unwrap_err().contains("lo ≤ hi"));
		assert!(parse_setting("a=0:1:x").unwrap_err().contains("not a number"));
	}

	#[test]
	fn a_setting_reaches_tables_and_lists_and_names_what_is_missing() {
		let mut doc: toml::Value =
			toml::from_str("days = 5\n[[subdaos]]\nname = \"a\"\n").expect("toml");
		set_in(&mut doc, "governance.inflation_target", toml::Value::Float(0.4))
			.expect("new table");
		set_in(&mut doc, "subdaos.0.name", toml::Value::String("b".into())).expect("a list item");
		assert_eq!(doc["governance"]["inflation_target"].as_float(), Some(0.4));
		assert_eq!(doc["subdaos"][0]["name"].as_str(), Some("b"));
		assert!(set_in(&mut doc, "subdaos.3.name", toml::Value::Integer(1))
			.unwrap_err()
			.contains("the list has 1"));
		assert!(set_in(&mut doc, "days.x", toml::Value::Integer(1))
			.unwrap_err()
			.contains("is a value"));
	}

	#[test]
	fn combinations_are_the_cartesian_product() {
		let a = parse_setting("x=1,2").expect("a");
		let b = parse_setting("y=3,4,5").expect("b");
		let combos = combinations(&[a, b]);
		assert_eq!(combos.len(), 6);
		assert_eq!(label(&combos[0]), "x=1 y=3");
		assert_eq!(label(&combos[5]), "x=2 y=5");
		assert_eq!(combinations(&[]).len(), 1);
	}

	#[test]
	fn quantiles_interpolate_between_ranks() {
		let xs = [5.0, 1.0, 3.0, 2.0, 4.0];
		assert_eq!(quantile(&xs, 0.5), 3.0);
		assert_eq!(quantile(&xs, 0.0), 1.0);
		assert_eq!(quantile(&xs, 1.0), 5.0);
		assert!((quantile(&xs, 0.05) - 1.2).abs() < 1e-12);
		assert!(quantile(&[], 0.5).is_nan());
		assert_eq!(number(1_500_000.0), "1.50M");
		assert_eq!(number(0.0001), "1.000e-4");
	}
}
