// SPDX-License-Identifier: Apache-2.0
//! A run: genesis, then day after day of blocks with the agents acting; after each day the
//! FLY supply is checked for conservation (issuance change = minted − burned, from the
//! balance events) and the runtime's invariants (`TokenomicsApi::check_invariants`) must hold.

use crate::{
	chain::{self, blocks_per_day},
	scenario::Scenario,
	world::World,
};
use flywheel_runtime::{tokenomics_api, Balance, Runtime, RuntimeEvent};
use sp_runtime::FixedPointNumber;
use std::collections::BTreeMap;

/// One subDAO in a day's row.
#[derive(Clone, Debug)]
pub struct SubDaoRow {
	pub treasury_fly: Balance,
	pub dnt_supply: Balance,
	/// Treasury FLY per DNT (`None` while no DNT exists).
	pub fly_per_dnt: Option<f64>,
	/// Its smoothed share of the subDAO pool.
	pub share: f64,
}

/// What one day (epoch) did.
#[derive(Clone, Debug)]
pub struct Row {
	pub day: u32,
	/// FLY/USD fed at the day's start.
	pub price: f64,
	/// Total FLY issuance at the epoch's close.
	pub issuance: Balance,
	/// FLY minted by the inflation round(s) started in the epoch.
	pub fly_minted: Balance,
	/// FLY burned for Data Credits in the epoch.
	pub fly_burned: Balance,
	/// `fly_burned / fly_minted`.
	pub burn_to_mint: Option<f64>,
	/// Every FLY minted and burned in the day's blocks (balance events, all causes).
	pub minted_all: Balance,
	pub burned_all: Balance,
	pub dc_minted: u128,
	pub dc_burned: u128,
	pub bonded_ratio: f64,
	/// The inflation rate per round (a day).
	pub rate_per_round: f64,
	pub subdaos: Vec<SubDaoRow>,
	/// Each subnet's share of the subnet pool: (netuid, share).
	pub subnet_shares: Vec<(u16, f64)>,
	/// Each adversary's profit so far, FLY (plancks).
	pub profits: Vec<i128>,
}

/// A finished run.
pub struct Outcome {
	pub rows: Vec<Row>,
	pub subdao_names: Vec<String>,
	pub adversary_names: Vec<String>,
	/// How many attacks each adversary carried out.
	pub adversary_attacks: Vec<u32>,
	/// The bonded-ratio target of the inflation controller.
	pub target: f64,
	/// Calls the runtime refused, by agent and call, with their error and count.
	pub refusals: BTreeMap<(String, String), u32>,
	/// Blocks produced.
	pub blocks: u32,
	/// Calls the agents dispatched.
	pub calls: u64,
}

/// FLY created and destroyed by the events of one block.
fn tally(events: &[RuntimeEvent], minted: &mut Balance, burned: &mut Balance) {
	use pallet_balances::Event as B;
	for event in events {
		if let RuntimeEvent::Balances(e) = event {
			match e {
				B::Minted { amount, .. } | B::Issued { amount } => {
					*minted = minted.saturating_add(*amount)
				}
				B::Burned { amount, .. } | B::Rescinded { amount } | B::DustLost { amount, .. } => {
					*burned = burned.saturating_add(*amount)
				}
				_ => {}
			}
		}
	}
}

/// Runs `scenario` for `days` (its own when `None`); `progress` is called after each day.
pub fn run(
	scenario: &Scenario,
	days: Option<u32>,
	mut progress: impl FnMut(&Row),
) -> Result<Outcome, String> {
	let days = days.unwrap_or(scenario.days);
	let (mut world, endowments) = World::new(scenario);
	let mut ext = chain::genesis(&endowments)?;
	ext.execute_with(|| {
		if tokenomics_api::check_invariants().is_none() {
			return Err("this runtime does not check its invariants: build the simulator with \
				the runtime's try-runtime feature (scripts/simulate.sh does)"
				.into());
		}
		let per_day = blocks_per_day();
		let mut rows = Vec::new();
		let mut day_totals = Vec::new();
		let mut issuance = pallet_balances::TotalIssuance::<Runtime>::get();
		let mut price = scenario.price.at(0.0);
		for day in 0..=days {
			let (mut minted, mut burned) = (0, 0);
			// The day after the last only closes the last epoch.
			let blocks = if day == days { 1 } else { per_day };
			for k in 0..blocks {
				let n = day * per_day + k;
				if n == 0 {
					continue;
				}
				chain::start_block(n)?;
				if k == 0 && day > 0 {
					let row = read_row(&world, day - 1, price);
					progress(&row);
					rows.push(row);
					price = scenario.price.at(f64::from(day));
				}
				if day == days {
					break;
				}
				if n == 1 {
					world.govern()?;
				}
				world.act_in_block(n, day, k);
				tally(&chain::end_block(), &mut minted, &mut burned);
			}
			if day == days {
				break;
			}
			let now = pallet_balances::TotalIssuance::<Runtime>::get();
			if now.checked_add(burned) != issuance.checked_add(minted) {
				return Err(format!(
					"day {day}: FLY not conserved: issuance went from {issuance} to {now} but \
					 {minted} were minted and {burned} burned"
				));
			}
			issuance = now;
			let failures = tokenomics_api::check_invariants().unwrap_or_default();
			if !failures.is_empty() {
				let lines: Vec<_> =
					failures.iter().map(|l| String::from_utf8_lossy(l).into_owned()).collect();
				return Err(format!("day {day}: invariants broken: {}", lines.join("; ")));
			}
			day_totals.push((minted, burned));
		}
		// A day's row is read in the next day's first block; its totals are its own blocks'.
		for (row, (minted, burned)) in rows.iter_mut().zip(day_totals) {
			(row.minted_all, row.burned_all) = (minted, burned);
		}
		let target = pallet_inflation::Params::<Runtime>::get().target;
		Ok(Outcome {
			rows,
			subdao_names: world.subdaos.iter().map(|s| s.name.clone()).collect(),
			adversary_names: world.adversaries.iter().map(|a| a.name.clone()).collect(),
			adversary_attacks: world.adversaries.iter().map(|a| a.attacks).collect(),
			target: perbill(target),
			refusals: std::mem::take(&mut world.refusals),
			blocks: days * per_day,
			calls: world.calls,
		})
	})
}

fn perbill(p: sp_runtime::Perbill) -> f64 {
	f64::from(p.deconstruct()) / 1e9
}

fn fixed(f: sp_runtime::FixedU128) -> f64 {
	f.into_inner() as f64 / sp_runtime::FixedU128::DIV as f64
}

/// The row of `day` (its epoch closed in this block's initialisation).
fn read_row(world: &World, day: u32, price: f64) -> Row {
	let health = tokenomics_api::health();
	let epoch = tokenomics_api::epoch_health(day);
	let scores = flywheel_runtime::SubDaos::last_scores();
	let subdaos = world
		.subdaos
		.iter()
		.map(|s| {
			let t = health.treasuries.iter().find(|t| t.subdao == s.id);
			SubDaoRow {
				treasury_fly: t.map(|t| t.treasury_fly).unwrap_or(0),
				dnt_supply: t.map(|t| t.dnt_supply).unwrap_or(0),
				fly_per_dnt: t.and_then(|t| t.fly_per_dnt).map(fixed),
				share: scores
					.iter()
					.find(|x| x.subdao == s.id)
					.map(|x| fixed(x.record.smoothed_share))
					.unwrap_or(0.0),
			}
		})
		.collect();
	let subnet_shares = pallet_subnets::Networks::<Runtime>::iter()
		.map(|(netuid, info)| (netuid, perbill(info.emission_share)))
		.collect::<BTreeMap<_, _>>()
		.into_iter()
		.collect();
	let e = epoch.unwrap_or(health.current_epoch);
	Row {
		day,
		price,
		issuance: e.issuance,
		fly_minted: e.fly_minted,
		fly_burned: e.fly_burned,
		burn_to_mint: e.burn_to_issuance.map(fixed),
		minted_all: 0,
		burned_all: 0,
		dc_minted: e.dc_minted,
		dc_burned: e.dc_burned,
		bonded_ratio: perbill(health.bonded_ratio),
		rate_per_round: perbill(health.rate_per_round),
		subdaos,
		subnet_shares,
		profits: world.adversaries.iter().map(|a| world.profit(a)).collect(),
	}
}
