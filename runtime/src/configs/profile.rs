// SPDX-License-Identifier: Apache-2.0
//! The chain profile (pallet-chain-profile): every period that differs between a dev chain and a
//! production one, written by the genesis preset, so the dev chain, the test networks and
//! production run one wasm. The `development`, `local_testnet` and `zombienet` presets write
//! [`ChainProfile::development`]; `production`, and any chain that stores nothing, runs
//! [`ChainProfile::production`].

use crate::*;
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::traits::Get;
use scale_info::TypeInfo;

/// A referendum track's periods, in blocks.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	frame_support::Serialize,
	frame_support::Deserialize,
)]
#[serde(crate = "frame_support::__private::serde", rename_all = "camelCase", deny_unknown_fields)]
pub struct TrackPeriods {
	pub prepare: BlockNumber,
	pub decision: BlockNumber,
	pub confirm: BlockNumber,
	pub enactment: BlockNumber,
}

impl TrackPeriods {
	/// Blocks from submission to enactment of a referendum that has the votes at once.
	pub const fn shortest_path(&self) -> BlockNumber {
		self.prepare.saturating_add(self.confirm).saturating_add(self.enactment)
	}
}

/// The subnets' periods: the default tempo and its lower bound, a new neuron's immunity, the
/// weights rate limit and the interval between two subnet registrations.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	frame_support::Serialize,
	frame_support::Deserialize,
)]
#[serde(crate = "frame_support::__private::serde", rename_all = "camelCase", deny_unknown_fields)]
pub struct SubnetPeriods {
	pub tempo: BlockNumber,
	pub min_tempo: BlockNumber,
	pub immunity_period: BlockNumber,
	pub weights_rate_limit: BlockNumber,
	pub network_rate_limit: BlockNumber,
}

/// A chain's profile. See the module docs.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	frame_support::Serialize,
	frame_support::Deserialize,
)]
#[serde(crate = "frame_support::__private::serde", rename_all = "camelCase", deny_unknown_fields)]
pub struct ChainProfile {
	/// Blocks per session: a validator set change applies at the start of the session after
	/// next.
	pub session_length: BlockNumber,
	/// The fewest validators the set keeps (pallet-validator-set refuses a removal below it).
	pub min_validators: u32,
	/// The first inflation round's length (governance may change later rounds).
	pub round_length: BlockNumber,
	/// The tokenomics epoch of pallet-subdaos and pallet-data-credits; veFLY saturates after
	/// [`VE_SATURATION_EPOCHS`] of them.
	pub epoch_length: BlockNumber,
	/// The root track.
	pub root_track: TrackPeriods,
	/// The tokenomics_admin track.
	pub tokenomics_admin_track: TrackPeriods,
	/// The treasurer track.
	pub treasurer_track: TrackPeriods,
	/// The referendum_canceller and referendum_killer tracks.
	pub stopper_tracks: TrackPeriods,
	/// The subnets' periods.
	pub subnets: SubnetPeriods,
}

/// veFLY's saturation and longest lock: four years of daily epochs.
pub const VE_SATURATION_EPOCHS: BlockNumber = 4 * 365;
/// The longest tokenomics epoch a profile may set: veFLY's saturation must fit a block number.
pub const MAX_EPOCH_LENGTH: BlockNumber = 30 * DAYS;
/// The longest subnet tempo (pallet-subnets' upper bound).
pub const MAX_SUBNET_TEMPO: BlockNumber = DAYS;

impl ChainProfile {
	/// Production: hourly sessions, daily rounds and epochs, tracks that decide in days, at least
	/// four validators (three GRANDPA voters stall on one outage).
	pub const fn production() -> Self {
		Self {
			session_length: HOURS,
			min_validators: 4,
			round_length: DAYS,
			epoch_length: DAYS,
			root_track: TrackPeriods {
				prepare: DAYS,
				decision: 14 * DAYS,
				confirm: DAYS,
				enactment: DAYS,
			},
			tokenomics_admin_track: TrackPeriods {
				prepare: 4 * HOURS,
				decision: 7 * DAYS,
				confirm: DAYS,
				enactment: DAYS,
			},
			treasurer_track: TrackPeriods {
				prepare: 4 * HOURS,
				decision: 7 * DAYS,
				confirm: DAYS,
				enactment: DAYS,
			},
			// The canceller and killer act within hours; a root referendum needs at least three
			// days (a day each to prepare, confirm and enact), so a malicious one is stopped
			// before it is enacted.
			stopper_tracks: TrackPeriods {
				prepare: HOURS,
				decision: 7 * DAYS,
				confirm: 3 * HOURS,
				enactment: 10 * MINUTES,
			},
			subnets: SubnetPeriods {
				tempo: HOURS,
				min_tempo: 10 * MINUTES,
				immunity_period: 4 * HOURS,
				weights_rate_limit: 100,
				network_rate_limit: DAYS,
			},
		}
	}

	/// A dev or test network: ten-block sessions, one-minute rounds, two-minute epochs, ten-block
	/// subnet tempos, tracks on which a referendum that has the votes passes in five blocks (30 s)
	/// and one that fails is rejected when its 20-block decision period ends, and a validator set
	/// that may shrink to one.
	pub const fn development() -> Self {
		let track = TrackPeriods { prepare: 2, decision: 20, confirm: 2, enactment: 1 };
		Self {
			session_length: 10,
			min_validators: 1,
			round_length: MINUTES,
			epoch_length: 2 * MINUTES,
			root_track: track,
			tokenomics_admin_track: track,
			treasurer_track: track,
			stopper_tracks: TrackPeriods { prepare: 1, decision: 10, confirm: 1, enactment: 1 },
			subnets: SubnetPeriods {
				tempo: 10,
				min_tempo: 5,
				immunity_period: 20,
				weights_rate_limit: 2,
				network_rate_limit: 10,
			},
		}
	}

	/// veFLY's saturation and longest lock, in blocks.
	pub const fn ve_saturation(&self) -> BlockNumber {
		VE_SATURATION_EPOCHS.saturating_mul(self.epoch_length)
	}
}

impl Default for ChainProfile {
	fn default() -> Self {
		Self::production()
	}
}

impl pallet_chain_profile::ProfileRules for ChainProfile {
	fn check(&self) -> Result<(), &'static str> {
		let periods = [
			(self.session_length, "session_length is zero"),
			(self.round_length, "round_length is zero"),
			(self.epoch_length, "epoch_length is zero"),
			(self.subnets.min_tempo, "subnets.min_tempo is zero"),
			(self.subnets.weights_rate_limit, "subnets.weights_rate_limit is zero"),
		];
		for (period, error) in periods {
			if period == 0 {
				return Err(error);
			}
		}
		let tracks = [
			self.root_track,
			self.tokenomics_admin_track,
			self.treasurer_track,
			self.stopper_tracks,
		];
		// pallet-referenda needs a decision and a confirmation period of at least one block.
		if tracks.iter().any(|t| t.decision == 0 || t.confirm == 0 || t.enactment == 0) {
			return Err("a track's decision, confirm or enactment period is zero");
		}
		// A stopper must be able to cancel a referendum of any other track before it is
		// enacted.
		let stopper = self.stopper_tracks.shortest_path();
		if tracks[..3].iter().any(|t| t.shortest_path() <= stopper) {
			return Err("the stopper tracks are not faster than every other track");
		}
		if self.min_validators == 0 {
			return Err("min_validators is zero");
		}
		if self.min_validators > <Runtime as pallet_validator_set::Config>::MaxValidators::get() {
			return Err("min_validators is above the validator set's maximum");
		}
		if self.epoch_length > MAX_EPOCH_LENGTH {
			return Err("epoch_length is above 30 days");
		}
		// pallet-subdaos pays every subDAO within the epoch that closed it, a few per block.
		let max_subdaos: u32 = <Runtime as pallet_subdaos::Config>::MaxSubDaos::get();
		let per_block: u32 = <Runtime as pallet_subdaos::Config>::MaxPayoutsPerBlock::get();
		let payout_blocks = max_subdaos.div_ceil(per_block.max(1));
		if self.epoch_length <= payout_blocks {
			return Err("epoch_length is too short for the subDAO payouts");
		}
		let subnets = self.subnets;
		if subnets.min_tempo > subnets.tempo || subnets.tempo > MAX_SUBNET_TEMPO {
			return Err("subnets.tempo is outside min_tempo..=a day");
		}
		if subnets.weights_rate_limit > DAYS || subnets.immunity_period > 7 * DAYS {
			return Err("subnets.weights_rate_limit or immunity_period is above its bound");
		}
		Ok(())
	}
}

/// The profile in force.
pub fn profile() -> ChainProfile {
	pallet_chain_profile::Pallet::<Runtime>::profile()
}

impl pallet_chain_profile::Config for Runtime {
	type Profile = ChainProfile;
}

/// Blocks per session (pallet-session).
pub struct SessionLength;
impl Get<BlockNumber> for SessionLength {
	fn get() -> BlockNumber {
		profile().session_length
	}
}

/// The fewest validators (pallet-validator-set).
pub struct MinValidators;
impl Get<u32> for MinValidators {
	fn get() -> u32 {
		profile().min_validators
	}
}

/// The first inflation round's length (pallet-inflation).
pub struct RoundLength;
impl Get<BlockNumber> for RoundLength {
	fn get() -> BlockNumber {
		profile().round_length
	}
}

/// A tenth of the first round's length (pallet-bonding's terms lock, Livepeer's 10%).
pub struct TermsLockPeriod;
impl Get<BlockNumber> for TermsLockPeriod {
	fn get() -> BlockNumber {
		profile().round_length / 10
	}
}

/// The tokenomics epoch (pallet-subdaos, pallet-data-credits).
pub struct EpochLength;
impl Get<BlockNumber> for EpochLength {
	fn get() -> BlockNumber {
		profile().epoch_length
	}
}

/// veFLY's saturation (pallet-subdaos).
pub struct VeSaturation;
impl Get<BlockNumber> for VeSaturation {
	fn get() -> BlockNumber {
		profile().ve_saturation()
	}
}
