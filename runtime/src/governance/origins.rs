// SPDX-License-Identifier: Apache-2.0
//! Custom governance origins: what a passed referendum on a non-root track dispatches as.

pub use pallet_custom_origins::*;

#[frame_support::pallet]
pub mod pallet_custom_origins {
	use crate::{Balance, FLY};
	use frame_support::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// The origins a referendum on a custom track dispatches with.
	#[derive(
		PartialEq, Eq, Clone, MaxEncodedLen, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// Changes tokenomics parameters: inflation, emission splits, Data Credit price rules,
		/// subDAO and subnet settings.
		TokenomicsAdmin,
		/// Spends from the treasury up to [`TREASURER_MAX_SPEND`].
		Treasurer,
		/// Cancels a referendum, refunding its deposits (Polkadot's `ReferendumCanceller`).
		ReferendumCanceller,
		/// Kills a malicious referendum, slashing its deposits (Polkadot's
		/// `ReferendumKiller`).
		ReferendumKiller,
	}

	/// The largest treasury spend the `Treasurer` track may approve in one referendum.
	pub const TREASURER_MAX_SPEND: Balance = 100_000 * FLY;

	/// Implements `EnsureOrigin` for one variant of [`Origin`].
	macro_rules! ensure_custom_origin {
		($name:ident, $variant:ident) => {
			#[doc = concat!("Ensures the origin is `Origin::", stringify!($variant), "`.")]
			pub struct $name;
			impl<O: OriginTrait + From<Origin>> EnsureOrigin<O> for $name
			where
				for<'a> &'a O::PalletsOrigin: TryInto<&'a Origin>,
			{
				type Success = ();
				fn try_origin(o: O) -> Result<Self::Success, O> {
					let is_variant = matches!(o.caller().try_into(), Ok(Origin::$variant));
					if is_variant {
						Ok(())
					} else {
						Err(o)
					}
				}
				#[cfg(feature = "runtime-benchmarks")]
				fn try_successful_origin() -> Result<O, ()> {
					Ok(O::from(Origin::$variant))
				}
			}
		};
	}
	ensure_custom_origin!(EnsureTokenomicsAdmin, TokenomicsAdmin);
	ensure_custom_origin!(EnsureTreasurer, Treasurer);
	ensure_custom_origin!(EnsureReferendumCanceller, ReferendumCanceller);
	ensure_custom_origin!(EnsureReferendumKiller, ReferendumKiller);

	/// `Treasurer` may spend up to [`TREASURER_MAX_SPEND`].
	pub struct TreasurySpender;
	impl<O: OriginTrait + From<Origin>> EnsureOrigin<O> for TreasurySpender
	where
		for<'a> &'a O::PalletsOrigin: TryInto<&'a Origin>,
	{
		type Success = Balance;
		fn try_origin(o: O) -> Result<Self::Success, O> {
			let is_treasurer = matches!(o.caller().try_into(), Ok(Origin::Treasurer));
			if is_treasurer {
				Ok(TREASURER_MAX_SPEND)
			} else {
				Err(o)
			}
		}
		#[cfg(feature = "runtime-benchmarks")]
		fn try_successful_origin() -> Result<O, ()> {
			Ok(O::from(Origin::Treasurer))
		}
	}
}
