//! Weights of pallet-subdaos. PLACEHOLDER until `scripts/benchmark.sh` generates this file from
//! a runtime benchmark run.
#![allow(missing_docs)]
use frame_support::weights::Weight;

pub trait WeightInfo {
	fn create_subdao() -> Weight;
	fn update_subdao() -> Weight;
	fn set_redemption_frozen() -> Weight;
	fn set_params() -> Weight;
	fn onboard_device() -> Weight;
	fn deactivate_device() -> Weight;
	fn lock() -> Weight;
	fn extend() -> Weight;
	fn convert_to_cliff() -> Weight;
	fn unlock() -> Weight;
	fn delegate() -> Weight;
	fn undelegate() -> Weight;
	fn claim_delegation_rewards(e: u32) -> Weight;
	fn redeem() -> Weight;
	fn pay_rewards(n: u32) -> Weight;
	fn on_initialize_idle() -> Weight;
	fn close_epoch(s: u32) -> Weight;
}

impl WeightInfo for () {
	fn create_subdao() -> Weight {
		Weight::zero()
	}
	fn update_subdao() -> Weight {
		Weight::zero()
	}
	fn set_redemption_frozen() -> Weight {
		Weight::zero()
	}
	fn set_params() -> Weight {
		Weight::zero()
	}
	fn onboard_device() -> Weight {
		Weight::zero()
	}
	fn deactivate_device() -> Weight {
		Weight::zero()
	}
	fn lock() -> Weight {
		Weight::zero()
	}
	fn extend() -> Weight {
		Weight::zero()
	}
	fn convert_to_cliff() -> Weight {
		Weight::zero()
	}
	fn unlock() -> Weight {
		Weight::zero()
	}
	fn delegate() -> Weight {
		Weight::zero()
	}
	fn undelegate() -> Weight {
		Weight::zero()
	}
	fn claim_delegation_rewards(_e: u32) -> Weight {
		Weight::zero()
	}
	fn redeem() -> Weight {
		Weight::zero()
	}
	fn pay_rewards(_n: u32) -> Weight {
		Weight::zero()
	}
	fn on_initialize_idle() -> Weight {
		Weight::zero()
	}
	fn close_epoch(_s: u32) -> Weight {
		Weight::zero()
	}
}
