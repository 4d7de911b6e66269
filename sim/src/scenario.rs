// SPDX-License-Identifier: Apache-2.0
//! Scenario files (`sim/scenarios/*.toml`): the FLY/USD price path, demand per subDAO and
//! subnet over time, and the agents of a run. Amounts are in whole units (FLY, DNT, DC, USD);
//! days are epochs. Every field is checked before a run starts; an error names the file, the
//! field and its line.

use serde::Deserialize;
use std::{fmt, path::Path};

/// A whole scenario file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
	/// One line on what the scenario stands for (printed in the summary).
	pub description: String,
	/// Simulated days (one epoch and one inflation round each).
	#[serde(default = "default_days")]
	pub days: u32,
	/// FLY/USD over time.
	pub price: Curve,
	/// FLY endowed at genesis besides the agents' own (idle holders: the rest of the supply).
	#[serde(default)]
	pub idle_fly: f64,
	#[serde(default)]
	pub governance: Governance,
	#[serde(default)]
	pub subdaos: Vec<SubDaoSpec>,
	#[serde(default)]
	pub staking: Option<Staking>,
	/// Who holds `idle_fly` and when they bond (default: one account that never acts).
	#[serde(default)]
	pub holders: Option<Holders>,
	/// A FLY/USD market inside the model (default: none; `price` is then what is fed, and the
	/// buyers of DC are endowed with what they will burn).
	#[serde(default)]
	pub market: Option<MarketSpec>,
	#[serde(default)]
	pub subnets: Vec<SubnetSpec>,
	#[serde(default)]
	pub adversaries: Vec<Adversary>,
	/// How far price and demand stray from their curves in a seeded run (default: none).
	#[serde(default)]
	pub noise: crate::noise::NoiseSpec,
}

fn default_days() -> u32 {
	365
}

/// A value over time: `start` growing by `annual_growth` a year (compounded daily), or a
/// piecewise-linear path through `points` (`[day, value]`, held flat past either end); then
/// multiplied by every shock in force.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Curve {
	#[serde(default)]
	pub start: f64,
	#[serde(default)]
	pub annual_growth: f64,
	#[serde(default)]
	pub points: Vec<(f64, f64)>,
	#[serde(default)]
	pub shocks: Vec<Shock>,
}

/// From day `from` until day `to` (excluded) the curve is multiplied by `factor`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shock {
	pub from: f64,
	pub to: f64,
	pub factor: f64,
}

impl Curve {
	/// A constant.
	pub fn constant(value: f64) -> Self {
		Self { start: value, ..Self::default() }
	}

	/// The value at (fractional) day `day`.
	pub fn at(&self, day: f64) -> f64 {
		let base = match (self.points.first(), self.points.last()) {
			(Some(&(d0, v0)), Some(&(dn, vn))) => {
				if day <= d0 {
					v0
				} else if day >= dn {
					vn
				} else {
					self.points
						.windows(2)
						.find(|w| day >= w[0].0 && day <= w[1].0)
						.map(|w| {
							let (a, b) = (w[0], w[1]);
							let span = b.0 - a.0;
							if span <= 0.0 {
								b.1
							} else {
								a.1 + (b.1 - a.1) * (day - a.0) / span
							}
						})
						.unwrap_or(vn)
				}
			}
			_ => self.start * (1.0 + self.annual_growth).powf(day / 365.0),
		};
		self.shocks
			.iter()
			.filter(|s| day >= s.from && day < s.to)
			.fold(base, |value, s| value * s.factor)
	}

	fn check(&self, field: &str) -> Result<(), Invalid> {
		let bad = |message: String| Err(Invalid::new(field, message));
		if !(self.start.is_finite() && self.start >= 0.0) {
			return bad(format!("start must be a number ≥ 0, not {}", self.start));
		}
		if !(self.annual_growth.is_finite() && self.annual_growth > -1.0) {
			return bad(format!("annual_growth must be above -1, not {}", self.annual_growth));
		}
		for (i, &(day, value)) in self.points.iter().enumerate() {
			if !(day.is_finite() && value.is_finite() && day >= 0.0 && value >= 0.0) {
				return bad(format!(
					"points[{i}] must be [day ≥ 0, value ≥ 0], not [{day}, {value}]"
				));
			}
			if i > 0 && day < self.points[i - 1].0 {
				return bad(format!(
					"points must be in day order: point {i} (day {day}) comes too late"
				));
			}
		}
		for (i, s) in self.shocks.iter().enumerate() {
			if !(s.factor.is_finite() && s.factor >= 0.0 && s.from.is_finite() && s.from < s.to) {
				return bad(format!(
					"shocks[{i}] needs from < to and a factor ≥ 0 (from {}, to {}, factor {})",
					s.from, s.to, s.factor
				));
			}
		}
		Ok(())
	}
}

/// Governance settings the run applies at its start, through the runtime's own calls from the
/// root origin (what a passed referendum would dispatch).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Governance {
	/// The Data Credits mint circuit breaker, in USD a day (default: the runtime's, $1M).
	pub dc_mint_cap_usd_per_day: Option<f64>,
	/// Subnet pool sharing: `"stake"` (default) or `"revenue"`.
	pub subnet_emission_mode: Option<String>,
	/// Score subDAOs by delegated veFLY alone (HIP-138).
	pub ve_only_scoring: Option<bool>,
	/// The inflation controller's bonded-ratio target (0..1; default 0.5).
	pub inflation_target: Option<f64>,
	/// The controller's step per round, as a fraction of supply (default 0.000005, 500 ppb).
	pub inflation_step: Option<f64>,
	/// The rate bounds per round (fractions of supply; defaults 0.0000274 and 0.000548).
	pub inflation_min_rate: Option<f64>,
	pub inflation_max_rate: Option<f64>,
	/// The emission split `[stakers, subdaos, subnets, treasury]`, summing to 1 (default
	/// `[0.5, 0.3, 0.15, 0.05]`).
	pub emission_split: Option<[f64; 4]>,
	/// The emission mode: `"bonded_ratio"` (default) or `"supply_cap"` (net emissions under
	/// `supply_cap_fly`; pallet-inflation's README).
	pub emission_mode: Option<String>,
	/// The supply cap of the `"supply_cap"` mode, FLY.
	pub supply_cap_fly: Option<f64>,
	/// subDAO scoring: epochs of the shares' moving average (1 to 365; default 30).
	pub subdao_ema_epochs: Option<u32>,
	/// Share of each epoch's DNT for veFLY delegators (0..1; default 0.06).
	pub subdao_delegator_share: Option<f64>,
	/// Most of a subDAO treasury redeemable in a day (above 0, up to 1; default 0.2).
	pub redemption_cap: Option<f64>,
	/// A subnet owner's cut of its emission and the miners' share of the rest (0..1; defaults
	/// 0.18 and 0.5).
	pub subnet_owner_cut: Option<f64>,
	pub subnet_miner_share: Option<f64>,
	/// The most of its DC revenue's worth a subnet may draw in revenue mode (above 0, up to 1).
	pub subnet_revenue_cap: Option<f64>,
	/// Data Credits' price rules (`set_price_rules`; defaults the runtime's): the oldest a
	/// feed may be and the TWAP's period, hours of chain time (a simulated day is 24 hours);
	/// the feeders' quorum (1 to the preset's 3); the most the price may move within the
	/// window, and the window, hours.
	pub price_max_age_hours: Option<f64>,
	pub price_min_feeders: Option<u32>,
	pub price_twap_hours: Option<f64>,
	pub price_max_move: Option<f64>,
	pub price_move_window_hours: Option<f64>,
	/// Days DC minting is paused (`set_minting_paused`): `[[from, to], ...]`, paused from
	/// day `from` until day `to` (default none).
	#[serde(default)]
	pub mint_pauses: Vec<(u32, u32)>,
	/// Bonding's operator rules (`set_operator_rules`): the least self-bond, FLY, and the
	/// rounds (days) outside the active set after which anyone may remove an operator.
	pub operator_min_self_bond: Option<f64>,
	pub operator_max_idle_rounds: Option<u32>,
	/// The subnets' other global parameters (`set_global_params`): the floor of the network
	/// lock cost and of the neuron registration price, its ceiling, FLY; how much each
	/// registration raises it and the new bonds' weight in their moving average (0..1).
	pub subnet_min_lock_cost: Option<f64>,
	pub subnet_min_burn: Option<f64>,
	pub subnet_max_burn: Option<f64>,
	pub subnet_burn_increase: Option<f64>,
	pub subnet_bonds_alpha: Option<f64>,
	/// Their periods, in simulated days (defaults the production periods: 7, 7, 1, 2, 30).
	pub subnet_lock_reduction_days: Option<u32>,
	pub subnet_immunity_days: Option<u32>,
	pub subnet_burn_decay_days: Option<u32>,
	pub subnet_activity_cutoff_days: Option<u32>,
	pub subnet_take_rate_limit_days: Option<u32>,
	/// Epochs (days) an onboarding or attestation keeps a device counting
	/// (`set_device_activity_epochs`; at least 1).
	pub device_activity_epochs: Option<u32>,
}

impl Governance {
	fn check(&self) -> Result<(), Invalid> {
		let fraction = |field: &str, value: Option<f64>| match value {
			Some(v) => check_share(&format!("governance.{field}"), v),
			None => Ok(()),
		};
		fraction("inflation_target", self.inflation_target)?;
		fraction("inflation_step", self.inflation_step)?;
		fraction("inflation_min_rate", self.inflation_min_rate)?;
		fraction("inflation_max_rate", self.inflation_max_rate)?;
		fraction("subdao_delegator_share", self.subdao_delegator_share)?;
		fraction("redemption_cap", self.redemption_cap)?;
		fraction("subnet_owner_cut", self.subnet_owner_cut)?;
		fraction("subnet_miner_share", self.subnet_miner_share)?;
		fraction("subnet_revenue_cap", self.subnet_revenue_cap)?;
		fraction("price_max_move", self.price_max_move)?;
		fraction("subnet_burn_increase", self.subnet_burn_increase)?;
		fraction("subnet_bonds_alpha", self.subnet_bonds_alpha)?;
		let positive = |field: &str, value: Option<f64>, most: f64| match value {
			Some(v) if !(v.is_finite() && v > 0.0 && v <= most) => Err(Invalid::new(
				&format!("governance.{field}"),
				format!("must be above 0, at most {most}, not {v}"),
			)),
			_ => Ok(()),
		};
		positive("price_max_age_hours", self.price_max_age_hours, 8_760.0)?;
		positive("price_twap_hours", self.price_twap_hours, 8_760.0)?;
		positive("price_move_window_hours", self.price_move_window_hours, 8_760.0)?;
		positive("operator_min_self_bond", self.operator_min_self_bond, 1e15)?;
		positive("subnet_min_lock_cost", self.subnet_min_lock_cost, 1e15)?;
		positive("subnet_min_burn", self.subnet_min_burn, 1e15)?;
		positive("subnet_max_burn", self.subnet_max_burn, 1e15)?;
		for (field, hours) in [
			("price_max_age_hours", self.price_max_age_hours),
			("price_twap_hours", self.price_twap_hours),
			("price_move_window_hours", self.price_move_window_hours),
		] {
			// The runtime takes milliseconds and refuses zero.
			if hours.is_some_and(|h| h < 0.001) {
				return Err(Invalid::new(
					&format!("governance.{field}"),
					"must be at least 0.001 (3.6 seconds)".into(),
				));
			}
		}
		positive("price_max_move", self.price_max_move, 1.0)?;
		if let Some(n) = self.price_min_feeders {
			if !(1..=3).contains(&n) {
				return Err(Invalid::new(
					"governance.price_min_feeders",
					format!("must be 1 to 3 (the preset's feeders), not {n}"),
				));
			}
		}
		for (i, &(from, to)) in self.mint_pauses.iter().enumerate() {
			let after_last = i == 0 || self.mint_pauses[i - 1].1 <= from;
			if !(1 <= from && from < to && after_last) {
				return Err(Invalid::new(
					"governance.mint_pauses",
					format!(
						"pause {i} must be [from, to] with 1 ≤ from < to, after the pause before \
						 it, not [{from}, {to}]"
					),
				));
			}
		}
		if let (Some(min), Some(max)) = (self.subnet_min_burn, self.subnet_max_burn) {
			if min > max {
				return Err(Invalid::new(
					"governance.subnet_min_burn",
					format!("must not be above subnet_max_burn ({min} > {max})"),
				));
			}
		}
		for (field, value) in [
			("operator_max_idle_rounds", self.operator_max_idle_rounds),
			("subnet_lock_reduction_days", self.subnet_lock_reduction_days),
			("subnet_immunity_days", self.subnet_immunity_days),
			("subnet_burn_decay_days", self.subnet_burn_decay_days),
			("subnet_activity_cutoff_days", self.subnet_activity_cutoff_days),
			("subnet_take_rate_limit_days", self.subnet_take_rate_limit_days),
			("device_activity_epochs", self.device_activity_epochs),
		] {
			if value.is_some_and(|v| !(1..=3650).contains(&v)) {
				return Err(Invalid::new(
					&format!("governance.{field}"),
					format!("must be 1 to 3650, not {}", value.unwrap_or_default()),
				));
			}
		}
		// A validator is idle after the cutoff, which must exceed the longest weights rate
		// limit (a simulated day here).
		if self.subnet_activity_cutoff_days == Some(1) {
			return Err(Invalid::new(
				"governance.subnet_activity_cutoff_days",
				"must be 2 or more (above the weights rate limit's simulated day)".into(),
			));
		}
		for (field, value) in [
			("redemption_cap", self.redemption_cap),
			("subnet_revenue_cap", self.subnet_revenue_cap),
		] {
			if value == Some(0.0) {
				return Err(Invalid::new(&format!("governance.{field}"), "must be above 0".into()));
			}
		}
		if let Some(epochs) = self.subdao_ema_epochs {
			if !(1..=365).contains(&epochs) {
				return Err(Invalid::new(
					"governance.subdao_ema_epochs",
					format!("must be 1 to 365, not {epochs}"),
				));
			}
		}
		if self.inflation_step == Some(0.0) {
			return Err(Invalid::new("governance.inflation_step", "must be above 0".into()));
		}
		if let (Some(min), Some(max)) = (self.inflation_min_rate, self.inflation_max_rate) {
			if min > max {
				return Err(Invalid::new(
					"governance.inflation_min_rate",
					format!("must not be above inflation_max_rate ({min} > {max})"),
				));
			}
		}
		if let Some(split) = self.emission_split {
			for share in split {
				check_share("governance.emission_split", share)?;
			}
			let sum: f64 = split.iter().sum();
			if (sum - 1.0).abs() > 1e-9 {
				return Err(Invalid::new(
					"governance.emission_split",
					format!("the four shares must sum to 1, not {sum}"),
				));
			}
		}
		match (self.emission_mode.as_deref(), self.supply_cap_fly) {
			(None | Some("bonded_ratio"), None) => Ok(()),
			(Some("supply_cap"), Some(cap)) if (1.0..1e15).contains(&cap) => Ok(()),
			(Some("supply_cap"), Some(cap)) => Err(Invalid::new(
				"governance.supply_cap_fly",
				format!("must be from 1 to 10^15 FLY, not {cap}"),
			)),
			(Some("supply_cap"), None) => Err(Invalid::new(
				"governance.emission_mode",
				"\"supply_cap\" needs governance.supply_cap_fly".into(),
			)),
			// Named with its mode, a cap may stay set under the other mode (a sweep over both).
			(Some("bonded_ratio"), Some(_)) => Ok(()),
			(None, Some(_)) => Err(Invalid::new(
				"governance.supply_cap_fly",
				"is only for emission_mode = \"supply_cap\"".into(),
			)),
			(Some(mode), _) => Err(Invalid::new(
				"governance.emission_mode",
				format!("must be \"bonded_ratio\" or \"supply_cap\", not {mode:?}"),
			)),
		}
	}
}

/// A subDAO and its demand.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubDaoSpec {
	pub name: String,
	/// DNT minted each epoch.
	pub dnt_per_epoch: f64,
	/// Redemption curve exponent (0: the treasury ratio).
	#[serde(default)]
	pub curve_k: u8,
	/// Data Credits burned for usage each day (through the router, from delegated escrow).
	#[serde(default)]
	pub dc_usage_per_day: Curve,
	/// Onboarding fee of one simulated device, USD (one stands for a batch of real ones).
	#[serde(default = "default_fee")]
	pub onboarding_fee_usd: f64,
	/// Onboarding fees of the devices active at the start, USD.
	#[serde(default)]
	pub onboarded_usd_at_start: f64,
	/// Onboarding fees of new devices each day, USD.
	#[serde(default)]
	pub onboarding_usd_per_day: Curve,
	/// FLY locked as veFLY and delegated to this subDAO on day 0.
	#[serde(default)]
	pub ve_fly: f64,
	/// How many lockers share `ve_fly`.
	#[serde(default = "default_five")]
	pub ve_lockers: u32,
	/// How long they lock, days.
	#[serde(default = "default_year")]
	pub ve_lock_days: u32,
	/// Device operators paid the subDAO's DNT rewards each day.
	#[serde(default = "default_ten")]
	pub device_operators: u32,
	/// Share of their DNT the operators redeem for FLY each day (0..1).
	#[serde(default)]
	pub redeem_share_per_day: Curve,
	/// Devices join and leave by their return (`[subdaos.devices]`; default: none, devices
	/// follow the onboarding curve and never leave).
	#[serde(default)]
	pub devices: Option<DeviceEconomics>,
	/// Root referendums changing the subDAO after its creation (`update_subdao`), in day order.
	#[serde(default)]
	pub updates: Vec<SubDaoUpdateSpec>,
}

/// A change of a subDAO on `day` (`[[subdaos.updates]]`): a new emission step from that day's
/// epoch (a halving, say), a new onboarding fee, a new redemption curve. What is left out stays.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubDaoUpdateSpec {
	/// The day it passes (1 or later: day 0 creates the subDAO).
	pub day: u32,
	pub dnt_per_epoch: Option<f64>,
	pub onboarding_fee_usd: Option<f64>,
	pub curve_k: Option<u8>,
}

impl SubDaoSpec {
	/// The DNT its schedule issues for `epoch`: the last update's from that epoch on.
	pub fn dnt_per_epoch_at(&self, epoch: u32) -> f64 {
		self.updates
			.iter()
			.filter(|u| u.day <= epoch)
			.filter_map(|u| u.dnt_per_epoch)
			.next_back()
			.unwrap_or(self.dnt_per_epoch)
	}
}

/// How devices join and leave by their return. Each day the owners value what a device earns:
/// the DNT the device operators were paid over the last week, at the treasury's FLY per DNT and
/// the market's FLY/USD, per active device, less its running cost. New devices come at the
/// onboarding curve's rate while that return pays back a device's hardware and onboarding fee
/// within `payback_days`, at `payback_days / payback` of the rate when it takes longer, and not
/// at all while it does not cover the running cost; in a week in which it does not,
/// `churn_share` of the active devices are switched off (their maker deactivates them, so
/// their fees stop counting toward the subDAO's score). Costs are multiples of the onboarding
/// fee, as one simulated device stands for a batch of real ones.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DeviceEconomics {
	/// A device's hardware, as a multiple of its onboarding fee (default 10: a Helium IOT
	/// hotspot's list price, about $400, against Helium's $40 onboarding fee).
	pub hardware_per_fee: f64,
	/// Its running cost a day (power; backhaul shared with a home line), as a share of its
	/// onboarding fee (default 0.00125: $0.05 a day against $40, 10 W at $0.20 a kWh; an
	/// assumption, not a measurement).
	pub running_per_fee_per_day: f64,
	/// The longest payback at which owners still buy devices at the curve's full rate (default
	/// 365 days: a year, the horizon retail hotspot buyers were sold on).
	pub payback_days: f64,
	/// Share of the active devices switched off in a week that does not cover their running
	/// cost (default 0.1).
	pub churn_share: f64,
}

impl Default for DeviceEconomics {
	fn default() -> Self {
		Self {
			hardware_per_fee: 10.0,
			running_per_fee_per_day: 0.00125,
			payback_days: 365.0,
			churn_share: 0.1,
		}
	}
}

impl DeviceEconomics {
	fn check(&self, field: &str) -> Result<(), Invalid> {
		let f = |name: &str| format!("{field}.{name}");
		check_amount(&f("hardware_per_fee"), self.hardware_per_fee)?;
		if !(self.running_per_fee_per_day.is_finite()
			&& (0.0..=1.0).contains(&self.running_per_fee_per_day))
		{
			return Err(Invalid::new(
				&f("running_per_fee_per_day"),
				format!("must be between 0 and 1, not {}", self.running_per_fee_per_day),
			));
		}
		if !(self.payback_days.is_finite() && (1.0..=36_500.0).contains(&self.payback_days)) {
			return Err(Invalid::new(
				&f("payback_days"),
				format!("must be from 1 to 36500, not {}", self.payback_days),
			));
		}
		check_share(&f("churn_share"), self.churn_share)
	}
}

fn default_fee() -> f64 {
	40.0
}
fn default_five() -> u32 {
	5
}
fn default_ten() -> u32 {
	10
}
fn default_year() -> u32 {
	365
}

/// A constant-product FLY/USD pool and an arbitrageur (see `market.rs`); `price` becomes the
/// outside price the arbitrageur trades toward. A field left out takes its default.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MarketSpec {
	/// Dollars on each side of the pool at the start (default 5,000,000: the order of a day's
	/// HNT trading volume on its largest venues in 2024).
	pub liquidity_usd: f64,
	/// Share of the gap to the outside price the arbitrageur closes each block (an hour of
	/// chain time; default 0.3).
	pub arbitrage: f64,
	/// The arbitrageur's FLY at the start, what it can sell into a pool that burns have made
	/// dear (default 1,000,000).
	pub arbitrageur_fly: f64,
	/// Share of the FLY device operators redeem that they sell for their running costs
	/// (default 0.5).
	pub operator_sell_share: f64,
	/// Share of what staking operators earn (their cut and kept fees, claimed weekly) that they
	/// sell for their running costs (default 0.5; an assumption, as `operator_sell_share`).
	pub staking_operator_sell_share: f64,
}

impl Default for MarketSpec {
	fn default() -> Self {
		Self {
			liquidity_usd: 5_000_000.0,
			arbitrage: 0.3,
			arbitrageur_fly: 1_000_000.0,
			operator_sell_share: 0.5,
			staking_operator_sell_share: 0.5,
		}
	}
}

/// The holders of `idle_fly`: `count` accounts sharing it equally, each with a reservation
/// yield, drawn as the quantiles of a log-logistic distribution (holder `j` at `(j + 0.5) /
/// count`: `median × exp(spread × ln(p / (1 − p)))`). Once a week each compares the yield
/// stakers are paid now (the round's rate × the stakers' share ÷ the bonded ratio, a year of
/// rounds, less the operators' cut) with its own: above it, it bonds a share of its free FLY;
/// below it, it unbonds a share of its bond. So the bonded ratio settles where the marginal
/// holder's reservation yield meets the paid yield, not at the delegators' endowments. With a
/// market, each also has a price it sells at: while the pool's price is more than its markup
/// above the outside price (once the arbitrageur has run dry), it sells `adjust_share` of its
/// free FLY into the pool that week, so the idle supply, not only the arbitrageur, answers a
/// dear pool. Holder `j`'s markup is the `(count − 1 − j)`-th quantile of its own log-logistic
/// distribution: the holders who ask the least yield (the keenest stakers) sell last.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Holders {
	/// Accounts sharing `idle_fly` (default 100).
	pub count: u32,
	/// The median reservation yield (default 0.08: between Ethereum's ≈3% paid at ≈28% staked
	/// and the Cosmos Hub's ≈15–20% at ≈60% bonded, 2024 staking dashboards).
	pub reservation_median: f64,
	/// The spread (log-logistic scale of ln yield; default 0.5: the 10th to 90th percentile
	/// holder asks 2.7% to 24%).
	pub reservation_spread: f64,
	/// Share of its free FLY (or its bond) a holder moves in a week it acts (default 0.25).
	pub adjust_share: f64,
	/// The median holder sells while the pool's price is this much above the outside price
	/// (default 0.5: 50% above; an assumption: the idle supply sells into a squeeze, not into
	/// the outside market's own price).
	pub sell_markup_median: f64,
	/// The spread of the markups (log-logistic scale of ln markup; default 0.5: the 10th to
	/// 90th percentile holder sells 17% to 150% above the outside price).
	pub sell_markup_spread: f64,
}

impl Default for Holders {
	fn default() -> Self {
		Self {
			count: 100,
			reservation_median: 0.08,
			reservation_spread: 0.5,
			adjust_share: 0.25,
			sell_markup_median: 0.5,
			sell_markup_spread: 0.5,
		}
	}
}

/// The `j`-th of `count` quantiles of a log-logistic distribution of `median` and `spread`.
fn log_logistic_quantile(j: u32, count: u32, median: f64, spread: f64) -> f64 {
	let p = (f64::from(j) + 0.5) / f64::from(count.max(1));
	median * (spread * (p / (1.0 - p)).ln()).exp()
}

impl Holders {
	/// The reservation yield of holder `j`.
	pub fn reservation(&self, j: u32) -> f64 {
		log_logistic_quantile(j, self.count, self.reservation_median, self.reservation_spread)
	}

	/// How far above the outside price the pool must be for holder `j` to sell.
	pub fn sell_markup(&self, j: u32) -> f64 {
		let reversed = self.count.saturating_sub(1).saturating_sub(j);
		log_logistic_quantile(
			reversed,
			self.count,
			self.sell_markup_median,
			self.sell_markup_spread,
		)
	}
}

/// Livepeer-style staking: operators and delegators who bond toward a yield.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Staking {
	pub operators: u32,
	/// The operators' reward cut (0..1).
	#[serde(default = "default_cut")]
	pub reward_cut: f64,
	/// FLY each operator bonds to itself.
	pub operator_self_bond: f64,
	pub delegators: u32,
	/// FLY each delegator holds.
	pub delegator_fly: f64,
	/// Share of it bonded on day 0 (0..1).
	pub initial_bond_share: f64,
	/// The annual yield delegators look for: above it they bond more, below it they unbond.
	pub target_yield: f64,
	/// Share of the free (or bonded) FLY a delegator moves when it acts, once a week (0..1).
	#[serde(default = "default_adjust")]
	pub adjust_share: f64,
	/// Operators who arrive later (each with `operator_self_bond`, no delegators follow them):
	/// what slot squatting would keep out (default 0).
	#[serde(default)]
	pub late_operators: u32,
	/// The day they register (default 7).
	#[serde(default = "default_week")]
	pub late_operator_day: u32,
}

fn default_cut() -> f64 {
	0.1
}
fn default_adjust() -> f64 {
	0.1
}

/// A subnet: an owner, validators with stake, miners, and optional DC revenue.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubnetSpec {
	pub validators: u32,
	pub miners: u32,
	/// FLY staked to each validator's hotkey on day 0.
	pub stake_per_validator: f64,
	/// Data Credits its service authority burns for its services each day.
	#[serde(default)]
	pub dc_revenue_per_day: Curve,
}

/// What an adversary tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttackKind {
	/// Mints DC and burns it from its own balance as "usage" of a subDAO, hoping to raise the
	/// subDAO's score (it holds that subDAO's DNT).
	WashBurn,
	/// It is the subDAO's router (burn authority): buys DC, delegates it to its own router key
	/// and burns it from the escrow, so the burn counts as the subDAO's usage.
	RouterWashBurn,
	/// An approved device maker of the subDAO onboards extra devices (paying the onboarding
	/// fee in DC, attested like the others) to raise the subDAO's onboarding score.
	DeviceFeePadding,
	/// Bonds to an operator in the block before a round starts and unbonds right after.
	FlashStake,
	/// Locks and delegates veFLY in an epoch's last block, claims, undelegates.
	LastBlockDelegation,
	/// Stakes on a subnet validator in the block before the pool shares, removes it after.
	FlashSubnetStake,
	/// Registers a subnet of its own (its validator, its miner, no service revenue) to take a
	/// share of the subnet pool; without the attack it stakes the same FLY on an honest subnet.
	IdleSubnetCapture,
	/// Registers operators from several accounts, each with the smallest self-bond its share of
	/// the budget allows, to hold bonding slots; without the attack it delegates the same FLY.
	OperatorSlotSquatting,
	/// Holds two of the three price feeders and feeds FLY/USD `price_markup` above the market,
	/// so the DC it buys cost less FLY; it buys the same DC with or without the attack.
	PriceWalk,
	/// Redeems its DNT in the block the device operators redeem, in front of them (taking the
	/// top of a `k > 0` curve and the window's cap first); without the attack it redeems the
	/// same DNT a block later.
	RedemptionFrontRun,
}

impl AttackKind {
	/// The name a scenario file uses for it (`kind = "wash_burn"`).
	pub fn name(self) -> &'static str {
		match self {
			Self::WashBurn => "wash_burn",
			Self::RouterWashBurn => "router_wash_burn",
			Self::DeviceFeePadding => "device_fee_padding",
			Self::FlashStake => "flash_stake",
			Self::LastBlockDelegation => "last_block_delegation",
			Self::FlashSubnetStake => "flash_subnet_stake",
			Self::IdleSubnetCapture => "idle_subnet_capture",
			Self::OperatorSlotSquatting => "operator_slot_squatting",
			Self::PriceWalk => "price_walk",
			Self::RedemptionFrontRun => "redemption_front_run",
		}
	}

	/// Whether it acts on one subDAO (the adversary's `subdao`).
	pub fn targets_a_subdao(self) -> bool {
		matches!(
			self,
			Self::WashBurn
				| Self::RouterWashBurn
				| Self::DeviceFeePadding
				| Self::LastBlockDelegation
				| Self::RedemptionFrontRun
		)
	}
}

/// An adversary: an account with `fly` that attacks every `every_days` days.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adversary {
	pub kind: AttackKind,
	/// FLY for the attack itself (DC bought, stake moved, self-bonds, a subnet's lock).
	pub fly: f64,
	#[serde(default = "default_week")]
	pub every_days: u32,
	/// The subDAO it targets (see [`AttackKind::targets_a_subdao`]).
	#[serde(default)]
	pub subdao: u32,
	/// FLY it locks as veFLY for the subDAO's longest lock and delegates to `subdao` on day 0,
	/// claiming the delegators' DNT weekly: the stake in the subDAO an attack would pay into.
	/// Held with or without the attack (default 0: none).
	#[serde(default)]
	pub position_fly: f64,
	/// `price_walk`: how far above the market its two feeders quote (default 0.25 = 25%).
	#[serde(default = "default_markup")]
	pub price_markup: f64,
	/// `operator_slot_squatting`: how many accounts (operator slots) it spreads `fly` over
	/// (default 8).
	#[serde(default = "default_slots")]
	pub slots: u32,
	/// Whether it attacks (default true). Off, it still holds its budget and its position and
	/// does what its honest counterpart would: the other half of the attack table's pair.
	#[serde(default = "default_true")]
	pub active: bool,
}

fn default_markup() -> f64 {
	0.25
}

fn default_slots() -> u32 {
	8
}

fn default_true() -> bool {
	true
}

fn default_week() -> u32 {
	7
}

/// A field that does not make sense (before its line is looked up).
#[derive(Debug)]
pub struct Invalid {
	pub field: String,
	pub message: String,
}

impl Invalid {
	fn new(field: &str, message: String) -> Self {
		Self { field: field.into(), message }
	}
}

/// Why a scenario file cannot run.
#[derive(Debug)]
pub struct ScenarioError {
	pub file: String,
	pub field: Option<String>,
	pub line: Option<usize>,
	pub message: String,
}

impl fmt::Display for ScenarioError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{}", self.file)?;
		if let Some(line) = self.line {
			write!(f, ":{line}")?;
		}
		if let Some(field) = &self.field {
			write!(f, ": field `{field}`")?;
		}
		write!(f, ": {}", self.message)
	}
}

impl std::error::Error for ScenarioError {}

impl ScenarioError {
	/// An error about the file as a whole (no field, no line).
	pub fn of_file(file: &str, message: String) -> Self {
		ScenarioError { file: file.into(), field: None, line: None, message }
	}
}

/// A scenario file's name (as errors show it) and text.
pub fn read(path: &Path) -> Result<(String, String), ScenarioError> {
	let file = path.display().to_string();
	let text = std::fs::read_to_string(path)
		.map_err(|e| ScenarioError::of_file(&file, format!("cannot read it: {e}")))?;
	Ok((file, text))
}

fn check_share(field: &str, value: f64) -> Result<(), Invalid> {
	if value.is_finite() && (0.0..=1.0).contains(&value) {
		Ok(())
	} else {
		Err(Invalid::new(field, format!("must be between 0 and 1, not {value}")))
	}
}

fn check_amount(field: &str, value: f64) -> Result<(), Invalid> {
	if (0.0..1e15).contains(&value) {
		Ok(())
	} else {
		Err(Invalid::new(field, format!("must be a number from 0 to 10^15, not {value}")))
	}
}

impl Scenario {
	/// Parses and checks scenario text; `file` names it in errors.
	pub fn parse(file: &str, text: &str) -> Result<Self, ScenarioError> {
		let scenario: Scenario = toml::from_str(text).map_err(|e| ScenarioError {
			file: file.into(),
			field: None,
			line: e.span().map(|span| line_at(text, span.start)),
			message: e.message().trim().to_string(),
		})?;
		scenario.check().map_err(|invalid| ScenarioError {
			file: file.into(),
			line: line_of_field(text, &invalid.field),
			field: Some(invalid.field),
			message: invalid.message,
		})?;
		Ok(scenario)
	}

	/// Reads and checks a scenario file.
	pub fn load(path: &Path) -> Result<Self, ScenarioError> {
		let (file, text) = read(path)?;
		Self::parse(&file, &text)
	}

	fn check(&self) -> Result<(), Invalid> {
		if self.days == 0 || self.days > 3650 {
			return Err(Invalid::new("days", format!("must be 1 to 3650, not {}", self.days)));
		}
		self.price.check("price")?;
		if self.price.at(0.0) <= 0.0 {
			return Err(Invalid::new("price", "must start above zero".into()));
		}
		check_amount("idle_fly", self.idle_fly)?;
		if let Some(m) = &self.market {
			if !(1.0..1e12).contains(&m.liquidity_usd) {
				return Err(Invalid::new("market.liquidity_usd", "must be 1 to 10^12".into()));
			}
			check_share("market.arbitrage", m.arbitrage)?;
			check_amount("market.arbitrageur_fly", m.arbitrageur_fly)?;
			check_share("market.operator_sell_share", m.operator_sell_share)?;
			check_share("market.staking_operator_sell_share", m.staking_operator_sell_share)?;
		}
		if let Some(h) = &self.holders {
			if h.count == 0 || h.count > 1_000 {
				return Err(Invalid::new("holders.count", "must be 1 to 1000".into()));
			}
			let distribution = |name: &str, median: f64, most: f64, spread: f64| {
				if !(median > 0.0 && median <= most) {
					return Err(Invalid::new(
						&format!("holders.{name}_median"),
						format!("must be above 0, at most {most}"),
					));
				}
				if !(0.0..=3.0).contains(&spread) {
					return Err(Invalid::new(
						&format!("holders.{name}_spread"),
						"must be 0 to 3".into(),
					));
				}
				Ok(())
			};
			distribution("reservation", h.reservation_median, 1.0, h.reservation_spread)?;
			distribution("sell_markup", h.sell_markup_median, 100.0, h.sell_markup_spread)?;
			check_share("holders.adjust_share", h.adjust_share)?;
			if self.staking.is_none() {
				return Err(Invalid::new(
					"holders",
					"holders bond to operators: needs a [staking] table".into(),
				));
			}
		}
		if let Some(cap) = self.governance.dc_mint_cap_usd_per_day {
			if !(1.0..1e12).contains(&cap) {
				return Err(Invalid::new(
					"governance.dc_mint_cap_usd_per_day",
					format!("must be from 1 to 10^12 USD, not {cap}"),
				));
			}
		}
		if let Some(mode) = &self.governance.subnet_emission_mode {
			if mode != "stake" && mode != "revenue" {
				return Err(Invalid::new(
					"governance.subnet_emission_mode",
					format!("must be \"stake\" or \"revenue\", not {mode:?}"),
				));
			}
		}
		self.governance.check()?;
		let n = &self.noise;
		if !(n.price_volatility.is_finite() && (0.0..=5.0).contains(&n.price_volatility)) {
			return Err(Invalid::new(
				"noise.price_volatility",
				format!("must be from 0 to 5, not {}", n.price_volatility),
			));
		}
		if !(n.usage_noise.is_finite() && (0.0..=2.0).contains(&n.usage_noise)) {
			return Err(Invalid::new(
				"noise.usage_noise",
				format!("must be from 0 to 2, not {}", n.usage_noise),
			));
		}
		if self.subdaos.len() > 8 {
			return Err(Invalid::new("subdaos", "at most 8 subDAOs".into()));
		}
		for (i, s) in self.subdaos.iter().enumerate() {
			let f = |name: &str| format!("subdaos[{i}].{name}");
			if s.name.is_empty() || s.name.len() > 32 {
				return Err(Invalid::new(&f("name"), "must be 1 to 32 bytes".into()));
			}
			check_amount(&f("dnt_per_epoch"), s.dnt_per_epoch)?;
			s.dc_usage_per_day.check(&f("dc_usage_per_day"))?;
			s.onboarding_usd_per_day.check(&f("onboarding_usd_per_day"))?;
			s.redeem_share_per_day.check(&f("redeem_share_per_day"))?;
			for day in 0..self.days {
				check_share(&f("redeem_share_per_day"), s.redeem_share_per_day.at(day.into()))?;
			}
			if !(s.onboarding_fee_usd.is_finite() && s.onboarding_fee_usd >= 0.01) {
				return Err(Invalid::new(&f("onboarding_fee_usd"), "must be at least 0.01".into()));
			}
			check_amount(&f("onboarded_usd_at_start"), s.onboarded_usd_at_start)?;
			if s.onboarded_usd_at_start / s.onboarding_fee_usd > 1000.0 {
				return Err(Invalid::new(
					&f("onboarded_usd_at_start"),
					"would onboard over 1,000 simulated devices: raise onboarding_fee_usd".into(),
				));
			}
			check_amount(&f("ve_fly"), s.ve_fly)?;
			if s.ve_lockers == 0 || s.ve_lockers > 100 {
				return Err(Invalid::new(&f("ve_lockers"), "must be 1 to 100".into()));
			}
			if s.ve_lock_days == 0 || s.ve_lock_days > 4 * 365 {
				return Err(Invalid::new(&f("ve_lock_days"), "must be 1 to 1460".into()));
			}
			if s.device_operators == 0 || s.device_operators > 128 {
				return Err(Invalid::new(&f("device_operators"), "must be 1 to 128".into()));
			}
			if let Some(devices) = &s.devices {
				devices.check(&f("devices"))?;
			}
			let max_k = pallet_subdaos::curve::MAX_CURVE_K;
			if s.curve_k > max_k {
				return Err(Invalid::new(&f("curve_k"), format!("must be 0 to {max_k}")));
			}
			// The runtime's schedule holds 16 steps: the first and 15 updates.
			if s.updates.iter().filter(|u| u.dnt_per_epoch.is_some()).count() > 15 {
				return Err(Invalid::new(
					&f("updates"),
					"at most 15 updates may change the emission (16 schedule steps)".into(),
				));
			}
			for (j, u) in s.updates.iter().enumerate() {
				let g = |name: &str| format!("subdaos[{i}].updates[{j}].{name}");
				let after_last = j == 0 || s.updates[j - 1].day < u.day;
				if u.day == 0 || !after_last {
					return Err(Invalid::new(
						&g("day"),
						format!("must be 1 or later, after the update before it, not {}", u.day),
					));
				}
				if let Some(dnt) = u.dnt_per_epoch {
					check_amount(&g("dnt_per_epoch"), dnt)?;
				}
				if u.onboarding_fee_usd.is_some_and(|fee| !(fee.is_finite() && fee >= 0.01)) {
					return Err(Invalid::new(
						&g("onboarding_fee_usd"),
						"must be at least 0.01".into(),
					));
				}
				if let Some(fee) = u.onboarding_fee_usd {
					let most = (u.day..self.days)
						.map(|day| s.onboarding_usd_per_day.at(day.into()))
						.fold(0.0, f64::max);
					if most / fee > 1000.0 {
						return Err(Invalid::new(
							&g("onboarding_fee_usd"),
							"would onboard over 1,000 simulated devices a day: raise it".into(),
						));
					}
				}
				if u.curve_k.is_some_and(|k| k > pallet_subdaos::curve::MAX_CURVE_K) {
					return Err(Invalid::new(
						&g("curve_k"),
						format!("must be 0 to {}", pallet_subdaos::curve::MAX_CURVE_K),
					));
				}
			}
		}
		if let Some(s) = &self.staking {
			if s.operators == 0 || s.operators > 16 {
				return Err(Invalid::new("staking.operators", "must be 1 to 16".into()));
			}
			if s.delegators > 200 {
				return Err(Invalid::new("staking.delegators", "at most 200".into()));
			}
			check_share("staking.reward_cut", s.reward_cut)?;
			check_amount("staking.operator_self_bond", s.operator_self_bond)?;
			if s.operator_self_bond < 1_000.0 {
				return Err(Invalid::new(
					"staking.operator_self_bond",
					"operators bond at least the runtime's 1,000 FLY minimum".into(),
				));
			}
			check_amount("staking.delegator_fly", s.delegator_fly)?;
			if self.governance.operator_min_self_bond.is_some_and(|min| min > s.operator_self_bond)
			{
				return Err(Invalid::new(
					"governance.operator_min_self_bond",
					"must not be above staking.operator_self_bond (no operator could register)"
						.into(),
				));
			}
			check_share("staking.initial_bond_share", s.initial_bond_share)?;
			check_share("staking.adjust_share", s.adjust_share)?;
			if s.operators + s.late_operators > 64 {
				return Err(Invalid::new(
					"staking.late_operators",
					"at most 64 operators in all (the runtime's slots)".into(),
				));
			}
			if !(s.target_yield.is_finite() && (0.0..10.0).contains(&s.target_yield)) {
				return Err(Invalid::new("staking.target_yield", "must be from 0 to 10".into()));
			}
		}
		for (i, s) in self.subnets.iter().enumerate() {
			let f = |name: &str| format!("subnets[{i}].{name}");
			if s.validators == 0 || s.validators + s.miners > 64 {
				return Err(Invalid::new(
					&f("validators"),
					"needs 1 or more validators and at most 64 neurons".into(),
				));
			}
			check_amount(&f("stake_per_validator"), s.stake_per_validator)?;
			s.dc_revenue_per_day.check(&f("dc_revenue_per_day"))?;
		}
		for (i, a) in self.adversaries.iter().enumerate() {
			let f = |name: &str| format!("adversaries[{i}].{name}");
			check_amount(&f("fly"), a.fly)?;
			if a.every_days == 0 {
				return Err(Invalid::new(&f("every_days"), "must be 1 or more".into()));
			}
			check_amount(&f("position_fly"), a.position_fly)?;
			if a.kind.targets_a_subdao() && a.subdao as usize >= self.subdaos.len() {
				return Err(Invalid::new(
					&f("subdao"),
					format!("no subDAO {} (the scenario has {})", a.subdao, self.subdaos.len()),
				));
			}
			let needs_staking =
				matches!(a.kind, AttackKind::FlashStake | AttackKind::OperatorSlotSquatting);
			if needs_staking && self.staking.is_none() {
				return Err(Invalid::new(
					&f("kind"),
					format!("{} needs a [staking] table", a.kind.name()),
				));
			}
			let needs_subnet =
				matches!(a.kind, AttackKind::FlashSubnetStake | AttackKind::IdleSubnetCapture);
			if needs_subnet && self.subnets.is_empty() {
				return Err(Invalid::new(
					&f("kind"),
					format!("{} needs a [[subnets]] entry", a.kind.name()),
				));
			}
			if a.position_fly > 0.0 && a.subdao as usize >= self.subdaos.len() {
				return Err(Invalid::new(
					&f("position_fly"),
					format!(
						"a position needs subDAO {} (the scenario has {})",
						a.subdao,
						self.subdaos.len()
					),
				));
			}
			if !(0.0..=10.0).contains(&a.price_markup) {
				return Err(Invalid::new(&f("price_markup"), "must be 0 to 10".into()));
			}
			if a.slots == 0 || a.slots > 64 {
				return Err(Invalid::new(&f("slots"), "must be 1 to 64".into()));
			}
			let same_role = self.adversaries[..i].iter().any(|b| {
				b.kind == a.kind
					&& (a.kind == AttackKind::PriceWalk
						|| (a.kind == AttackKind::RouterWashBurn && b.subdao == a.subdao))
			});
			if same_role {
				return Err(Invalid::new(
					&f("kind"),
					"one price walker (it holds two of the three feeders) and one router per subDAO"
						.into(),
				));
			}
		}
		Ok(())
	}
}

/// The 1-based line of byte offset `at`.
fn line_at(text: &str, at: usize) -> usize {
	text[..at.min(text.len())].matches('\n').count() + 1
}

/// The line of a field such as `subdaos[1].dc_usage_per_day` or `staking.operators`: the
/// `key =` (or `[table.key]`) line after the table's header (the n-th `[[subdaos]]` for arrays).
fn line_of_field(text: &str, field: &str) -> Option<usize> {
	let mut parts: Vec<&str> = field.split('.').collect();
	let key = parts.pop()?;
	let lines: Vec<&str> = text.lines().collect();
	let mut from = 0;
	let mut table = String::new();
	for part in parts {
		let (name, index) = match part.split_once('[') {
			Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
			None => (part, None),
		};
		table = if table.is_empty() { name.to_string() } else { format!("{table}.{name}") };
		let header = match index {
			Some(_) => format!("[[{table}]]"),
			None => format!("[{table}]"),
		};
		let nth = index.unwrap_or(0);
		from = lines
			.iter()
			.enumerate()
			.skip(from)
			.filter(|(_, l)| l.trim() == header)
			.nth(nth)
			.map(|(i, _)| i + 1)?;
	}
	let is_key = |l: &str| {
		let l = l.trim_start();
		l.strip_prefix(key)
			.is_some_and(|rest| rest.trim_start().starts_with('=') || rest.starts_with('.'))
	};
	let nested = if table.is_empty() { format!("[{key}]") } else { format!("[{table}.{key}]") };
	// A table header (not a row of an inline array such as `[0, 5.0],`).
	let is_header = |l: &str| {
		let t = l.trim_start();
		let t = t.strip_prefix("[[").or_else(|| t.strip_prefix('['));
		t.is_some_and(|rest| rest.starts_with(char::is_alphabetic))
	};
	let end = (from..lines.len())
		.find(|&i| is_header(lines[i]) && lines[i].trim() != nested)
		.unwrap_or(lines.len());
	(from..end).find(|&i| is_key(lines[i]) || lines[i].trim() == nested).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
	use super::*;

	const MINIMAL: &str = "description = \"x\"\ndays = 3\nprice = { start = 2.0 }\n";

	#[test]
	fn a_curve_grows_interpolates_and_takes_shocks() {
		let c = Curve { start: 100.0, annual_growth: 1.0, ..Curve::default() };
		assert_eq!(c.at(0.0), 100.0);
		assert!((c.at(365.0) - 200.0).abs() < 1e-9);
		let p = Curve {
			points: vec![(0.0, 10.0), (10.0, 20.0)],
			shocks: vec![Shock { from: 5.0, to: 6.0, factor: 0.5 }],
			..Curve::default()
		};
		assert_eq!(p.at(2.0), 12.0);
		assert_eq!(p.at(5.0), 7.5);
		assert_eq!(p.at(6.0), 16.0);
		assert_eq!(p.at(50.0), 20.0);
	}

	#[test]
	fn a_minimal_scenario_parses() {
		let s = Scenario::parse("min.toml", MINIMAL).expect("valid");
		assert_eq!(s.days, 3);
		assert!(s.subdaos.is_empty());
	}

	#[test]
	fn an_unknown_field_is_named_with_its_line() {
		let text = format!("{MINIMAL}[[subdaos]]\nname = \"a\"\ndnt_per_epoch = 1\nusage = 3\n");
		let err = Scenario::parse("bad.toml", &text).expect_err("unknown field");
		assert_eq!(err.line, Some(7));
		assert!(err.message.contains("unknown field `usage`"), "{}", err.message);
		assert!(err.to_string().starts_with("bad.toml:7: "), "{err}");
	}

	#[test]
	fn a_wrong_type_is_named_with_its_line() {
		let text = format!("{MINIMAL}[staking]\noperators = \"three\"\n");
		let err = Scenario::parse("bad.toml", &text).expect_err("wrong type");
		assert_eq!(err.line, Some(5));
		assert!(err.message.contains("invalid type"), "{}", err.message);
	}

	#[test]
	fn a_value_out_of_range_names_the_field_and_its_line() {
		let text = format!(
			"{MINIMAL}[[subdaos]]\nname = \"a\"\ndnt_per_epoch = 1\n[[subdaos]]\nname = \"b\"\n\
			 dnt_per_epoch = 1\nredeem_share_per_day = {{ start = 1.5 }}\n"
		);
		let err = Scenario::parse("bad.toml", &text).expect_err("share above 1");
		assert_eq!(err.field.as_deref(), Some("subdaos[1].redeem_share_per_day"));
		assert_eq!(err.line, Some(10));
		assert!(err.message.contains("between 0 and 1"), "{}", err.message);
		assert!(
			err.to_string()
				.starts_with("bad.toml:10: field `subdaos[1].redeem_share_per_day`: must be"),
			"{err}"
		);
	}

	#[test]
	fn a_top_level_field_and_an_adversary_target_are_checked() {
		let err = Scenario::parse("bad.toml", &MINIMAL.replace("days = 3", "days = 0"))
			.expect_err("zero days");
		assert_eq!((err.field.as_deref(), err.line), (Some("days"), Some(2)));
		let text =
			format!("{MINIMAL}[[adversaries]]\nkind = \"wash_burn\"\nfly = 10\nsubdao = 2\n");
		let err = Scenario::parse("bad.toml", &text).expect_err("no such subDAO");
		assert_eq!((err.field.as_deref(), err.line), (Some("adversaries[0].subdao"), Some(7)));
		let text = format!("{MINIMAL}[[adversaries]]\nkind = \"rug_pull\"\nfly = 10\n");
		let err = Scenario::parse("bad.toml", &text).expect_err("unknown kind");
		assert_eq!(err.line, Some(5));
		assert!(err.message.contains("unknown variant `rug_pull`"), "{}", err.message);
	}

	#[test]
	fn an_attack_needs_what_it_acts_on_and_one_holder_per_role() {
		let adversary = |body: &str| format!("{MINIMAL}[[adversaries]]\n{body}\n");
		let field = |text: String| Scenario::parse("bad.toml", &text).expect_err("refused").field;
		let squat = adversary("kind = \"operator_slot_squatting\"\nfly = 10");
		assert_eq!(field(squat).as_deref(), Some("adversaries[0].kind"), "needs [staking]");
		let idle = adversary("kind = \"idle_subnet_capture\"\nfly = 10");
		assert_eq!(field(idle).as_deref(), Some("adversaries[0].kind"), "needs a subnet");
		let position = adversary("kind = \"price_walk\"\nfly = 10\nposition_fly = 5");
		assert_eq!(field(position).as_deref(), Some("adversaries[0].position_fly"));
		let markup = adversary("kind = \"price_walk\"\nfly = 10\nprice_markup = 11");
		assert_eq!(field(markup).as_deref(), Some("adversaries[0].price_markup"));
		let two = format!(
			"{}[[adversaries]]\nkind = \"price_walk\"\nfly = 1\n",
			adversary("kind = \"price_walk\"\nfly = 10")
		);
		assert_eq!(field(two).as_deref(), Some("adversaries[1].kind"), "one walker");
	}

	#[test]
	fn holders_ask_the_quantiles_of_their_distribution() {
		let h = Holders { count: 10, ..Holders::default() };
		let asks: Vec<f64> = (0..10).map(|j| h.reservation(j)).collect();
		assert!(asks.windows(2).all(|w| w[0] < w[1]), "rising: {asks:?}");
		// Symmetric in ln around the median: the j-th and the (9 − j)-th multiply to median².
		assert!((asks[0] * asks[9] - 0.0064).abs() < 1e-12);
		assert!((asks[4] * asks[5] - 0.0064).abs() < 1e-12);
		// Markups the other way round: the keenest staker (holder 0) sells last.
		let markups: Vec<f64> = (0..10).map(|j| h.sell_markup(j)).collect();
		assert!(markups.windows(2).all(|w| w[0] > w[1]), "falling: {markups:?}");
		assert!((markups[0] * markups[9] - 0.25).abs() < 1e-12);
		let text = format!(
			"{MINIMAL}[staking]\noperators = 1\noperator_self_bond = 1000\n\
			delegators = 0\ndelegator_fly = 0\ninitial_bond_share = 0\ntarget_yield = 0.05\n\
			[holders]\nsell_markup_median = 0\n"
		);
		let err = Scenario::parse("bad.toml", &text).expect_err("a zero markup");
		assert_eq!(err.field.as_deref(), Some("holders.sell_markup_median"));
		assert_eq!(err.line, Some(12));
		let text = format!("{MINIMAL}[holders]\ncount = 5\n");
		let err = Scenario::parse("bad.toml", &text).expect_err("no [staking]");
		assert_eq!(err.field.as_deref(), Some("holders"));
	}

	#[test]
	fn device_economics_are_checked_with_their_line_and_take_defaults() {
		let subdao = format!("{MINIMAL}[[subdaos]]\nname = \"a\"\ndnt_per_epoch = 1\n");
		let text = format!("{subdao}[subdaos.devices]\nchurn_share = 2\n");
		let err = Scenario::parse("bad.toml", &text).expect_err("a share above 1");
		assert_eq!(err.field.as_deref(), Some("subdaos[0].devices.churn_share"));
		assert_eq!(err.line, Some(8));
		let text = format!("{subdao}[subdaos.devices]\npayback_days = 0.5\n");
		let err = Scenario::parse("bad.toml", &text).expect_err("under a day");
		assert_eq!(err.field.as_deref(), Some("subdaos[0].devices.payback_days"));
		let text = format!("{subdao}[subdaos.devices]\npayback_days = 100\n");
		let s = Scenario::parse("ok.toml", &text).expect("valid");
		let devices = s.subdaos[0].devices.as_ref().expect("the table");
		assert_eq!((devices.payback_days, devices.hardware_per_fee), (100.0, 10.0));
		assert!(Scenario::parse("ok.toml", &subdao).expect("valid").subdaos[0].devices.is_none());
	}

	#[test]
	fn governance_settings_and_subdao_updates_are_checked_with_their_line() {
		let parse = |text: String| Scenario::parse("bad.toml", &text);
		let err = parse(format!("{MINIMAL}[governance]\nprice_min_feeders = 4\n"))
			.expect_err("more than the three feeders");
		assert_eq!(
			(err.field.as_deref(), err.line),
			(Some("governance.price_min_feeders"), Some(5))
		);
		let err = parse(format!("{MINIMAL}[governance]\nmint_pauses = [[5, 9], [8, 12]]\n"))
			.expect_err("overlapping pauses");
		assert_eq!(err.field.as_deref(), Some("governance.mint_pauses"));
		let err =
			parse(format!("{MINIMAL}[governance]\nsubnet_min_burn = 5\nsubnet_max_burn = 1\n"))
				.expect_err("floor above ceiling");
		assert_eq!(err.field.as_deref(), Some("governance.subnet_min_burn"));
		let err = parse(format!("{MINIMAL}[governance]\nsubnet_immunity_days = 0\n"))
			.expect_err("zero days");
		assert_eq!(err.field.as_deref(), Some("governance.subnet_immunity_days"));
		let subdao = format!("{MINIMAL}[[subdaos]]\nname = \"a\"\ndnt_per_epoch = 8\n");
		let err = parse(format!(
			"{subdao}[[subdaos.updates]]\nday = 10\n[[subdaos.updates]]\nday = 10\ncurve_k = 1\n"
		))
		.expect_err("two updates on one day");
		assert_eq!(err.field.as_deref(), Some("subdaos[0].updates[1].day"));
		assert_eq!(err.line, Some(10));
		let ok = parse(format!(
			"{subdao}[[subdaos.updates]]\nday = 10\ndnt_per_epoch = 4\n\
			 [[subdaos.updates]]\nday = 20\nonboarding_fee_usd = 10\n"
		))
		.expect("valid");
		let err = parse(format!("{subdao}[[subdaos.updates]]\nday = 3\ncurve_k = 11\n"))
			.expect_err("past the runtime's curve");
		assert_eq!(err.field.as_deref(), Some("subdaos[0].updates[0].curve_k"));
		assert_eq!(err.line, Some(9));
		let err = parse(format!("{MINIMAL}[governance]\nsubnet_activity_cutoff_days = 1\n"))
			.expect_err("not above the weights rate limit");
		assert_eq!(err.field.as_deref(), Some("governance.subnet_activity_cutoff_days"));
		let halved = |epoch| ok.subdaos[0].dnt_per_epoch_at(epoch);
		assert_eq!((halved(9), halved(10), halved(25)), (8.0, 4.0, 4.0));
	}

	#[test]
	fn an_attack_kind_is_named_as_scenario_files_spell_it() {
		use AttackKind::*;
		#[derive(Deserialize)]
		struct Kind {
			kind: AttackKind,
		}
		for kind in [
			WashBurn,
			RouterWashBurn,
			DeviceFeePadding,
			FlashStake,
			LastBlockDelegation,
			FlashSubnetStake,
			IdleSubnetCapture,
			OperatorSlotSquatting,
			PriceWalk,
			RedemptionFrontRun,
		] {
			let parsed = toml::from_str::<Kind>(&format!("kind = \"{}\"", kind.name()));
			assert_eq!(parsed.map(|k| k.kind).ok(), Some(kind), "{}", kind.name());
		}
	}

	#[test]
	fn the_shipped_scenarios_parse() {
		let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
		let mut count = 0;
		for entry in std::fs::read_dir(dir).expect("sim/scenarios exists") {
			let path = entry.expect("readable").path();
			if path.extension().is_some_and(|e| e == "toml") {
				Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"));
				count += 1;
			}
		}
		assert!(count >= 5, "the five shipped scenarios at least");
	}
}
