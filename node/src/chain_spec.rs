// SPDX-License-Identifier: Apache-2.0
//! Chain specifications: one per runtime genesis preset, or a JSON file.

use flywheel_runtime::{
	genesis_config_presets::{PRODUCTION_RUNTIME_PRESET, ZOMBIENET_RUNTIME_PRESET},
	WASM_BINARY,
};
use sc_service::ChainType;

/// Flywheel's chain spec (no node-side extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

/// The names `--chain` accepts besides a file path, with the preset each one builds.
pub const KNOWN_CHAINS: &[(&str, &str)] = &[
	("dev", sp_genesis_builder::DEV_RUNTIME_PRESET),
	("development", sp_genesis_builder::DEV_RUNTIME_PRESET),
	("local", sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	("local_testnet", sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	("zombienet", ZOMBIENET_RUNTIME_PRESET),
	("production", PRODUCTION_RUNTIME_PRESET),
];

/// Token symbol, decimals and address format shown by wallets (polkadot.js Apps). The address
/// format is 42, the generic Substrate prefix, as the runtime's `SS58Prefix`, until Flywheel
/// registers a prefix of its own; both change together.
fn properties() -> sc_service::Properties {
	let mut p = sc_service::Properties::new();
	p.insert("tokenSymbol".into(), "FLY".into());
	p.insert("tokenDecimals".into(), 12.into());
	p.insert("ss58Format".into(), 42.into());
	p
}

/// The chain spec of one runtime genesis preset.
pub fn preset_chain_spec(preset: &str) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or_else(|| "The wasm runtime was not built.".to_string())?;
	let (name, id, chain_type) = match preset {
		sp_genesis_builder::DEV_RUNTIME_PRESET => {
			("Flywheel Development", "flywheel_dev", ChainType::Development)
		}
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => {
			("Flywheel Local Testnet", "flywheel_local", ChainType::Local)
		}
		ZOMBIENET_RUNTIME_PRESET => ("Flywheel Zombienet", "flywheel_zombienet", ChainType::Local),
		PRODUCTION_RUNTIME_PRESET => ("Flywheel", "flywheel", ChainType::Live),
		other => return Err(format!("No genesis preset named '{other}'.")),
	};
	let builder = ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties());
	// The live chain's networking protocol id, so its nodes keep to their own network; no boot
	// nodes in the template: a launch lists its own (docs/chains-and-release.md).
	let builder = if preset == PRODUCTION_RUNTIME_PRESET {
		builder.with_protocol_id("flywheel")
	} else {
		builder
	};
	Ok(builder.build())
}

/// Resolves `--chain`: a preset name, or the path of a chain-spec JSON file. Without `--chain`
/// (and without `--dev`, which means `--chain dev`) the node starts the local testnet and says
/// so on standard error, since it is not the dev chain.
pub fn load(id: &str) -> Result<ChainSpec, String> {
	let id = if id.is_empty() {
		eprintln!(
			"No --chain given: starting the local testnet (preset local_testnet, validators Alice \
			 and Bob). Use --dev for a one-node dev chain, or --chain <{}|path to a chain spec>.",
			KNOWN_CHAINS.iter().map(|(name, _)| *name).collect::<Vec<_>>().join("|")
		);
		"local"
	} else {
		id
	};
	if let Some((_, preset)) = KNOWN_CHAINS.iter().find(|(name, _)| *name == id) {
		return preset_chain_spec(preset);
	}
	let path = std::path::PathBuf::from(id);
	if !path.exists() {
		let names: Vec<&str> = KNOWN_CHAINS.iter().map(|(name, _)| *name).collect();
		return Err(format!(
			"Unknown chain '{id}': expected one of {} or the path of a chain-spec JSON file.",
			names.join(", ")
		));
	}
	ChainSpec::from_json_file(path)
}

/// Refuses `spec` when its genesis holds a key of the production template
/// (`flywheel_runtime::genesis_config_presets::production_keys`): those keys are derived from a
/// public phrase, so anyone can sign as those validators, feeders and foundation. Looked for in
/// a plain spec's genesis (as SS58 addresses) and in a raw one's storage (as hex), never in the
/// runtime code, which carries the template itself.
pub fn refuse_template_keys(spec: &dyn sc_service::ChainSpec) -> Result<(), String> {
	use flywheel_runtime::genesis_config_presets::production_keys::{
		FEEDERS, FOUNDATION, VALIDATORS,
	};
	use sp_core::crypto::{AccountId32, Ss58Codec};

	let mut json: serde_json::Value = serde_json::from_str(&spec.as_json(false)?)
		.map_err(|e| format!("the chain spec is not JSON: {e}"))?;
	let genesis = &mut json["genesis"];
	if let Some(runtime_genesis) = genesis.get_mut("runtimeGenesis").and_then(|g| g.as_object_mut())
	{
		runtime_genesis.remove("code");
	}
	if let Some(top) = genesis.pointer_mut("/raw/top").and_then(|t| t.as_object_mut()) {
		// The well-known `:code` key.
		top.remove("0x3a636f6465");
	}
	let genesis = genesis.to_string();

	let mut keys: Vec<[u8; 32]> =
		VALIDATORS.iter().flat_map(|(aura, grandpa)| [*aura, *grandpa]).collect();
	keys.extend(FEEDERS);
	keys.push(FOUNDATION);
	let found = keys.iter().find(|key| {
		genesis.contains(&AccountId32::from(**key).to_ss58check())
			|| genesis.contains(&sp_core::hexdisplay::HexDisplay::from(*key).to_string())
	});
	match found {
		None => Ok(()),
		Some(key) => Err(format!(
			"refusing a raw chain spec with the production template's key {}: the template's keys \
			 come from a public phrase (//FlywheelTemplate//…), so anyone can sign with them. \
			 Export the plain spec (build-spec --chain production), put your own validators', \
			 feeders' and foundation's public keys in it and build the raw spec from that file; \
			 or pass --template if this raw spec is only a template or a test chain \
			 (docs/chains-and-release.md).",
			AccountId32::from(*key).to_ss58check()
		)),
	}
}
