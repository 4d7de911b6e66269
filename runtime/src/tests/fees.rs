// SPDX-License-Identifier: Apache-2.0
//! Fees price the chain's space and time: each figure the runtime README states is computed
//! here from the runtime's own configuration (`configs::WeightToFee`, `LengthToFee`, the block
//! limits and the fee multiplier's settings), with real signed extrinsics.

use super::*;
use codec::Encode;
use frame_support::{
	dispatch::{DispatchClass, GetDispatchInfo},
	weights::Weight,
};
use pallet_transaction_payment::{Multiplier, NextFeeMultiplier};
use sp_runtime::{generic::Era, traits::Convert, Saturating};

/// `call` signed by Alice as a wallet signs it (mortal era, nonce, no tip, no metadata hash).
fn signed(call: RuntimeCall) -> UncheckedExtrinsic {
	let alice = Sr25519Keyring::Alice;
	let tx_ext: TxExtension = (
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		crate::operational::RestrictOperational,
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::mortal(256, 1)),
		frame_system::CheckNonce::<Runtime>::from(7),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	// The signed implicit data (versions, genesis and birth block hashes); no fee depends on it.
	let implicit = (
		(),
		(),
		(),
		VERSION.spec_version,
		VERSION.transaction_version,
		Hash::default(),
		Hash::default(),
		(),
		(),
		(),
		None,
		(),
	);
	let payload = SignedPayload::from_raw(call.clone(), tx_ext.clone(), implicit);
	let signature = payload.using_encoded(|bytes| alice.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		alice.to_account_id().into(),
		Signature::Sr25519(signature),
		tx_ext,
	)
}

/// What `xt` pays (no tip) at the multiplier the chain holds now.
fn fee_of(xt: &UncheckedExtrinsic) -> Balance {
	let len = xt.encoded_size() as u32;
	TransactionPayment::compute_fee(len, &xt.get_dispatch_info(), 0)
}

/// The multiplier's floor: what a quiet chain charges.
fn at_floor() {
	NextFeeMultiplier::<Runtime>::put(configs::MinimumMultiplier::get());
}

fn transfer() -> UncheckedExtrinsic {
	signed(RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: Sr25519Keyring::Bob.to_account_id().into(),
		value: FLY,
	}))
}

/// A signed `remark` of `bytes` bytes.
fn remark(bytes: usize) -> UncheckedExtrinsic {
	signed(RuntimeCall::System(frame_system::Call::remark { remark: vec![0u8; bytes] }))
}

/// The largest `remark` whose signed extrinsic fits a block's normal class by length.
fn block_filling_remark() -> UncheckedExtrinsic {
	let normal_max = *configs::RuntimeBlockLength::get().max.get(DispatchClass::Normal);
	let overhead = remark(0).encoded_size() as u32;
	// Two compact length prefixes, the remark's and the extrinsic's, grow from 1 to 4 bytes at
	// this size.
	let xt = remark((normal_max - overhead - 6) as usize);
	assert!(xt.encoded_size() as u32 <= normal_max, "the remark fits the normal class");
	assert!(xt.encoded_size() as u32 + 8 > normal_max, "and fills it");
	xt
}

#[test]
fn the_multiplier_never_falls_below_one() {
	assert_eq!(configs::MinimumMultiplier::get(), Multiplier::from_u32(1));
	local_ext().execute_with(|| {
		// A new chain starts at the floor.
		assert_eq!(NextFeeMultiplier::<Runtime>::get(), configs::MinimumMultiplier::get());
		// Empty blocks keep it there.
		frame_system::BlockWeight::<Runtime>::kill();
		let next = configs::SlowAdjustingFeeUpdate::<Runtime>::convert(Multiplier::from_u32(1));
		assert_eq!(next, configs::MinimumMultiplier::get());
	});
}

#[test]
fn a_transfer_costs_about_a_hundredth_of_a_fly() {
	local_ext().execute_with(|| {
		at_floor();
		let xt = transfer();
		let fee = fee_of(&xt);
		println!(
			"transfer_keep_alive: {} bytes, weight {} ps, fee {} planck ({:.4} FLY)",
			xt.encoded_size(),
			xt.get_dispatch_info().total_weight().ref_time(),
			fee,
			fee as f64 / FLY as f64
		);
		assert!(fee >= 5 * FLY / 1_000, "a transfer costs {fee} planck, under 0.005 FLY");
		assert!(fee <= 20 * FLY / 1_000, "a transfer costs {fee} planck, over 0.02 FLY");
	});
}

#[test]
fn a_byte_of_block_space_costs_at_least_a_micro_fly() {
	assert!(TransactionPayment::length_to_fee(1) >= MICRO_FLY);
	local_ext().execute_with(|| {
		at_floor();
		// The length fee is charged on top of what the same call costs without the bytes.
		let empty = fee_of(&remark(0));
		let kib = fee_of(&remark(1024));
		assert!(kib - empty >= 1024 * MICRO_FLY, "1 KiB more costs {} planck", kib - empty);
	});
}

#[test]
fn filling_every_blocks_length_for_a_day_costs_at_least_50_000_fly() {
	local_ext().execute_with(|| {
		at_floor();
		let xt = block_filling_remark();
		let per_block = fee_of(&xt);
		let per_day = per_block.saturating_mul(DAYS as Balance);
		println!(
			"a {}-byte remark filling a block's normal class costs {:.2} FLY; a day of them {:.0} FLY",
			xt.encoded_size(),
			per_block as f64 / FLY as f64,
			per_day as f64 / FLY as f64
		);
		assert!(per_day >= 50_000 * FLY, "a day of full blocks costs {per_day} planck");
	});
}

#[test]
fn the_multiplier_doubles_within_a_few_hours_of_full_blocks() {
	local_ext().execute_with(|| {
		let weights = configs::RuntimeBlockWeights::get();
		let normal_max = weights.get(DispatchClass::Normal).max_total.expect("a normal limit");
		let floor = configs::MinimumMultiplier::get();
		let full_block = || {
			frame_system::BlockWeight::<Runtime>::mutate(|w| {
				w.set(normal_max, DispatchClass::Normal);
				w.set(Weight::zero(), DispatchClass::Operational);
				w.set(Weight::zero(), DispatchClass::Mandatory);
			})
		};
		let (mut multiplier, mut blocks) = (floor, 0u32);
		while multiplier < floor.saturating_mul(Multiplier::from_u32(2)) {
			full_block();
			multiplier = configs::SlowAdjustingFeeUpdate::<Runtime>::convert(multiplier);
			blocks += 1;
			assert!(blocks <= 4 * HOURS, "not doubled after 4 hours of full blocks");
		}
		println!(
			"the multiplier doubled after {blocks} full blocks ({:.2} h)",
			blocks as f64 / HOURS as f64
		);
		assert!(
			blocks >= HOURS,
			"doubled in {blocks} blocks: a single burst should not spike fees"
		);

		// Empty blocks take it back to the floor, and no further.
		frame_system::BlockWeight::<Runtime>::kill();
		let mut back = 0u32;
		while multiplier > floor {
			multiplier = configs::SlowAdjustingFeeUpdate::<Runtime>::convert(multiplier);
			back += 1;
			assert!(back <= DAYS, "still above the floor after a day of empty blocks");
		}
		assert_eq!(multiplier, floor);
	});
}
