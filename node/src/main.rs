//! Flywheel node: an Aura + GRANDPA solochain node for the Flywheel runtime.

#![warn(missing_docs)]

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod extrinsic;
mod price_feed;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
