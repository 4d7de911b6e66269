// SPDX-License-Identifier: Apache-2.0
//! `TokenomicsApi`: the economy's health per epoch for dashboards, and the tokenomics pallets'
//! invariants for tests and operators (the same checks `try-runtime` runs, without that build).

use crate::{Assets, Balance, DataCredits, Inflation, Runtime, SubDaos, Subnets};
use alloc::{format, vec::Vec};
use codec::{Decode, Encode};
use flywheel_primitives::SubDaoId;
use frame_support::traits::fungibles::Inspect as _;
use scale_info::TypeInfo;
use sp_runtime::{FixedPointNumber, FixedU128, Perbill};

/// What one epoch did to the FLY supply.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct EpochHealth {
	/// The epoch (`block / EpochLength`, the subDAO and Data Credits epoch).
	pub epoch: u32,
	/// Whether it has closed (else it is the current epoch, so far).
	pub closed: bool,
	/// Total FLY issuance at its close, or now for the current epoch.
	pub issuance: Balance,
	/// FLY minted by inflation rounds started in it.
	pub fly_minted: Balance,
	/// FLY burned to mint Data Credits in it.
	pub fly_burned: Balance,
	/// Burn-to-issuance ratio: FLY burned ÷ FLY newly issued (minted); above 1 the supply
	/// shrinks. `None` when nothing was minted.
	pub burn_to_issuance: Option<FixedU128>,
	/// DC minted in it.
	pub dc_minted: u128,
	/// DC burned in it.
	pub dc_burned: u128,
}

/// One subDAO's treasury against its token supply: what a DNT redeems for, at most.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct TreasuryHealth {
	pub subdao: SubDaoId,
	/// FLY in the treasury that redemptions can pay.
	pub treasury_fly: Balance,
	/// DNT in circulation.
	pub dnt_supply: Balance,
	/// `treasury_fly / dnt_supply` (`None` while no DNT exists).
	pub fly_per_dnt: Option<FixedU128>,
}

/// The health summary now.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct TokenomicsHealth {
	/// The current epoch so far.
	pub current_epoch: EpochHealth,
	/// FLY bonded to operators and staked on subnets ÷ issuance.
	pub bonded_ratio: Perbill,
	/// The inflation rate per round in force.
	pub rate_per_round: Perbill,
	/// Every subDAO's treasury FLY per DNT.
	pub treasuries: Vec<TreasuryHealth>,
}

sp_api::decl_runtime_apis! {
	/// The validators' liveness, for operators and governance.
	pub trait ValidatorApi {
		/// The validators of the last session that authored no block in it, each with the
		/// sessions in a row it has authored none (pallet-validator-set's liveness; at
		/// `OfflineSessions` it was reported with `ValidatorOffline`).
		fn offline_validators() -> Vec<(crate::AccountId, u32)>;
	}

	/// The tokenomics health summary and invariant check.
	pub trait TokenomicsApi {
		/// The current epoch so far, the bonded ratio and each treasury's FLY per DNT.
		fn health() -> TokenomicsHealth;
		/// `epoch` if it is the current one or a closed one still in history (the last 30).
		fn epoch_health(epoch: u32) -> Option<EpochHealth>;
		/// Checks the invariants (`try_state`) of every tokenomics pallet; returns one
		/// `"Pallet: error"` line per failure, nothing when all hold. It walks every map, so it
		/// is compiled only into the native runtime of a `try-runtime` build (the simulator, the
		/// node's `try-runtime` subcommand): the wasm, which every chain runs, answers `None` at
		/// once, and a public RPC node cannot be made to walk its state.
		fn check_invariants() -> Option<Vec<Vec<u8>>>;
	}
}

/// The health of `epoch`: the current one from the ledger, a closed one from history.
pub fn epoch_health(epoch: u32) -> Option<EpochHealth> {
	let ledger = pallet_data_credits::Ledger::<Runtime>::get();
	if epoch == ledger.epoch {
		return Some(current_epoch_health(&ledger));
	}
	let totals = (epoch < ledger.epoch)
		.then(|| pallet_data_credits::EpochTotalsOf::<Runtime>::try_get(epoch).ok())
		.flatten()?;
	Some(summary(epoch, true, totals.issuance_at_close, totals))
}

/// The current epoch so far, with the issuance now.
fn current_epoch_health(ledger: &pallet_data_credits::DcLedger) -> EpochHealth {
	let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
	summary(ledger.epoch, false, issuance, ledger.epoch_totals)
}

fn summary(
	epoch: u32,
	closed: bool,
	issuance: Balance,
	totals: pallet_data_credits::EpochTotals,
) -> EpochHealth {
	EpochHealth {
		epoch,
		closed,
		issuance,
		fly_minted: totals.fly_minted,
		fly_burned: totals.fly_burned,
		burn_to_issuance: FixedU128::checked_from_rational(totals.fly_burned, totals.fly_minted),
		dc_minted: totals.dc_minted,
		dc_burned: totals.dc_burned,
	}
}

/// Every subDAO's treasury against its DNT supply.
fn treasuries() -> Vec<TreasuryHealth> {
	pallet_subdaos::SubDaoIds::<Runtime>::get()
		.into_iter()
		.filter_map(|subdao| {
			let info = pallet_subdaos::Registry::<Runtime>::get(subdao)?;
			let treasury_fly = SubDaos::treasury_reserve(subdao);
			let dnt_supply = Assets::total_issuance(info.dnt);
			let fly_per_dnt = FixedU128::checked_from_rational(treasury_fly, dnt_supply);
			Some(TreasuryHealth { subdao, treasury_fly, dnt_supply, fly_per_dnt })
		})
		.collect()
}

/// The summary now.
pub fn health() -> TokenomicsHealth {
	TokenomicsHealth {
		current_epoch: current_epoch_health(&pallet_data_credits::Ledger::<Runtime>::get()),
		bonded_ratio: Inflation::bonded_ratio(),
		rate_per_round: pallet_inflation::Rate::<Runtime>::get(),
		treasuries: treasuries(),
	}
}

/// Runs every tokenomics pallet's invariants (the node's native try-runtime build only, see the
/// API).
#[cfg(any(feature = "try-runtime", test))]
pub fn check_invariants() -> Option<Vec<Vec<u8>>> {
	Some(invariant_failures())
}

/// A production build does not walk its state for an RPC caller.
#[cfg(not(any(feature = "try-runtime", test)))]
pub fn check_invariants() -> Option<Vec<Vec<u8>>> {
	None
}

/// A pallet's `try_state` checks.
type InvariantCheck = fn() -> Result<(), sp_runtime::TryRuntimeError>;

/// Every tokenomics pallet's invariant failures, one `"Pallet: error"` line each.
pub fn invariant_failures() -> Vec<Vec<u8>> {
	let checks: [(&str, InvariantCheck); 5] = [
		("DataCredits", DataCredits::do_try_state),
		("SubDaos", SubDaos::do_try_state),
		("Bonding", crate::Bonding::do_try_state),
		("Inflation", Inflation::do_try_state),
		("Subnets", Subnets::do_try_state),
	];
	checks
		.into_iter()
		.filter_map(|(pallet, check)| {
			check().err().map(|e| format!("{pallet}: {e:?}").into_bytes())
		})
		.collect()
}
