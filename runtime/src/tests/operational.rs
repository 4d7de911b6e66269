// SPDX-License-Identifier: Apache-2.0
//! `RestrictOperational` (operational.rs): the attack is a non-feeder filling every block's
//! operational share with failing `feedPrice` calls (or a non-member with committee votes), so
//! that no feed gets in and the price goes stale. The pool now refuses them: they are never
//! included and cost their sender nothing, while feeders, members and the sudo key pass.

use super::*;
use crate::operational::{RestrictOperational, NOT_ENTITLED};
use frame_support::dispatch::{DispatchClass, GetDispatchInfo};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Dave, Eve};
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension, TxBaseImplication},
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	FixedU128,
};

const REFUSED: TransactionValidityError =
	TransactionValidityError::Invalid(InvalidTransaction::Custom(NOT_ENTITLED));

/// The pool's verdict on `call` signed by `who`, as far as this extension goes.
fn check(who: Sr25519Keyring, call: &RuntimeCall) -> Result<(), TransactionValidityError> {
	let info = call.get_dispatch_info();
	RestrictOperational
		.validate_only(
			RuntimeOrigin::signed(who.to_account_id()),
			call,
			&info,
			100,
			TransactionSource::External,
			0,
		)
		.map(|_| ())
}

fn feed() -> RuntimeCall {
	RuntimeCall::DataCredits(pallet_data_credits::Call::feed_price {
		price: FixedU128::from_u32(1),
	})
}

fn committee_vote() -> RuntimeCall {
	RuntimeCall::TechnicalCommittee(pallet_collective::Call::vote {
		proposal: Default::default(),
		index: 0,
		approve: true,
	})
}

#[test]
fn only_a_feeder_may_send_a_feed() {
	// local_testnet: Alice, Bob and Charlie feed; Dave and Eve do not.
	local_ext().execute_with(|| {
		assert_eq!(feed().get_dispatch_info().class, DispatchClass::Operational);
		assert_ok!(check(Alice, &feed()));
		assert_ok!(check(Bob, &feed()));
		assert_eq!(check(Dave, &feed()), Err(REFUSED));
		assert_eq!(check(Eve, &feed()), Err(REFUSED));
		// A feeder removed by governance is refused from then on.
		assert_ok!(OracleFeeders::remove_member(RuntimeOrigin::root(), Bob.to_account_id().into()));
		assert_eq!(check(Bob, &feed()), Err(REFUSED));
	});
}

#[test]
fn only_a_member_may_send_a_committee_call() {
	local_ext().execute_with(|| {
		assert_eq!(committee_vote().get_dispatch_info().class, DispatchClass::Operational);
		assert_ok!(check(Alice, &committee_vote()));
		assert_eq!(check(Dave, &committee_vote()), Err(REFUSED));
		let propose = RuntimeCall::TechnicalCommittee(pallet_collective::Call::propose {
			threshold: 2,
			proposal: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
			length_bound: 10,
		});
		assert_eq!(check(Dave, &propose), Err(REFUSED));
	});
}

#[test]
fn the_same_operational_call_wrapped_or_root_only_is_refused() {
	local_ext().execute_with(|| {
		// A feeder's feed in a batch, through a proxy, or under sudo by a non-key: each is of the
		// operational class and none is a direct feed.
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch { calls: vec![feed()] });
		assert_eq!(batch.get_dispatch_info().class, DispatchClass::Operational);
		assert_eq!(check(Alice, &batch), Err(REFUSED));
		let proxied = RuntimeCall::Proxy(pallet_proxy::Call::proxy {
			real: Alice.to_account_id().into(),
			force_proxy_type: None,
			call: Box::new(feed()),
		});
		assert_eq!(check(Dave, &proxied), Err(REFUSED));
		let sudo = RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(feed()) });
		assert_eq!(check(Dave, &sudo), Err(REFUSED));
		// Root-only calls of the operational class, signed by an account.
		let set_code = RuntimeCall::System(frame_system::Call::set_code { code: vec![] });
		assert_eq!(set_code.get_dispatch_info().class, DispatchClass::Operational);
		assert_eq!(check(Dave, &set_code), Err(REFUSED));
		// The sudo key (Alice on local_testnet) may.
		assert_ok!(check(Alice, &sudo));
	});
}

#[test]
fn normal_transactions_and_unsigned_ones_pass_unchecked() {
	local_ext().execute_with(|| {
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Alice.to_account_id().into(),
			value: FLY,
		});
		assert_ok!(check(Dave, &transfer));
		assert_eq!(RestrictOperational.weight(&transfer), frame_support::weights::Weight::zero());
		let info = feed().get_dispatch_info();
		// (The extension alone: the pipeline refuses an unauthorised unsigned one elsewhere.)
		assert!(RestrictOperational
			.validate(
				RuntimeOrigin::none(),
				&feed(),
				&info,
				100,
				(),
				&TxBaseImplication(()),
				TransactionSource::External
			)
			.is_ok());
	});
}

#[test]
fn every_signed_transaction_carries_the_check() {
	let identifiers: Vec<&str> = <TxExtension as TransactionExtension<RuntimeCall>>::metadata()
		.iter()
		.map(|m| m.identifier)
		.collect();
	assert!(identifiers.contains(&"RestrictOperational"), "{identifiers:?}");
}
