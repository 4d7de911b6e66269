// SPDX-License-Identifier: Apache-2.0
//! The FLY/USD market inside the model: a constant-product pool (FLY × USD = k) whose FLY side
//! is an on-chain account, and an arbitrageur who trades it part of the way toward the
//! scenario's outside price every block. Users, makers and subnet services buy the FLY they
//! burn here with dollars (nobody is pre-funded with future needs), device operators sell part
//! of what they redeem, and the feeders quote the pool's price. Burns take FLY out of the pool;
//! the arbitrageur refills it from its own FLY while it has any, so a burn moves the price
//! only as far as arbitrage lets it.

use crate::{
	chain::{account, signed},
	scenario::MarketSpec,
	world::FEE_FLY,
	world::{planck, units},
};
use flywheel_runtime::{AccountId, Balance, RuntimeCall, FLY};

/// The pool and the arbitrageur.
pub struct Market {
	/// The pool's account: its free FLY is the pool's FLY side.
	pub pool: AccountId,
	pub arbitrageur: AccountId,
	/// The pool's USD side (off chain).
	usd: f64,
	/// Share of the gap to the outside price the arbitrageur closes each block.
	arbitrage: f64,
	/// Share of what device operators redeem that they sell for their costs.
	pub operator_sell_share: f64,
	/// Share of what staking operators earn that they sell for their costs.
	pub staking_operator_sell_share: f64,
}

impl Market {
	/// The market of `spec` at the outside price `price`; the FLY the pool and the arbitrageur
	/// hold at genesis.
	pub fn new(spec: &MarketSpec, price: f64) -> (Self, Vec<(AccountId, Balance)>) {
		let pool = account("market/pool");
		let arbitrageur = account("market/arbitrageur");
		// Less the fee FLY every account is given on top, so the pool opens at `price`.
		let pool_fly = planck(spec.liquidity_usd / price.max(1e-9)).saturating_sub(FEE_FLY);
		let endow =
			vec![(pool.clone(), pool_fly), (arbitrageur.clone(), planck(spec.arbitrageur_fly))];
		let market = Market {
			pool,
			arbitrageur,
			usd: spec.liquidity_usd,
			arbitrage: spec.arbitrage,
			operator_sell_share: spec.operator_sell_share,
			staking_operator_sell_share: spec.staking_operator_sell_share,
		};
		(market, endow)
	}

	/// The pool's FLY (units).
	fn fly(&self) -> f64 {
		units(flywheel_runtime::Balances::free_balance(&self.pool))
	}

	/// FLY/USD in the pool now.
	pub fn price(&self) -> f64 {
		self.usd / self.fly().max(1e-9)
	}

	/// Sends `fly` from the pool to `to` and takes `usd` in (nothing changes if the transfer
	/// fails).
	fn pay_out(&mut self, to: &AccountId, fly: Balance, usd: f64) -> Result<(), String> {
		let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: to.clone().into(),
			value: fly,
		});
		signed(&self.pool, call)?;
		self.usd += usd;
		Ok(())
	}

	/// `who` buys exactly `fly` from the pool; the dollars it paid (at most half the pool's
	/// FLY a trade).
	pub fn buy(&mut self, who: &AccountId, fly: Balance) -> Result<f64, String> {
		let (pool, want) = (self.fly(), units(fly));
		if want <= 0.0 || want > pool / 2.0 {
			return Err(format!("the pool cannot sell {want} FLY (it holds {pool})"));
		}
		let usd = self.usd * want / (pool - want);
		self.pay_out(who, fly, usd)?;
		Ok(usd)
	}

	/// `who` sells `fly` into the pool; the dollars it got.
	pub fn sell(&mut self, who: &AccountId, fly: Balance) -> Result<f64, String> {
		if fly == 0 {
			return Ok(0.0);
		}
		let before = self.fly();
		let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: self.pool.clone().into(),
			value: fly,
		});
		signed(who, call)?;
		let usd = self.usd - self.usd * before / (before + units(fly));
		self.usd -= usd;
		Ok(usd)
	}

	/// The arbitrageur trades the pool `arbitrage` of the way toward `outside` (FLY/USD): it
	/// sells its FLY while the pool is dearer, buys while it is cheaper (with dollars it has
	/// without limit). Selling stops when it has no FLY left: then burns move the price.
	pub fn arbitrage(&mut self, outside: f64) -> Result<(), String> {
		let (fly, price) = (self.fly(), self.price());
		let target = price + (outside - price) * self.arbitrage;
		if target <= 0.0 || (target - price).abs() < price * 1e-6 {
			return Ok(());
		}
		// Constant product: price = k / fly², so the pool holds √(k / target) FLY at `target`.
		let k = fly * self.usd;
		let fly_at_target = (k / target).sqrt();
		if fly_at_target > fly {
			let have = flywheel_runtime::Balances::free_balance(&self.arbitrageur)
				.saturating_sub(10 * FLY);
			let amount = planck(fly_at_target - fly).min(have);
			let arbitrageur = self.arbitrageur.clone();
			self.sell(&arbitrageur, amount)?;
		} else {
			let amount = fly - fly_at_target;
			let usd = k / fly_at_target - self.usd;
			let arbitrageur = self.arbitrageur.clone();
			self.pay_out(&arbitrageur, planck(amount), usd)?;
		}
		Ok(())
	}
}
