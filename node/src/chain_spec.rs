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

/// Token symbol, decimals and address format shown by wallets (polkadot.js Apps).
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
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
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
