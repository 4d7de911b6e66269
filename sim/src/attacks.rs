// SPDX-License-Identifier: Apache-2.0
//! The attack table: each adversary of a scenario against its honest counterpart. One run has
//! every adversary passive (`active = false`: it holds the same budget and position and does
//! what an honest agent in its place would); then one run per adversary with it alone
//! attacking. All runs share the seed, the accounts and the genesis, so what differs between an
//! attack's run and the passive run is the attack's doing.

use crate::{
	experiment::{in_parallel, load, Provenance},
	run,
};
use flywheel_runtime::{Balance, FLY};
use std::{fmt::Write as _, path::Path};

/// One attack against its honest counterpart (FLY plancks; a positive `net` is a profit).
#[derive(Clone, Debug)]
pub struct AttackRow {
	pub name: String,
	/// The FLY its strategy holds at genesis: the attack's and its position's (each account's
	/// fee FLY apart).
	pub budget: Balance,
	/// Attacks carried out (the attacking call went through).
	pub attacks: u32,
	/// Extra transaction fees it paid.
	pub fees: i128,
	/// Extra fees plus the extra FLY it burned (DC, registrations): what the attack spent
	/// (each at least 0: FLY it saved counts in `gain`).
	pub cost: i128,
	/// What came back for it: `net + cost`.
	pub gain: i128,
	/// Its wealth at the end, with the attack minus without.
	pub net: i128,
	/// What everyone else (every other account and the DAO treasury) held less at the end.
	pub others_lost: i128,
	/// Calls of the honest agents the runtime refused, with the attack minus without (a
	/// newcomer kept out, a `k = 0` redemption past the window's cap; on a `k > 0` subDAO a
	/// request past the cap is refunded at settlement, not refused, and is not counted here).
	pub others_refused: i64,
}

impl AttackRow {
	/// Net over the budget it tied up.
	pub fn roi(&self) -> f64 {
		if self.budget == 0 {
			0.0
		} else {
			self.net as f64 / self.budget as f64
		}
	}
}

/// The settings that turn every adversary but `attacker` (none: all) off.
fn passive_but(count: usize, attacker: Option<usize>) -> Vec<(String, toml::Value)> {
	(0..count)
		.filter(|i| Some(*i) != attacker)
		.map(|i| (format!("adversaries.{i}.active"), toml::Value::Boolean(false)))
		.collect()
}

/// Runs the pairs of `path` with `settings` (seed `seed`, `threads` runs at a time): a row per
/// adversary and the provenance of the passive run.
pub fn attack_rows(
	path: &Path,
	settings: &[(String, toml::Value)],
	seed: u64,
	days: Option<u32>,
	threads: usize,
) -> Result<(Vec<AttackRow>, Provenance), String> {
	let count = load(path, settings).map_err(|e| e.to_string())?.scenario.adversaries.len();
	if count == 0 {
		return Err(format!("{}: no [[adversaries]] to pair", path.display()));
	}
	// Run 0 is the passive one; run i + 1 has adversary i attacking.
	let outcomes = in_parallel(count + 1, threads, |r| {
		let mut all = settings.to_vec();
		all.extend(passive_but(count, r.checked_sub(1)));
		let loaded = load(path, &all).map_err(|e| e.to_string())?;
		let outcome = run::run_seeded(&loaded.scenario, days, seed, |_| {})
			.map_err(|e| format!("{} run {r}: {e}", path.display()))?;
		Ok((Provenance::new(&loaded.text, seed, &loaded.settings), outcome))
	})?;
	let (provenance, base) = &outcomes[0];
	let mut rows = Vec::new();
	for (i, (_, attacked)) in outcomes[1..].iter().enumerate() {
		let diff = |a: &[Balance], b: &[Balance]| {
			a.get(i).copied().unwrap_or(0) as i128 - b.get(i).copied().unwrap_or(0) as i128
		};
		let fees = diff(&attacked.adversary_fees, &base.adversary_fees);
		// What it spent more; spending less (DC bought cheaper) is part of its gain.
		let cost = fees.max(0) + diff(&attacked.adversary_burned, &base.adversary_burned).max(0);
		let net = diff(&attacked.adversary_wealth, &base.adversary_wealth);
		rows.push(AttackRow {
			name: attacked.adversary_names.get(i).cloned().unwrap_or_default(),
			budget: attacked.adversary_budget.get(i).copied().unwrap_or(0),
			attacks: attacked.adversary_attacks.get(i).copied().unwrap_or(0),
			fees,
			cost,
			gain: net + cost,
			net,
			others_lost: diff(&base.others_wealth, &attacked.others_wealth),
			others_refused: honest_refusals(attacked) - honest_refusals(base),
		});
	}
	Ok((rows, provenance.clone()))
}

/// Calls of agents other than the adversaries (whose names start `adv`) that were refused.
fn honest_refusals(outcome: &run::Outcome) -> i64 {
	outcome
		.refusals
		.iter()
		.filter(|((agent, _), _)| !agent.starts_with("adv"))
		.map(|(_, count)| i64::from(*count))
		.sum()
}

/// Plancks as FLY with two decimals.
fn fly(planck: i128) -> String {
	format!("{:.2}", planck as f64 / FLY as f64)
}

/// The table in Markdown, its provenance under it.
pub fn markdown(rows: &[AttackRow], provenance: &Provenance) -> String {
	let mut text = String::from(
		"| attack | budget FLY | attacks | cost FLY (fees) | gain FLY | net FLY | ROI (net / budget) | others lost FLY | others refused |\n\
		 |---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
	);
	for r in rows {
		let roi = format!("{:+.2}%", r.roi() * 100.0);
		let _ = writeln!(
			text,
			"| {} | {} | {} | {} ({}) | {} | {} | {roi} | {} | {:+} |",
			r.name,
			fly(r.budget as i128),
			r.attacks,
			fly(r.cost),
			fly(r.fees),
			fly(r.gain),
			fly(r.net),
			fly(r.others_lost),
			r.others_refused,
		);
	}
	let _ = write!(text, "\nPaired runs, passive run's provenance: {}\n", provenance.line());
	text
}

/// Where the table goes in a README: between these two lines.
pub const BEGIN: &str = "<!-- attack-table: begin (scripts/simulate.sh writes it) -->";
pub const END: &str = "<!-- attack-table: end -->";

/// `readme` with the text between its markers replaced by `table`.
pub fn splice(readme: &str, table: &str) -> Result<String, String> {
	let start = readme.find(BEGIN).ok_or("no attack-table begin marker")? + BEGIN.len();
	let end = readme[start..].find(END).ok_or("no attack-table end marker")? + start;
	Ok(format!("{}\n{}{}", &readme[..start], table, &readme[end..]))
}

/// Runs the pairs, writes `out/table.md` and, with `readme`, the table into that file.
pub fn attack_table(
	path: &Path,
	settings: &[(String, toml::Value)],
	seed: u64,
	days: Option<u32>,
	threads: usize,
	out: &Path,
	readme: Option<&Path>,
) -> Result<String, String> {
	let (rows, provenance) = attack_rows(path, settings, seed, days, threads)?;
	let table = markdown(&rows, &provenance);
	std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
	let p = out.join("table.md");
	std::fs::write(&p, &table).map_err(|e| format!("{}: {e}", p.display()))?;
	if let Some(readme) = readme {
		let text =
			std::fs::read_to_string(readme).map_err(|e| format!("{}: {e}", readme.display()))?;
		let text = splice(&text, &table).map_err(|e| format!("{}: {e}", readme.display()))?;
		std::fs::write(readme, text).map_err(|e| format!("{}: {e}", readme.display()))?;
	}
	Ok(table)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_table_replaces_what_is_between_the_markers_only() {
		let readme = format!("intro\n{BEGIN}\nold table\n{END}\nafter\n");
		let spliced = splice(&readme, "| new |\n").expect("both markers");
		assert_eq!(spliced, format!("intro\n{BEGIN}\n| new |\n{END}\nafter\n"));
		assert_eq!(splice(&spliced, "| new |\n").as_deref(), Ok(spliced.as_str()), "idempotent");
		assert!(splice("no markers", "x").is_err());
		assert!(splice(&format!("{BEGIN} but no end"), "x").is_err());
	}
}
