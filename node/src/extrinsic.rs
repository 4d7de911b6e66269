// SPDX-License-Identifier: Apache-2.0
//! Signed extrinsics built by the node itself (benchmark builders, the dev price feed).

use crate::service::FullClient;
use flywheel_runtime as runtime;
use sc_client_api::BlockBackend;
use sp_core::{Encode, Pair};
use sp_runtime::SaturatedConversion;

/// A signed extrinsic of `call` by `sender`, valid from the client's best block on (for the
/// benchmark builders, which exist only in the `runtime-benchmarks` build).
#[cfg(feature = "runtime-benchmarks")]
pub fn signed_extrinsic(
	client: &FullClient,
	sender: sp_core::sr25519::Pair,
	call: runtime::RuntimeCall,
	nonce: u32,
) -> runtime::UncheckedExtrinsic {
	let info = client.chain_info();
	let birth = Some((info.best_hash, info.best_number));
	let version = (runtime::VERSION.spec_version, runtime::VERSION.transaction_version);
	signed_extrinsic_with_era(client, sender, call, nonce, birth, version)
}

/// A signed extrinsic of `call` by `sender`: mortal from the block `birth` (hash, number), or
/// immortal with `None` (its nonce still makes it single-use), signed for the runtime
/// `version` (`spec_version`, `transaction_version`) of the chain it goes to.
pub fn signed_extrinsic_with_era(
	client: &FullClient,
	sender: sp_core::sr25519::Pair,
	call: runtime::RuntimeCall,
	nonce: u32,
	birth: Option<(runtime::Hash, runtime::BlockNumber)>,
	version: (u32, u32),
) -> runtime::UncheckedExtrinsic {
	let genesis_hash = client.block_hash(0).ok().flatten().expect("Genesis block exists; qed");

	let period = runtime::configs::BlockHashCount::get()
		.checked_next_power_of_two()
		.map(|c| c / 2)
		.unwrap_or(2) as u64;
	let (era, era_hash) = match birth {
		Some((hash, number)) => {
			(sp_runtime::generic::Era::mortal(period, number.saturated_into()), hash)
		}
		None => (sp_runtime::generic::Era::Immortal, genesis_hash),
	};
	let tx_ext: runtime::TxExtension = (
		frame_system::AuthorizeCall::<runtime::Runtime>::new(),
		frame_system::CheckNonZeroSender::<runtime::Runtime>::new(),
		runtime::operational::RestrictOperational,
		frame_system::CheckSpecVersion::<runtime::Runtime>::new(),
		frame_system::CheckTxVersion::<runtime::Runtime>::new(),
		frame_system::CheckGenesis::<runtime::Runtime>::new(),
		frame_system::CheckEra::<runtime::Runtime>::from(era),
		frame_system::CheckNonce::<runtime::Runtime>::from(nonce),
		frame_system::CheckWeight::<runtime::Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<runtime::Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<runtime::Runtime>::new(false),
		frame_system::WeightReclaim::<runtime::Runtime>::new(),
	);

	let raw_payload = runtime::SignedPayload::from_raw(
		call.clone(),
		tx_ext.clone(),
		((), (), (), version.0, version.1, genesis_hash, era_hash, (), (), (), None, ()),
	);
	let signature = raw_payload.using_encoded(|e| sender.sign(e));

	runtime::UncheckedExtrinsic::new_signed(
		call,
		sp_runtime::AccountId32::from(sender.public()).into(),
		runtime::Signature::Sr25519(signature),
		tx_ext,
	)
}
