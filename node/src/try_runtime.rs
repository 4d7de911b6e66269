// SPDX-License-Identifier: Apache-2.0
//! `flywheel-node try-runtime`: checks this node's runtime against the real state of a running
//! chain, read over RPC (polkadot-sdk's `frame-remote-externalities`), before it is proposed as
//! an upgrade of that chain.
//!
//! 1. **Upgrade checks** at the chain's finalized head: every migration in the runtime's
//!    `Migrations` and every pallet's `on_runtime_upgrade` runs with its `pre_upgrade` and
//!    `post_upgrade` checks, then the whole state must decode and every pallet's `try_state`
//!    invariants must hold (`Executive::try_runtime_upgrade`, all checks).
//! 2. **Idempotency**: the upgrade runs a second time on the result and must change nothing
//!    (the same storage root).
//! 3. **Recent blocks** (`--blocks N`, when the chain runs this runtime's `spec_version`): each of
//!    the last N finalized blocks is executed again on its parent's state, with its state root and
//!    signatures checked and every pallet's `try_state` after it.
//!
//! The runtime under test is the node's own (native) build of the runtime crate: the same source
//! as the wasm it carries. The command exits non-zero with the failed check's message.
//! Only in a node built with `--features try-runtime` (the tests' build, `scripts/env.sh`).

/// Arguments of `flywheel-node try-runtime`.
#[derive(Debug, Clone, clap::Args)]
pub struct TryRuntimeCmd {
	/// The WebSocket RPC endpoint of a node of the chain to check.
	#[arg(long, value_name = "URI", default_value = "ws://127.0.0.1:9944")]
	pub uri: String,

	/// How many of the latest finalized blocks to execute again (0: none). Only when the chain
	/// runs the same `spec_version` as this node's runtime: older blocks need their own runtime.
	#[arg(long, value_name = "N", default_value_t = 3)]
	pub blocks: u32,
}

#[cfg(feature = "try-runtime")]
pub use checks::run;

#[cfg(feature = "try-runtime")]
mod checks {
	use super::TryRuntimeCmd;
	use flywheel_runtime::{Block, BlockNumber, Executive, Hash, Header, Runtime, VERSION};
	use frame_remote_externalities::{Builder, Mode, OnlineConfig, RemoteExternalities};
	use frame_try_runtime::{TryStateSelect, UpgradeCheckSelect};
	use sp_runtime::{generic::SignedBlock, traits::Header as _};
	use substrate_rpc_client::{ws_client, ChainApi};

	/// Runs every check; `Err` names the first one that failed.
	pub fn run(cmd: &TryRuntimeCmd) -> Result<(), String> {
		let _ = sc_cli::LoggerBuilder::new("info").init();
		tokio::runtime::Builder::new_multi_thread()
			.enable_all()
			.build()
			.map_err(|e| format!("cannot start the async runtime: {e}"))?
			.block_on(check(cmd))
	}

	async fn check(cmd: &TryRuntimeCmd) -> Result<(), String> {
		let rpc =
			ws_client(&cmd.uri).await.map_err(|e| format!("cannot reach {}: {e}", cmd.uri))?;
		let head = ChainApi::<BlockNumber, Hash, Header, SignedBlock<Block>>::finalized_head(&rpc)
			.await
			.map_err(|e| format!("chain_getFinalizedHead: {e}"))?;

		let mut ext = snapshot(&cmd.uri, head).await?;
		let on_chain = ext.execute_with(on_chain_spec_version);
		println!(
			"state of finalized block {head:?} (#{}): spec_version {on_chain} on chain, {} in this runtime",
			ext.header.number(),
			VERSION.spec_version
		);

		let weight = ext
			.execute_with(|| Executive::try_runtime_upgrade(UpgradeCheckSelect::All))
			.map_err(|e| format!("upgrade checks failed: {e:?}"))?;
		println!("upgrade checks passed (migrations' pre/post checks, state decodes, try_state): weight {weight}");

		let root_after_one = ext.execute_with(storage_root);
		ext.execute_with(|| Executive::try_runtime_upgrade(UpgradeCheckSelect::PreAndPost))
			.map_err(|e| format!("the second upgrade failed: {e:?}"))?;
		if ext.execute_with(storage_root) != root_after_one {
			return Err("the upgrade is not idempotent: running it twice changed the state".into());
		}
		println!("idempotent: a second run of the upgrade changed nothing");

		if cmd.blocks == 0 {
			return Ok(());
		}
		if on_chain != VERSION.spec_version {
			println!(
				"blocks not executed again: the chain's blocks were built by spec_version {on_chain}"
			);
			return Ok(());
		}
		let mut hash = head;
		for _ in 0..cmd.blocks {
			let block =
				ChainApi::<BlockNumber, Hash, Header, SignedBlock<Block>>::block(&rpc, Some(hash))
					.await
					.map_err(|e| format!("chain_getBlock {hash:?}: {e}"))?
					.ok_or_else(|| format!("the node does not have block {hash:?}"))?
					.block;
			let number = *block.header.number();
			if number == 0 {
				break;
			}
			let parent = block.header.parent_hash;
			let extrinsics = block.extrinsics.len();
			let mut ext = snapshot(&cmd.uri, parent).await?;
			ext.execute_with(|| {
				Executive::try_execute_block(block.into(), true, true, TryStateSelect::All)
			})
			.map_err(|e| format!("block #{number} failed: {e:?}"))?;
			println!(
				"block #{number} ({extrinsics} extrinsics) executed again: state root, signatures and try_state checked"
			);
			hash = parent;
		}
		Ok(())
	}

	/// The whole state at `at`, checked against that block's state root.
	async fn snapshot(uri: &str, at: Hash) -> Result<RemoteExternalities<Block>, String> {
		Builder::<Block>::new()
			.mode(Mode::Online(OnlineConfig {
				transport_uris: vec![uri.to_owned()],
				at: Some(at),
				..Default::default()
			}))
			.build()
			.await
			.map_err(|e| format!("cannot read the state at {at:?} from {uri}: {e:?}"))
	}

	fn on_chain_spec_version() -> u32 {
		frame_system::LastRuntimeUpgrade::<Runtime>::get().map_or(0, |v| v.spec_version.0)
	}

	fn storage_root() -> Vec<u8> {
		sp_io::storage::root(VERSION.state_version())
	}
}
