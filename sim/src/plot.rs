// SPDX-License-Identifier: Apache-2.0
//! The run's main series as one SVG of six charts (plotters).

use crate::{
	report::annual,
	run::{Outcome, Row},
	world::units,
};
use plotters::prelude::*;
use std::path::Path;

/// A chart: a title, a y-axis label and its named series.
struct Panel {
	title: &'static str,
	y_label: &'static str,
	series: Vec<(String, Vec<(f64, f64)>)>,
}

fn series(rows: &[Row], f: impl Fn(&Row) -> Option<f64>) -> Vec<(f64, f64)> {
	rows.iter().filter_map(|r| f(r).map(|y| (f64::from(r.day), y))).collect()
}

fn panels(outcome: &Outcome) -> Vec<Panel> {
	let rows = &outcome.rows;
	let target = outcome.target;
	let mut treasuries: Vec<(String, Vec<(f64, f64)>)> = outcome
		.subdao_names
		.iter()
		.enumerate()
		.map(|(i, name)| {
			(name.clone(), series(rows, |r| r.subdaos.get(i).and_then(|s| s.fly_per_dnt)))
		})
		.collect();
	if treasuries.is_empty() {
		treasuries.push(("(no subDAO)".into(), Vec::new()));
	}
	vec![
		Panel {
			title: "FLY issuance",
			y_label: "million FLY",
			series: vec![("issuance".into(), series(rows, |r| Some(units(r.issuance) / 1e6)))],
		},
		Panel {
			title: "FLY minted and burned per day",
			y_label: "FLY",
			series: vec![
				("minted (inflation)".into(), series(rows, |r| Some(units(r.fly_minted)))),
				("burned (Data Credits)".into(), series(rows, |r| Some(units(r.fly_burned)))),
			],
		},
		Panel {
			title: "Burn-to-mint ratio",
			y_label: "burned / minted",
			series: vec![
				("burn-to-mint".into(), series(rows, |r| r.burn_to_mint)),
				("1 (supply flat)".into(), series(rows, |_| Some(1.0))),
			],
		},
		Panel {
			title: "Bonded ratio",
			y_label: "%",
			series: vec![
				("bonded".into(), series(rows, |r| Some(r.bonded_ratio * 100.0))),
				("target".into(), series(rows, |_| Some(target * 100.0))),
			],
		},
		Panel {
			title: "Inflation rate (annualised)",
			y_label: "% a year",
			series: vec![(
				"inflation".into(),
				series(rows, |r| Some(annual(r.rate_per_round) * 100.0)),
			)],
		},
		Panel { title: "Treasury FLY per DNT", y_label: "FLY per DNT", series: treasuries },
	]
}

/// The y range of a panel, padded; a flat series gets a band around its value.
fn y_range(panel: &Panel) -> (f64, f64) {
	let ys = panel.series.iter().flat_map(|(_, pts)| pts.iter().map(|p| p.1));
	let (lo, hi) =
		ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| (lo.min(y), hi.max(y)));
	if !lo.is_finite() {
		return (0.0, 1.0);
	}
	let pad = if hi > lo { (hi - lo) * 0.08 } else { hi.abs().max(1e-9) * 0.05 };
	((lo - pad).max(if lo >= 0.0 { 0.0 } else { f64::MIN }), hi + pad)
}

/// Writes the six charts of `outcome` to `path` (SVG).
pub fn write_svg(outcome: &Outcome, title: &str, path: &Path) -> Result<(), String> {
	let err = |e: &dyn std::fmt::Display| format!("plotting {}: {e}", path.display());
	let days = outcome.rows.last().map(|r| f64::from(r.day)).unwrap_or(1.0).max(1.0);
	let root = SVGBackend::new(path, (1200, 960)).into_drawing_area();
	root.fill(&WHITE).map_err(|e| err(&e))?;
	let root = root.titled(title, ("sans-serif", 22)).map_err(|e| err(&e))?;
	for (area, panel) in root.split_evenly((3, 2)).iter().zip(panels(outcome)) {
		let (lo, hi) = y_range(&panel);
		let mut chart = ChartBuilder::on(area)
			.caption(panel.title, ("sans-serif", 16))
			.margin(8)
			.x_label_area_size(30)
			.y_label_area_size(70)
			.build_cartesian_2d(0f64..days, lo..hi)
			.map_err(|e| err(&e))?;
		chart
			.configure_mesh()
			.x_desc("day")
			.y_desc(panel.y_label)
			.light_line_style(WHITE.mix(0.0))
			.draw()
			.map_err(|e| err(&e))?;
		for (i, (name, points)) in panel.series.into_iter().enumerate() {
			let color = Palette99::pick(i).to_rgba();
			chart
				.draw_series(LineSeries::new(points, color.stroke_width(2)))
				.map_err(|e| err(&e))?
				.label(name)
				.legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color));
		}
		chart
			.configure_series_labels()
			.position(SeriesLabelPosition::UpperRight)
			.background_style(WHITE.mix(0.85))
			.border_style(BLACK.mix(0.3))
			.draw()
			.map_err(|e| err(&e))?;
	}
	root.present().map_err(|e| err(&e))?;
	Ok(())
}
