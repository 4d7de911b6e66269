// SPDX-License-Identifier: Apache-2.0
//! `flywheel-sim`: runs scenario files through the real runtime (see the crate's README).

use clap::Parser;
use std::{path::PathBuf, time::Instant};

/// Runs the Flywheel runtime block by block under a scenario's demand and writes, per
/// scenario, `epochs.csv`, `summary.txt` and `plots.svg`.
#[derive(Parser)]
#[command(name = "flywheel-sim", version)]
struct Cli {
	/// Scenario files (`sim/scenarios/*.toml`).
	#[arg(required = true)]
	scenarios: Vec<PathBuf>,
	/// Where each scenario's directory of results goes.
	#[arg(long, default_value = "sim/results")]
	out: PathBuf,
	/// Run this many days instead of each scenario's own.
	#[arg(long)]
	days: Option<u32>,
	/// Also print each run's wall time (the speed benchmark; not written to the results).
	#[arg(long)]
	timing: bool,
	/// Dispatch calls directly, without transactions (no fees, nonces or block limits) and
	/// close blocks without a state root: only for `scripts/simulate.sh --bench`, which
	/// measures what real transactions cost against it.
	#[arg(long)]
	direct: bool,
}

fn main() {
	let cli = Cli::parse();
	if cli.direct {
		flywheel_sim::chain::set_mode(flywheel_sim::chain::Mode::Direct);
	}
	let mut failed = false;
	for path in &cli.scenarios {
		let start = Instant::now();
		match flywheel_sim::simulate(path, &cli.out, cli.days, false) {
			Ok(summary) => {
				println!("{summary}");
				if cli.timing {
					println!("wall time: {:.1} s\n", start.elapsed().as_secs_f64());
				}
			}
			Err(e) => {
				eprintln!("error: {e}");
				failed = true;
			}
		}
	}
	if failed {
		std::process::exit(1);
	}
}
