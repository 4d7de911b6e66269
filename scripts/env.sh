# SPDX-License-Identifier: Apache-2.0
# Sourced by the scripts: one persistent cargo target dir outside the work tree, shared by the
# dev chain, the tests and CI, so nothing is built twice.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/flywheel-target}"
export FLYWHEEL_NODE="${FLYWHEEL_NODE:-$CARGO_TARGET_DIR/release/flywheel-node}"
# The node, the dev chain and the end-to-end tests use one build: release, with try-runtime (the
# node's `try-runtime` subcommand and the native runtime's checks; runtime/build.rs keeps it out
# of the wasm) and metadata-hash (the wasm carries its metadata hash). The wasm is the one
# production runs: a dev chain's short periods come from its genesis preset (the chain profile).
# One feature set, so the tests, the dev chain and the upgrade checks compile everything once.
FLYWHEEL_CARGO_FLAGS=(--release --locked
	--features flywheel-node/try-runtime,flywheel-node/metadata-hash)

# Builds the node and every workspace crate it needs. Always `--workspace`, as the tests'
# `cargo test --workspace` is: cargo then unifies the same features for every shared crate (the
# workspace adds no test-only feature to them), so the dev chain after the tests, or the tests
# after the dev chain, compile nothing again. `scripts/test.sh` checks that.
flywheel_build() {
	cargo build "${FLYWHEEL_CARGO_FLAGS[@]}" --workspace "$@"
}
