// SPDX-License-Identifier: Apache-2.0
//! The committed chain specs under `chain-spec/` must match the runtime's genesis presets, and
//! `--chain` must reject what it does not know with a clear error.

use std::{path::PathBuf, process::Command};

const PRESETS: &[&str] = &["development", "local_testnet", "zombienet", "production"];

fn node() -> Command {
	Command::new(env!("CARGO_BIN_EXE_flywheel-node"))
}

fn repo_root() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The parts of a chain spec that the runtime's preset decides (everything but the wasm blob).
fn comparable(spec: &serde_json::Value) -> serde_json::Value {
	serde_json::json!({
		"name": spec["name"],
		"id": spec["id"],
		"chainType": spec["chainType"],
		"properties": spec["properties"],
		"patch": spec["genesis"]["runtimeGenesis"]["patch"],
	})
}

#[test]
fn committed_chain_specs_match_the_runtime_presets() {
	for preset in PRESETS {
		let out = node()
			.args(["build-spec", "--chain", preset, "--disable-default-bootnode"])
			.output()
			.expect("the node binary runs");
		assert!(
			out.status.success(),
			"build-spec {preset}: {}",
			String::from_utf8_lossy(&out.stderr)
		);
		let built: serde_json::Value =
			serde_json::from_slice(&out.stdout).expect("build-spec prints JSON");

		let path = repo_root().join("chain-spec").join(format!("{preset}.json"));
		let committed: serde_json::Value = serde_json::from_str(
			&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
		)
		.expect("committed spec is JSON");

		assert!(!comparable(&built)["patch"].is_null(), "{preset}: the spec has no genesis patch");
		assert_eq!(
			comparable(&built),
			comparable(&committed),
			"chain-spec/{preset}.json no longer matches the runtime preset: run scripts/chain-specs.sh"
		);
	}
}

#[test]
fn presets_have_the_expected_validators_with_session_keys() {
	for (preset, authorities) in
		[("development", 1), ("local_testnet", 2), ("zombienet", 4), ("production", 3)]
	{
		let out = node()
			.args(["build-spec", "--chain", preset, "--disable-default-bootnode"])
			.output()
			.expect("the node binary runs");
		let spec: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
		let patch = &spec["genesis"]["runtimeGenesis"]["patch"];
		// Validators with their session keys; Aura and GRANDPA take them from the session.
		let validators = patch["validatorSet"]["validators"].as_array().expect("validators");
		assert_eq!(validators.len(), authorities, "{preset}");
		let keys = patch["session"]["keys"].as_array().expect("session keys");
		assert_eq!(keys.len(), authorities, "{preset}");
		for (validator, key) in validators.iter().zip(keys) {
			assert_eq!(&key[0], validator, "{preset}: keys for each validator, in order");
			assert!(key[2]["aura"].is_string() && key[2]["grandpa"].is_string(), "{preset}");
		}
		assert!(patch.get("aura").is_none() && patch.get("grandpa").is_none(), "{preset}");
		assert_eq!(spec["properties"]["tokenSymbol"], "FLY");
		assert_eq!(spec["properties"]["tokenDecimals"], 12);
	}
}

#[test]
fn unknown_chain_is_a_clear_error() {
	let out = node()
		.args(["build-spec", "--chain", "no-such-chain"])
		.output()
		.expect("the node binary runs");
	assert!(!out.status.success());
	let stderr = String::from_utf8_lossy(&out.stderr);
	assert!(
		stderr.contains("Unknown chain 'no-such-chain'") && stderr.contains("development"),
		"unexpected error output: {stderr}"
	);
}

#[test]
fn without_chain_the_node_says_it_starts_the_local_testnet() {
	let out = node()
		.args(["build-spec", "--disable-default-bootnode"])
		.output()
		.expect("the node binary runs");
	assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
	let stderr = String::from_utf8_lossy(&out.stderr);
	assert!(
		stderr.contains("No --chain given: starting the local testnet") && stderr.contains("--dev"),
		"unexpected output: {stderr}"
	);
	let spec: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
	assert_eq!(spec["id"], "flywheel_local");
}
