// SPDX-License-Identifier: Apache-2.0
//! `flywheel-node try-runtime` fails with a clear message when it cannot do its checks; its
//! checks against live chains run in the end-to-end tests (zombienet/tokenomics.test.mjs and
//! zombienet/upgrade.test.mjs).

use std::process::Command;

#[test]
fn try_runtime_without_a_node_to_read_is_a_clear_error() {
	let out = Command::new(env!("CARGO_BIN_EXE_flywheel-node"))
		.args(["try-runtime", "--uri", "ws://127.0.0.1:1", "--blocks", "0"])
		.output()
		.expect("the node binary runs");
	assert!(!out.status.success(), "it must fail without a node to read");
	let stderr = String::from_utf8_lossy(&out.stderr);
	if cfg!(feature = "try-runtime") {
		assert!(stderr.contains("cannot reach ws://127.0.0.1:1"), "unexpected output: {stderr}");
	} else {
		assert!(stderr.contains("--features try-runtime"), "unexpected output: {stderr}");
	}
}
