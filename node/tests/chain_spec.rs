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
		[("development", 1), ("local_testnet", 2), ("zombienet", 4), ("production", 4)]
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

/// The production template's keys come from a public phrase: a raw spec (what a live chain is
/// launched from) is refused while it holds any of them, unless the caller says it is a
/// template; the plain template exports, for its keys to be replaced.
#[test]
fn a_raw_spec_from_the_template_keys_is_refused_unless_asked_for_a_template() {
	for subcommand in [
		&["build-spec", "--chain", "production"][..],
		&["export-chain-spec", "--chain", "production"],
	] {
		let out = node().args(subcommand).arg("--raw").output().expect("the node binary runs");
		assert!(!out.status.success(), "{subcommand:?} --raw built a raw spec from template keys");
		let stderr = String::from_utf8_lossy(&out.stderr);
		assert!(
			stderr.contains("production template's key") && stderr.contains("--template"),
			"{subcommand:?}: unexpected error output: {stderr}"
		);
		assert!(out.stdout.is_empty(), "{subcommand:?}: printed a spec anyway");

		let out = node().args(subcommand).args(["--raw", "--template"]).output().expect("runs");
		assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
		let spec: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
		assert!(spec["genesis"]["raw"]["top"].is_object(), "{subcommand:?}: a raw spec");

		let out = node().args(subcommand).output().expect("runs");
		assert!(out.status.success(), "the plain template exports");
	}
}

/// A raw spec from keys that are not the template's builds: the check reads the genesis, not the
/// chain's name or the runtime code (which carries the template preset itself).
#[test]
fn a_raw_spec_from_other_keys_builds() {
	for chain in ["development", "local_testnet"] {
		let out = node()
			.args(["build-spec", "--chain", chain, "--raw", "--disable-default-bootnode"])
			.output()
			.expect("runs");
		assert!(out.status.success(), "{chain}: {}", String::from_utf8_lossy(&out.stderr));
	}
	// The committed production spec with its template keys replaced by a dev key.
	let path = repo_root().join("chain-spec/production.json");
	let mut text = std::fs::read_to_string(&path).expect("the committed production spec");
	use flywheel_runtime::genesis_config_presets::production_keys::{
		FEEDERS, FOUNDATION, VALIDATORS,
	};
	use sp_core::crypto::{AccountId32, Ss58Codec};
	use sp_keyring::{Ed25519Keyring as Ed, Sr25519Keyring as Sr};
	let ss58 = |key: [u8; 32]| AccountId32::from(key).to_ss58check();
	let own_validators = [
		(Sr::Alice, Ed::Alice),
		(Sr::Bob, Ed::Bob),
		(Sr::Charlie, Ed::Charlie),
		(Sr::Dave, Ed::Dave),
	];
	for ((aura, grandpa), (sr, ed)) in VALIDATORS.into_iter().zip(own_validators) {
		text = text.replace(&ss58(aura), &ss58(sr.public().0));
		text = text.replace(&ss58(grandpa), &ss58(ed.public().0));
	}
	for (key, sr) in
		FEEDERS.into_iter().chain([FOUNDATION]).zip([Sr::Eve, Sr::Ferdie, Sr::One, Sr::Two])
	{
		text = text.replace(&ss58(key), &ss58(sr.public().0));
	}
	let own = std::env::temp_dir().join(format!("flywheel-own-keys-{}.json", std::process::id()));
	std::fs::write(&own, text).expect("writes");
	let out = node()
		.args(["build-spec", "--raw", "--disable-default-bootnode", "--chain"])
		.arg(&own)
		.output()
		.expect("runs");
	let _ = std::fs::remove_file(&own);
	assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
