//! Storage migrations of the bonding pallet.

use crate::*;
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

/// v0 → v1: the incentive-integrity release (issue #18). `OperatorInfo` gains `next_terms`
/// (none pending: terms on record apply as they are) and `last_active_round` (the current round:
/// an idle operator becomes removable `max_idle_rounds` after the upgrade). `Rules` starts at
/// `DefaultOperatorRules`; operators already registered keep their slots whatever their
/// self-bond until someone removes them under the rules. One block, O(`MaxOperators`).
pub mod v1 {
	use super::*;
	use codec::{Decode, Encode};

	/// The layout of v0, as stored.
	pub mod v0 {
		use super::*;

		#[derive(Encode, Decode, Clone, PartialEq, Debug)]
		pub struct OperatorInfo {
			pub stake: Balance,
			pub reward_cut: Perbill,
			pub fee_share: Perbill,
			pub reward_factor: FixedU128,
			pub fee_factor: FixedU128,
			pub earnings: Balance,
			pub resigned: bool,
		}
	}

	/// The migration without its version check; use [`MigrateToV1`].
	pub struct InnerMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut items: u64 = 0;
			let round = T::Rounds::current_round();
			Operators::<T>::translate_values::<v0::OperatorInfo, _>(|op| {
				items += 1;
				Some(OperatorInfo {
					stake: op.stake,
					reward_cut: op.reward_cut,
					fee_share: op.fee_share,
					reward_factor: op.reward_factor,
					fee_factor: op.fee_factor,
					earnings: op.earnings,
					resigned: op.resigned,
					next_terms: None,
					last_active_round: round,
				})
			});
			T::DbWeight::get().reads_writes(items, items)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			use frame_support::{storage::migration::storage_iter, traits::PalletInfoAccess};
			let pallet = Pallet::<T>::name().as_bytes();
			let (mut count, mut stake) = (0u32, 0 as Balance);
			for (_, op) in storage_iter::<v0::OperatorInfo>(pallet, b"Operators") {
				count += 1;
				stake += op.stake;
			}
			Ok((count, stake).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = <(u32, Balance)>::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("pre-upgrade state"))?;
			let after = Operators::<T>::iter_values()
				.fold((0u32, 0 as Balance), |(c, s), op| (c + 1, s + op.stake));
			frame_support::ensure!(after == before, "the v1 migration changed the operators");
			Pallet::<T>::do_try_state()
		}
	}

	/// v0 → v1, run only while the stored version is 0; it then stores 1.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
