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
		COMMITTEE, FEEDERS, FOUNDATION, VALIDATORS,
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
	let own_others = [
		Sr::Eve,
		Sr::Ferdie,
		Sr::One,
		Sr::Two,
		Sr::AliceStash,
		Sr::BobStash,
		Sr::CharlieStash,
		Sr::DaveStash,
		Sr::EveStash,
	];
	let others: Vec<[u8; 32]> = FEEDERS.into_iter().chain([FOUNDATION]).chain(COMMITTEE).collect();
	assert_eq!(others.len(), own_others.len(), "a dev key for every template key");
	for (key, sr) in others.into_iter().zip(own_others) {
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

/// The release wasm hash that `runtime/VERSIONS` records for this runtime's `spec_version`.
fn recorded_release_hash() -> String {
	let spec = flywheel_runtime::VERSION.spec_version;
	let path = repo_root().join("runtime/VERSIONS");
	let text = std::fs::read_to_string(&path).expect("runtime/VERSIONS");
	let line = text
		.lines()
		.filter(|l| !l.starts_with('#'))
		.map(|l| l.split_whitespace().collect::<Vec<_>>())
		.find(|f| f.first() == Some(&spec.to_string().as_str()))
		.unwrap_or_else(|| panic!("runtime/VERSIONS records no line for spec_version {spec}"));
	line.get(4)
		.filter(|h| h.starts_with("0x"))
		.unwrap_or_else(|| {
			panic!(
				"runtime/VERSIONS has no release wasm hash for spec_version {spec}: run \
				 scripts/release.sh and record the hash it prints"
			)
		})
		.to_string()
}

/// The wasm a committed spec carries, decompressed, with its blake2-256.
fn committed_code(preset: &str) -> (Vec<u8>, String) {
	let path = repo_root().join("chain-spec").join(format!("{preset}.json"));
	let spec: serde_json::Value =
		serde_json::from_str(&std::fs::read_to_string(&path).expect("a committed spec"))
			.expect("JSON");
	let hex = spec["genesis"]["runtimeGenesis"]["code"].as_str().expect("a plain spec's code");
	let code = sp_core::bytes::from_hex(hex).expect("hex code");
	let hash =
		format!("0x{}", sp_core::hexdisplay::HexDisplay::from(&sp_io::hashing::blake2_256(&code)));
	(code, hash)
}

/// The runtime version of `code` (compressed or not), as a node reads it.
fn wasm_version(code: &[u8]) -> sc_executor::RuntimeVersion {
	use sc_executor::RuntimeVersionOf;
	let executor = sc_executor::WasmExecutor::<sp_io::SubstrateHostFunctions>::builder().build();
	let fetcher = sp_core::traits::WrappedRuntimeCode(code.into());
	let runtime_code = sp_core::traits::RuntimeCode {
		code_fetcher: &fetcher,
		heap_pages: None,
		hash: sp_io::hashing::blake2_256(code).to_vec(),
	};
	let mut ext = sp_io::TestExternalities::default();
	executor.runtime_version(&mut ext.ext(), &runtime_code).expect("the wasm has a version")
}

/// Every committed spec, the production one first, carries the release wasm recorded for this
/// spec_version: the wasm built from this source by scripts/release.sh, with no TryRuntime API.
#[test]
fn committed_specs_carry_the_recorded_release_wasm() {
	let recorded = recorded_release_hash();
	for preset in ["production", "development", "local_testnet", "zombienet"] {
		let (code, hash) = committed_code(preset);
		assert_eq!(
			hash, recorded,
			"chain-spec/{preset}.json does not carry the release wasm recorded in runtime/VERSIONS: \
			 run scripts/release.sh, then scripts/chain-specs.sh"
		);
		let version = wasm_version(&code);
		let native = &flywheel_runtime::VERSION;
		assert_eq!(version.spec_name, native.spec_name, "{preset}");
		assert_eq!(version.spec_version, native.spec_version, "{preset}");
		assert_eq!(version.transaction_version, native.transaction_version, "{preset}");
		// The TryRuntime API's id, known to this build (the tests' build has try-runtime): the
		// node's native runtime exports it, the wasm must not.
		#[cfg(feature = "try-runtime")]
		{
			use sp_api::RuntimeApiInfo;
			let try_runtime =
				<dyn frame_try_runtime::TryRuntime<flywheel_runtime::Block> as RuntimeApiInfo>::ID;
			assert!(native.apis.iter().any(|(id, _)| *id == try_runtime));
			assert!(
				!version.apis.iter().any(|(id, _)| *id == try_runtime),
				"{preset}: the release wasm exports the TryRuntime API"
			);
		}
	}
}

/// The genesis hash of the committed production spec, as a node computes it (the state root of
/// the genesis storage the spec's wasm builds, in a header with no extrinsics), is the one
/// recorded in chain-spec/production.genesis-hash (zombienet/production-spec.test.mjs checks a
/// node started on the spec reports it too).
#[test]
fn the_production_specs_genesis_hash_is_recorded() {
	use sp_core::storage::StateVersion;
	use sp_runtime::traits::Block as _;
	let path = repo_root().join("chain-spec/production.json");
	let spec = sc_chain_spec::GenericChainSpec::<()>::from_json_file(path).expect("the spec loads");
	let storage = sp_runtime::BuildStorage::build_storage(&spec).expect("its genesis builds");
	// TestExternalities writes its `code` argument as `:code`: hand it the genesis code.
	let code = storage.top.get(sp_core::storage::well_known_keys::CODE).cloned().expect(":code");
	let state_root = sp_io::TestExternalities::new_with_code(&code, storage)
		.execute_with(|| sp_io::storage::root(StateVersion::V1));
	let block = sc_chain_spec::construct_genesis_block::<flywheel_runtime::Block>(
		sp_core::H256::from_slice(&state_root),
		StateVersion::V1,
	);
	let hash = format!("{:?}", block.header().hash());
	let file = repo_root().join("chain-spec/production.genesis-hash");
	let recorded = std::fs::read_to_string(&file).unwrap_or_default();
	assert_eq!(
		recorded.trim(),
		hash,
		"chain-spec/production.json's genesis hash is {hash}: record it in {} (scripts/chain-specs.sh does)",
		file.display()
	);
}
