// SPDX-License-Identifier: Apache-2.0
//! pallet-subdaos: the tokenomics epoch, veFLY and the subDAOs' DNTs and treasuries.

use crate::{governance::TokenomicsAuthority, *};
use flywheel_primitives::SubDaoId;
use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32},
	PalletId,
};
use sp_runtime::{traits::Convert, Perbill};

/// Asset ids from here on belong to subDAO tokens (DNT of subDAO `n` = this + n); governance's
/// `force_create` keeps below it.
pub const DNT_ASSET_ID_BASE: u32 = 1_000_000;

/// DNT asset id of each subDAO.
pub struct DntAssetId;
impl Convert<SubDaoId, u32> for DntAssetId {
	fn convert(subdao: SubDaoId) -> u32 {
		DNT_ASSET_ID_BASE.saturating_add(subdao)
	}
}

parameter_types! {
	pub const SubDaosPalletId: PalletId = PalletId(*b"fly/sdao");
	/// Helium's defaults: EMA over 30 epochs, 6% of DNT to veFLY delegators, V × D × A scoring;
	/// at most 20% of a treasury redeemed per rolling day.
	pub const DefaultSubDaoParams: pallet_subdaos::SubDaoParams = pallet_subdaos::SubDaoParams {
		ema_epochs: 30,
		delegator_share: Perbill::from_percent(6),
		ve_only_scoring: false,
		redemption_window: DAYS,
		redemption_cap: Perbill::from_percent(20),
	};
	pub const UsageValueCap: Perbill = Perbill::from_percent(50);
}

impl pallet_subdaos::Config for Runtime {
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Assets = Assets;
	type DntAssetId = DntAssetId;
	type DataCredits = crate::DataCredits;
	/// The FLY due to a subDAO with no DNT in existence goes to the treasury.
	type NoHolderFlyTo = super::TreasuryAccount;
	type AdminOrigin = TokenomicsAuthority;
	type GovernanceBounds = crate::governance::bounds::SubDaoBounds;
	type PalletId = SubDaosPalletId;
	/// A day in production, two minutes on a dev chain (the chain profile).
	type EpochLength = super::EpochLength;
	type MaxSubDaos = ConstU32<64>;
	type MaxScheduleSteps = ConstU32<16>;
	type MaxNameLength = ConstU32<32>;
	type MaxPositionsPerAccount = ConstU32<16>;
	type MaxClaimEpochs = ConstU32<64>;
	type MaxRewardBatch = ConstU32<128>;
	type MaxPayoutsPerBlock = ConstU32<8>;
	/// A device counts for a month of daily epochs after its onboarding or last attestation.
	type DefaultDeviceActivityEpochs = ConstU32<30>;
	/// A year of daily epoch records; delegator DNT unclaimed after a year goes to device
	/// rewards.
	type EpochRecordHistory = ConstU32<365>;
	/// A veFLY position locks at least 1 FLY.
	type MinLockAmount = ConstU128<FLY>;
	/// A DNT account holds at least 0.001 DNT.
	type DntMinBalance = ConstU128<{ FLY / 1_000 }>;
	type VeBaseline = ConstU32<0>;
	type VeMaxExtra = ConstU32<100>;
	/// Four years of epochs (the chain profile).
	type VeSaturation = super::VeSaturation;
	type DefaultParams = DefaultSubDaoParams;
	/// Three rewards oracles at least (two of them agreeing), as Helium's lazy distributor.
	type MinRewardsOracles = ConstU32<3>;
	/// A rewards escrow pays at most two days of its subDAO's DNT emission a rolling day.
	type RewardsOutflowEpochs = ConstU32<2>;
	/// A subDAO's usage term attracts at most half of what its usage burns were worth: a wash
	/// burn returns at most half its cost.
	type UsageValueCap = UsageValueCap;
	type WeightInfo = pallet_subdaos::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::Tokenomics;
}

/// Issue #33: DNTs are no longer sufficient assets, so dust DNT cannot create accounts without
/// FLY. pallet-subdaos creates new DNTs so and gives its own DNT accounts a provider (its v3
/// migration does so for existing subDAOs); this flips the existing DNTs. Accounts that hold DNT
/// already keep their existence reason; new ones need FLY. Idempotent; O(`MaxSubDaos`).
pub struct DntsNeedAFlyAccount;

impl frame_support::traits::OnRuntimeUpgrade for DntsNeedAFlyAccount {
	fn on_runtime_upgrade() -> frame_support::weights::Weight {
		let ids = pallet_subdaos::SubDaoIds::<Runtime>::get();
		let mut flipped = 0u64;
		for subdao in ids.iter() {
			pallet_assets::Asset::<Runtime>::mutate(DntAssetId::convert(*subdao), |details| {
				if let Some(d) = details.as_mut().filter(|d| d.is_sufficient) {
					d.is_sufficient = false;
					flipped = flipped.saturating_add(1);
				}
			});
		}
		<Runtime as frame_system::Config>::DbWeight::get()
			.reads_writes(1u64.saturating_add(ids.len() as u64), flipped)
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		for subdao in pallet_subdaos::SubDaoIds::<Runtime>::get() {
			let details = pallet_assets::Asset::<Runtime>::get(DntAssetId::convert(subdao))
				.ok_or("a subDAO's DNT is missing")?;
			frame_support::ensure!(!details.is_sufficient, "a DNT is still sufficient");
		}
		Ok(())
	}
}
