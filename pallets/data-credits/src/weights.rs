//! Weights of pallet-data-credits. PLACEHOLDER until `scripts/benchmark.sh` generates this file.
#![allow(missing_docs)]
use frame_support::weights::Weight;

pub trait WeightInfo {
	fn mint_data_credits() -> Weight;
	fn burn_data_credits() -> Weight;
	fn delegate_data_credits() -> Weight;
	fn burn_delegated_data_credits() -> Weight;
	fn set_price_rules() -> Weight;
	fn set_circuit_breaker() -> Weight;
	fn set_minting_paused() -> Weight;
	fn move_escrow() -> Weight;
}

impl WeightInfo for () {
	fn mint_data_credits() -> Weight {
		Weight::zero()
	}
	fn burn_data_credits() -> Weight {
		Weight::zero()
	}
	fn delegate_data_credits() -> Weight {
		Weight::zero()
	}
	fn burn_delegated_data_credits() -> Weight {
		Weight::zero()
	}
	fn set_price_rules() -> Weight {
		Weight::zero()
	}
	fn set_circuit_breaker() -> Weight {
		Weight::zero()
	}
	fn set_minting_paused() -> Weight {
		Weight::zero()
	}
	fn move_escrow() -> Weight {
		Weight::zero()
	}
}
