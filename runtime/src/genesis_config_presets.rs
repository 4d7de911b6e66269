// SPDX-License-Identifier: Apache-2.0
//! Genesis presets: `development` (one validator and a living economy), `local_testnet` (two),
//! `zombienet` (four), all with the development profile (periods of blocks and minutes), and
//! `production` (a template of a live chain, with the production profile).
//!
//! The node's `--chain <name>` and the committed specs under `chain-spec/` are built from these.
//! Only `development` starts with subDAOs, an operator with delegators and a subnet; the others
//! start with an empty economy (benchmarks run on `local`).

use crate::{
	configs::{profile::ChainProfile, DefaultPriceRules},
	AccountId, AuraId, Balance, BalancesConfig, BondingConfig, ChainProfileConfig,
	DataCreditsConfig, GrandpaId, OracleFeedersConfig, RuntimeGenesisConfig, SessionConfig,
	SessionKeys, SubDaosConfig, SubnetsConfig, SudoConfig, TechnicalCommitteeConfig,
	ValidatorSetConfig, FLY,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::Perbill;

/// Preset of the four-validator network that `zombienet/` launches.
pub const ZOMBIENET_RUNTIME_PRESET: &str = "zombienet";
/// The production template preset (see [`production_config_genesis`]).
pub const PRODUCTION_RUNTIME_PRESET: &str = "production";

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

/// A validator at genesis: its account and its session keys (Aura, GRANDPA).
pub type GenesisValidator = (AccountId, AuraId, GrandpaId);

/// The validator set and each validator's session keys: Aura and GRANDPA take their
/// authorities from the session (their own genesis lists stay empty).
fn validators_genesis(validators: &[GenesisValidator]) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		validator_set: ValidatorSetConfig {
			validators: validators.iter().map(|v| v.0.clone()).collect::<Vec<_>>(),
		},
		session: SessionConfig {
			keys: validators
				.iter()
				.map(|(who, aura, grandpa)| {
					(
						who.clone(),
						who.clone(),
						SessionKeys { aura: aura.clone(), grandpa: grandpa.clone() },
					)
				})
				.collect::<Vec<_>>(),
		},
	})
}

/// The chain profile's genesis patch: every period of the chain (see `configs/profile.rs`).
fn profile_genesis(profile: ChainProfile) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig { chain_profile: ChainProfileConfig { profile } })
}

/// A chain's genesis patch: its profile, validators, endowed accounts with their FLY, the FLY/USD
/// oracle feeders, the technical committee (the emergency path) and the sudo key (none on a
/// production chain). The pools' existential deposits come from the pallets' own genesis.
fn chain_genesis(
	profile: ChainProfile,
	validators: Vec<GenesisValidator>,
	endowed: Vec<(AccountId, Balance)>,
	feeders: Vec<AccountId>,
	committee: Vec<AccountId>,
	root: Option<AccountId>,
) -> Value {
	let mut genesis = profile_genesis(profile);
	json_merge(
		&mut genesis,
		build_struct_json_patch!(RuntimeGenesisConfig {
			balances: BalancesConfig { balances: endowed },
			oracle_feeders: OracleFeedersConfig {
				members: frame_support::BoundedVec::truncate_from(feeders),
			},
			technical_committee: TechnicalCommitteeConfig { members: committee },
			sudo: SudoConfig { key: root },
		}),
	);
	json_merge(&mut genesis, validators_genesis(&validators));
	genesis
}

/// A dev or test network's genesis patch: [`chain_genesis`] with the development profile, a
/// sudo key and Alice, Bob and Charlie as the technical committee.
fn testnet_genesis(
	validators: Vec<GenesisValidator>,
	endowed: Vec<(AccountId, Balance)>,
	feeders: Vec<AccountId>,
	root: AccountId,
) -> Value {
	let committee = [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
		.map(|k| k.to_account_id())
		.to_vec();
	chain_genesis(ChainProfile::development(), validators, endowed, feeders, committee, Some(root))
}

/// A well-known dev account as a validator, e.g. `//Alice`: its account, its sr25519 key for
/// Aura and its ed25519 key for GRANDPA.
pub fn dev_validator(sr: Sr25519Keyring, ed: Ed25519Keyring) -> GenesisValidator {
	(sr.to_account_id(), sr.public().into(), ed.public().into())
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
		vec![dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
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
/// - subDAOs `mobile` (0; Alice is its router, 10,000 DNT an epoch) and `iot` (1; Bob, 5,000
///   DNT an epoch, redemption curve k = 1), both with Ferdie as approved device maker and
///   Charlie, Dave and Eve as rewards oracles (two agreeing pay device rewards or attest a
///   device; router, maker and oracles are distinct accounts), with veFLY delegated by
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
	let oracles = vec![charlie.clone(), dave.clone(), eve.clone()];
	let subdao = |name: &str, dnt: Balance, authority: &AccountId, curve_k: u8| GenesisSubDao {
		name: name.into(),
		dnt_per_epoch: dnt,
		onboarding_fee: 10 * flywheel_primitives::DC_PER_USD,
		burn_authority: authority.clone(),
		rewards_oracles: oracles.clone(),
		rewards_quorum: 2,
		curve_k,
	};
	let year = 365 * ChainProfile::development().epoch_length;
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
			makers: vec![(0, ferdie.clone()), (1, ferdie.clone())],
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
			dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			dev_validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
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
			dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			dev_validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			dev_validator(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			dev_validator(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		well_known_accounts(),
		three_feeders(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The keys of the `production` template. TEMPLATE: they are derived from the public phrase
/// `//FlywheelTemplate//…` so that the preset builds and is tested; a real launch replaces each
/// with its holder's own public key (here, or in the chain spec exported from this preset).
pub mod production_keys {
	/// Aura (sr25519) and GRANDPA (ed25519) public keys of the four genesis validators
	/// (`//FlywheelTemplate//validator1..4`). Four, not three: GRANDPA finalizes with more than
	/// two thirds of its voters, so four keep finalizing through one outage, three would not.
	pub const VALIDATORS: [([u8; 32], [u8; 32]); 4] = [
		(
			sp_core::hex2array!("3815ef580906c1234cee10902d88129a41a53566cdd4db1d97ec9b61192c473a"),
			sp_core::hex2array!("6aa6bf8178abf4557185df6df454cc9ebfd94af9ff4c2a2dc77caa2371f2ce95"),
		),
		(
			sp_core::hex2array!("d87405478a6a2edaf3999a3f693851fb414018145b8192df4475a9f32ce3406e"),
			sp_core::hex2array!("9a8833e2637b8879cc5cd1249ef31afb769e8045d49ccf60cbb3070ad9e30e08"),
		),
		(
			sp_core::hex2array!("1cfcc0b104177a495b1d355b7fccacd22b0d5d569496886536fc9fde76c6cc56"),
			sp_core::hex2array!("0674ebf10e5b612eb7ff28781a3cc7b8e75490fe666a878e610a7f9fecd94db2"),
		),
		(
			sp_core::hex2array!("b6c937fe497e8de2738528048ce913f50c5928ca42396bc98b102e382eb3b30a"),
			sp_core::hex2array!("83c3b5d5b6568563e61f8b7933fc2471aa9086e11813c481503fb8ddb06ae75a"),
		),
	];
	/// The five FLY/USD feeders (`//FlywheelTemplate//feeder1..5`), each running its own
	/// price service: the quorum of three holds with any two of them offline.
	pub const FEEDERS: [[u8; 32]; 5] = [
		sp_core::hex2array!("86cea127974fb442a3ccc6b7a8b043da809cc4a3bcd06432daec13cf37c1632e"),
		sp_core::hex2array!("5c273fa7eed15f696c5a5968416f9c08ac6c92e48b0850237330a1115c465458"),
		sp_core::hex2array!("4e83e0d6081f62af73a77a9362b56566dcfe8cdec220226a7da17624bd81975e"),
		sp_core::hex2array!("acdf194829e2b315172b4a6d63c1cb699d673b396343c3cf5fc9d27e6cbb277e"),
		sp_core::hex2array!("b4d436759f3c171050a5148fdf60285f0b9543677bb05cd78296cb170afc9832"),
	];
	/// The technical committee (`//FlywheelTemplate//committee1..3`): two of three act on the
	/// emergency path (pause a tokenomics call, remove a validator, note a finality stall).
	pub const COMMITTEE: [[u8; 32]; 3] = [
		sp_core::hex2array!("205dc52e8ad2237a58e6a019bec3ee191bf1afc2f22aeab21253531c56d4282c"),
		sp_core::hex2array!("faf6658626a2243e101c2411834a831db5965276cba9b8adf00d881e9b2be367"),
		sp_core::hex2array!("8cae115bd0ae8b813b29b5aa19a120568a300f2ba3a71364079815b003a92242"),
	];
	/// The genesis distribution's holder (`//FlywheelTemplate//foundation`; at launch, e.g. a
	/// multisig): it holds the supply that votes in the first referenda.
	pub const FOUNDATION: [u8; 32] =
		sp_core::hex2array!("a80e59f4e227f4356195c0002aeb0f2ab88d6180304ab6a094cdfb4fff56eb2a");
}

/// FLY at genesis in the `production` template: the foundation's distribution, and enough for
/// each validator and feeder to pay for its transactions (feeds themselves are free).
pub const PRODUCTION_FOUNDATION_ENDOWMENT: Balance = 100_000_000 * FLY;
/// FLY at genesis of each production feeder and committee account (and of each validator,
/// beside its deposit).
pub const PRODUCTION_OPERATOR_ENDOWMENT: Balance = 1_000 * FLY;
/// FLY at genesis of each production validator: its deposit, held from the first block, and
/// the operator endowment for its transactions.
pub const PRODUCTION_VALIDATOR_ENDOWMENT: Balance =
	crate::configs::VALIDATOR_DEPOSIT + PRODUCTION_OPERATOR_ENDOWMENT;

/// `production`: a template of a live chain. The production profile (hourly sessions, daily
/// rounds and epochs, tracks of days, at least four validators), no sudo key (every privileged call goes through a
/// referendum on its track, but for the technical committee's short emergency list), four
/// validators, five FLY/USD feeders (the default quorum of three: two may be offline), a
/// technical committee of three, no dev accounts, no subDAO, operator or subnet at genesis
/// (governance creates them),
/// and the production price rules and parameters. Its keys are in [`production_keys`].
pub fn production_config_genesis() -> Value {
	use production_keys::*;
	let validators: Vec<GenesisValidator> = VALIDATORS
		.iter()
		.map(|(aura, grandpa)| {
			(
				AccountId::from(*aura),
				sp_core::sr25519::Public::from_raw(*aura).into(),
				sp_core::ed25519::Public::from_raw(*grandpa).into(),
			)
		})
		.collect();
	let feeders: Vec<AccountId> = FEEDERS.iter().map(|k| AccountId::from(*k)).collect();
	let committee: Vec<AccountId> = COMMITTEE.iter().map(|k| AccountId::from(*k)).collect();
	let mut endowed = vec![(AccountId::from(FOUNDATION), PRODUCTION_FOUNDATION_ENDOWMENT)];
	endowed.extend(validators.iter().map(|v| (v.0.clone(), PRODUCTION_VALIDATOR_ENDOWMENT)));
	endowed.extend(
		feeders
			.iter()
			.chain(committee.iter())
			.map(|who| (who.clone(), PRODUCTION_OPERATOR_ENDOWMENT)),
	);
	// The production profile is also what a chain without one runs; the spec states it anyway,
	// so a reader of the spec sees every period.
	chain_genesis(ChainProfile::production(), validators, endowed, feeders, committee, None)
}

/// The genesis patch of the preset `id`, serialised; `None` for an unknown preset.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		ZOMBIENET_RUNTIME_PRESET => zombienet_config_genesis(),
		PRODUCTION_RUNTIME_PRESET => production_config_genesis(),
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
		PresetId::from(PRODUCTION_RUNTIME_PRESET),
	]
}
