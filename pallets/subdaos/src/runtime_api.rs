// SPDX-License-Identifier: Apache-2.0
//! Runtime API of the subDAOs pallet: redemption quotes, scores and shares, the epoch clock and
//! positions' voting power. Implemented by the runtime with the pallet's public functions.

use crate::{EpochInfo, PositionId, SubDaoScore};
use flywheel_primitives::{Balance, SubDaoId};

sp_api::decl_runtime_apis! {
	/// Read-only views of the subDAO economy for wallets and dashboards.
	pub trait SubDaosApi {
		/// FLY that redeeming `dnt_amount` DNT of `subdao` would pay now (before the outflow
		/// cap), or `None` for an unknown subDAO or more than the supply.
		fn redemption_quote(subdao: SubDaoId, dnt_amount: Balance) -> Option<Balance>;
		/// Every subDAO's record of the last closed epoch: score, raw and smoothed share, FLY to
		/// its treasury and DNT minted.
		fn scores() -> alloc::vec::Vec<SubDaoScore>;
		/// The current epoch, its length, the block of the next close and the pool's pending FLY.
		fn epoch_info() -> EpochInfo;
		/// The current veFLY power of `position`, or `None` if it does not exist.
		fn position_power(position: PositionId) -> Option<Balance>;
	}
}
