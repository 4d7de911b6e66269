//! Weights of polkadot-sdk pallets measured in this runtime by `scripts/benchmark.sh`. The custom
//! pallets keep theirs in their own `weights.rs`.

pub mod pallet_balances;
