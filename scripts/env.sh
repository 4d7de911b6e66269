# Sourced by the scripts: one persistent cargo target dir outside the work tree, shared by the
# dev chain, the tests and CI, so nothing is built twice.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/flywheel-target}"
export FLYWHEEL_NODE="${FLYWHEEL_NODE:-$CARGO_TARGET_DIR/release/flywheel-node}"
# The node, the dev chain and the end-to-end tests use one build: release, fast-runtime governance.
FLYWHEEL_CARGO_FLAGS=(--release --locked --features flywheel-node/fast-runtime)
