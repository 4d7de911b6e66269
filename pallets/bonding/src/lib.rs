// SPDX-License-Identifier: Apache-2.0
#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
mod rewards;
mod stake;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use flywheel_primitives::{
	AdminScope, Balance, BondedSupply, Bounds, CurrentRound, EmissionSink, ExclusiveFreeze,
};
use sp_runtime::{FixedU128, Perbill};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, InspectHold, Mutate, MutateHold},
			tokens::{Precision, Preservation},
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{AccountIdConversion, Saturating};

	/// v1: operator terms wait for a later round ([`migrations::v1`]); v2: rewards compound
	/// and bonds mature ([`migrations::v2`]); v3: only candidates hold slots
	/// ([`migrations::v3`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds FLY.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Bonded to an operator, or unbonding.
		Bonded,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// FLY: held while bonded, paid out as rewards and fees from the pool.
		type Currency: Mutate<Self::AccountId>
			+ Inspect<Self::AccountId, Balance = Balance>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;
		/// The inflation round in progress (pallet-inflation).
		type Rounds: CurrentRound;
		/// May set the operator rules and remove any operator: root (`AdminScope::Full`) or the
		/// `TokenomicsAdmin` referendum origin (`AdminScope::Bounded`: rules only within
		/// [`Config::GovernanceBounds`]).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = AdminScope>;
		/// The hard range of each operator rule for the bounded admin origin.
		/// Not a metadata constant: a runtime may derive it from storage (Flywheel's chain
		/// profile and feeder set); runtime/README.md lists the ranges.
		type GovernanceBounds: Get<Bounds<OperatorRules>>;
		/// The operator rules at genesis.
		type DefaultOperatorRules: Get<OperatorRules>;
		/// FLY locked in veFLY (pallet-subdaos): a bond holds only what is free beyond it, so
		/// one FLY backs one role.
		type VeFly: ExclusiveFreeze<Self::AccountId>;
		/// The reward pool account: receives the stakers' emission and deposited fees.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Blocks at the end of a round in which a change of terms no longer applies from the
		/// next round but from the one after (Livepeer's lock period).
		/// Not a metadata constant: a runtime may read it from storage (Flywheel's chain profile),
		/// and the metadata must be the same on every chain that runs one wasm.
		type TermsLockPeriod: Get<BlockNumberFor<Self>>;
		/// The most a change of terms may raise the reward cut, or lower the fee share, at once
		/// (subtensor bounds take increases the same way). One change for the worse can be
		/// pending at a time, and it applies a full round after it is announced.
		#[pallet::constant]
		type MaxTermsStep: Get<Perbill>;
		/// Rounds an unbonding lock waits before it can be withdrawn.
		#[pallet::constant]
		type UnbondingPeriod: Get<RoundIndex>;
		/// Rounds after governance tightens the operator rules (raises `min_self_bond` or lowers
		/// `max_idle_rounds`) before anyone may remove an operator under the tighter rule (a raised
		/// minimum binds new registrations at once): operators have time to comply.
		#[pallet::constant]
		type RulesGracePeriod: Get<RoundIndex>;
		/// Most candidates: operators that have not resigned. A resigned or removed operator's
		/// record (kept while its delegators' stake or its earnings are left) holds no slot;
		/// with every slot taken, a newcomer whose self-bond is above the lowest candidate's
		/// stake evicts it.
		#[pallet::constant]
		type MaxOperators: Get<u32>;
		/// Size of the active set that shares each round's rewards.
		#[pallet::constant]
		type MaxActiveOperators: Get<u32>;
		/// Most open unbonding locks per account.
		#[pallet::constant]
		type MaxUnbondingLocks: Get<u32>;
		/// The least FLY a new delegation bonds.
		#[pallet::constant]
		type MinBond: Get<Balance>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	#[pallet::type_value]
	pub fn DefaultRules<T: Config>() -> OperatorRules {
		T::DefaultOperatorRules::get()
	}

	/// What an operator must keep up to hold its slot.
	#[pallet::storage]
	pub type Rules<T: Config> = StorageValue<_, OperatorRules, ValueQuery, DefaultRules<T>>;

	/// Operators' records: the candidates, and resigned or removed operators while stake
	/// bonded to them or their earnings are left (each record needed a registration that
	/// bonded `min_self_bond`).
	#[pallet::storage]
	pub type Operators<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, T::AccountId, OperatorInfo>;

	/// The candidates: operators that have not resigned, in registration order. The active set
	/// is chosen from them; only they hold the `MaxOperators` slots.
	#[pallet::storage]
	pub type Candidates<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxOperators>, ValueQuery>;

	/// While tightened rules are in their grace period: the most lenient rules removal by anyone
	/// used before, which it keeps using (part by part, whichever is more lenient) until the
	/// round given.
	#[pallet::storage]
	pub type RulesGrace<T: Config> = StorageValue<_, (OperatorRules, RoundIndex), OptionQuery>;

	/// Each delegator's bond (one operator at a time, as in Livepeer).
	#[pallet::storage]
	pub type Delegations<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Delegation<T::AccountId>>;

	/// Each account's unbonding locks.
	#[pallet::storage]
	pub type UnbondingLocks<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Unbonding<T::MaxUnbondingLocks>, ValueQuery>;

	/// The factors each closed cohort of bonds (per operator, by round) started to count at.
	#[pallet::storage]
	pub type Cohorts<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, RoundIndex, CohortStart>;

	/// FLY bonded in total (= Σ operator stakes: bonds, compounded rewards, maturing bonds).
	#[pallet::storage]
	pub type TotalBonded<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// The active set of the last reward round, with each operator's stake then.
	#[pallet::storage]
	pub type ActiveSet<T: Config> =
		StorageValue<_, BoundedVec<(T::AccountId, Balance), T::MaxActiveOperators>, ValueQuery>;

	/// Rewards in the pool not yet credited to anyone (no active stake yet, or rounding dust);
	/// they join the next round's rewards.
	#[pallet::storage]
	pub type Unallocated<T: Config> = StorageValue<_, Balance, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `operator` registered.
		OperatorRegistered { operator: T::AccountId, reward_cut: Perbill, fee_share: Perbill },
		/// `operator` changed its terms; they apply from round `from_round`.
		OperatorUpdated {
			operator: T::AccountId,
			reward_cut: Perbill,
			fee_share: Perbill,
			from_round: RoundIndex,
		},
		/// `operator` resigned.
		OperatorResigned { operator: T::AccountId },
		/// `operator` was removed (below the minimum self-bond, idle, or by governance); its
		/// self-bond went into an unbonding lock.
		OperatorRemoved { operator: T::AccountId, by_governance: bool },
		/// Governance set the operator rules.
		OperatorRulesSet { rules: OperatorRules },
		/// `delegator` bonded `amount` more to `operator`.
		Bonded { delegator: T::AccountId, operator: T::AccountId, amount: Balance },
		/// `delegator` moved its whole bond from `from` to `to`.
		Redelegated {
			delegator: T::AccountId,
			from: T::AccountId,
			to: T::AccountId,
			amount: Balance,
		},
		/// `delegator` unbonded `amount` into lock `lock_id`, withdrawable from `withdraw_round`
		/// (with every lock taken, the amount joins the last lock, which then waits for the
		/// later of the two rounds).
		Unbonded {
			delegator: T::AccountId,
			operator: T::AccountId,
			amount: Balance,
			lock_id: LockId,
			withdraw_round: RoundIndex,
		},
		/// Lock `lock_id` went back to `operator`.
		Rebonded {
			delegator: T::AccountId,
			operator: T::AccountId,
			lock_id: LockId,
			amount: Balance,
		},
		/// Lock `lock_id` was released to its owner.
		Withdrawn { delegator: T::AccountId, lock_id: LockId, amount: Balance },
		/// `who` was paid `amount` of rewards and fees.
		EarningsClaimed { who: T::AccountId, amount: Balance },
		/// A round's rewards: `amount` credited among `operators` active operators
		/// (`unallocated` wait for the next round).
		RewardsDistributed {
			round: RoundIndex,
			amount: Balance,
			operators: u32,
			unallocated: Balance,
		},
		/// `payer` deposited `amount` of fees for `operator`.
		FeesDeposited { payer: T::AccountId, operator: T::AccountId, amount: Balance },
		/// With every slot taken, `by` registered with a self-bond above `operator`'s whole
		/// `stake`, the lowest candidate's: `operator` resigned (its bonds stay; its delegators
		/// may unbond or redelegate).
		OperatorEvicted { operator: T::AccountId, by: T::AccountId, stake: Balance },
		/// `operator`, resigned or evicted, is a candidate again with its terms, bonding
		/// `self_bond` more to itself.
		OperatorRejoined { operator: T::AccountId, self_bond: Balance },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already an operator.
		AlreadyOperator,
		/// Every candidate slot is taken and the self-bond offered is not above the lowest
		/// candidate's stake.
		TooManyOperators,
		/// No such operator.
		UnknownOperator,
		/// The operator resigned and takes no new bonds.
		OperatorResigned,
		/// The caller is not an operator.
		NotOperator,
		/// Amounts must be above zero.
		ZeroAmount,
		/// A new delegation below `MinBond`.
		BelowMinimum,
		/// The caller cannot hold that much FLY (free balance too low).
		InsufficientBalance,
		/// The FLY is locked in veFLY; one FLY backs one role (unlock it first).
		LockedInVeFly,
		/// The caller has no bond.
		NotBonded,
		/// The caller is bonded to another operator: use `redelegate`.
		BondedElsewhere,
		/// The bond is smaller than the amount.
		InsufficientBond,
		/// No longer returned: an unbond with every lock open joins the last lock. Kept so the
		/// later errors keep their indices.
		TooManyUnbondingLocks,
		/// No such unbonding lock.
		UnknownLock,
		/// The lock's unbonding period has not passed.
		LockNotRipe,
		/// Already bonded to that operator.
		SameOperator,
		/// There are no earnings to claim.
		NothingToClaim,
		/// The operator keeps its self-bond and has been active recently: only governance may
		/// remove it.
		OperatorInGoodStanding,
		/// An amount overflowed.
		Overflow,
		/// A self-bond below the rules' `min_self_bond`.
		BelowMinSelfBond,
		/// The operator resigned and has no self-bond left: there is nothing to remove.
		NothingToRemove,
		/// An unbond would leave a bond below `MinBond` (unbond all of it instead).
		DustBond,
		/// Terms are pending and these are worse for delegators (a higher cut or a lower fee
		/// share) than them: a pending change cannot be replaced by a worse one; wait until it
		/// applies.
		TermsPending,
		/// The cut rises, or the fee share falls, by more than `MaxTermsStep` at once.
		TermsStepTooLarge,
		/// The operator has not resigned: it is a candidate already.
		NotResigned,
		/// The value is outside the range the bounded admin origin (the `tokenomics_admin`
		/// track) may set; only the root track may.
		OutsideGovernanceBounds,
	}

	/// Endows the reward pool with the existential deposit, so claims can always leave it
	/// alive and rewards of any size can wait there. It can also register operators and bond
	/// delegators (the development chain's examples), through the same calls users make.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Operators `(account, reward_cut, fee_share)`, registered in this order.
		pub operators: alloc::vec::Vec<(T::AccountId, Perbill, Perbill)>,
		/// Bonds `(delegator, operator, amount)`, held from the delegator's balance.
		pub bonds: alloc::vec::Vec<(T::AccountId, T::AccountId, Balance)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let pool = Pallet::<T>::pool_account();
			let endowed =
				flywheel_primitives::endow_with_existential_deposit::<_, T::Currency>(&pool);
			debug_assert!(endowed.is_ok(), "the reward pool could not be endowed at genesis");
			let signed = |who: &T::AccountId| frame_system::RawOrigin::Signed(who.clone()).into();
			// A bad genesis must not start a chain: each step states what failed.
			let self_bond = Rules::<T>::get().min_self_bond;
			for (operator, reward_cut, fee_share) in &self.operators {
				let registered = Pallet::<T>::register_operator(
					signed(operator),
					*reward_cut,
					*fee_share,
					self_bond,
				);
				if let Err(e) = registered {
					panic!("genesis operator {operator:?}: {e:?}");
				}
			}
			for (delegator, operator, amount) in &self.bonds {
				// Genesis bonds count from the first round (nothing was bonded before them).
				let bonded =
					Pallet::<T>::do_bond(delegator.clone(), operator.clone(), *amount, true);
				if let Err(e) = bonded {
					panic!("genesis bond of {delegator:?} to {operator:?}: {e:?}");
				}
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxActiveOperators::get() > 0, "MaxActiveOperators must not be zero");
			assert!(T::MaxUnbondingLocks::get() > 0, "MaxUnbondingLocks must not be zero");
			assert!(
				T::MaxActiveOperators::get() <= T::MaxOperators::get(),
				"MaxActiveOperators must not exceed MaxOperators"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers the caller as a candidate operator, bonding `self_bond` of its FLY to itself
		/// (at least `min_self_bond`, so slots cannot be filled for free). With every one of the
		/// `MaxOperators` slots taken, the candidate with the least stake (the later registered
		/// on a tie) is evicted if `self_bond` is above its stake (as Livepeer's transcoder pool
		/// does); otherwise the registration is refused. Resigned and removed operators hold no
		/// slot. A cut or share above 100% cannot be decoded.
		///
		/// Origin: signed. Emits `OperatorRegistered`, `Bonded` for the self-bond, and
		/// `OperatorEvicted` when it takes a slot. Errors: `AlreadyOperator`, `BelowMinSelfBond`,
		/// `TooManyOperators`, `BondedElsewhere`, `InsufficientBalance`, `LockedInVeFly`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_operator())]
		pub fn register_operator(
			origin: OriginFor<T>,
			reward_cut: Perbill,
			fee_share: Perbill,
			self_bond: Balance,
		) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			ensure!(!Operators::<T>::contains_key(&operator), Error::<T>::AlreadyOperator);
			ensure!(self_bond >= Rules::<T>::get().min_self_bond, Error::<T>::BelowMinSelfBond);
			Self::take_slot(&operator, self_bond)?;
			let round = T::Rounds::current_round();
			Operators::<T>::insert(&operator, OperatorInfo::new(reward_cut, fee_share, round));
			Self::deposit_event(Event::OperatorRegistered {
				operator: operator.clone(),
				reward_cut,
				fee_share,
			});
			if self_bond > 0 {
				Self::do_bond(operator.clone(), operator, self_bond, false)?;
			}
			Ok(())
		}

		/// Announces new terms for the caller. Terms at least as good for delegators as the
		/// current ones (a cut no higher, a fee share no lower) apply from the next round, or from
		/// the round after when set within `TermsLockPeriod` blocks of the round's end. Terms worse
		/// in either part apply from the round after next: the first round they pay for starts
		/// after the announcement, so delegators collect the round in progress under the terms
		/// they bonded for and can leave before the new ones pay. A worse change moves each part by
		/// at most `MaxTermsStep`, and cannot replace pending terms it is worse than (one raise at
		/// a time; a pending lower cut always applies as announced). Terms replacing pending ones
		/// apply no later than those would have.
		///
		/// Origin: signed by an operator. Emits `OperatorUpdated`. Errors: `NotOperator`,
		/// `OperatorResigned`, `TermsPending`, `TermsStepTooLarge`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_operator())]
		pub fn update_operator(
			origin: OriginFor<T>,
			reward_cut: Perbill,
			fee_share: Perbill,
		) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			let round = T::Rounds::current_round();
			let now = frame_system::Pallet::<T>::block_number();
			let lock_starts = BlockNumberFor::<T>::from(T::Rounds::next_round_start())
				.saturating_sub(T::TermsLockPeriod::get());
			let worse = |cut: Perbill, share: Perbill| reward_cut > cut || fee_share < share;
			let from_round = Operators::<T>::try_mutate(&operator, |info| {
				let info = info.as_mut().ok_or(Error::<T>::NotOperator)?;
				ensure!(!info.resigned, Error::<T>::OperatorResigned);
				info.apply_due_terms(round);
				let pending = info.next_terms;
				if let Some(pending) = pending {
					ensure!(
						!worse(pending.reward_cut, pending.fee_share),
						Error::<T>::TermsPending
					);
				}
				let worse_now = worse(info.reward_cut, info.fee_share);
				if worse_now {
					let step = T::MaxTermsStep::get();
					ensure!(
						reward_cut.saturating_sub(info.reward_cut) <= step
							&& info.fee_share.saturating_sub(fee_share) <= step,
						Error::<T>::TermsStepTooLarge
					);
				}
				let mut from_round = if worse_now || now >= lock_starts {
					round.saturating_add(2)
				} else {
					round.saturating_add(1)
				};
				// Terms no worse than pending ones never wait longer than those did: re-announcing
				// cannot postpone an advertised lower cut.
				if let Some(pending) = pending {
					from_round = from_round.min(pending.from_round);
				}
				info.next_terms = Some(PendingTerms { reward_cut, fee_share, from_round });
				Ok::<_, Error<T>>(from_round)
			})?;
			Self::deposit_event(Event::OperatorUpdated {
				operator,
				reward_cut,
				fee_share,
				from_round,
			});
			Ok(())
		}

		/// Resigns: no new bonds; out of the active set from the next round. Delegators keep
		/// their bonds and earnings and can unbond or redelegate; the record goes once its stake
		/// and earnings are gone.
		///
		/// Origin: signed, an operator. Emits `OperatorResigned`. Errors: `NotOperator`,
		/// `OperatorResigned`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::resign())]
		pub fn resign(origin: OriginFor<T>) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			let mut info = Operators::<T>::get(&operator).ok_or(Error::<T>::NotOperator)?;
			ensure!(!info.resigned, Error::<T>::OperatorResigned);
			info.resigned = true;
			Self::leave_candidates(&operator);
			Self::store_operator(&operator, info);
			Self::deposit_event(Event::OperatorResigned { operator });
			Ok(())
		}

		/// Bonds `amount` more FLY to `operator` (held from the caller's free balance). The bond
		/// counts in the operator's stake at once but shares rewards and fees only from the
		/// round start after this round has ended: a bond made just before a round starts earns
		/// nothing of the round being paid.
		///
		/// Origin: signed. Emits `Bonded`. Errors: `ZeroAmount`, `UnknownOperator`,
		/// `OperatorResigned`, `BondedElsewhere`, `LockedInVeFly`, `InsufficientBalance`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::bond())]
		pub fn bond(
			origin: OriginFor<T>,
			operator: T::AccountId,
			amount: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond(who, operator, amount, false)
		}

		/// Moves `amount` of the caller's bond (its compounded rewards included; FLY still
		/// maturing first) into an unbonding lock, withdrawable after `UnbondingPeriod` rounds.
		/// Fees are settled first and stay claimable.
		///
		/// With `MaxUnbondingLocks` locks open, the amount joins the last lock, which then waits
		/// for the later of its round and this one's (so an unbond never fails for want of a lock).
		///
		/// What stays bonded is none or at least `MinBond`.
		///
		/// Origin: signed, a delegator. Emits `Unbonded`. Errors: `DustBond`, `InsufficientBond`,
		/// `NotBonded`, `Overflow`, `UnknownOperator`, `ZeroAmount`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::unbond())]
		pub fn unbond(origin: OriginFor<T>, amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(who, amount)
		}

		/// Bonds an unbonding lock again, to the caller's operator (as a new bond: it shares
		/// rewards from the round start after this round).
		///
		/// Origin: signed, the lock's owner. Emits `Rebonded`. Errors: `NotBonded`,
		/// `OperatorResigned`, `Overflow`, `UnknownLock`, `UnknownOperator`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::rebond())]
		pub fn rebond(origin: OriginFor<T>, lock_id: LockId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let delegation = Delegations::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
			let operator = delegation.operator.clone();
			let mut op = Operators::<T>::get(&operator).ok_or(Error::<T>::UnknownOperator)?;
			ensure!(!op.resigned, Error::<T>::OperatorResigned);
			let mut unbonding = UnbondingLocks::<T>::get(&who);
			let index = unbonding
				.locks
				.iter()
				.position(|l| l.id == lock_id)
				.ok_or(Error::<T>::UnknownLock)?;
			let amount = unbonding.locks.remove(index).amount;
			let round = T::Rounds::current_round();
			Self::mature_due(&operator, &mut op, round);
			let mut delegation = Self::settle(&who, delegation, &op)?;
			Self::add_maturing(&mut delegation, &mut op, amount, round)?;
			let total = TotalBonded::<T>::get().checked_add(amount).ok_or(Error::<T>::Overflow)?;
			UnbondingLocks::<T>::insert(&who, unbonding);
			Delegations::<T>::insert(&who, delegation);
			Operators::<T>::insert(&operator, op);
			TotalBonded::<T>::put(total);
			Self::deposit_event(Event::Rebonded { delegator: who, operator, lock_id, amount });
			Ok(())
		}

		/// Releases a ripe unbonding lock to the caller's free balance.
		///
		/// Origin: signed, the lock's owner. Emits `Withdrawn`. Errors: `LockNotRipe`,
		/// `UnknownLock`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, lock_id: LockId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut unbonding = UnbondingLocks::<T>::get(&who);
			let index = unbonding
				.locks
				.iter()
				.position(|l| l.id == lock_id)
				.ok_or(Error::<T>::UnknownLock)?;
			let lock = unbonding.locks[index];
			ensure!(T::Rounds::current_round() >= lock.withdraw_round, Error::<T>::LockNotRipe);
			unbonding.locks.remove(index);
			T::Currency::release(&HoldReason::Bonded.into(), &who, lock.amount, Precision::Exact)?;
			if unbonding.locks.is_empty() {
				UnbondingLocks::<T>::remove(&who);
			} else {
				UnbondingLocks::<T>::insert(&who, unbonding);
			}
			Self::deposit_event(Event::Withdrawn { delegator: who, lock_id, amount: lock.amount });
			Ok(())
		}

		/// Pays the caller's earnings: as a delegator its fees (rewards compound into the bond
		/// instead, and leave it by `unbond`) and, if it is an operator, its own cut and kept
		/// fees. The bond's compounded rewards are settled into its hold on the way.
		///
		/// Origin: signed. Emits `EarningsClaimed`. Errors: `NothingToClaim`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::claim_earnings())]
		pub fn claim_earnings(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let round = T::Rounds::current_round();
			let mut amount: Balance = 0;
			// The operator record touched (the caller's own when it is bonded to itself).
			let mut touched: Option<(T::AccountId, OperatorInfo)> = None;
			if let Some(d) = Delegations::<T>::get(&who) {
				let operator = d.operator.clone();
				match Operators::<T>::get(&operator) {
					Some(mut op) => {
						Self::mature_due(&operator, &mut op, round);
						let mut d = Self::settle(&who, d, &op)?;
						amount = amount.saturating_add(d.pending);
						d.pending = 0;
						Self::store_delegation(&who, d, &mut op);
						touched = Some((operator, op));
					}
					// A removed operator has no bonds left: only fees are owed.
					None => {
						amount = amount.saturating_add(d.pending);
						Delegations::<T>::remove(&who);
					}
				}
			}
			let own = match touched.take() {
				Some((operator, op)) if operator == who => Some(op),
				other => {
					if let Some((operator, op)) = other {
						Self::store_operator(&operator, op);
					}
					Operators::<T>::get(&who)
				}
			};
			if let Some(mut op) = own {
				amount = amount.saturating_add(op.earnings);
				op.earnings = 0;
				Self::store_operator(&who, op);
			}
			ensure!(amount > 0, Error::<T>::NothingToClaim);
			T::Currency::transfer(&Self::pool_account(), &who, amount, Preservation::Preserve)?;
			Self::deposit_event(Event::EarningsClaimed { who, amount });
			Ok(())
		}

		/// Moves the caller's whole bond (compounded rewards included) to `to`, where it is a
		/// new bond: it shares `to`'s rewards from the round start after this round. Fees so far
		/// stay claimable.
		///
		/// Origin: signed. Emits `Redelegated`. Errors: `NotBonded`, `SameOperator`,
		/// `UnknownOperator`, `OperatorResigned`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::redelegate())]
		pub fn redelegate(origin: OriginFor<T>, to: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let delegation = Delegations::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
			let from = delegation.operator.clone();
			ensure!(from != to, Error::<T>::SameOperator);
			let mut new_op = Operators::<T>::get(&to).ok_or(Error::<T>::UnknownOperator)?;
			ensure!(!new_op.resigned, Error::<T>::OperatorResigned);
			let mut old_op = Operators::<T>::get(&from).ok_or(Error::<T>::UnknownOperator)?;
			let round = T::Rounds::current_round();
			Self::mature_due(&from, &mut old_op, round);
			Self::mature_due(&to, &mut new_op, round);
			let mut settled = Self::settle(&who, delegation, &old_op)?;
			let amount = settled.bonded.saturating_add(settled.maturing);
			ensure!(amount > 0, Error::<T>::NotBonded);
			Self::take_out(&mut settled, &mut old_op, amount)?;
			Self::delegator_left(&mut old_op);
			new_op.delegators = new_op.delegators.checked_add(1).ok_or(Error::<T>::Overflow)?;
			let mut moved = Delegation {
				operator: to.clone(),
				bonded: 0,
				reward_factor: new_op.reward_factor,
				fee_factor: new_op.fee_factor,
				pending: settled.pending,
				maturing: 0,
				maturing_round: round,
			};
			Self::add_maturing(&mut moved, &mut new_op, amount, round)?;
			TotalBonded::<T>::mutate(|t| *t = t.saturating_add(amount));
			Delegations::<T>::insert(&who, moved);
			Operators::<T>::insert(&to, new_op);
			Self::stake_fell(&from, old_op.stake);
			Self::store_operator(&from, old_op);
			Self::deposit_event(Event::Redelegated { delegator: who, from, to, amount });
			Ok(())
		}

		/// Deposits `amount` FLY of fees for `operator`: its delegators get `fee_share` of it
		/// pro rata to their counted bonds (claimable), the operator the rest (all of it while
		/// nothing counts).
		///
		/// Origin: signed, anyone (pays the fees). Emits `FeesDeposited`. Errors:
		/// `InsufficientBalance`, `Overflow`, `UnknownOperator`, `ZeroAmount`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::deposit_fees())]
		pub fn deposit_fees(
			origin: OriginFor<T>,
			operator: T::AccountId,
			amount: Balance,
		) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			let mut op = Operators::<T>::get(&operator).ok_or(Error::<T>::UnknownOperator)?;
			let round = T::Rounds::current_round();
			op.apply_due_terms(round);
			Self::mature_due(&operator, &mut op, round);
			// Fees go to counted stake; without any there is no delegator to share with: all of
			// it is the operator's.
			let counted = op.counted_stake();
			let shared = if counted > 0 { op.fee_share.mul_floor(amount) } else { 0 };
			let increase = types::fee_increase(shared, counted, op.reward_factor);
			op.fee_factor = op.fee_factor.saturating_add(increase);
			op.earnings = op
				.earnings
				.checked_add(amount.saturating_sub(shared))
				.ok_or(Error::<T>::Overflow)?;
			T::Currency::transfer(&payer, &Self::pool_account(), amount, Preservation::Preserve)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
			Operators::<T>::insert(&operator, op);
			Self::deposit_event(Event::FeesDeposited { payer, operator, amount });
			Ok(())
		}
		/// Sets the operator rules: the self-bond a new operator bonds and below which anyone may
		/// remove it, and the rounds outside the active set after which anyone may. Tighter rules
		/// (a raised `min_self_bond` or a lowered `max_idle_rounds`) bind removals by anyone only
		/// after `RulesGracePeriod` rounds (until then the more lenient rule applies, part by
		/// part), so operators have time to comply; a raised minimum binds registrations at once.
		///
		/// Origin: `AdminOrigin`. Emits `OperatorRulesSet`. Errors: `OutsideGovernanceBounds`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_operator_rules())]
		pub fn set_operator_rules(origin: OriginFor<T>, rules: OperatorRules) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			ensure!(
				scope.allows(&rules, &T::GovernanceBounds::get()),
				Error::<T>::OutsideGovernanceBounds
			);
			let round = T::Rounds::current_round();
			let current = Rules::<T>::get();
			let tighter = rules.min_self_bond > current.min_self_bond
				|| rules.max_idle_rounds < current.max_idle_rounds;
			if tighter {
				let lenient = Self::lenient_rules(current, round);
				let until = round.saturating_add(T::RulesGracePeriod::get());
				RulesGrace::<T>::put((lenient, until));
			}
			Rules::<T>::put(rules);
			Self::deposit_event(Event::OperatorRulesSet { rules });
			Ok(())
		}

		/// Removes `operator`: it resigns (leaving its candidate slot), and its self-bond moves
		/// into an unbonding lock of its own (joining its last lock when all are taken, so a
		/// removal never fails for want of a lock); its delegators keep their bonds and earnings
		/// and can unbond or redelegate (the record goes with its last stake and earnings).
		/// Anyone may remove an operator whose self-bond is below `min_self_bond` or that has
		/// been outside the active set for more than `max_idle_rounds` rounds; governance may
		/// remove any. A resigned operator with self-bond left can be removed the same way (its
		/// self-bond then unbonds).
		///
		/// Origin: `AdminOrigin`, or signed under those conditions. Emits `OperatorRemoved`.
		/// Errors: `UnknownOperator`, `NothingToRemove`, `OperatorInGoodStanding`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::remove_operator())]
		pub fn remove_operator(origin: OriginFor<T>, operator: T::AccountId) -> DispatchResult {
			let by_governance = T::AdminOrigin::ensure_origin(origin.clone()).is_ok();
			if !by_governance {
				ensure_signed(origin)?;
			}
			let mut op = Operators::<T>::get(&operator).ok_or(Error::<T>::UnknownOperator)?;
			let round = T::Rounds::current_round();
			let self_bond = Self::self_bond_of(&operator, &op);
			ensure!(!op.resigned || self_bond > 0, Error::<T>::NothingToRemove);
			let idle = round.saturating_sub(op.last_active_round);
			let rules = Self::removal_rules(round);
			ensure!(
				by_governance || self_bond < rules.min_self_bond || idle > rules.max_idle_rounds,
				Error::<T>::OperatorInGoodStanding
			);
			// Stored first (and removed at once if nothing is left); the self-bond's unbonding
			// then settles against the resigned record.
			if !op.resigned {
				op.resigned = true;
				Self::leave_candidates(&operator);
			}
			Self::store_operator(&operator, op);
			if self_bond > 0 {
				Self::do_unbond(operator.clone(), self_bond)?;
			}
			Self::deposit_event(Event::OperatorRemoved { operator, by_governance });
			Ok(())
		}

		/// Makes a resigned (or evicted) operator a candidate again, with the terms it has, and
		/// bonds `self_bond` more to itself (0 for none). Its self-bond must then be at least
		/// `min_self_bond`; with every slot taken its whole stake must be above the lowest
		/// candidate's, which it evicts (as `register_operator`). Its delegators stayed bonded
		/// under those terms, so nothing changes for them but that it can earn again. The rounds
		/// it spent outside the active set still count for removal by `max_idle_rounds`.
		///
		/// Origin: signed, a resigned operator. Emits `OperatorRejoined`, `OperatorEvicted` when
		/// it takes a slot, `Bonded` for the self-bond. Errors: `NotOperator`, `NotResigned`,
		/// `BelowMinSelfBond`, `TooManyOperators`, the bond's errors.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::rejoin())]
		pub fn rejoin(origin: OriginFor<T>, self_bond: Balance) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			let mut info = Operators::<T>::get(&operator).ok_or(Error::<T>::NotOperator)?;
			ensure!(info.resigned, Error::<T>::NotResigned);
			let own = Self::self_bond_of(&operator, &info)
				.checked_add(self_bond)
				.ok_or(Error::<T>::Overflow)?;
			ensure!(own >= Rules::<T>::get().min_self_bond, Error::<T>::BelowMinSelfBond);
			let stake = info.stake.checked_add(self_bond).ok_or(Error::<T>::Overflow)?;
			Self::take_slot(&operator, stake)?;
			info.resigned = false;
			Self::store_operator(&operator, info);
			Self::deposit_event(Event::OperatorRejoined { operator: operator.clone(), self_bond });
			if self_bond > 0 {
				Self::do_bond(operator.clone(), operator, self_bond, false)?;
			}
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Bonds `amount` of `who`'s FLY to `operator` (the `bond` call's logic): into the
		/// operator's open cohort, or counting at once (`counts_now`, genesis bonds only).
		pub(crate) fn do_bond(
			who: T::AccountId,
			operator: T::AccountId,
			amount: Balance,
			counts_now: bool,
		) -> DispatchResult {
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			let mut op = Operators::<T>::get(&operator).ok_or(Error::<T>::UnknownOperator)?;
			ensure!(!op.resigned, Error::<T>::OperatorResigned);
			Self::ensure_not_ve_locked(&who, amount)?;
			let round = T::Rounds::current_round();
			Self::mature_due(&operator, &mut op, round);
			let mut delegation = match Delegations::<T>::get(&who) {
				Some(d) => {
					ensure!(d.operator == operator, Error::<T>::BondedElsewhere);
					Self::settle(&who, d, &op)?
				}
				None => {
					// A new delegation holds the minimum (dust bonds would bloat the map).
					ensure!(amount >= T::MinBond::get(), Error::<T>::BelowMinimum);
					op.delegators = op.delegators.checked_add(1).ok_or(Error::<T>::Overflow)?;
					Delegation {
						operator: operator.clone(),
						bonded: 0,
						reward_factor: op.reward_factor,
						fee_factor: op.fee_factor,
						pending: 0,
						maturing: 0,
						maturing_round: round,
					}
				}
			};
			if counts_now {
				delegation.bonded =
					delegation.bonded.checked_add(amount).ok_or(Error::<T>::Overflow)?;
				op.stake = op.stake.checked_add(amount).ok_or(Error::<T>::Overflow)?;
			} else {
				Self::add_maturing(&mut delegation, &mut op, amount, round)?;
			}
			let total = TotalBonded::<T>::get().checked_add(amount).ok_or(Error::<T>::Overflow)?;
			T::Currency::hold(&HoldReason::Bonded.into(), &who, amount)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
			Delegations::<T>::insert(&who, delegation);
			Operators::<T>::insert(&operator, op);
			TotalBonded::<T>::put(total);
			Self::deposit_event(Event::Bonded { delegator: who, operator, amount });
			Ok(())
		}

		/// Moves `amount` of `who`'s bond into an unbonding lock (the `unbond` call's logic).
		pub(crate) fn do_unbond(who: T::AccountId, amount: Balance) -> DispatchResult {
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			let delegation = Delegations::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
			let operator = delegation.operator.clone();
			let mut op = Operators::<T>::get(&operator).ok_or(Error::<T>::UnknownOperator)?;
			let round = T::Rounds::current_round();
			Self::mature_due(&operator, &mut op, round);
			let mut delegation = Self::settle(&who, delegation, &op)?;
			Self::take_out(&mut delegation, &mut op, amount)?;
			let mut unbonding = UnbondingLocks::<T>::get(&who);
			let withdraw_round = round.saturating_add(T::UnbondingPeriod::get());
			let (lock_id, withdraw_round) =
				unbonding.add(amount, withdraw_round).map_err(|_| Error::<T>::Overflow)?;
			UnbondingLocks::<T>::insert(&who, unbonding);
			Self::store_delegation(&who, delegation, &mut op);
			Self::stake_fell(&operator, op.stake);
			Self::store_operator(&operator, op);
			Self::deposit_event(Event::Unbonded {
				delegator: who,
				operator,
				amount,
				lock_id,
				withdraw_round,
			});
			Ok(())
		}

		/// Lists `operator`, whose stake will be `stake`, as a candidate: with every slot taken,
		/// it evicts the lowest candidate ([`Self::evict_lowest`]) or fails `TooManyOperators`.
		fn take_slot(operator: &T::AccountId, stake: Balance) -> DispatchResult {
			let mut candidates = Candidates::<T>::get();
			if candidates.is_full() {
				Self::evict_lowest(&mut candidates, operator, stake)?;
			}
			candidates.try_push(operator.clone()).map_err(|_| Error::<T>::TooManyOperators)?;
			Candidates::<T>::put(candidates);
			Ok(())
		}

		/// Makes room in the full `candidates` for `newcomer`, who offers `self_bond`: the
		/// candidate with the least stake (the later registered on a tie) resigns if
		/// `self_bond` is above its stake, else `TooManyOperators`. O(`MaxOperators`) reads.
		fn evict_lowest(
			candidates: &mut BoundedVec<T::AccountId, T::MaxOperators>,
			newcomer: &T::AccountId,
			self_bond: Balance,
		) -> DispatchResult {
			let mut lowest: Option<(usize, Balance)> = None;
			for (index, who) in candidates.iter().enumerate() {
				let stake = Operators::<T>::get(who).map_or(0, |op| op.stake);
				if lowest.is_none_or(|(_, least)| stake <= least) {
					lowest = Some((index, stake));
				}
			}
			let (index, stake) = lowest.ok_or(Error::<T>::TooManyOperators)?;
			ensure!(self_bond > stake, Error::<T>::TooManyOperators);
			let evicted = candidates.remove(index);
			if let Some(mut op) = Operators::<T>::get(&evicted) {
				op.resigned = true;
				Self::store_operator(&evicted, op);
			}
			Self::deposit_event(Event::OperatorEvicted {
				operator: evicted,
				by: newcomer.clone(),
				stake,
			});
			Ok(())
		}

		/// The rules removal by anyone applies in `round`: `Rules`, made more lenient part by
		/// part by the rules before a tightening still in its grace period.
		pub fn removal_rules(round: RoundIndex) -> OperatorRules {
			Self::lenient_rules(Rules::<T>::get(), round)
		}

		/// `rules` (the rules in force), relaxed by a grace period still running at `round`.
		fn lenient_rules(rules: OperatorRules, round: RoundIndex) -> OperatorRules {
			match RulesGrace::<T>::get() {
				Some((before, until)) if round < until => OperatorRules {
					min_self_bond: rules.min_self_bond.min(before.min_self_bond),
					max_idle_rounds: rules.max_idle_rounds.max(before.max_idle_rounds),
				},
				_ => rules,
			}
		}

		/// `operator`'s stake fell to `stake`: its entry in the bonded ratio's snapshot falls with
		/// it, so the ratio counts the lowest stake since the last round (stake away for any part
		/// of a round does not count when it returns). O(`MaxActiveOperators`).
		pub(crate) fn stake_fell(operator: &T::AccountId, stake: Balance) {
			ActiveSet::<T>::mutate(|set| {
				if let Some(entry) = set.iter_mut().find(|(who, _)| who == operator) {
					entry.1 = entry.1.min(stake);
				}
			});
		}

		/// `operator` resigned or was removed: its slot is free.
		fn leave_candidates(operator: &T::AccountId) {
			Candidates::<T>::mutate(|candidates| candidates.retain(|c| c != operator));
		}

		/// FLY `operator` has bonded to itself (compounded rewards and maturing FLY included).
		pub fn self_bond(operator: &T::AccountId) -> Balance {
			Operators::<T>::get(operator).map_or(0, |op| Self::self_bond_of(operator, &op))
		}

		/// [`Self::self_bond`] of `operator`, whose record `op` the caller has read already.
		fn self_bond_of(operator: &T::AccountId, op: &OperatorInfo) -> Balance {
			Delegations::<T>::get(operator)
				.filter(|d| d.operator == *operator)
				.map_or(0, |d| Self::settled_bond(d, op))
		}

		/// `LockedInVeFly` when `amount` of `who`'s FLY is not free beyond its veFLY lock.
		pub(crate) fn ensure_not_ve_locked(who: &T::AccountId, amount: Balance) -> DispatchResult {
			let taken = flywheel_primitives::takes_exclusive_freeze::<_, T::Currency, T::VeFly>;
			ensure!(!taken(who, amount), Error::<T>::LockedInVeFly);
			Ok(())
		}

		/// The reward pool: stakers' emission and deposited fees wait here until claimed.
		pub fn pool_account() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		/// Stores `d`, or removes it once nothing is bonded or owed (`op` loses a delegator).
		pub(crate) fn store_delegation(
			who: &T::AccountId,
			d: Delegation<T::AccountId>,
			op: &mut OperatorInfo,
		) {
			if d.bonded == 0 && d.maturing == 0 && d.pending == 0 {
				Delegations::<T>::remove(who);
				Self::delegator_left(op);
			} else {
				Delegations::<T>::insert(who, d);
			}
		}

		/// Stores `op`, or removes a resigned operator once no bond and no earnings are left.
		pub(crate) fn store_operator(who: &T::AccountId, op: OperatorInfo) {
			if op.resigned && op.delegators == 0 && op.stake == 0 && op.earnings == 0 {
				Operators::<T>::remove(who);
			} else {
				Operators::<T>::insert(who, op);
			}
		}

		/// What `who` could claim now: fees as a delegator, cut and kept fees as an operator.
		pub fn claimable(who: &T::AccountId) -> Balance {
			let as_delegator = Delegations::<T>::get(who)
				.map(|d| match Operators::<T>::get(&d.operator) {
					Some(op) => Self::settled(d, &op).delegation.pending,
					None => d.pending,
				})
				.unwrap_or_default();
			let as_operator = Operators::<T>::get(who).map_or(0, |op| op.earnings);
			as_delegator.saturating_add(as_operator)
		}
	}
}

/// The bonded ratio counts active stake, as Livepeer does: each operator of the active set
/// snapshotted at the last round, at the lower of its stake then and now. Stake bonded since
/// (or to an operator outside the set) does not move the inflation rate until a round has seen
/// it. O(`MaxActiveOperators`).
impl<T: Config> BondedSupply<Balance> for Pallet<T> {
	fn bonded() -> Balance {
		ActiveSet::<T>::get().iter().fold(0, |sum: Balance, (who, then)| {
			let now = Operators::<T>::get(who).filter(|op| !op.resigned).map_or(0, |op| op.stake);
			sum.saturating_add(now.min(*then))
		})
	}
}

impl<T: Config> EmissionSink<T::AccountId, Balance> for Pallet<T> {
	fn account() -> T::AccountId {
		Self::pool_account()
	}

	fn note_emission(amount: Balance) {
		Self::distribute(amount);
	}
}
