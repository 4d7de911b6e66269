// SPDX-License-Identifier: Apache-2.0
//! Validators answer for what they do, in the runtime: a GRANDPA equivocation, reported as a
//! node's voter reports it (an unsigned `reportEquivocationUnsigned` with a key-ownership proof
//! from pallet-session's historical roots), is an offence that slashes part of the offender's
//! deposit to the treasury, disables it at once (Aura refuses its slots) and removes it from the
//! set; the chain goes on with the other three. Bad reports are refused and move nothing.

use super::validators::{run_to_session, run_to_session_without, zombienet_ext};
use super::*;
use frame_support::traits::{DisabledValidators, KeyOwnerProofSystem};
use sp_consensus_grandpa::{EquivocationProof, KEY_TYPE};
use sp_core::H256;
use sp_keyring::Ed25519Keyring;
use sp_runtime::{
	traits::Dispatchable,
	transaction_validity::{InvalidTransaction, TransactionSource},
	Perbill,
};

type Proof = EquivocationProof<Hash, BlockNumber>;

/// `keyring`'s two prevotes for different blocks in one round of set `set_id`.
fn prevote_equivocation(keyring: Ed25519Keyring, set_id: u64, round: u64, same: bool) -> Proof {
	let sign = |hash: H256| {
		let prevote = finality_grandpa::Prevote { target_hash: hash, target_number: 10 };
		let message = finality_grandpa::Message::Prevote(prevote.clone());
		let payload = sp_consensus_grandpa::localized_payload(round, set_id, &message);
		let signature: sp_consensus_grandpa::AuthoritySignature = keyring.sign(&payload).into();
		(prevote, signature)
	};
	let second = if same { H256::repeat_byte(1) } else { H256::repeat_byte(2) };
	Proof::new(
		set_id,
		sp_consensus_grandpa::Equivocation::Prevote(finality_grandpa::Equivocation {
			round_number: round,
			identity: keyring.public().into(),
			first: sign(H256::repeat_byte(1)),
			second: sign(second),
		}),
	)
}

/// The current session's proof of who owns `keyring`'s GRANDPA key (what the runtime API
/// `generate_key_ownership_proof` hands the node; for a key nobody owns, a proof of absence).
fn key_owner_proof(keyring: Ed25519Keyring) -> sp_session::MembershipProof {
	let id: GrandpaId = keyring.public().into();
	Historical::prove((KEY_TYPE, id)).expect("a proof of the current session")
}

fn report(proof: Proof, owner: sp_session::MembershipProof) -> sp_runtime::DispatchResult {
	RuntimeCall::Grandpa(pallet_grandpa::Call::report_equivocation_unsigned {
		equivocation_proof: Box::new(proof),
		key_owner_proof: owner,
	})
	.dispatch(RuntimeOrigin::none())
	.map(|_| ())
	.map_err(|e| e.error)
}

fn deposit(who: &AccountId) -> Balance {
	ValidatorSet::deposit_of(who)
}

fn treasury() -> Balance {
	Balances::free_balance(configs::TreasuryAccount::get())
}

#[test]
fn genesis_validators_hold_the_deposit() {
	zombienet_ext().execute_with(|| {
		for who in pallet_validator_set::Validators::<Runtime>::get() {
			assert_eq!(deposit(&who), configs::VALIDATOR_DEPOSIT);
		}
	});
	production_ext().execute_with(|| {
		use frame_support::traits::OnInitialize;
		<ValidatorSet as OnInitialize<BlockNumber>>::on_initialize(1);
		for who in pallet_validator_set::Validators::<Runtime>::get() {
			assert_eq!(deposit(&who), configs::VALIDATOR_DEPOSIT, "production endows it");
			assert_eq!(
				Balances::free_balance(&who),
				genesis_config_presets::PRODUCTION_OPERATOR_ENDOWMENT
			);
		}
	});
}

#[test]
fn a_reported_equivocation_slashes_disables_and_removes_the_offender() {
	zombienet_ext().execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let index = 1u32;
		assert_eq!(pallet_session::Validators::<Runtime>::get()[index as usize], bob);
		let treasury_before = treasury();
		let issuance = Balances::total_issuance();

		let proof = prevote_equivocation(Ed25519Keyring::Bob, 0, 1, false);
		let owner = key_owner_proof(Ed25519Keyring::Bob);
		// The pool takes the report from the node itself only (its GRANDPA voter).
		let call = pallet_grandpa::Call::report_equivocation_unsigned {
			equivocation_proof: Box::new(proof.clone()),
			key_owner_proof: owner.clone(),
		};
		assert!(Grandpa::validate_unsigned(TransactionSource::Local, &call).is_ok());
		assert_eq!(
			Grandpa::validate_unsigned(TransactionSource::External, &call),
			Err(InvalidTransaction::Call.into())
		);
		assert_ok!(report(proof.clone(), owner.clone()));

		// GRANDPA's fraction for one of four: (3/4)^2 = 56.25% of the deposit.
		let slashed = Perbill::from_rational(9u32, 16).mul_floor(configs::VALIDATOR_DEPOSIT);
		assert_eq!(deposit(&bob), configs::VALIDATOR_DEPOSIT - slashed);
		assert_eq!(treasury(), treasury_before + slashed, "the slash goes to the treasury");
		assert_eq!(Balances::total_issuance(), issuance);
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::Offences(pallet_offences::Event::Offence { .. })
		)));
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::ValidatorSet(pallet_validator_set::Event::OffenderPunished {
				who: bob.clone(),
				session: 0,
				slashed,
				removed: true,
			})));
		// Disabled at once: Aura refuses its slots.
		assert!(<Session as DisabledValidators>::is_disabled(index));
		assert!(!pallet_validator_set::Validators::<Runtime>::get().contains(&bob));

		// The same report again is refused by the pool and by the call; nothing more moves.
		assert_eq!(
			Grandpa::validate_unsigned(TransactionSource::Local, &call),
			Err(InvalidTransaction::Stale.into())
		);
		assert_noop!(
			report(proof, owner),
			pallet_grandpa::Error::<Runtime>::DuplicateOffenceReport
		);

		// The chain goes on without Bob's slots; he leaves the authorities at the session after
		// next and nobody is disabled any more.
		run_to_session_without(2, index.into());
		assert!(!pallet_session::Validators::<Runtime>::get().contains(&bob));
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 3);
		assert!(Session::disabled_validators().is_empty());
		// (Slot 9 never comes up among three authorities: nobody is silent.)
		run_to_session_without(3, 9);
		let grandpa: Vec<GrandpaId> =
			Grandpa::grandpa_authorities().into_iter().map(|(id, _)| id).collect();
		assert!(!grandpa.contains(&Ed25519Keyring::Bob.public().into()));
		assert_eq!(grandpa.len(), 3);
	});
}

#[test]
fn bad_reports_are_refused_and_move_nothing() {
	zombienet_ext().execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		// Two votes for the same block are no equivocation.
		let same = prevote_equivocation(Ed25519Keyring::Bob, 0, 1, true);
		assert_noop!(
			report(same, key_owner_proof(Ed25519Keyring::Bob)),
			pallet_grandpa::Error::<Runtime>::InvalidEquivocationProof
		);
		// Another validator's key-ownership proof.
		let proof = prevote_equivocation(Ed25519Keyring::Bob, 0, 1, false);
		assert_noop!(
			report(proof.clone(), key_owner_proof(Ed25519Keyring::Alice)),
			pallet_grandpa::Error::<Runtime>::InvalidKeyOwnershipProof
		);
		// A proof of a session with no root (unknown).
		let mut unknown = key_owner_proof(Ed25519Keyring::Bob);
		unknown.session = 99;
		assert_noop!(
			report(proof, unknown),
			pallet_grandpa::Error::<Runtime>::InvalidKeyOwnershipProof
		);
		// A set that never was.
		let wrong_set = prevote_equivocation(Ed25519Keyring::Bob, 7, 1, false);
		assert_noop!(
			report(wrong_set, key_owner_proof(Ed25519Keyring::Bob)),
			pallet_grandpa::Error::<Runtime>::InvalidEquivocationProof
		);
		// A key that is no validator's: its proof (of absence) proves no owner.
		let eve = prevote_equivocation(Ed25519Keyring::Eve, 0, 1, false);
		assert_noop!(
			report(eve, key_owner_proof(Ed25519Keyring::Eve)),
			pallet_grandpa::Error::<Runtime>::InvalidKeyOwnershipProof
		);
		assert_eq!(deposit(&bob), configs::VALIDATOR_DEPOSIT);
	});
}

#[test]
fn an_equivocation_stays_reportable_after_its_session() {
	zombienet_ext().execute_with(|| {
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let owner = key_owner_proof(Ed25519Keyring::Charlie);
		let proof = prevote_equivocation(Ed25519Keyring::Charlie, 0, 3, false);
		run_to_session(2);
		assert_ok!(report(proof, owner));
		assert!(deposit(&charlie) < configs::VALIDATOR_DEPOSIT);
	});
}

#[test]
fn a_validator_cannot_escape_its_deposit_before_it_leaves() {
	zombienet_ext().execute_with(|| {
		let dave = Sr25519Keyring::Dave.to_account_id();
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), dave.clone()));
		// Out of the set but still in the session's: keys and deposit stay.
		assert_noop!(
			ValidatorSet::purge_keys(RuntimeOrigin::signed(dave.clone())),
			pallet_validator_set::Error::<Runtime>::StillValidating
		);
		assert_eq!(deposit(&dave), configs::VALIDATOR_DEPOSIT);
	});
}

#[test]
fn an_upgraded_chain_proves_its_current_sets_equivocations() {
	zombienet_ext().execute_with(|| {
		use frame_support::traits::OnRuntimeUpgrade;
		use pallet_grandpa::{CurrentSetId, SetIdSession};
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		run_to_session(2);
		// A chain from before spec_version 114 on its second GRANDPA set: pallet-grandpa kept
		// the current set's entry only, and a report of set 1 needs set 0's.
		CurrentSetId::<Runtime>::put(1);
		SetIdSession::<Runtime>::remove(0);
		SetIdSession::<Runtime>::insert(1, 2);
		let proof = prevote_equivocation(Ed25519Keyring::Charlie, 1, 1, false);
		let owner = key_owner_proof(Ed25519Keyring::Charlie);
		assert_noop!(
			report(proof.clone(), owner.clone()),
			pallet_grandpa::Error::<Runtime>::InvalidEquivocationProof
		);
		configs::validators::GrandpaSessionOfCurrentSet::on_runtime_upgrade();
		assert_ok!(report(proof, owner));
		assert!(deposit(&charlie) < configs::VALIDATOR_DEPOSIT);
	});
}
