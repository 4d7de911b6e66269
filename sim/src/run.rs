// SPDX-License-Identifier: Apache-2.0
//! A run: genesis, then day after day of blocks with the agents acting; after each day the
//! simulator's books (`books`: supply, mints, treasury inflow, DC, DNT) must match the state and
//! the runtime's invariants (`TokenomicsApi::check_invariants`) must hold.

use crate::adversary::AdversaryAgent;
use crate::{
	books::{Books, DayFlows},
	chain::{self, blocks_per_day},
	scenario::Scenario,
	world::World,
};
use flywheel_runtime::{tokenomics_api, AccountId, Balance, Runtime};
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
	/// FLY its treasury received from the pool in the day (its epoch close).
	pub emission_fly: Balance,
	/// FLY its treasury paid for redemptions in the day.
	pub redeemed_fly: Balance,
	/// Its maker's active devices at the day's end.
	pub devices: u32,
	/// A device's return a day, USD, less its running cost, as its owners value it (with
	/// `[subdaos.devices]`).
	pub device_return_usd: Option<f64>,
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
	/// Transaction fees paid in the day's blocks (to the treasury).
	pub fees: Balance,
	/// FLY the day's inflation round sent to the stakers.
	pub stakers_emission: Balance,
	/// The DAO treasury's FLY at the epoch's close.
	pub dao_treasury_fly: Balance,
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
	/// The transaction fees each adversary paid (a cost of its attacks), all its accounts.
	pub adversary_fees: Vec<Balance>,
	/// The FLY each adversary burned (DC bought, registrations), all its accounts.
	pub adversary_burned: Vec<Balance>,
	/// Each adversary's wealth at the end (FLY, DNT and DC valued as `world::wealth` does).
	pub adversary_wealth: Vec<Balance>,
	/// The FLY each adversary's strategy holds at genesis (its `fly` and `position_fly`).
	pub adversary_budget: Vec<Balance>,
	/// What everyone else held at the end: every other endowed account's wealth plus the DAO
	/// treasury's FLY (one figure per adversary).
	pub others_wealth: Vec<Balance>,
	/// The bonded-ratio target of the inflation controller.
	pub target: f64,
	/// The delegators' target yield (the scenario's), if it has stakers.
	pub target_yield: Option<f64>,
	/// The share of its treasury a subDAO may pay out for redemptions a day.
	pub redemption_cap: f64,
	/// Calls the runtime refused, by agent and call, with their error and count.
	pub refusals: BTreeMap<(String, String), u32>,
	/// Blocks produced.
	pub blocks: u32,
	/// Calls the agents dispatched.
	pub calls: u64,
	/// Transactions that did not fit in their block and went into a later one.
	pub carried_over: u64,
	/// Per subDAO: devices onboarded after day 0, and devices switched off for want of return.
	pub devices_joined: Vec<u32>,
	pub devices_left: Vec<u32>,
	/// FLY sold into the market's pool, by agent (operators for their costs, holders into a
	/// dear pool).
	pub sold: BTreeMap<String, Balance>,
}

/// Runs `scenario` for `days` (its own when `None`) with seed 0; `progress` is called after
/// each day.
pub fn run(
	scenario: &Scenario,
	days: Option<u32>,
	progress: impl FnMut(&Row),
) -> Result<Outcome, String> {
	run_seeded(scenario, days, 0, progress)
}

/// Runs `scenario` on the random paths of `seed` (its `[noise]`; without noise every seed
/// gives the same run).
pub fn run_seeded(
	scenario: &Scenario,
	days: Option<u32>,
	seed: u64,
	mut progress: impl FnMut(&Row),
) -> Result<Outcome, String> {
	let days = days.unwrap_or(scenario.days);
	let paths = crate::noise::Paths::new(&scenario.noise, seed, days.max(scenario.days));
	let (mut world, endowments) = World::new(scenario, paths, days);
	let mut ext = chain::genesis(&endowments)?;
	let (mut books, mut parent) = ext.execute_with(|| {
		if tokenomics_api::check_invariants().is_none() {
			return Err("this runtime does not check its invariants: build the simulator with \
				the runtime's try-runtime feature (scripts/simulate.sh does)"
				.to_string());
		}
		Ok((Books::open(), flywheel_runtime::System::block_hash(0)))
	})?;
	let per_day = blocks_per_day();
	let mut rows = Vec::new();
	let mut price = world.price_at(0.0);
	for day in 0..=days {
		let mut flows = DayFlows::default();
		// The day after the last only closes the last epoch.
		let blocks = if day == days { 1 } else { per_day };
		for k in 0..blocks {
			let n = day * per_day + k;
			if n == 0 {
				continue;
			}
			// Each block runs in its own `execute_with` and is committed to the backend after
			// it, as a node imports it: the next block's state root covers its own changes only.
			let closed = ext.execute_with(|| -> Result<bool, String> {
				chain::start_block(n, parent)?;
				if k == 0 && day > 0 {
					let row = read_row(&world, day - 1, price);
					progress(&row);
					rows.push(row);
					price = world.market_price(f64::from(day));
				}
				if day == days {
					return Ok(true);
				}
				if n == 1 {
					world.govern()?;
				}
				world.act_in_block(n, day, k)?;
				let (hash, events) = chain::end_block();
				flows.add(&events);
				parent = hash;
				Ok(false)
			})?;
			if closed {
				break;
			}
			if chain::mode() == chain::Mode::Extrinsics {
				ext.commit_all()
					.map_err(|e| format!("block {n}: the state does not commit: {e}"))?;
			}
		}
		if day == days {
			break;
		}
		ext.execute_with(|| -> Result<(), String> {
			books.close_day(day, std::mem::take(&mut flows), &world.dnt_schedules(day))?;
			let failures = tokenomics_api::check_invariants().unwrap_or_default();
			if !failures.is_empty() {
				let lines: Vec<_> =
					failures.iter().map(|l| String::from_utf8_lossy(l).into_owned()).collect();
				return Err(format!("day {day}: invariants broken: {}", lines.join("; ")));
			}
			Ok(())
		})?;
	}
	// A day's row is read in the next day's first block; its totals are its own blocks'.
	for (row, flows) in rows.iter_mut().zip(&books.days) {
		(row.minted_all, row.burned_all, row.fees) = (flows.minted, flows.burned, flows.fees);
		row.stakers_emission = flows.to_stakers;
		for (i, s) in row.subdaos.iter_mut().enumerate() {
			let id = i as u32;
			s.emission_fly = flows.to_subdao.get(&id).copied().unwrap_or(0);
			s.redeemed_fly = flows.redeemed.get(&id).copied().unwrap_or(0);
		}
	}
	let (target, redemption_cap) = ext.execute_with(|| {
		(
			pallet_inflation::Params::<Runtime>::get().target,
			perbill(pallet_subdaos::Params::<Runtime>::get().redemption_cap),
		)
	});
	let total_of = |by: fn(&DayFlows) -> &BTreeMap<AccountId, Balance>, a: &AdversaryAgent| {
		books
			.days
			.iter()
			.flat_map(|d| a.accounts().filter_map(move |who| by(d).get(who)))
			.fold(0, |x: Balance, y| x.saturating_add(*y))
	};
	let end_price = ext.execute_with(|| world.market_price(f64::from(days)));
	let (adversary_wealth, others_wealth) = ext.execute_with(|| {
		let everyone: Vec<(AccountId, Balance)> = world
			.accounts
			.iter()
			.map(|who| (who.clone(), crate::world::wealth(who, &world.subdaos, end_price)))
			.collect();
		let treasury = crate::books::treasury_balance();
		let mine = |a: &AdversaryAgent| world.wealth_of(a, end_price);
		let others = |a: &AdversaryAgent| {
			everyone
				.iter()
				.filter(|(who, _)| !a.accounts().any(|x| x == who))
				.fold(treasury, |total, (_, w)| total.saturating_add(*w))
		};
		(
			world.adversaries.iter().map(mine).collect(),
			world.adversaries.iter().map(others).collect(),
		)
	});
	// What still waits for room in a block when the run ends never lands.
	world.drop_carried();
	Ok(Outcome {
		rows,
		subdao_names: world.subdaos.iter().map(|s| s.name.clone()).collect(),
		adversary_names: world.adversaries.iter().map(|a| a.name.clone()).collect(),
		adversary_attacks: world.adversaries.iter().map(|a| a.attacks).collect(),
		adversary_fees: world.adversaries.iter().map(|a| total_of(|d| &d.fees_by, a)).collect(),
		adversary_burned: world.adversaries.iter().map(|a| total_of(|d| &d.burned_by, a)).collect(),
		adversary_wealth,
		adversary_budget: world.adversaries.iter().map(|a| a.budget).collect(),
		others_wealth,
		target: perbill(target),
		target_yield: scenario.staking.as_ref().map(|s| s.target_yield),
		redemption_cap,
		refusals: std::mem::take(&mut world.refusals),
		blocks: days * per_day,
		calls: world.calls,
		carried_over: world.carried_over,
		devices_joined: world.subdaos.iter().map(|s| s.joined).collect(),
		devices_left: world.subdaos.iter().map(|s| s.left).collect(),
		sold: std::mem::take(&mut world.sold),
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
		.enumerate()
		.map(|(i, s)| {
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
				emission_fly: 0,
				redeemed_fly: 0,
				devices: s.devices.len() as u32,
				device_return_usd: world.device_return(i),
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
		fees: 0,
		stakers_emission: 0,
		dao_treasury_fly: crate::books::treasury_balance(),
		dc_minted: e.dc_minted,
		dc_burned: e.dc_burned,
		bonded_ratio: perbill(health.bonded_ratio),
		rate_per_round: perbill(health.rate_per_round),
		subdaos,
		subnet_shares,
		profits: world.adversaries.iter().map(|a| world.profit(a, price)).collect(),
	}
}
