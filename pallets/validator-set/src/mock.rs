// SPDX-License-Identifier: Apache-2.0
//! A mock runtime: System, Balances, pallet-session with its historical roots (sessions of 5
//! blocks, `UintAuthorityId` keys, a handler that records each session's validators, disabling
//! one of three) and the validator set (2 to 4 validators; root adds and removes; a deposit of
//! 10, slashed to account 99).

use crate as pallet_validator_set;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use sp_core::crypto::KeyTypeId;
use sp_runtime::{
	testing::UintAuthorityId,
	traits::{ConvertInto, OpaqueKeys},
	BuildStorage, RuntimeAppPublic,
};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		// Before Session: its genesis set must exist when session's genesis asks for it.
		ValidatorSet: pallet_validator_set,
		Session: pallet_session,
		Historical: pallet_session::historical,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

thread_local! {
	/// The authorities Aura and GRANDPA would hold: the genesis set, then each set pallet-session
	/// announces as changed (both ignore a new session whose set did not change).
	pub static SESSION_VALIDATORS: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// Records the authorities each changed session hands Aura and GRANDPA.
pub struct RecordingSessionHandler;
impl pallet_session::SessionHandler<u64> for RecordingSessionHandler {
	const KEY_TYPE_IDS: &'static [KeyTypeId] = &[UintAuthorityId::ID];
	fn on_genesis_session<Ks: OpaqueKeys>(validators: &[(u64, Ks)]) {
		SESSION_VALIDATORS.with(|v| *v.borrow_mut() = validators.iter().map(|(a, _)| *a).collect());
	}
	fn on_new_session<Ks: OpaqueKeys>(changed: bool, validators: &[(u64, Ks)], _: &[(u64, Ks)]) {
		if changed {
			SESSION_VALIDATORS
				.with(|v| *v.borrow_mut() = validators.iter().map(|(a, _)| *a).collect());
		}
	}
	fn on_disabled(_: u32) {}
}

pub const SESSION_LENGTH: u64 = 5;
parameter_types! {
	pub const Period: u64 = SESSION_LENGTH;
	pub const Offset: u64 = 0;
}

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = u64;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = crate::SessionsEndInValidatorSet;
	type NextSessionRotation = pallet_session::PeriodicSessions<Period, Offset>;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Test, ValidatorSet>;
	type SessionHandler = RecordingSessionHandler;
	type Keys = UintAuthorityId;
	// At most (3 - 1) / 2 = 1 of the three validators disabled.
	type DisablingStrategy = pallet_session::disabling::UpToLimitDisablingStrategy<2>;
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = ();
}

thread_local! {
	/// The accounts that author blocks, in turn by block number (none: no author found).
	pub static AUTHORS: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// Blocks are authored by [`AUTHORS`] in turn (as Aura's slots would), from the first block.
pub fn set_authors(authors: &[u64]) {
	AUTHORS.with(|a| *a.borrow_mut() = authors.to_vec());
}

/// The author of the current block: the next of [`AUTHORS`] in turn.
pub struct InTurn;
impl frame_support::traits::FindAuthor<u64> for InTurn {
	fn find_author<'a, I>(_digests: I) -> Option<u64>
	where
		I: 'a + IntoIterator<Item = (frame_support::ConsensusEngineId, &'a [u8])>,
	{
		let n = System::block_number() as usize;
		AUTHORS.with(|a| {
			let a = a.borrow();
			(!a.is_empty()).then(|| a[n % a.len()])
		})
	}
}

/// Sessions without a block before a validator is reported.
pub const OFFLINE_SESSIONS: u32 = 2;

frame_support::ord_parameter_types! {
	/// The emergency origin's account in these tests.
	pub const Emergency: u64 = 9;
}

parameter_types! {
	/// The last stall noted: `(delay, best_finalized)`.
	pub static NotedStall: Option<(u64, u64)> = None;
}

/// Records a noted stall in `NotedStall`.
pub struct RecordStall;
impl crate::NoteFinalityStall<u64> for RecordStall {
	fn note_stalled(delay: u64, best_finalized: u64) {
		NotedStall::set(Some((delay, best_finalized)));
	}
}

impl pallet_session::historical::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = crate::UnitIdentificationOf;
}

/// The validator deposit.
pub const DEPOSIT: u64 = 10;
/// Where slashed deposits go.
pub const SLASHED_TO: u64 = 99;
/// Sessions whose historical roots are kept.
pub const HISTORY_DEPTH: u32 = 3;
parameter_types! {
	pub const SlashedTo: u64 = SLASHED_TO;
	pub const MinSlash: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(10);
}

impl pallet_validator_set::Config for Test {
	type DepositCurrency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Deposit = frame_support::traits::ConstU64<DEPOSIT>;
	type MinSlash = MinSlash;
	type Slashed = frame_support::traits::tokens::imbalance::ResolveTo<SlashedTo, Balances>;
	type HistoryDepth = ConstU32<HISTORY_DEPTH>;
	type ValidatorOrigin = EnsureRoot<u64>;
	type EmergencyOrigin = frame_system::EnsureSignedBy<Emergency, u64>;
	type FinalityStall = RecordStall;
	type MaxValidators = ConstU32<4>;
	type MinValidators = ConstU32<2>;
	type FindAuthor = InTurn;
	type OfflineSessions = ConstU32<OFFLINE_SESSIONS>;
	type SessionEnds = pallet_session::PeriodicSessions<Period, Offset>;
	type WeightInfo = ();
}

/// Accounts 1 to 3 validate at genesis with keys `UintAuthorityId(n)`; accounts 1 to 6 hold 100,
/// 7 holds 5 (less than the deposit) and 99 (the slash destination) 1. The genesis validators'
/// deposits are held as the first block's `on_initialize` holds them.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=6).map(|a| (a, 100)).chain([(7, 5), (SLASHED_TO, 1)]).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	// The validator set before the session, as in the runtime (pallet index order): the
	// session's genesis asks it for the first sets (and notes their historical roots).
	pallet_validator_set::GenesisConfig::<Test> { validators: vec![1, 2, 3] }
		.assimilate_storage(&mut storage)
		.unwrap();
	pallet_session::GenesisConfig::<Test> {
		keys: (1..=3).map(|a| (a, a, UintAuthorityId(a))).collect(),
		non_authority_keys: Vec::new(),
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		use frame_support::traits::Hooks;
		System::set_block_number(1);
		ValidatorSet::on_initialize(1);
	});
	ext
}

/// Runs `test` on the genesis above, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		crate::invariants::check::<Test>().expect("invariants hold");
	});
}

/// Advances block by block (the validator set's `on_initialize` rotates; pallet-session's
/// never does) until session `index` starts.
pub fn run_to_session(index: u32) {
	use frame_support::traits::Hooks;
	while pallet_session::CurrentIndex::<Test>::get() < index {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		ValidatorSet::on_initialize(next);
		Session::on_initialize(next);
		ValidatorSet::on_finalize(next);
	}
}

/// Registers `UintAuthorityId(who)` as `who`'s session keys.
pub fn set_keys(who: u64) {
	frame_support::assert_ok!(Session::set_keys(
		RuntimeOrigin::signed(who),
		UintAuthorityId(who),
		vec![]
	));
}

pub fn session_validators() -> Vec<u64> {
	SESSION_VALIDATORS.with(|v| v.borrow().clone())
}
