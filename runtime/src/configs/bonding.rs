// SPDX-License-Identifier: Apache-2.0
//! pallet-bonding: operator rules, unbonding and the stake limits.

use crate::{governance::TokenomicsAuthority, *};
use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32},
	PalletId,
};
use sp_runtime::Perbill;

parameter_types! {
	pub const BondingPalletId: PalletId = PalletId(*b"fly/bond");
	/// An operator bonds 1,000 FLY to itself when it registers (a slot costs something), and
	/// anyone may remove one that stays outside the active set for 30 rounds (a month of
	/// daily rounds).
	pub const DefaultOperatorRules: pallet_bonding::OperatorRules =
		pallet_bonding::OperatorRules { min_self_bond: 1_000 * FLY, max_idle_rounds: 30 };
	/// A cut rises (or a fee share falls) by at most 5 percentage points per change, and a
	/// change for the worse applies a full round after it is announced: from 10% to 50% takes
	/// eight changes, at least sixteen daily rounds.
	pub const MaxTermsStep: Perbill = Perbill::from_percent(5);
}

impl pallet_bonding::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// One FLY, one role: FLY locked in veFLY cannot be bonded.
	type VeFly = SubDaos;
	type Rounds = Inflation;
	type AdminOrigin = TokenomicsAuthority;
	type GovernanceBounds = crate::governance::bounds::OperatorRuleBounds;
	type DefaultOperatorRules = DefaultOperatorRules;
	type PalletId = BondingPalletId;
	/// Terms changed in the last tenth of a round wait one more round (Livepeer's round lock
	/// is 10% of a round): a tenth of the chain profile's round length.
	type TermsLockPeriod = super::profile::TermsLockPeriod;
	type MaxTermsStep = MaxTermsStep;
	/// A week of daily rounds.
	type UnbondingPeriod = ConstU32<7>;
	/// Tightened operator rules let anyone remove operators under them after a week.
	type RulesGracePeriod = ConstU32<7>;
	type MaxOperators = ConstU32<64>;
	type MaxActiveOperators = ConstU32<32>;
	type MaxUnbondingLocks = ConstU32<16>;
	/// A delegation bonds at least 1 FLY.
	type MinBond = ConstU128<FLY>;
	type WeightInfo = pallet_bonding::weights::SubstrateWeight<Runtime>;
}
