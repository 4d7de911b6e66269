// SPDX-License-Identifier: Apache-2.0
//! The emergency path: a technical committee (pallet-collective) whose two-thirds motions act
//! within blocks, not a referendum's days, on a short list and nothing else:
//! - pause a tokenomics call (pallet-tx-pause; a whole pallet by a batch of pauses); only a
//!   referendum (root or tokenomics_admin) lifts a pause;
//! - remove a validator (within the set's minimum) and note a finality stall
//!   (`validatorSet.noteStalled`, GRANDPA's forced change).
//!
//! A pause moves no funds: the runtime's call filter refuses the call, signed or from any origin
//! but root, alone, in a batch or through a proxy, until the pause is lifted. The committee's
//! members are set by the root track.

use crate::*;
use frame_support::{
	parameter_types,
	traits::{ConstU32, Contains, EitherOf},
};
use frame_system::EnsureRoot;
use pallet_tx_pause::RuntimeCallNameOf;

use super::TokenomicsAdminOrRoot;

/// The technical committee's collective.
pub type TechnicalCollective = pallet_collective::Instance1;

/// Two thirds of the technical committee (a motion's ayes, at least 2 of 3), or root: the
/// emergency origin.
pub type EmergencyOrigin = EitherOf<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, TechnicalCollective, 2, 3>,
>;

parameter_types! {
	/// A motion stays open a day; it is enacted as soon as two thirds vote aye and it is closed.
	pub const MotionDuration: BlockNumber = DAYS;
	pub const MaxProposals: u32 = 20;
	pub const MaxCommitteeMembers: u32 = 16;
	/// Half a block: a motion's call (a batch of pauses, a removal) is small.
	pub MaxProposalWeight: frame_support::weights::Weight =
		sp_runtime::Perbill::from_percent(50) * crate::configs::RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<TechnicalCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = MotionDuration;
	type MaxProposals = MaxProposals;
	type MaxMembers = MaxCommitteeMembers;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = crate::weights::pallet_collective::WeightInfo<Runtime>;
	// Members are chosen by a root-track referendum.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	// Only members may propose; a proposal costs no deposit.
	type Consideration = ();
}

/// The pallets whose calls the emergency path may pause: the tokenomics pallets and the
/// FLY/USD oracle. Balances, governance, sessions and everything else can never be paused.
pub const PAUSABLE_PALLETS: [&str; 6] =
	["DataCredits", "SubDaos", "Bonding", "Inflation", "Subnets", "Oracle"];

/// Every call outside [`PAUSABLE_PALLETS`]: pallet-tx-pause refuses to pause them.
pub struct Unpausable;
impl Contains<RuntimeCallNameOf<Runtime>> for Unpausable {
	fn contains((pallet, _call): &RuntimeCallNameOf<Runtime>) -> bool {
		!PAUSABLE_PALLETS.iter().any(|p| p.as_bytes() == pallet.as_slice())
	}
}

impl pallet_tx_pause::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PauseOrigin = EmergencyOrigin;
	// Only a referendum lifts a pause.
	type UnpauseOrigin = TokenomicsAdminOrRoot;
	type WhitelistedCalls = Unpausable;
	type MaxNameLen = ConstU32<256>;
	// Reference weights: the benchmarks pause a made-up call name, which `Unpausable` refuses
	// (only the tokenomics pallets and the oracle can be paused). Each call is one read and one
	// write of `PausedCalls`.
	type WeightInfo = pallet_tx_pause::weights::SubstrateWeight<Runtime>;
}
