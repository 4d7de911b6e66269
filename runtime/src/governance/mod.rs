// SPDX-License-Identifier: Apache-2.0
//! OpenGov: custom origins, referendum tracks and the pallet configs that use them.
//!
//! Five tracks: `root` (anything), `tokenomics_admin` (every tokenomics parameter),
//! `treasurer` (treasury spends), and the fast `referendum_canceller` and `referendum_killer`
//! that stop a malicious referendum before it is enacted. The tracks' periods are the chain
//! profile's (`configs/profile.rs`): days in production, a few blocks on a dev chain, so a
//! referendum passes within a minute there.

pub mod bounds;
pub mod emergency;
pub mod origins;
pub mod tracks;

use crate::*;
pub use bounds::TokenomicsAuthority;
pub use emergency::EmergencyOrigin;
use frame_support::{
	dynamic_params::{dynamic_pallet_params, dynamic_params},
	parameter_types,
	traits::{fungible::HoldConsideration, EitherOf, LinearStoragePrice},
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess, EnsureSigned};
pub use origins::{
	EnsureReferendumCanceller, EnsureReferendumKiller, EnsureTokenomicsAdmin, EnsureTreasurer,
	TreasurySpender,
};

/// Root or the `TokenomicsAdmin` referendum origin: the only origins that may change any
/// tokenomics parameter. A plain signed account never can.
pub type TokenomicsAdminOrRoot = EitherOf<EnsureRoot<AccountId>, EnsureTokenomicsAdmin>;
/// Root or the `Treasurer` referendum origin.
pub type TreasurerOrRoot = EitherOf<EnsureRoot<AccountId>, EnsureTreasurer>;
/// Root or the `ReferendumCanceller` referendum origin.
pub type CancellerOrRoot = EitherOf<EnsureRoot<AccountId>, EnsureReferendumCanceller>;
/// Root or the `ReferendumKiller` referendum origin.
pub type KillerOrRoot = EitherOf<EnsureRoot<AccountId>, EnsureReferendumKiller>;

parameter_types! {
	/// A week, on every chain: both are metadata constants, which must be the same on every
	/// chain that runs this wasm for the metadata hash to hold (the track periods come from the
	/// chain profile, see `tracks`).
	pub const VoteLockingPeriod: BlockNumber = 7 * DAYS;
	/// Two weeks, on every chain (see `VoteLockingPeriod`).
	pub const UndecidingTimeout: BlockNumber = 14 * DAYS;
	pub const SubmissionDeposit: Balance = 10 * FLY;
	pub const MaxQueued: u32 = 100;
	pub const AlarmInterval: BlockNumber = 1;
	pub const PreimageBaseDeposit: Balance = FLY;
	pub const PreimageByteDeposit: Balance = MICRO_FLY;
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
	pub MaximumSchedulerWeight: frame_support::weights::Weight =
		sp_runtime::Perbill::from_percent(80) * crate::configs::RuntimeBlockWeights::get().max_block;
	pub const MaxScheduledPerBlock: u32 = 50;
}

impl origins::Config for Runtime {}

impl pallet_conviction_voting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_conviction_voting::WeightInfo<Runtime>;
	type Currency = Balances;
	type Polls = Referenda;
	type MaxTurnout =
		frame_support::traits::tokens::currency::ActiveIssuanceOf<Balances, AccountId>;
	type MaxVotes = frame_support::traits::ConstU32<512>;
	type VoteLockingPeriod = VoteLockingPeriod;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

impl pallet_referenda::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_referenda::WeightInfo<Runtime>;
	type Scheduler = Scheduler;
	type Currency = Balances;
	type SubmitOrigin = frame_support::traits::AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type CancelOrigin = CancellerOrRoot;
	type KillOrigin = KillerOrRoot;
	// Slashed decision deposits go to the treasury.
	type Slash = Treasury;
	type Votes = Balance;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = MaxQueued;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = AlarmInterval;
	type Tracks = tracks::TracksInfo;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = frame_support::traits::EqualPrivilegeOnly;
	type MaxScheduledPerBlock = MaxScheduledPerBlock;
	type WeightInfo = crate::weights::pallet_scheduler::WeightInfo<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_preimage::WeightInfo<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

/// Runtime parameters that governance changes without a runtime upgrade. Each group is guarded
/// by the origin that owns it (see [`DynamicParameterOrigin`]).
#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Runtime>)]
pub mod dynamic_params {
	use super::*;

	/// Tokenomics parameters of the runtime's own pallets (the tokenomics pallets keep theirs in
	/// their own storage, changed by the same `TokenomicsAdmin` origin).
	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod tokenomics {
		/// Share of the treasury's unspent FLY burned at each spend period.
		#[codec(index = 0)]
		pub static TreasuryBurn: sp_runtime::Permill = sp_runtime::Permill::from_percent(1);
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl Default for RuntimeParameters {
	fn default() -> Self {
		RuntimeParameters::Tokenomics(dynamic_params::tokenomics::Parameters::TreasuryBurn(
			dynamic_params::tokenomics::TreasuryBurn,
			Some(sp_runtime::Permill::from_percent(2)),
		))
	}
}

/// Who may set which runtime parameter: the tokenomics group needs root. pallet-parameters checks
/// the origin by key alone, so it cannot keep the `tokenomics_admin` track within a range of
/// values; the treasury burn, which could empty the treasury, is therefore a root-track change.
pub struct DynamicParameterOrigin;
impl frame_support::traits::EnsureOriginWithArg<RuntimeOrigin, RuntimeParametersKey>
	for DynamicParameterOrigin
{
	type Success = ();

	fn try_origin(
		origin: RuntimeOrigin,
		key: &RuntimeParametersKey,
	) -> Result<Self::Success, RuntimeOrigin> {
		match key {
			RuntimeParametersKey::Tokenomics(_) => {
				<EnsureRoot<AccountId> as frame_support::traits::EnsureOrigin<RuntimeOrigin>>::try_origin(origin).map(|_| ())
			},
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(_key: &RuntimeParametersKey) -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::root())
	}
}

impl pallet_parameters::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeParameters = RuntimeParameters;
	type AdminOrigin = DynamicParameterOrigin;
	/// `set_parameter` is reachable only by referendum.
	type WeightInfo = crate::weights::pallet_parameters::WeightInfo<Runtime>;
}

/// Root may spend any amount from the treasury; the `Treasurer` track up to its own cap.
pub type TreasurySpendOrigin =
	EitherOf<EnsureRootWithSuccess<AccountId, MaxBalance>, TreasurySpender>;

parameter_types! {
	pub const MaxBalance: Balance = Balance::MAX;
}
