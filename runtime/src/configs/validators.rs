// SPDX-License-Identifier: Apache-2.0
//! The validator set under governance: pallet-session rotates sessions and hands Aura and
//! GRANDPA their authorities; pallet-validator-set is its SessionManager, changed only by the
//! root track (and the technical committee's emergency removal). Validators answer for what
//! they do: each holds a deposit; a GRANDPA equivocation, reported by any node's voter with a
//! key-ownership proof from pallet-session's historical roots, is an offence (pallet-offences)
//! that slashes part of the deposit to the treasury, disables the offender (Aura refuses its
//! blocks) and removes it from the set.

use crate::*;
use frame_support::{
	parameter_types,
	traits::{ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use sp_runtime::{traits::ConvertInto, Perbill};

parameter_types! {
	pub const SessionOffset: BlockNumber = 0;
	/// What a validator holds while it may validate.
	pub const ValidatorDeposit: Balance = VALIDATOR_DEPOSIT;
	/// The least share of its deposit a proven equivocation slashes (GRANDPA's own fraction,
	/// `min((3k/n)^2, 1)` for `k` of `n` validators, when larger: 56% for one of four).
	pub const MinEquivocationSlash: Perbill = Perbill::from_percent(10);
}

/// The validator deposit: 10,000 FLY.
pub const VALIDATOR_DEPOSIT: Balance = 10_000 * FLY;

/// Sessions whose validator sets stay provable, so an equivocation stays reportable: a week of
/// production's hourly sessions. GRANDPA keeps as many set-id → session entries.
pub const HISTORY_DEPTH: u32 = 168;

/// How long an equivocation report stays valid in the pool: the week above in production
/// blocks.
pub type ReportLongevity = ConstU64<{ HISTORY_DEPTH as u64 * HOURS as u64 }>;

/// Sessions of the chain profile's length (hourly in production, ten blocks on a dev chain).
type Sessions = pallet_session::PeriodicSessions<super::SessionLength, SessionOffset>;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	// The validator set rotates (at the benchmarked cost, not pallet-session's whole block).
	type ShouldEndSession = pallet_validator_set::SessionsEndInValidatorSet;
	type NextSessionRotation = Sessions;
	// The validator set, its sets' roots kept for key-ownership proofs.
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Runtime, ValidatorSet>;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	// A proven offender stops authoring at once (Aura's disabled validators are the
	// session's), up to a third of the set: more would stop the chain.
	type DisablingStrategy = pallet_session::disabling::UpToLimitDisablingStrategy;
	// Reference weights: pallet-session's benchmarks need pallet-staking (runtime/src/benchmarks.rs).
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	// Only accounts governance admits ever validate; keys of others cost them nothing.
	type KeyDeposit = ();
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// A proof-of-authority validator stakes nothing but its deposit, read at the offence.
	type FullIdentification = ();
	type FullIdentificationOf = pallet_validator_set::UnitIdentificationOf;
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	type OnOffenceHandler = ValidatorSet;
}

/// The block's author, for the reporter of an unsigned equivocation report.
impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = ();
}

impl pallet_validator_set::Config for Runtime {
	type DepositCurrency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Deposit = ValidatorDeposit;
	type MinSlash = MinEquivocationSlash;
	type Slashed =
		frame_support::traits::tokens::imbalance::ResolveTo<super::TreasuryAccount, Balances>;
	type HistoryDepth = ConstU32<HISTORY_DEPTH>;
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
	type SessionEnds = Sessions;
	type WeightInfo = crate::weights::ValidatorSetWeights;
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

/// GRANDPA's set-to-session entries of the current and the previous set, for a chain upgraded
/// from before spec_version 114, which kept one entry (`MaxSetIdSessionEntries = 0`, which
/// pallet-grandpa raises to 1): each change removed the previous set's entry. A report of set
/// `X` needs the entry of `X - 1` too (its proof's session must be above that set's last
/// session), so none of the current set's equivocations could be proven until the set changed,
/// maybe never on a chain at its minimum. The previous set is written as ending with the last
/// session (reports of the current session on are provable; earlier sessions, when reports were
/// impossible anyway, stay unprovable), the current set as the current session if missing.
/// Idempotent: it writes no entry that exists.
pub struct GrandpaSessionOfCurrentSet;
impl frame_support::traits::OnRuntimeUpgrade for GrandpaSessionOfCurrentSet {
	fn on_runtime_upgrade() -> frame_support::weights::Weight {
		use pallet_grandpa::SetIdSession;
		let set_id = pallet_grandpa::CurrentSetId::<Runtime>::get();
		let session = pallet_session::CurrentIndex::<Runtime>::get();
		let mut writes = 0u64;
		if !SetIdSession::<Runtime>::contains_key(set_id) {
			SetIdSession::<Runtime>::insert(set_id, session);
			writes += 1;
		}
		if let Some(previous) = set_id.checked_sub(1) {
			if !SetIdSession::<Runtime>::contains_key(previous) {
				SetIdSession::<Runtime>::insert(previous, session.saturating_sub(1));
				writes += 1;
			}
		}
		<Runtime as frame_system::Config>::DbWeight::get().reads_writes(4, writes)
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(_state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use pallet_grandpa::SetIdSession;
		let set_id = pallet_grandpa::CurrentSetId::<Runtime>::get();
		frame_support::ensure!(
			SetIdSession::<Runtime>::contains_key(set_id),
			"the current GRANDPA set maps to a session"
		);
		frame_support::ensure!(
			set_id.checked_sub(1).is_none_or(SetIdSession::<Runtime>::contains_key),
			"the previous GRANDPA set maps to a session"
		);
		Ok(())
	}
}
