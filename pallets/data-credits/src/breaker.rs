// SPDX-License-Identifier: Apache-2.0
//! The mint circuit breaker: a rolling window whose recorded value decays linearly.
//!
//! Helium's windowed breaker: the window remembers one aggregated value and when it was last
//! updated. After `elapsed` blocks the value is worth `value × (window − elapsed) / window`
//! (zero once `elapsed ≥ window`). A mint adds its DC to the decayed value; if the sum would exceed
//! the threshold the mint fails and nothing changes. The window itself is
//! [`flywheel_primitives::RollingWindow`] (tested there).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use flywheel_primitives::{BlockNumber, DataCredits};
use scale_info::TypeInfo;

/// The breaker's configuration.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct BreakerConfig {
	/// Window length in blocks.
	pub window: BlockNumber,
	/// Most DC that may be minted within one window.
	pub threshold: DataCredits,
}

/// The breaker's rolling window of DC minted (shared with the subDAO treasury breaker).
pub type BreakerState = flywheel_primitives::RollingWindow;
