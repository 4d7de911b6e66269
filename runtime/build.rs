// SPDX-License-Identifier: Apache-2.0
fn main() {
	// With `metadata-hash` (the release and test builds, scripts/env.sh) the wasm is built twice:
	// once to read its metadata, then again with the metadata's merkle root compiled in, which
	// `CheckMetadataHash` adds to what a signer in mode 1 signs (RFC-0078: the token symbol and
	// decimals are part of the hash).
	#[cfg(all(feature = "std", feature = "metadata-hash"))]
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("FLY", 12)
		.build();

	#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
