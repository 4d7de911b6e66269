// SPDX-License-Identifier: Apache-2.0
//! A mock runtime: System and the chain profile, with a two-value profile whose default (the
//! "production" one) has a 100-block period and whose rules refuse a zero period or a minimum
//! of validators below one.

use crate as pallet_chain_profile;
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::derive_impl;
use scale_info::TypeInfo;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		ChainProfile: pallet_chain_profile,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// The mock's profile.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	frame_support::Serialize,
	frame_support::Deserialize,
)]
#[serde(crate = "frame_support::__private::serde", rename_all = "camelCase", deny_unknown_fields)]
pub struct TestProfile {
	pub period: u32,
	pub min_validators: u32,
}

/// The production profile of the mock.
pub const PRODUCTION: TestProfile = TestProfile { period: 100, min_validators: 4 };
/// A dev profile of the mock.
pub const DEV: TestProfile = TestProfile { period: 2, min_validators: 1 };

impl Default for TestProfile {
	fn default() -> Self {
		PRODUCTION
	}
}

impl crate::ProfileRules for TestProfile {
	fn check(&self) -> Result<(), &'static str> {
		if self.period == 0 {
			return Err("period is zero");
		}
		if self.min_validators == 0 {
			return Err("min_validators is zero");
		}
		Ok(())
	}
}

impl pallet_chain_profile::Config for Test {
	type Profile = TestProfile;
}

/// Externalities built from a genesis with `profile`.
pub fn new_test_ext(profile: TestProfile) -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		chain_profile: pallet_chain_profile::GenesisConfig { profile },
	}
	.build_storage()
	.expect("a valid genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
