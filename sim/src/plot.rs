// SPDX-License-Identifier: Apache-2.0
//! The run's charts as one SVG (plotters), and a sweep's fan charts. Day 0 sets the economy up
//! (genesis positions, the devices active at the start pay their fees) and is left out; lumpy
//! daily flows are shown as 7-day averages; ticks read as 1.5M, 250k, 0.01.

use crate::{
	report::annual,
	run::{Outcome, Row},
	world::units,
};
use plotters::{coord::types::RangedCoordf64, prelude::*};
use std::path::Path;

/// Days averaged for daily flows.
const WINDOW: usize = 7;

/// A chart: a title, a y-axis label and its named series.
struct Panel {
	title: String,
	y_label: &'static str,
	series: Vec<(String, Vec<(f64, f64)>)>,
}

fn series(rows: &[Row], f: impl Fn(&Row) -> Option<f64>) -> Vec<(f64, f64)> {
	rows.iter().filter_map(|r| f(r).map(|y| (f64::from(r.day), y))).collect()
}

/// A trailing average over `window` points (fewer at the start).
fn rolling(points: &[(f64, f64)], window: usize) -> Vec<(f64, f64)> {
	(0..points.len())
		.map(|i| {
			let from = (i + 1).saturating_sub(window);
			let part = &points[from..=i];
			(points[i].0, part.iter().map(|p| p.1).sum::<f64>() / part.len() as f64)
		})
		.collect()
}

/// Burned over minted, each summed over a trailing window of `window` days.
pub fn rolling_ratio(rows: &[Row], window: usize) -> Vec<(f64, f64)> {
	(0..rows.len())
		.map(|i| {
			let part = &rows[(i + 1).saturating_sub(window)..=i];
			let minted: u128 = part.iter().map(|r| r.fly_minted).sum();
			let burned: u128 = part.iter().map(|r| r.fly_burned).sum();
			let ratio = if minted == 0 { 0.0 } else { burned as f64 / minted as f64 };
			(f64::from(rows[i].day), ratio)
		})
		.collect()
}

/// The first day whose FLY burned covers what the day minted (7-day sums), if any.
pub fn burns_cover_mints(rows: &[Row]) -> Option<u32> {
	let running = rows.get(1..)?;
	rolling_ratio(running, WINDOW)
		.into_iter()
		.enumerate()
		.find(|(i, (_, r))| *i + 1 >= WINDOW && *r >= 1.0)
		.map(|(_, (day, _))| day as u32)
}

fn per_subdao(
	outcome: &Outcome,
	rows: &[Row],
	f: impl Fn(usize, &Row) -> Option<f64>,
) -> Vec<(String, Vec<(f64, f64)>)> {
	let mut all: Vec<_> = outcome
		.subdao_names
		.iter()
		.enumerate()
		.map(|(i, name)| (name.clone(), series(rows, |r| f(i, r))))
		.collect();
	if all.is_empty() {
		all.push(("(no subDAO)".into(), Vec::new()));
	}
	all
}

fn panels(outcome: &Outcome) -> Vec<Panel> {
	// Day 0 is the set-up day.
	let rows = outcome.rows.get(1..).unwrap_or_default();
	let target = outcome.target;
	let net = series(rows, |r| Some(units(r.minted_all) - units(r.burned_all)));
	let cover = match burns_cover_mints(&outcome.rows) {
		Some(day) => format!("burns cover mints from day {day}"),
		None => "burns never cover mints within the horizon".into(),
	};
	let staker_yield = series(rows, |r| {
		let bonded = r.bonded_ratio * units(r.issuance);
		(bonded > 0.0).then(|| units(r.stakers_emission) * 365.0 / bonded * 100.0)
	});
	let mut yields = vec![("stakers (gross)".to_string(), rolling(&staker_yield, WINDOW))];
	if let Some(t) = outcome.target_yield {
		yields.push(("delegators' target".into(), series(rows, |_| Some(t * 100.0))));
	}
	let cap = outcome.redemption_cap;
	let cap_use = |i: usize, r: &Row| {
		let before = outcome.rows.iter().find(|p| p.day + 1 == r.day)?;
		let allowed = cap * units(before.subdaos.get(i)?.treasury_fly);
		let redeemed = units(r.subdaos.get(i)?.redeemed_fly);
		(allowed > 0.0).then(|| redeemed / allowed * 100.0)
	};
	vec![
		Panel {
			title: "FLY supply".into(),
			y_label: "FLY",
			series: vec![("issuance".into(), series(rows, |r| Some(units(r.issuance))))],
		},
		Panel {
			title: format!("Net emission (minted − burned), 7-day avg.: {cover}"),
			y_label: "FLY a day",
			series: vec![
				("net emission".into(), rolling(&net, WINDOW)),
				("0".into(), series(rows, |_| Some(0.0))),
			],
		},
		Panel {
			title: "FLY minted and burned, 7-day avg.".into(),
			y_label: "FLY a day",
			series: vec![
				(
					"minted (inflation)".into(),
					rolling(&series(rows, |r| Some(units(r.fly_minted))), WINDOW),
				),
				(
					"burned (Data Credits)".into(),
					rolling(&series(rows, |r| Some(units(r.fly_burned))), WINDOW),
				),
			],
		},
		Panel {
			title: "Burn-to-mint, 7-day".into(),
			y_label: "burned / minted",
			series: vec![
				("burn-to-mint".into(), rolling_ratio(rows, WINDOW)),
				("1 (supply flat)".into(), series(rows, |_| Some(1.0))),
			],
		},
		Panel {
			title: "Bonded ratio".into(),
			y_label: "%",
			series: vec![
				("bonded".into(), series(rows, |r| Some(r.bonded_ratio * 100.0))),
				("target".into(), series(rows, |_| Some(target * 100.0))),
			],
		},
		Panel { title: "Staker yield, 7-day avg.".into(), y_label: "% a year", series: yields },
		Panel {
			title: "Inflation rate (annualised)".into(),
			y_label: "% a year",
			series: vec![(
				"inflation".into(),
				series(rows, |r| Some(annual(r.rate_per_round) * 100.0)),
			)],
		},
		Panel {
			title: "FLY emission per subDAO, 7-day avg.".into(),
			y_label: "FLY a day",
			series: per_subdao(outcome, rows, |i, r| {
				r.subdaos.get(i).map(|s| units(s.emission_fly))
			})
			.into_iter()
			.map(|(n, pts)| (n, rolling(&pts, WINDOW)))
			.collect(),
		},
		Panel {
			title: "DNT backing: treasury FLY per DNT".into(),
			y_label: "FLY per DNT",
			series: per_subdao(outcome, rows, |i, r| r.subdaos.get(i).and_then(|s| s.fly_per_dnt)),
		},
		Panel {
			title: "DNT backing in USD, per million DNT".into(),
			y_label: "USD",
			series: per_subdao(outcome, rows, |i, r| {
				r.subdaos.get(i).and_then(|s| s.fly_per_dnt).map(|f| f * r.price * 1e6)
			}),
		},
		Panel {
			title: format!("Redemption-cap use (cap {:.1}% of a treasury a day)", cap * 100.0),
			y_label: "% of the cap",
			series: per_subdao(outcome, rows, cap_use),
		},
		Panel {
			title: "Active devices (they join and leave by their return with [subdaos.devices])"
				.into(),
			y_label: "simulated devices",
			series: per_subdao(outcome, rows, |i, r| {
				r.subdaos.get(i).map(|s| f64::from(s.devices))
			}),
		},
		Panel {
			title: "DAO treasury (fees and its share; no spending modelled)".into(),
			y_label: "FLY",
			series: vec![("treasury".into(), series(rows, |r| Some(units(r.dao_treasury_fly))))],
		},
	]
}

/// A tick label: 1.5M, 250k, 12, 0.35, 1.2e-5.
pub fn tick(v: f64) -> String {
	let a = v.abs();
	let trim = |s: String| {
		if s.contains('.') {
			s.trim_end_matches('0').trim_end_matches('.').to_string()
		} else {
			s
		}
	};
	if a == 0.0 {
		"0".into()
	} else if a >= 1e9 {
		format!("{}G", trim(format!("{:.2}", v / 1e9)))
	} else if a >= 1e6 {
		format!("{}M", trim(format!("{:.2}", v / 1e6)))
	} else if a >= 1e3 {
		format!("{}k", trim(format!("{:.2}", v / 1e3)))
	} else if a >= 0.01 {
		trim(format!("{v:.3}"))
	} else {
		format!("{v:.1e}")
	}
}

/// The y range of a set of points, padded; a flat series gets a band around its value.
fn y_range<'a>(points: impl Iterator<Item = &'a f64>) -> (f64, f64) {
	let (lo, hi) = points
		.filter(|y| y.is_finite())
		.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| (lo.min(*y), hi.max(*y)));
	if !lo.is_finite() {
		return (0.0, 1.0);
	}
	let pad = if hi > lo { (hi - lo) * 0.08 } else { hi.abs().max(1e-9) * 0.05 };
	((lo - pad).max(if lo >= 0.0 { 0.0 } else { f64::MIN }), hi + pad)
}

fn x_range(rows: &[Row]) -> (f64, f64) {
	let last = rows.last().map(|r| f64::from(r.day)).unwrap_or(1.0);
	(1.0, last.max(2.0))
}

type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A chart on `area` with its caption, axes and readable ticks.
fn chart_on<'a, 'b>(
	area: &'a DrawingArea<SVGBackend<'b>, plotters::coord::Shift>,
	caption: &str,
	unit: &str,
	x: (f64, f64),
	y: (f64, f64),
) -> Result<Chart<'a, 'b>, String> {
	let mut chart = ChartBuilder::on(area)
		.caption(caption, ("sans-serif", 15))
		.margin(8)
		.x_label_area_size(30)
		.y_label_area_size(60)
		.build_cartesian_2d(x.0..x.1, y.0..y.1)
		.map_err(|e| e.to_string())?;
	chart
		.configure_mesh()
		.x_desc("day")
		.y_desc(unit)
		.y_label_formatter(&|v| tick(*v))
		.x_label_formatter(&|v| format!("{v:.0}"))
		.light_line_style(WHITE.mix(0.0))
		.draw()
		.map_err(|e| e.to_string())?;
	Ok(chart)
}

/// Series `i` of a chart as a line, with its legend entry.
fn line(
	chart: &mut Chart,
	i: usize,
	label: String,
	points: impl IntoIterator<Item = (f64, f64)>,
) -> Result<(), String> {
	let color = Palette99::pick(i).to_rgba();
	chart
		.draw_series(LineSeries::new(points, color.stroke_width(2)))
		.map_err(|e| e.to_string())?
		.label(label)
		.legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color));
	Ok(())
}

fn legend<'a, 'b: 'a>(
	chart: &mut Chart<'a, 'b>,
	position: SeriesLabelPosition,
) -> Result<(), String> {
	chart
		.configure_series_labels()
		.position(position)
		.background_style(WHITE.mix(0.85))
		.border_style(BLACK.mix(0.3))
		.draw()
		.map_err(|e| e.to_string())
}

/// Writes the charts of `outcome` to `path` (SVG).
pub fn write_svg(outcome: &Outcome, title: &str, path: &Path) -> Result<(), String> {
	draw_svg(outcome, title, path).map_err(|e| format!("plotting {}: {e}", path.display()))
}

fn draw_svg(outcome: &Outcome, title: &str, path: &Path) -> Result<(), String> {
	let x = x_range(&outcome.rows);
	let panels = panels(outcome);
	let rows = panels.len().div_ceil(2);
	let root = SVGBackend::new(path, (1300, 330 * rows as u32)).into_drawing_area();
	root.fill(&WHITE).map_err(|e| e.to_string())?;
	let root = root.titled(title, ("sans-serif", 22)).map_err(|e| e.to_string())?;
	for (area, panel) in root.split_evenly((rows, 2)).iter().zip(panels) {
		let y = y_range(panel.series.iter().flat_map(|(_, pts)| pts.iter().map(|p| &p.1)));
		let mut chart = chart_on(area, &panel.title, panel.y_label, x, y)?;
		for (i, (name, points)) in panel.series.into_iter().enumerate() {
			line(&mut chart, i, name, points)?;
		}
		legend(&mut chart, SeriesLabelPosition::UpperRight)?;
	}
	root.present().map_err(|e| e.to_string())
}

/// A fan's day: (day, p5, p50, p95).
type FanPoint = (f64, f64, f64, f64);

/// Writes fan charts: for each series of [`crate::experiment::FAN_SERIES`], a band from p5 to
/// p95 over the runs of each setting and its median. `bands[k] = (setting, runs)`, where
/// `runs[r][series][i]` is run `r`'s value on day `i + 1`.
pub fn write_fans(
	bands: &[(String, Vec<Vec<Vec<f64>>>)],
	title: &str,
	path: &Path,
) -> Result<(), String> {
	draw_fans(bands, title, path).map_err(|e| format!("plotting {}: {e}", path.display()))
}

fn draw_fans(
	bands: &[(String, Vec<Vec<Vec<f64>>>)],
	title: &str,
	path: &Path,
) -> Result<(), String> {
	use crate::experiment::{quantile, FAN_SERIES};
	let root = SVGBackend::new(path, (1300, 760)).into_drawing_area();
	root.fill(&WHITE).map_err(|e| e.to_string())?;
	let root = root.titled(title, ("sans-serif", 22)).map_err(|e| e.to_string())?;
	for (k, (area, (name, unit))) in root.split_evenly((2, 2)).iter().zip(FAN_SERIES).enumerate() {
		let fans: Vec<(String, Vec<FanPoint>)> = bands
			.iter()
			.map(|(label, runs)| {
				let days = runs.iter().map(|r| r.get(k).map_or(0, Vec::len)).min().unwrap_or(0);
				let points = (0..days)
					.map(|d| {
						let xs: Vec<f64> = runs.iter().map(|r| r[k][d]).collect();
						let q = |p| quantile(&xs, p);
						((d + 1) as f64, q(0.05), q(0.5), q(0.95))
					})
					.collect();
				(label.clone(), points)
			})
			.collect();
		let days = fans.iter().flat_map(|(_, p)| p.last().map(|x| x.0)).fold(2.0, f64::max);
		let y = y_range(fans.iter().flat_map(|(_, p)| p.iter().flat_map(|x| [&x.1, &x.3])));
		let mut chart = chart_on(area, name, unit, (1.0, days), y)?;
		for (i, (label, points)) in fans.into_iter().enumerate() {
			let color = Palette99::pick(i).to_rgba();
			let mut outline: Vec<(f64, f64)> = points.iter().map(|p| (p.0, p.3)).collect();
			outline.extend(points.iter().rev().map(|p| (p.0, p.1)));
			chart
				.draw_series(std::iter::once(Polygon::new(outline, color.mix(0.18).filled())))
				.map_err(|e| e.to_string())?;
			line(&mut chart, i, label, points.iter().map(|p| (p.0, p.2)))?;
		}
		legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
	}
	root.present().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn ticks_read_as_people_write_them() {
		assert_eq!(tick(1_500_000.0), "1.5M");
		assert_eq!(tick(250_000.0), "250k");
		assert_eq!(tick(2_000_000_000.0), "2G");
		assert_eq!(tick(12.0), "12");
		assert_eq!(tick(0.35), "0.35");
		assert_eq!(tick(0.0001), "1.0e-4");
		assert_eq!(tick(0.0), "0");
		assert_eq!(tick(-3_000.0), "-3k");
	}

	#[test]
	fn a_rolling_average_trails() {
		let pts = [(1.0, 1.0), (2.0, 3.0), (3.0, 5.0), (4.0, 7.0)];
		let avg = rolling(&pts, 2);
		assert_eq!(avg, vec![(1.0, 1.0), (2.0, 2.0), (3.0, 4.0), (4.0, 6.0)]);
	}
}
