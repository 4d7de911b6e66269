// SPDX-License-Identifier: Apache-2.0
//! `flywheel-sim`: runs scenario files through the real runtime (see the crate's README).

use clap::{Args, Parser, Subcommand};
use flywheel_sim::experiment;
use std::{path::PathBuf, time::Instant};

/// Runs the Flywheel runtime block by block under a scenario's demand and writes, per
/// scenario, `epochs.csv`, `summary.txt` and `plots.svg`; or sweeps and compares scenarios.
#[derive(Parser)]
#[command(name = "flywheel-sim", version, args_conflicts_with_subcommands = true)]
struct Cli {
	#[command(subcommand)]
	command: Option<Command>,
	#[command(flatten)]
	run: RunArgs,
}

#[derive(Args)]
struct RunArgs {
	/// Scenario files (`sim/scenarios/*.toml`).
	scenarios: Vec<PathBuf>,
	/// Where each scenario's directory of results goes.
	#[arg(long, default_value = "sim/results")]
	out: PathBuf,
	/// Run this many days instead of each scenario's own.
	#[arg(long)]
	days: Option<u32>,
	/// A scenario setting, `PATH=VALUE` (`governance.inflation_target=0.4`,
	/// `subdaos.0.dnt_per_epoch=1e6`); repeatable.
	#[arg(long = "set", value_name = "PATH=VALUE")]
	set: Vec<String>,
	/// The seed of the random paths (the scenario's `[noise]`).
	#[arg(long, default_value_t = 0)]
	seed: u64,
	/// Also print each run's wall time (the speed benchmark; not written to the results).
	#[arg(long)]
	timing: bool,
	/// Dispatch calls directly, without transactions (no fees, nonces or block limits) and
	/// close blocks without a state root: only for `scripts/simulate.sh --bench`, which
	/// measures what real transactions cost against it.
	#[arg(long)]
	direct: bool,
}

#[derive(Subcommand)]
enum Command {
	/// Runs SCENARIO for every combination of the `--set` values (`PATH=LO:HI:STEP` or
	/// `PATH=A,B`) and seeds 0..SEEDS; writes runs.csv, table.md and fan.svg.
	Sweep {
		scenario: PathBuf,
		#[arg(long = "set", value_name = "PATH=VALUES")]
		set: Vec<String>,
		/// Monte Carlo runs per setting (seeds 0 to SEEDS − 1).
		#[arg(long, default_value_t = 1)]
		seeds: u32,
		/// Runs at a time.
		#[arg(long, default_value_t = 1)]
		jobs: usize,
		#[arg(long)]
		days: Option<u32>,
		/// Default: sim/results/<scenario>-sweep.
		#[arg(long)]
		out: Option<PathBuf>,
	},
	/// Runs each adversary of SCENARIO against its honest counterpart (one run with every
	/// adversary passive, one per adversary attacking alone, same seed); writes table.md and,
	/// with `--readme`, the table between that file's attack-table markers.
	Attacks {
		scenario: PathBuf,
		#[arg(long = "set", value_name = "PATH=VALUE")]
		set: Vec<String>,
		#[arg(long, default_value_t = 0)]
		seed: u64,
		/// Runs at a time.
		#[arg(long, default_value_t = 1)]
		jobs: usize,
		#[arg(long)]
		days: Option<u32>,
		/// Default: sim/results/<scenario>.
		#[arg(long)]
		out: Option<PathBuf>,
		#[arg(long)]
		readme: Option<PathBuf>,
	},
	/// Runs A and B with the same seed and settings, side by side; writes compare.md.
	Compare {
		a: PathBuf,
		b: PathBuf,
		#[arg(long = "set", value_name = "PATH=VALUE")]
		set: Vec<String>,
		#[arg(long, default_value_t = 0)]
		seed: u64,
		#[arg(long)]
		days: Option<u32>,
		/// Default: sim/results/compare-<a>-<b>.
		#[arg(long)]
		out: Option<PathBuf>,
	},
}

fn single_values(args: &[String]) -> Result<Vec<(String, toml::Value)>, String> {
	args.iter()
		.map(|arg| {
			let s = experiment::parse_setting(arg)?;
			match <[toml::Value; 1]>::try_from(s.values) {
				Ok([value]) => Ok((s.path, value)),
				Err(_) => Err(format!("--set {arg}: one value here (sweep takes several)")),
			}
		})
		.collect()
}

fn stem(path: &std::path::Path) -> String {
	path.file_stem().and_then(|s| s.to_str()).unwrap_or("scenario").to_string()
}

fn main() {
	let cli = Cli::parse();
	let result = match cli.command {
		Some(Command::Sweep { scenario, set, seeds, jobs, days, out }) => set
			.iter()
			.map(|a| experiment::parse_setting(a))
			.collect::<Result<Vec<_>, _>>()
			.and_then(|settings| {
				let out = out.unwrap_or_else(|| {
					PathBuf::from(format!("sim/results/{}-sweep", stem(&scenario)))
				});
				experiment::sweep(&scenario, &settings, seeds, jobs, days, &out)
			})
			.map(|table| println!("{table}")),
		Some(Command::Compare { a, b, set, seed, days, out }) => {
			single_values(&set).and_then(|settings| {
				let out = out.unwrap_or_else(|| {
					PathBuf::from(format!("sim/results/compare-{}-{}", stem(&a), stem(&b)))
				});
				experiment::compare(&a, &b, &settings, seed, days, &out).map(|t| println!("{t}"))
			})
		}
		Some(Command::Attacks { scenario, set, seed, jobs, days, out, readme }) => {
			single_values(&set).and_then(|settings| {
				let out = out
					.unwrap_or_else(|| PathBuf::from(format!("sim/results/{}", stem(&scenario))));
				let readme = readme.as_deref();
				flywheel_sim::attacks::attack_table(
					&scenario, &settings, seed, days, jobs, &out, readme,
				)
				.map(|t| println!("{t}"))
			})
		}
		None => run(cli.run),
	};
	if let Err(e) = result {
		eprintln!("error: {e}");
		std::process::exit(1);
	}
}

fn run(args: RunArgs) -> Result<(), String> {
	if args.scenarios.is_empty() {
		return Err("no scenario file given (flywheel-sim --help)".into());
	}
	if args.direct {
		flywheel_sim::chain::set_mode(flywheel_sim::chain::Mode::Direct);
	}
	let settings = single_values(&args.set)?;
	let mut failed = Vec::new();
	for path in &args.scenarios {
		let start = Instant::now();
		match flywheel_sim::simulate_with(path, &args.out, args.days, false, &settings, args.seed) {
			Ok(summary) => {
				println!("{summary}");
				if args.timing {
					println!("wall time: {:.1} s\n", start.elapsed().as_secs_f64());
				}
			}
			Err(e) => {
				eprintln!("error: {e}");
				failed.push(path.display().to_string());
			}
		}
	}
	if failed.is_empty() {
		Ok(())
	} else {
		Err(format!("{} scenario(s) failed: {}", failed.len(), failed.join(", ")))
	}
}
