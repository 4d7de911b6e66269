// SPDX-License-Identifier: Apache-2.0
#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod emission;
mod epoch;
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
mod network;
pub mod runtime_api;
mod stake;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;
pub mod yuma;

pub use types::*;
pub use weights::WeightInfo;

use flywheel_primitives::{
	AdminScope, Balance, BlockNumber, CurrentRound, EmissionSink, NetUid, SubnetRevenueTracker,
};
use sp_runtime::Perbill;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, InspectHold, Mutate, MutateHold},
			tokens::{Fortitude, Precision, Preservation},
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;

	/// v1: emission released over the round with the owner's cut taken once, maturing stake
	/// cohorts, the activity cutoff ([`migrations::v1`]).
	/// v2: stake counts only on live neurons, deregistered hotkeys keep their take
	/// ([`migrations::v2`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds FLY.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The lock of a registered subnet.
		NetworkLock,
		/// Staked to a hotkey.
		Stake,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// FLY: locked, staked, burned for registrations, paid out from the pool.
		type Currency: Mutate<Self::AccountId>
			+ Inspect<Self::AccountId, Balance = Balance>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;
		/// FLY locked in veFLY (pallet-subdaos): a stake holds only what is free beyond it, so one
		/// FLY backs one role.
		type VeFly: flywheel_primitives::ExclusiveFreeze<Self::AccountId>;
		/// The inflation round in progress: a round's emission is released over its length.
		type Rounds: flywheel_primitives::CurrentRound;
		/// May change the global parameters: root (`AdminScope::Full`) or the `TokenomicsAdmin`
		/// referendum origin (`AdminScope::Bounded`: only within [`Config::GovernanceBounds`]).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = AdminScope>;
		/// The hard ranges of the global parameters and the revenue cap for the bounded admin
		/// origin.
		/// Not a metadata constant: a runtime may derive it from storage (Flywheel's chain
		/// profile and feeder set); runtime/README.md lists the ranges.
		type GovernanceBounds: Get<GovernanceBounds>;
		/// Receives the emission an epoch could not pay beyond one epoch's carry (the treasury).
		type RecycleTo: Get<Self::AccountId>;
		/// The subnet pool account: receives the subnets' emission and pays it out.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Most subnets at once.
		#[pallet::constant]
		type MaxSubnets: Get<u32>;
		/// Most neurons per subnet (at most 256).
		#[pallet::constant]
		type MaxUids: Get<u32>;
		/// Most validator permits per subnet (at most 64).
		#[pallet::constant]
		type MaxValidators: Get<u32>;
		/// Most epochs run in one block; the rest wait for the next blocks.
		#[pallet::constant]
		type MaxEpochsPerBlock: Get<u32>;
		/// The highest validator take.
		#[pallet::constant]
		type MaxTake: Get<Perbill>;
		/// The global parameters of a chain that stores none (the storage default, and the
		/// source of fields a migration adds).
		type DefaultParams: Get<GlobalParams>;
		/// The global parameters written at genesis. Read only at genesis, so a runtime may
		/// take them from storage (Flywheel's chain profile) while every storage default, which
		/// the metadata carries, stays fixed.
		type GenesisParams: Get<GlobalParams>;
		/// The least FLY a new stake of a coldkey on a hotkey starts with.
		#[pallet::constant]
		type MinStake: Get<Balance>;
		/// The revenue cap until governance sets one: the most emission one FLY's worth of
		/// revenue can attract at a pool emission (revenue mode).
		#[pallet::constant]
		type DefaultRevenueCap: Get<Perbill>;
		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;
	}

	#[pallet::type_value]
	pub fn DefaultParamsValue<T: Config>() -> GlobalParams {
		T::DefaultParams::get()
	}

	/// The global parameters.
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, GlobalParams, ValueQuery, DefaultParamsValue<T>>;

	/// Registered subnets.
	#[pallet::storage]
	pub type Networks<T: Config> =
		CountedStorageMap<_, Twox64Concat, NetUid, SubnetInfo<T::AccountId>>;

	/// The netuid the next subnet gets (netuids are never reused, so the stake of a removed
	/// subnet can never mix with a new one's).
	#[pallet::storage]
	pub type NextNetUid<T: Config> = StorageValue<_, NetUid, ValueQuery>;

	/// The last network lock and the block it was paid at.
	#[pallet::storage]
	pub type LastLock<T: Config> = StorageValue<_, (Balance, BlockNumber), OptionQuery>;

	/// Each subnet's neurons, indexed by uid (one item: an epoch reads and writes it once).
	#[pallet::storage]
	pub type Neurons<T: Config> = StorageMap<_, Twox64Concat, NetUid, NeuronsOf<T>, ValueQuery>;

	/// A subnet's neurons, indexed by uid.
	pub type NeuronsOf<T> =
		BoundedVec<NeuronInfo<<T as frame_system::Config>::AccountId>, <T as Config>::MaxUids>;

	/// A validator's subnet, its uid and the subnet's neurons.
	pub type ValidatorSeat<T> =
		(SubnetInfo<<T as frame_system::Config>::AccountId>, Uid, NeuronsOf<T>);

	/// A hotkey's uid on a subnet.
	#[pallet::storage]
	pub type Uids<T: Config> =
		StorageDoubleMap<_, Twox64Concat, NetUid, Blake2_128Concat, T::AccountId, Uid>;

	/// Each validator's weights.
	#[pallet::storage]
	pub type Weights<T: Config> =
		StorageDoubleMap<_, Twox64Concat, NetUid, Twox64Concat, Uid, WeightRow<T::MaxUids>>;

	/// Each validator's committed weights on commit-reveal subnets, until revealed or expired.
	#[pallet::storage]
	pub type WeightCommits<T: Config> =
		StorageDoubleMap<_, Twox64Concat, NetUid, Twox64Concat, Uid, WeightCommit<T::Hash>>;

	/// The coldkey each hotkey belongs to: the first that registered it (a subnet's owner
	/// hotkey or a neuron). No other coldkey can register it anywhere.
	#[pallet::storage]
	pub type HotkeyOwners<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId>;

	/// Each validator's bonds (moving average of its clipped weights), `(uid, bond)`.
	#[pallet::storage]
	pub type Bonds<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		NetUid,
		Twox64Concat,
		Uid,
		BoundedVec<(Uid, Perbill), T::MaxUids>,
		ValueQuery,
	>;

	/// The stake bonded to each hotkey on each subnet.
	#[pallet::storage]
	pub type StakePools<T: Config> =
		StorageDoubleMap<_, Twox64Concat, NetUid, Blake2_128Concat, T::AccountId, StakePool>;

	/// Each coldkey's stake: `(coldkey, netuid, hotkey)`.
	#[pallet::storage]
	pub type Stakes<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, NetUid>,
			NMapKey<Blake2_128Concat, T::AccountId>,
		),
		StakeRecord,
	>;

	/// Matured stake cohorts of a pool, `(netuid, hotkey, cohort epoch)`: the factor each
	/// joined at, kept until every record of the cohort has settled against it.
	#[pallet::storage]
	pub type MaturedCohorts<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, NetUid>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, u32>,
		),
		MaturedCohort,
	>;

	/// FLY staked to the neurons of live subnets (= Σ subnets' `total_stake`). Stake left on a
	/// deregistered hotkey or a removed subnet is held until withdrawn but no longer counts.
	#[pallet::storage]
	pub type TotalStake<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// The take and the block it last changed of each deregistered hotkey that still has
	/// stakers on the subnet, `(netuid, hotkey)`: registering the hotkey again restores them, so
	/// a take cannot be reset to the maximum around its rate limit. Goes with the stake pool.
	#[pallet::storage]
	pub type RetiredTakes<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		NetUid,
		Blake2_128Concat,
		T::AccountId,
		(Perbill, BlockNumber),
	>;

	/// The lowest [`TotalStake`] since the pool last shared a round's emission (set then, lowered
	/// by every removal): the bonded ratio counts subnet stake at the lower of it and now
	/// ([`Pallet::counted_total_stake`]).
	#[pallet::storage]
	pub type TotalStakeAtLastRound<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Emission of replaced neurons and removed subnets, claimable by the coldkey.
	#[pallet::storage]
	pub type Unclaimed<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Balance>;

	/// Who burns Data Credits as each subnet's revenue: set by the subnet's owner; a burn by
	/// anyone else is refused, so a holder cannot buy a subnet emission with its own burn.
	#[pallet::storage]
	pub type ServiceAuthorities<T: Config> = StorageMap<_, Twox64Concat, NetUid, T::AccountId>;

	/// The FLY value (at the Data Credits mint price) of each subnet's revenue since the last
	/// pool emission.
	#[pallet::storage]
	pub type RevenueValue<T: Config> = StorageMap<_, Twox64Concat, NetUid, Balance, ValueQuery>;

	/// In revenue mode, a subnet attracts at most this share of its revenue's FLY value at a
	/// pool emission; the rest stays unallocated. Below 100%, a wash burn (buying DC to burn
	/// them as revenue) returns less FLY than it burned.
	#[pallet::storage]
	pub type RevenueCap<T: Config> = StorageValue<_, Perbill, ValueQuery, T::DefaultRevenueCap>;

	/// Pool emission not yet given to any subnet (no subnet, rounding dust, or what the revenue
	/// cap held back).
	#[pallet::storage]
	pub type UnallocatedEmission<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// FLY received by the pool in total, and credited to neurons and stakers in total.
	#[pallet::storage]
	pub type EmissionTotals<T: Config> = StorageValue<_, (Balance, Balance), ValueQuery>;

	/// Subnets whose epoch is scheduled at a block.
	#[pallet::storage]
	pub type EpochSchedule<T: Config> =
		StorageMap<_, Twox64Concat, BlockNumber, BoundedVec<NetUid, T::MaxSubnets>, ValueQuery>;

	/// Subnets whose epoch is due and waits for room in a block (first in, first run).
	#[pallet::storage]
	pub type DueEpochs<T: Config> = StorageValue<_, BoundedVec<NetUid, T::MaxSubnets>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `owner` registered subnet `netuid`, locking `locked` FLY; `hotkey` is its uid 0.
		NetworkRegistered {
			netuid: NetUid,
			owner: T::AccountId,
			hotkey: T::AccountId,
			locked: Balance,
		},
		/// Subnet `netuid` was removed; `returned` FLY of lock went back to `owner`.
		NetworkRemoved {
			netuid: NetUid,
			owner: T::AccountId,
			returned: Balance,
			reason: RemovalReason,
		},
		/// The owner of `netuid` changed its hyperparameters.
		HyperparametersSet { netuid: NetUid, hyperparameters: Hyperparameters },
		/// Governance changed the global parameters.
		ParamsSet { params: GlobalParams },
		/// The owner of `netuid` set (or with `None` removed) its service authority.
		ServiceAuthoritySet { netuid: NetUid, authority: Option<T::AccountId> },
		/// Governance set the revenue cap.
		RevenueCapSet { cap: Perbill },
		/// `hotkey` (of `coldkey`) got `uid` on `netuid` for `burned` FLY, replacing `replaced`.
		NeuronRegistered {
			netuid: NetUid,
			uid: Uid,
			hotkey: T::AccountId,
			coldkey: T::AccountId,
			burned: Balance,
			replaced: Option<T::AccountId>,
		},
		/// `coldkey` staked `amount` to `hotkey` on `netuid`.
		StakeAdded { coldkey: T::AccountId, netuid: NetUid, hotkey: T::AccountId, amount: Balance },
		/// `coldkey` unstaked `amount` from `hotkey` on `netuid`.
		StakeRemoved {
			coldkey: T::AccountId,
			netuid: NetUid,
			hotkey: T::AccountId,
			amount: Balance,
		},
		/// The validator `hotkey` on `netuid` set its take.
		TakeSet { netuid: NetUid, hotkey: T::AccountId, take: Perbill },
		/// The validator `uid` on `netuid` set (or revealed) `count` weights.
		WeightsSet { netuid: NetUid, uid: Uid, count: u32 },
		/// The validator `uid` on `netuid` committed the hash of its next weights.
		WeightsCommitted { netuid: NetUid, uid: Uid, hash: T::Hash },
		/// An epoch of `netuid` paid `owner`, `miners` and `validators` (stakers included);
		/// `carried` waits for the next epoch (at most one epoch's fresh part per pot) and
		/// `recycled`, unpaid beyond that, went to the treasury.
		EpochRun {
			netuid: NetUid,
			owner: Balance,
			miners: Balance,
			validators: Balance,
			carried: Balance,
			recycled: Balance,
		},
		/// The pool received `amount`; `allocated` went to `subnets` subnets; `recycled`,
		/// unallocated beyond one round's emission, went to the treasury.
		EmissionShared { amount: Balance, allocated: Balance, subnets: u32, recycled: Balance },
		/// `who` was paid `amount` of emission or dividends.
		Claimed { who: T::AccountId, amount: Balance },
		/// Migration v2 deregistered neuron `uid` of `netuid`: its hotkey belonged to another
		/// coldkey. `moved`: the subnet's last neuron, now at `uid`.
		NeuronDeregistered {
			netuid: NetUid,
			uid: Uid,
			hotkey: T::AccountId,
			coldkey: T::AccountId,
			moved: Option<T::AccountId>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such subnet.
		UnknownSubnet,
		/// The caller does not own the subnet.
		NotOwner,
		/// A network was registered less than `network_rate_limit` blocks ago.
		NetworkRateLimited,
		/// `MaxSubnets` subnets exist and all are immune.
		AllSubnetsImmune,
		/// Every netuid has been used.
		NetUidsExhausted,
		/// The caller cannot pay the lock cost, the registration price or the stake.
		InsufficientBalance,
		/// The hotkey is already registered on the subnet.
		DuplicateHotkey,
		/// The subnet is full and every neuron is immune.
		NoReplaceableNeuron,
		/// The hotkey is not registered on the subnet.
		NotRegistered,
		/// The caller is not the neuron's coldkey.
		NotColdkey,
		/// The FLY is locked in veFLY; one FLY backs one role (unlock it first).
		LockedInVeFly,
		/// Amounts must be above zero.
		ZeroAmount,
		/// No stake of the caller on that hotkey.
		NotStaked,
		/// The stake is smaller than the amount.
		InsufficientStake,
		/// A take above `MaxTake`.
		TakeTooHigh,
		/// The hotkey holds no validator permit.
		NoValidatorPermit,
		/// Weights were set less than `weights_rate_limit` blocks ago.
		WeightsRateLimited,
		/// The subnet takes weights by commit and reveal: use `commit_weights`.
		CommitRevealEnabled,
		/// The subnet takes weights with `set_weights`, not by commit and reveal.
		CommitRevealDisabled,
		/// No weights committed to reveal.
		NoWeightCommit,
		/// The revealed weights and salt do not hash to the commit.
		CommitMismatch,
		/// Weights are revealed after the next epoch has run, not before.
		RevealTooEarly,
		/// The reveal window (the epoch interval after the commit's) has passed.
		RevealTooLate,
		/// The hotkey belongs to another coldkey.
		HotkeyOwnedByOther,
		/// The take was changed less than `take_rate_limit` blocks ago: it may only fall.
		TakeRateLimited,
		/// A uid appears twice in the weights.
		DuplicateUids,
		/// A uid in the weights has no neuron.
		UidOutOfRange,
		/// Hyperparameters outside the governance bounds, or below the current neuron count.
		HyperparametersOutOfBounds,
		/// Global parameters that contradict themselves (see `set_global_params`).
		InvalidParams,
		/// A new stake below `MinStake`.
		BelowMinimum,
		/// Nothing to claim.
		NothingToClaim,
		/// An amount overflowed.
		Overflow,
		/// The value is outside the range the bounded admin origin (the `tokenomics_admin`
		/// track) may set; only the root track may.
		OutsideGovernanceBounds,
	}

	/// Endows the subnet pool with the existential deposit, so payouts can always leave it
	/// alive, and stores the global parameters. It can also open subnets, register neurons and
	/// stake (the development chain's examples), through the same calls users make.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Subnets `(owner, owner_hotkey)`, registered in this order (netuids 0, 1, …) with the
		/// lock cost held from the owner.
		pub networks: alloc::vec::Vec<(T::AccountId, T::AccountId)>,
		/// Neurons `(netuid, coldkey, hotkey)`, each paying the registration price.
		pub neurons: alloc::vec::Vec<(NetUid, T::AccountId, T::AccountId)>,
		/// Stakes `(coldkey, netuid, hotkey, amount)`, held from the coldkey.
		pub stakes: alloc::vec::Vec<(T::AccountId, NetUid, T::AccountId, Balance)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let pool = Pallet::<T>::pool_account();
			let endowed =
				flywheel_primitives::endow_with_existential_deposit::<_, T::Currency>(&pool);
			debug_assert!(endowed.is_ok(), "the subnet pool could not be endowed at genesis");
			let params = T::GenesisParams::get();
			if let Err(e) = Pallet::<T>::validate_params(&params) {
				panic!("genesis subnet parameters out of range: {e:?}");
			}
			Params::<T>::put(params);
			// A bad genesis must not start a chain: each step states what failed. Network
			// registrations are rate limited, so only the first one fits in a genesis.
			for (owner, hotkey) in &self.networks {
				if let Err(e) = Pallet::<T>::do_register_network(owner.clone(), hotkey.clone()) {
					panic!("genesis subnet of {owner:?}: {e:?}");
				}
			}
			for (netuid, coldkey, hotkey) in &self.neurons {
				let registered =
					Pallet::<T>::do_register_neuron(*netuid, coldkey.clone(), hotkey.clone());
				if let Err(e) = registered {
					panic!("genesis neuron {hotkey:?} on subnet {netuid}: {e:?}");
				}
			}
			for (coldkey, netuid, hotkey, amount) in &self.stakes {
				let origin = frame_system::RawOrigin::Signed(coldkey.clone()).into();
				if let Err(e) = Pallet::<T>::add_stake(origin, *netuid, hotkey.clone(), *amount) {
					panic!("genesis stake of {coldkey:?} on {hotkey:?}: {e:?}");
				}
			}
			// Genesis stake has been in place since before the first epoch and round: it counts
			// at once.
			Pallet::<T>::mature_genesis_stake();
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::run_due_epochs(Self::block_of(now))
		}

		fn integrity_test() {
			assert!(T::MaxUids::get() >= 2 && T::MaxUids::get() <= 256, "MaxUids in 2..=256");
			assert!(
				T::MaxValidators::get() >= 1 && T::MaxValidators::get() <= 64,
				"MaxValidators in 1..=64"
			);
			assert!(T::MaxSubnets::get() >= 1, "MaxSubnets must not be zero");
			assert!(T::MaxEpochsPerBlock::get() >= 1, "MaxEpochsPerBlock must not be zero");
			assert!(
				Self::validate_params(&T::DefaultParams::get()).is_ok(),
				"DefaultParams must be valid"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a subnet owned by the caller, holding the current lock cost; `hotkey`
		/// becomes its uid 0 (immune). At `MaxSubnets` the weakest non-immune subnet is pruned.
		///
		/// The lock cannot be FLY locked in veFLY (one FLY, one role).
		///
		/// Origin: signed (the owner; pays the lock). Emits `NetworkRegistered`, `NetworkRemoved`.
		/// Errors: `AllSubnetsImmune`, `HotkeyOwnedByOther`, `InsufficientBalance`,
		/// `LockedInVeFly`, `NetUidsExhausted`, `NetworkRateLimited`, `Overflow`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_network(T::MaxUids::get()))]
		pub fn register_network(
			origin: OriginFor<T>,
			hotkey: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let owner = ensure_signed(origin)?;
			let pruned = Self::do_register_network(owner, hotkey)?;
			Ok(Some(T::WeightInfo::register_network(pruned)).into())
		}

		/// Removes the caller's subnet: the lock is returned, unclaimed emission kept for its
		/// coldkeys, stake stays withdrawable.
		///
		/// Origin: signed, the subnet's owner. Emits `NetworkRemoved`. Errors: `NotOwner`,
		/// `UnknownSubnet`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::dissolve_network(T::MaxUids::get()))]
		pub fn dissolve_network(
			origin: OriginFor<T>,
			netuid: NetUid,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let subnet = Networks::<T>::get(netuid).ok_or(Error::<T>::UnknownSubnet)?;
			ensure!(subnet.owner == who, Error::<T>::NotOwner);
			let neurons = Self::remove_subnet(netuid, subnet, RemovalReason::Dissolved)?;
			Ok(Some(T::WeightInfo::dissolve_network(neurons)).into())
		}

		/// Sets the caller's subnet's hyperparameters, within the governance bounds; `max_uids`
		/// may not fall below the current number of neurons. A new tempo applies from the next
		/// epoch on.
		///
		/// Origin: signed, the subnet's owner. Emits `HyperparametersSet`. Errors:
		/// `HyperparametersOutOfBounds`, `NotOwner`, `UnknownSubnet`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_hyperparameters())]
		pub fn set_hyperparameters(
			origin: OriginFor<T>,
			netuid: NetUid,
			hyperparameters: Hyperparameters,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut subnet = Networks::<T>::get(netuid).ok_or(Error::<T>::UnknownSubnet)?;
			ensure!(subnet.owner == who, Error::<T>::NotOwner);
			let neurons = Neurons::<T>::decode_len(netuid).unwrap_or(0);
			Self::check_hyperparameters(&hyperparameters, &Params::<T>::get().bounds)?;
			ensure!(
				usize::from(hyperparameters.max_uids) >= neurons,
				Error::<T>::HyperparametersOutOfBounds
			);
			subnet.hyperparameters = hyperparameters;
			Networks::<T>::insert(netuid, subnet);
			Self::deposit_event(Event::HyperparametersSet { netuid, hyperparameters });
			Ok(())
		}

		/// Sets the global parameters. Refused (`InvalidParams`) when a span is zero
		/// (`lock_reduction_interval`, `burn_decay_interval`), `min_lock_cost` or `min_burn` is
		/// zero, `min_burn > max_burn`, the tempo bounds are empty or start at zero, or the
		/// default hyperparameters are outside the bounds or above `MaxUids`, or the activity
		/// cutoff is not above the longest weights rate limit (a validator keeping to its rate
		/// limit must never be idle).
		///
		/// Origin: `AdminOrigin`. Emits `ParamsSet`. Errors: `HyperparametersOutOfBounds`,
		/// `InvalidParams`, `OutsideGovernanceBounds`.
		#[pallet::call_index(3)]
		// The bounded origin's check reads the chain profile once (the runtime's bounds).
		#[pallet::weight(T::WeightInfo::set_global_params().saturating_add(T::DbWeight::get().reads(1)))]
		pub fn set_global_params(origin: OriginFor<T>, params: GlobalParams) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			Self::validate_params(&params)?;
			let bounds = T::GovernanceBounds::get().global;
			ensure!(scope.allows(&params, &bounds), Error::<T>::OutsideGovernanceBounds);
			Params::<T>::put(params);
			Self::deposit_event(Event::ParamsSet { params });
			Ok(())
		}

		/// Sets (or with `None` removes) the account whose Data Credits burns count as the
		/// subnet's revenue (pallet-data-credits' `burn_data_credits_for_subnet`).
		///
		/// Origin: signed, the subnet's owner. Emits `ServiceAuthoritySet`. Errors:
		/// `UnknownSubnet`, `NotOwner`.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::set_service_authority())]
		pub fn set_service_authority(
			origin: OriginFor<T>,
			netuid: NetUid,
			authority: Option<T::AccountId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let subnet = Networks::<T>::get(netuid).ok_or(Error::<T>::UnknownSubnet)?;
			ensure!(subnet.owner == who, Error::<T>::NotOwner);
			match &authority {
				Some(a) => ServiceAuthorities::<T>::insert(netuid, a),
				None => ServiceAuthorities::<T>::remove(netuid),
			}
			Self::deposit_event(Event::ServiceAuthoritySet { netuid, authority });
			Ok(())
		}

		/// Sets the revenue cap: the most emission a subnet attracts per FLY of revenue value
		/// at a pool emission in revenue mode. Zero refused (`InvalidParams`): revenue would
		/// attract nothing.
		///
		/// Origin: `AdminOrigin`. Emits `RevenueCapSet`. Errors: `InvalidParams`,
		/// `OutsideGovernanceBounds`.
		#[pallet::call_index(15)]
		// The bounded origin's check reads the chain profile once (the runtime's bounds).
		#[pallet::weight(T::WeightInfo::set_revenue_cap().saturating_add(T::DbWeight::get().reads(1)))]
		pub fn set_revenue_cap(origin: OriginFor<T>, cap: Perbill) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			ensure!(!cap.is_zero(), Error::<T>::InvalidParams);
			let bounds = T::GovernanceBounds::get().revenue_cap;
			ensure!(scope.allows(&cap, &bounds), Error::<T>::OutsideGovernanceBounds);
			RevenueCap::<T>::put(cap);
			Self::deposit_event(Event::RevenueCapSet { cap });
			Ok(())
		}

		/// Registers `hotkey` on `netuid` for the caller (its coldkey), burning the current
		/// registration price. At `max_uids` the non-immune neuron with the lowest last emission
		/// (ties: oldest) is replaced.
		///
		/// Origin: signed (the coldkey; pays the burn). Emits `NeuronRegistered`. Errors:
		/// `DuplicateHotkey`, `HotkeyOwnedByOther`, `HyperparametersOutOfBounds`,
		/// `InsufficientBalance`, `NoReplaceableNeuron`, `Overflow`, `UnknownSubnet`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::register_neuron(T::MaxUids::get()))]
		pub fn register_neuron(
			origin: OriginFor<T>,
			netuid: NetUid,
			hotkey: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let coldkey = ensure_signed(origin)?;
			let neurons = Self::do_register_neuron(netuid, coldkey, hotkey)?;
			Ok(Some(T::WeightInfo::register_neuron(neurons)).into())
		}

		/// Stakes `amount` of the caller's FLY to `hotkey` on `netuid` (held).
		///
		/// Origin: signed (the coldkey). Emits `StakeAdded`. Errors: `BelowMinimum`,
		/// `InsufficientBalance`, `LockedInVeFly`, `NotRegistered`, `Overflow`, `UnknownSubnet`,
		/// `ZeroAmount`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::add_stake())]
		pub fn add_stake(
			origin: OriginFor<T>,
			netuid: NetUid,
			hotkey: T::AccountId,
			amount: Balance,
		) -> DispatchResult {
			let coldkey = ensure_signed(origin)?;
			Self::do_add_stake(coldkey, netuid, hotkey, amount)
		}

		/// Unstakes `amount` from `hotkey` on `netuid` (released); works for deregistered
		/// hotkeys and removed subnets too. Dividends so far stay claimable.
		///
		/// Origin: signed (the coldkey). Emits `StakeRemoved`. Errors: `InsufficientStake`,
		/// `NotStaked`, `ZeroAmount`.
		#[pallet::call_index(6)]
		// Plus the retired take that goes with an emptied pool (the benchmark keeps its pool).
		#[pallet::weight(T::WeightInfo::remove_stake().saturating_add(T::DbWeight::get().writes(1)))]
		pub fn remove_stake(
			origin: OriginFor<T>,
			netuid: NetUid,
			hotkey: T::AccountId,
			amount: Balance,
		) -> DispatchResult {
			let coldkey = ensure_signed(origin)?;
			Self::do_remove_stake(coldkey, netuid, hotkey, amount)
		}

		/// Sets the take of the caller's neuron `hotkey` on `netuid` (at most `MaxTake`). A take
		/// falls at once; it may rise only `take_rate_limit` blocks after its last change, so a
		/// validator cannot attract stake with a low take and raise it before the epoch.
		///
		/// Origin: signed by the neuron's coldkey. Emits `TakeSet`. Errors: `TakeTooHigh`,
		/// `NotRegistered`, `NotColdkey`, `TakeRateLimited`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_take(T::MaxUids::get()))]
		pub fn set_take(
			origin: OriginFor<T>,
			netuid: NetUid,
			hotkey: T::AccountId,
			take: Perbill,
		) -> DispatchResult {
			let coldkey = ensure_signed(origin)?;
			ensure!(take <= T::MaxTake::get(), Error::<T>::TakeTooHigh);
			let uid = Uids::<T>::get(netuid, &hotkey).ok_or(Error::<T>::NotRegistered)?;
			let now = Self::now();
			let limit = Params::<T>::get().take_rate_limit;
			Neurons::<T>::try_mutate(netuid, |neurons| {
				let neuron = neurons.get_mut(usize::from(uid)).ok_or(Error::<T>::NotRegistered)?;
				ensure!(neuron.coldkey == coldkey, Error::<T>::NotColdkey);
				ensure!(
					take <= neuron.take || now.saturating_sub(neuron.take_changed_at) >= limit,
					Error::<T>::TakeRateLimited
				);
				neuron.take = take;
				neuron.take_changed_at = now;
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::TakeSet { netuid, hotkey, take });
			Ok(())
		}

		/// Sets the weights of the caller's (a hotkey with a validator permit) neuron on
		/// `netuid`: `(uid, weight)` pairs with unique uids of existing neurons. Self-weights
		/// are ignored by the epoch.
		///
		/// Origin: signed, a validator's hotkey with a permit. Emits `WeightsSet`. Errors:
		/// `CommitRevealEnabled`, `DuplicateUids`, `NoValidatorPermit`, `NotRegistered`,
		/// `UidOutOfRange`, `UnknownSubnet`, `WeightsRateLimited`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_weights(weights.len() as u32))]
		pub fn set_weights(
			origin: OriginFor<T>,
			netuid: NetUid,
			weights: BoundedVec<(Uid, u16), T::MaxUids>,
		) -> DispatchResult {
			let hotkey = ensure_signed(origin)?;
			let (subnet, uid, neurons) = Self::validator(netuid, &hotkey)?;
			ensure!(!subnet.hyperparameters.commit_reveal, Error::<T>::CommitRevealEnabled);
			let now = Self::now();
			if let Some(row) = Weights::<T>::get(netuid, uid) {
				ensure!(
					now.saturating_sub(row.set_at) >= subnet.hyperparameters.weights_rate_limit,
					Error::<T>::WeightsRateLimited
				);
			}
			Self::check_weights(&weights, neurons)?;
			Self::store_weights(netuid, uid, weights, now);
			Ok(())
		}

		/// Pays the caller (its coldkey) the unclaimed emission of its neuron `hotkey` on
		/// `netuid`.
		///
		/// Origin: signed, the neuron's coldkey. Emits `Claimed`. Errors: `NotColdkey`,
		/// `NotRegistered`, `NothingToClaim`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::claim_emission(T::MaxUids::get()))]
		pub fn claim_emission(
			origin: OriginFor<T>,
			netuid: NetUid,
			hotkey: T::AccountId,
		) -> DispatchResult {
			let coldkey = ensure_signed(origin)?;
			let uid = Uids::<T>::get(netuid, &hotkey).ok_or(Error::<T>::NotRegistered)?;
			let mut neurons = Neurons::<T>::get(netuid);
			let neuron = neurons.get_mut(usize::from(uid)).ok_or(Error::<T>::NotRegistered)?;
			ensure!(neuron.coldkey == coldkey, Error::<T>::NotColdkey);
			let amount = core::mem::take(&mut neuron.pending);
			Self::pay(&coldkey, amount)?;
			Neurons::<T>::insert(netuid, neurons);
			Ok(())
		}

		/// Pays the caller the emission of its replaced neurons and removed subnets.
		///
		/// Origin: signed, the account owed. Emits `Claimed`. Errors: `NothingToClaim`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::claim_unclaimed())]
		pub fn claim_unclaimed(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let amount = Unclaimed::<T>::get(&who).unwrap_or(0);
			Self::pay(&who, amount)?;
			Unclaimed::<T>::remove(&who);
			Ok(())
		}

		/// Commits the hash of the caller's next weights on a commit-reveal subnet:
		/// `T::Hashing` of `(hotkey, netuid, weights, salt)`. They are revealed with
		/// `reveal_weights` after the next epoch and before the one after; a commit left
		/// unrevealed counts as no weights. Replaces an earlier commit; rate-limited as
		/// `set_weights`.
		///
		/// Origin: signed by a hotkey with a validator permit. Emits `WeightsCommitted`.
		/// Errors: `UnknownSubnet`, `NotRegistered`, `NoValidatorPermit`,
		/// `CommitRevealDisabled`, `WeightsRateLimited`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::commit_weights())]
		pub fn commit_weights(
			origin: OriginFor<T>,
			netuid: NetUid,
			hash: T::Hash,
		) -> DispatchResult {
			let hotkey = ensure_signed(origin)?;
			let (subnet, uid, _) = Self::validator(netuid, &hotkey)?;
			ensure!(subnet.hyperparameters.commit_reveal, Error::<T>::CommitRevealDisabled);
			let now = Self::now();
			if let Some(commit) = WeightCommits::<T>::get(netuid, uid) {
				ensure!(
					now.saturating_sub(commit.at) >= subnet.hyperparameters.weights_rate_limit,
					Error::<T>::WeightsRateLimited
				);
			}
			WeightCommits::<T>::insert(
				netuid,
				uid,
				WeightCommit { hash, epoch: subnet.epochs, at: now },
			);
			Self::deposit_event(Event::WeightsCommitted { netuid, uid, hash });
			Ok(())
		}

		/// Reveals the caller's committed weights: they must hash with `salt` to the commit,
		/// and the subnet must have run exactly one epoch since the commit. They then count as
		/// set now.
		///
		/// Origin: signed by a hotkey with a validator permit. Emits `WeightsSet`. Errors:
		/// `UnknownSubnet`, `NotRegistered`, `NoValidatorPermit`, `NoWeightCommit`,
		/// `RevealTooEarly`, `RevealTooLate`, `CommitMismatch`, `DuplicateUids`,
		/// `UidOutOfRange`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::reveal_weights(weights.len() as u32))]
		pub fn reveal_weights(
			origin: OriginFor<T>,
			netuid: NetUid,
			weights: BoundedVec<(Uid, u16), T::MaxUids>,
			salt: [u8; 32],
		) -> DispatchResult {
			let hotkey = ensure_signed(origin)?;
			let (subnet, uid, neurons) = Self::validator(netuid, &hotkey)?;
			let commit = WeightCommits::<T>::get(netuid, uid).ok_or(Error::<T>::NoWeightCommit)?;
			ensure!(subnet.epochs > commit.epoch, Error::<T>::RevealTooEarly);
			ensure!(subnet.epochs == commit.epoch.saturating_add(1), Error::<T>::RevealTooLate);
			ensure!(
				Self::weights_hash(&hotkey, netuid, &weights, &salt) == commit.hash,
				Error::<T>::CommitMismatch
			);
			Self::check_weights(&weights, neurons)?;
			WeightCommits::<T>::remove(netuid, uid);
			Self::store_weights(netuid, uid, weights, Self::now());
			Ok(())
		}

		/// Pays the caller its dividends as a staker of `hotkey` on `netuid`.
		///
		/// Origin: signed, a staking coldkey. Emits `Claimed`. Errors: `NotStaked`,
		/// `NothingToClaim`.
		#[pallet::call_index(11)]
		// Plus the retired take that goes with an emptied pool (the benchmark keeps its pool).
		#[pallet::weight(T::WeightInfo::claim_dividends().saturating_add(T::DbWeight::get().writes(1)))]
		pub fn claim_dividends(
			origin: OriginFor<T>,
			netuid: NetUid,
			hotkey: T::AccountId,
		) -> DispatchResult {
			let coldkey = ensure_signed(origin)?;
			Self::do_claim_dividends(coldkey, netuid, hotkey)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The subnet pool: emission waits here until claimed.
		pub fn pool_account() -> T::AccountId {
			use sp_runtime::traits::AccountIdConversion;
			T::PalletId::get().into_account_truncating()
		}

		/// A system block number as [`BlockNumber`] (saturating).
		pub(crate) fn block_of(n: BlockNumberFor<T>) -> BlockNumber {
			sp_runtime::SaturatedConversion::saturated_into(n)
		}

		/// The current block as [`BlockNumber`].
		pub(crate) fn now() -> BlockNumber {
			Self::block_of(frame_system::Pallet::<T>::block_number())
		}

		/// Pays `amount` from the pool to `who`; `NothingToClaim` when zero.
		pub(crate) fn pay(who: &T::AccountId, amount: Balance) -> DispatchResult {
			ensure!(amount > 0, Error::<T>::NothingToClaim);
			T::Currency::transfer(&Self::pool_account(), who, amount, Preservation::Preserve)?;
			Self::deposit_event(Event::Claimed { who: who.clone(), amount });
			Ok(())
		}

		/// Holds `amount` of `who` for `reason`, `InsufficientBalance` when it cannot.
		pub(crate) fn hold(
			reason: HoldReason,
			who: &T::AccountId,
			amount: Balance,
		) -> DispatchResult {
			T::Currency::hold(&reason.into(), who, amount)
				.map_err(|_| Error::<T>::InsufficientBalance.into())
		}

		/// Releases exactly `amount` held of `who` for `reason`.
		pub(crate) fn release(
			reason: HoldReason,
			who: &T::AccountId,
			amount: Balance,
		) -> DispatchResult {
			T::Currency::release(&reason.into(), who, amount, Precision::Exact).map(|_| ())
		}

		/// Burns exactly `amount` of `who`'s free FLY (keeping it alive).
		pub(crate) fn burn(who: &T::AccountId, amount: Balance) -> DispatchResult {
			if amount == 0 {
				return Ok(());
			}
			T::Currency::burn_from(
				who,
				amount,
				Preservation::Preserve,
				Precision::Exact,
				Fortitude::Polite,
			)
			.map(|_| ())
			.map_err(|_| Error::<T>::InsufficientBalance.into())
		}

		/// The hash a validator commits for `weights` with `salt` (`commit_weights`).
		pub fn weights_hash(
			hotkey: &T::AccountId,
			netuid: NetUid,
			weights: &[(Uid, u16)],
			salt: &[u8; 32],
		) -> T::Hash {
			use sp_runtime::traits::Hash;
			T::Hashing::hash_of(&(hotkey, netuid, weights, salt))
		}

		/// `hotkey`'s subnet, uid and the subnet's neurons, if it holds a validator permit.
		fn validator(
			netuid: NetUid,
			hotkey: &T::AccountId,
		) -> Result<ValidatorSeat<T>, DispatchError> {
			let subnet = Networks::<T>::get(netuid).ok_or(Error::<T>::UnknownSubnet)?;
			let uid = Uids::<T>::get(netuid, hotkey).ok_or(Error::<T>::NotRegistered)?;
			let neurons = Neurons::<T>::get(netuid);
			let neuron = neurons.get(usize::from(uid)).ok_or(Error::<T>::NotRegistered)?;
			ensure!(neuron.validator_permit, Error::<T>::NoValidatorPermit);
			Ok((subnet, uid, neurons))
		}

		/// Weights with unique uids of existing neurons.
		fn check_weights(weights: &[(Uid, u16)], neurons: NeuronsOf<T>) -> DispatchResult {
			let mut seen = alloc::vec![false; neurons.len()];
			for (target, _) in weights.iter() {
				let slot = seen.get_mut(usize::from(*target)).ok_or(Error::<T>::UidOutOfRange)?;
				ensure!(!*slot, Error::<T>::DuplicateUids);
				*slot = true;
			}
			Ok(())
		}

		fn store_weights(
			netuid: NetUid,
			uid: Uid,
			weights: BoundedVec<(Uid, u16), T::MaxUids>,
			now: BlockNumber,
		) {
			let count = weights.len() as u32;
			Weights::<T>::insert(netuid, uid, WeightRow { set_at: now, weights });
			Self::deposit_event(Event::WeightsSet { netuid, uid, count });
		}

		/// Binds `hotkey` to `coldkey` if unbound; `HotkeyOwnedByOther` if another owns it.
		pub(crate) fn claim_hotkey(
			hotkey: &T::AccountId,
			coldkey: &T::AccountId,
		) -> DispatchResult {
			match HotkeyOwners::<T>::get(hotkey) {
				Some(owner) => ensure!(owner == *coldkey, Error::<T>::HotkeyOwnedByOther),
				None => HotkeyOwners::<T>::insert(hotkey, coldkey),
			}
			Ok(())
		}

		/// Subnet stake as the inflation controller's bonded ratio counts it: the lower of now and
		/// the last round, so stake added just before a round moves no rate.
		pub fn counted_total_stake() -> Balance {
			TotalStake::<T>::get().min(TotalStakeAtLastRound::<T>::get())
		}

		/// FLY held from `who` for `reason`.
		pub fn held(reason: HoldReason, who: &T::AccountId) -> Balance {
			T::Currency::balance_on_hold(&reason.into(), who)
		}
	}
}

impl<T: Config> EmissionSink<T::AccountId, Balance> for Pallet<T> {
	fn account() -> T::AccountId {
		Self::pool_account()
	}

	fn note_emission(amount: Balance) {
		Self::share_emission(amount);
	}
}

impl<T: Config> SubnetRevenueTracker<T::AccountId> for Pallet<T> {
	fn subnet_exists(netuid: NetUid) -> bool {
		Networks::<T>::contains_key(netuid)
	}

	fn service_authority(netuid: NetUid) -> Option<T::AccountId> {
		ServiceAuthorities::<T>::get(netuid)
	}

	fn note_subnet_revenue(
		netuid: NetUid,
		amount: flywheel_primitives::DataCredits,
		fly_value: Balance,
	) {
		Networks::<T>::mutate(netuid, |subnet| {
			if let Some(subnet) = subnet {
				subnet.dc_revenue = subnet.dc_revenue.saturating_add(amount);
				RevenueValue::<T>::mutate(netuid, |v| *v = v.saturating_add(fly_value));
			}
		});
	}
}
