// SPDX-License-Identifier: Apache-2.0
use crate::{mock::*, Profile};
use sp_runtime::BuildStorage;

#[test]
fn genesis_writes_the_presets_profile_and_every_reader_sees_it() {
	new_test_ext(DEV).execute_with(|| {
		assert_eq!(Profile::<Test>::get(), DEV);
		assert_eq!(ChainProfile::profile(), DEV);
		assert_eq!(ChainProfile::do_try_state(), Ok(()));
	});
}

#[test]
fn the_default_genesis_is_the_production_profile() {
	let storage = RuntimeGenesisConfig::default().build_storage().expect("the default builds");
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(ChainProfile::profile(), PRODUCTION);
	});
}

#[test]
fn a_chain_without_a_stored_profile_runs_the_production_profile() {
	// A chain upgraded from a runtime before this pallet has nothing stored.
	sp_io::TestExternalities::default().execute_with(|| {
		assert!(!Profile::<Test>::exists());
		assert_eq!(ChainProfile::profile(), PRODUCTION);
		assert_eq!(ChainProfile::do_try_state(), Ok(()));
	});
}

#[test]
#[should_panic(expected = "invalid chain profile in the genesis config: period is zero")]
fn a_genesis_profile_out_of_range_is_refused_when_the_spec_is_built() {
	let _ = new_test_ext(TestProfile { period: 0, ..DEV });
}

#[test]
fn a_stored_profile_out_of_range_is_reported_and_never_used() {
	new_test_ext(DEV).execute_with(|| {
		// Only a migration or `system.set_storage` could write this.
		Profile::<Test>::put(TestProfile { period: 0, ..DEV });
		assert_eq!(
			ChainProfile::do_try_state(),
			Err(sp_runtime::TryRuntimeError::Other("period is zero"))
		);
		// Readers get the production profile: no period is ever zero.
		assert_eq!(ChainProfile::profile(), PRODUCTION);
	});
}

#[test]
fn a_stored_profile_that_does_not_decode_is_reported_and_never_used() {
	new_test_ext(DEV).execute_with(|| {
		// Three bytes where the profile takes eight (a layout change without a migration).
		frame_support::storage::unhashed::put_raw(&Profile::<Test>::hashed_key(), &[1, 2, 3]);
		assert_eq!(ChainProfile::profile(), PRODUCTION);
		assert!(ChainProfile::do_try_state().is_err());
	});
}

#[test]
fn the_genesis_config_reads_a_presets_json_and_refuses_unknown_fields() {
	let json = r#"{ "profile": { "period": 7, "minValidators": 2 } }"#;
	let config: crate::GenesisConfig<Test> = serde_json::from_str(json).expect("a valid patch");
	assert_eq!(config.profile, TestProfile { period: 7, min_validators: 2 });
	let typo = r#"{ "profile": { "period": 7, "minValidator": 2 } }"#;
	assert!(serde_json::from_str::<crate::GenesisConfig<Test>>(typo).is_err());
}

#[test]
fn the_pallet_has_no_calls_so_no_origin_can_change_the_profile() {
	// The runtime's call enum has no variant for this pallet: only genesis and a runtime
	// upgrade's migration write the profile.
	use frame_support::traits::GetCallName;
	assert!(crate::Call::<Test>::get_call_names().is_empty());
}

#[test]
fn the_profile_is_whitelisted_for_benchmarks() {
	use frame_support::traits::WhitelistedStorageKeys;
	let key = Profile::<Test>::hashed_key().to_vec();
	assert!(AllPalletsWithSystem::whitelisted_storage_keys().iter().any(|k| k.key == key));
}
