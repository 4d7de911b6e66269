//! The development chain's FLY/USD feed. A fresh `--dev` chain needs a fresh price before anyone
//! can mint Data Credits; rather than switching the staleness check off, the node feeds a fixed
//! price through the oracle like any feeder: `oracle.feedValues` signed by the dev feeder
//! (`//Feeder`, the only oracle member in the `development` preset), submitted to its own
//! transaction pool every [`FEED_INTERVAL`] blocks. Feeds by members pay no fee.
//!
//! Production feeders run their own price service and submit the same `oracle.feedValues`
//! signed by their member account (members are added by the `tokenomics_admin` track).

use crate::service::FullClient;
use flywheel_runtime::{genesis_config_presets::DEV_FEEDER, opaque::Block, AccountId, Nonce};
use futures::StreamExt;
use sc_client_api::BlockchainEvents;
use sc_transaction_pool_api::{TransactionPool, TransactionSource};
use sp_api::ProvideRuntimeApi;
use sp_core::{sr25519, Pair};
use sp_runtime::{traits::Header as _, FixedU128, OpaqueExtrinsic};
use std::sync::Arc;
use substrate_frame_rpc_system::AccountNonceApi;

/// Blocks between two feeds: a minute at 6 s blocks, well inside the runtime's ten-minute
/// maximum price age.
pub const FEED_INTERVAL: u32 = 10;

/// The secret URI of the dev feeder (with the well-known dev phrase).
pub const DEV_FEEDER_URI: &str = "//Feeder";

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
		let call = flywheel_runtime::configs::tokenomics::fly_usd_feed_call(price);
		// Immortal: a feed's validity does not depend on which block the pool checks it at.
		let xt: OpaqueExtrinsic = crate::extrinsic::signed_extrinsic_with_era(
			client.as_ref(),
			pair.clone(),
			call,
			nonce,
			None,
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
}
