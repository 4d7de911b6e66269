// SPDX-License-Identifier: Apache-2.0
//! Benchmarks (frame-benchmarking v2), each at its worst case.

use super::*;
use crate::Pallet as SubDaosPallet;
use alloc::{vec, vec::Vec};
use flywheel_primitives::FLY;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect as _, Mutate as _},
		fungibles::{Inspect as _, Mutate as _},
		EnsureOrigin, Get, Hooks,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::{traits::Zero, FixedU128, SaturatedConversion};

const DEVICE: DeviceId = [1; 32];

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, 1_000_000 * FLY);
	who
}

/// The signer, whitelisted like every benchmark's caller: its account is read and written for
/// the transaction fee anyway.
fn funded_caller<T: Config>() -> T::AccountId {
	let who: T::AccountId = whitelisted_caller();
	T::Currency::set_balance(&who, 1_000_000 * FLY);
	who
}

fn set_block<T: Config>(block: BlockNumber) {
	frame_system::Pallet::<T>::set_block_number(block.saturated_into());
}

/// A funded caller holding 1,000 DNT units of `subdao` (whose curve is set to `k`), a treasury
/// of 1,000,000 FLY and a non-empty outflow window at block 1.
fn redeemer<T: Config>(subdao: SubDaoId, k: u8) -> (T::AccountId, AssetIdOf<T>) {
	Registry::<T>::mutate(subdao, |info| {
		if let Some(info) = info.as_mut() {
			info.config.curve_k = k;
		}
	});
	let who = funded_caller::<T>();
	let treasury = SubDaosPallet::<T>::treasury_account(subdao);
	T::Currency::set_balance(&treasury, 1_000_000 * FLY);
	let dnt = Registry::<T>::get(subdao).map(|i| i.dnt).expect("exists");
	let supply = dnt_units::<T>(1_000);
	T::Assets::mint_into(dnt.clone(), &who, supply).expect("minted");
	States::<T>::mutate(subdao, |s| {
		s.dnt_minted = s.dnt_minted.saturating_add(supply);
		s.redemptions = flywheel_primitives::RollingWindow { value: FLY, last_block: 0 };
	});
	set_block::<T>(1);
	(who, dnt)
}

/// The most rewards oracles, a majority quorum.
fn bench_oracles<T: Config>() -> RewardsOracles<T::AccountId> {
	let members: Vec<T::AccountId> =
		(0..types::MAX_REWARDS_ORACLES).map(|i| account("oracle", i, 0)).collect();
	RewardsOracles {
		members: BoundedVec::truncate_from(members),
		quorum: types::MAX_REWARDS_ORACLES / 2 + 1,
	}
}

/// A config at its largest: the longest name and schedule, the most oracles, k at its maximum.
fn max_config<T: Config>() -> SubDaoConfigOf<T> {
	let steps = T::MaxScheduleSteps::get();
	let schedule: Vec<EmissionStep> = (0..steps)
		.map(|i| EmissionStep { from_epoch: i, per_epoch: 1_000_000u128.saturating_add(i.into()) })
		.collect();
	SubDaoConfig {
		name: BoundedVec::truncate_from(vec![b'n'; T::MaxNameLength::get() as usize]),
		emission_schedule: BoundedVec::truncate_from(schedule),
		onboarding_fee: 100_000,
		burn_authority: account("router", 0, 0),
		rewards_oracles: bench_oracles::<T>(),
		curve_k: 0,
	}
}

/// Creates a subDAO through the call; returns its id.
fn create<T: Config>() -> SubDaoId {
	let subdao = NextSubDaoId::<T>::get();
	let origin = T::AdminOrigin::try_successful_origin().expect("admin origin");
	SubDaosPallet::<T>::create_subdao(origin, max_config::<T>()).expect("subDAO created");
	subdao
}

/// A DNT amount of `n` units, each at least the DNTs' minimum balance (so every account a
/// benchmark pays into can exist).
fn dnt_units<T: Config>(n: u128) -> Balance {
	T::DntMinBalance::get().max(1_000).saturating_mul(n)
}

/// A funded maker approved for `subdao`.
fn maker<T: Config>(subdao: SubDaoId) -> T::AccountId {
	let maker = funded::<T>("owner", 0);
	Makers::<T>::insert(subdao, &maker, ());
	maker
}

/// A position of `owner` locked for the full saturation (a cliff decaying later than now).
fn position<T: Config>(owner: &T::AccountId, kind: LockKind) -> PositionId {
	let id = NextPositionId::<T>::get();
	SubDaosPallet::<T>::lock(
		RawOrigin::Signed(owner.clone()).into(),
		100 * FLY,
		kind,
		T::VeSaturation::get(),
	)
	.expect("locked");
	id
}

/// A position of `owner` delegated to `subdao` through the call: its weight waits to join the
/// subDAO's totals at the close of the next epoch (three corrections for a cliff beyond
/// saturation: the join, the decay start and the expiry).
fn delegated<T: Config>(owner: &T::AccountId, kind: LockKind, subdao: SubDaoId) -> PositionId {
	let id = position::<T>(owner, kind);
	SubDaosPallet::<T>::delegate(RawOrigin::Signed(owner.clone()).into(), id, subdao)
		.expect("delegated");
	id
}

/// A position of `owner` delegated to `subdao` that counts already (as genesis positions do).
fn counting<T: Config>(owner: &T::AccountId, kind: LockKind, subdao: SubDaoId) -> PositionId {
	let id = position::<T>(owner, kind);
	let pos = Positions::<T>::get(id).expect("locked");
	SubDaosPallet::<T>::do_delegate(id, pos, subdao, true).expect("delegated");
	id
}

/// `count` delegated positions of distinct owners, spread over `subdaos`, written straight to
/// storage: they only grow the state the idle hook must not depend on (locking through the call
/// would make the setup of 100,000 positions take minutes per repeat).
fn delegators<T: Config>(count: u32, subdaos: &[SubDaoId]) {
	let first = NextPositionId::<T>::get();
	for (i, subdao) in (0..count).zip(subdaos.iter().copied().cycle()) {
		let position = Position {
			owner: account::<T::AccountId>("delegator", i, 0),
			amount: 100 * FLY,
			lockup: Lockup::Constant { duration: T::VeSaturation::get() },
			delegation: Some(Delegation { subdao, next_claim_epoch: 0, joins_at: 0 }),
		};
		Positions::<T>::insert(first.saturating_add(i.into()), position);
	}
	NextPositionId::<T>::put(first.saturating_add(count.into()));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: `MaxSubDaos − 1` exist, the largest config.
	#[benchmark]
	fn create_subdao() {
		for _ in 1..T::MaxSubDaos::get() {
			create::<T>();
		}
		let origin = T::AdminOrigin::try_successful_origin().expect("admin origin");
		let subdao = NextSubDaoId::<T>::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, max_config::<T>());

		assert!(Registry::<T>::contains_key(subdao));
	}

	#[benchmark]
	fn update_subdao() {
		let subdao = create::<T>();
		let origin = T::AdminOrigin::try_successful_origin().expect("admin origin");
		let c = max_config::<T>();
		let mut oracles = c.rewards_oracles.clone();
		oracles.members[0] = account("oracle", types::MAX_REWARDS_ORACLES, 0);
		let update = SubDaoUpdate {
			emission_schedule: Some(c.emission_schedule),
			onboarding_fee: Some(7),
			burn_authority: Some(account("router", 1, 0)),
			rewards_oracles: Some(oracles),
			curve_k: Some(curve::MAX_CURVE_K),
		};

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, subdao, update);

		assert_eq!(Registry::<T>::get(subdao).map(|i| i.config.onboarding_fee), Some(7));
	}

	#[benchmark]
	fn set_redemption_frozen() {
		let subdao = create::<T>();
		let origin = T::AdminOrigin::try_successful_origin().expect("admin origin");

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, subdao, true);

		assert_eq!(Registry::<T>::get(subdao).map(|i| i.redemption_frozen), Some(true));
	}

	#[benchmark]
	fn set_params() {
		let origin = T::AdminOrigin::try_successful_origin().expect("admin origin");
		let params = SubDaoParams { ema_epochs: 7, ..T::DefaultParams::get() };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params);

		assert_eq!(Params::<T>::get().ema_epochs, 7);
	}

	/// Worst case: re-onboarding an inactive device, paying a fee.
	#[benchmark]
	fn onboard_device() {
		let subdao = create::<T>();
		let owner = maker::<T>(subdao);
		T::BenchmarkHelper::give_data_credits(&owner, 1_000_000);
		SubDaosPallet::<T>::onboard_device(RawOrigin::Signed(owner.clone()).into(), subdao, DEVICE)
			.expect("onboarded");
		SubDaosPallet::<T>::deactivate_device(
			RawOrigin::Signed(owner.clone()).into(),
			subdao,
			DEVICE,
		)
		.expect("deactivated");

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), subdao, DEVICE);

		assert_eq!(States::<T>::get(subdao).active_device_fees, 100_000);
	}

	#[benchmark]
	fn deactivate_device() {
		let subdao = create::<T>();
		let owner = maker::<T>(subdao);
		T::BenchmarkHelper::give_data_credits(&owner, 1_000_000);
		SubDaosPallet::<T>::onboard_device(RawOrigin::Signed(owner.clone()).into(), subdao, DEVICE)
			.expect("onboarded");

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), subdao, DEVICE);

		assert_eq!(States::<T>::get(subdao).active_device_fees, 0);
	}

	/// `n` devices whose attestation expired, each with one vote short of the quorum: this
	/// oracle's completes it (each is added back, its bucket written, its votes removed).
	#[benchmark]
	fn attest_devices(n: Linear<1, { T::MaxRewardBatch::get() }>) {
		let subdao = create::<T>();
		let owner = maker::<T>(subdao);
		T::BenchmarkHelper::give_data_credits(&owner, 100_000u64.saturating_mul(n.into()));
		let mut ids = Vec::new();
		for i in 0..n {
			let mut id = DEVICE;
			id[..4].copy_from_slice(&i.to_le_bytes());
			SubDaosPallet::<T>::onboard_device(RawOrigin::Signed(owner.clone()).into(), subdao, id)
				.expect("onboarded");
			ids.push(id);
		}
		// Their attestation ran out: the next one moves every fee back in.
		let expired = CurrentEpoch::<T>::get().saturating_add(DeviceActivityEpochs::<T>::get());
		DeviceExpiries::<T>::remove(subdao, expired);
		States::<T>::mutate(subdao, |s| s.active_device_fees = 0);
		let current = expired.saturating_add(1);
		CurrentEpoch::<T>::put(current);
		let oracles = bench_oracles::<T>();
		let earlier: Vec<T::AccountId> =
			oracles.members.iter().skip(1).take(oracles.quorum as usize - 1).cloned().collect();
		for id in ids.iter() {
			let votes = AttestationVotes {
				epoch: current,
				oracles: BoundedVec::truncate_from(earlier.clone()),
			};
			DeviceVotes::<T>::insert(subdao, id, votes);
		}
		let oracle = oracles.members[0].clone();
		let batch = DeviceBatchOf::<T>::truncate_from(ids);

		#[extrinsic_call]
		_(RawOrigin::Signed(oracle), subdao, batch);

		assert_eq!(
			States::<T>::get(subdao).active_device_fees,
			100_000u128.saturating_mul(n.into())
		);
	}

	#[benchmark]
	fn set_maker_approval() -> Result<(), BenchmarkError> {
		let subdao = create::<T>();
		let maker: T::AccountId = account("maker", 0, 0);
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, subdao, maker.clone(), true);

		assert!(Makers::<T>::contains_key(subdao, maker));
		Ok(())
	}

	#[benchmark]
	fn set_device_activity_epochs() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 30);

		assert_eq!(DeviceActivityEpochs::<T>::get(), 30);
		Ok(())
	}

	/// Worst case: the account already has other positions.
	#[benchmark]
	fn lock() {
		let owner = funded::<T>("owner", 0);
		for _ in 1..T::MaxPositionsPerAccount::get() {
			position::<T>(&owner, LockKind::Cliff);
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), FLY, LockKind::Cliff, T::VeSaturation::get());

		assert_eq!(AccountLocks::<T>::get(&owner).positions, T::MaxPositionsPerAccount::get());
	}

	/// Worst case: a cliff beyond saturation whose delegation waits to join (removing and adding
	/// three corrections each: the join, the decay start, the expiry).
	#[benchmark]
	fn extend() {
		let subdao = create::<T>();
		let owner = funded::<T>("owner", 0);
		let length = T::EpochLength::get();
		set_block::<T>(length);
		let id = delegated::<T>(&owner, LockKind::Cliff, subdao);
		set_block::<T>(length.saturating_add(1));

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, T::VeSaturation::get());

		let expected = T::VeSaturation::get().saturating_add(length.saturating_mul(2));
		assert_eq!(
			Positions::<T>::get(id).map(|p| p.lockup),
			Some(Lockup::Cliff { end: expected })
		);
	}

	#[benchmark]
	fn convert_to_cliff() {
		let subdao = create::<T>();
		let owner = funded::<T>("owner", 0);
		let id = delegated::<T>(&owner, LockKind::Constant, subdao);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		assert!(matches!(Positions::<T>::get(id).map(|p| p.lockup), Some(Lockup::Cliff { .. })));
	}

	/// Worst case: other positions stay, so the freeze is rewritten.
	#[benchmark]
	fn unlock() {
		let owner = funded::<T>("owner", 0);
		let id = position::<T>(&owner, LockKind::Cliff);
		position::<T>(&owner, LockKind::Constant);
		let end = match Positions::<T>::get(id).map(|p| p.lockup) {
			Some(Lockup::Cliff { end }) => end,
			_ => 0,
		};
		set_block::<T>(end);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), id);

		assert!(Positions::<T>::get(id).is_none());
		assert_eq!(AccountLocks::<T>::get(&owner).positions, 1);
	}

	/// Worst case: a cliff beyond saturation (three corrections: the join two epochs on, the
	/// decay start, the expiry).
	#[benchmark]
	fn delegate() {
		let subdao = create::<T>();
		let owner = funded::<T>("owner", 0);
		let id = position::<T>(&owner, LockKind::Cliff);
		set_block::<T>(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, subdao);

		assert!(States::<T>::get(subdao).ve.power.is_zero());
		assert!(!VeCorrections::<T>::get(subdao, 2).power_add.is_zero());
	}

	/// Worst case: a cliff beyond saturation still waiting to join (three corrections undone).
	#[benchmark]
	fn undelegate() {
		let subdao = create::<T>();
		let owner = funded::<T>("owner", 0);
		let id = delegated::<T>(&owner, LockKind::Cliff, subdao);
		set_block::<T>(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		assert_eq!(VeCorrections::<T>::iter_prefix(subdao).count(), 0);
	}

	/// `e` epochs paid in one claim, each with a record and DNT in the delegator pool.
	#[benchmark]
	fn claim_delegation_rewards(e: Linear<1, { T::MaxClaimEpochs::get() }>) {
		let subdao = create::<T>();
		let owner = funded::<T>("owner", 0);
		let id = counting::<T>(&owner, LockKind::Constant, subdao);
		let power = States::<T>::get(subdao).ve.power;
		for epoch in 0..e {
			EpochRecords::<T>::insert(
				subdao,
				epoch,
				EpochRecord {
					ve_power: power,
					dnt_to_delegators: dnt_units::<T>(1),
					..Default::default()
				},
			);
			// Someone else claimed part of it already: the claim total is read and written.
			EpochClaims::<T>::insert(subdao, epoch, 0);
		}
		let dnt = Registry::<T>::get(subdao).map(|i| i.dnt).expect("exists");
		let pool = SubDaosPallet::<T>::delegator_pool_account(subdao);
		let total = dnt_units::<T>(e.into());
		T::Assets::mint_into(dnt.clone(), &pool, total).expect("minted");
		States::<T>::mutate(subdao, |s| s.dnt_minted = s.dnt_minted.saturating_add(total));
		CurrentEpoch::<T>::put(e);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), id, e.saturating_sub(1));

		assert_eq!(T::Assets::balance(dnt, &owner), total);
	}

	/// A redemption paid at once (`k = 0`) through a non-empty outflow window.
	#[benchmark]
	fn redeem() {
		let subdao = create::<T>();
		let (who, dnt) = redeemer::<T>(subdao, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), subdao, dnt_units::<T>(1), 1);

		assert_eq!(T::Assets::balance(dnt, &who), dnt_units::<T>(999));
	}

	/// A redemption queued (k at its maximum) behind `MAX_QUEUED_REDEMPTIONS − 1` others of the
	/// block, through a non-empty outflow window.
	#[benchmark]
	fn redeem_queued() {
		let subdao = create::<T>();
		let (who, dnt) = redeemer::<T>(subdao, curve::MAX_CURVE_K);
		let others = types::MAX_QUEUED_REDEMPTIONS - 1;
		for i in 0..others {
			let other = funded::<T>("redeemer", i);
			T::Assets::mint_into(dnt.clone(), &other, dnt_units::<T>(1)).expect("minted");
			States::<T>::mutate(subdao, |s| {
				s.dnt_minted = s.dnt_minted.saturating_add(dnt_units::<T>(1))
			});
			SubDaosPallet::<T>::redeem(
				RawOrigin::Signed(other).into(),
				subdao,
				dnt_units::<T>(1),
				0,
			)
			.expect("queued");
		}

		#[extrinsic_call]
		redeem(RawOrigin::Signed(who.clone()), subdao, dnt_units::<T>(1), 1);

		assert_eq!(QueuedRedemptions::<T>::get(subdao).len() as u32, types::MAX_QUEUED_REDEMPTIONS);
	}

	/// The end of a block settling one subDAO's batch of `n` redemptions (k at its maximum):
	/// each paid, the batch's DNT burned.
	#[benchmark]
	fn settle_redemptions(n: Linear<1, { types::MAX_QUEUED_REDEMPTIONS }>) {
		let subdao = create::<T>();
		let (_, dnt) = redeemer::<T>(subdao, curve::MAX_CURVE_K);
		let mut redeemers = Vec::new();
		for i in 0..n {
			let who = funded::<T>("redeemer", i);
			T::Assets::mint_into(dnt.clone(), &who, dnt_units::<T>(1)).expect("minted");
			States::<T>::mutate(subdao, |s| {
				s.dnt_minted = s.dnt_minted.saturating_add(dnt_units::<T>(1))
			});
			SubDaosPallet::<T>::redeem(
				RawOrigin::Signed(who.clone()).into(),
				subdao,
				dnt_units::<T>(1),
				0,
			)
			.expect("queued");
			redeemers.push(who);
		}

		#[block]
		{
			SubDaosPallet::<T>::settle_redemptions();
		}

		assert!(QueuedRedemptions::<T>::get(subdao).is_empty());
		assert_eq!(T::Assets::balance(dnt, &redeemers[0]), 0);
	}

	/// A refund the settlement could not send, taken to an account that holds no DNT.
	#[benchmark]
	fn claim_refund() {
		let subdao = create::<T>();
		let (_, dnt) = redeemer::<T>(subdao, curve::MAX_CURVE_K);
		let who = funded::<T>("redeemer", 0);
		let owed = dnt_units::<T>(2);
		let holder = SubDaosPallet::<T>::redemption_account(subdao);
		T::Assets::mint_into(dnt.clone(), &holder, owed).expect("minted");
		States::<T>::mutate(subdao, |s| s.dnt_minted = s.dnt_minted.saturating_add(owed));
		PendingRefunds::<T>::insert(subdao, &who, owed);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), subdao);

		assert_eq!(T::Assets::balance(dnt, &who), owed);
	}

	/// `n` recipients, each with reports of every other oracle (this one's replaces its own).
	#[benchmark]
	fn report_rewards(n: Linear<1, { T::MaxRewardBatch::get() }>) {
		let subdao = create::<T>();
		let oracles = bench_oracles::<T>();
		let recipients: Vec<T::AccountId> = (0..n).map(|i| account("device-owner", i, 0)).collect();
		let full: Vec<(T::AccountId, Balance)> =
			oracles.members.iter().map(|o| (o.clone(), dnt_units::<T>(1))).collect();
		for r in recipients.iter() {
			RewardReports::<T>::insert(subdao, r, BoundedVec::truncate_from(full.clone()));
		}
		let totals: Vec<(T::AccountId, Balance)> =
			recipients.iter().map(|r| (r.clone(), dnt_units::<T>(2))).collect();
		let totals = RewardTotalsOf::<T>::truncate_from(totals);
		let oracle = oracles.members[0].clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(oracle.clone()), subdao, totals);

		let reports = RewardReports::<T>::get(subdao, &recipients[0]);
		assert!(reports.contains(&(oracle, dnt_units::<T>(2))));
	}

	/// A claim agreed by every oracle, paid to a new account through a non-empty outflow
	/// window.
	#[benchmark]
	fn claim_rewards() {
		let subdao = create::<T>();
		let dnt = Registry::<T>::get(subdao).map(|i| i.dnt).expect("exists");
		let escrow = SubDaosPallet::<T>::rewards_account(subdao);
		let held = dnt_units::<T>(1_000);
		T::Assets::mint_into(dnt.clone(), &escrow, held).expect("minted");
		States::<T>::mutate(subdao, |s| s.dnt_minted = s.dnt_minted.saturating_add(held));
		let recipient = funded::<T>("device-owner", 0);
		let reports: Vec<(T::AccountId, Balance)> =
			bench_oracles::<T>().members.iter().map(|o| (o.clone(), dnt_units::<T>(2))).collect();
		RewardReports::<T>::insert(subdao, &recipient, BoundedVec::truncate_from(reports));
		RewardsOutflow::<T>::insert(
			subdao,
			flywheel_primitives::RollingWindow { value: 1, last_block: 0 },
		);
		set_block::<T>(1);
		let caller = funded_caller::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), subdao, recipient.clone());

		assert_eq!(T::Assets::balance(dnt, &recipient), dnt_units::<T>(2));
	}

	/// A block that closes no epoch, on a large state: `MaxSubDaos` subDAOs and `d` delegated
	/// veFLY positions. Its cost must not grow with `d` (the hook reads the current epoch and
	/// the closing marker, nothing per subDAO or position), so the hook charges it at
	/// `BENCHMARKED_DELEGATORS`.
	#[benchmark]
	fn on_initialize_idle(d: Linear<0, BENCHMARKED_DELEGATORS>) {
		let mut subdaos = Vec::new();
		for _ in 0..T::MaxSubDaos::get() {
			subdaos.push(create::<T>());
		}
		delegators::<T>(d, &subdaos);
		set_block::<T>(1);

		#[block]
		{
			SubDaosPallet::<T>::on_initialize(1u32.saturated_into());
		}

		assert_eq!(CurrentEpoch::<T>::get(), 0);
		assert_eq!(Positions::<T>::iter_keys().count() as u32, d);
	}

	/// Epoch close with `s` subDAOs, each with delegated veFLY, a correction due, usage, active
	/// devices and an expiring bucket of them, a previous smoothed share, an existing treasury
	/// and DNT to mint.
	#[benchmark]
	fn close_epoch(s: Linear<1, { T::MaxSubDaos::get() }>) {
		let length = T::EpochLength::get();
		for i in 0..s {
			let subdao = create::<T>();
			let owner = funded::<T>("owner", i);
			counting::<T>(&owner, LockKind::Cliff, subdao);
			VeCorrections::<T>::insert(
				subdao,
				1,
				VeCorrection { fall_rate_add: 1, ..Default::default() },
			);
			DcUsage::<T>::mutate(|usage| {
				if let Some(e) = usage.iter_mut().find(|e| e.subdao == subdao) {
					e.dc_burned = 1_000_000_000;
				}
			});
			States::<T>::mutate(subdao, |state| {
				state.active_device_fees = 1_000_000_000;
				state.smoothed_share = Some(FixedU128::from_rational(1, s.into()));
			});
			// Usage worth nothing: what it attracts is held back and sent away.
			BaseShares::<T>::insert(subdao, FixedU128::from_rational(1, s.into()));
			// Devices whose attestation runs out at this close: their bucket is taken.
			DeviceExpiries::<T>::insert(subdao, 0, 1_000_000);
			T::Currency::set_balance(&SubDaosPallet::<T>::treasury_account(subdao), FLY);
		}
		let pool = SubDaosPallet::<T>::pool_account();
		T::Currency::set_balance(&pool, 1_000_001 * FLY);
		PoolPending::<T>::put(1_000_000 * FLY);
		set_block::<T>(length);
		let recycled_before = T::Currency::balance(&T::NoHolderFlyTo::get());

		#[block]
		{
			SubDaosPallet::<T>::score_epoch(0, length);
		}

		let closing = Closing::<T>::get().expect("scored");
		assert_eq!(closing.payouts.len() as u32, s);
		// Alone, a subDAO's usage attracts nothing (its share is whole without it).
		let recycled = T::Currency::balance(&T::NoHolderFlyTo::get()) > recycled_before;
		assert_eq!(recycled, s > 1);
		assert_eq!(DeviceExpiries::<T>::iter().count(), 0);
		assert!(PoolPending::<T>::get() < FLY);
	}

	/// Paying `p` subDAOs of a scored epoch: FLY to an existing treasury, DNT to the rewards
	/// escrow and the delegator pool (veFLY is delegated), the record, and the pruning of the
	/// record leaving the history with unclaimed delegator DNT to move; the last one closes the
	/// epoch.
	#[benchmark]
	fn pay_epoch(p: Linear<1, { T::MaxPayoutsPerBlock::get() }>) {
		let epoch = T::EpochRecordHistory::get();
		let mut payouts = Vec::new();
		for _ in 0..p {
			let subdao = create::<T>();
			T::Currency::set_balance(&SubDaosPallet::<T>::treasury_account(subdao), FLY);
			let record = EpochRecord { ve_power: 1, fly_to_treasury: FLY, ..Default::default() };
			payouts.push((subdao, record));
			let minted = dnt_units::<T>(10);
			let old = EpochRecord { ve_power: 1, dnt_to_delegators: minted, ..Default::default() };
			EpochRecords::<T>::insert(subdao, 0, old);
			EpochClaims::<T>::insert(subdao, 0, dnt_units::<T>(4));
			let dnt = Registry::<T>::get(subdao).map(|i| i.dnt).expect("exists");
			let pool = SubDaosPallet::<T>::delegator_pool_account(subdao);
			let left = dnt_units::<T>(6);
			T::Assets::mint_into(dnt, &pool, left).expect("minted");
			States::<T>::mutate(subdao, |s| s.dnt_minted = s.dnt_minted.saturating_add(left));
		}
		let pool = SubDaosPallet::<T>::pool_account();
		T::Currency::set_balance(&pool, (u128::from(p) + 1) * FLY);
		let payouts = BoundedVec::truncate_from(payouts);
		Closing::<T>::put(ClosingEpoch { epoch, payouts, fly_distributed: 0 });
		CurrentEpoch::<T>::put(epoch.saturating_add(1));

		#[block]
		{
			SubDaosPallet::<T>::pay_closing(p);
		}

		assert!(Closing::<T>::get().is_none());
		assert_eq!(EpochRecords::<T>::get(0, epoch).map(|r| r.fly_to_treasury), Some(FLY));
		assert!(EpochRecords::<T>::get(0, 0).is_none());
		// The unclaimed delegator DNT reached the rewards escrow.
		let dnt = Registry::<T>::get(0).map(|i| i.dnt).expect("exists");
		let escrow = SubDaosPallet::<T>::rewards_account(0);
		assert!(T::Assets::balance(dnt, &escrow) >= dnt_units::<T>(6));
	}

	impl_benchmark_test_suite!(SubDaosPallet, crate::mock::new_test_ext(), crate::mock::Test);
}
