// SPDX-License-Identifier: Apache-2.0
//! Epoch close (scores and smoothed shares at the boundary block, then treasury payouts and DNT
//! emission in batches of [`Config::MaxPayoutsPerBlock`]) and redemption quotes.

use crate::{curve, score, *};
use alloc::vec::Vec;
use frame_support::{
	dispatch::DispatchResult,
	ensure,
	traits::{
		fungible::{Inspect as _, Mutate as _},
		fungibles::{Create as _, Inspect as _, Mutate as _},
		tokens::{Fortitude, Preservation},
		Get,
	},
	BoundedVec,
};
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};
use sp_runtime::{
	traits::{Convert as _, Saturating},
	FixedU128,
};

impl<T: Config> Pallet<T> {
	/// Scores `epoch` at block `now` (its end boundary) for every subDAO and fixes what each is
	/// due; returns how many subDAOs were scored. The payouts follow in [`Self::pay_closing`].
	///
	/// Two passes over the subDAOs (never over positions or devices): devices whose attestation
	/// runs out stop counting, veFLY totals are brought to the boundary with their corrections and
	/// scored; raw shares are smoothed and the pool's
	/// pending FLY is divided by smoothed share. The FLY due stays in the pool, no longer pending,
	/// until it is paid.
	///
	/// The usage cap: each subDAO is also scored without its own usage term (`D = 1`, the others
	/// as they are), and that share smoothed alike ([`BaseShares`]). What its smoothed share
	/// exceeds the base one by is what its usage attracts; it is paid up to `UsageValueCap` of
	/// what the epoch's usage burns were worth in FLY, and the rest goes to `NoHolderFlyTo`.
	pub(crate) fn score_epoch(epoch: EpochIndex, now: BlockNumber) -> u32 {
		let ids = SubDaoIds::<T>::get();
		let mut usage = DcUsage::<T>::get();
		let params = Params::<T>::get();
		let curve = Self::curve();
		let boundary = epoch.saturating_add(1);

		let mut rows: Vec<(SubDaoId, SubDaoState, EpochRecord)> = Vec::with_capacity(ids.len());
		// Per row: the score without its own usage term, and the usage's FLY value.
		let mut bases: Vec<(FixedU128, Balance)> = Vec::with_capacity(ids.len());
		let mut total_score = FixedU128::from_inner(0);
		for &subdao in ids.iter() {
			let (dc_burned, onboarding_dc_burned, usage_value) = usage
				.iter()
				.find(|e| e.subdao == subdao)
				.map_or((0, 0, 0), |e| (e.dc_burned, e.onboarding_dc_burned, e.usage_value));
			let mut state = States::<T>::get(subdao);
			Self::expire_devices(subdao, epoch, &mut state);
			let correction = VeCorrections::<T>::take(subdao, boundary);
			state.ve = state.ve.advanced(now).corrected(correction);
			let ve_power = curve.unscale(state.ve.power);
			let fees = state.active_device_fees;
			let only_ve = params.ve_only_scoring;
			let score = score::utility_score(ve_power, dc_burned, fees, only_ve);
			let base = score::utility_score(ve_power, 0, fees, only_ve);
			bases.push((base, usage_value));
			total_score = total_score.saturating_add(score);
			let record = EpochRecord {
				ve_power: state.ve.power,
				dc_burned,
				onboarding_dc_burned,
				active_device_fees: state.active_device_fees,
				score,
				..Default::default()
			};
			rows.push((subdao, state, record));
		}

		let mut total_smoothed: u128 = 0;
		let mut base_shares: Vec<FixedU128> = Vec::with_capacity(rows.len());
		for ((subdao, state, record), (base, _)) in rows.iter_mut().zip(bases.iter()) {
			record.raw_share = score::share(record.score, total_score);
			record.smoothed_share =
				score::smoothed(state.smoothed_share, record.raw_share, params.ema_epochs);
			total_smoothed = total_smoothed.saturating_add(record.smoothed_share.into_inner());
			// The others' scores as they are, this subDAO's without its usage term. A subDAO
			// scored before the base share was kept starts it at its smoothed share.
			let without_usage = total_score.saturating_sub(record.score).saturating_add(*base);
			let raw_base = score::share(*base, without_usage);
			let previous = BaseShares::<T>::get(*subdao).or(state.smoothed_share);
			base_shares.push(score::smoothed(previous, raw_base, params.ema_epochs));
		}

		let pending = PoolPending::<T>::get().min(T::Currency::reducible_balance(
			&Self::pool_account(),
			Preservation::Preserve,
			Fortitude::Polite,
		));
		let mut reserved: Balance = 0;
		let mut recycled: Balance = 0;
		let mut payouts = Vec::with_capacity(rows.len());
		let cap = T::UsageValueCap::get();
		let part = |share: FixedU128| {
			multiply_by_rational_with_rounding(
				pending,
				share.into_inner(),
				total_smoothed,
				Rounding::Down,
			)
			.unwrap_or_default()
		};
		for ((subdao, mut state, mut record), ((_, usage_value), base_share)) in
			rows.into_iter().zip(bases.into_iter().zip(base_shares))
		{
			let full = part(record.smoothed_share);
			let usage_fly = full.saturating_sub(part(base_share.min(record.smoothed_share)));
			let excess = usage_fly.saturating_sub(cap.mul_floor(usage_value));
			if excess > 0 {
				recycled = recycled.saturating_add(excess);
				Self::deposit_event(Event::UsageFlyCapped {
					subdao,
					epoch,
					usage_fly,
					usage_value,
					recycled: excess,
				});
			}
			record.fly_to_treasury = full.saturating_sub(excess);
			BaseShares::<T>::insert(subdao, base_share);
			reserved = reserved.saturating_add(record.fly_to_treasury);
			state.smoothed_share = Some(record.smoothed_share);
			States::<T>::insert(subdao, state);
			payouts.push((subdao, record));
		}
		for entry in usage.iter_mut() {
			entry.dc_burned = 0;
			entry.onboarding_dc_burned = 0;
			entry.usage_value = 0;
		}
		DcUsage::<T>::put(usage);
		// What the usage cap held back leaves the pool (left pending, it would be shared again
		// by the same scores, the wash burner's included). If it cannot be sent, it waits.
		let pool = Self::pool_account();
		let to = T::NoHolderFlyTo::get();
		let recycled = if recycled > 0
			&& T::Currency::transfer(&pool, &to, recycled, Preservation::Preserve).is_ok()
		{
			recycled
		} else {
			0
		};
		PoolPending::<T>::mutate(|p| *p = p.saturating_sub(reserved).saturating_sub(recycled));
		let scored = payouts.len() as u32;
		Closing::<T>::put(ClosingEpoch {
			epoch,
			payouts: BoundedVec::truncate_from(payouts),
			fly_distributed: 0,
		});
		Self::deposit_event(Event::EpochScored { epoch, fly_due: reserved });
		scored
	}

	/// Pays up to `max` subDAOs of the epoch being closed: the FLY due to the treasury, the
	/// epoch's DNT, the epoch record. Returns how many were paid; the epoch is closed (and
	/// [`Closing`] cleared) with the last one.
	pub(crate) fn pay_closing(max: u32) -> u32 {
		let Some(mut closing) = Closing::<T>::get() else { return 0 };
		let epoch = closing.epoch;
		let params = Params::<T>::get();
		let pool = Self::pool_account();
		let mut rest = closing.payouts.into_inner();
		let batch: Vec<_> = rest.drain(..rest.len().min(max as usize)).collect();
		let paid = batch.len() as u32;
		for (subdao, mut record) in batch {
			Self::mint_epoch_dnt(subdao, epoch, &params, &mut record);
			let due = record.fly_to_treasury;
			// A subDAO whose DNT has no supply (even after this epoch's mint) has nobody to
			// redeem its treasury's FLY, and the first DNT minted later would take all of it: its
			// part goes to `NoHolderFlyTo`.
			let has_holders = Self::dnt_supply(subdao) > 0;
			let to =
				if has_holders { Self::treasury_account(subdao) } else { T::NoHolderFlyTo::get() };
			// A transfer that cannot be made (e.g. below the existential deposit of an empty
			// treasury) leaves the FLY pending for the next epoch.
			let sent =
				due > 0 && T::Currency::transfer(&pool, &to, due, Preservation::Preserve).is_ok();
			if sent && has_holders {
				closing.fly_distributed = closing.fly_distributed.saturating_add(due);
			} else {
				record.fly_to_treasury = 0;
				if sent {
					Self::deposit_event(Event::FlyWithoutHoldersRecycled {
						subdao,
						epoch,
						amount: due,
					});
				} else {
					PoolPending::<T>::mutate(|p| *p = p.saturating_add(due));
				}
			}
			EpochRecords::<T>::insert(subdao, epoch, record);
			if let Some(old) =
				epoch.checked_sub(<T::EpochRecordHistory as frame_support::traits::Get<u32>>::get())
			{
				Self::prune_record(subdao, old);
			}
			Self::deposit_event(Event::SubDaoEpochClosed { subdao, epoch, record });
		}
		if rest.is_empty() {
			Closing::<T>::kill();
			Self::deposit_event(Event::EpochClosed {
				epoch,
				fly_distributed: closing.fly_distributed,
			});
		} else {
			closing.payouts = BoundedVec::truncate_from(rest);
			Closing::<T>::put(closing);
		}
		paid
	}

	/// Removes the record of `epoch` of `subdao` (out of the history) and moves the delegator
	/// DNT of that epoch nobody claimed from the delegator pool to the rewards escrow: a claim
	/// can no longer reach it, device operators can.
	pub(crate) fn prune_record(subdao: SubDaoId, epoch: EpochIndex) {
		let Some(record) = EpochRecords::<T>::take(subdao, epoch) else { return };
		let claimed = EpochClaims::<T>::take(subdao, epoch);
		let Some(info) = Registry::<T>::get(subdao) else { return };
		let pool = Self::delegator_pool_account(subdao);
		let unclaimed = record
			.dnt_to_delegators
			.saturating_sub(claimed)
			.min(T::Assets::balance(info.dnt.clone(), &pool));
		let moved = unclaimed > 0
			&& T::Assets::transfer(
				info.dnt,
				&pool,
				&Self::rewards_account(subdao),
				unclaimed,
				Preservation::Expendable,
			)
			.is_ok();
		let unclaimed = if moved { unclaimed } else { 0 };
		Self::deposit_event(Event::EpochRecordPruned { subdao, epoch, unclaimed });
	}

	/// Makes the pallet's DNT-holding accounts of `subdao` (rewards escrow, delegator pool,
	/// redemption queue) exist without FLY, as DNT is not a sufficient asset.
	pub(crate) fn provide_dnt_accounts(subdao: SubDaoId) {
		for who in [
			Self::rewards_account(subdao),
			Self::delegator_pool_account(subdao),
			Self::redemption_account(subdao),
		] {
			frame_system::Pallet::<T>::inc_providers(&who);
		}
	}

	/// The first epoch whose payouts are not all made: delegators can claim the epochs before.
	pub fn first_unpaid_epoch() -> EpochIndex {
		Closing::<T>::get().map_or_else(CurrentEpoch::<T>::get, |c| c.epoch)
	}

	/// FLY in the pool set aside for treasuries of the epoch being closed.
	pub fn fly_being_paid() -> Balance {
		Closing::<T>::get().map_or(0, |c| {
			c.payouts.iter().fold(0, |sum: Balance, (_, r)| sum.saturating_add(r.fly_to_treasury))
		})
	}

	/// Mints `subdao`'s DNT for `epoch`: the delegator share to the delegator pool (to the rewards
	/// escrow instead when no veFLY is delegated, so none is stranded), the rest to the escrow.
	fn mint_epoch_dnt(
		subdao: SubDaoId,
		epoch: EpochIndex,
		params: &SubDaoParams,
		record: &mut EpochRecord,
	) {
		let Some(info) = Registry::<T>::get(subdao) else { return };
		let emission = types::emission_at(&info.config.emission_schedule, epoch);
		let to_delegators = if record.ve_power > 0 { params.delegator_share * emission } else { 0 };
		let to_rewards = emission.saturating_sub(to_delegators);
		let mut minted: Balance = 0;
		let mut mint = |who: T::AccountId, amount: Balance| -> Balance {
			if amount == 0 {
				return 0;
			}
			match T::Assets::mint_into(info.dnt.clone(), &who, amount) {
				Ok(_) => {
					minted = minted.saturating_add(amount);
					amount
				}
				Err(_) => 0,
			}
		};
		record.dnt_to_rewards = mint(Self::rewards_account(subdao), to_rewards);
		record.dnt_to_delegators = mint(Self::delegator_pool_account(subdao), to_delegators);
		States::<T>::mutate(subdao, |s| s.dnt_minted = s.dnt_minted.saturating_add(minted));
	}

	/// DNT of `subdao` in existence (zero for an unknown subDAO).
	pub fn dnt_supply(subdao: SubDaoId) -> Balance {
		Registry::<T>::get(subdao).map_or(0, |info| T::Assets::total_issuance(info.dnt))
	}

	/// FLY of `subdao`'s treasury that can be paid out (it keeps the existential deposit).
	pub fn treasury_reserve(subdao: SubDaoId) -> Balance {
		T::Currency::reducible_balance(
			&Self::treasury_account(subdao),
			Preservation::Preserve,
			Fortitude::Polite,
		)
	}

	/// FLY paid for redeeming `dnt_amount` DNT from a treasury holding `reserve` (before the cap
	/// and slippage).
	pub(crate) fn redemption_out(
		info: &SubDaoInfoOf<T>,
		reserve: Balance,
		dnt_amount: Balance,
	) -> Result<Balance, Error<T>> {
		let supply = T::Assets::total_issuance(info.dnt.clone());
		curve::redemption_out(reserve, supply, dnt_amount, info.config.curve_k)
			.ok_or(Error::<T>::InsufficientDnt)
	}

	/// The redemption quote for the runtime API.
	pub fn quote_redemption(subdao: SubDaoId, dnt_amount: Balance) -> Option<Balance> {
		let info = Registry::<T>::get(subdao)?;
		Self::redemption_out(&info, Self::treasury_reserve(subdao), dnt_amount).ok()
	}

	pub(crate) fn validate_config(
		schedule: &Schedule<T::MaxScheduleSteps>,
		curve_k: u8,
	) -> Result<(), Error<T>> {
		ensure!(types::is_ordered(schedule), Error::<T>::InvalidSchedule);
		ensure!(curve_k <= curve::MAX_CURVE_K, Error::<T>::InvalidCurve);
		Ok(())
	}

	/// Creates a subDAO with `config` (the admin call's body, also run by genesis): its DNT, and
	/// its state and usage entries.
	pub(crate) fn do_create_subdao(config: SubDaoConfigOf<T>) -> DispatchResult {
		Self::validate_config(&config.emission_schedule, config.curve_k)?;
		Self::validate_roles(None, &config)?;
		let subdao = NextSubDaoId::<T>::get();
		let next = subdao.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let mut ids = SubDaoIds::<T>::get();
		ids.try_push(subdao).map_err(|_| Error::<T>::TooManySubDaos)?;
		let mut usage = DcUsage::<T>::get();
		usage
			.try_push(DcUsageEntry {
				subdao,
				burn_authority: config.burn_authority.clone(),
				dc_burned: 0,
				onboarding_dc_burned: 0,
				usage_value: 0,
			})
			.map_err(|_| Error::<T>::TooManySubDaos)?;
		let dnt = T::DntAssetId::convert(subdao);
		ensure!(!T::Assets::asset_exists(dnt.clone()), Error::<T>::DntUnavailable);
		let min_balance = <T::DntMinBalance as frame_support::traits::Get<Balance>>::get();
		// Not sufficient: a DNT account needs a FLY account (its existential deposit), so dust
		// DNT cannot create accounts for free. The pallet's own DNT accounts get a provider.
		T::Assets::create(dnt.clone(), Self::pool_account(), false, min_balance)?;
		Self::provide_dnt_accounts(subdao);

		Registry::<T>::insert(
			subdao,
			SubDaoInfo { config, dnt: dnt.clone(), redemption_frozen: false },
		);
		SubDaoIds::<T>::put(ids);
		DcUsage::<T>::put(usage);
		NextSubDaoId::<T>::put(next);
		States::<T>::insert(
			subdao,
			SubDaoState {
				ve: VeTotals { last_update: Self::now(), ..Default::default() },
				..Default::default()
			},
		);
		let treasury = Self::treasury_account(subdao);
		Self::deposit_event(Event::SubDaoCreated { subdao, dnt, treasury });
		Ok(())
	}
}
