// SPDX-License-Identifier: Apache-2.0
//! Runtime API of the inflation pallet: the round and the controller's state.

use crate::{RoundEmission, RoundInfo};
use flywheel_primitives::BlockNumber;
use sp_runtime::{FixedU128, Perbill};

sp_api::decl_runtime_apis! {
	/// Read-only views of inflation for wallets and dashboards.
	pub trait InflationApi {
		/// The round in progress.
		fn current_round() -> RoundInfo;
		/// The per-round inflation rate in force.
		fn rate() -> Perbill;
		/// Bonded FLY / total issuance now.
		fn bonded_ratio() -> Perbill;
		/// The block the next round starts at.
		fn next_round_block() -> BlockNumber;
		/// `(1 + rate)^(rounds per year) − 1` at the rate and round length in force.
		fn annual_inflation() -> FixedU128;
		/// What the last round start minted and where it went.
		fn last_emission() -> RoundEmission;
	}
}
