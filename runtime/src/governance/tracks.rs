// SPDX-License-Identifier: Apache-2.0
//! Referendum tracks: one per origin a referendum may dispatch with.
//!
//! Each track's periods are the chain profile's (`configs/profile.rs`): pallet-referenda reads
//! a track through `TracksInfo::info`, which takes them from the profile in force. The list
//! `TracksInfo::tracks` is the production one: it is also the metadata's `Tracks` constant,
//! which must be the same on every chain that runs this wasm for the metadata hash to hold.

use super::origins;
use crate::{
	configs::profile::{self, ChainProfile, TrackPeriods},
	Balance, BlockNumber, OriginCaller, FLY,
};
use alloc::borrow::Cow;
use pallet_referenda::{Curve, Track, TrackInfo};
use sp_runtime::Perbill;

/// Track ids.
pub const ROOT: u16 = 0;
pub const TOKENOMICS_ADMIN: u16 = 1;
pub const TREASURER: u16 = 2;
pub const REFERENDUM_CANCELLER: u16 = 3;
pub const REFERENDUM_KILLER: u16 = 4;

/// A track name as the fixed-size, zero-padded byte array referenda stores.
const fn name(s: &str) -> [u8; 25] {
	let bytes = s.as_bytes();
	let mut out = [0u8; 25];
	let mut i = 0;
	while i < bytes.len() && i < 25 {
		out[i] = bytes[i];
		i += 1;
	}
	out
}

/// Falls linearly from `ceil` to `floor` over the whole decision period.
const fn linear(floor: Perbill, ceil: Perbill) -> Curve {
	Curve::LinearDecreasing { length: Perbill::from_percent(100), floor, ceil }
}

/// Approval starts at 100% and falls to 50%.
const APPROVAL: Curve = linear(Perbill::from_percent(50), Perbill::from_percent(100));
/// Root needs high support: 50% of active issuance at first, falling to 1%.
const ROOT_SUPPORT: Curve = linear(Perbill::from_percent(1), Perbill::from_percent(50));
/// Tokenomics changes and spends: 25% support at first, falling to 0.5%.
const TRACK_SUPPORT: Curve = linear(Perbill::from_parts(5_000_000), Perbill::from_percent(25));

/// The canceller and killer: a majority of the votes and a little support suffice, quickly.
const CANCEL_APPROVAL: Curve = linear(Perbill::from_percent(50), Perbill::from_percent(100));
const CANCEL_SUPPORT: Curve = linear(Perbill::from_parts(1_000_000), Perbill::from_percent(10));

/// A track that stops referenda (the canceller, the killer): fast, a majority, little support.
const fn stopper(
	id: u16,
	track: &str,
	decision_deposit: Balance,
) -> Track<u16, Balance, BlockNumber> {
	let p = PRODUCTION.stopper_tracks;
	Track {
		id,
		info: TrackInfo {
			name: name(track),
			max_deciding: 100,
			decision_deposit,
			prepare_period: p.prepare,
			decision_period: p.decision,
			confirm_period: p.confirm,
			min_enactment_period: p.enactment,
			min_approval: CANCEL_APPROVAL,
			min_support: CANCEL_SUPPORT,
		},
	}
}

/// The production profile, whose periods the static list carries.
const PRODUCTION: ChainProfile = ChainProfile::production();

/// The tracks with the production profile's periods.
static TRACKS: [Track<u16, Balance, BlockNumber>; 5] = [
	Track {
		id: ROOT,
		info: TrackInfo {
			name: name("root"),
			max_deciding: 1,
			decision_deposit: 10_000 * FLY,
			prepare_period: PRODUCTION.root_track.prepare,
			decision_period: PRODUCTION.root_track.decision,
			confirm_period: PRODUCTION.root_track.confirm,
			min_enactment_period: PRODUCTION.root_track.enactment,
			min_approval: APPROVAL,
			min_support: ROOT_SUPPORT,
		},
	},
	Track {
		id: TOKENOMICS_ADMIN,
		info: TrackInfo {
			name: name("tokenomics_admin"),
			max_deciding: 10,
			decision_deposit: 1_000 * FLY,
			prepare_period: PRODUCTION.tokenomics_admin_track.prepare,
			decision_period: PRODUCTION.tokenomics_admin_track.decision,
			confirm_period: PRODUCTION.tokenomics_admin_track.confirm,
			min_enactment_period: PRODUCTION.tokenomics_admin_track.enactment,
			min_approval: APPROVAL,
			min_support: TRACK_SUPPORT,
		},
	},
	Track {
		id: TREASURER,
		info: TrackInfo {
			name: name("treasurer"),
			max_deciding: 10,
			decision_deposit: 500 * FLY,
			prepare_period: PRODUCTION.treasurer_track.prepare,
			decision_period: PRODUCTION.treasurer_track.decision,
			confirm_period: PRODUCTION.treasurer_track.confirm,
			min_enactment_period: PRODUCTION.treasurer_track.enactment,
			min_approval: APPROVAL,
			min_support: TRACK_SUPPORT,
		},
	},
	stopper(REFERENDUM_CANCELLER, "referendum_canceller", 1_000 * FLY),
	stopper(REFERENDUM_KILLER, "referendum_killer", 5_000 * FLY),
];

/// The runtime's referendum tracks.
pub struct TracksInfo;
impl pallet_referenda::TracksInfo<Balance, BlockNumber> for TracksInfo {
	type Id = u16;
	type RuntimeOrigin =
		<crate::RuntimeOrigin as frame_support::traits::OriginTrait>::PalletsOrigin;

	/// The production list (the metadata constant); see the module docs.
	fn tracks() -> impl Iterator<Item = Cow<'static, Track<Self::Id, Balance, BlockNumber>>> {
		TRACKS.iter().map(Cow::Borrowed)
	}

	/// Track `id` with the periods of the profile in force.
	fn info(id: Self::Id) -> Option<Cow<'static, TrackInfo<Balance, BlockNumber>>> {
		let track = TRACKS.iter().find(|t| t.id == id)?;
		let periods = periods_of(&profile::profile(), id)?;
		let mut info = track.info.clone();
		info.prepare_period = periods.prepare;
		info.decision_period = periods.decision;
		info.confirm_period = periods.confirm;
		info.min_enactment_period = periods.enactment;
		Some(Cow::Owned(info))
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<Self::Id, ()> {
		match origin {
			OriginCaller::system(frame_system::RawOrigin::Root) => Ok(ROOT),
			OriginCaller::Origins(origins::Origin::TokenomicsAdmin) => Ok(TOKENOMICS_ADMIN),
			OriginCaller::Origins(origins::Origin::Treasurer) => Ok(TREASURER),
			OriginCaller::Origins(origins::Origin::ReferendumCanceller) => Ok(REFERENDUM_CANCELLER),
			OriginCaller::Origins(origins::Origin::ReferendumKiller) => Ok(REFERENDUM_KILLER),
			_ => Err(()),
		}
	}
}

/// The periods `profile` gives track `id`.
pub fn periods_of(profile: &ChainProfile, id: u16) -> Option<TrackPeriods> {
	match id {
		ROOT => Some(profile.root_track),
		TOKENOMICS_ADMIN => Some(profile.tokenomics_admin_track),
		TREASURER => Some(profile.treasurer_track),
		REFERENDUM_CANCELLER | REFERENDUM_KILLER => Some(profile.stopper_tracks),
		_ => None,
	}
}
