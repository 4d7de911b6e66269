// SPDX-License-Identifier: Apache-2.0
//! Referendum tracks: one per origin a referendum may dispatch with.

use super::{origins, periods::*};
use crate::{Balance, BlockNumber, OriginCaller, FLY};
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
	Track {
		id,
		info: TrackInfo {
			name: name(track),
			max_deciding: 100,
			decision_deposit,
			prepare_period: CANCEL_PREPARE,
			decision_period: CANCEL_DECISION,
			confirm_period: CANCEL_CONFIRM,
			min_enactment_period: CANCEL_ENACTMENT,
			min_approval: CANCEL_APPROVAL,
			min_support: CANCEL_SUPPORT,
		},
	}
}

static TRACKS: [Track<u16, Balance, BlockNumber>; 5] = [
	Track {
		id: ROOT,
		info: TrackInfo {
			name: name("root"),
			max_deciding: 1,
			decision_deposit: 10_000 * FLY,
			prepare_period: ROOT_PREPARE,
			decision_period: ROOT_DECISION,
			confirm_period: ROOT_CONFIRM,
			min_enactment_period: ROOT_ENACTMENT,
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
			prepare_period: ADMIN_PREPARE,
			decision_period: ADMIN_DECISION,
			confirm_period: ADMIN_CONFIRM,
			min_enactment_period: ADMIN_ENACTMENT,
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
			prepare_period: TREASURER_PREPARE,
			decision_period: TREASURER_DECISION,
			confirm_period: TREASURER_CONFIRM,
			min_enactment_period: TREASURER_ENACTMENT,
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

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<Self::Id, Balance, BlockNumber>>> {
		TRACKS.iter().map(Cow::Borrowed)
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
