// SPDX-License-Identifier: Apache-2.0
//! `RestrictOperational`: the operational class is for the accounts entitled to it.
//!
//! Operational transactions have their own share of every block (a quarter of its weight and
//! length above the normal class's) and six times a normal transaction's priority, so a full
//! pool of transfers cannot keep a price feed or a committee vote out. Before this check anyone
//! could send them too: a non-feeder's `dataCredits.feedPrice`, a non-member's
//! `technicalCommittee.vote`, fail at dispatch (`NoPermission`, `NotMember`) but were included
//! and paid, and a block's whole operational share cost about 3.5 FLY of such spam, keeping the
//! feeds out until the price went stale. This extension refuses a signed operational transaction
//! in the pool (it is never included, its sender pays nothing) unless its call is, directly:
//! - `dataCredits.feedPrice`, signed by an oracle feeder;
//! - a `technicalCommittee` call (`propose`, `vote`, `close`, `execute`), signed by a member;
//! - a `sudo` call, signed by the sudo key (dev and test chains only).
//!
//! Everything else of the operational class (root-only calls signed by an account, batches and
//! proxies wrapping operational calls) is refused with `InvalidTransaction::Custom(`
//! [`NOT_ENTITLED`]`)`. Normal and mandatory transactions, and unsigned ones, pass unchecked.

use crate::{AccountId, Runtime, RuntimeCall, RuntimeOrigin};
use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{
	dispatch::{DispatchClass, GetDispatchInfo},
	pallet_prelude::TransactionSource,
	traits::Contains,
	weights::Weight,
};
use scale_info::TypeInfo;
use sp_runtime::{
	impl_tx_ext_default,
	traits::{AsSystemOriginSigner, DispatchInfoOf, TransactionExtension, ValidateResult},
	transaction_validity::InvalidTransaction,
};

/// The custom validity error of an operational transaction from an account not entitled to it.
pub const NOT_ENTITLED: u8 = 1;

/// The transaction extension (no data of its own in the transaction or its signed payload).
#[derive(Encode, Decode, DecodeWithMemTracking, Default, Clone, Eq, PartialEq, TypeInfo)]
pub struct RestrictOperational;

impl core::fmt::Debug for RestrictOperational {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "RestrictOperational")
	}
}

/// Whether `who` may send `call` in the operational class.
pub fn entitled(who: &AccountId, call: &RuntimeCall) -> bool {
	match call {
		RuntimeCall::DataCredits(pallet_data_credits::Call::feed_price { .. }) => {
			crate::OracleFeeders::contains(who)
		}
		RuntimeCall::TechnicalCommittee(
			pallet_collective::Call::propose { .. }
			| pallet_collective::Call::vote { .. }
			| pallet_collective::Call::close { .. }
			| pallet_collective::Call::execute { .. },
		) => crate::TechnicalCommittee::is_member(who),
		RuntimeCall::Sudo(_) => pallet_sudo::Key::<Runtime>::get().as_ref() == Some(who),
		_ => false,
	}
}

impl TransactionExtension<RuntimeCall> for RestrictOperational {
	const IDENTIFIER: &'static str = "RestrictOperational";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	/// One storage read (the feeder set, the committee or the sudo key) for an operational
	/// call, nothing for any other.
	fn weight(&self, call: &RuntimeCall) -> Weight {
		if call.get_dispatch_info().class == DispatchClass::Operational {
			<Runtime as frame_system::Config>::DbWeight::get().reads(1)
		} else {
			Weight::zero()
		}
	}

	fn validate(
		&self,
		origin: RuntimeOrigin,
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, RuntimeCall> {
		if info.class == DispatchClass::Operational {
			if let Some(who) = origin.as_system_origin_signer() {
				if !entitled(who, call) {
					return Err(InvalidTransaction::Custom(NOT_ENTITLED).into());
				}
			}
		}
		Ok((Default::default(), (), origin))
	}

	impl_tx_ext_default!(RuntimeCall; prepare);
}
