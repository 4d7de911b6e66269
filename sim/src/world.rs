// SPDX-License-Identifier: Apache-2.0
//! The agents of a run: who they are, what they hold at genesis, and what they do each block.
//! Agents only submit runtime calls and read state; every economic rule is the runtime's.

use crate::{
	adversary::AdversaryAgent,
	books::DntSchedule,
	chain::{account, blocks_per_day, dev_account, is_block_full, root, signed},
	market::Market,
	noise::{Paths, Stream},
	scenario::Scenario,
};
use flywheel_primitives::{SubDaoId, DC_PER_USD};
use flywheel_runtime::{AccountId, Balance, BlockNumber, Runtime, RuntimeCall, RuntimeEvent, FLY};
use frame_support::{
	traits::{fungible::Inspect as _, fungibles::Inspect as _},
	BoundedVec,
};
use pallet_data_credits::MintAmount;
use pallet_subdaos::{types::LockKind, DeviceId, PositionId};
use sp_runtime::{FixedPointNumber, FixedU128, Perbill};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Whole units (FLY, DNT) to plancks.
pub fn planck(units: f64) -> Balance {
	(units.max(0.0) * FLY as f64) as Balance
}

/// A fraction of a scenario (0..1) as a `Perbill`, rounded to the nearest part (so 0.000005 is
/// 5,000 parts, not 4,999).
pub(crate) fn fraction(x: f64) -> Perbill {
	Perbill::from_parts((x.clamp(0.0, 1.0) * 1e9).round() as u32)
}

/// A scenario setting over a runtime parameter: `value` replaces `field` if the scenario has it.
fn set<T>(field: &mut T, value: Option<T>) {
	if let Some(value) = value {
		*field = value;
	}
}

/// Plancks to whole units (for logs and plots only).
pub fn units(planck: Balance) -> f64 {
	planck as f64 / FLY as f64
}

/// The feeders of the `local_testnet` preset (a quorum of three).
fn feeders() -> Vec<AccountId> {
	use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
	[Alice, Bob, Charlie].map(dev_account).to_vec()
}

/// What every agent holds at genesis for its transaction fees, besides what its activity needs
/// (a transfer costs about 0.007 FLY, the heaviest weekly attestation about 0.3 FLY).
pub const FEE_FLY: Balance = 1_000 * FLY;

/// What each rewards oracle holds at genesis besides `FEE_FLY`, for the fees of its reports and
/// attestations over a long run.
pub const ORACLE_FEE_FLY: Balance = 20_000 * FLY;

/// A subDAO and the accounts around it.
pub struct SubDaoAgents {
	pub id: SubDaoId,
	pub name: String,
	/// Burn authority (router).
	pub(crate) router: AccountId,
	/// Rewards oracles: three, two of them agreeing (distinct from the router and the maker).
	oracles: Vec<AccountId>,
	/// Its users: they buy DC with FLY and delegate it to the router.
	pub(crate) users: AccountId,
	/// The approved device maker: pays onboarding fees.
	maker: AccountId,
	pub(crate) operators: Vec<AccountId>,
	lockers: Vec<AccountId>,
	positions: Vec<(AccountId, PositionId)>,
	/// Its maker's active devices, oldest first.
	pub(crate) devices: Vec<DeviceId>,
	/// Devices its maker has onboarded, ever: the next device's number (its id is derived
	/// from it, so a device switched off never lends its id to a new one).
	onboarded: u64,
	/// Devices onboarded after day 0 and devices switched off for want of return.
	pub joined: u32,
	pub left: u32,
	/// What the device operators were paid each of the last seven days, USD (the DNT at the
	/// treasury's FLY per DNT and the market's price): what the owners value a device by.
	earned_usd: VecDeque<f64>,
	/// Onboarding fees (USD) carried to the next day (less than one device's).
	onboarding_carry: f64,
}

/// A holder of the idle supply, the yield it asks for and how far above the outside price
/// the pool must be for it to sell.
struct Holder {
	who: AccountId,
	reservation: f64,
	sell_markup: f64,
}

struct Delegator {
	who: AccountId,
	operator: AccountId,
	/// Its bond (compounded rewards included) after it last acted.
	last_bond: Balance,
}

pub(crate) struct SubnetAgents {
	/// Its netuid once the owner has registered it (subnet `i` opens on day `i`: one
	/// registration a day is the network rate limit).
	pub(crate) netuid: Option<u16>,
	owner: AccountId,
	pub(crate) validators: Vec<(AccountId, AccountId)>,
	miners: Vec<(AccountId, AccountId)>,
	/// Neurons still to register (one a block: the registration price rises with each).
	pending: Vec<(AccountId, AccountId, Balance)>,
}

/// Everything a run drives.
pub struct World {
	pub(crate) scenario: Scenario,
	/// The run's random paths (its seed's; all ones without `[noise]`).
	pub(crate) paths: Paths,
	/// The days the run lasts (the scenario's, or `--days`).
	pub(crate) days: u32,
	pub(crate) feeders: Vec<AccountId>,
	pub subdaos: Vec<SubDaoAgents>,
	pub(crate) operators: Vec<AccountId>,
	/// Operators who register on `late_operator_day`.
	late_operators: Vec<AccountId>,
	/// FLY each selling operator (device or staking) kept of its income, with a market (it
	/// sells the rest): `sell_income`'s book.
	income_kept: BTreeMap<AccountId, Balance>,
	delegators: Vec<Delegator>,
	holders: Vec<Holder>,
	pub(crate) subnets: Vec<SubnetAgents>,
	pub adversaries: Vec<AdversaryAgent>,
	/// The FLY/USD pool and its arbitrageur, if the scenario has a market.
	pub market: Option<Market>,
	/// Every account endowed at genesis (the agents'; the feeders are the preset's).
	pub accounts: Vec<AccountId>,
	/// Refused calls: (agent and call, error) → count.
	pub refusals: BTreeMap<(String, String), u32>,
	/// Calls dispatched (refused ones included).
	pub calls: u64,
	/// Transactions that did not fit in their block, waiting to be sent again, oldest first.
	carried: Vec<Carried>,
	/// The senders of `carried`.
	waiting: BTreeSet<AccountId>,
	/// Transactions that did not fit in their block and went into a later one.
	pub carried_over: u64,
	/// FLY sold into the market's pool, by agent (operators for their costs, holders into a
	/// dear pool).
	pub sold: BTreeMap<String, Balance>,
}

/// A transaction that did not fit in its block (`Invalid(ExhaustsResources)`): sent again at
/// the start of each next block, as a node's pool keeps it, for at most a day of blocks.
struct Carried {
	agent: String,
	who: AccountId,
	call: RuntimeCall,
	blocks_waited: u32,
}

impl World {
	/// The agents of `scenario` and the FLY each holds at genesis: without a market, what its
	/// planned activity needs over the run's `days` at the run's prices (users and makers stand
	/// for buyers of the FLY they burn); with one, what it holds besides (they buy there).
	pub fn new(scenario: &Scenario, paths: Paths, days: u32) -> (Self, Vec<(AccountId, Balance)>) {
		let mut endow: Vec<(AccountId, Balance)> = Vec::new();
		let price = |d: f64| paths.price(&scenario.price, d);
		// With a market, buyers of DC buy their FLY there as they need it; without one, they
		// hold at genesis what the run will burn (1.2× at the run's prices).
		let fly_for_usd = |usd: &dyn Fn(f64) -> f64| -> Balance {
			if scenario.market.is_some() {
				return 0;
			}
			let total: f64 =
				(0..=days).map(|d| usd(f64::from(d)) / price(f64::from(d)).max(1e-9)).sum();
			planck(total * 1.2 + 100.0)
		};
		let mut subdaos = Vec::new();
		for (i, s) in scenario.subdaos.iter().enumerate() {
			let name = |role: &str| format!("sd{i}/{role}");
			let users = account(&name("users"));
			let usage = |d: f64| {
				paths.demand(&s.dc_usage_per_day, Stream::Usage(i), d as u32) / DC_PER_USD as f64
			};
			endow.push((users.clone(), fly_for_usd(&usage)));
			let maker = account(&name("maker"));
			let start = s.onboarded_usd_at_start;
			let onboarding = |d: f64| {
				paths.demand(&s.onboarding_usd_per_day, Stream::Onboarding(i), d as u32)
					+ if d == 0.0 { start } else { 0.0 }
			};
			// The devices active at launch are paid for at genesis, market or not (a buy of
			// their fees would be a whale's trade no pool of the market's depth could fill).
			let at_launch =
				if scenario.market.is_some() { planck(start / price(0.0) * 1.2) } else { 0 };
			endow.push((maker.clone(), fly_for_usd(&onboarding) + at_launch));
			let router = account(&name("router"));
			endow.push((router.clone(), 10 * FLY));
			let oracles: Vec<_> = (0..3).map(|j| account(&name(&format!("oracle{j}")))).collect();
			// Attesting tens of thousands of devices a week for years costs thousands of FLY in
			// fees (an attestation of 128 devices about 0.3 FLY): what a subDAO would pay them.
			endow.extend(oracles.iter().map(|o| (o.clone(), ORACLE_FEE_FLY)));
			let operators: Vec<_> =
				(0..s.device_operators).map(|j| account(&name(&format!("op{j}")))).collect();
			endow.extend(operators.iter().map(|o| (o.clone(), FLY)));
			let lockers: Vec<_> =
				(0..s.ve_lockers).map(|j| account(&name(&format!("ve{j}")))).collect();
			let each = planck(s.ve_fly / f64::from(s.ve_lockers));
			endow.extend(lockers.iter().map(|l| (l.clone(), each + 10 * FLY)));
			subdaos.push(SubDaoAgents {
				id: i as SubDaoId,
				name: s.name.clone(),
				router,
				oracles,
				users,
				maker,
				operators,
				lockers,
				positions: Vec::new(),
				devices: Vec::new(),
				onboarded: 0,
				joined: 0,
				left: 0,
				earned_usd: VecDeque::new(),
				onboarding_carry: 0.0,
			});
		}
		let (mut operators, mut late_operators, mut delegators) =
			(Vec::new(), Vec::new(), Vec::new());
		if let Some(s) = &scenario.staking {
			for j in 0..s.operators {
				let op = account(&format!("operator{j}"));
				endow.push((op.clone(), planck(s.operator_self_bond) + 10 * FLY));
				operators.push(op);
			}
			for j in 0..s.late_operators {
				let op = account(&format!("late-operator{j}"));
				endow.push((op.clone(), planck(s.operator_self_bond) + 10 * FLY));
				late_operators.push(op);
			}
			for j in 0..s.delegators {
				let who = account(&format!("delegator{j}"));
				endow.push((who.clone(), planck(s.delegator_fly)));
				let operator = operators[j as usize % operators.len()].clone();
				delegators.push(Delegator { who, operator, last_bond: 0 });
			}
		}
		let mut subnets = Vec::new();
		for (i, s) in scenario.subnets.iter().enumerate() {
			let name = |role: &str| format!("sn{i}/{role}");
			let owner = account(&name("owner"));
			let revenue = |d: f64| {
				paths.demand(&s.dc_revenue_per_day, Stream::Revenue(i), d as u32)
					/ DC_PER_USD as f64
			};
			endow.push((owner.clone(), fly_for_usd(&revenue) + 100_000 * FLY));
			let pair =
				|role: String| (account(&name(&role)), account(&name(&format!("{role}/hot"))));
			let validators: Vec<_> = (0..s.validators).map(|j| pair(format!("v{j}"))).collect();
			let miners: Vec<_> = (0..s.miners).map(|j| pair(format!("m{j}"))).collect();
			let stake = planck(s.stake_per_validator);
			endow.extend(validators.iter().map(|(c, _)| (c.clone(), stake + 1_000 * FLY)));
			// Validators' hotkeys sign their weights (and pay for them).
			endow.extend(validators.iter().map(|(_, h)| (h.clone(), 0)));
			endow.extend(miners.iter().map(|(c, _)| (c.clone(), 1_000 * FLY)));
			let mut pending: Vec<_> =
				validators.iter().map(|(c, h)| (c.clone(), h.clone(), stake)).collect();
			pending.extend(miners.iter().map(|(c, h)| (c.clone(), h.clone(), 0)));
			subnets.push(SubnetAgents { netuid: None, owner, validators, miners, pending });
		}
		let market = scenario.market.as_ref().map(|spec| {
			let (market, accounts) = Market::new(spec, price(0.0));
			endow.extend(accounts);
			market
		});
		let mut adversaries = crate::adversary::agents(scenario, &mut endow, &mut subdaos);
		for (_, fly) in endow.iter_mut() {
			*fly = fly.saturating_add(FEE_FLY);
		}
		crate::adversary::record_start_wealth(&mut adversaries, &endow);
		let mut holders = Vec::new();
		match &scenario.holders {
			Some(h) => {
				let each = planck(scenario.idle_fly / f64::from(h.count));
				for j in 0..h.count {
					let who = account(&format!("holder{j}"));
					endow.push((who.clone(), each));
					let (reservation, sell_markup) = (h.reservation(j), h.sell_markup(j));
					holders.push(Holder { who, reservation, sell_markup });
				}
			}
			None if scenario.idle_fly > 0.0 => {
				endow.push((account("idle-holders"), planck(scenario.idle_fly)))
			}
			None => {}
		}
		let world = World {
			scenario: scenario.clone(),
			paths,
			days,
			feeders: feeders(),
			subdaos,
			operators,
			late_operators,
			income_kept: BTreeMap::new(),
			delegators,
			holders,
			subnets,
			adversaries,
			market,
			accounts: endow.iter().map(|(who, _)| who.clone()).collect(),
			refusals: BTreeMap::new(),
			calls: 0,
			carried: Vec::new(),
			waiting: BTreeSet::new(),
			carried_over: 0,
			sold: BTreeMap::new(),
		};
		(world, endow)
	}

	/// FLY/USD at (fractional) `day`: the scenario's curve times the run's price walk.
	pub fn price_at(&self, day: f64) -> f64 {
		self.paths.price(&self.scenario.price, day)
	}

	/// Each subDAO's DNT and the DNT its schedule issues for the epoch that closed in `day`'s
	/// blocks (epoch `day − 1`, closed in the day's first block), by the scenario: its
	/// `dnt_per_epoch` and its updates, each from its day's epoch on.
	pub fn dnt_schedules(&self, day: u32) -> Vec<DntSchedule> {
		self.subdaos
			.iter()
			.zip(&self.scenario.subdaos)
			.filter_map(|(agents, spec)| {
				let info = pallet_subdaos::Registry::<Runtime>::get(agents.id)?;
				Some(DntSchedule {
					name: agents.name.clone(),
					asset: info.dnt,
					per_epoch: planck(spec.dnt_per_epoch_at(day.saturating_sub(1))),
				})
			})
			.collect()
	}

	pub(crate) fn refused(&mut self, agent: &str, call: &str, error: String) {
		*self.refusals.entry((format!("{agent}: {call}"), error)).or_default() += 1;
	}

	/// Sends `call` for `who`, for an agent that does not wait for the outcome. A refusal is
	/// counted under `agent`, not fatal (agents meet the runtime's limits as real users do); a
	/// transaction the block has no room for waits for the next block (`send_carried`), and so
	/// does every later one of the same sender while it waits (a pool keeps one sender's
	/// transactions in nonce order).
	pub(crate) fn act(&mut self, agent: &str, who: &AccountId, call: RuntimeCall) {
		self.calls += 1;
		if self.waiting.contains(who) {
			self.carry(agent, who, call);
			return;
		}
		match signed(who, call.clone()) {
			Ok(()) => {}
			Err(e) if is_block_full(&e) => self.carry(agent, who, call),
			Err(e) => self.refused(agent, &call_name(&call), e),
		}
	}

	fn carry(&mut self, agent: &str, who: &AccountId, call: RuntimeCall) {
		self.waiting.insert(who.clone());
		self.carried.push(Carried {
			agent: agent.to_string(),
			who: who.clone(),
			call,
			blocks_waited: 0,
		});
	}

	/// Sends `call` for `who` and answers whether it went through in this block, for an agent
	/// whose next step depends on it (it records a position, a device, a subnet): every
	/// refusal, a full block's included, is counted under `agent` and the agent tries again on
	/// its own schedule, so nothing it does not track lands in a later block.
	pub(crate) fn try_act(&mut self, agent: &str, who: &AccountId, call: RuntimeCall) -> bool {
		let name = call_name(&call);
		self.calls += 1;
		match signed(who, call) {
			Ok(()) => true,
			Err(e) => {
				self.refused(agent, &name, e);
				false
			}
		}
	}

	/// Sends the transactions earlier blocks had no room for, oldest first, each sender's in
	/// order. One that still does not fit waits again, with its sender's later ones; after half
	/// a day of blocks it is dropped (counted as refused), before its agent's next day. After
	/// `GIVE_UP` full-block answers in a row the block is taken as full: the rest wait.
	fn send_carried(&mut self) {
		const GIVE_UP: u32 = 50;
		let mut full_in_a_row = 0;
		let mut still: BTreeSet<AccountId> = BTreeSet::new();
		for mut tx in std::mem::take(&mut self.carried) {
			// `None`: not sent, the block is taken as full or the sender has one waiting.
			let sent = (!still.contains(&tx.who) && full_in_a_row < GIVE_UP)
				.then(|| signed(&tx.who, tx.call.clone()));
			match sent {
				Some(Ok(())) => {
					full_in_a_row = 0;
					self.carried_over += 1;
				}
				Some(Err(e)) if !is_block_full(&e) => {
					self.refused(&tx.agent, &call_name(&tx.call), e)
				}
				_ => {
					full_in_a_row += 1;
					tx.blocks_waited += 1;
					if tx.blocks_waited < blocks_per_day() / 2 {
						still.insert(tx.who.clone());
						self.carried.push(tx);
					} else {
						let why = "Invalid(ExhaustsResources), for half a day".to_string();
						self.refused(&tx.agent, &call_name(&tx.call), why);
					}
				}
			}
		}
		self.waiting = still;
	}

	/// At the end of a run, the transactions still waiting for room count as refused.
	pub(crate) fn drop_carried(&mut self) {
		for tx in std::mem::take(&mut self.carried) {
			self.refused(
				&tx.agent,
				&call_name(&tx.call),
				"Invalid(ExhaustsResources), at the end".to_string(),
			);
		}
		self.waiting.clear();
	}

	/// Governance at the start (root, as a passed referendum): the day-based parameters mapped
	/// onto the simulated day, and the scenario's own settings. Then the subDAOs.
	pub fn govern(&mut self) -> Result<(), String> {
		let day = blocks_per_day();
		let days = |blocks: u32| -> u32 {
			// A parameter defined in days of 6-second blocks, in simulated days.
			(u64::from(blocks) * u64::from(day) / u64::from(flywheel_runtime::DAYS)).max(1) as u32
		};
		let setup = |what: &str, call: RuntimeCall| root(call).map_err(|e| format!("{what}: {e}"));
		setup(
			"round length",
			RuntimeCall::Inflation(pallet_inflation::Call::set_round_length { length: day }),
		)?;
		self.govern_inflation()?;
		let mut breaker = pallet_data_credits::Pallet::<Runtime>::breaker_config();
		breaker.window = day;
		if let Some(usd) = self.scenario.governance.dc_mint_cap_usd_per_day {
			breaker.threshold = (usd * DC_PER_USD as f64) as u64;
		}
		setup(
			"mint circuit breaker",
			RuntimeCall::DataCredits(pallet_data_credits::Call::set_circuit_breaker {
				config: breaker,
			}),
		)?;
		self.govern_price_rules()?;
		self.govern_operator_rules()?;
		let mut params = pallet_subdaos::Params::<Runtime>::get();
		params.redemption_window = day;
		let g = &self.scenario.governance;
		set(&mut params.ve_only_scoring, g.ve_only_scoring);
		set(&mut params.ema_epochs, g.subdao_ema_epochs);
		set(&mut params.delegator_share, g.subdao_delegator_share.map(fraction));
		set(&mut params.redemption_cap, g.redemption_cap.map(fraction));
		setup("subDAO params", RuntimeCall::SubDaos(pallet_subdaos::Call::set_params { params }))?;
		let mut p = pallet_subnets::Params::<Runtime>::get();
		p.lock_reduction_interval = days(p.lock_reduction_interval);
		p.network_rate_limit = 1;
		p.network_immunity_period = days(p.network_immunity_period);
		p.burn_decay_interval = days(p.burn_decay_interval);
		p.activity_cutoff = days(p.activity_cutoff);
		p.take_rate_limit = days(p.take_rate_limit);
		p.bounds.max_tempo = days(p.bounds.max_tempo);
		p.bounds.max_immunity_period = days(p.bounds.max_immunity_period);
		p.bounds.max_weights_rate_limit = days(p.bounds.max_weights_rate_limit);
		// Production's tempo is an hour (1/24 day); the closest this runtime allows.
		p.default_hyperparameters.tempo = p.bounds.min_tempo;
		if g.subnet_emission_mode.as_deref() == Some("revenue") {
			p.emission_mode = pallet_subnets::types::EmissionMode::Revenue;
		}
		set(&mut p.owner_cut, g.subnet_owner_cut.map(fraction));
		set(&mut p.miner_share, g.subnet_miner_share.map(fraction));
		set(&mut p.min_lock_cost, g.subnet_min_lock_cost.map(planck));
		set(&mut p.min_burn, g.subnet_min_burn.map(planck));
		set(&mut p.max_burn, g.subnet_max_burn.map(planck));
		set(&mut p.burn_increase, g.subnet_burn_increase.map(fraction));
		set(&mut p.bonds_alpha, g.subnet_bonds_alpha.map(fraction));
		// Periods in simulated days.
		let in_blocks = |sim_days: Option<u32>| sim_days.map(|d| d.saturating_mul(day));
		set(&mut p.lock_reduction_interval, in_blocks(g.subnet_lock_reduction_days));
		set(&mut p.network_immunity_period, in_blocks(g.subnet_immunity_days));
		set(&mut p.burn_decay_interval, in_blocks(g.subnet_burn_decay_days));
		set(&mut p.activity_cutoff, in_blocks(g.subnet_activity_cutoff_days));
		set(&mut p.take_rate_limit, in_blocks(g.subnet_take_rate_limit_days));
		setup(
			"subnet params",
			RuntimeCall::Subnets(pallet_subnets::Call::set_global_params { params: p }),
		)?;
		if let Some(epochs) = g.device_activity_epochs {
			setup(
				"device activity epochs",
				RuntimeCall::SubDaos(pallet_subdaos::Call::set_device_activity_epochs { epochs }),
			)?;
		}
		if let Some(cap) = g.subnet_revenue_cap {
			let cap = fraction(cap);
			setup(
				"subnet revenue cap",
				RuntimeCall::Subnets(pallet_subnets::Call::set_revenue_cap { cap }),
			)?;
		}
		for (spec, agents) in self.scenario.subdaos.iter().zip(&self.subdaos) {
			let schedule = vec![pallet_subdaos::types::EmissionStep {
				from_epoch: 0,
				per_epoch: planck(spec.dnt_per_epoch),
			}];
			let config = pallet_subdaos::types::SubDaoConfig {
				name: BoundedVec::truncate_from(spec.name.as_bytes().to_vec()),
				emission_schedule: BoundedVec::truncate_from(schedule),
				onboarding_fee: (spec.onboarding_fee_usd * DC_PER_USD as f64) as u64,
				burn_authority: agents.router.clone(),
				rewards_oracles: pallet_subdaos::RewardsOracles {
					members: BoundedVec::truncate_from(agents.oracles.clone()),
					quorum: 2,
				},
				curve_k: spec.curve_k,
			};
			setup(
				&format!("subDAO {}", spec.name),
				RuntimeCall::SubDaos(pallet_subdaos::Call::create_subdao { config }),
			)?;
			setup(
				&format!("maker of {}", spec.name),
				RuntimeCall::SubDaos(pallet_subdaos::Call::set_maker_approval {
					subdao: agents.id,
					maker: agents.maker.clone(),
					approved: true,
				}),
			)?;
		}
		self.govern_adversaries()
	}

	/// The scenario's price rules (`set_price_rules`), over the runtime's.
	fn govern_price_rules(&self) -> Result<(), String> {
		let g = &self.scenario.governance;
		let mut rules = flywheel_runtime::DataCredits::price_rules();
		let before = rules;
		let ms = |hours: Option<f64>| hours.map(|h| (h * 3_600_000.0).round() as u64);
		set(&mut rules.max_age_ms, ms(g.price_max_age_hours));
		set(&mut rules.min_feeders, g.price_min_feeders);
		set(&mut rules.twap_period_ms, ms(g.price_twap_hours));
		set(&mut rules.max_move, g.price_max_move.map(fraction));
		set(&mut rules.move_window_ms, ms(g.price_move_window_hours));
		if rules == before {
			return Ok(());
		}
		let call = RuntimeCall::DataCredits(pallet_data_credits::Call::set_price_rules { rules });
		root(call).map_err(|e| format!("price rules: {e}"))
	}

	/// The scenario's operator rules (`set_operator_rules`), over the runtime's.
	fn govern_operator_rules(&self) -> Result<(), String> {
		let g = &self.scenario.governance;
		if g.operator_min_self_bond.is_none() && g.operator_max_idle_rounds.is_none() {
			return Ok(());
		}
		let mut rules = pallet_bonding::Rules::<Runtime>::get();
		set(&mut rules.min_self_bond, g.operator_min_self_bond.map(planck));
		set(&mut rules.max_idle_rounds, g.operator_max_idle_rounds);
		let call = RuntimeCall::Bonding(pallet_bonding::Call::set_operator_rules { rules });
		root(call).map_err(|e| format!("operator rules: {e}"))
	}

	/// Governance during the run (root, as passed referendums): mints paused and resumed, and
	/// subDAOs changed, on their days. A change the runtime refuses stops the run with its
	/// error (the books would no longer follow the scenario's schedule).
	fn govern_on(&mut self, day: u32) -> Result<(), String> {
		let pauses = &self.scenario.governance.mint_pauses;
		let paused = if pauses.iter().any(|&(from, _)| from == day) {
			Some(true)
		} else if pauses.iter().any(|&(_, to)| to == day) {
			Some(false)
		} else {
			None
		};
		if let Some(paused) = paused {
			let call =
				RuntimeCall::DataCredits(pallet_data_credits::Call::set_minting_paused { paused });
			root(call).map_err(|e| format!("day {day}: minting paused = {paused}: {e}"))?;
		}
		for i in 0..self.subdaos.len() {
			let Some(u) = self.scenario.subdaos[i].updates.iter().find(|u| u.day == day).cloned()
			else {
				continue;
			};
			let id = self.subdaos[i].id;
			let Some(info) = pallet_subdaos::Registry::<Runtime>::get(id) else { continue };
			let emission_schedule = u.dnt_per_epoch.map(|dnt| {
				let mut steps = info.config.emission_schedule.into_inner();
				// From this day's epoch on (the epoch that closes at the day's end).
				let epoch = flywheel_runtime::SubDaos::epoch_info().current_epoch;
				steps.retain(|step| step.from_epoch < epoch);
				steps.push(pallet_subdaos::types::EmissionStep {
					from_epoch: epoch,
					per_epoch: planck(dnt),
				});
				BoundedVec::truncate_from(steps)
			});
			let update = pallet_subdaos::types::SubDaoUpdate {
				emission_schedule,
				onboarding_fee: u.onboarding_fee_usd.map(|usd| (usd * DC_PER_USD as f64) as u64),
				burn_authority: None,
				rewards_oracles: None,
				curve_k: u.curve_k,
			};
			let call =
				RuntimeCall::SubDaos(pallet_subdaos::Call::update_subdao { subdao: id, update });
			let name = &self.subdaos[i].name;
			root(call).map_err(|e| format!("day {day}: the update of subDAO {name}: {e}"))?;
		}
		Ok(())
	}

	/// The scenario's inflation settings, each by its root call.
	fn govern_inflation(&self) -> Result<(), String> {
		use pallet_inflation::Call;
		let g = &self.scenario.governance;
		use sp_runtime::Saturating;
		let mut calls = Vec::new();
		if let Some(target) = g.inflation_target {
			calls.push(("inflation target", Call::set_target { target: fraction(target) }));
		}
		if let Some(step) = g.inflation_step {
			calls.push(("inflation step", Call::set_step { step: fraction(step) }));
		}
		if g.inflation_min_rate.is_some() || g.inflation_max_rate.is_some() {
			let params = pallet_inflation::Params::<Runtime>::get();
			let min_rate = g.inflation_min_rate.map(fraction).unwrap_or(params.min_rate);
			let max_rate = g.inflation_max_rate.map(fraction).unwrap_or(params.max_rate);
			calls.push(("inflation rate bounds", Call::set_rate_bounds { min_rate, max_rate }));
		}
		if let Some([stakers, subdaos, subnets, _]) = g.emission_split {
			let (stakers, subdaos, subnets) =
				(fraction(stakers), fraction(subdaos), fraction(subnets));
			let treasury = Perbill::one()
				.saturating_sub(stakers)
				.saturating_sub(subdaos)
				.saturating_sub(subnets);
			let split = pallet_inflation::EmissionSplit { stakers, subdaos, subnets, treasury };
			calls.push(("emission split", Call::set_emission_split { split }));
		}
		if let (Some("supply_cap"), Some(cap)) = (g.emission_mode.as_deref(), g.supply_cap_fly) {
			let mode = pallet_inflation::EmissionMode::SupplyCap { cap: planck(cap) };
			calls.push(("emission mode", Call::set_emission_mode { mode }));
		}
		for (what, call) in calls {
			root(RuntimeCall::Inflation(call)).map_err(|e| format!("{what}: {e}"))?;
		}
		Ok(())
	}

	/// What the agents do in block `n` of day `day` (`k` = the block's index in the day).
	pub fn act_in_block(&mut self, n: BlockNumber, day: u32, k: u32) -> Result<(), String> {
		self.feed_prices(f64::from(day) + f64::from(k) / f64::from(blocks_per_day()));
		self.send_carried();
		match k {
			1 => {
				self.govern_on(day)?;
				self.open_subnets_and_positions(day);
				self.demand(day);
				self.adversaries_setup(day);
			}
			2 => {
				// A front-runner's redemption goes in before the operators'.
				self.front_run_redemptions(day);
				self.rewards_and_redemptions(day);
				self.subnet_day(day);
				self.idle_subnet_weights();
			}
			// The week's work over three blocks, as the agents' own schedules would spread it (in
			// one block it overflows once devices number in the tens of thousands).
			3 if day.is_multiple_of(7) => self.weekly_devices(),
			4 if day.is_multiple_of(7) => self.holders_follow_the_yield(day),
			5 if day.is_multiple_of(7) => self.weekly_stakers(),
			_ => {}
		}
		self.register_neurons();
		self.adversaries_act(n, day);
		Ok(())
	}

	/// FLY/USD as traded: the pool's price with a market, else the scenario's at `day`.
	pub fn market_price(&self, day: f64) -> f64 {
		match &self.market {
			Some(m) => m.price(),
			None => self.price_at(day),
		}
	}

	/// The arbitrageur trades the pool toward the outside price (the scenario's).
	fn arbitrage(&mut self, day: f64) {
		let outside = self.price_at(day);
		let Some(market) = self.market.as_mut() else { return };
		if let Err(e) = market.arbitrage(outside) {
			self.refused("arbitrageur", "arbitrage", e);
		}
	}

	/// Every feeder quotes the market; a price walker's two feeders quote above it.
	fn feed_prices(&mut self, day: f64) {
		self.arbitrage(day);
		let market = self.market_price(day);
		let walked = self.walked_price(market);
		for (j, feeder) in self.feeders.clone().iter().enumerate() {
			let quote = match walked {
				Some(high) if j < 2 => high,
				_ => market,
			};
			let price = FixedU128::from_float(quote);
			let call = RuntimeCall::DataCredits(pallet_data_credits::Call::feed_price { price });
			self.act("feeder", feeder, call);
		}
	}

	/// Buys `dc` Data Credits for `who` with FLY at the runtime's price (1% slippage bound).
	pub(crate) fn buy_dc(&mut self, agent: &str, who: &AccountId, dc: u64) -> bool {
		let Some(fly) = flywheel_runtime::DataCredits::quote_dc_to_fly(dc) else {
			self.refused(agent, "quote_dc_to_fly", "no price".into());
			return false;
		};
		let max_fly = fly + fly / 100 + 1;
		if !self.buy_fly_for(agent, who, max_fly) {
			return false;
		}
		let amount = MintAmount::Credits { credits: dc, max_fly };
		let call = RuntimeCall::DataCredits(pallet_data_credits::Call::mint_data_credits {
			beneficiary: who.clone(),
			amount,
		});
		self.try_act(agent, who, call)
	}

	/// With a market, `who` buys what it lacks of `fly` there (keeping half its fee FLY);
	/// false if it could not.
	fn buy_fly_for(&mut self, agent: &str, who: &AccountId, fly: Balance) -> bool {
		let Some(market) = self.market.as_mut() else { return true };
		let spendable = spendable(who);
		let have = spendable.saturating_sub(FEE_FLY / 2);
		let need = fly.saturating_sub(have);
		if need == 0 {
			return true;
		}
		match market.buy(who, need) {
			Ok(_) => true,
			Err(e) => {
				self.refused(agent, "buy FLY", e);
				false
			}
		}
	}

	/// Opens the subnet that starts on `day`; on day 0 operators register and bond, delegators
	/// bond, and lockers lock veFLY and delegate it to their subDAO.
	fn open_subnets_and_positions(&mut self, day: u32) {
		let day_index = day as usize;
		if self.subnets.get(day_index).is_some_and(|s| s.netuid.is_none()) {
			self.open_subnet(day_index);
		}
		if self.scenario.staking.as_ref().is_some_and(|s| s.late_operator_day == day) {
			self.register_operators(&self.late_operators.clone());
		}
		if day != 0 {
			return;
		}
		if let Some(s) = self.scenario.staking.clone() {
			self.register_operators(&self.operators.clone());
			let amount = planck(s.delegator_fly * s.initial_bond_share);
			for d in 0..self.delegators.len() {
				let (who, operator) =
					(self.delegators[d].who.clone(), self.delegators[d].operator.clone());
				if amount > 0 {
					let call =
						RuntimeCall::Bonding(pallet_bonding::Call::bond { operator, amount });
					// `last_bond` below must see the bond: no carrying over.
					let _ = self.try_act("delegator", &who, call);
				}
				self.delegators[d].last_bond = pallet_bonding::Pallet::<Runtime>::bond_of(&who);
			}
		}
		for i in 0..self.subdaos.len() {
			let spec = self.scenario.subdaos[i].clone();
			let each = planck(spec.ve_fly / f64::from(spec.ve_lockers));
			if each < FLY {
				continue;
			}
			let duration = spec.ve_lock_days * blocks_per_day();
			for locker in self.subdaos[i].lockers.clone() {
				let call = RuntimeCall::SubDaos(pallet_subdaos::Call::lock {
					amount: each,
					kind: LockKind::Constant,
					duration,
				});
				let Some(position) = self.lock("ve locker", &locker, call) else { continue };
				let subdao = self.subdaos[i].id;
				let call =
					RuntimeCall::SubDaos(pallet_subdaos::Call::delegate { position, subdao });
				if self.try_act("ve locker", &locker, call) {
					self.subdaos[i].positions.push((locker, position));
				}
			}
		}
	}

	/// Each of `operators` registers with its `operator_self_bond` (at least the minimum): a
	/// newcomer's self-bond is what it competes for a slot with.
	fn register_operators(&mut self, operators: &[AccountId]) {
		let Some(s) = self.scenario.staking.clone() else { return };
		let cut = fraction(s.reward_cut);
		let min_self_bond = pallet_bonding::Rules::<Runtime>::get().min_self_bond;
		for op in operators {
			let call = RuntimeCall::Bonding(pallet_bonding::Call::register_operator {
				reward_cut: cut,
				fee_share: Perbill::from_percent(50),
				self_bond: planck(s.operator_self_bond).max(min_self_bond),
			});
			self.act("operator", op, call);
		}
	}

	/// Locks veFLY; the new position's id from the event.
	pub(crate) fn lock(
		&mut self,
		agent: &str,
		who: &AccountId,
		call: RuntimeCall,
	) -> Option<PositionId> {
		if !self.try_act(agent, who, call) {
			return None;
		}
		flywheel_runtime::System::events().iter().rev().find_map(|r| match &r.event {
			RuntimeEvent::SubDaos(pallet_subdaos::Event::Locked { position, owner, .. })
				if owner == who =>
			{
				Some(*position)
			}
			_ => None,
		})
	}

	fn open_subnet(&mut self, i: usize) {
		let owner = self.subnets[i].owner.clone();
		let hotkey = account(&format!("sn{i}/owner/hot"));
		let call = RuntimeCall::Subnets(pallet_subnets::Call::register_network { hotkey });
		let before = pallet_subnets::NextNetUid::<Runtime>::get();
		if self.try_act("subnet owner", &owner, call) {
			self.subnets[i].netuid = Some(before);
			let call = RuntimeCall::Subnets(pallet_subnets::Call::set_service_authority {
				netuid: before,
				authority: Some(owner.clone()),
			});
			self.act("subnet owner", &owner, call);
		}
	}

	/// One neuron registration a block per subnet; a validator stakes once registered.
	fn register_neurons(&mut self) {
		for i in 0..self.subnets.len() {
			let Some(netuid) = self.subnets[i].netuid else { continue };
			let Some((cold, hot, stake)) = self.subnets[i].pending.first().cloned() else {
				continue;
			};
			let call = RuntimeCall::Subnets(pallet_subnets::Call::register_neuron {
				netuid,
				hotkey: hot.clone(),
			});
			if self.try_act("neuron", &cold, call) {
				self.subnets[i].pending.remove(0);
				if stake > 0 {
					let call = RuntimeCall::Subnets(pallet_subnets::Call::add_stake {
						netuid,
						hotkey: hot,
						amount: stake,
					});
					self.act("validator", &cold, call);
				}
			}
		}
	}

	/// Usage (DC bought, delegated to the router, burned by it) and device onboarding.
	fn demand(&mut self, day: u32) {
		for i in 0..self.subdaos.len() {
			let spec = self.scenario.subdaos[i].clone();
			let (id, users, router) =
				(self.subdaos[i].id, self.subdaos[i].users.clone(), self.subdaos[i].router.clone());
			let dc = self.paths.demand(&spec.dc_usage_per_day, Stream::Usage(i), day) as u64;
			if dc >= 1_000 && self.buy_dc("users", &users, dc) {
				let key = router_key(id);
				let call =
					RuntimeCall::DataCredits(pallet_data_credits::Call::delegate_data_credits {
						subdao: id,
						router_key: key,
						amount: dc,
					});
				if self.try_act("users", &users, call) {
					let call = RuntimeCall::DataCredits(
						pallet_data_credits::Call::burn_delegated_data_credits {
							subdao: id,
							router_key: key,
							amount: dc,
						},
					);
					self.act("router", &router, call);
				}
			}
			let start = if day == 0 { spec.onboarded_usd_at_start } else { 0.0 };
			let onboarding_today =
				self.paths.demand(&spec.onboarding_usd_per_day, Stream::Onboarding(i), day);
			// Devices come at the curve's rate only while they pay back in time.
			let joining = if day == 0 { 1.0 } else { self.joining_share(i) };
			let usd = self.subdaos[i].onboarding_carry + onboarding_today * joining + start;
			// The fee in force (a referendum may have changed it), in DC and in USD.
			let (fee, fee_usd) = self.onboarding_fee(i);
			let devices = (usd / fee_usd).floor();
			self.subdaos[i].onboarding_carry = usd - devices * fee_usd;
			let maker = self.subdaos[i].maker.clone();
			let devices = devices as u64;
			if devices > 0 && self.buy_dc("maker", &maker, fee.saturating_mul(devices)) {
				for _ in 0..devices {
					let n = self.subdaos[i].onboarded;
					let device = sp_io::hashing::blake2_256(&codec::Encode::encode(&(id, n)));
					let call = RuntimeCall::SubDaos(pallet_subdaos::Call::onboard_device {
						subdao: id,
						device,
					});
					if self.try_act("maker", &maker, call) {
						self.subdaos[i].onboarded += 1;
						self.subdaos[i].devices.push(device);
						if day > 0 {
							self.subdaos[i].joined += 1;
						}
					}
				}
			}
		}
	}

	/// Two of the three rewards oracles report the operators' lifetime DNT rewards (what they
	/// claimed plus a share of at most one day's emission in the escrow) and each operator
	/// claims what they agree on; operators redeem a share.
	fn rewards_and_redemptions(&mut self, day: u32) {
		for i in 0..self.subdaos.len() {
			let id = self.subdaos[i].id;
			let Some(info) = pallet_subdaos::Registry::<Runtime>::get(id) else { continue };
			let escrow = pallet_subdaos::Pallet::<Runtime>::rewards_account(id);
			// The escrow holds what the epoch closed in the day's first block issued.
			let epoch = flywheel_runtime::SubDaos::epoch_info().current_epoch.saturating_sub(1);
			let daily = planck(self.scenario.subdaos[i].dnt_per_epoch_at(epoch));
			let available = flywheel_runtime::Assets::balance(info.dnt, &escrow).min(daily);
			let operators = self.subdaos[i].operators.clone();
			let each = available / operators.len().max(1) as Balance;
			self.record_earnings(i, info.dnt, each.saturating_mul(operators.len() as Balance), day);
			if each > 0 {
				let totals: Vec<_> = operators
					.iter()
					.map(|o| {
						let claimed = pallet_subdaos::RewardsClaimed::<Runtime>::get(id, o);
						(o.clone(), claimed + each)
					})
					.collect();
				for oracle in self.subdaos[i].oracles.clone().iter().take(2) {
					let call = RuntimeCall::SubDaos(pallet_subdaos::Call::report_rewards {
						subdao: id,
						totals: BoundedVec::truncate_from(totals.clone()),
					});
					self.act("rewards oracle", oracle, call);
				}
				for op in operators.iter() {
					let call = RuntimeCall::SubDaos(pallet_subdaos::Call::claim_rewards {
						subdao: id,
						recipient: op.clone(),
					});
					self.act("device operator", op, call);
				}
			}
			let share = self.scenario.subdaos[i].redeem_share_per_day.at(f64::from(day));
			for op in operators {
				let held = flywheel_runtime::Assets::balance(info.dnt, &op);
				let amount = (held as f64 * share) as Balance;
				if amount == 0 {
					continue;
				}
				let quote = flywheel_runtime::SubDaos::quote_redemption(id, amount).unwrap_or(0);
				if quote == 0 {
					continue;
				}
				// 1% below the quote; on a `k > 0` curve the block's redemptions settle as one
				// batch, below each one's own quote, so 10%.
				let tolerance = if info.config.curve_k > 0 { 10 } else { 100 };
				let call = RuntimeCall::SubDaos(pallet_subdaos::Call::redeem {
					subdao: id,
					dnt_amount: amount,
					min_fly_out: quote - quote / tolerance,
				});
				self.act("device operator", &op, call);
			}
			self.operators_sell(i);
		}
	}

	/// With a market, device operators sell `operator_sell_share` of the FLY they redeemed
	/// since they last sold (their running costs) and keep the rest.
	fn operators_sell(&mut self, i: usize) {
		let Some(share) = self.market.as_ref().map(|m| m.operator_sell_share) else { return };
		for op in self.subdaos[i].operators.clone() {
			self.sell_income("device operator", &op, share, 0);
		}
	}

	/// `who` sells `share` of its income since it last sold (its free FLY above its fee FLY
	/// and what it kept before; the first time, above `baseline` too) and keeps the rest.
	fn sell_income(&mut self, agent: &str, who: &AccountId, share: f64, baseline: Balance) {
		let kept = *self.income_kept.entry(who.clone()).or_insert(baseline);
		let free = flywheel_runtime::Balances::free_balance(who);
		let surplus = free.saturating_sub(FEE_FLY + FLY).saturating_sub(kept);
		let sell = (surplus as f64 * share) as Balance;
		if sell >= FLY && self.sell(agent, who, sell) {
			self.income_kept.insert(who.clone(), kept.saturating_add(surplus - sell));
		}
	}

	/// `who` sells `fly` into the market's pool (counted by `agent`); false if it could not.
	fn sell(&mut self, agent: &str, who: &AccountId, fly: Balance) -> bool {
		match self.market.as_mut().map(|m| m.sell(who, fly)) {
			Some(Ok(_)) => {
				let total = self.sold.entry(agent.to_string()).or_default();
				*total = total.saturating_add(fly);
				true
			}
			Some(Err(e)) => {
				self.refused(agent, "sell FLY", e);
				false
			}
			None => false,
		}
	}

	/// Staking operators claim their cut and kept fees; with a market they sell
	/// `staking_operator_sell_share` of what they earned since they last sold.
	fn staking_operators_claim_and_sell(&mut self) {
		let share = self.market.as_ref().map(|m| m.staking_operator_sell_share);
		let operators: Vec<AccountId> =
			self.operators.iter().chain(&self.late_operators).cloned().collect();
		for op in operators {
			// Not (yet) an operator: its FLY is its self-bond to come, not income.
			if !pallet_bonding::Operators::<Runtime>::contains_key(&op) {
				continue;
			}
			if pallet_bonding::Pallet::<Runtime>::claimable(&op) > 0 {
				let call = RuntimeCall::Bonding(pallet_bonding::Call::claim_earnings {});
				self.act("operator", &op, call);
			}
			let Some(share) = share else { continue };
			// What it holds beyond its fee FLY the first week it is an operator is not income.
			let before = flywheel_runtime::Balances::free_balance(&op).saturating_sub(FEE_FLY);
			self.sell_income("operator", &op, share, before);
		}
	}

	/// Records what subDAO `i`'s device operators were paid on `day` (`dnt` of its asset
	/// `asset`), in USD.
	fn record_earnings(&mut self, i: usize, asset: u32, dnt: Balance, day: u32) {
		let id = self.subdaos[i].id;
		let supply = flywheel_runtime::Assets::total_issuance(asset);
		if supply == 0 {
			// No epoch has closed yet: nothing to value a device by.
			return;
		}
		let reserve = pallet_subdaos::Pallet::<Runtime>::treasury_reserve(id);
		let fly_per_dnt = reserve as f64 / supply as f64;
		let usd = units(dnt) * fly_per_dnt * self.market_price(f64::from(day));
		let earned = &mut self.subdaos[i].earned_usd;
		earned.push_back(usd);
		while earned.len() > 7 {
			earned.pop_front();
		}
	}

	/// Subdao `i`'s onboarding fee in force, in DC and in USD (a referendum may have changed
	/// the scenario's).
	fn onboarding_fee(&self, i: usize) -> (u64, f64) {
		let id = self.subdaos.get(i).map_or(0, |s| s.id);
		let dc = pallet_subdaos::Registry::<Runtime>::get(id)
			.map_or(0, |info| info.config.onboarding_fee);
		(dc, (dc as f64 / DC_PER_USD as f64).max(0.01))
	}

	/// A device's return a day in subDAO `i`, USD: the operators' pay over the last week per
	/// active device, less its running cost (`None` without `[subdaos.devices]`, before the
	/// first pay or with no device: the first newcomer would take everything).
	pub(crate) fn device_return(&self, i: usize) -> Option<f64> {
		self.device_return_and_fee(i).map(|(net, _)| net)
	}

	/// `device_return` and the onboarding fee in force, USD, from one read of the fee.
	fn device_return_and_fee(&self, i: usize) -> Option<(f64, f64)> {
		let (spec, agents) = (self.scenario.subdaos.get(i)?, self.subdaos.get(i)?);
		let economics = spec.devices.as_ref()?;
		if agents.earned_usd.is_empty() || agents.devices.is_empty() {
			return None;
		}
		let earned = agents.earned_usd.iter().sum::<f64>() / agents.earned_usd.len() as f64;
		let (_, fee_usd) = self.onboarding_fee(i);
		let running = economics.running_per_fee_per_day * fee_usd;
		Some((earned / agents.devices.len() as f64 - running, fee_usd))
	}

	/// The share of the onboarding curve's devices bought today: all of them while a device
	/// pays back its hardware and fee within `payback_days`, `payback_days / payback` beyond,
	/// none while it does not cover its running cost.
	fn joining_share(&self, i: usize) -> f64 {
		let Some(economics) = self.scenario.subdaos.get(i).and_then(|s| s.devices.as_ref()) else {
			return 1.0;
		};
		match self.device_return_and_fee(i) {
			None => 1.0,
			Some((net, _)) if net <= 0.0 => 0.0,
			Some((net, fee_usd)) => {
				let payback = fee_usd * (1.0 + economics.hardware_per_fee) / net;
				(economics.payback_days / payback).min(1.0)
			}
		}
	}

	/// In a week a device of subDAO `i` does not cover its running cost (judged over a whole
	/// week of pay), `churn_share` of the active devices (the oldest) are switched off by their
	/// maker.
	fn devices_churn(&mut self, i: usize) {
		let Some(economics) = self.scenario.subdaos[i].devices.clone() else { return };
		let week = self.subdaos[i].earned_usd.len() >= 7;
		if !week || !self.device_return(i).is_some_and(|net| net < 0.0) {
			return;
		}
		let active = self.subdaos[i].devices.len();
		let leaving = ((active as f64 * economics.churn_share).ceil() as usize).min(active);
		let (id, maker) = (self.subdaos[i].id, self.subdaos[i].maker.clone());
		// The oldest first; the list changes as they go.
		let oldest: Vec<DeviceId> = self.subdaos[i].devices.iter().take(leaving).copied().collect();
		for device in oldest {
			let call = RuntimeCall::SubDaos(pallet_subdaos::Call::deactivate_device {
				subdao: id,
				device,
			});
			if self.try_act("maker", &maker, call) {
				self.subdaos[i].devices.retain(|d| *d != device);
				self.subdaos[i].left += 1;
			}
		}
	}

	/// Validators weight miners (better miners more), the service authority burns revenue.
	fn subnet_day(&mut self, day: u32) {
		for i in 0..self.subnets.len() {
			let Some(netuid) = self.subnets[i].netuid else { continue };
			let weights: Vec<(u16, u16)> = self.subnets[i]
				.miners
				.iter()
				.enumerate()
				.filter_map(|(j, (_, hot))| {
					let uid = pallet_subnets::Uids::<Runtime>::get(netuid, hot)?;
					Some((uid, (j as u16 + 1).saturating_mul(1_000)))
				})
				.collect();
			if !weights.is_empty() {
				for (_, hot) in self.subnets[i].validators.clone() {
					if pallet_subnets::Uids::<Runtime>::get(netuid, &hot).is_none() {
						continue;
					}
					let call = RuntimeCall::Subnets(pallet_subnets::Call::set_weights {
						netuid,
						weights: BoundedVec::truncate_from(weights.clone()),
					});
					self.act("validator", &hot, call);
				}
			}
			let revenue = &self.scenario.subnets[i].dc_revenue_per_day;
			let dc = self.paths.demand(revenue, Stream::Revenue(i), day) as u64;
			let owner = self.subnets[i].owner.clone();
			if dc >= 1_000 && self.buy_dc("subnet service", &owner, dc) {
				let call = RuntimeCall::DataCredits(
					pallet_data_credits::Call::burn_data_credits_for_subnet { netuid, amount: dc },
				);
				self.act("subnet service", &owner, call);
			}
		}
	}

	/// Once a week, first: devices that do not pay their running cost churn, the rest are
	/// attested, veFLY rewards claimed.
	fn weekly_devices(&mut self) {
		for i in 0..self.subdaos.len() {
			self.devices_churn(i);
			let id = self.subdaos[i].id;
			for chunk in self.subdaos[i].devices.clone().chunks(128) {
				for oracle in self.subdaos[i].oracles.clone().iter().take(2) {
					let call = RuntimeCall::SubDaos(pallet_subdaos::Call::attest_devices {
						subdao: id,
						devices: BoundedVec::truncate_from(chunk.to_vec()),
					});
					self.act("rewards oracle", oracle, call);
				}
			}
			let epoch = flywheel_runtime::SubDaos::epoch_info().current_epoch;
			for (who, position) in self.subdaos[i].positions.clone() {
				if epoch < 2 {
					continue;
				}
				let call = RuntimeCall::SubDaos(pallet_subdaos::Call::claim_delegation_rewards {
					position,
					up_to_epoch: epoch - 1,
				});
				self.act("ve locker", &who, call);
			}
		}
	}

	/// Once a week, last: staking operators claim (and sell), delegators follow the yield.
	fn weekly_stakers(&mut self) {
		self.staking_operators_claim_and_sell();
		let Some(s) = self.scenario.staking.clone() else { return };
		for d in 0..self.delegators.len() {
			let (who, operator) =
				(self.delegators[d].who.clone(), self.delegators[d].operator.clone());
			// The week's earnings: rewards compound into the bond; fees are claimable.
			let bond = pallet_bonding::Pallet::<Runtime>::bond_of(&who);
			let fees = pallet_bonding::Pallet::<Runtime>::claimable(&who);
			let earned = bond.saturating_sub(self.delegators[d].last_bond).saturating_add(fees);
			let bonded = self.delegators[d].last_bond;
			if fees > 0 {
				let call = RuntimeCall::Bonding(pallet_bonding::Call::claim_earnings {});
				self.act("delegator", &who, call);
			}
			self.withdraw_unbonded("delegator", &who);
			// The week's earnings as an annual yield on what was bonded.
			let annual =
				if bonded == 0 { 0.0 } else { earned as f64 / bonded as f64 * 365.0 / 7.0 };
			let free = spendable(&who);
			if bonded == 0 || annual > s.target_yield {
				let amount = (free as f64 * s.adjust_share) as Balance;
				if amount >= FLY {
					let call =
						RuntimeCall::Bonding(pallet_bonding::Call::bond { operator, amount });
					// `last_bond` below must see the change: no carrying over.
					let _ = self.try_act("delegator", &who, call);
				}
			} else if annual < s.target_yield {
				let amount = (bonded as f64 * s.adjust_share) as Balance;
				if amount >= FLY {
					let call = RuntimeCall::Bonding(pallet_bonding::Call::unbond { amount });
					let _ = self.try_act("delegator", &who, call);
				}
			}
			self.delegators[d].last_bond = pallet_bonding::Pallet::<Runtime>::bond_of(&who);
		}
	}

	/// The yield a delegator is paid now, a year: the round's rate on the issuance, the
	/// stakers' share of it, over the bonded stake, less the operators' cut (`None` with
	/// nothing bonded: any holder would bond).
	fn paid_yield(&self) -> Option<f64> {
		let health = flywheel_runtime::tokenomics_api::health();
		let bonded = health.bonded_ratio.deconstruct();
		if bonded == 0 {
			return None;
		}
		let split = pallet_inflation::Split::<Runtime>::get();
		let cut = self.scenario.staking.as_ref().map_or(0.0, |s| s.reward_cut);
		let per_round = f64::from(health.rate_per_round.deconstruct())
			* f64::from(split.stakers.deconstruct())
			/ 1e9 / f64::from(bonded);
		Some(per_round * 365.0 * (1.0 - cut))
	}

	/// Each holder sells a share of its free FLY while the pool is dearer than the outside
	/// price by more than its markup (with a market), bonds a share of its free FLY while the
	/// paid yield is above its reservation yield and unbonds a share of its bond while it is
	/// below.
	fn holders_follow_the_yield(&mut self, day: u32) {
		let Some(h) = self.scenario.holders.clone() else { return };
		if self.operators.is_empty() {
			return;
		}
		let paid = self.paid_yield();
		let outside = self.price_at(f64::from(day));
		for j in 0..self.holders.len() {
			let (who, reservation) = (self.holders[j].who.clone(), self.holders[j].reservation);
			self.withdraw_unbonded("holder", &who);
			// The pool as the holders before it left it.
			let pool = self.market_price(f64::from(day));
			if self.market.is_some() && pool > outside * (1.0 + self.holders[j].sell_markup) {
				let amount = (spendable(&who) as f64 * h.adjust_share) as Balance;
				if amount >= FLY {
					self.sell("holder", &who, amount);
				}
			}
			let bonded = pallet_bonding::Pallet::<Runtime>::bond_of(&who);
			if paid.is_none_or(|y| y > reservation) {
				let free = spendable(&who);
				let amount = (free as f64 * h.adjust_share) as Balance;
				if amount >= FLY {
					let operator = self.operators[j % self.operators.len()].clone();
					let call =
						RuntimeCall::Bonding(pallet_bonding::Call::bond { operator, amount });
					self.act("holder", &who, call);
				}
			} else if paid.is_some_and(|y| y < reservation) && bonded > 0 {
				let mut amount = (bonded as f64 * h.adjust_share) as Balance;
				// An unbond leaves nothing or at least a FLY (`DustBond`).
				if bonded.saturating_sub(amount) < FLY || amount < FLY {
					amount = bonded;
				}
				let call = RuntimeCall::Bonding(pallet_bonding::Call::unbond { amount });
				self.act("holder", &who, call);
			}
		}
	}

	/// Withdraws every unbonding lock of `who` whose round has come.
	pub(crate) fn withdraw_unbonded(&mut self, agent: &str, who: &AccountId) {
		let round = pallet_inflation::Round::<Runtime>::get().index;
		for lock in pallet_bonding::UnbondingLocks::<Runtime>::get(who).locks {
			if lock.withdraw_round <= round {
				let call =
					RuntimeCall::Bonding(pallet_bonding::Call::withdraw { lock_id: lock.id });
				self.act(agent, who, call);
			}
		}
	}
}

/// What `who` holds, in FLY: its balance (free, held and frozen), its bond's compounded
/// rewards not yet settled into it, bonding fees and cuts not yet claimed, subnet dividends
/// owed, every DNT valued at its treasury's FLY per DNT and its Data Credits at their dollar
/// value in FLY at the market `price` (what buying them would cost).
pub fn wealth(who: &AccountId, subdaos: &[SubDaoAgents], price: f64) -> Balance {
	let held_bond = pallet_bonding::Delegations::<Runtime>::get(who)
		.map(|d| d.bonded.saturating_add(d.maturing))
		.unwrap_or(0);
	let compounded = pallet_bonding::Pallet::<Runtime>::bond_of(who).saturating_sub(held_bond);
	let dividends = pallet_subnets::Stakes::<Runtime>::iter_key_prefix((who,))
		.map(|(netuid, hotkey)| {
			pallet_subnets::Pallet::<Runtime>::stake_of(who, netuid, &hotkey).pending
		})
		.fold(0, Balance::saturating_add)
		.saturating_add(pallet_subnets::Unclaimed::<Runtime>::get(who).unwrap_or(0))
		.saturating_add(neuron_emission(who));
	let mut total = flywheel_runtime::Balances::total_balance(who)
		.saturating_add(compounded)
		.saturating_add(pallet_bonding::Pallet::<Runtime>::claimable(who))
		.saturating_add(dividends);
	let dc = pallet_data_credits::Pallet::<Runtime>::dc_balance(who);
	total = total.saturating_add(planck(dc as f64 / DC_PER_USD as f64 / price.max(1e-9)));
	for s in subdaos {
		let Some(info) = pallet_subdaos::Registry::<Runtime>::get(s.id) else { continue };
		let held = flywheel_runtime::Assets::balance(info.dnt, who);
		let supply = flywheel_runtime::Assets::total_issuance(info.dnt);
		let reserve = pallet_subdaos::Pallet::<Runtime>::treasury_reserve(s.id);
		let value = FixedU128::checked_from_rational(reserve, supply)
			.map(|ratio| ratio.saturating_mul_int(held))
			.unwrap_or(0);
		total = total.saturating_add(value);
	}
	total
}

/// Emission the neurons `who` registered (as coldkey) earned and it has not claimed: miner
/// incentive, the owner's cut, a validator's take (`claim_emission` would pay it).
fn neuron_emission(who: &AccountId) -> Balance {
	pallet_subnets::Neurons::<Runtime>::iter_values()
		.flat_map(|neurons| neurons.into_iter())
		.filter(|n| &n.coldkey == who)
		.fold(0, |total, n| total.saturating_add(n.pending))
}

/// The FLY `who` can spend and keep its account: free, less what is frozen (veFLY).
pub(crate) fn spendable(who: &AccountId) -> Balance {
	use frame_support::traits::tokens::{Fortitude, Preservation};
	flywheel_runtime::Balances::reducible_balance(who, Preservation::Preserve, Fortitude::Polite)
}

/// The router key a subDAO's users delegate to.
pub(crate) fn router_key(subdao: SubDaoId) -> [u8; 32] {
	sp_io::hashing::blake2_256(&subdao.to_le_bytes())
}

/// `Pallet.call` of a runtime call, for refusal counts.
fn call_name(call: &RuntimeCall) -> String {
	use frame_support::traits::GetCallMetadata;
	let m = call.get_call_metadata();
	format!("{}.{}", m.pallet_name, m.function_name)
}

/// The DC `payer` may still mint in the breaker's window: its share (`MaxPayerShare`) of the
/// threshold less what it minted, decayed (a larger mint fails with `PayerShareExceeded`).
pub(crate) fn payer_allowance(payer: &AccountId) -> u64 {
	let breaker = pallet_data_credits::Pallet::<Runtime>::breaker_config();
	let share = <Runtime as pallet_data_credits::Config>::MaxPayerShare::get();
	let now = frame_system::Pallet::<Runtime>::block_number();
	let used =
		pallet_data_credits::PayerWindows::<Runtime>::get(payer).decayed(now, breaker.window);
	u128::from(share.mul_floor(breaker.threshold))
		.saturating_sub(used)
		.try_into()
		.unwrap_or(u64::MAX)
}
