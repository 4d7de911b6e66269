//! Genesis presets: `development` (one validator and a living economy), `local_testnet` (two)
//! and `zombienet` (four).
//!
//! The node's `--chain <name>` and the committed specs under `chain-spec/` are built from these.
//! Only `development` starts with subDAOs, an operator with delegators and a subnet; the others
//! start with an empty economy (benchmarks run on `local`).

use crate::{
	configs::{DefaultPriceRules, EPOCH_LENGTH},
	AccountId, AuraId, Balance, BalancesConfig, BondingConfig, DataCreditsConfig, GrandpaId,
	OracleFeedersConfig, RuntimeGenesisConfig, SubDaosConfig, SubnetsConfig, SudoConfig, FLY,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::Perbill;

/// Preset of the four-validator network that `zombienet/` launches.
pub const ZOMBIENET_RUNTIME_PRESET: &str = "zombienet";

/// FLY given to each well-known dev account at genesis.
pub const DEV_ENDOWMENT: Balance = 1_000_000 * FLY;

/// The development chain's FLY/USD feeder: `//Feeder` of the dev phrase. The node feeds a dev
/// price as this account on a `--dev` chain (`node/src/price_feed.rs`); no test signs with it.
pub const DEV_FEEDER: [u8; 32] = [
	0xda, 0xfa, 0xd5, 0xff, 0x18, 0x91, 0xb7, 0x65, 0x60, 0x2c, 0xcb, 0xc2, 0x0d, 0x9f, 0x87, 0x6d,
	0xb4, 0x95, 0xf1, 0xea, 0x35, 0xc6, 0xf6, 0x87, 0xc1, 0xf3, 0x48, 0x57, 0xe1, 0x35, 0x63, 0x12,
];

/// FLY of the dev feeder: its feeds pay no fee, but a transaction must be able to pay one.
pub const DEV_FEEDER_ENDOWMENT: Balance = 1_000 * FLY;

/// A genesis patch: authorities, endowed accounts with their FLY, the FLY/USD oracle feeders
/// and the sudo key. The pools' existential deposits come from the pallets' own genesis.
fn testnet_genesis(
	initial_authorities: Vec<(AuraId, GrandpaId)>,
	endowed: Vec<(AccountId, Balance)>,
	feeders: Vec<AccountId>,
	root: AccountId,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances: endowed },
		aura: pallet_aura::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| (x.1.clone(), 1)).collect::<Vec<_>>(),
		},
		oracle_feeders: OracleFeedersConfig {
			members: frame_support::BoundedVec::truncate_from(feeders),
		},
		sudo: SudoConfig { key: Some(root) },
	})
}

/// Aura (sr25519) and GRANDPA (ed25519) keys of a well-known dev account, e.g. `//Alice`.
fn authority_keys(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(aura.public().into(), grandpa.public().into())
}

/// Every well-known dev account with [`DEV_ENDOWMENT`].
fn well_known_accounts() -> Vec<(AccountId, Balance)> {
	Sr25519Keyring::well_known().map(|k| (k.to_account_id(), DEV_ENDOWMENT)).collect()
}

/// `development`: Alice is the only authority and the sudo key; all dev accounts are funded;
/// the dev feeder feeds FLY/USD; and the economy is alive from block 1 (see [`dev_economy`]).
pub fn development_config_genesis() -> Value {
	let feeder = AccountId::from(DEV_FEEDER);
	let mut endowed = well_known_accounts();
	endowed.push((feeder.clone(), DEV_FEEDER_ENDOWMENT));
	let mut genesis = testnet_genesis(
		vec![authority_keys(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		endowed,
		vec![feeder],
		Sr25519Keyring::Alice.to_account_id(),
	);
	json_merge(&mut genesis, dev_economy());
	json_merge(&mut genesis, dev_price_rules());
	genesis
}

/// The development chain has one feeder (the node's dev price feed), so its quorum is one;
/// every other preset keeps the runtime's quorum of three.
fn dev_price_rules() -> Value {
	let rules = pallet_data_credits::PriceRules { min_feeders: 1, ..DefaultPriceRules::get() };
	build_struct_json_patch!(RuntimeGenesisConfig {
		data_credits: DataCreditsConfig { price_rules: Some(rules) },
	})
}

/// The oracle feeders of the multi-validator presets: Alice, Bob and Charlie, a quorum of three.
fn three_feeders() -> Vec<AccountId> {
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
		.map(|k| k.to_account_id())
		.to_vec()
}

/// The development chain's economy at genesis, through the pallets' own calls:
/// - subDAOs `mobile` (0; Alice is its router, rewards authority and approved device maker,
///   10,000 DNT an epoch) and `iot` (1; Bob, 5,000 DNT an epoch, redemption curve k = 1), with
///   veFLY delegated by
///   Charlie (100,000 FLY to mobile) and Dave (50,000 FLY to iot), locked for a year;
/// - operator Eve (10% reward cut, 50% fee share) with 50,000 FLY of her own and delegators
///   Ferdie (100,000 FLY) and Bob (50,000 FLY);
/// - subnet 0 of Dave (hotkey `//Dave//stash`) with neurons of Eve (`//Eve//stash`, 10,000 FLY
///   staked by Eve) and Ferdie (`//Ferdie//stash`).
pub fn dev_economy() -> Value {
	use pallet_subdaos::GenesisSubDao;
	let account = |k: Sr25519Keyring| k.to_account_id();
	let (alice, bob) = (account(Sr25519Keyring::Alice), account(Sr25519Keyring::Bob));
	let (charlie, dave) = (account(Sr25519Keyring::Charlie), account(Sr25519Keyring::Dave));
	let (eve, ferdie) = (account(Sr25519Keyring::Eve), account(Sr25519Keyring::Ferdie));
	let subdao = |name: &str, dnt: Balance, authority: &AccountId, curve_k: u8| GenesisSubDao {
		name: name.into(),
		dnt_per_epoch: dnt,
		onboarding_fee: 10 * flywheel_primitives::DC_PER_USD,
		burn_authority: authority.clone(),
		rewards_authority: authority.clone(),
		curve_k,
	};
	let year = 365 * EPOCH_LENGTH.max(1);
	let (dave_hot, eve_hot) =
		(account(Sr25519Keyring::DaveStash), account(Sr25519Keyring::EveStash));
	let ferdie_hot = account(Sr25519Keyring::FerdieStash);
	build_struct_json_patch!(RuntimeGenesisConfig {
		sub_daos: SubDaosConfig {
			subdaos: vec![
				subdao("mobile", 10_000 * FLY, &alice, 0),
				subdao("iot", 5_000 * FLY, &bob, 1)
			],
			positions: vec![
				(charlie, 100_000 * FLY, year, 0),
				(dave.clone(), 50_000 * FLY, year, 1)
			],
			makers: vec![(0, alice.clone()), (1, bob.clone())],
		},
		bonding: BondingConfig {
			operators: vec![(eve.clone(), Perbill::from_percent(10), Perbill::from_percent(50))],
			// Eve's registration bonds the 1,000 FLY minimum to herself: 50,000 in all.
			bonds: vec![
				(eve.clone(), eve.clone(), 49_000 * FLY),
				(ferdie.clone(), eve.clone(), 100_000 * FLY),
				(bob, eve.clone(), 50_000 * FLY)
			],
		},
		subnets: SubnetsConfig {
			networks: vec![(dave, dave_hot)],
			neurons: vec![(0, eve.clone(), eve_hot.clone()), (0, ferdie, ferdie_hot)],
			stakes: vec![(eve, 0, eve_hot, 10_000 * FLY)],
		},
	})
}

/// Merges `patch` into `base` (objects key by key, anything else replaced), as the node applies
/// a preset's patch to the default genesis.
pub fn json_merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (k, v) in patch {
				json_merge(base.entry(k).or_insert(Value::Null), v);
			}
		}
		(base, patch) => *base = patch,
	}
}

/// `local_testnet`: Alice and Bob are authorities; Alice is the sudo key; Alice, Bob and
/// Charlie feed FLY/USD (a quorum of three).
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		vec![
			authority_keys(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority_keys(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		],
		well_known_accounts(),
		three_feeders(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// `zombienet`: Alice, Bob, Charlie and Dave are authorities; Alice is the sudo key; Alice, Bob
/// and Charlie feed FLY/USD (a quorum of three).
pub fn zombienet_config_genesis() -> Value {
	testnet_genesis(
		vec![
			authority_keys(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority_keys(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			authority_keys(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			authority_keys(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		well_known_accounts(),
		three_feeders(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The genesis patch of the preset `id`, serialised; `None` for an unknown preset.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		ZOMBIENET_RUNTIME_PRESET => zombienet_config_genesis(),
		_ => return None,
	};
	Some(serde_json::to_string(&patch).ok()?.into_bytes())
}

/// The names of every preset.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(ZOMBIENET_RUNTIME_PRESET),
	]
}
