// SPDX-License-Identifier: Apache-2.0
//! Runtime-level tests: genesis presets, governance origins and tracks, proxy filters; the
//! tokenomics wiring in [`tokenomics`].

mod dev_economy;
mod emergency;
mod equivocation;
mod fees;
mod governance_bounds;
mod hook_budgets;
mod inflation;
mod integrity;
mod one_role;
mod operational;
mod profile;
mod subnets;
mod tokenomics;
mod upgrade_checks;
mod validators;
mod version_policy;

use crate::{
	configs::ProxyType,
	governance::{dynamic_params::tokenomics::TreasuryBurn, origins, tracks, RuntimeParameters},
	*,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{Get, InstanceFilter, UnfilteredDispatchable},
};
use pallet_referenda::TracksInfo as _;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{BuildStorage, DispatchError, Permill};

/// Externalities built from the `development` preset (the living economy), exactly as the node
/// builds genesis.
fn dev_ext() -> sp_io::TestExternalities {
	preset_ext(genesis_config_presets::development_config_genesis())
}

/// Externalities built from the `local_testnet` preset: dev accounts funded, Alice the sudo key
/// and only feeder, no subDAO, operator or subnet yet (the tokenomics wiring tests start here).
fn local_ext() -> sp_io::TestExternalities {
	preset_ext(genesis_config_presets::local_config_genesis())
}

/// Externalities built from the `production` template preset (the production profile).
fn production_ext() -> sp_io::TestExternalities {
	preset_ext(genesis_config_presets::production_config_genesis())
}

fn preset_ext(patch: serde_json::Value) -> sp_io::TestExternalities {
	let mut config = RuntimeGenesisConfig::default();
	let mut json = serde_json::to_value(&config).expect("genesis config serialises");
	genesis_config_presets::json_merge(&mut json, patch);
	config = serde_json::from_value(json).expect("the development preset is a valid genesis");
	let storage = config.build_storage().expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Ends the current block (the oracle's `on_finalize`) and starts the next one slot later with
/// every pallet's `on_initialize` (Timestamp's own hooks need the inherent); returns what those
/// hooks charge.
fn next_block() -> frame_support::weights::Weight {
	use frame_support::traits::{OnFinalize, OnInitialize};
	let now = System::block_number();
	<Oracle as OnFinalize<BlockNumber>>::on_finalize(now);
	System::set_block_number(now + 1);
	let time = pallet_timestamp::Now::<Runtime>::get() + MILLI_SECS_PER_BLOCK;
	pallet_timestamp::Now::<Runtime>::put(time);
	<AllPalletsWithSystem as OnInitialize<BlockNumber>>::on_initialize(now + 1)
}

fn set_burn(percent: u32) -> RuntimeCall {
	RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
		key_value: RuntimeParameters::Tokenomics(
			governance::dynamic_params::tokenomics::Parameters::TreasuryBurn(
				TreasuryBurn,
				Some(Permill::from_percent(percent)),
			),
		),
	})
}

#[test]
fn a_new_chain_starts_at_every_pallets_current_storage_version() {
	use frame_support::traits::GetStorageVersion;
	local_ext().execute_with(|| {
		assert_eq!(Subnets::on_chain_storage_version(), Subnets::in_code_storage_version());
		assert_eq!(Subnets::on_chain_storage_version(), 2);
		assert_eq!(Bonding::on_chain_storage_version(), Bonding::in_code_storage_version());
		assert_eq!(Bonding::on_chain_storage_version(), 3);
		assert_eq!(SubDaos::on_chain_storage_version(), SubDaos::in_code_storage_version());
		assert_eq!(SubDaos::on_chain_storage_version(), 3);
		assert_eq!(DataCredits::on_chain_storage_version(), DataCredits::in_code_storage_version());
		assert_eq!(DataCredits::on_chain_storage_version(), 1);
		assert_eq!(
			ValidatorSet::on_chain_storage_version(),
			ValidatorSet::in_code_storage_version()
		);
		assert_eq!(ValidatorSet::on_chain_storage_version(), 2);
	});
}

#[test]
fn every_preset_builds_a_genesis() {
	for id in genesis_config_presets::preset_names() {
		let bytes = genesis_config_presets::get_preset(&id).expect("a listed preset exists");
		let patch: serde_json::Value = serde_json::from_slice(&bytes).expect("presets are JSON");
		let mut json = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serialises");
		genesis_config_presets::json_merge(&mut json, patch);
		let config: RuntimeGenesisConfig =
			serde_json::from_value(json).expect("the preset is a valid genesis");
		let storage = config.build_storage().expect("the preset builds");
		// Every pallet's invariants hold on the genesis (the validator minimum among them).
		sp_io::TestExternalities::new(storage).execute_with(|| {
			use frame_support::traits::TryState;
			AllPalletsWithSystem::try_state(0, frame_support::traits::TryStateSelect::All)
				.unwrap_or_else(|e| panic!("preset {id:?}: {e:?}"));
		});
	}
	assert!(genesis_config_presets::get_preset(&"no-such-preset".into()).is_none());
}

#[test]
fn development_preset_funds_dev_accounts_and_sets_alice_as_sole_authority_and_sudo() {
	dev_ext().execute_with(|| {
		for who in Sr25519Keyring::well_known() {
			// Held and frozen FLY still count; only neuron registrations burned a few FLY.
			let total = <Balances as frame_support::traits::fungible::Inspect<_>>::total_balance(
				&who.to_account_id(),
			);
			assert!(total <= genesis_config_presets::DEV_ENDOWMENT);
			assert!(total >= genesis_config_presets::DEV_ENDOWMENT - 10 * FLY, "{who:?}");
		}
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(Grandpa::grandpa_authorities().len(), 1);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Sr25519Keyring::Alice.to_account_id()));
	});
}

/// The production template: no sudo key, five feeders (the quorum of three with two offline),
/// a technical committee of three, four validators, no dev account endowed, nothing of the dev
/// economy; root reachable only through a referendum.
#[test]
fn production_preset_has_no_sudo_and_a_quorum_of_feeders() {
	use genesis_config_presets::production_keys;
	preset_ext(genesis_config_presets::production_config_genesis()).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert_noop!(
			Sudo::sudo(
				RuntimeOrigin::signed(AccountId::from(production_keys::FOUNDATION)),
				Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
			),
			pallet_sudo::Error::<Runtime>::RequireSudo
		);
		let feeders = pallet_membership::Members::<Runtime, configs::OracleFeedersInstance>::get();
		assert_eq!(feeders.len(), 5);
		let quorum = DataCredits::price_rules().min_feeders;
		assert_eq!(quorum, 3, "the production quorum is the default of three");
		assert!(feeders.len() as u32 >= quorum + 2, "two feeders may be offline");
		let committee =
			pallet_collective::Members::<Runtime, governance::emergency::TechnicalCollective>::get(
			);
		assert_eq!(committee.len(), 3);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		assert_eq!(Grandpa::grandpa_authorities().len(), 4);
		for who in Sr25519Keyring::well_known() {
			assert_eq!(Balances::free_balance(who.to_account_id()), 0, "{who:?} is endowed");
		}
		assert_eq!(
			Balances::free_balance(AccountId::from(production_keys::FOUNDATION)),
			genesis_config_presets::PRODUCTION_FOUNDATION_ENDOWMENT
		);
		assert!(pallet_subdaos::SubDaoIds::<Runtime>::get().is_empty());
		assert_eq!(pallet_subnets::Networks::<Runtime>::iter().count(), 0);
		assert!(tokenomics_api::invariant_failures().is_empty());
	});
}

#[test]
fn tracks_map_origins_and_are_sorted() {
	assert_ok!(tracks::TracksInfo::check_integrity());
	let root = OriginCaller::system(frame_system::RawOrigin::Root);
	let admin = OriginCaller::Origins(origins::Origin::TokenomicsAdmin);
	let treasurer = OriginCaller::Origins(origins::Origin::Treasurer);
	let signed =
		OriginCaller::system(frame_system::RawOrigin::Signed(Sr25519Keyring::Bob.to_account_id()));
	assert_eq!(tracks::TracksInfo::track_for(&root), Ok(tracks::ROOT));
	assert_eq!(tracks::TracksInfo::track_for(&admin), Ok(tracks::TOKENOMICS_ADMIN));
	assert_eq!(tracks::TracksInfo::track_for(&treasurer), Ok(tracks::TREASURER));
	assert_eq!(tracks::TracksInfo::track_for(&signed), Err(()));
	let names: Vec<_> = tracks::TracksInfo::tracks()
		.map(|t| String::from_utf8_lossy(&t.info.name).trim_end_matches('\0').to_string())
		.collect();
	assert_eq!(
		names,
		["root", "tokenomics_admin", "treasurer", "referendum_canceller", "referendum_killer"]
	);
}

/// pallet-parameters checks the origin by key alone, so the treasury burn (which could empty the
/// treasury) is a root-track change: the `tokenomics_admin` track is refused.
#[test]
fn the_treasury_burn_needs_the_root_track() {
	dev_ext().execute_with(|| {
		let bob = RuntimeOrigin::signed(Sr25519Keyring::Bob.to_account_id());
		assert_noop!(set_burn(5).dispatch_bypass_filter(bob), DispatchError::BadOrigin);
		let treasurer: RuntimeOrigin = origins::Origin::Treasurer.into();
		assert_noop!(set_burn(5).dispatch_bypass_filter(treasurer), DispatchError::BadOrigin);
		assert_eq!(<TreasuryBurn as Get<Permill>>::get(), Permill::from_percent(1));

		let admin: RuntimeOrigin = origins::Origin::TokenomicsAdmin.into();
		assert_noop!(set_burn(5).dispatch_bypass_filter(admin), DispatchError::BadOrigin);
		assert_eq!(<TreasuryBurn as Get<Permill>>::get(), Permill::from_percent(1));

		assert_ok!(set_burn(7).dispatch_bypass_filter(RuntimeOrigin::root()));
		assert_eq!(<TreasuryBurn as Get<Permill>>::get(), Permill::from_percent(7));
	});
}

#[test]
fn treasurer_spends_are_capped_and_signed_accounts_cannot_spend() {
	use frame_support::traits::EnsureOrigin;
	let treasurer: RuntimeOrigin = origins::Origin::Treasurer.into();
	assert_eq!(
		governance::TreasurySpendOrigin::try_origin(treasurer).ok(),
		Some(origins::TREASURER_MAX_SPEND)
	);
	assert_eq!(
		governance::TreasurySpendOrigin::try_origin(RuntimeOrigin::root()).ok(),
		Some(Balance::MAX)
	);
	let bob = RuntimeOrigin::signed(Sr25519Keyring::Bob.to_account_id());
	assert!(governance::TreasurySpendOrigin::try_origin(bob).is_err());
}

#[test]
fn assets_cannot_be_created_by_a_signed_account() {
	dev_ext().execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		assert_noop!(
			Assets::create(RuntimeOrigin::signed(bob.clone()), 7.into(), bob.into(), 1),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn proxy_filters() {
	let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
		dest: Sr25519Keyring::Bob.to_account_id().into(),
		value: 1,
	});
	let vote = RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::remove_vote {
		class: None,
		index: 0,
	});
	assert!(ProxyType::Any.filter(&transfer));
	assert!(!ProxyType::NonTransfer.filter(&transfer));
	assert!(ProxyType::NonTransfer.filter(&vote));
	assert!(ProxyType::Governance.filter(&vote));
	assert!(!ProxyType::Governance.filter(&transfer));
	assert!(ProxyType::Any.is_superset(&ProxyType::Governance));
	assert!(!ProxyType::Governance.is_superset(&ProxyType::Any));
}
