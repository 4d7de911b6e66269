// SPDX-License-Identifier: Apache-2.0
//! The adversaries of a run: who they are, what they hold, and what each attack does at the
//! block it needs. An adversary with `active = false` holds the same budget and position and
//! does what its honest counterpart would, so a run with it on and a run with it off differ by
//! its attack alone (the attack table, `attacks`, pairs them).

use crate::{
	chain::{account, blocks_per_day, root},
	scenario::{AttackKind, Scenario},
	world::{
		fraction, payer_allowance, planck, router_key, spendable, wealth, SubDaoAgents, World,
	},
};
use flywheel_primitives::SubDaoId;
use flywheel_runtime::{AccountId, Balance, BlockNumber, Runtime, RuntimeCall, FLY};
use pallet_subdaos::{types::LockKind, PositionId};
use sp_runtime::Perbill;

/// An adversary and what it has open.
pub struct AdversaryAgent {
	pub kind: AttackKind,
	pub who: AccountId,
	pub name: String,
	/// Its other accounts: a squatter's operators, a subnet's validator and miner hotkeys.
	pub helpers: Vec<AccountId>,
	pub(crate) subdao: SubDaoId,
	pub(crate) fly: Balance,
	position_fly: Balance,
	pub(crate) every_days: u32,
	markup: f64,
	/// Whether it attacks (off: its honest counterpart).
	pub active: bool,
	/// Its wealth (FLY, DNT at treasury value, DC at market value) at genesis, all accounts.
	pub start_wealth: Balance,
	/// The FLY its strategy holds: the attack's `fly` and its position's (not the fee FLY every
	/// account gets).
	pub budget: Balance,
	/// The flash position of a last-block delegation.
	pub(crate) position: Option<PositionId>,
	/// Its veFLY position delegated to its subDAO since day 0 (`position_fly`).
	held_position: Option<PositionId>,
	/// The subnet it registered (idle-subnet capture).
	netuid: Option<u16>,
	/// The block its flash position unwinds at.
	pub(crate) unwind_at: Option<BlockNumber>,
	/// Attacks it carried out (its attacking call went through).
	pub attacks: u32,
}

impl AdversaryAgent {
	/// Every account it controls.
	pub fn accounts(&self) -> impl Iterator<Item = &AccountId> {
		std::iter::once(&self.who).chain(&self.helpers)
	}

	/// The FLY of its budget each attack spends: the budget spread over the days it is due
	/// (day 0, `every_days`, … before `days`).
	fn per_attack(&self, days: u32) -> Balance {
		self.fly / Balance::from(days.div_ceil(self.every_days).max(1))
	}
}

/// The scenario's adversaries and their genesis FLY (added to `endow`). A router wash burner
/// becomes its subDAO's router.
pub(crate) fn agents(
	scenario: &Scenario,
	endow: &mut Vec<(AccountId, Balance)>,
	subdaos: &mut [SubDaoAgents],
) -> Vec<AdversaryAgent> {
	let mut agents = Vec::new();
	for (i, a) in scenario.adversaries.iter().enumerate() {
		let who = account(&format!("adversary{i}"));
		let (fly, position_fly) = (planck(a.fly), planck(a.position_fly));
		let helper = |role: String| account(&format!("adversary{i}/{role}"));
		let helpers: Vec<_> = match a.kind {
			AttackKind::OperatorSlotSquatting => {
				(0..a.slots).map(|j| helper(format!("op{j}"))).collect()
			}
			AttackKind::IdleSubnetCapture => {
				vec![helper("validator".into()), helper("miner".into())]
			}
			_ => Vec::new(),
		};
		if a.kind == AttackKind::OperatorSlotSquatting {
			// Its budget is its operators' self-bonds.
			let each = fly / Balance::from(a.slots);
			endow.extend(helpers.iter().map(|h| (h.clone(), each + 10 * FLY)));
			endow.push((who.clone(), position_fly + 10 * FLY));
		} else {
			// Hotkeys pay for their own transactions (the fee FLY every account gets).
			endow.extend(helpers.iter().map(|h| (h.clone(), 0)));
			endow.push((who.clone(), fly + position_fly + 10 * FLY));
		}
		if a.kind == AttackKind::RouterWashBurn {
			if let Some(s) = subdaos.get_mut(a.subdao as usize) {
				s.router = who.clone();
			}
		}
		agents.push(AdversaryAgent {
			kind: a.kind,
			name: format!("adv{i}_{}", a.kind.name()),
			who,
			helpers,
			subdao: a.subdao,
			fly,
			position_fly,
			every_days: a.every_days,
			markup: a.price_markup,
			active: a.active,
			start_wealth: 0,
			budget: fly.saturating_add(position_fly),
			position: None,
			held_position: None,
			netuid: None,
			unwind_at: None,
			attacks: 0,
		});
	}
	agents
}

/// Each adversary's wealth at genesis: what all its accounts were endowed.
pub(crate) fn record_start_wealth(agents: &mut [AdversaryAgent], endow: &[(AccountId, Balance)]) {
	for a in agents.iter_mut() {
		a.start_wealth = endow
			.iter()
			.filter(|(who, _)| a.accounts().any(|x| x == who))
			.fold(0, |total, (_, fly)| total.saturating_add(*fly));
	}
}

impl World {
	/// Governance approves a device-fee padder as a maker of its subDAO (a maker the subDAO
	/// approved for real devices, with or without the attack).
	pub(crate) fn govern_adversaries(&mut self) -> Result<(), String> {
		for a in self.adversaries.iter().filter(|a| a.kind == AttackKind::DeviceFeePadding) {
			let call = RuntimeCall::SubDaos(pallet_subdaos::Call::set_maker_approval {
				subdao: a.subdao,
				maker: a.who.clone(),
				approved: true,
			});
			root(call).map_err(|e| format!("{}: maker approval: {e}", a.name))?;
		}
		Ok(())
	}

	/// The two walked feeds of an active price walker: the market quote times its markup.
	pub(crate) fn walked_price(&self, market: f64) -> Option<f64> {
		self.adversaries
			.iter()
			.find(|a| a.active && a.kind == AttackKind::PriceWalk)
			.map(|a| market * (1.0 + a.markup))
	}

	/// Block 1 of `day`, after the honest agents: positions on day 0, a squatter's operators,
	/// the idle subnet on the first free day, padded devices.
	pub(crate) fn adversaries_setup(&mut self, day: u32) {
		for a in 0..self.adversaries.len() {
			if day == 0 {
				self.open_position(a);
				if self.adversaries[a].kind == AttackKind::OperatorSlotSquatting {
					self.squat_or_delegate(a);
				}
			}
			let adv = &self.adversaries[a];
			let first_free_day = self.subnets.len() as u32;
			match adv.kind {
				AttackKind::IdleSubnetCapture if day == first_free_day => self.open_idle_subnet(a),
				AttackKind::DeviceFeePadding
					if adv.active && day.is_multiple_of(adv.every_days) =>
				{
					self.pad_devices(a)
				}
				_ => {}
			}
		}
	}

	/// Locks `position_fly` for the subDAO's lock length and delegates it to the subDAO.
	fn open_position(&mut self, a: usize) {
		let adv = &self.adversaries[a];
		let (who, name, subdao, amount) =
			(adv.who.clone(), adv.name.clone(), adv.subdao, adv.position_fly);
		let Some(spec) = self.scenario.subdaos.get(subdao as usize) else { return };
		if amount < FLY {
			return;
		}
		let duration = spec.ve_lock_days * blocks_per_day();
		let call = RuntimeCall::SubDaos(pallet_subdaos::Call::lock {
			amount,
			kind: LockKind::Constant,
			duration,
		});
		let Some(position) = self.lock(&name, &who, call) else { return };
		let call = RuntimeCall::SubDaos(pallet_subdaos::Call::delegate { position, subdao });
		if self.try_act(&name, &who, call) {
			self.adversaries[a].held_position = Some(position);
		}
	}

	/// Claims the delegators' DNT its position earned in the closed epochs.
	fn claim_position(&mut self, a: usize) {
		let Some(position) = self.adversaries[a].held_position else { return };
		let epoch = flywheel_runtime::SubDaos::epoch_info().current_epoch;
		if epoch < 2 {
			return;
		}
		let (who, name) = (self.adversaries[a].who.clone(), self.adversaries[a].name.clone());
		let call = RuntimeCall::SubDaos(pallet_subdaos::Call::claim_delegation_rewards {
			position,
			up_to_epoch: epoch - 1,
		});
		self.act(&name, &who, call);
	}

	/// Each of its accounts registers an operator with its share of the budget as self-bond (the
	/// attack),
	/// or its first account registers one operator and the others delegate to it (without it:
	/// the same FLY as one operator of its own, so only the slots differ).
	fn squat_or_delegate(&mut self, a: usize) {
		let (name, active) = (self.adversaries[a].name.clone(), self.adversaries[a].active);
		let cut = fraction(self.scenario.staking.as_ref().map_or(0.0, |s| s.reward_cut));
		let helpers = self.adversaries[a].helpers.clone();
		let Some(own) = helpers.first().cloned() else { return };
		// Each account's share of the budget (its fee FLY stays free).
		let amount = self.adversaries[a].fly / helpers.len().max(1) as Balance;
		for (j, helper) in helpers.iter().enumerate() {
			let call = if active || j == 0 {
				pallet_bonding::Call::register_operator {
					reward_cut: cut,
					fee_share: Perbill::from_percent(50),
					self_bond: amount,
				}
			} else {
				pallet_bonding::Call::bond { operator: own.clone(), amount }
			};
			if self.try_act(&name, helper, RuntimeCall::Bonding(call)) && active {
				self.adversaries[a].attacks += 1;
			}
		}
	}

	/// The FLY an idle-subnet owner stakes: its budget less the network lock and a margin for
	/// the two neuron registrations (the same with or without the attack).
	fn idle_subnet_stake(&self, a: usize) -> Balance {
		let lock = pallet_subnets::Pallet::<Runtime>::lock_cost();
		self.adversaries[a].fly.saturating_sub(lock).saturating_sub(100 * FLY)
	}

	/// Registers its subnet (its validator: the owner's hotkey, staked) and its miner (the
	/// attack); or stakes the
	/// same FLY on the first honest subnet's first validator (without it).
	fn open_idle_subnet(&mut self, a: usize) {
		let stake = self.idle_subnet_stake(a);
		let adv = &self.adversaries[a];
		let (who, name, active) = (adv.who.clone(), adv.name.clone(), adv.active);
		let [validator, miner] = [adv.helpers[0].clone(), adv.helpers[1].clone()];
		if !active {
			let honest = self
				.subnets
				.first()
				.and_then(|s| Some((s.netuid?, s.validators.first()?.1.clone())));
			if let Some((netuid, hotkey)) = honest {
				let call = pallet_subnets::Call::add_stake { netuid, hotkey, amount: stake };
				self.act(&name, &who, RuntimeCall::Subnets(call));
			}
			return;
		}
		let netuid = pallet_subnets::NextNetUid::<Runtime>::get();
		let call = pallet_subnets::Call::register_network { hotkey: validator.clone() };
		if !self.try_act(&name, &who, RuntimeCall::Subnets(call)) {
			return;
		}
		self.adversaries[a].attacks += 1;
		self.adversaries[a].netuid = Some(netuid);
		// The owner's hotkey is the subnet's first neuron; its miner joins.
		let call = pallet_subnets::Call::register_neuron { netuid, hotkey: miner };
		self.act(&name, &who, RuntimeCall::Subnets(call));
		let call = pallet_subnets::Call::add_stake { netuid, hotkey: validator, amount: stake };
		self.act(&name, &who, RuntimeCall::Subnets(call));
	}

	/// Its validator weights its own miner, every day (block 2), as the honest validators do.
	pub(crate) fn idle_subnet_weights(&mut self) {
		for a in 0..self.adversaries.len() {
			let adv = &self.adversaries[a];
			if adv.kind != AttackKind::IdleSubnetCapture || !adv.active {
				continue;
			}
			let [validator, miner] = [adv.helpers[0].clone(), adv.helpers[1].clone()];
			let Some(netuid) = adv.netuid else { continue };
			let Some(uid) = pallet_subnets::Uids::<Runtime>::get(netuid, &miner) else { continue };
			let name = adv.name.clone();
			let call = pallet_subnets::Call::set_weights {
				netuid,
				weights: frame_support::BoundedVec::truncate_from(vec![(uid, 1_000)]),
			};
			self.act(&name, &validator, RuntimeCall::Subnets(call));
		}
	}

	/// Onboards as many devices as one attack's FLY pays fees for; the oracles attest them with
	/// the subDAO's other devices.
	fn pad_devices(&mut self, a: usize) {
		let adv = &self.adversaries[a];
		let (who, name, subdao) = (adv.who.clone(), adv.name.clone(), adv.subdao);
		let fly = adv.per_attack(self.days);
		let Some(info) = pallet_subdaos::Registry::<Runtime>::get(subdao) else { return };
		let fee = info.config.onboarding_fee.max(1);
		let dc = pallet_data_credits::Pallet::<Runtime>::quote_fly_to_dc(fly)
			.unwrap_or(0)
			.min(payer_allowance(&who));
		let devices = dc / fee;
		if devices == 0 || !self.buy_dc(&name, &who, fee.saturating_mul(devices)) {
			return;
		}
		let mut onboarded = 0;
		for _ in 0..devices {
			let n = self.subdaos[subdao as usize].devices.len() as u64;
			let device = sp_io::hashing::blake2_256(&codec::Encode::encode(&(b"pad", subdao, n)));
			let call = pallet_subdaos::Call::onboard_device { subdao, device };
			if self.try_act(&name, &who, RuntimeCall::SubDaos(call)) {
				self.subdaos[subdao as usize].devices.push(device);
				onboarded += 1;
			}
		}
		if onboarded > 0 {
			self.adversaries[a].attacks += 1;
		}
	}

	/// Block 3 of a day the adversary is due: the burns and buys, and the honest counterpart's
	/// redemption (a block after the operators').
	fn attack_at_block_three(&mut self, a: usize, _day: u32) {
		let adv = &self.adversaries[a];
		let (who, name, subdao, active) =
			(adv.who.clone(), adv.name.clone(), adv.subdao, adv.active);
		let fly = adv.per_attack(self.days);
		let dc_for = |fly: Balance| {
			pallet_data_credits::Pallet::<Runtime>::quote_fly_to_dc(fly)
				.unwrap_or(0)
				.min(payer_allowance(&who))
		};
		match adv.kind {
			AttackKind::WashBurn if active => {
				let dc = dc_for(fly);
				if dc >= 1_000 && self.buy_dc(&name, &who, dc) {
					let call = pallet_data_credits::Call::burn_data_credits {
						amount: dc,
						purpose: pallet_data_credits::ServicePurpose::Usage { subdao },
					};
					if self.try_act(&name, &who, RuntimeCall::DataCredits(call)) {
						self.adversaries[a].attacks += 1;
					}
				}
			}
			AttackKind::RouterWashBurn if active => {
				let dc = dc_for(fly);
				if dc < 1_000 || !self.buy_dc(&name, &who, dc) {
					return;
				}
				let router_key = router_key(subdao);
				let call = pallet_data_credits::Call::delegate_data_credits {
					subdao,
					router_key,
					amount: dc,
				};
				if self.try_act(&name, &who, RuntimeCall::DataCredits(call)) {
					let call = pallet_data_credits::Call::burn_delegated_data_credits {
						subdao,
						router_key,
						amount: dc,
					};
					if self.try_act(&name, &who, RuntimeCall::DataCredits(call)) {
						self.adversaries[a].attacks += 1;
					}
				}
			}
			// It buys with or without the walk; the walk makes the DC cheaper.
			AttackKind::PriceWalk => {
				let dc = dc_for(fly);
				if dc >= 1_000 && self.buy_dc(&name, &who, dc) && active {
					self.adversaries[a].attacks += 1;
				}
			}
			AttackKind::RedemptionFrontRun if !active => self.redeem_all(a),
			_ => {}
		}
	}

	/// An active front-runner's redemption, in block 2 before the operators redeem.
	pub(crate) fn front_run_redemptions(&mut self, day: u32) {
		for a in 0..self.adversaries.len() {
			let adv = &self.adversaries[a];
			let due = day.is_multiple_of(adv.every_days);
			if adv.kind == AttackKind::RedemptionFrontRun && adv.active && due {
				self.redeem_all(a);
			}
		}
	}

	/// Redeems every DNT it holds of its subDAO (accepting up to half below the quote: a
	/// front-runner wants in, whatever the batch's rate).
	fn redeem_all(&mut self, a: usize) {
		let adv = &self.adversaries[a];
		let (who, name, subdao, active) =
			(adv.who.clone(), adv.name.clone(), adv.subdao, adv.active);
		let Some(info) = pallet_subdaos::Registry::<Runtime>::get(subdao) else { return };
		let held = flywheel_runtime::Assets::balance(info.dnt, &who);
		let quote = flywheel_runtime::SubDaos::quote_redemption(subdao, held).unwrap_or(0);
		if held == 0 || quote == 0 {
			return;
		}
		let call =
			pallet_subdaos::Call::redeem { subdao, dnt_amount: held, min_fly_out: quote / 2 };
		if self.try_act(&name, &who, RuntimeCall::SubDaos(call)) && active {
			self.adversaries[a].attacks += 1;
		}
	}

	/// An adversary's profit so far, FLY (plancks, signed): its wealth now (every account, DC at
	/// the market `price`) minus at genesis.
	pub fn profit(&self, adv: &AdversaryAgent, price: f64) -> i128 {
		self.wealth_of(adv, price) as i128 - adv.start_wealth as i128
	}

	/// What all of an adversary's accounts hold (see [`wealth`]).
	pub fn wealth_of(&self, adv: &AdversaryAgent, price: f64) -> Balance {
		adv.accounts().map(|who| wealth(who, &self.subdaos, price)).fold(0, Balance::saturating_add)
	}

	/// Attacks at the block each needs; flash positions unwind in the block after.
	pub(crate) fn adversaries_act(&mut self, n: BlockNumber, day: u32) {
		let next_round = pallet_inflation::Round::<Runtime>::get().next_start();
		let day_end = (day + 1) * blocks_per_day() - 1;
		for a in 0..self.adversaries.len() {
			let adv = &self.adversaries[a];
			let (who, kind, name) = (adv.who.clone(), adv.kind, adv.name.clone());
			if adv.unwind_at == Some(n) {
				self.adversaries[a].unwind_at = None;
				self.unwind(a, &who, &name);
				continue;
			}
			let due = day.is_multiple_of(self.adversaries[a].every_days) && adv.unwind_at.is_none();
			let (active, at) = (adv.active, n.checked_sub(day * blocks_per_day()));
			if at == Some(3) {
				// First what it does on its days (a front-runner's counterpart redeems what the
				// attacker redeemed a block before: the DNT claimed up to last week), then its
				// position's rewards, weekly as the lockers claim theirs and on the run's last
				// day (nothing is left in the escrow unvalued).
				if due {
					self.attack_at_block_three(a, day);
				}
				if day.is_multiple_of(7) || day + 1 == self.days {
					self.claim_position(a);
				}
			}
			if !active {
				continue;
			}
			match kind {
				AttackKind::FlashStake if due && n + 1 == next_round => {
					let Some(operator) = self.operators.first().cloned() else { continue };
					self.withdraw_unbonded(&name, &who);
					let free = spendable(&who);
					let amount = self.adversaries[a].fly.min(free);
					if amount < FLY {
						continue;
					}
					let call =
						RuntimeCall::Bonding(pallet_bonding::Call::bond { operator, amount });
					if self.try_act(&name, &who, call) {
						self.adversaries[a].unwind_at = Some(n + 2);
						self.adversaries[a].attacks += 1;
					}
				}
				AttackKind::FlashSubnetStake if due && n + 1 == next_round => {
					let Some(s) = self.subnets.first() else { continue };
					let Some((_, hotkey)) = s.validators.first().cloned() else { continue };
					let Some(netuid) = s.netuid else { continue };
					let amount = self.adversaries[a].fly;
					let call = RuntimeCall::Subnets(pallet_subnets::Call::add_stake {
						netuid,
						hotkey,
						amount,
					});
					if self.try_act(&name, &who, call) {
						self.adversaries[a].unwind_at = Some(n + 2);
						self.adversaries[a].attacks += 1;
					}
				}
				AttackKind::LastBlockDelegation if due && n == day_end => {
					let subdao = self.adversaries[a].subdao;
					let position = match self.adversaries[a].position {
						Some(p) => p,
						None => {
							let call = RuntimeCall::SubDaos(pallet_subdaos::Call::lock {
								amount: self.adversaries[a].fly,
								kind: LockKind::Constant,
								duration: blocks_per_day(),
							});
							let Some(p) = self.lock(&name, &who, call) else { continue };
							self.adversaries[a].position = Some(p);
							p
						}
					};
					let call =
						RuntimeCall::SubDaos(pallet_subdaos::Call::delegate { position, subdao });
					if self.try_act(&name, &who, call) {
						self.adversaries[a].unwind_at = Some(n + 2);
						self.adversaries[a].attacks += 1;
					}
				}
				_ => {}
			}
		}
	}

	/// Takes a flash position back out (and collects whatever it earned). Sent with `try_act`:
	/// an unwind that a full block refuses is not carried into a later block, where it would
	/// hold the position longer than the attack means to.
	pub(crate) fn unwind(&mut self, a: usize, who: &AccountId, name: &str) {
		match self.adversaries[a].kind {
			AttackKind::FlashStake => {
				if pallet_bonding::Pallet::<Runtime>::claimable(who) > 0 {
					let _ = self.try_act(
						name,
						who,
						RuntimeCall::Bonding(pallet_bonding::Call::claim_earnings {}),
					);
				}
				// The whole bond as settled now (compounded rewards included): a partial unbond
				// may not leave dust behind.
				let amount = pallet_bonding::Pallet::<Runtime>::bond_of(who);
				if amount > 0 {
					let _ = self.try_act(
						name,
						who,
						RuntimeCall::Bonding(pallet_bonding::Call::unbond { amount }),
					);
				}
				self.withdraw_unbonded(name, who);
			}
			AttackKind::FlashSubnetStake => {
				let Some(s) = self.subnets.first() else { return };
				let Some((_, hotkey)) = s.validators.first().cloned() else { return };
				let Some(netuid) = s.netuid else { return };
				let call = RuntimeCall::Subnets(pallet_subnets::Call::remove_stake {
					netuid,
					hotkey,
					amount: self.adversaries[a].fly,
				});
				let _ = self.try_act(name, who, call);
			}
			AttackKind::LastBlockDelegation => {
				let Some(position) = self.adversaries[a].position else { return };
				let epoch = flywheel_runtime::SubDaos::epoch_info().current_epoch;
				let call = RuntimeCall::SubDaos(pallet_subdaos::Call::claim_delegation_rewards {
					position,
					up_to_epoch: epoch.saturating_sub(1),
				});
				let _ = self.try_act(name, who, call);
				let call = RuntimeCall::SubDaos(pallet_subdaos::Call::undelegate { position });
				let _ = self.try_act(name, who, call);
			}
			_ => {}
		}
	}
}
