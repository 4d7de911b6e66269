// SPDX-License-Identifier: Apache-2.0
#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod invariants;
mod liveness;
pub mod migrations;
#[cfg(test)]
mod mock;
mod offences;
mod rotation;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_emergency;
#[cfg(test)]
mod tests_keys;
#[cfg(test)]
mod tests_liveness;
#[cfg(test)]
mod tests_offences;
pub mod weights;

pub use offences::UnitIdentificationOf;
pub use rotation::SessionsEndInValidatorSet;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use frame_support::{
	traits::{
		fungible::{BalancedHold, Credit, Inspect, Mutate, MutateHold},
		EnsureOrigin, Get, OnUnbalanced,
	},
	weights::Weight,
};
use sp_runtime::{traits::BadOrigin, Perbill};

/// A balance of the validators' deposit currency.
pub type BalanceOf<T> =
	<<T as Config>::DepositCurrency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// Slashed deposit on its way to `Config::Slashed`.
pub type CreditOf<T> =
	Credit<<T as frame_system::Config>::AccountId, <T as Config>::DepositCurrency>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// v0: the layout since the pallet was added. v1: validators hold a deposit
	/// ([`migrations::v1`] holds it for the validators of a live chain).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		frame_system::Config
		+ pallet_session::Config<ValidatorId = <Self as frame_system::Config>::AccountId>
		+ pallet_session::historical::Config
	{
		/// Who may add and remove validators: the root track of governance.
		type ValidatorOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The most validators the set holds.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// The fewest validators the set keeps: a removal below it is refused.
		/// Not a metadata constant: a runtime may read it from storage (Flywheel's chain profile),
		/// and the metadata must be the same on every chain that runs one wasm.
		type MinValidators: Get<u32>;

		/// Finds the author of the block being built from its pre-runtime digest (the runtime:
		/// Aura's slot mapped to the session's validators).
		type FindAuthor: frame_support::traits::FindAuthor<Self::AccountId>;

		/// Sessions in a row without a block after which a validator is reported offline.
		#[pallet::constant]
		type OfflineSessions: Get<u32>;

		/// Who may act in an emergency, in hours rather than a referendum's days: remove a
		/// validator and note a finality stall (the runtime: two thirds of the technical
		/// committee). `ValidatorOrigin` may do both too.
		type EmergencyOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Where a noted stall goes (the runtime: GRANDPA, which forces the authority set of the
		/// next session start in).
		type FinalityStall: NoteFinalityStall<BlockNumberFor<Self>>;

		/// The currency a validator's deposit is held in.
		type DepositCurrency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ BalancedHold<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// What a validator holds while it may validate: taken when it is added (at genesis, in
		/// the first block), slashed by proven offences, released by `purge_keys` once it has
		/// left every set.
		#[pallet::constant]
		type Deposit: Get<BalanceOf<Self>>;

		/// The least share of its deposit a proven offence slashes (the offence's own fraction
		/// when larger; GRANDPA's is `min((3k/n)^2, 1)` for `k` offenders of `n`).
		#[pallet::constant]
		type MinSlash: Get<Perbill>;

		/// Where slashed deposits go (the runtime: the treasury).
		type Slashed: OnUnbalanced<CreditOf<Self>>;

		/// Sessions whose validator sets stay provable (pallet-session's historical roots): an
		/// offence older than this cannot be reported. Older roots are pruned at each session
		/// start.
		#[pallet::constant]
		type HistoryDepth: Get<u32>;

		/// When a session ends. This pallet's `on_initialize` starts the next one (pallet-session's
		/// `rotate_session`) and charges the benchmarked `rotate_session`; pallet-session's own
		/// `ShouldEndSession` must be [`SessionsEndInValidatorSet`], which never ends one in its
		/// hook, since that hook charges a whole block for a rotation.
		type SessionEnds: pallet_session::ShouldEndSession<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls and hook.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A validator's deposit: slashed by proven offences, released when it leaves.
		#[codec(index = 0)]
		ValidatorDeposit,
	}

	/// The session in which each former validator left the set (removed, or punished): its
	/// deposit answers for offences until the historical roots of its last sessions are pruned.
	#[pallet::storage]
	pub type LeftIn<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, sp_staking::SessionIndex, OptionQuery>;

	/// What each punished validator's current membership has been slashed so far: a
	/// membership (from `add_validator`, or genesis, until its deposit is released) is slashed
	/// at most once, at the highest fraction any of its offences is reported with. GRANDPA
	/// names every offender of a round again with each later report, with a higher fraction,
	/// and the reporter picks the session of the key-ownership proof among those the set lasted,
	/// so neither the report count nor the session can multiply a slash.
	#[pallet::storage]
	pub type SlashedIn<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>, OptionQuery>;

	/// The validators, in the order they were added: the set every new session starts from.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether the set changed since pallet-session last asked for it.
	#[pallet::storage]
	pub type Changed<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// The accounts that authored a block in the current session (each once).
	#[pallet::storage]
	pub type SessionAuthors<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// The validators of the last session that authored no block in it, each with the sessions
	/// in a row it has authored none.
	#[pallet::storage]
	pub type Offline<T: Config> =
		StorageValue<_, BoundedVec<(T::AccountId, u32), T::MaxValidators>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The validators at genesis; each needs its session keys in pallet-session's genesis.
		pub validators: Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let mut unique = self.validators.clone();
			unique.sort();
			unique.dedup();
			assert_eq!(unique.len(), self.validators.len(), "duplicate genesis validators");
			// The minimum is not checked here: a runtime may take it from a pallet whose genesis
			// is built after this one (Flywheel's chain profile). `try_state` checks it.
			let validators: BoundedVec<_, T::MaxValidators> = self
				.validators
				.clone()
				.try_into()
				.expect("more genesis validators than MaxValidators");
			Validators::<T>::put(validators);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` joins the set; it validates from the session after next.
		ValidatorAdded { who: T::AccountId },
		/// `who` leaves the set; it stops validating from the session after next.
		ValidatorRemoved { who: T::AccountId },
		/// A changed set was not handed to pallet-session: only `with_keys` of its members have
		/// session keys, fewer than `min`. The sessions keep the previous set; the change is
		/// offered again at the next session start.
		SetChangeRefused { with_keys: u32, min: u32 },
		/// A changed set was handed to pallet-session without its `without_keys` members that
		/// have no session keys (they could not author); they stay listed.
		LeftOutWithoutKeys { without_keys: u32 },
		/// `who`, in no set, removed its session keys.
		KeysPurged { who: T::AccountId },
		/// `who`, in no set, registered session keys (they count once it is added).
		KeysSet { who: T::AccountId },
		/// `who`, a validator of the session, authored no block for `sessions` sessions in a row
		/// (`OfflineSessions`; reported once per absence): governance may remove it.
		ValidatorOffline { who: T::AccountId, sessions: u32 },
		/// Finality was noted stalled: at the next session start GRANDPA forces that session's
		/// authorities in, `delay` blocks later, counting finality on from `best_finalized`.
		FinalityStallNoted { delay: BlockNumberFor<T>, best_finalized: BlockNumberFor<T> },
		/// `who` holds `amount` as its validator deposit (`short` less than `Deposit`: all its
		/// free balance could give; only when added at genesis or by the v1 migration).
		DepositHeld { who: T::AccountId, amount: BalanceOf<T>, short: BalanceOf<T> },
		/// `who`, out of every set with its keys purged, got its deposit `amount` back.
		DepositReleased { who: T::AccountId, amount: BalanceOf<T> },
		/// A proven offence of `who` in `session`: `slashed` of its deposit went to `Slashed`;
		/// it is disabled for the rest of the session set (pallet-session's disabling strategy)
		/// and, when `removed`, leaves the validator set (from the session after next). Kept,
		/// it stays disabled until the set changes: removing it would go below
		/// `MinValidators`.
		OffenderPunished {
			who: T::AccountId,
			session: sp_staking::SessionIndex,
			slashed: BalanceOf<T>,
			removed: bool,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The set holds `MaxValidators` already.
		TooManyValidators,
		/// The set would fall below `MinValidators`.
		TooFewValidators,
		/// The account has no session keys (`validatorSet.setKeys` first): it could not author.
		NoSessionKeys,
		/// The account is in the validator set, or in the session's current or queued set: its
		/// keys stay until it has left all three (`removeValidator`, then two sessions).
		StillValidating,
		/// A stall's last finalized block must be below the current block.
		FinalizedNotBehind,
		/// The account cannot hold the validator deposit (`Deposit`) from its free balance.
		CannotHoldDeposit,
		/// The account left the set less than `HistoryDepth` sessions after its last session
		/// as an authority: an offence of that session can still be reported, so its deposit
		/// stays (see `answerable_until`).
		DepositStillAnswerable,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Charges for noting the block's author at its end. In the first block, holds the
		/// genesis validators' deposits (balances are built after this pallet at genesis). When
		/// `SessionEnds` says so, starts the next session, charged at its benchmarked worst case
		/// (a full set handed over) rather than pallet-session's whole block.
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			let mut weight = Self::note_author_weight();
			if n == 1u32.into() {
				weight = weight.saturating_add(Self::hold_missing_deposits());
			}
			weight.saturating_add(Self::rotate_if_due(n))
		}

		/// Notes the block's author, after the session has rotated (a session's first block
		/// counts for it).
		fn on_finalize(_n: BlockNumberFor<T>) {
			Self::note_block_author();
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			crate::invariants::check::<T>()
		}

		/// This pallet rotates the sessions (`rotation.rs`): pallet-session's own
		/// `ShouldEndSession` must never end one, or a session would end twice and its hook
		/// would charge a whole block (`SessionsEndInValidatorSet` in the runtime).
		fn integrity_test() {
			use pallet_session::ShouldEndSession as _;
			for n in 0u32..=100_000 {
				assert!(
					!<T as pallet_session::Config>::ShouldEndSession::should_end_session(n.into()),
					"pallet-session's ShouldEndSession ends a session at block {n}: set it to \
					 SessionsEndInValidatorSet"
				);
			}
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Adds `who` to the validator set. It needs session keys (`validatorSet.setKeys`); it
		/// authors and votes from the session after next (pallet-session queues a session
		/// ahead).
		///
		/// Origin: `ValidatorOrigin` (the root track). Emits `ValidatorAdded`.
		///
		/// It holds `Deposit` from its free balance for as long as it may validate (a proven
		/// offence slashes part of it); an account that holds one already from an earlier
		/// membership tops it up.
		///
		/// Errors: `AlreadyValidator`, `NoSessionKeys`, `TooManyValidators`,
		/// `CannotHoldDeposit`.
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::add_validator_weight())]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::ValidatorOrigin::ensure_origin(origin)?;
			let mut validators = Validators::<T>::get();
			ensure!(!validators.contains(&who), Error::<T>::AlreadyValidator);
			ensure!(pallet_session::NextKeys::<T>::contains_key(&who), Error::<T>::NoSessionKeys);
			validators.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
			Self::top_up_deposit(&who)?;
			// A new membership: its offences are slashed afresh.
			LeftIn::<T>::remove(&who);
			SlashedIn::<T>::remove(&who);
			Validators::<T>::put(validators);
			Changed::<T>::put(true);
			Self::deposit_event(Event::ValidatorAdded { who });
			Ok(())
		}

		/// Removes `who` from the validator set; it stops authoring and voting from the session
		/// after next. Its session keys stay registered (`validatorSet.purgeKeys` removes them).
		///
		/// Origin: `ValidatorOrigin` (the root track) or `EmergencyOrigin` (the technical
		/// committee). Emits `ValidatorRemoved`.
		///
		/// Errors: `NotValidator`, `TooFewValidators`.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_validator())]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			Self::ensure_validator_or_emergency(origin)?;
			let mut validators = Validators::<T>::get();
			let index =
				validators.iter().position(|v| v == &who).ok_or(Error::<T>::NotValidator)?;
			ensure!(
				validators.len() > T::MinValidators::get() as usize,
				Error::<T>::TooFewValidators
			);
			validators.remove(index);
			Validators::<T>::put(validators);
			Changed::<T>::put(true);
			LeftIn::<T>::insert(&who, pallet_session::Pallet::<T>::current_index());
			Self::deposit_event(Event::ValidatorRemoved { who });
			Ok(())
		}

		/// Removes the caller's session keys (what `session.purgeKeys` does, which the runtime
		/// refuses: a member purging its keys would shrink the authority set below the minimum,
		/// or empty it, at the next session) and releases its validator deposit. Refused while
		/// the caller is in the validator set, or in pallet-session's current or queued set, and
		/// until its deposit no longer answers for an offence (`HistoryDepth` sessions after its
		/// last session as an authority).
		///
		/// Origin: signed. Emits `KeysPurged`, and `DepositReleased` when it held one.
		///
		/// Errors: `StillValidating`, `DepositStillAnswerable`; pallet-session's `NoKeys` when
		/// it has none.
		#[pallet::call_index(2)]
		#[pallet::weight(Pallet::<T>::purge_keys_weight())]
		pub fn purge_keys(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin.clone())?;
			ensure!(!Self::is_validating(&who), Error::<T>::StillValidating);
			if let Some(until) = Self::answerable_until(&who) {
				ensure!(
					pallet_session::Pallet::<T>::current_index() >= until,
					Error::<T>::DepositStillAnswerable
				);
			}
			// The dispatchable itself, called as a function: pallet-session's own checks, hold
			// release and consumer count, not the runtime's call filter.
			pallet_session::Pallet::<T>::purge_keys(origin)?;
			Self::release_deposit(&who)?;
			Self::deposit_event(Event::KeysPurged { who });
			Ok(())
		}

		/// Registers the caller's session keys (what `session.setKeys` does, which the runtime
		/// refuses): `keys` with `proof`, the keys' signatures of the caller's account
		/// (`author_rotateKeysWithOwner` returns both). Refused while the caller has keys and is
		/// in the validator set, or in pallet-session's current or queued set: pallet-session
		/// proves a current validator's key from its *registered* keys, so a validator that
		/// changed them could equivocate with its current key unprovably until the set changed.
		/// A validator rotates its keys by leaving and joining again; a member without keys
		/// (which authors in no session) may register some.
		///
		/// Origin: signed. Emits `KeysSet`.
		///
		/// Errors: `StillValidating`; pallet-session's `InvalidProof`, `DuplicatedKey`,
		/// `NoAccount`.
		#[pallet::call_index(4)]
		#[pallet::weight(Pallet::<T>::set_keys_weight())]
		pub fn set_keys(origin: OriginFor<T>, keys: T::Keys, proof: Vec<u8>) -> DispatchResult {
			let who = ensure_signed(origin.clone())?;
			ensure!(
				!Self::is_validating(&who) || !pallet_session::NextKeys::<T>::contains_key(&who),
				Error::<T>::StillValidating
			);
			// The dispatchable called as a function, as in `purge_keys`.
			pallet_session::Pallet::<T>::set_keys(origin, keys, proof)?;
			Self::deposit_event(Event::KeysSet { who });
			Ok(())
		}

		/// Notes that finality has stalled (more than a third of the GRANDPA voters lost for
		/// good): at the next session start GRANDPA forces that session's authorities in,
		/// `delay` blocks later, without the lost voters' signatures. What
		/// `grandpa.noteStalled` does, open to the emergency origin as well as root. Remove the
		/// lost validators first and wait until the session's current set is the one that
		/// should finalize (two session starts).
		///
		/// Origin: `ValidatorOrigin` (the root track) or `EmergencyOrigin` (the technical
		/// committee). Emits `FinalityStallNoted`.
		///
		/// Errors: `FinalizedNotBehind` when `best_finalized_block_number` is not below the
		/// current block.
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::note_stalled())]
		pub fn note_stalled(
			origin: OriginFor<T>,
			delay: BlockNumberFor<T>,
			best_finalized_block_number: BlockNumberFor<T>,
		) -> DispatchResult {
			Self::ensure_validator_or_emergency(origin)?;
			ensure!(
				best_finalized_block_number < frame_system::Pallet::<T>::block_number(),
				Error::<T>::FinalizedNotBehind
			);
			T::FinalityStall::note_stalled(delay, best_finalized_block_number);
			Self::deposit_event(Event::FinalityStallNoted {
				delay,
				best_finalized: best_finalized_block_number,
			});
			Ok(())
		}
	}
}

/// Where `note_stalled` sends a stall: the finality gadget's "force the next set in".
pub trait NoteFinalityStall<BlockNumber> {
	/// Force the authorities of the next session start in `delay` blocks after it, counting
	/// finality on from `best_finalized`.
	fn note_stalled(delay: BlockNumber, best_finalized: BlockNumber);
}

impl<BlockNumber> NoteFinalityStall<BlockNumber> for () {
	fn note_stalled(_delay: BlockNumber, _best_finalized: BlockNumber) {}
}

impl<T: Config> Pallet<T> {
	/// `ValidatorOrigin` or, failing it, `EmergencyOrigin`.
	fn ensure_validator_or_emergency(origin: T::RuntimeOrigin) -> Result<(), BadOrigin> {
		match T::ValidatorOrigin::try_origin(origin) {
			Ok(_) => Ok(()),
			Err(origin) => T::EmergencyOrigin::ensure_origin(origin).map(|_| ()),
		}
	}

	/// Whether `who` is in this pallet's set or in pallet-session's current or queued one.
	pub fn is_validating(who: &T::AccountId) -> bool {
		Validators::<T>::get().contains(who)
			|| pallet_session::Validators::<T>::get().contains(who)
			|| pallet_session::QueuedKeys::<T>::get().iter().any(|(v, _)| v == who)
	}

	/// Whether a member of the queued set has other registered keys than the queued ones (it
	/// cannot through this runtime's calls; kept as a guard): pallet-session's historical root
	/// of a session whose set did not change is the previous one, with the keys of then.
	fn queued_keys_stale() -> bool {
		pallet_session::QueuedKeys::<T>::get()
			.iter()
			.any(|(v, keys)| pallet_session::NextKeys::<T>::get(v).as_ref() != Some(keys))
	}

	/// The current session's validators that the set handed over now leaves out, and that are
	/// no members any more, leave now: their last session as authorities is the current one,
	/// which is when `removeValidator` would have had them leave had the change not been held
	/// back (`SetChangeRefused`).
	fn note_departures(next: &[T::AccountId], members: &[T::AccountId]) {
		let session = pallet_session::Pallet::<T>::current_index();
		for v in pallet_session::Validators::<T>::get() {
			if next.contains(&v) || members.contains(&v) {
				continue;
			}
			let left = session.saturating_sub(1);
			LeftIn::<T>::mutate(&v, |recorded| {
				*recorded = Some(recorded.map_or(left, |r| r.max(left)));
			});
		}
	}

	/// `add_validator`: its benchmarked weight (the deposit's hold and the records included).
	pub fn add_validator_weight() -> Weight {
		<T as Config>::WeightInfo::add_validator()
	}

	/// `set_keys`: pallet-session's `set_keys` (benchmarked upstream) and the three sets read
	/// to refuse a validator, and its keys.
	pub fn set_keys_weight() -> Weight {
		use pallet_session::WeightInfo as _;
		<T as pallet_session::Config>::WeightInfo::set_keys()
			.saturating_add(<T as frame_system::Config>::DbWeight::get().reads(4))
	}

	/// `purge_keys`: pallet-session's `purge_keys` (benchmarked upstream) and the three sets
	/// read to refuse a validator. Not generated here: the call adds reads to a call whose
	/// weight is pallet-session's.
	pub fn purge_keys_weight() -> Weight {
		use pallet_session::WeightInfo as _;
		// The three sets, when it left and the session index, then the deposit's release (the
		// hold and the account) and the two records' removal.
		<T as pallet_session::Config>::WeightInfo::purge_keys()
			.saturating_add(<T as frame_system::Config>::DbWeight::get().reads_writes(7, 4))
	}
}

/// pallet-session asks at each session start for the set of the session after next: the
/// validators, when they changed since it last asked.
impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	/// A changed set goes to pallet-session with its members that have keys only, and only when
	/// at least `MinValidators` of them do (never an empty set: GRANDPA would schedule no voter
	/// and every node would refuse that block). Otherwise the sessions keep the previous set and
	/// the change waits for the next session start. An unchanged set goes again when a member's
	/// registered keys are not the ones queued (see `queued_keys_stale`). The members the set
	/// hands over leaves out are recorded as leaving now (`LeftIn`).
	fn new_session(_new_index: u32) -> Option<Vec<T::AccountId>> {
		if !Changed::<T>::get() && !Self::queued_keys_stale() {
			return None;
		}
		let validators = Validators::<T>::get().into_inner();
		let total = validators.len();
		let with_keys: Vec<T::AccountId> = validators
			.iter()
			.filter(|v| pallet_session::NextKeys::<T>::contains_key(v))
			.cloned()
			.collect();
		let min = T::MinValidators::get().max(1);
		if with_keys.len() < min as usize {
			let with_keys = u32::try_from(with_keys.len()).unwrap_or(u32::MAX);
			Self::deposit_event(Event::SetChangeRefused { with_keys, min });
			return None;
		}
		Changed::<T>::put(false);
		let without_keys = total.saturating_sub(with_keys.len());
		if without_keys > 0 {
			let without_keys = u32::try_from(without_keys).unwrap_or(u32::MAX);
			Self::deposit_event(Event::LeftOutWithoutKeys { without_keys });
		}
		Self::note_departures(&with_keys, &validators);
		Some(with_keys)
	}

	/// The genesis set (this pallet's genesis must be built before pallet-session's: declare it
	/// first in the runtime); none when empty, so session falls back to its genesis keys.
	fn new_session_genesis(_new_index: u32) -> Option<Vec<T::AccountId>> {
		let validators = Validators::<T>::get().into_inner();
		(!validators.is_empty()).then_some(validators)
	}

	/// Counts the ending session's validators that authored no block (see `liveness.rs`).
	fn end_session(_end_index: u32) {
		Self::close_session_liveness();
	}

	/// Prunes the historical session roots older than `HistoryDepth` sessions (at most one
	/// per session start once the depth is reached).
	fn start_session(start_index: u32) {
		let keep_from = start_index.saturating_sub(T::HistoryDepth::get());
		if keep_from > 0 {
			pallet_session::historical::Pallet::<T>::prune_up_to(keep_from);
		}
	}
}

/// The same for pallet-session's historical roots (`NoteHistoricalRoot` in the runtime): each
/// validator's full identification is `()` (a proof-of-authority validator stakes nothing but
/// its deposit, which is read when an offence is reported, not when the session starts).
impl<T: Config> pallet_session::historical::SessionManager<T::AccountId, ()> for Pallet<T> {
	fn new_session(new_index: u32) -> Option<Vec<(T::AccountId, ())>> {
		<Self as pallet_session::SessionManager<_>>::new_session(new_index)
			.map(|set| set.into_iter().map(|v| (v, ())).collect())
	}

	fn new_session_genesis(new_index: u32) -> Option<Vec<(T::AccountId, ())>> {
		<Self as pallet_session::SessionManager<_>>::new_session_genesis(new_index)
			.map(|set| set.into_iter().map(|v| (v, ())).collect())
	}

	fn start_session(start_index: u32) {
		<Self as pallet_session::SessionManager<_>>::start_session(start_index)
	}

	fn end_session(end_index: u32) {
		<Self as pallet_session::SessionManager<_>>::end_session(end_index)
	}
}
