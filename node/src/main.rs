// SPDX-License-Identifier: Apache-2.0
//! Flywheel node: an Aura + GRANDPA solochain node for the Flywheel runtime.

#![warn(missing_docs)]
// `sc_cli::Error` and `sc_service::Error` are polkadot-sdk's large error enums, returned as the
// node template returns them; boxing them here would only hide that.
#![allow(clippy::result_large_err)]

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod extrinsic;
mod price_feed;
mod rpc;
mod service;
mod try_runtime;

fn main() -> sc_cli::Result<()> {
	command::run()
}
