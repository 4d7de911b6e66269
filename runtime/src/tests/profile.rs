// SPDX-License-Identifier: Apache-2.0
//! The chain profile: one wasm, with a dev chain's short periods from its preset and the
//! production periods everywhere else, and metadata that is the same on every chain.

use super::*;
use crate::configs::profile::{self, ChainProfile, SubnetPeriods, TrackPeriods};
use codec::Encode;
use pallet_chain_profile::ProfileRules;

const TRACK_IDS: [u16; 5] = [
	tracks::ROOT,
	tracks::TOKENOMICS_ADMIN,
	tracks::TREASURER,
	tracks::REFERENDUM_CANCELLER,
	tracks::REFERENDUM_KILLER,
];

/// Seconds from submission to enactment of a referendum on `track` that has the votes at once,
/// with the periods pallet-referenda reads now.
fn seconds_to_pass(track: u16) -> u64 {
	let info = tracks::TracksInfo::info(track).expect("a track");
	let blocks = info.prepare_period + info.confirm_period + info.min_enactment_period;
	u64::from(blocks) * MILLI_SECS_PER_BLOCK / 1000
}

#[test]
fn a_production_chain_runs_days_long_periods() {
	production_ext().execute_with(|| {
		let p = profile::profile();
		assert_eq!(p, ChainProfile::production());
		assert_eq!((p.session_length, p.round_length, p.epoch_length), (HOURS, DAYS, DAYS));
		// Four validators: three GRANDPA voters stall on one outage.
		assert!(p.min_validators >= 4);
		assert_eq!(<configs::MinValidators as Get<u32>>::get(), 4);
		assert_eq!(<configs::SessionLength as Get<BlockNumber>>::get(), HOURS);
		assert_eq!(pallet_inflation::Round::<Runtime>::get().length, DAYS);
		assert_eq!(SubDaos::epoch_info().epoch_length, DAYS);
		assert_eq!(<configs::VeSaturation as Get<BlockNumber>>::get(), 4 * 365 * DAYS);
		assert_eq!(pallet_subnets::Params::<Runtime>::get().default_hyperparameters.tempo, HOURS);
		for id in TRACK_IDS {
			let info = tracks::TracksInfo::info(id).expect("a track");
			if id == tracks::REFERENDUM_CANCELLER || id == tracks::REFERENDUM_KILLER {
				// Fast, but not within a root referendum's shortest path (three days).
				assert!(info.decision_period >= 7 * DAYS && info.confirm_period >= 3 * HOURS);
				assert!(seconds_to_pass(id) < 24 * 60 * 60, "track {id}");
			} else {
				assert!(info.decision_period >= 7 * DAYS && info.confirm_period >= DAYS);
				assert!(seconds_to_pass(id) >= 2 * 24 * 60 * 60, "track {id}");
			}
		}
		assert_eq!(crate::ChainProfile::do_try_state(), Ok(()));
	});
}

#[test]
fn a_dev_chain_runs_the_same_code_with_its_presets_short_periods() {
	for ext in [dev_ext, local_ext] {
		ext().execute_with(|| {
			let p = profile::profile();
			assert_eq!(p, ChainProfile::development());
			assert_eq!(pallet_inflation::Round::<Runtime>::get().length, MINUTES);
			assert_eq!(SubDaos::epoch_info().epoch_length, 2 * MINUTES);
			assert_eq!(<configs::SessionLength as Get<BlockNumber>>::get(), 10);
			assert_eq!(<configs::MinValidators as Get<u32>>::get(), 1);
			assert_eq!(pallet_subnets::Params::<Runtime>::get().default_hyperparameters.tempo, 10);
			// A referendum that has the votes passes within a minute on every track.
			for id in TRACK_IDS {
				assert!(seconds_to_pass(id) <= 60, "track {id} needs {}s", seconds_to_pass(id));
			}
		});
	}
}

#[test]
fn a_chain_without_a_stored_profile_runs_the_production_one() {
	// A chain upgraded from a runtime before the profile existed.
	local_ext().execute_with(|| {
		pallet_chain_profile::Profile::<Runtime>::kill();
		assert_eq!(profile::profile(), ChainProfile::production());
		assert_eq!(<configs::SessionLength as Get<BlockNumber>>::get(), HOURS);
		let root = tracks::TracksInfo::info(tracks::ROOT).expect("root");
		assert_eq!(root.decision_period, 14 * DAYS);
	});
}

#[test]
fn the_metadata_is_the_same_whatever_the_profile() {
	// The metadata hash that `CheckMetadataHash` adds is compiled into the wasm from the
	// metadata of an empty state: every chain running the wasm must serve that metadata.
	let metadata = || Runtime::metadata_at_version(15).expect("v15").to_vec();
	let empty = sp_io::TestExternalities::default().execute_with(metadata);
	assert_eq!(dev_ext().execute_with(metadata), empty);
	assert_eq!(production_ext().execute_with(metadata), empty);
	// Referenda's `Tracks` constant is the production list; the periods in force are the
	// profile's (above).
	dev_ext().execute_with(|| {
		for track in tracks::TracksInfo::tracks() {
			let production =
				tracks::periods_of(&ChainProfile::production(), track.id).expect("a track");
			assert_eq!(track.info.decision_period, production.decision);
		}
	});
}

#[test]
fn no_call_reaches_the_profile() {
	use frame_support::traits::GetCallName;
	assert!(pallet_chain_profile::Call::<Runtime>::get_call_names().is_empty());
}

#[test]
fn a_profile_out_of_range_is_refused_with_the_value_it_names() {
	let dev = ChainProfile::development();
	let zero_track = TrackPeriods { confirm: 0, ..dev.root_track };
	let slow_stoppers = TrackPeriods { prepare: 3, ..dev.stopper_tracks };
	let cases: [(ChainProfile, &str); 11] = [
		(ChainProfile { session_length: 0, ..dev }, "session_length is zero"),
		(ChainProfile { round_length: 0, ..dev }, "round_length is zero"),
		(ChainProfile { epoch_length: 0, ..dev }, "epoch_length is zero"),
		(ChainProfile { epoch_length: 31 * DAYS, ..dev }, "epoch_length is above 30 days"),
		(ChainProfile { min_validators: 0, ..dev }, "min_validators is zero"),
		(
			ChainProfile { min_validators: 33, ..dev },
			"min_validators is above the validator set's maximum",
		),
		(
			ChainProfile { epoch_length: 8, ..dev },
			"epoch_length is too short for the subDAO payouts",
		),
		(
			ChainProfile { stopper_tracks: slow_stoppers, ..dev },
			"the stopper tracks are not faster than every other track",
		),
		(
			ChainProfile { treasurer_track: zero_track, ..dev },
			"a track's decision, confirm or enactment period is zero",
		),
		(
			ChainProfile { subnets: SubnetPeriods { tempo: 4, ..dev.subnets }, ..dev },
			"subnets.tempo is outside min_tempo..=a day",
		),
		(
			ChainProfile {
				subnets: SubnetPeriods { immunity_period: 8 * DAYS, ..dev.subnets },
				..dev
			},
			"subnets.weights_rate_limit or immunity_period is above its bound",
		),
	];
	for (bad, error) in cases {
		assert_eq!(bad.check(), Err(error));
	}
	assert_eq!(ChainProfile::production().check(), Ok(()));
	assert_eq!(dev.check(), Ok(()));
}

#[test]
#[should_panic(expected = "invalid chain profile in the genesis config: session_length is zero")]
fn a_preset_with_a_profile_out_of_range_does_not_build() {
	let patch = serde_json::json!({
		"chainProfile": { "profile": ChainProfile { session_length: 0, ..ChainProfile::development() } }
	});
	let _ = preset_ext(patch);
}

#[test]
fn a_stored_profile_that_would_stop_blocks_is_never_used() {
	// Root's raw `system.setStorage` could write anything; a zero session length would make
	// pallet-session divide by zero in every block.
	dev_ext().execute_with(|| {
		let bad = ChainProfile { session_length: 0, ..ChainProfile::development() };
		frame_support::storage::unhashed::put_raw(
			&pallet_chain_profile::Profile::<Runtime>::hashed_key(),
			&bad.encode(),
		);
		assert_eq!(<configs::SessionLength as Get<BlockNumber>>::get(), HOURS);
		assert!(crate::ChainProfile::do_try_state().is_err());
		// Blocks go on: pallet-session's hook divides by the session length in each.
		for n in 2..5 {
			System::set_block_number(n);
			<AllPalletsWithSystem as frame_support::traits::OnInitialize<BlockNumber>>::on_initialize(n);
		}
	});
}

#[test]
fn the_profiles_encoding_is_pinned() {
	// A change of the stored layout needs a storage version bump and a migration, or every
	// stored profile would stop decoding and its chain fall back to the production one.
	let fields: [u32; 25] =
		[10, 1, 10, 20, 2, 20, 2, 1, 2, 20, 2, 1, 2, 20, 2, 1, 1, 10, 1, 1, 10, 5, 20, 2, 10];
	let expected: Vec<u8> = fields.iter().flat_map(|f| f.to_le_bytes()).collect();
	assert_eq!(
		ChainProfile::development().encode(),
		expected,
		"the chain profile's layout changed: bump pallet-chain-profile's storage version and \
		 migrate the stored value"
	);
}
