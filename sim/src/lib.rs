// SPDX-License-Identifier: Apache-2.0
#![doc = include_str!("../README.md")]

pub mod adversary;
pub mod attacks;
pub mod books;
pub mod chain;
pub mod experiment;
pub mod market;
pub mod noise;
pub mod plot;
pub mod report;
pub mod run;
pub mod scenario;
pub mod world;

use std::path::Path;

/// Runs the scenario file `path` and writes `epochs.csv`, `summary.txt` and `plots.svg` into
/// `out/<name>/`; returns the summary.
pub fn simulate(path: &Path, out: &Path, days: Option<u32>, quiet: bool) -> Result<String, String> {
	simulate_with(path, out, days, quiet, &[], 0)
}

/// [`simulate`] with scenario settings (`--set`) and a seed for the random paths.
pub fn simulate_with(
	path: &Path,
	out: &Path,
	days: Option<u32>,
	quiet: bool,
	settings: &[(String, toml::Value)],
	seed: u64,
) -> Result<String, String> {
	let loaded = experiment::load(path, settings).map_err(|e| e.to_string())?;
	let scenario = loaded.scenario;
	let provenance = experiment::Provenance::new(&loaded.text, seed, &loaded.settings);
	let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("scenario").to_string();
	let outcome = run::run_seeded(&scenario, days, seed, |row| {
		if !quiet && (row.day + 1) % 30 == 0 {
			eprintln!("  {name}: day {} closed", row.day + 1);
		}
	})
	.map_err(|e| format!("{name}: {e}"))?;
	let dir = out.join(&name);
	std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
	let write = |file: &str, text: &str| {
		let path = dir.join(file);
		std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
	};
	write("epochs.csv", &report::csv(&outcome))?;
	let summary = report::summary(&name, &scenario.description, &outcome);
	write("summary.txt", &format!("{summary}\nprovenance: {}\n", provenance.line()))?;
	plot::write_svg(
		&outcome,
		&format!("{name}: {}", scenario.description),
		&dir.join("plots.svg"),
	)?;
	Ok(summary)
}
