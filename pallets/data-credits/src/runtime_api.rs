// SPDX-License-Identifier: Apache-2.0
//! Runtime API of the Data Credits pallet: mint quotes at the current conservative price, DC
//! balances and escrows. Implemented by the runtime with the pallet's public functions.

use crate::RouterKey;
use codec::Codec;
use flywheel_primitives::{Balance, DataCredits, SubDaoId};

sp_api::decl_runtime_apis! {
	/// Read-only views of Data Credits for wallets and dashboards.
	pub trait DataCreditsApi<AccountId> where AccountId: Codec {
		/// DC that burning `fly` plancks would mint now, or `None` without a usable price (stale,
		/// too few feeders, zero) or on overflow.
		fn quote_fly_to_dc(fly: Balance) -> Option<DataCredits>;
		/// Plancks that minting exactly `dc` DC would burn now, or `None` as above.
		fn quote_dc_to_fly(dc: DataCredits) -> Option<Balance>;
		/// DC held by `who`.
		fn dc_balance(who: AccountId) -> DataCredits;
		/// DC in the escrow of `(subdao, router_key)`.
		fn escrow_balance(subdao: SubDaoId, router_key: RouterKey) -> DataCredits;
	}
}
