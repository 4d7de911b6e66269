// SPDX-License-Identifier: Apache-2.0
//! The simulator's books refuse a day whose events do not explain the state: a mint nobody
//! announced, FLY reaching the treasury by a way the books do not know, DC or DNT appearing.

use flywheel_runtime::{Balances, Runtime, RuntimeEvent, System, FLY};
use flywheel_sim::{
	books::{Books, DayFlows},
	chain,
};
use frame_support::traits::fungible::Mutate;

fn events() -> Vec<RuntimeEvent> {
	System::events().into_iter().map(|r| r.event).collect()
}

fn treasury() -> flywheel_runtime::AccountId {
	flywheel_runtime::configs::TreasuryAccount::get()
}

#[test]
fn a_quiet_day_closes() {
	chain::genesis(&[]).expect("genesis").execute_with(|| {
		let mut books = Books::open();
		books.close_day(0, DayFlows::default(), &[]).expect("nothing moved");
	});
}

#[test]
fn a_mint_the_inflation_did_not_announce_stops_the_run() {
	chain::genesis(&[]).expect("genesis").execute_with(|| {
		System::set_block_number(1);
		let mut books = Books::open();
		let someone = chain::account("someone");
		Balances::mint_into(&someone, 5 * FLY).expect("minted");
		let mut flows = DayFlows::default();
		flows.add(&events());
		assert_eq!(flows.minted, 5 * FLY, "the balance event is counted");
		let error = books.close_day(3, flows, &[]).expect_err("an unannounced mint");
		assert!(
			error.starts_with("day 3: a mint the inflation rounds did not announce"),
			"{error}"
		);
	});
}

#[test]
fn fly_reaching_the_treasury_another_way_stops_the_run() {
	let giver = chain::account("giver");
	chain::genesis(&[(giver.clone(), 100 * FLY)]).expect("genesis").execute_with(|| {
		System::set_block_number(1);
		let mut books = Books::open();
		let call = pallet_balances::Call::<Runtime>::transfer_keep_alive {
			dest: treasury().into(),
			value: 7 * FLY,
		};
		frame_support::assert_ok!(
			frame_support::traits::UnfilteredDispatchable::dispatch_bypass_filter(
				call,
				flywheel_runtime::RuntimeOrigin::signed(giver.clone()),
			)
		);
		let mut flows = DayFlows::default();
		flows.add(&events());
		let error = books.close_day(0, flows, &[]).expect_err("an unexplained inflow");
		assert!(error.contains("the treasury's inflow"), "{error}");
		assert!(error.contains("fees 0 + recycled 0"), "{error}");
	});
}

#[test]
fn data_credits_without_a_mint_event_stop_the_run() {
	let holder = chain::account("holder");
	chain::genesis(&[]).expect("genesis").execute_with(|| {
		let mut books = Books::open();
		pallet_data_credits::DcBalances::<Runtime>::insert(&holder, 1_000);
		let error = books.close_day(1, DayFlows::default(), &[]).expect_err("DC from nowhere");
		assert_eq!(
			error,
			"day 1: DC minted is not DC burned plus DC outstanding: minted 0, burned 0, \
			 outstanding 1000"
		);
	});
}
