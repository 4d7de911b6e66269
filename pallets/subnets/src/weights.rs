//! Weights for `pallet_subnets`.
//!
//! PLACEHOLDER: the pallet is not in the runtime yet, so no benchmark run has measured it. The
//! `()` implementation (zero) is for the mock runtime only; `scripts/benchmark.sh` generates the
//! real `SubstrateWeight` once the runtime includes the pallet (issue #6).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(missing_docs)]

use frame_support::weights::Weight;

/// Weight functions of `pallet_subnets`.
pub trait WeightInfo {
	/// `p`: neurons of the pruned subnet (0 when none is pruned).
	fn register_network(p: u32) -> Weight;
	/// `n`: neurons of the dissolved subnet.
	fn dissolve_network(n: u32) -> Weight;
	fn set_hyperparameters() -> Weight;
	fn set_global_params() -> Weight;
	/// `n`: neurons of the subnet (scanned for a replacement when full).
	fn register_neuron(n: u32) -> Weight;
	fn add_stake() -> Weight;
	fn remove_stake() -> Weight;
	/// `n`: neurons of the subnet.
	fn set_take(n: u32) -> Weight;
	/// `w`: weights set.
	fn set_weights(w: u32) -> Weight;
	/// `n`: neurons of the subnet.
	fn claim_emission(n: u32) -> Weight;
	fn claim_unclaimed() -> Weight;
	fn claim_dividends() -> Weight;
	/// A block with no epoch due, `s` subnets registered.
	fn on_initialize_idle(s: u32) -> Weight;
	/// One epoch of a subnet with `n` neurons and `v` validators (dense weights).
	fn epoch(n: u32, v: u32) -> Weight;
	/// Sharing the pool's emission among `s` subnets.
	fn share_emission(s: u32) -> Weight;
}

impl WeightInfo for () {
	fn register_network(_p: u32) -> Weight { Weight::zero() }
	fn dissolve_network(_n: u32) -> Weight { Weight::zero() }
	fn set_hyperparameters() -> Weight { Weight::zero() }
	fn set_global_params() -> Weight { Weight::zero() }
	fn register_neuron(_n: u32) -> Weight { Weight::zero() }
	fn add_stake() -> Weight { Weight::zero() }
	fn remove_stake() -> Weight { Weight::zero() }
	fn set_take(_n: u32) -> Weight { Weight::zero() }
	fn set_weights(_w: u32) -> Weight { Weight::zero() }
	fn claim_emission(_n: u32) -> Weight { Weight::zero() }
	fn claim_unclaimed() -> Weight { Weight::zero() }
	fn claim_dividends() -> Weight { Weight::zero() }
	fn on_initialize_idle(_s: u32) -> Weight { Weight::zero() }
	fn epoch(_n: u32, _v: u32) -> Weight { Weight::zero() }
	fn share_emission(_s: u32) -> Weight { Weight::zero() }
}
