// SPDX-License-Identifier: Apache-2.0
//! The validator set under governance: pallet-session rotates sessions and hands Aura and
//! GRANDPA their authorities; pallet-validator-set is its SessionManager, changed only by the
//! root track.

use crate::*;
use frame_support::{parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use sp_runtime::traits::ConvertInto;

parameter_types! {
	pub const SessionOffset: BlockNumber = 0;
}

/// Sessions of the chain profile's length (hourly in production, ten blocks on a dev chain).
type Sessions = pallet_session::PeriodicSessions<super::SessionLength, SessionOffset>;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = Sessions;
	type NextSessionRotation = Sessions;
	type SessionManager = ValidatorSet;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	// No slashing or disabling on a proof-of-authority chain: a misbehaving validator is
	// removed by a referendum.
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	// Only accounts governance admits ever validate; keys of others cost them nothing.
	type KeyDeposit = ();
}

impl pallet_validator_set::Config for Runtime {
	type ValidatorOrigin = EnsureRoot<AccountId>;
	// Aura's and GRANDPA's own bound on authorities.
	type MaxValidators = ConstU32<32>;
	// The dev chain runs on one validator.
	/// Four in production, the preset's own on dev and test networks (the chain profile).
	type MinValidators = super::MinValidators;
	// The block's Aura slot mapped to the session's validators.
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Runtime, Aura>;
	// Three sessions (three hours in production) without a block before one is reported.
	type OfflineSessions = ConstU32<3>;
	// The technical committee removes a lost validator and notes a stall within blocks.
	type EmergencyOrigin = crate::governance::EmergencyOrigin;
	type FinalityStall = GrandpaStall;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
}

/// A stall noted by `validatorSet.noteStalled` goes where `grandpa.noteStalled` puts it: at the
/// next session start GRANDPA schedules a forced change to that session's authorities.
pub struct GrandpaStall;
impl pallet_validator_set::NoteFinalityStall<BlockNumber> for GrandpaStall {
	fn note_stalled(delay: BlockNumber, best_finalized: BlockNumber) {
		pallet_grandpa::Stalled::<Runtime>::put((delay, best_finalized));
	}
}

/// The chain's Aura and GRANDPA authorities of spec_version 103 and before, as validators with
/// session keys: each validator's account is its Aura key (the presets and zombienet derive both
/// from one seed). Empty when the two lists do not pair up, so the migration refuses to guess.
pub struct AuthoritiesAsValidators;
impl frame_support::traits::Get<Vec<(AccountId, SessionKeys)>> for AuthoritiesAsValidators {
	fn get() -> Vec<(AccountId, SessionKeys)> {
		let aura = pallet_aura::Authorities::<Runtime>::get();
		let grandpa = pallet_grandpa::Pallet::<Runtime>::grandpa_authorities();
		if aura.len() != grandpa.len() {
			return Vec::new();
		}
		aura.into_iter()
			.zip(grandpa)
			.map(|(aura, (grandpa, _weight))| {
				let account = AccountId::new(aura.clone().into_inner().0);
				(account, SessionKeys { aura, grandpa })
			})
			.collect()
	}
}
