// SPDX-License-Identifier: Apache-2.0
//! The emergency path (governance/emergency.rs): two thirds of the technical committee pause a
//! tokenomics call within blocks, remove a validator and note a finality stall; a pause holds
//! wherever the call is dispatched from, moves no funds, and only a referendum lifts it; the
//! committee's origin is refused everything off its list.

use super::*;
use crate::governance::emergency::{TechnicalCollective, PAUSABLE_PALLETS};
use codec::Encode;
use frame_support::traits::{Contains, GetCallMetadata, GetCallName};
use frame_support::{dispatch::GetDispatchInfo, BoundedVec};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave};
use sp_runtime::traits::{Dispatchable, Hash};

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

/// The committee's origin with `ayes` of its three members.
fn committee(ayes: u32) -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, TechnicalCollective>::Members(ayes, 3).into()
}

fn name(pallet: &str, call: &str) -> pallet_tx_pause::RuntimeCallNameOf<Runtime> {
	(
		BoundedVec::truncate_from(pallet.as_bytes().to_vec()),
		BoundedVec::truncate_from(call.as_bytes().to_vec()),
	)
}

fn pause(pallet: &str, call: &str) -> RuntimeCall {
	RuntimeCall::TxPause(pallet_tx_pause::Call::pause { full_name: name(pallet, call) })
}

fn unpause(pallet: &str, call: &str) -> RuntimeCall {
	RuntimeCall::TxPause(pallet_tx_pause::Call::unpause { ident: name(pallet, call) })
}

/// Alice moves `call` with `threshold` ayes; with two or more, she and Bob vote aye (a proposal
/// is not its proposer's vote) and Charlie closes it. Returns the result of the call as the committee dispatched it.
fn motion(threshold: u32, call: RuntimeCall) -> Result<(), DispatchError> {
	let length = call.encoded_size() as u32;
	let weight = call.get_dispatch_info().call_weight;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, TechnicalCollective>::get();
	System::reset_events();
	assert_ok!(TechnicalCommittee::propose(signed(Alice), threshold, Box::new(call), length));
	if threshold >= 2 {
		assert_ok!(TechnicalCommittee::vote(signed(Alice), hash, index, true));
		assert_ok!(TechnicalCommittee::vote(signed(Bob), hash, index, true));
		assert_ok!(TechnicalCommittee::close(signed(Charlie), hash, index, weight, length));
	}
	System::events()
		.into_iter()
		.find_map(|r| match r.event {
			RuntimeEvent::TechnicalCommittee(pallet_collective::Event::Executed {
				proposal_hash,
				result,
			}) if proposal_hash == hash => Some(result),
			_ => None,
		})
		.expect("the motion was executed")
}

fn mint(who: Sr25519Keyring) -> RuntimeCall {
	RuntimeCall::DataCredits(pallet_data_credits::Call::mint_data_credits {
		beneficiary: who.to_account_id(),
		amount: pallet_data_credits::MintAmount::Fly { fly: FLY, min_credits: 0 },
	})
}

fn filtered(call: RuntimeCall, origin: RuntimeOrigin) -> bool {
	matches!(
		call.dispatch(origin),
		Err(e) if e.error == frame_system::Error::<Runtime>::CallFiltered.into()
	)
}

/// Every account's free and reserved FLY and the total issuance.
fn funds() -> (Balance, Vec<(AccountId, Balance, Balance)>) {
	let accounts = frame_system::Account::<Runtime>::iter()
		.map(|(who, info)| (who, info.data.free, info.data.reserved))
		.collect();
	(Balances::total_issuance(), accounts)
}

#[test]
fn two_of_three_pause_dc_minting_wherever_it_is_dispatched_from() {
	dev_ext().execute_with(|| {
		let call = mint(Dave);
		assert!(!filtered(call.clone(), signed(Dave)), "minting is open before the motion");
		let before = funds();
		assert_eq!(motion(2, pause("DataCredits", "mint_data_credits")), Ok(()));
		assert_eq!(funds(), before, "a pause moves no funds");
		System::assert_has_event(RuntimeEvent::TxPause(pallet_tx_pause::Event::CallPaused {
			full_name: name("DataCredits", "mint_data_credits"),
		}));

		// Directly, in a batch, and through a proxy.
		assert!(filtered(call.clone(), signed(Dave)));
		let batch =
			RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![call.clone()] });
		assert!(filtered(batch, signed(Dave)));
		assert_ok!(Proxy::add_proxy(
			signed(Dave),
			Charlie.to_account_id().into(),
			configs::ProxyType::Any,
			0
		));
		let proxied = RuntimeCall::Proxy(pallet_proxy::Call::proxy {
			real: Dave.to_account_id().into(),
			force_proxy_type: None,
			call: Box::new(call.clone()),
		});
		assert_ok!(proxied.dispatch(signed(Charlie)));
		System::assert_last_event(RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted {
			result: Err(frame_system::Error::<Runtime>::CallFiltered.into()),
		}));
		assert!(!<Runtime as frame_system::Config>::BaseCallFilter::contains(&call));
		// Other calls of the pallet stay open.
		let burn =
			RuntimeCall::DataCredits(pallet_data_credits::Call::burn_data_credits_for_subnet {
				netuid: 0,
				amount: 1,
			});
		assert!(<Runtime as frame_system::Config>::BaseCallFilter::contains(&burn));
	});
}

#[test]
fn one_member_cannot_pause() {
	dev_ext().execute_with(|| {
		assert_eq!(
			motion(1, pause("DataCredits", "mint_data_credits")),
			Err(DispatchError::BadOrigin)
		);
		assert!(!filtered(mint(Dave), signed(Dave)));
	});
}

#[test]
fn a_whole_pallet_is_paused_by_one_motion() {
	dev_ext().execute_with(|| {
		let pauses: Vec<RuntimeCall> = pallet_data_credits::Call::<Runtime>::get_call_names()
			.iter()
			.map(|call| pause("DataCredits", call))
			.collect();
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: pauses });
		assert_eq!(motion(2, batch), Ok(()));
		for call in pallet_data_credits::Call::<Runtime>::get_call_names() {
			assert!(pallet_tx_pause::Pallet::<Runtime>::is_paused(&name("DataCredits", call)));
		}
		assert!(filtered(mint(Dave), signed(Dave)));
	});
}

#[test]
fn only_a_referendum_lifts_a_pause() {
	dev_ext().execute_with(|| {
		assert_eq!(motion(2, pause("DataCredits", "mint_data_credits")), Ok(()));
		// The committee, even unanimous, cannot lift it; nor can an account.
		assert_eq!(
			unpause("DataCredits", "mint_data_credits").dispatch(committee(3)).map_err(|e| e.error),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(
			motion(2, unpause("DataCredits", "mint_data_credits")),
			Err(DispatchError::BadOrigin)
		);
		assert_noop!(
			TxPause::unpause(signed(Alice), name("DataCredits", "mint_data_credits")),
			DispatchError::BadOrigin
		);
		assert!(filtered(mint(Dave), signed(Dave)));
		// The tokenomics_admin track does.
		let admin: RuntimeOrigin = origins::Origin::TokenomicsAdmin.into();
		assert_ok!(unpause("DataCredits", "mint_data_credits").dispatch(admin));
		assert!(!filtered(mint(Dave), signed(Dave)));
	});
}

#[test]
fn nothing_outside_the_tokenomics_pallets_can_be_paused() {
	dev_ext().execute_with(|| {
		for (pallet, call) in [
			("Balances", "transfer_keep_alive"),
			("System", "remark"),
			("Referenda", "submit"),
			("ConvictionVoting", "vote"),
			("TechnicalCommittee", "vote"),
			("TxPause", "unpause"),
			("Session", "set_keys"),
			("Utility", "batch_all"),
		] {
			assert_eq!(
				pause(pallet, call).dispatch(committee(2)).map_err(|e| e.error),
				Err(pallet_tx_pause::Error::<Runtime>::Unpausable.into()),
				"{pallet}.{call}"
			);
		}
		for pallet in PAUSABLE_PALLETS {
			assert!(!governance::emergency::Unpausable::contains(&name(pallet, "any")), "{pallet}");
		}
	});
}

#[test]
fn the_committee_removes_a_validator_and_forces_the_next_set_in() {
	use frame_support::traits::{OnFinalize, OnInitialize};
	preset_ext(genesis_config_presets::zombienet_config_genesis()).execute_with(|| {
		let dave = Dave.to_account_id();
		assert_eq!(
			motion(
				2,
				RuntimeCall::ValidatorSet(pallet_validator_set::Call::remove_validator {
					who: dave.clone(),
				})
			),
			Ok(())
		);
		assert!(!pallet_validator_set::Validators::<Runtime>::get().contains(&dave));
		let stall = RuntimeCall::ValidatorSet(pallet_validator_set::Call::note_stalled {
			delay: 3,
			best_finalized_block_number: 0,
		});
		assert_eq!(motion(2, stall), Ok(()));
		assert_eq!(pallet_grandpa::Stalled::<Runtime>::get(), Some((3, 0)));
		// At the next session start GRANDPA schedules the forced change.
		let start = pallet_session::CurrentIndex::<Runtime>::get();
		while pallet_session::CurrentIndex::<Runtime>::get() == start {
			let next = System::block_number() + 1;
			System::set_block_number(next);
			<AllPalletsWithSystem as OnInitialize<BlockNumber>>::on_initialize(next);
			<Grandpa as OnFinalize<BlockNumber>>::on_finalize(next);
		}
		let pending = pallet_grandpa::PendingChange::<Runtime>::get().expect("a change scheduled");
		assert_eq!(pending.forced, Some(0));
		assert_eq!(pending.delay, 3);
		assert_eq!(pallet_grandpa::Stalled::<Runtime>::get(), None, "taken once");
	});
}

#[test]
fn the_committee_origin_is_refused_everything_off_its_list() {
	dev_ext().execute_with(|| {
		let alice = Alice.to_account_id();
		let refused: Vec<RuntimeCall> = vec![
			RuntimeCall::System(frame_system::Call::set_code { code: vec![] }),
			RuntimeCall::Balances(pallet_balances::Call::force_transfer {
				source: alice.clone().into(),
				dest: Dave.to_account_id().into(),
				value: FLY,
			}),
			RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
				who: alice.clone().into(),
				new_free: 0,
			}),
			RuntimeCall::Grandpa(pallet_grandpa::Call::note_stalled {
				delay: 1,
				best_finalized_block_number: 0,
			}),
			RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator {
				who: alice.clone(),
			}),
			RuntimeCall::TechnicalCommittee(pallet_collective::Call::set_members {
				new_members: vec![alice.clone()],
				prime: None,
				old_count: 3,
			}),
			RuntimeCall::OracleFeeders(pallet_membership::Call::add_member {
				who: alice.clone().into(),
			}),
			RuntimeCall::OracleFeeders(pallet_membership::Call::remove_member {
				who: AccountId::from(genesis_config_presets::DEV_FEEDER).into(),
			}),
			RuntimeCall::DataCredits(pallet_data_credits::Call::set_minting_paused {
				paused: true,
			}),
			RuntimeCall::Inflation(pallet_inflation::Call::set_emission_split {
				split: configs::inflation::DefaultEmissionSplit::get(),
			}),
			RuntimeCall::Inflation(pallet_inflation::Call::set_emission_mode {
				mode: pallet_inflation::EmissionMode::SupplyCap { cap: FLY },
			}),
			set_burn(50),
			RuntimeCall::Treasury(pallet_treasury::Call::spend_local {
				amount: FLY,
				beneficiary: alice.clone().into(),
			}),
			RuntimeCall::Utility(pallet_utility::Call::dispatch_as {
				as_origin: Box::new(frame_system::RawOrigin::Root.into()),
				call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
			}),
			RuntimeCall::Sudo(pallet_sudo::Call::sudo {
				call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
			}),
			unpause("DataCredits", "mint_data_credits"),
		];
		for call in refused {
			let what = format!("{:?}", call.get_call_metadata());
			let before = funds();
			assert_eq!(
				call.dispatch(committee(3)).map_err(|e| e.error),
				Err(DispatchError::BadOrigin),
				"{what}"
			);
			assert_eq!(funds(), before, "{what}");
		}
	});
}
