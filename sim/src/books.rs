// SPDX-License-Identifier: Apache-2.0
//! The simulator's own books: every block's events are summed here, and after every day the
//! sums must match the state exactly (FLY supply, where each mint came from, the treasury's
//! inflow, Data Credits and each subDAO's DNT). They are kept apart from the runtime's
//! `try_state` invariants, which the run checks too: these reconcile events with balances, so
//! a flow the runtime forgot to announce (or announced twice) stops the run.

use flywheel_runtime::{AccountId, Balance, Runtime, RuntimeEvent};
use std::collections::BTreeMap;

/// What one day's events moved.
#[derive(Clone, Debug, Default)]
pub struct DayFlows {
	/// FLY created and destroyed (balance events, all causes).
	pub minted: Balance,
	pub burned: Balance,
	/// FLY the inflation rounds minted (`RoundStarted`).
	pub inflation_minted: Balance,
	/// FLY the inflation rounds sent to the treasury (its share and skipped sinks).
	pub inflation_to_treasury: Balance,
	/// Transaction fees and tips paid (the runtime sends them to the treasury).
	pub fees: Balance,
	/// Emission the subnets could not pay, subDAO pool FLY beyond what usage was worth and
	/// FLY due to a subDAO without DNT holders: all recycled to the treasury.
	pub recycled_to_treasury: Balance,
	/// FLY the treasury burned (its periodic burn of what it did not spend).
	pub treasury_burned: Balance,
	/// Fees by payer.
	pub fees_by: BTreeMap<AccountId, Balance>,
	/// FLY each account burned (Data Credits it bought, registrations).
	pub burned_by: BTreeMap<AccountId, Balance>,
	/// Data Credits minted and burned (every burn event: own, delegated, subnet).
	pub dc_minted: u128,
	pub dc_burned: u128,
	/// DNT issued and burned, by asset.
	pub dnt_issued: BTreeMap<u32, Balance>,
	pub dnt_burned: BTreeMap<u32, Balance>,
	/// FLY the inflation rounds sent to the stakers (pallet-bonding).
	pub to_stakers: Balance,
	/// FLY each subDAO's treasury received at its epoch close, by subDAO.
	pub to_subdao: BTreeMap<u32, Balance>,
	/// FLY each subDAO's treasury paid out for redemptions, by subDAO.
	pub redeemed: BTreeMap<u32, Balance>,
	/// subDAO epochs that closed (each issues every schedule's DNT once).
	pub epochs_closed: u32,
}

/// Adds `amount` to `key`'s sum.
fn add_to<K: Ord>(sums: &mut BTreeMap<K, Balance>, key: K, amount: Balance) {
	let sum = sums.entry(key).or_default();
	*sum = sum.saturating_add(amount);
}

impl DayFlows {
	/// Adds a block's events.
	pub fn add(&mut self, events: &[RuntimeEvent]) {
		use pallet_balances::Event as B;
		use pallet_data_credits::Event as D;
		use pallet_inflation::Event as I;
		for event in events {
			match event {
				RuntimeEvent::Balances(B::Minted { amount, .. } | B::Issued { amount }) => {
					self.minted = self.minted.saturating_add(*amount)
				}
				RuntimeEvent::Balances(B::Burned { who, amount }) => {
					self.burned = self.burned.saturating_add(*amount);
					add_to(&mut self.burned_by, who.clone(), *amount);
				}
				RuntimeEvent::Balances(B::Rescinded { amount } | B::DustLost { amount, .. }) => {
					self.burned = self.burned.saturating_add(*amount)
				}
				RuntimeEvent::Inflation(I::RoundStarted { minted, .. }) => {
					self.inflation_minted = self.inflation_minted.saturating_add(*minted)
				}
				RuntimeEvent::Inflation(I::EmissionRouted { treasury, stakers, .. }) => {
					self.inflation_to_treasury =
						self.inflation_to_treasury.saturating_add(*treasury);
					self.to_stakers = self.to_stakers.saturating_add(*stakers);
				}
				RuntimeEvent::SubDaos(pallet_subdaos::Event::SubDaoEpochClosed {
					subdao,
					record,
					..
				}) => add_to(&mut self.to_subdao, *subdao, record.fly_to_treasury),
				RuntimeEvent::SubDaos(pallet_subdaos::Event::Redeemed {
					subdao, fly_paid, ..
				}) => add_to(&mut self.redeemed, *subdao, *fly_paid),
				RuntimeEvent::Inflation(I::SinkSkipped { amount, .. }) => {
					self.inflation_to_treasury = self.inflation_to_treasury.saturating_add(*amount)
				}
				RuntimeEvent::Subnets(
					pallet_subnets::Event::EmissionShared { recycled, .. }
					| pallet_subnets::Event::EpochRun { recycled, .. },
				) => self.recycled_to_treasury = self.recycled_to_treasury.saturating_add(*recycled),
				RuntimeEvent::SubDaos(
					pallet_subdaos::Event::FlyWithoutHoldersRecycled { amount, .. }
					| pallet_subdaos::Event::UsageFlyCapped { recycled: amount, .. },
				) => self.recycled_to_treasury = self.recycled_to_treasury.saturating_add(*amount),
				RuntimeEvent::Treasury(pallet_treasury::Event::Burnt { burnt_funds }) => {
					self.treasury_burned = self.treasury_burned.saturating_add(*burnt_funds)
				}
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid { who, actual_fee, tip },
				) => {
					let paid = actual_fee.saturating_add(*tip);
					self.fees = self.fees.saturating_add(paid);
					add_to(&mut self.fees_by, who.clone(), paid);
				}
				RuntimeEvent::DataCredits(D::DataCreditsMinted { credits, .. }) => {
					self.dc_minted = self.dc_minted.saturating_add(u128::from(*credits))
				}
				RuntimeEvent::DataCredits(
					D::DataCreditsBurned { amount, .. }
					| D::SubnetDataCreditsBurned { amount, .. }
					| D::DelegatedDataCreditsBurned { amount, .. },
				) => self.dc_burned = self.dc_burned.saturating_add(u128::from(*amount)),
				RuntimeEvent::Assets(pallet_assets::Event::Issued { asset_id, amount, .. }) => {
					add_to(&mut self.dnt_issued, *asset_id, *amount)
				}
				RuntimeEvent::Assets(pallet_assets::Event::Burned {
					asset_id, balance, ..
				}) => add_to(&mut self.dnt_burned, *asset_id, *balance),
				RuntimeEvent::SubDaos(pallet_subdaos::Event::EpochClosed { .. }) => {
					self.epochs_closed = self.epochs_closed.saturating_add(1)
				}
				_ => {}
			}
		}
	}
}

/// A subDAO's DNT and the schedule it is issued by.
#[derive(Clone, Debug)]
pub struct DntSchedule {
	pub name: String,
	pub asset: u32,
	/// DNT the schedule issues each epoch.
	pub per_epoch: Balance,
}

/// Lifetime sums of the events, and the state they must match.
#[derive(Clone, Debug, Default)]
pub struct Books {
	issuance: Balance,
	treasury: Balance,
	dc_minted: u128,
	dc_burned: u128,
	dnt_issued: BTreeMap<u32, Balance>,
	dnt_burned: BTreeMap<u32, Balance>,
	/// Every day's flows, in order.
	pub days: Vec<DayFlows>,
}

/// The DAO treasury's FLY.
pub fn treasury_balance() -> Balance {
	use frame_support::traits::fungible::Inspect;
	let treasury = flywheel_runtime::configs::TreasuryAccount::get();
	flywheel_runtime::Balances::total_balance(&treasury)
}

/// DC held by accounts plus DC waiting in routers' escrows.
fn dc_outstanding() -> u128 {
	let held: u128 =
		pallet_data_credits::DcBalances::<Runtime>::iter_values().map(u128::from).sum();
	let escrowed: u128 =
		pallet_data_credits::Escrows::<Runtime>::iter_values().map(u128::from).sum();
	held.saturating_add(escrowed)
}

impl Books {
	/// Opens the books on the genesis state.
	pub fn open() -> Self {
		Books {
			issuance: pallet_balances::TotalIssuance::<Runtime>::get(),
			treasury: treasury_balance(),
			..Default::default()
		}
	}

	/// Closes `day` with its `flows`: every check must hold against the state now.
	pub fn close_day(
		&mut self,
		day: u32,
		flows: DayFlows,
		schedules: &[DntSchedule],
	) -> Result<(), String> {
		let fail = |check: &str, detail: String| Err(format!("day {day}: {check}: {detail}"));
		let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
		if issuance.checked_add(flows.burned) != self.issuance.checked_add(flows.minted) {
			return fail(
				"FLY not conserved",
				format!(
					"issuance went from {} to {issuance} but {} were minted and {} burned",
					self.issuance, flows.minted, flows.burned
				),
			);
		}
		if flows.minted != flows.inflation_minted {
			return fail(
				"a mint the inflation rounds did not announce",
				format!(
					"{} FLY minted, the rounds announced {}",
					flows.minted, flows.inflation_minted
				),
			);
		}
		let treasury = treasury_balance();
		let inflow = flows
			.inflation_to_treasury
			.saturating_add(flows.fees)
			.saturating_add(flows.recycled_to_treasury);
		if treasury.checked_add(flows.treasury_burned) != self.treasury.checked_add(inflow) {
			return fail(
				"the treasury's inflow is not its share of the pool, the fees and what was \
				 recycled to it",
				format!(
					"its balance went from {} to {treasury}; share {} + fees {} + recycled {} = \
					 {inflow}, burned {}",
					self.treasury,
					flows.inflation_to_treasury,
					flows.fees,
					flows.recycled_to_treasury,
					flows.treasury_burned
				),
			);
		}
		self.dc_minted = self.dc_minted.saturating_add(flows.dc_minted);
		self.dc_burned = self.dc_burned.saturating_add(flows.dc_burned);
		let outstanding = dc_outstanding();
		if self.dc_minted != self.dc_burned.saturating_add(outstanding) {
			return fail(
				"DC minted is not DC burned plus DC outstanding",
				format!(
					"minted {}, burned {}, outstanding {outstanding}",
					self.dc_minted, self.dc_burned
				),
			);
		}
		for s in schedules {
			let issued_today = flows.dnt_issued.get(&s.asset).copied().unwrap_or(0);
			let epochs_closed = flows.epochs_closed;
			let due = s.per_epoch.saturating_mul(Balance::from(epochs_closed));
			if issued_today != due {
				return fail(
					&format!("{}'s DNT does not follow its schedule", s.name),
					format!("{issued_today} issued, {epochs_closed} epoch(s) of {}", s.per_epoch),
				);
			}
			add_to(&mut self.dnt_issued, s.asset, issued_today);
			add_to(
				&mut self.dnt_burned,
				s.asset,
				flows.dnt_burned.get(&s.asset).copied().unwrap_or(0),
			);
			let (issued, burned) = (&self.dnt_issued[&s.asset], &self.dnt_burned[&s.asset]);
			let supply = <flywheel_runtime::Assets as frame_support::traits::fungibles::Inspect<
				AccountId,
			>>::total_issuance(s.asset);
			if supply.checked_add(*burned) != Some(*issued) {
				return fail(
					&format!("{}'s DNT supply is not issued minus burned", s.name),
					format!("supply {supply}, issued {issued}, burned {burned}"),
				);
			}
		}
		self.issuance = issuance;
		self.treasury = treasury;
		self.days.push(flows);
		Ok(())
	}
}
