// SPDX-License-Identifier: Apache-2.0
//! Dispatch of the node's command line.

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};
use flywheel_runtime::{opaque::Block as OpaqueBlock, Block};
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"Flywheel Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"the Flywheel repository's issue tracker".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		Ok(Box::new(chain_spec::load(id)?))
	}
}

/// The node's `--pool-limit` when none is given: ten times polkadot-sdk's 8,192. The pool keeps
/// a tenth of it for transactions whose nonce is not yet due (the future queue), so 819 by the
/// SDK's default: a router or wallet whose 1,000 transactions arrive out of nonce order (several
/// connections, a reconnect) lost what did not fit, silently after `author_submitExtrinsic`
/// accepted it, and everything above the first lost nonce waited for ever (issue #36; measured
/// with `scripts/throughput.sh … burst`). With 81,920 the future queue holds 8,192; memory stays
/// bounded by `--pool-kbytes` (20 MiB ready, 2 MiB future by default), as before. Set as the
/// parser's default (clap's default values are strings), so `--help` shows it.
pub const DEFAULT_POOL_LIMIT: &str = "81920";

/// The command line `args`, parsed as `SubstrateCli::from_args` does, with `--pool-limit`'s
/// default set to [`DEFAULT_POOL_LIMIT`].
fn parse_command_line<I>(args: I) -> Cli
where
	I: IntoIterator,
	I::Item: Into<std::ffi::OsString> + Clone,
{
	use clap::FromArgMatches;
	let matches = command().try_get_matches_from(args).unwrap_or_else(|e| e.exit());
	Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// The node's command-line parser: sc-cli's, with the node's pool limit as the default.
fn command() -> clap::Command {
	use clap::CommandFactory;
	<Cli as SubstrateCli>::setup_command(<Cli as CommandFactory>::command())
		.mut_arg("pool_limit", |arg| arg.default_value(DEFAULT_POOL_LIMIT))
}

/// Parses and runs the command line.
pub fn run() -> sc_cli::Result<()> {
	let cli = parse_command_line(std::env::args_os());

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		#[allow(deprecated)]
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(&cmd.inner)?;
			runner.sync_run(|config| {
				if cmd.inner.raw && !cmd.template {
					chain_spec::refuse_template_keys(config.chain_spec.as_ref())
						.map_err(sc_cli::Error::Input)?;
				}
				cmd.inner.run(config.chain_spec, config.network)
			})
		}
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let chain_spec = cli.load_spec(&cmd.inner.chain)?;
			if cmd.inner.raw && !cmd.template {
				chain_spec::refuse_template_keys(chain_spec.as_ref())
					.map_err(sc_cli::Error::Input)?;
			}
			cmd.inner.run(chain_spec)
		}
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		}
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		}
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		}
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config)?;
				let aux_revert = Box::new(|client, _, blocks| {
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		}
		#[cfg(feature = "runtime-benchmarks")]
		Some(Subcommand::Benchmark(cmd)) => run_benchmark(&cli, cmd),
		#[cfg(not(feature = "runtime-benchmarks"))]
		Some(Subcommand::Benchmark(_)) => Err("this flywheel-node was built without the benchmark \
			subcommands: build it with `--features runtime-benchmarks` (scripts/benchmark.sh does)"
			.into()),
		#[cfg(feature = "try-runtime")]
		Some(Subcommand::TryRuntime(cmd)) => {
			crate::try_runtime::run(cmd).map_err(|e| sc_cli::Error::Application(e.into()))
		}
		#[cfg(not(feature = "try-runtime"))]
		Some(Subcommand::TryRuntime(_)) => Err("this flywheel-node was built without the \
			try-runtime subcommand: build it with `--features try-runtime` (scripts/env.sh's \
			build does)"
			.into()),
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		}
		None => {
			let runner = cli.create_runner(&cli.run)?;
			let dev_price = match cli.no_dev_price_feed {
				true => None,
				false => Some(
					crate::price_feed::dev_price(cli.dev_fly_usd).map_err(sc_cli::Error::Input)?,
				),
			};
			runner.run_node_until_exit(|config| async move {
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => service::new_full::<
						sc_network::NetworkWorker<
							OpaqueBlock,
							<OpaqueBlock as sp_runtime::traits::Block>::Hash,
						>,
					>(config, dev_price)
					.map_err(sc_cli::Error::Service),
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(config, dev_price)
							.map_err(sc_cli::Error::Service)
					}
				}
			})
		}
	}
}

/// The `benchmark` subcommands (a node built with `runtime-benchmarks`).
#[cfg(feature = "runtime-benchmarks")]
fn run_benchmark(cli: &Cli, cmd: &frame_benchmarking_cli::BenchmarkCmd) -> sc_cli::Result<()> {
	use crate::benchmarking::{inherent_benchmark_data, RemarkBuilder, TransferKeepAliveBuilder};
	use flywheel_runtime::EXISTENTIAL_DEPOSIT;
	use frame_benchmarking_cli::{BenchmarkCmd, ExtrinsicFactory, SUBSTRATE_REFERENCE_HARDWARE};
	use sp_keyring::Sr25519Keyring;

	let runner = cli.create_runner(cmd)?;
	runner.sync_run(|config| match cmd {
		BenchmarkCmd::Pallet(cmd) => {
			cmd.run_with_spec::<sp_runtime::traits::HashingFor<Block>, ()>(Some(config.chain_spec))
		}
		BenchmarkCmd::Block(cmd) => {
			let PartialComponents { client, .. } = service::new_partial(&config)?;
			cmd.run(client)
		}
		BenchmarkCmd::Storage(cmd) => {
			let PartialComponents { client, backend, .. } = service::new_partial(&config)?;
			let db = backend.expose_db();
			let storage = backend.expose_storage();
			let shared_cache = backend.expose_shared_trie_cache();
			cmd.run(config, client, db, storage, shared_cache)
		}
		BenchmarkCmd::Overhead(cmd) => {
			let PartialComponents { client, .. } = service::new_partial(&config)?;
			let ext_builder = RemarkBuilder::new(client.clone());
			cmd.run(
				config.chain_spec.name().into(),
				client,
				inherent_benchmark_data()?,
				Vec::new(),
				&ext_builder,
				false,
			)
		}
		BenchmarkCmd::Extrinsic(cmd) => {
			let PartialComponents { client, .. } = service::new_partial(&config)?;
			let ext_factory = ExtrinsicFactory(vec![
				Box::new(RemarkBuilder::new(client.clone())),
				Box::new(TransferKeepAliveBuilder::new(
					client.clone(),
					Sr25519Keyring::Alice.to_account_id(),
					EXISTENTIAL_DEPOSIT,
				)),
			]);
			cmd.run(client, inherent_benchmark_data()?, Vec::new(), &ext_factory)
		}
		BenchmarkCmd::Machine(cmd) => cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone()),
	})
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_pool_limit_defaults_to_the_nodes_own_and_can_be_set() {
		let default = parse_command_line(["flywheel-node"]);
		assert_eq!(default.run.pool_config.pool_limit, 81_920);
		let spaced = parse_command_line(["flywheel-node", "--pool-limit", "3000"]);
		assert_eq!(spaced.run.pool_config.pool_limit, 3000);
		let joined = parse_command_line(["flywheel-node", "--pool-limit=5000"]);
		assert_eq!(joined.run.pool_config.pool_limit, 5000);
		let help = command().render_long_help().to_string();
		assert!(help.contains("[default: 81920]"), "--help shows the node's default");
		assert!(!help.contains("[default: 8192]"));
	}
}
