// SPDX-License-Identifier: Apache-2.0
//! Command-line interface of `flywheel-node`.

use sc_cli::RunCmd;

/// The node's command line.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: RunCmd,

	/// The FLY/USD price (USD per FLY) the node feeds on the development chain as the dev
	/// feeder, every few blocks (see `node/src/price_feed.rs`). Other chains are never fed.
	#[arg(long, value_name = "USD", default_value_t = 1.0)]
	pub dev_fly_usd: f64,

	/// Do not feed a FLY/USD price on the development chain.
	#[arg(long)]
	pub no_dev_price_feed: bool,
}

/// The node's subcommands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management CLI utilities.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (deprecated in favour of `export-chain-spec`). A raw spec
	/// from the production template's public keys is refused without `--template`.
	BuildSpec(BuildSpecCmd),

	/// Export the chain specification. A raw spec from the production template's public keys is
	/// refused without `--template`.
	ExportChainSpec(ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Sub-commands concerned with benchmarking.
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Benchmarking: this node was built without it (build with `--features runtime-benchmarks`,
	/// as `scripts/benchmark.sh` does).
	#[cfg(not(feature = "runtime-benchmarks"))]
	Benchmark(NoBenchmarkCmd),

	/// Db meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Check this node's runtime against a running chain's state: migrations with their
	/// pre/post checks, idempotency, every pallet's `try_state`, and recent blocks executed again.
	/// Needs a node built with `--features try-runtime` (the tests' build).
	TryRuntime(crate::try_runtime::TryRuntimeCmd),
}

/// `build-spec`: polkadot-sdk's, with `--template`.
#[derive(Debug, clap::Args)]
pub struct BuildSpecCmd {
	#[command(flatten)]
	pub inner: sc_cli::BuildSpecCmd,

	/// Allow a raw spec whose genesis holds the production template's keys (derived from a
	/// public phrase: anyone can sign with them). Only for a spec that is itself a template or
	/// a test chain.
	#[arg(long)]
	pub template: bool,
}

/// `export-chain-spec`: polkadot-sdk's, with `--template`.
#[derive(Debug, clap::Args)]
pub struct ExportChainSpecCmd {
	#[command(flatten)]
	pub inner: sc_cli::ExportChainSpecCmd,

	/// Allow a raw spec whose genesis holds the production template's keys (see `build-spec
	/// --template`).
	#[arg(long)]
	pub template: bool,
}

/// The `benchmark` subcommand of a node built without `runtime-benchmarks`: it takes any
/// arguments and explains how to get a node that benchmarks.
#[cfg(not(feature = "runtime-benchmarks"))]
#[derive(Debug, clap::Args)]
pub struct NoBenchmarkCmd {
	/// Whatever the benchmark command would take.
	#[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
	pub args: Vec<String>,
}
