// SPDX-License-Identifier: Apache-2.0
#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` does a lot of recursion and requires us to increase the limit.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod governance;
pub mod operational;
#[cfg(test)]
mod tests;
pub mod tokenomics_api;
pub mod weights;

use alloc::vec::Vec;
use sp_runtime::{generic, impl_opaque_keys, traits::BlakeTwo256};
use sp_version::RuntimeVersion;

pub use flywheel_primitives::{
	AccountId, Balance, BlockNumber, Hash, Nonce, Signature, FLY, MICRO_FLY, MILLI_FLY,
};
pub use frame_support::traits::EnsureOrigin;
pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use sp_consensus_aura::sr25519::AuthorityId as AuraId;
pub use sp_consensus_grandpa::AuthorityId as GrandpaId;

/// Opaque types: what the node needs to know about the runtime without its concrete types.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;

	impl_opaque_keys! {
		pub struct SessionKeys {
			pub aura: super::Aura,
			pub grandpa: super::Grandpa,
		}
	}
}
pub use opaque::SessionKeys;

#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("flywheel"),
	impl_name: alloc::borrow::Cow::Borrowed("flywheel"),
	authoring_version: 1,
	// Bump on every change of runtime logic; a runtime upgrade needs a higher spec_version.
	spec_version: 120,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 13,
	system_version: 1,
};

/// Block time: one block every 6 seconds.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Aura slot duration equals the block time.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

// Time in blocks.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// Existential deposit: 0.01 FLY, small enough for any real user, large enough to price dust
/// accounts out of state.
pub const EXISTENTIAL_DEPOSIT: Balance = 10 * MILLI_FLY;

/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// The address format for describing accounts.
pub type Address = sp_runtime::MultiAddress<AccountId, ()>;

/// The transaction extensions that every signed transaction carries.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	// The operational class only for feeders' feeds, committee members' motions and sudo.
	operational::RestrictOperational,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run on the next runtime upgrade. Each is versioned: it runs only while
/// its pallet's stored version is the one it migrates from, so a second upgrade skips it.
type Migrations = (
	// The incentive-integrity release: subnet emission, stake cohorts, activity cutoff.
	pallet_subnets::migrations::v1::MigrateToV1<Runtime>,
	// Incentive integrity III: stake counts only on live neurons; one coldkey per hotkey.
	pallet_subnets::migrations::v2::MigrateToV2<Runtime>,
	// Operator terms locked before they pay; rewards compound and bonds mature.
	pallet_bonding::migrations::v1::MigrateToV1<Runtime>,
	pallet_bonding::migrations::v2::MigrateToV2<Runtime>,
	// Incentive integrity III: only candidates hold operator slots.
	pallet_bonding::migrations::v3::MigrateToV3<Runtime>,
	// veFLY delegations count from the next epoch.
	pallet_subdaos::migrations::v1::MigrateToV1<Runtime>,
	// Incentive integrity II: devices count while attested; the price needs a quorum.
	pallet_subdaos::migrations::v2::MigrateToV2<Runtime>,
	pallet_data_credits::migrations::v1::MigrateToV1<Runtime>,
	// Trust minimisation: device rewards by a quorum of oracles; usage valued for its cap.
	pallet_subdaos::migrations::v3::MigrateToV3<Runtime>,
	configs::subdaos::DntsNeedAFlyAccount,
	// Validators under governance: the fixed authorities become the session's validator set.
	pallet_validator_set::migrations::init::InitialiseFromAuthorities<
		Runtime,
		configs::AuthoritiesAsValidators,
	>,
	// Validators answer for what they do: each holds its deposit.
	pallet_validator_set::migrations::v1::MigrateToV1<Runtime>,
	// An offence episode is slashed once, at its highest fraction.
	pallet_validator_set::migrations::v2::MigrateToV2<Runtime>,
	// The current GRANDPA set's equivocations are provable from the upgrade on.
	configs::validators::GrandpaSessionOfCurrentSet,
);

/// Executive: handles dispatch to the various pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// System and consensus.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	// Genesis and hooks run in pallet-index order, not in the order written here: Aura and
	// GRANDPA (2, 3) get their authorities from the session's genesis (5) through its session
	// handler, and the chain profile (6) is built after the validator set (4), which therefore
	// leaves its minimum to `try_state`. Every pallet that reads a period at genesis comes
	// after the profile.
	#[runtime::pallet_index(4)]
	pub type ValidatorSet = pallet_validator_set;
	#[runtime::pallet_index(5)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(6)]
	pub type ChainProfile = pallet_chain_profile;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;
	// Equivocation reports: the block's author (the reporter), the sessions' historical roots
	// (key-ownership proofs) and the offences they prove.
	#[runtime::pallet_index(7)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(8)]
	pub type Historical = pallet_session::historical;
	#[runtime::pallet_index(9)]
	pub type Offences = pallet_offences;

	// Money.
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(12)]
	pub type Vesting = pallet_vesting;
	#[runtime::pallet_index(13)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(14)]
	pub type Treasury = pallet_treasury;

	// Account utilities.
	#[runtime::pallet_index(20)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(21)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(22)]
	pub type Multisig = pallet_multisig;
	#[runtime::pallet_index(23)]
	pub type Proxy = pallet_proxy;

	// Governance (OpenGov).
	#[runtime::pallet_index(30)]
	pub type Scheduler = pallet_scheduler;
	#[runtime::pallet_index(31)]
	pub type Preimage = pallet_preimage;
	#[runtime::pallet_index(32)]
	pub type Referenda = pallet_referenda;
	#[runtime::pallet_index(33)]
	pub type ConvictionVoting = pallet_conviction_voting;
	#[runtime::pallet_index(34)]
	pub type Origins = governance::origins;
	#[runtime::pallet_index(35)]
	pub type Parameters = pallet_parameters;
	#[runtime::pallet_index(36)]
	pub type TechnicalCommittee = pallet_collective<Instance1>;
	#[runtime::pallet_index(37)]
	pub type TxPause = pallet_tx_pause;

	// Tokenomics.
	#[runtime::pallet_index(40)]
	pub type OracleFeeders = pallet_membership<Instance1>;
	#[runtime::pallet_index(41)]
	pub type Oracle = pallet_oracle;
	#[runtime::pallet_index(42)]
	pub type DataCredits = pallet_data_credits;
	#[runtime::pallet_index(43)]
	pub type SubDaos = pallet_subdaos;
	#[runtime::pallet_index(44)]
	pub type Bonding = pallet_bonding;
	#[runtime::pallet_index(45)]
	pub type Inflation = pallet_inflation;
	#[runtime::pallet_index(46)]
	pub type Subnets = pallet_subnets;
}
