// SPDX-License-Identifier: Apache-2.0
//! What a run wrote: a CSV row per epoch and a summary of what the series say.

use crate::{
	run::{Outcome, Row},
	world::units,
};
use flywheel_runtime::{Balance, FLY};
use std::fmt::Write as _;

/// Plancks as an exact decimal FLY amount (`1234.5`).
pub fn fly(planck: Balance) -> String {
	let whole = planck / FLY;
	let frac = planck % FLY;
	if frac == 0 {
		return whole.to_string();
	}
	let digits = format!("{frac:012}");
	format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// A signed FLY amount.
fn signed_fly(planck: i128) -> String {
	let text = fly(planck.unsigned_abs());
	if planck < 0 {
		format!("-{text}")
	} else {
		text
	}
}

fn opt(value: Option<f64>) -> String {
	value.map(|v| format!("{v:.9}")).unwrap_or_default()
}

/// Annualised inflation from a rate per daily round (compounded).
pub fn annual(rate_per_round: f64) -> f64 {
	(1.0 + rate_per_round).powi(365) - 1.0
}

/// The netuids seen in any row, in order.
fn netuids(rows: &[Row]) -> Vec<u16> {
	let mut ids: Vec<u16> =
		rows.iter().flat_map(|r| r.subnet_shares.iter().map(|(id, _)| *id)).collect();
	ids.sort_unstable();
	ids.dedup();
	ids
}

/// The CSV: one row per epoch; FLY in exact decimals, ratios as fractions.
pub fn csv(outcome: &Outcome) -> String {
	let mut out = String::from(
		"day,price_usd,issuance_fly,fly_minted,fly_burned,burn_to_mint,all_minted_fly,\
		 all_burned_fly,fees_fly,dc_minted,dc_burned,bonded_ratio,rate_per_round,annual_inflation",
	);
	for name in &outcome.subdao_names {
		let _ = write!(
			out,
			",{name}_treasury_fly,{name}_dnt_supply,{name}_fly_per_dnt,{name}_share,\
			 {name}_devices,{name}_device_return_usd"
		);
	}
	let subnets = netuids(&outcome.rows);
	for id in &subnets {
		let _ = write!(out, ",subnet{id}_share");
	}
	for name in &outcome.adversary_names {
		let _ = write!(out, ",{name}_profit_fly");
	}
	out.push('\n');
	for r in &outcome.rows {
		let _ = write!(
			out,
			"{},{},{},{},{},{},{},{},{},{},{},{:.9},{:.9},{:.9}",
			r.day,
			r.price,
			fly(r.issuance),
			fly(r.fly_minted),
			fly(r.fly_burned),
			opt(r.burn_to_mint),
			fly(r.minted_all),
			fly(r.burned_all),
			fly(r.fees),
			r.dc_minted,
			r.dc_burned,
			r.bonded_ratio,
			r.rate_per_round,
			annual(r.rate_per_round),
		);
		for s in &r.subdaos {
			let _ = write!(
				out,
				",{},{},{},{:.9},{},{}",
				fly(s.treasury_fly),
				fly(s.dnt_supply),
				opt(s.fly_per_dnt),
				s.share,
				s.devices,
				opt(s.device_return_usd)
			);
		}
		for id in &subnets {
			let share = r.subnet_shares.iter().find(|(n, _)| n == id).map(|(_, s)| *s);
			let _ = write!(out, ",{}", opt(share));
		}
		for p in &r.profits {
			let _ = write!(out, ",{}", signed_fly(*p));
		}
		out.push('\n');
	}
	out
}

/// The deepest peak-to-trough fall of a series: (fall as a fraction, peak day, trough day).
pub fn worst_fall(points: &[(u32, f64)]) -> Option<(f64, u32, u32)> {
	let mut peak: Option<(u32, f64)> = None;
	let mut worst: Option<(f64, u32, u32)> = None;
	for &(day, value) in points {
		match peak {
			Some((_, p)) if value <= p => {
				let fall = if p > 0.0 { (p - value) / p } else { 0.0 };
				if worst.is_none_or(|(w, _, _)| fall > w) {
					worst = Some((fall, peak.map(|(d, _)| d).unwrap_or(day), day));
				}
			}
			_ => peak = Some((day, value)),
		}
	}
	worst
}

/// The first day from which the bonded ratio stays within `band` of the target to the end.
pub fn settles_from(rows: &[Row], target: f64, band: f64) -> Option<u32> {
	let last_outside = rows.iter().rposition(|r| (r.bonded_ratio - target).abs() > band);
	match last_outside {
		None => rows.first().map(|r| r.day),
		Some(i) => rows.get(i + 1).map(|r| r.day),
	}
}

/// The summary: what the run says about the questions a token design must answer.
pub fn summary(name: &str, description: &str, outcome: &Outcome) -> String {
	let rows = &outcome.rows;
	let mut s = String::new();
	let _ = writeln!(s, "scenario: {name}\n{description}\n");
	let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
		let _ = writeln!(s, "no epoch closed");
		return s;
	};
	let _ = writeln!(
		s,
		"days: {} ({} blocks of the real runtime, {} calls)",
		rows.len(),
		outcome.blocks,
		outcome.calls
	);
	let change = (units(last.issuance) / units(first.issuance).max(1e-12) - 1.0) * 100.0;
	let _ = writeln!(
		s,
		"FLY issuance: {} -> {} FLY ({change:+.2}%)",
		fly(first.issuance),
		fly(last.issuance)
	);
	let fees: Balance = rows.iter().map(|r| r.fees).sum();
	let _ = writeln!(s, "transaction fees paid: {} FLY (to the treasury)", fly(fees));
	let minted: Balance = rows.iter().map(|r| r.fly_minted).sum();
	let burned: Balance = rows.iter().map(|r| r.fly_burned).sum();
	let _ = writeln!(
		s,
		"inflation minted {} FLY, Data Credits burned {} FLY (burn-to-mint over the run {:.4})",
		fly(minted),
		fly(burned),
		burned as f64 / (minted as f64).max(1.0)
	);
	// Day 0 sets the economy up (the devices active at the start pay their fees then).
	let running = rows.get(1..).unwrap_or_default();
	match running.iter().find(|r| r.burn_to_mint.is_some_and(|b| b >= 1.0)) {
		Some(r) => {
			let _ = writeln!(
				s,
				"burns first reach mints on day {} (burn-to-mint {:.3})",
				r.day,
				r.burn_to_mint.unwrap_or_default()
			);
		}
		None => {
			let best = running.iter().filter_map(|r| r.burn_to_mint.map(|b| (r.day, b))).fold(
				None,
				|best: Option<(u32, f64)>, x| match best {
					Some(b) if b.1 >= x.1 => Some(b),
					_ => Some(x),
				},
			);
			let _ = match best {
				Some((day, b)) => writeln!(
					s,
					"burns never reach mints (highest burn-to-mint {b:.4}, on day {day})"
				),
				None => writeln!(s, "burns never reach mints (nothing minted)"),
			};
		}
	}
	let _ = writeln!(
		s,
		"inflation rate: {:.5}% a day ({:.2}% a year) -> {:.5}% a day ({:.2}% a year)",
		first.rate_per_round * 100.0,
		annual(first.rate_per_round) * 100.0,
		last.rate_per_round * 100.0,
		annual(last.rate_per_round) * 100.0
	);
	let target = outcome.target;
	let _ = write!(
		s,
		"bonded ratio: {:.2}% -> {:.2}% (target {:.0}%); ",
		first.bonded_ratio * 100.0,
		last.bonded_ratio * 100.0,
		target * 100.0
	);
	let _ = match settles_from(rows, target, 0.02) {
		Some(day) => writeln!(s, "within 2 points of the target from day {day} on"),
		None => writeln!(
			s,
			"not within 2 points of the target at the end ({:+.2} points)",
			(last.bonded_ratio - target) * 100.0
		),
	};
	for (i, name) in outcome.subdao_names.iter().enumerate() {
		let series: Vec<(u32, f64)> = rows
			.iter()
			.filter_map(|r| r.subdaos.get(i).and_then(|s| s.fly_per_dnt).map(|v| (r.day, v)))
			.collect();
		let (start, end) = (series.first(), series.last());
		let _ = write!(s, "subDAO {name}: ");
		let _ = match (start, end) {
			(Some(a), Some(b)) => write!(s, "treasury FLY per DNT {:.6} -> {:.6}", a.1, b.1),
			_ => write!(s, "no DNT in circulation"),
		};
		let _ = match worst_fall(&series) {
			Some((fall, from, to)) if fall > 0.0 => writeln!(
				s,
				"; worst fall of backing {:.2}% (day {from} to day {to}); final share {:.3}",
				fall * 100.0,
				last.subdaos.get(i).map(|x| x.share).unwrap_or_default()
			),
			_ => writeln!(
				s,
				"; backing never fell; final share {:.3}",
				last.subdaos.get(i).map(|x| x.share).unwrap_or_default()
			),
		};
		let devices = |r: &Row| r.subdaos.get(i).map(|x| x.devices).unwrap_or_default();
		let _ = write!(
			s,
			"subDAO {name} devices: {} after day 0 -> {} at the end ({} joined, {} left)",
			devices(first),
			devices(last),
			outcome.devices_joined.get(i).copied().unwrap_or_default(),
			outcome.devices_left.get(i).copied().unwrap_or_default()
		);
		let _ = match last.subdaos.get(i).and_then(|x| x.device_return_usd) {
			Some(usd) => writeln!(s, "; a device's return at the end {usd:.2} USD a day"),
			None => writeln!(s),
		};
	}
	for (i, name) in outcome.adversary_names.iter().enumerate() {
		let profit = last.profits.get(i).copied().unwrap_or_default();
		let attacks = outcome.adversary_attacks.get(i).copied().unwrap_or_default();
		let fees = outcome.adversary_fees.get(i).copied().unwrap_or_default();
		let _ = writeln!(
			s,
			"adversary {name}: profit {} FLY over {attacks} attacks (fees paid {} FLY)",
			signed_fly(profit),
			fly(fees)
		);
	}
	if !outcome.sold.is_empty() {
		let sold: Vec<String> = outcome
			.sold
			.iter()
			.map(|(who, fly_sold)| format!("{who}s {} FLY", fly(*fly_sold)))
			.collect();
		let _ = writeln!(s, "FLY sold into the pool: {}", sold.join(", "));
	}
	if outcome.carried_over > 0 {
		let _ = writeln!(
			s,
			"transactions a full block had no room for, sent again in a later one: {}",
			outcome.carried_over
		);
	}
	if !outcome.refusals.is_empty() {
		let _ = writeln!(s, "calls the runtime refused (agent: call, error, times):");
		for ((who, error), count) in &outcome.refusals {
			let _ = writeln!(s, "  {who}: {error} x{count}");
		}
	}
	s
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn fly_amounts_are_exact_decimals() {
		assert_eq!(fly(0), "0");
		assert_eq!(fly(FLY), "1");
		assert_eq!(fly(FLY + FLY / 2), "1.5");
		assert_eq!(fly(1), "0.000000000001");
		assert_eq!(signed_fly(-(FLY as i128) / 4), "-0.25");
	}

	#[test]
	fn the_worst_fall_is_peak_to_trough() {
		let series = [(0, 1.0), (1, 2.0), (2, 1.5), (3, 2.5), (4, 1.0), (5, 3.0)];
		let (fall, from, to) = worst_fall(&series).expect("it falls");
		assert!((fall - 0.6).abs() < 1e-12);
		assert_eq!((from, to), (3, 4));
		assert!(worst_fall(&[(0, 1.0), (1, 2.0)]).is_none());
	}
}
