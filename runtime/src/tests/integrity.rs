// SPDX-License-Identifier: Apache-2.0
//! Incentive integrity at the runtime level (issue #19): governance tracks reach only as far as
//! they should, the `NonTransfer` proxy moves no value, feeds survive full blocks and fees rise
//! with sustained load. Each test runs the attack through the real origins and calls.

use super::{dev_ext, local_ext};
use crate::{
	configs::DNT_ASSET_ID_BASE,
	configs::{ProxyType, RuntimeBlockWeights},
	governance::{origins, tracks},
	*,
};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchClass, GetDispatchInfo},
	traits::{EnsureOrigin, Hooks, InstanceFilter, UnfilteredDispatchable},
};
use pallet_referenda::TracksInfo as _;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave};
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	DispatchError, FixedU128,
};

fn account(k: sp_keyring::Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

fn signed(k: sp_keyring::Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(k))
}

/// Every origin a referendum can dispatch with except root, and a plain account.
fn non_root_origins() -> [RuntimeOrigin; 5] {
	[
		origins::Origin::TokenomicsAdmin.into(),
		origins::Origin::Treasurer.into(),
		origins::Origin::ReferendumCanceller.into(),
		origins::Origin::ReferendumKiller.into(),
		signed(Dave),
	]
}

/// The one-way swap stays one way: no track but root can force-transfer, force-mint through a
/// status change, freeze-and-move or destroy a DNT, nor move FLY out of a subDAO treasury.
#[test]
fn only_root_forces_dnts_and_treasuries() {
	dev_ext().execute_with(|| {
		let dnt = DNT_ASSET_ID_BASE;
		let mobile_treasury = SubDaos::treasury_account(0);
		let holder = account(Charlie);
		let pool = SubDaos::pool_account();
		// Charlie holds DNT (as if redeemed for or earned).
		assert_ok!(<Assets as frame_support::traits::fungibles::Mutate<_>>::mint_into(
			dnt,
			&holder,
			10 * FLY
		));
		let force_transfer = |origin: RuntimeOrigin| {
			Assets::force_transfer(
				origin,
				dnt.into(),
				holder.clone().into(),
				pool.clone().into(),
				FLY,
			)
		};
		for origin in non_root_origins() {
			// A plain account is no asset admin; every track is refused as not root.
			let refused = if frame_system::ensure_signed(origin.clone()).is_ok() {
				pallet_assets::Error::<Runtime>::NoPermission.into()
			} else {
				DispatchError::BadOrigin
			};
			assert_noop!(force_transfer(origin.clone()), refused);
			assert_noop!(
				Assets::force_asset_status(
					origin.clone(),
					dnt.into(),
					holder.clone().into(),
					holder.clone().into(),
					holder.clone().into(),
					holder.clone().into(),
					1,
					true,
					false,
				),
				DispatchError::BadOrigin
			);
			assert_noop!(Assets::start_destroy(origin.clone(), dnt.into()), refused);
			assert_noop!(
				Balances::force_transfer(
					origin,
					mobile_treasury.clone().into(),
					holder.clone().into(),
					1
				),
				DispatchError::BadOrigin
			);
		}
		let admin: RuntimeOrigin = origins::Origin::TokenomicsAdmin.into();
		assert!(<Runtime as pallet_assets::Config>::ForceOrigin::try_origin(admin).is_err());
		// Root still can (a runtime upgrade could anyway).
		assert_ok!(Assets::force_asset_status(
			RuntimeOrigin::root(),
			dnt.into(),
			pool.clone().into(),
			pool.clone().into(),
			pool.clone().into(),
			pool.clone().into(),
			FLY / 1_000,
			true,
			false,
		));
	});
}

/// The fast canceller and killer: their own tracks, and only they (or root) stop a referendum.
#[test]
fn a_malicious_referendum_is_cancelled_or_killed_by_its_own_tracks() {
	use frame_support::traits::{schedule::DispatchTime, Bounded, StorePreimage};
	dev_ext().execute_with(|| {
		let canceller = OriginCaller::Origins(origins::Origin::ReferendumCanceller);
		let killer = OriginCaller::Origins(origins::Origin::ReferendumKiller);
		assert_eq!(tracks::TracksInfo::track_for(&canceller), Ok(tracks::REFERENDUM_CANCELLER));
		assert_eq!(tracks::TracksInfo::track_for(&killer), Ok(tracks::REFERENDUM_KILLER));

		// Dave proposes, as root, to move Bob's FLY to himself.
		let theft = RuntimeCall::Balances(pallet_balances::Call::force_transfer {
			source: account(Bob).into(),
			dest: account(Dave).into(),
			value: 1_000 * FLY,
		});
		let submit = |index| {
			let proposal: Bounded<RuntimeCall, <Runtime as frame_system::Config>::Hashing> =
				Preimage::bound(theft.clone()).expect("bounded");
			assert_ok!(Referenda::submit(
				signed(Dave),
				Box::new(OriginCaller::system(frame_system::RawOrigin::Root)),
				proposal,
				DispatchTime::After(1),
			));
			assert_eq!(pallet_referenda::ReferendumCount::<Runtime>::get(), index + 1u32);
		};
		submit(0);
		submit(1);
		for origin in [
			origins::Origin::TokenomicsAdmin.into(),
			origins::Origin::Treasurer.into(),
			origins::Origin::ReferendumKiller.into(),
			signed(Dave),
		] {
			assert_noop!(Referenda::cancel(origin, 0), DispatchError::BadOrigin);
		}
		assert_ok!(Referenda::cancel(origins::Origin::ReferendumCanceller.into(), 0));
		assert_noop!(
			Referenda::kill(origins::Origin::ReferendumCanceller.into(), 1),
			DispatchError::BadOrigin
		);
		let deposit_before = Balances::reserved_balance(account(Dave))
			+ <Balances as frame_support::traits::fungible::InspectHold<_>>::total_balance_on_hold(
				&account(Dave),
			);
		assert_ok!(Referenda::kill(origins::Origin::ReferendumKiller.into(), 1));
		let deposit_after = Balances::reserved_balance(account(Dave))
			+ <Balances as frame_support::traits::fungible::InspectHold<_>>::total_balance_on_hold(
				&account(Dave),
			);
		// Killing slashes the submission deposit.
		assert!(deposit_after < deposit_before);
		assert!(matches!(
			pallet_referenda::ReferendumInfoFor::<Runtime>::get(1),
			Some(pallet_referenda::ReferendumInfo::Killed(_))
		));
	});
}

/// The calls a `NonTransfer` proxy may make: none moves value to another account.
fn allowed_calls() -> Vec<RuntimeCall> {
	let bob = account(Bob);
	let vote = pallet_conviction_voting::AccountVote::Standard {
		vote: pallet_conviction_voting::Vote { aye: true, conviction: Default::default() },
		balance: FLY,
	};
	vec![
		RuntimeCall::System(frame_system::Call::remark { remark: vec![1] }),
		RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::vote { poll_index: 0, vote }),
		RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::delegate {
			class: 0,
			to: bob.clone().into(),
			conviction: Default::default(),
			balance: FLY,
		}),
		RuntimeCall::SubDaos(pallet_subdaos::Call::delegate { position: 0, subdao: 0 }),
		RuntimeCall::SubDaos(pallet_subdaos::Call::undelegate { position: 0 }),
		RuntimeCall::SubDaos(pallet_subdaos::Call::claim_delegation_rewards {
			position: 0,
			up_to_epoch: 1,
		}),
		RuntimeCall::Bonding(pallet_bonding::Call::claim_earnings {}),
		RuntimeCall::Subnets(pallet_subnets::Call::claim_unclaimed {}),
		RuntimeCall::Subnets(pallet_subnets::Call::claim_dividends {
			netuid: 0,
			hotkey: bob.clone(),
		}),
		RuntimeCall::Subnets(pallet_subnets::Call::set_service_authority {
			netuid: 0,
			authority: Some(bob),
		}),
	]
}

/// The calls a `NonTransfer` proxy may not make: transfers, minting DC (to anyone), bonding,
/// staking, locking, redeeming, DC delegation and burns, an operator's terms and a validator's
/// take (a 100% cut or take moves the delegators' and stakers' rewards to the operator), proxies
/// and derivative accounts.
fn refused_calls() -> Vec<RuntimeCall> {
	let bob = account(Bob);
	vec![
		// A feeder signs its operational feeds itself (operational.rs).
		RuntimeCall::DataCredits(pallet_data_credits::Call::feed_price {
			price: FixedU128::from_u32(1),
		}),
		RuntimeCall::Bonding(pallet_bonding::Call::update_operator {
			reward_cut: sp_runtime::Perbill::one(),
			fee_share: sp_runtime::Perbill::zero(),
		}),
		RuntimeCall::Subnets(pallet_subnets::Call::set_take {
			netuid: 0,
			hotkey: bob.clone(),
			take: sp_runtime::Perbill::one(),
		}),
		RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
			dest: bob.clone().into(),
			value: 1,
		}),
		RuntimeCall::Balances(pallet_balances::Call::transfer_all {
			dest: bob.clone().into(),
			keep_alive: false,
		}),
		RuntimeCall::Assets(pallet_assets::Call::transfer {
			id: DNT_ASSET_ID_BASE.into(),
			target: bob.clone().into(),
			amount: 1,
		}),
		RuntimeCall::DataCredits(pallet_data_credits::Call::mint_data_credits {
			beneficiary: bob.clone(),
			amount: pallet_data_credits::MintAmount::Fly { fly: FLY, min_credits: 0 },
		}),
		RuntimeCall::DataCredits(pallet_data_credits::Call::delegate_data_credits {
			subdao: 0,
			router_key: [0; 32],
			amount: 1,
		}),
		RuntimeCall::DataCredits(pallet_data_credits::Call::burn_data_credits {
			amount: 1,
			purpose: pallet_data_credits::ServicePurpose::Usage { subdao: 0 },
		}),
		RuntimeCall::Bonding(pallet_bonding::Call::bond { operator: bob.clone(), amount: FLY }),
		RuntimeCall::Bonding(pallet_bonding::Call::redelegate { to: bob.clone() }),
		RuntimeCall::Bonding(pallet_bonding::Call::withdraw { lock_id: 0 }),
		RuntimeCall::Subnets(pallet_subnets::Call::add_stake {
			netuid: 0,
			hotkey: bob.clone(),
			amount: FLY,
		}),
		RuntimeCall::Subnets(pallet_subnets::Call::register_network { hotkey: bob.clone() }),
		RuntimeCall::SubDaos(pallet_subdaos::Call::lock {
			amount: FLY,
			kind: pallet_subdaos::LockKind::Cliff,
			duration: 10,
		}),
		RuntimeCall::SubDaos(pallet_subdaos::Call::redeem {
			subdao: 0,
			dnt_amount: 1,
			min_fly_out: 0,
		}),
		RuntimeCall::Vesting(pallet_vesting::Call::vest {}),
		RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
			delegate: bob.clone().into(),
			proxy_type: ProxyType::Any,
			delay: 0,
		}),
		RuntimeCall::Utility(pallet_utility::Call::as_derivative {
			index: 0,
			call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
		}),
		RuntimeCall::Treasury(pallet_treasury::Call::check_status { index: 0 }),
	]
}

#[test]
fn the_non_transfer_proxy_is_an_allow_list() {
	for call in allowed_calls() {
		assert!(ProxyType::NonTransfer.filter(&call), "allowed: {call:?}");
	}
	for call in refused_calls() {
		assert!(!ProxyType::NonTransfer.filter(&call), "refused: {call:?}");
		assert!(ProxyType::Any.filter(&call));
	}
	// The governance proxy allows no more than the non-transfer one.
	for call in refused_calls() {
		assert!(!ProxyType::Governance.filter(&call), "governance refuses {call:?}");
	}
	assert!(ProxyType::NonTransfer.is_superset(&ProxyType::Governance));
	assert!(!ProxyType::NonTransfer.is_superset(&ProxyType::Any));
}

/// The attack: a `NonTransfer` proxy of Bob mints DC for itself with Bob's FLY, directly or
/// inside a batch. Both are filtered and Bob's FLY stays.
#[test]
fn a_non_transfer_proxy_cannot_move_value_even_in_a_batch() {
	local_ext().execute_with(|| {
		assert_ok!(Proxy::add_proxy(
			signed(Bob),
			account(Charlie).into(),
			ProxyType::NonTransfer,
			0
		));
		let before = Balances::free_balance(account(Bob));
		let mint = RuntimeCall::DataCredits(pallet_data_credits::Call::mint_data_credits {
			beneficiary: account(Charlie),
			amount: pallet_data_credits::MintAmount::Fly { fly: FLY, min_credits: 0 },
		});
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![
				RuntimeCall::System(frame_system::Call::remark { remark: vec![] }),
				mint.clone(),
			],
		});
		for call in [mint, batch] {
			System::reset_events();
			assert_ok!(Proxy::proxy(signed(Charlie), account(Bob).into(), None, Box::new(call)));
			let executed = System::events().into_iter().find_map(|r| match r.event {
				RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
				_ => None,
			});
			let filtered = frame_system::Error::<Runtime>::CallFiltered.into();
			match executed {
				Some(Err(e)) => assert_eq!(e, filtered),
				other => panic!("the proxied call was not filtered: {other:?}"),
			}
		}
		assert_eq!(Balances::free_balance(account(Bob)), before);
		assert_eq!(DataCredits::dc_balance(&account(Charlie)), 0);
		// A vote goes through the same proxy (the filter does not refuse everything).
		let remark = RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![7] });
		System::reset_events();
		assert_ok!(Proxy::proxy(signed(Charlie), account(Bob).into(), None, Box::new(remark)));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result: Ok(()) })
		)));
	});
}

/// Fills the normal class of the current block to its limit.
fn fill_normal_class() {
	let normal = RuntimeBlockWeights::get().get(DispatchClass::Normal).max_total;
	let full = normal.expect("the normal class has a limit");
	System::register_extra_weight_unchecked(full, DispatchClass::Normal);
}

/// The attack: stuff blocks with normal transactions so no price feed gets in (and the price
/// goes stale). A feed is operational: it still fits a block whose normal class is full, and it
/// goes ahead of normal transactions in the pool.
#[test]
fn a_feed_is_included_in_a_block_full_of_normal_transactions() {
	use pallet_transaction_payment::ChargeTransactionPayment;
	local_ext().execute_with(|| {
		let feed = RuntimeCall::DataCredits(pallet_data_credits::Call::feed_price {
			price: FixedU128::from_u32(1),
		});
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: account(Bob).into(),
			value: FLY,
		});
		let (feed_info, transfer_info) = (feed.get_dispatch_info(), transfer.get_dispatch_info());
		assert_eq!(feed_info.class, DispatchClass::Operational);
		assert_eq!(transfer_info.class, DispatchClass::Normal);

		fill_normal_class();
		let admit = |info, len| {
			let (_, next_len) = frame_system::CheckWeight::<Runtime>::do_validate(info, len)?;
			frame_system::CheckWeight::<Runtime>::do_prepare(info, len, next_len)
		};
		assert_eq!(
			admit(&transfer_info, 100),
			Err(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources))
		);
		assert_ok!(admit(&feed_info, 100));
		// And the feed itself goes through in that block.
		assert_ok!(feed.clone().dispatch_bypass_filter(signed(Alice)));

		// In the pool, at the same fee, an operational feed outranks a normal transaction.
		let feed_priority =
			ChargeTransactionPayment::<Runtime>::get_priority(&feed_info, 100, 0, FLY);
		let normal_priority =
			ChargeTransactionPayment::<Runtime>::get_priority(&transfer_info, 100, 0, FLY);
		assert!(feed_priority > normal_priority);
	});
}

/// Sustained full blocks make every next transaction dearer; empty blocks bring the fee back
/// down (Polkadot's slow-adjusting fee update).
#[test]
fn sustained_full_blocks_raise_the_fee_multiplier() {
	local_ext().execute_with(|| {
		let multiplier = pallet_transaction_payment::NextFeeMultiplier::<Runtime>::get;
		let start = multiplier();
		let mut last = start;
		for n in 1..=20 {
			System::reset_events();
			frame_system::BlockWeight::<Runtime>::kill();
			fill_normal_class();
			<TransactionPayment as Hooks<BlockNumber>>::on_finalize(n);
			assert!(multiplier() > last, "block {n} raised the multiplier");
			last = multiplier();
		}
		let full = last;
		for n in 21..=40 {
			frame_system::BlockWeight::<Runtime>::kill();
			<TransactionPayment as Hooks<BlockNumber>>::on_finalize(n);
		}
		assert!(multiplier() < full, "empty blocks lower it again");
		assert!(full > start);
	});
}
