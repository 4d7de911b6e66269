// SPDX-License-Identifier: Apache-2.0
fn main() {
	// The wasm never carries try-runtime (the TryRuntime API, the pallets' `try_state`, the full
	// invariant scan): only the native runtime of a `try-runtime` build does, which is what the
	// node's `try-runtime` subcommand and the simulator run. So the tests' build, the dev chain
	// and the release build all make the one wasm that production runs.
	// substrate-wasm-builder passes every `CARGO_FEATURE_*` of this build script to the wasm
	// build; this process's own environment is the only one changed.
	std::env::remove_var("CARGO_FEATURE_TRY_RUNTIME");

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
