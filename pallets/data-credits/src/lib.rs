// SPDX-License-Identifier: Apache-2.0
#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod breaker;
mod invariants;
pub mod math;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod price;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use breaker::{BreakerConfig, BreakerState};
pub use flywheel_primitives::EpochIndex;
pub use price::{CachedPrice, PriceRules};
pub use types::*;
pub use weights::WeightInfo;

use flywheel_primitives::{
	AdminScope, Balance, BlockNumber, BurnPurpose, DataCredits, DataCreditsCharge, DcBurnTracker,
	FeedPrice, MintObserver, NetUid, PriceFeed, RollingWindow, SubDaoId, SubDaoRegistry,
	SubnetRevenueTracker,
};
use frame_support::ensure;
use sp_runtime::{FixedU128, Perbill};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		dispatch::{DispatchClass, Pays},
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate},
			tokens::{Fortitude, Precision, Preservation},
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::SaturatedConversion;

	/// 1: price rules carry the quorum's median, TWAP and move bound ([`migrations::v1`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// FLY: burned (total issuance falls) to mint DC.
		type Currency: Mutate<Self::AccountId> + Inspect<Self::AccountId, Balance = Balance>;
		/// FLY/USD feeds (the runtime wires `pallet-oracle`).
		type PriceFeed: PriceFeed;
		/// Feeds a value for a feeder (the runtime wires `pallet-oracle`'s `feed_values`).
		type FeedPrice: FeedPrice<Self::AccountId>;
		/// Which subDAOs exist and their burn authorities (the runtime wires `pallet-subdaos`).
		type SubDaos: SubDaoRegistry<Self::AccountId>;
		/// Told of every DC burn (the runtime wires `pallet-subdaos`).
		type BurnTracker: DcBurnTracker;
		/// Which subnets exist; told of DC burned for a subnet's service (the runtime wires
		/// `pallet-subnets`, which can share its emission by this revenue).
		type SubnetRevenue: SubnetRevenueTracker<Self::AccountId>;
		/// Changes price rules, the breaker, the pause switch and escrows: root
		/// (`AdminScope::Full`) or the `TokenomicsAdmin` referendum origin (`AdminScope::Bounded`:
		/// only within [`Config::GovernanceBounds`]).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = AdminScope>;
		/// The hard ranges of the price rules and the breaker for the bounded admin origin.
		/// Not a metadata constant: a runtime may derive it from storage (Flywheel's chain
		/// profile and feeder set); runtime/README.md lists the ranges.
		type GovernanceBounds: Get<GovernanceBounds>;
		/// Blocks per epoch, for [`EpochTotalsOf`].
		/// Not a metadata constant: a runtime may read it from storage (Flywheel's chain profile),
		/// and the metadata must be the same on every chain that runs one wasm.
		type EpochLength: Get<BlockNumber>;
		/// How many epochs of totals are kept (older ones are removed, one per new epoch).
		#[pallet::constant]
		type EpochHistory: Get<u32>;
		/// Price rules until governance sets them.
		#[pallet::constant]
		type DefaultPriceRules: Get<PriceRules>;
		/// Breaker configuration until governance sets it.
		#[pallet::constant]
		type DefaultBreaker: Get<BreakerConfig>;
		/// The most of the breaker's threshold one payer may mint within a window, so no single
		/// account takes the whole window from everyone else.
		#[pallet::constant]
		type MaxPayerShare: Get<Perbill>;
		/// The least DC a new balance or a new escrow starts with (a mint or delegation that
		/// would create a smaller one is refused).
		#[pallet::constant]
		type MinimumCredits: Get<DataCredits>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Sets up a fresh price for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// DC held by each account.
	#[pallet::storage]
	pub type DcBalances<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, DataCredits, ValueQuery>;

	/// DC delegated to a router of a subDAO, waiting to be burned by the subDAO's burn authority.
	#[pallet::storage]
	pub type Escrows<T: Config> =
		StorageDoubleMap<_, Twox64Concat, SubDaoId, Blake2_128Concat, RouterKey, DataCredits>;

	/// DC each payer minted, in the breaker's rolling window (at most `MaxPayerShare` of its
	/// threshold). An entry is written by a mint, which burns FLY from an existing account.
	#[pallet::storage]
	pub type PayerWindows<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, RollingWindow, ValueQuery>;

	/// The DC ledger: supply, current epoch totals, breaker, settings and the cached price.
	/// Whitelisted in benchmarks: the block's first access is paid by `on_initialize`.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type Ledger<T: Config> = StorageValue<_, DcLedger, ValueQuery, DefaultLedger<T>>;

	/// A fresh ledger with the configured default settings.
	#[pallet::type_value]
	pub fn DefaultLedger<T: Config>() -> DcLedger {
		DcLedger {
			supply: SupplyTotals::default(),
			epoch: 0,
			epoch_totals: EpochTotals::default(),
			breaker: BreakerState::default(),
			settings: MintSettings {
				price_rules: T::DefaultPriceRules::get(),
				breaker: T::DefaultBreaker::get(),
				paused: false,
			},
			price: None,
		}
	}

	/// Totals of past epochs; with the current one in [`Ledger`], the last
	/// [`Config::EpochHistory`] epochs are kept.
	#[pallet::storage]
	pub type EpochTotalsOf<T: Config> =
		StorageMap<_, Twox64Concat, EpochIndex, EpochTotals, ValueQuery>;

	/// Price rules of a chain from its first block (a dev chain needs fewer feeders than the
	/// production default); `None` keeps [`Config::DefaultPriceRules`].
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		pub price_rules: Option<PriceRules>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(rules) = self.price_rules {
				assert!(rules.is_valid(), "genesis price rules are out of range");
				Ledger::<T>::mutate(|l| l.settings.price_rules = rules);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `payer` burned `fly_burned` FLY and `beneficiary` received `credits` DC at `price`
		/// (USD per FLY).
		DataCreditsMinted {
			payer: T::AccountId,
			beneficiary: T::AccountId,
			fly_burned: Balance,
			credits: DataCredits,
			price: FixedU128,
		},
		/// `who` burned `amount` of its own DC for `purpose` of `subdao`. It counts toward the
		/// subDAO's score only as an onboarding fee charged by pallet-subdaos; a holder's own
		/// burn counts toward none.
		DataCreditsBurned {
			who: T::AccountId,
			subdao: SubDaoId,
			purpose: BurnPurpose,
			amount: DataCredits,
		},
		/// `who` delegated `amount` DC to `router_key` of `subdao`.
		DataCreditsDelegated {
			who: T::AccountId,
			subdao: SubDaoId,
			router_key: RouterKey,
			amount: DataCredits,
		},
		/// The service authority `who` of subnet `netuid` burned `amount` DC as its revenue,
		/// worth `fly_value` FLY at the mint price.
		SubnetDataCreditsBurned {
			who: T::AccountId,
			netuid: NetUid,
			amount: DataCredits,
			fly_value: Balance,
		},
		/// Feeder `feeder` fed `price` USD per FLY.
		PriceFed { feeder: T::AccountId, price: FixedU128 },
		/// The burn authority of `subdao` burned `amount` DC from the escrow of `router_key`.
		DelegatedDataCreditsBurned {
			authority: T::AccountId,
			subdao: SubDaoId,
			router_key: RouterKey,
			amount: DataCredits,
			/// What the burned DC were worth in FLY at the valuation price.
			fly_value: Balance,
		},
		/// Governance set the price rules.
		PriceRulesSet { rules: PriceRules },
		/// Governance set the mint circuit breaker.
		CircuitBreakerSet { config: BreakerConfig },
		/// Governance paused (`true`) or resumed (`false`) minting.
		MintingPausedSet { paused: bool },
		/// Governance moved the escrow of `router_key` from `from` to `to`.
		EscrowMoved { router_key: RouterKey, from: SubDaoId, to: SubDaoId, amount: DataCredits },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// An amount of zero.
		ZeroAmount,
		/// No subDAO with this id exists.
		UnknownSubDao,
		/// No escrow exists for this subDAO and router key.
		NoSuchEscrow,
		/// The account holds fewer DC than asked for.
		InsufficientDataCredits,
		/// The escrow holds fewer DC than asked for.
		InsufficientEscrow,
		/// The caller cannot burn that much FLY and stay alive.
		InsufficientFly,
		/// No FLY/USD price has been fed.
		NoPrice,
		/// Fewer fresh FLY/USD values than the quorum (`min_feeders`) of the price rules.
		StalePrice,
		/// The FLY/USD price is zero.
		ZeroPrice,
		/// The mint would give fewer DC, or cost more FLY, than `limit`.
		SlippageExceeded,
		/// Minting is paused by governance.
		MintingPaused,
		/// The amounts do not fit their types at this price.
		Overflow,
		/// The mint would push DC minted within the breaker window over its threshold.
		CircuitBreakerTriggered,
		/// Only the subDAO's burn authority may burn delegated DC.
		NotBurnAuthority,
		/// A governance parameter is out of range (zero window, threshold, age, quorum, period
		/// or move).
		InvalidParameter,
		/// The escrow is already under that subDAO.
		SameSubDao,
		/// No subnet with this netuid exists.
		UnknownSubnet,
		/// Only the subnet's registered service authority may burn DC as its revenue.
		NotServiceAuthority,
		/// The mint or delegation would create a DC balance or escrow below the minimum.
		BelowMinimum,
		/// The value is outside the range the bounded admin origin (the `tokenomics_admin`
		/// track) may set; only the root track may.
		OutsideGovernanceBounds,
		/// The mint would take this payer past its share (`MaxPayerShare`) of the breaker's
		/// threshold within the window.
		PayerShareExceeded,
		/// Only the root track may move a router's escrow to another subDAO (the bounded
		/// `tokenomics_admin` track could hand honest routers' DC to a burn authority of its
		/// choosing).
		EscrowMoveNeedsRoot,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Starts a new epoch's totals on the first block of each epoch. Every block also pays
		/// for the block's first read and write of the whitelisted [`Ledger`].
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			let hot = T::DbWeight::get().reads_writes(1, 1);
			let n: BlockNumber = n.saturated_into();
			let length = T::EpochLength::get();
			if length > 0 && n > 0 && n.is_multiple_of(length) {
				Self::roll_epoch(n / length);
				hot.saturating_add(T::WeightInfo::on_initialize_new_epoch())
			} else {
				hot.saturating_add(T::WeightInfo::on_initialize_idle())
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Burns FLY from the caller and credits DC to `beneficiary` at the conservative price.
		///
		/// `amount`: [`MintAmount::Fly`] burns exactly `fly` plancks and fails below
		/// `min_credits` DC; [`MintAmount::Credits`] credits exactly `credits` DC and fails above
		/// `max_fly` plancks. Rounding never gives more DC than the FLY paid for.
		///
		/// Origin: signed (the payer). Emits `DataCreditsMinted`. Errors: `MintingPaused`,
		/// `NoPrice`, `StalePrice`, `ZeroPrice`, `ZeroAmount`, `Overflow`, `SlippageExceeded`,
		/// `CircuitBreakerTriggered`, `PayerShareExceeded`, `BelowMinimum`, `InsufficientFly`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::mint_data_credits())]
		pub fn mint_data_credits(
			origin: OriginFor<T>,
			beneficiary: T::AccountId,
			amount: MintAmount,
		) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			let mut ledger = Ledger::<T>::get();
			ensure!(!ledger.settings.paused, Error::<T>::MintingPaused);
			let price = Self::price_from(&ledger)?;
			let (fly, credits) = match amount {
				MintAmount::Fly { fly, min_credits } => {
					ensure!(fly > 0, Error::<T>::ZeroAmount);
					let credits = math::fly_to_dc(fly, price).ok_or(Error::<T>::Overflow)?;
					ensure!(credits > 0, Error::<T>::ZeroAmount);
					ensure!(credits >= min_credits, Error::<T>::SlippageExceeded);
					(fly, credits)
				}
				MintAmount::Credits { credits, max_fly } => {
					ensure!(credits > 0, Error::<T>::ZeroAmount);
					let fly = math::dc_to_fly(credits, price).ok_or(Error::<T>::Overflow)?;
					ensure!(fly <= max_fly, Error::<T>::SlippageExceeded);
					(fly, credits)
				}
			};

			let config = ledger.settings.breaker;
			ledger.breaker = ledger
				.breaker
				.try_add(
					Self::block_number(),
					config.window,
					u128::from(config.threshold),
					u128::from(credits),
				)
				.ok_or(Error::<T>::CircuitBreakerTriggered)?;
			let payer_window = PayerWindows::<T>::get(&payer)
				.try_add(
					Self::block_number(),
					config.window,
					u128::from(T::MaxPayerShare::get().mul_floor(config.threshold)),
					u128::from(credits),
				)
				.ok_or(Error::<T>::PayerShareExceeded)?;
			let current = DcBalances::<T>::get(&beneficiary);
			ensure!(current > 0 || credits >= T::MinimumCredits::get(), Error::<T>::BelowMinimum);
			let balance = current.checked_add(credits).ok_or(Error::<T>::Overflow)?;
			ledger.supply.minted = ledger
				.supply
				.minted
				.checked_add(u128::from(credits))
				.ok_or(Error::<T>::Overflow)?;
			let totals = &mut ledger.epoch_totals;
			totals.fly_burned = totals.fly_burned.saturating_add(fly);
			totals.dc_minted = totals.dc_minted.saturating_add(u128::from(credits));

			// The only fallible external step comes before any write.
			T::Currency::burn_from(
				&payer,
				fly,
				Preservation::Preserve,
				Precision::Exact,
				Fortitude::Polite,
			)
			.map_err(|_| Error::<T>::InsufficientFly)?;

			Ledger::<T>::put(ledger);
			PayerWindows::<T>::insert(&payer, payer_window);
			DcBalances::<T>::insert(&beneficiary, balance);
			Self::deposit_event(Event::DataCreditsMinted {
				payer,
				beneficiary,
				fly_burned: fly,
				credits,
				price,
			});
			Ok(())
		}

		/// Burns the caller's own DC for a service of a subDAO, without tracking (Helium's
		/// `burn_without_tracking`): the burn counts toward no score, since a holder could
		/// otherwise buy emission for a subDAO with a wash burn. Usage counts only through
		/// [`Pallet::burn_delegated_data_credits`]; onboarding fees only through
		/// pallet-subdaos' `onboard_device`.
		///
		/// Origin: signed. Emits `DataCreditsBurned`. Errors: `ZeroAmount`, `UnknownSubDao`,
		/// `InsufficientDataCredits`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::burn_data_credits())]
		pub fn burn_data_credits(
			origin: OriginFor<T>,
			amount: DataCredits,
			purpose: ServicePurpose,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (subdao, purpose) = purpose.split();
			ensure!(T::SubDaos::exists(subdao), Error::<T>::UnknownSubDao);
			Self::burn(BurnSource::Balance(&who), amount)?;
			Self::deposit_event(Event::DataCreditsBurned { who, subdao, purpose, amount });
			Ok(())
		}

		/// Moves the caller's DC into the escrow of `(subdao, router_key)`.
		///
		/// Origin: signed (the DC holder). Emits `DataCreditsDelegated`. Errors: `BelowMinimum`,
		/// `InsufficientDataCredits`, `Overflow`, `UnknownSubDao`, `ZeroAmount`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::delegate_data_credits())]
		pub fn delegate_data_credits(
			origin: OriginFor<T>,
			subdao: SubDaoId,
			router_key: RouterKey,
			amount: DataCredits,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			ensure!(T::SubDaos::exists(subdao), Error::<T>::UnknownSubDao);
			let balance = DcBalances::<T>::get(&who)
				.checked_sub(amount)
				.ok_or(Error::<T>::InsufficientDataCredits)?;
			let escrow = Self::escrow_plus(subdao, router_key, amount)?;
			ensure!(
				escrow > amount || amount >= T::MinimumCredits::get(),
				Error::<T>::BelowMinimum
			);
			Self::set_balance(&who, balance);
			Escrows::<T>::insert(subdao, router_key, escrow);
			Self::deposit_event(Event::DataCreditsDelegated { who, subdao, router_key, amount });
			Ok(())
		}

		/// The subDAO's burn authority burns `amount` DC from the escrow of `router_key`,
		/// reported as usage of the subDAO, valued in FLY at the highest of the usable prices
		/// (the fewest FLY, in the protocol's favour): pallet-subdaos lets the usage term attract
		/// at most a share of that value, so a wash burn loses money. Without a usable price the
		/// burn is refused and nothing is burned (it could not be valued; the router burns again
		/// once the feed is fresh, as minting waits for it too). An emptied escrow is removed.
		///
		/// Origin: signed, the subDAO's burn authority. Emits `DelegatedDataCreditsBurned`. Errors:
		/// `InsufficientEscrow`, `NoPrice`, `NoSuchEscrow`, `NotBurnAuthority`, `Overflow`,
		/// `StalePrice`, `UnknownSubDao`, `ZeroAmount`, `ZeroPrice`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::burn_delegated_data_credits())]
		pub fn burn_delegated_data_credits(
			origin: OriginFor<T>,
			subdao: SubDaoId,
			router_key: RouterKey,
			amount: DataCredits,
		) -> DispatchResult {
			let authority = ensure_signed(origin)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			let expected = T::SubDaos::burn_authority(subdao).ok_or(Error::<T>::UnknownSubDao)?;
			ensure!(authority == expected, Error::<T>::NotBurnAuthority);
			let price = Self::valuation_price()?;
			let fly_value = math::dc_to_fly(amount, price).ok_or(Error::<T>::Overflow)?;
			Self::burn(BurnSource::Escrow(subdao, router_key), amount)?;
			T::BurnTracker::note_dc_burn(subdao, BurnPurpose::Usage, amount, fly_value);
			Self::deposit_event(Event::DelegatedDataCreditsBurned {
				authority,
				subdao,
				router_key,
				amount,
				fly_value,
			});
			Ok(())
		}

		/// Sets the price rules: the maximum age of a feed, the quorum of fresh feeds, the TWAP
		/// period, the largest move per window and the window (all > 0). The next feed
		/// aggregates under them.
		///
		/// Origin: `AdminOrigin`. Emits `PriceRulesSet`. Errors: `InvalidParameter`,
		/// `OutsideGovernanceBounds`.
		#[pallet::call_index(4)]
		// The benchmark counts the runtime's bounds (a read of the feeder set).
		#[pallet::weight(T::WeightInfo::set_price_rules())]
		pub fn set_price_rules(origin: OriginFor<T>, rules: PriceRules) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			ensure!(rules.is_valid(), Error::<T>::InvalidParameter);
			let bounds = T::GovernanceBounds::get().price_rules;
			ensure!(scope.allows(&rules, &bounds), Error::<T>::OutsideGovernanceBounds);
			Ledger::<T>::mutate(|l| l.settings.price_rules = rules);
			Self::deposit_event(Event::PriceRulesSet { rules });
			Ok(())
		}

		/// Sets the mint circuit breaker: window (blocks, > 0) and threshold (DC, > 0). The
		/// current window's value is kept and decays over the new window length.
		///
		/// Origin: `AdminOrigin`. Emits `CircuitBreakerSet`. Errors: `InvalidParameter`,
		/// `OutsideGovernanceBounds`.
		#[pallet::call_index(5)]
		// The benchmark counts the runtime's bounds (a read of the feeder set).
		#[pallet::weight(T::WeightInfo::set_circuit_breaker())]
		pub fn set_circuit_breaker(origin: OriginFor<T>, config: BreakerConfig) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			ensure!(config.window > 0 && config.threshold > 0, Error::<T>::InvalidParameter);
			let bounds = T::GovernanceBounds::get().breaker;
			ensure!(scope.allows(&config, &bounds), Error::<T>::OutsideGovernanceBounds);
			Ledger::<T>::mutate(|l| l.settings.breaker = config);
			Self::deposit_event(Event::CircuitBreakerSet { config });
			Ok(())
		}

		/// Pauses (`true`) or resumes (`false`) minting. Burns and delegation go on.
		///
		/// Origin: `AdminOrigin`. Emits `MintingPausedSet`. Errors: none but the origin's
		/// `BadOrigin`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_minting_paused())]
		pub fn set_minting_paused(origin: OriginFor<T>, paused: bool) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Ledger::<T>::mutate(|l| l.settings.paused = paused);
			Self::deposit_event(Event::MintingPausedSet { paused });
			Ok(())
		}

		/// Moves the whole escrow of `router_key` from subDAO `from` to subDAO `to` (e.g. when
		/// a router changes network), adding to any escrow it already has there. Only with
		/// `AdminScope::Full` (the root track): the DC in an escrow count as usage of the subDAO
		/// whose burn authority burns them, so moving them is handing them to another authority.
		///
		/// Origin: `AdminOrigin` with full scope. Emits `EscrowMoved`. Errors: `EscrowMoveNeedsRoot`,
		/// `NoSuchEscrow`, `Overflow`, `SameSubDao`, `UnknownSubDao`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::move_escrow())]
		pub fn move_escrow(
			origin: OriginFor<T>,
			router_key: RouterKey,
			from: SubDaoId,
			to: SubDaoId,
		) -> DispatchResult {
			let scope = T::AdminOrigin::ensure_origin(origin)?;
			ensure!(scope.is_full(), Error::<T>::EscrowMoveNeedsRoot);
			ensure!(from != to, Error::<T>::SameSubDao);
			ensure!(T::SubDaos::exists(to), Error::<T>::UnknownSubDao);
			let amount = Escrows::<T>::get(from, router_key).ok_or(Error::<T>::NoSuchEscrow)?;
			let merged = Self::escrow_plus(to, router_key, amount)?;
			Escrows::<T>::remove(from, router_key);
			Escrows::<T>::insert(to, router_key, merged);
			Self::deposit_event(Event::EscrowMoved { router_key, from, to, amount });
			Ok(())
		}

		/// The service authority of subnet `netuid` (registered by the subnet's owner in
		/// pallet-subnets) burns `amount` of its own DC as the subnet's revenue, valued in FLY
		/// at the highest of the usable prices (median, spot, TWAP: the fewest FLY, in the
		/// protocol's favour); pallet-subnets' revenue mode shares emission by it and caps what
		/// a unit of it can attract. Without a usable price the burn is refused (it would be
		/// worth nothing) and nothing is burned.
		///
		/// Origin: signed, the subnet's service authority. Emits `SubnetDataCreditsBurned`.
		/// Errors: `ZeroAmount`, `UnknownSubnet`, `NotServiceAuthority`, `NoPrice`,
		/// `StalePrice`, `ZeroPrice`, `Overflow`, `InsufficientDataCredits`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::burn_data_credits_for_subnet())]
		pub fn burn_data_credits_for_subnet(
			origin: OriginFor<T>,
			netuid: NetUid,
			amount: DataCredits,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			ensure!(T::SubnetRevenue::subnet_exists(netuid), Error::<T>::UnknownSubnet);
			let authority = T::SubnetRevenue::service_authority(netuid);
			ensure!(authority.as_ref() == Some(&who), Error::<T>::NotServiceAuthority);
			let price = Self::valuation_price()?;
			let fly_value = math::dc_to_fly(amount, price).ok_or(Error::<T>::Overflow)?;
			Self::burn(BurnSource::Balance(&who), amount)?;
			T::SubnetRevenue::note_subnet_revenue(netuid, amount, fly_value);
			Self::deposit_event(Event::SubnetDataCreditsBurned { who, netuid, amount, fly_value });
			Ok(())
		}

		/// A governance-approved feeder feeds `price` USD per FLY into the oracle; the mint
		/// price is aggregated again at once. Operational class, so blocks full of normal
		/// transactions cannot keep feeds out, and free for a feeder (the oracle takes one feed
		/// per feeder per block); a refused feed pays its fee. A runtime should refuse a
		/// non-feeder's in the pool, or anyone could fill the operational class (Flywheel's
		/// `RestrictOperational`).
		///
		/// Origin: signed, an oracle feeder. Emits `PriceFed` (and the oracle's
		/// `NewFeedData`). Errors: the oracle's (`NoPermission`, `AlreadyFeeded`).
		#[pallet::call_index(9)]
		#[pallet::weight((T::WeightInfo::feed_price(), DispatchClass::Operational))]
		pub fn feed_price(origin: OriginFor<T>, price: FixedU128) -> DispatchResultWithPostInfo {
			let feeder = ensure_signed(origin)?;
			T::FeedPrice::feed(&feeder, price)?;
			Self::deposit_event(Event::PriceFed { feeder, price });
			Ok(Pays::No.into())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The conservative FLY/USD price (see [`price`]), or why there is none.
		/// The price a mint would use now.
		pub fn current_price() -> Result<FixedU128, Error<T>> {
			Self::price_from(&Ledger::<T>::get())
		}

		fn price_from(ledger: &DcLedger) -> Result<FixedU128, Error<T>> {
			price::check(ledger.price, T::PriceFeed::now(), ledger.settings.price_rules)
				.map_err(Self::price_error)
		}

		/// The price burned DC are valued at (see [`price::check_valuation`]), or why there is
		/// none.
		pub fn valuation_price() -> Result<FixedU128, Error<T>> {
			let ledger = Ledger::<T>::get();
			price::check_valuation(ledger.price, T::PriceFeed::now(), ledger.settings.price_rules)
				.map_err(Self::price_error)
		}

		fn price_error(e: price::PriceError) -> Error<T> {
			match e {
				price::PriceError::NoPrice => Error::<T>::NoPrice,
				price::PriceError::StalePrice => Error::<T>::StalePrice,
				price::PriceError::ZeroPrice => Error::<T>::ZeroPrice,
			}
		}

		/// Aggregates the current feeds into the cached price. The runtime calls it whenever a
		/// feeder feeds and whenever the feeder set changes (see [`price`]).
		pub fn refresh_price() {
			let feeds = T::PriceFeed::fly_usd_observations();
			let now = T::PriceFeed::now();
			Ledger::<T>::mutate(|l| {
				l.price = price::aggregate(l.price, &feeds, now, l.settings.price_rules)
			});
		}

		/// The price rules in force.
		pub fn price_rules() -> PriceRules {
			Ledger::<T>::get().settings.price_rules
		}

		/// The breaker configuration in force.
		pub fn breaker_config() -> BreakerConfig {
			Ledger::<T>::get().settings.breaker
		}

		/// Whether minting is paused.
		pub fn minting_paused() -> bool {
			Ledger::<T>::get().settings.paused
		}

		/// Lifetime DC minted and burned.
		pub fn supply() -> SupplyTotals {
			Ledger::<T>::get().supply
		}

		/// Totals of `epoch`: the current one from the ledger, past ones from history (zero
		/// once pruned or not yet started).
		pub fn epoch_totals(epoch: EpochIndex) -> EpochTotals {
			let ledger = Ledger::<T>::get();
			if epoch == ledger.epoch {
				ledger.epoch_totals
			} else {
				EpochTotalsOf::<T>::get(epoch)
			}
		}

		/// Moves the current totals into history and starts `epoch`, pruning the epoch that
		/// falls out of [`Config::EpochHistory`].
		pub(crate) fn roll_epoch(epoch: EpochIndex) {
			let mut ledger = Ledger::<T>::get();
			if ledger.epoch >= epoch {
				return;
			}
			ledger.epoch_totals.issuance_at_close = T::Currency::total_issuance();
			EpochTotalsOf::<T>::insert(ledger.epoch, ledger.epoch_totals);
			if let Some(old) = epoch.checked_sub(T::EpochHistory::get()) {
				EpochTotalsOf::<T>::remove(old);
			}
			ledger.epoch = epoch;
			ledger.epoch_totals = EpochTotals::default();
			Ledger::<T>::put(ledger);
		}

		pub fn quote_fly_to_dc(fly: Balance) -> Option<DataCredits> {
			math::fly_to_dc(fly, Self::current_price().ok()?)
		}

		/// FLY plancks that minting `dc` DC would burn now (`None`: no usable price or overflow).
		pub fn quote_dc_to_fly(dc: DataCredits) -> Option<Balance> {
			math::dc_to_fly(dc, Self::current_price().ok()?)
		}

		/// DC held by `who` (for the runtime API).
		pub fn dc_balance(who: &T::AccountId) -> DataCredits {
			DcBalances::<T>::get(who)
		}

		/// DC in the escrow of `(subdao, router_key)` (for the runtime API).
		pub fn escrow_balance(subdao: SubDaoId, router_key: RouterKey) -> DataCredits {
			Escrows::<T>::get(subdao, router_key).unwrap_or_default()
		}

		/// The epoch `block` falls in.
		pub fn epoch_of(block: BlockNumber) -> EpochIndex {
			block.checked_div(T::EpochLength::get()).unwrap_or(0)
		}

		/// The current block as the chain's `u32` block number.
		pub(crate) fn block_number() -> BlockNumber {
			frame_system::Pallet::<T>::block_number().saturated_into()
		}

		/// The escrow of `(subdao, router_key)` (zero if none) plus `amount`, checked.
		fn escrow_plus(
			subdao: SubDaoId,
			router_key: RouterKey,
			amount: DataCredits,
		) -> Result<DataCredits, Error<T>> {
			Escrows::<T>::get(subdao, router_key)
				.unwrap_or_default()
				.checked_add(amount)
				.ok_or(Error::<T>::Overflow)
		}

		/// The one way DC are burned: takes `amount` (> 0) from `from` and counts it in the
		/// lifetime and epoch totals. Checking the target and reporting the burn (to a subDAO's
		/// score or a subnet's revenue) are the caller's.
		pub(crate) fn burn(
			from: BurnSource<'_, T::AccountId>,
			amount: DataCredits,
		) -> DispatchResult {
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			match from {
				BurnSource::Balance(who) => {
					let left = DcBalances::<T>::get(who)
						.checked_sub(amount)
						.ok_or(Error::<T>::InsufficientDataCredits)?;
					Self::set_balance(who, left);
				}
				BurnSource::Escrow(subdao, router_key) => {
					let escrow =
						Escrows::<T>::get(subdao, router_key).ok_or(Error::<T>::NoSuchEscrow)?;
					let left = escrow.checked_sub(amount).ok_or(Error::<T>::InsufficientEscrow)?;
					if left == 0 {
						Escrows::<T>::remove(subdao, router_key);
					} else {
						Escrows::<T>::insert(subdao, router_key, left);
					}
				}
			}
			Ledger::<T>::mutate(|l| l.count_burn(amount));
			Ok(())
		}

		fn set_balance(who: &T::AccountId, balance: DataCredits) {
			if balance == 0 {
				DcBalances::<T>::remove(who);
			} else {
				DcBalances::<T>::insert(who, balance);
			}
		}
	}
}

/// Benchmark setup the runtime provides: a fresh, usable FLY/USD price and a subDAO with a burn
/// authority.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes [`Config::PriceFeed`] report a fresh price of `price` from enough feeders.
	fn set_price(price: FixedU128);
	/// Makes `subdao` exist with `authority` as its burn authority.
	fn create_subdao(subdao: SubDaoId, authority: AccountId);
	/// Makes a subnet exist with `service_authority` as its service authority; returns its
	/// netuid.
	fn create_subnet(service_authority: AccountId) -> NetUid;
	/// An account allowed to feed the price through [`Pallet::feed_price`].
	fn feeder() -> AccountId;
}

/// Other pallets (pallet-subdaos' device onboarding) charge DC through this.
impl<T: Config> DataCreditsCharge<T::AccountId> for Pallet<T> {
	fn charge(
		who: &T::AccountId,
		subdao: SubDaoId,
		purpose: BurnPurpose,
		amount: DataCredits,
	) -> frame_support::dispatch::DispatchResult {
		ensure!(T::SubDaos::exists(subdao), Error::<T>::UnknownSubDao);
		Self::burn(BurnSource::Balance(who), amount)?;
		Self::deposit_event(Event::DataCreditsBurned { who: who.clone(), subdao, purpose, amount });
		// Onboarding fees are not valued: only the usage term's pull on emission is capped.
		T::BurnTracker::note_dc_burn(subdao, purpose, amount, 0);
		Ok(())
	}
}

/// pallet-inflation reports each round's mint: it counts in the current epoch's totals.
impl<T: Config> MintObserver for Pallet<T> {
	fn note_minted(amount: Balance) {
		Ledger::<T>::mutate(|l| {
			l.epoch_totals.fly_minted = l.epoch_totals.fly_minted.saturating_add(amount)
		});
	}
}
