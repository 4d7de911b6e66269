// SPDX-License-Identifier: Apache-2.0
//! The development chain's FLY/USD feed. A fresh `--dev` chain needs a fresh price before anyone
//! can mint Data Credits; rather than switching the staleness check off, the node feeds a fixed
//! price through the oracle like any feeder: `dataCredits.feedPrice` (operational class, so full
//! blocks cannot keep it out) signed by the dev feeder (`//Feeder`, the only oracle member in
//! the `development` preset), submitted to its own transaction pool every [`FEED_INTERVAL`]
//! blocks. Feeds by members pay no fee. It runs only on a chain whose chain type is
//! `Development`, and signs with the runtime version of the block it builds on, so it keeps
//! feeding after a runtime upgrade.
//!
//! Production feeders run their own price service and submit the same `dataCredits.feedPrice`
//! signed by their member account (members are added by the `tokenomics_admin` track).

use crate::service::FullClient;
use flywheel_runtime::{genesis_config_presets::DEV_FEEDER, opaque::Block, AccountId, Nonce};
use futures::StreamExt;
use sc_client_api::BlockchainEvents;
use sc_transaction_pool_api::{TransactionPool, TransactionSource};
use sp_api::{Core, ProvideRuntimeApi};
use sp_core::{sr25519, Pair};
use sp_runtime::{traits::Header as _, FixedU128, OpaqueExtrinsic};
use std::sync::Arc;
use substrate_frame_rpc_system::AccountNonceApi;

/// Blocks between two feeds: a minute at 6 s blocks, well inside the runtime's ten-minute
/// maximum price age.
pub const FEED_INTERVAL: u32 = 10;

/// The secret URI of the dev feeder (with the well-known dev phrase).
pub const DEV_FEEDER_URI: &str = "//Feeder";

/// The dev price of `--dev-fly-usd`: refused unless it is a finite positive number that does
/// not round to a zero price (the runtime keeps 18 decimals) or overflow.
pub fn dev_price(usd: f64) -> Result<FixedU128, String> {
	if !(usd.is_finite() && usd > 0.0) {
		return Err(format!("--dev-fly-usd must be a positive number, not {usd}"));
	}
	if usd >= u128::MAX as f64 / 1e18 {
		return Err(format!("--dev-fly-usd {usd} is too large for a FLY/USD price"));
	}
	let price = FixedU128::from_float(usd);
	if price == FixedU128::from_inner(0) {
		return Err(format!("--dev-fly-usd {usd} rounds to a zero price (18 decimals)"));
	}
	Ok(price)
}

/// The dev feeder's key pair.
pub fn dev_feeder() -> Result<sr25519::Pair, String> {
	let pair = sr25519::Pair::from_string(DEV_FEEDER_URI, None)
		.map_err(|e| format!("the dev feeder key: {e:?}"))?;
	if pair.public().0 != DEV_FEEDER {
		return Err("the dev feeder key does not match the runtime's DEV_FEEDER".into());
	}
	Ok(pair)
}

/// Feeds `price` (USD per FLY) on the first block and every [`FEED_INTERVAL`] blocks after, on
/// new best blocks. A feed the pool refuses (e.g. the previous one still pending, or a block
/// already superseded) is logged and tried again on the next best block.
pub async fn run<P>(client: Arc<FullClient>, pool: Arc<P>, price: FixedU128)
where
	P: TransactionPool<Block = Block> + 'static,
{
	let pair = match dev_feeder() {
		Ok(pair) => pair,
		Err(e) => {
			log::error!(target: "price-feed", "dev price feed disabled: {e}");
			return;
		}
	};
	let feeder = AccountId::from(pair.public());
	let mut imports = client.import_notification_stream();
	let mut retry = false;
	while let Some(block) = imports.next().await {
		let number = *block.header.number();
		if !block.is_new_best || (number % FEED_INTERVAL != 1 && !retry) {
			continue;
		}
		let at = block.hash;
		let nonce: Nonce = match client.runtime_api().account_nonce(at, feeder.clone()) {
			Ok(nonce) => nonce,
			Err(e) => {
				log::warn!(target: "price-feed", "reading the feeder's nonce: {e}");
				continue;
			}
		};
		let version = match client.runtime_api().version(at) {
			Ok(v) => (v.spec_version, v.transaction_version),
			Err(e) => {
				log::warn!(target: "price-feed", "reading the runtime version: {e}");
				continue;
			}
		};
		let call = flywheel_runtime::configs::fly_usd_feed_call(price);
		// Immortal: a feed's validity does not depend on which block the pool checks it at.
		let xt: OpaqueExtrinsic = crate::extrinsic::signed_extrinsic_with_era(
			client.as_ref(),
			pair.clone(),
			call,
			nonce,
			None,
			version,
		)
		.into();
		match pool.submit_one(at, TransactionSource::Local, xt).await {
			Ok(_) => {
				retry = false;
				log::info!(target: "price-feed", "fed FLY/USD {price:?} at block {number}")
			}
			Err(e) => {
				retry = true;
				log::warn!(target: "price-feed", "feed at block {number} refused: {e}")
			}
		}
	}
}

#[cfg(test)]
mod tests {
	#[test]
	fn the_dev_feeder_key_is_the_runtime_dev_feeder() {
		assert!(super::dev_feeder().is_ok());
	}

	#[test]
	fn dev_prices_that_are_not_a_usable_price_are_refused() {
		use sp_runtime::FixedU128;
		assert_eq!(super::dev_price(1.0), Ok(FixedU128::from_u32(1)));
		assert_eq!(super::dev_price(1e-18), Ok(FixedU128::from_inner(1)));
		for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e-19, 1e30] {
			let refused = super::dev_price(bad);
			assert!(refused.is_err(), "{bad} refused, got {refused:?}");
		}
		assert!(super::dev_price(1e-19).unwrap_err().contains("rounds to a zero price"));
	}
}
