// SPDX-License-Identifier: Apache-2.0
#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod controller;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod weights;

pub use controller::{EmissionSplit, GovernanceBounds, RateParams};
pub use weights::WeightInfo;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use flywheel_primitives::{
	AdminScope, Balance, BlockNumber, BondedSupply, EmissionSink, MintObserver,
};
use scale_info::TypeInfo;
use sp_runtime::{FixedU128, Perbill};

pub use flywheel_primitives::RoundIndex;

/// The round in progress.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct RoundInfo {
	/// Its index (0 until the first round starts).
	pub index: RoundIndex,
	/// The block it started at.
	pub start: BlockNumber,
	/// Its length in blocks; the next round starts at `start + length`.
	pub length: BlockNumber,
}

impl RoundInfo {
	/// The block the next round starts at.
	pub fn next_start(&self) -> BlockNumber {
		self.start.saturating_add(self.length)
	}
}

/// What the last round start minted and where it went.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct RoundEmission {
	/// The round.
	pub round: RoundIndex,
	/// Bonded ratio measured at its start.
	pub bonded_ratio: Perbill,
	/// The rate it minted at.
	pub rate: Perbill,
	/// FLY minted (= the sum of the four parts).
	pub minted: Balance,
	/// To the stakers' sink (pallet-bonding).
	pub stakers: Balance,
	/// To the subDAO pool.
	pub subdaos: Balance,
	/// To the subnet pool.
	pub subnets: Balance,
	/// To the treasury (its share plus rounding dust and any part another sink could not take).
	pub treasury: Balance,
}

/// What bounds a round's mint besides the bonded-ratio controller. Governance selects it
/// (`set_emission_mode`, root track only).
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum EmissionMode {
	/// A round mints `rate × issuance`, the rate stepped by the bonded ratio alone (Livepeer's
	/// rule). Burns never slow emission, so supply grows for as long as the chain runs.
	#[default]
	BondedRatio,
	/// Net emissions under a supply cap (Helium's HIP-20): a round mints the controller's
	/// amount, but never more than takes the issuance to `cap`. FLY burned for Data Credits
	/// lowers the issuance and so reopens room under the cap: once supply reaches it, each
	/// round re-mints what was burned since the last one, and supply settles at the cap with
	/// mints equal to burns.
	SupplyCap {
		/// The most FLY that may exist after a round's mint.
		cap: Balance,
	},
}

impl EmissionMode {
	/// What a round mints under this mode when the controller asks for `planned` and
	/// `issuance` FLY exist.
	pub fn bound(&self, planned: Balance, issuance: Balance) -> Balance {
		match self {
			EmissionMode::BondedRatio => planned,
			EmissionMode::SupplyCap { cap } => planned.min(cap.saturating_sub(issuance)),
		}
	}
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, Mutate},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::SaturatedConversion;

	/// v0: the layout since genesis; a layout change bumps it and ships a migration.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// FLY: minted into the sinks.
		type Currency: Mutate<Self::AccountId> + Inspect<Self::AccountId, Balance = Balance>;
		/// FLY counted as bonded (the runtime: pallet-bonding stake + subnet stake).
		type BondedSupply: BondedSupply<Balance>;
		/// Receives the stakers' share (pallet-bonding).
		type StakersSink: EmissionSink<Self::AccountId, Balance>;
		/// Receives the subDAOs' share (pallet-subdaos' pool).
		type SubDaosSink: EmissionSink<Self::AccountId, Balance>;
		/// Receives the subnets' share (pallet-subnets' pool).
		type SubnetsSink: EmissionSink<Self::AccountId, Balance>;
		/// Receives the treasury's share and the rounding dust.
		type TreasurySink: EmissionSink<Self::AccountId, Balance>;
		/// Told of each round's total mint (the runtime wires pallet-data-credits, which keeps
		/// FLY minted per epoch for the tokenomics health summary).
		type MintObserver: MintObserver;
		/// Changes the parameters: root (`AdminScope::Full`) or the `TokenomicsAdmin`
		/// referendum origin (`AdminScope::Bounded`: only within [`Config::GovernanceBounds`]).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = AdminScope>;
		/// The hard ranges of every parameter for the bounded admin origin.
		/// Not a metadata constant: a runtime may derive it from storage (Flywheel's chain
		/// profile and feeder set); runtime/README.md lists the ranges.
		type GovernanceBounds: Get<GovernanceBounds>;
		/// Controller parameters until governance sets them.
		#[pallet::constant]
		type DefaultParams: Get<RateParams>;
		/// The per-round rate before the first round.
		#[pallet::constant]
		type InitialRate: Get<Perbill>;
		/// The split until governance sets it.
		#[pallet::constant]
		type DefaultSplit: Get<EmissionSplit>;
		/// Round length of a chain that stores no round (the storage default; genesis writes
		/// round 0 with [`Config::FirstRoundLength`]).
		#[pallet::constant]
		type DefaultRoundLength: Get<BlockNumber>;
		/// The length of round 0, written at genesis; governance may change later rounds'.
		/// Read only at genesis, so a runtime may take it from storage (Flywheel's chain
		/// profile) while every storage default, which the metadata carries, stays fixed.
		type FirstRoundLength: Get<BlockNumber>;
		/// Blocks per year, for the annualised inflation of the runtime API.
		#[pallet::constant]
		type BlocksPerYear: Get<BlockNumber>;
		/// Weights of this pallet's calls and hook.
		type WeightInfo: WeightInfo;
	}

	/// The controller parameters in force.
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, RateParams, ValueQuery, T::DefaultParams>;

	/// The per-round inflation rate in force.
	#[pallet::storage]
	pub type Rate<T: Config> = StorageValue<_, Perbill, ValueQuery, T::InitialRate>;

	/// The emission split in force.
	#[pallet::storage]
	pub type Split<T: Config> = StorageValue<_, EmissionSplit, ValueQuery, T::DefaultSplit>;

	/// The round in progress.
	#[pallet::storage]
	pub type Round<T: Config> = StorageValue<_, RoundInfo, ValueQuery, DefaultRound<T>>;

	/// The emission mode in force (a new item: chains that stored none are in the default,
	/// `BondedRatio`, which is the rule they ran before; no migration is needed).
	#[pallet::storage]
	pub type Mode<T: Config> = StorageValue<_, EmissionMode, ValueQuery>;

	/// The round of a chain that stores none: round 0, `DefaultRoundLength` long. Genesis writes
	/// round 0 with `FirstRoundLength`.
	#[pallet::type_value]
	pub fn DefaultRound<T: Config>() -> RoundInfo {
		RoundInfo { index: 0, start: 0, length: T::DefaultRoundLength::get() }
	}

	/// Round 0 of a new chain, `FirstRoundLength` long.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let length = T::FirstRoundLength::get();
			assert!(length > 0, "FirstRoundLength must not be zero");
			Round::<T>::put(RoundInfo { index: 0, start: 0, length });
		}
	}

	/// A round length set by governance, used from the next round start on.
	#[pallet::storage]
	pub type NextRoundLength<T: Config> = StorageValue<_, BlockNumber>;

	/// What the last round start minted and routed.
	#[pallet::storage]
	pub type LastEmission<T: Config> = StorageValue<_, RoundEmission, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Round `round` started: `bonded_ratio` was measured, the rate became `rate` and
		/// `minted` FLY were minted.
		RoundStarted { round: RoundIndex, bonded_ratio: Perbill, rate: Perbill, minted: Balance },
		/// The round's mint went to the sinks.
		EmissionRouted {
			round: RoundIndex,
			stakers: Balance,
			subdaos: Balance,
			subnets: Balance,
			treasury: Balance,
		},
		/// A sink could not take its part (e.g. below the existential deposit); it went to the
		/// treasury instead.
		SinkSkipped { round: RoundIndex, amount: Balance },
		/// The bonded-ratio target changed.
		TargetSet { target: Perbill },
		/// The per-round step changed.
		StepSet { step: Perbill },
		/// The rate bounds changed; the rate in force was clamped into them.
		RateBoundsSet { min_rate: Perbill, max_rate: Perbill, rate: Perbill },
		/// Rounds will be `length` blocks long from the next round start on.
		RoundLengthSet { length: BlockNumber, from_block: BlockNumber },
		/// The emission split changed.
		SplitSet { split: EmissionSplit },
		/// The emission mode changed; it applies from the next round start.
		EmissionModeSet { mode: EmissionMode },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The minimum rate is above the maximum rate.
		MinAboveMax,
		/// The four shares of the split do not sum to exactly 100%.
		SplitNotWhole,
		/// A round cannot be zero blocks long.
		ZeroRoundLength,
		/// A step of zero would freeze the controller.
		ZeroStep,
		/// The value is outside the range the bounded admin origin (the `tokenomics_admin`
		/// track) may set; only the root track may.
		OutsideGovernanceBounds,
		/// A supply cap of zero would stop every mint for good.
		ZeroSupplyCap,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Starts a round when the current one has run its length. The hook runs every block, so
		/// no round is ever skipped; if a block were (e.g. the chain halted), the round starts at
		/// the first block after, once, and the next one is counted from there.
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			let now: BlockNumber = n.saturated_into();
			let round = Round::<T>::get();
			if now < round.next_start() {
				return T::WeightInfo::on_initialize_idle();
			}
			Self::start_round(round, now);
			T::WeightInfo::on_initialize_round()
		}

		fn integrity_test() {
			assert!(T::DefaultRoundLength::get() > 0, "DefaultRoundLength must not be zero");
			assert!(T::DefaultSplit::get().is_whole(), "DefaultSplit must sum to 100%");
			let p = T::DefaultParams::get();
			assert!(p.min_rate <= p.max_rate, "DefaultParams: min_rate above max_rate");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Sets the bonded-ratio target.
		///
		/// Origin: `AdminOrigin`. Emits `TargetSet`. Errors: `OutsideGovernanceBounds`.
		#[pallet::call_index(0)]
		// The bounded origin's check reads the chain profile once (the runtime's bounds).
		#[pallet::weight(T::WeightInfo::set_target().saturating_add(T::DbWeight::get().reads(1)))]
		pub fn set_target(origin: OriginFor<T>, target: Perbill) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			let bounds = T::GovernanceBounds::get().params.map(|p| p.target);
			ensure!(scope.allows(&target, &bounds), Error::<T>::OutsideGovernanceBounds);
			Params::<T>::mutate(|p| p.target = target);
			Self::deposit_event(Event::TargetSet { target });
			Ok(())
		}

		/// Sets the per-round step of the rate.
		///
		/// Origin: `AdminOrigin`. Emits `StepSet`. Errors: `OutsideGovernanceBounds`, `ZeroStep`.
		#[pallet::call_index(1)]
		// The bounded origin's check reads the chain profile once (the runtime's bounds).
		#[pallet::weight(T::WeightInfo::set_step().saturating_add(T::DbWeight::get().reads(1)))]
		pub fn set_step(origin: OriginFor<T>, step: Perbill) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			ensure!(!step.is_zero(), Error::<T>::ZeroStep);
			let bounds = T::GovernanceBounds::get().params.map(|p| p.step);
			ensure!(scope.allows(&step, &bounds), Error::<T>::OutsideGovernanceBounds);
			Params::<T>::mutate(|p| p.step = step);
			Self::deposit_event(Event::StepSet { step });
			Ok(())
		}

		/// Sets the rate bounds and clamps the rate in force into them.
		///
		/// Origin: `AdminOrigin`. Emits `RateBoundsSet`. Errors: `MinAboveMax`,
		/// `OutsideGovernanceBounds`.
		#[pallet::call_index(2)]
		// The bounded origin's check reads the chain profile once (the runtime's bounds).
		#[pallet::weight(T::WeightInfo::set_rate_bounds().saturating_add(T::DbWeight::get().reads(1)))]
		pub fn set_rate_bounds(
			origin: OriginFor<T>,
			min_rate: Perbill,
			max_rate: Perbill,
		) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			ensure!(min_rate <= max_rate, Error::<T>::MinAboveMax);
			let bounds = T::GovernanceBounds::get().params;
			ensure!(
				scope.allows(&min_rate, &bounds.map(|p| p.min_rate))
					&& scope.allows(&max_rate, &bounds.map(|p| p.max_rate)),
				Error::<T>::OutsideGovernanceBounds
			);
			Params::<T>::mutate(|p| {
				p.min_rate = min_rate;
				p.max_rate = max_rate;
			});
			let rate = Rate::<T>::get().clamp(min_rate, max_rate);
			Rate::<T>::put(rate);
			Self::deposit_event(Event::RateBoundsSet { min_rate, max_rate, rate });
			Ok(())
		}

		/// Sets the round length, used from the next round start on.
		///
		/// Origin: `AdminOrigin`. Emits `RoundLengthSet`. Errors: `OutsideGovernanceBounds`,
		/// `ZeroRoundLength`.
		#[pallet::call_index(3)]
		// The bounded origin's check reads the chain profile once (the runtime's bounds).
		#[pallet::weight(T::WeightInfo::set_round_length().saturating_add(T::DbWeight::get().reads(1)))]
		pub fn set_round_length(origin: OriginFor<T>, length: BlockNumber) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			ensure!(length > 0, Error::<T>::ZeroRoundLength);
			let bounds = T::GovernanceBounds::get().round_length;
			ensure!(scope.allows(&length, &bounds), Error::<T>::OutsideGovernanceBounds);
			NextRoundLength::<T>::put(length);
			let from_block = Round::<T>::get().next_start();
			Self::deposit_event(Event::RoundLengthSet { length, from_block });
			Ok(())
		}

		/// Sets the emission split; the four shares must sum to exactly 100%.
		///
		/// Origin: `AdminOrigin`. Emits `SplitSet`. Errors: `OutsideGovernanceBounds`,
		/// `SplitNotWhole`.
		#[pallet::call_index(4)]
		// The bounded origin's check reads the chain profile once (the runtime's bounds).
		#[pallet::weight(T::WeightInfo::set_emission_split().saturating_add(T::DbWeight::get().reads(1)))]
		pub fn set_emission_split(origin: OriginFor<T>, split: EmissionSplit) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			ensure!(split.is_whole(), Error::<T>::SplitNotWhole);
			let bounds = T::GovernanceBounds::get().split;
			ensure!(scope.allows(&split, &bounds), Error::<T>::OutsideGovernanceBounds);
			Split::<T>::put(split);
			Self::deposit_event(Event::SplitSet { split });
			Ok(())
		}

		/// Selects the emission mode, from the next round start on. A cap below the issuance
		/// is allowed: rounds then mint nothing until burns bring the supply under it.
		///
		/// Origin: `AdminOrigin` with the full scope (the root track): the mode changes what the
		/// controller means, so the bounded `tokenomics_admin` track may not change it. Emits
		/// `EmissionModeSet`. Errors: `OutsideGovernanceBounds` (the bounded origin),
		/// `ZeroSupplyCap`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_emission_mode())]
		pub fn set_emission_mode(origin: OriginFor<T>, mode: EmissionMode) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			ensure!(scope.is_full(), Error::<T>::OutsideGovernanceBounds);
			ensure!(mode != EmissionMode::SupplyCap { cap: 0 }, Error::<T>::ZeroSupplyCap);
			Mode::<T>::put(mode);
			Self::deposit_event(Event::EmissionModeSet { mode });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Starts the round after `previous` at block `now`: measures, steps the rate, mints and
		/// routes.
		pub(crate) fn start_round(previous: RoundInfo, now: BlockNumber) {
			let length = NextRoundLength::<T>::take().unwrap_or(previous.length);
			let round = RoundInfo { index: previous.index.saturating_add(1), start: now, length };
			Round::<T>::put(round);

			let issuance = T::Currency::total_issuance();
			let bonded_ratio = controller::bonded_ratio(T::BondedSupply::bonded(), issuance);
			let rate = controller::next_rate(Rate::<T>::get(), bonded_ratio, &Params::<T>::get());
			Rate::<T>::put(rate);

			let total = Mode::<T>::get().bound(rate.mul_floor(issuance), issuance);
			let planned = Split::<T>::get().divide(total);
			let stakers = Self::mint_to::<T::StakersSink>(round.index, planned.stakers);
			let subdaos = Self::mint_to::<T::SubDaosSink>(round.index, planned.subdaos);
			let subnets = Self::mint_to::<T::SubnetsSink>(round.index, planned.subnets);
			// The treasury takes its share, the dust and whatever another sink could not take.
			let left_over = planned
				.total()
				.saturating_sub(stakers)
				.saturating_sub(subdaos)
				.saturating_sub(subnets);
			let treasury = Self::mint_to::<T::TreasurySink>(round.index, left_over);
			let minted =
				stakers.saturating_add(subdaos).saturating_add(subnets).saturating_add(treasury);

			T::MintObserver::note_minted(minted);
			LastEmission::<T>::put(RoundEmission {
				round: round.index,
				bonded_ratio,
				rate,
				minted,
				stakers,
				subdaos,
				subnets,
				treasury,
			});
			Self::deposit_event(Event::RoundStarted {
				round: round.index,
				bonded_ratio,
				rate,
				minted,
			});
			Self::deposit_event(Event::EmissionRouted {
				round: round.index,
				stakers,
				subdaos,
				subnets,
				treasury,
			});
		}

		/// Mints `amount` into the sink and tells it; returns what was minted (0 if the mint
		/// failed, e.g. below the existential deposit of an empty account or at the issuance
		/// limit). A sink is told every round, even of nothing, so it can keep per-round books
		/// (pallet-bonding snapshots its active set then).
		fn mint_to<S: EmissionSink<T::AccountId, Balance>>(
			round: RoundIndex,
			amount: Balance,
		) -> Balance {
			if amount == 0 {
				S::note_emission(0);
				return 0;
			}
			match T::Currency::mint_into(&S::account(), amount) {
				Ok(_) => {
					S::note_emission(amount);
					amount
				}
				Err(_) => {
					Self::deposit_event(Event::SinkSkipped { round, amount });
					0
				}
			}
		}

		/// The bonded ratio now.
		pub fn bonded_ratio() -> Perbill {
			controller::bonded_ratio(T::BondedSupply::bonded(), T::Currency::total_issuance())
		}

		/// Annualised inflation at the rate in force and the current round length:
		/// `(1 + rate)^(blocks per year / round length) − 1`.
		pub fn annual_inflation() -> FixedU128 {
			let rounds =
				T::BlocksPerYear::get().checked_div(Round::<T>::get().length).unwrap_or_default();
			controller::annualised(Rate::<T>::get(), rounds)
		}

		/// Checks the pallet's invariants.
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let params = Params::<T>::get();
			let rate = Rate::<T>::get();
			ensure!(params.min_rate <= params.max_rate, "min_rate above max_rate");
			ensure!(
				params.min_rate <= rate && rate <= params.max_rate,
				"the rate is outside its bounds"
			);
			ensure!(Split::<T>::get().is_whole(), "the split does not sum to 100%");
			ensure!(Round::<T>::get().length > 0, "a zero-length round");
			ensure!(Mode::<T>::get() != EmissionMode::SupplyCap { cap: 0 }, "a zero supply cap");
			let e = LastEmission::<T>::get();
			let routed = e
				.stakers
				.checked_add(e.subdaos)
				.and_then(|s| s.checked_add(e.subnets))
				.and_then(|s| s.checked_add(e.treasury));
			ensure!(routed == Some(e.minted), "minted differs from the sum routed");
			Ok(())
		}
	}
}

impl<T: Config> flywheel_primitives::CurrentRound for Pallet<T> {
	fn current_round() -> u32 {
		Round::<T>::get().index
	}
	fn round_length() -> u32 {
		Round::<T>::get().length.max(1)
	}
	fn next_round_start() -> BlockNumber {
		Round::<T>::get().next_start()
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn set_current_round(round: u32) {
		Round::<T>::mutate(|r| r.index = round);
	}
}
