#!/usr/bin/env bash
# Sets up this machine and runs every test: the cargo tests of every crate (pallets, runtime,
# node, and the chain-spec check), the pallets' benchmark tests, the polkadot.js governance
# end-to-end test against a dev node, and the four-validator zombienet smoke test.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/env.sh"
"$root/scripts/setup.sh" --npm
cd "$root"

step() { printf '\n==> %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

step "cargo tests of every crate (builds the node too)"
cargo test "${FLYWHEEL_CARGO_FLAGS[@]}" --workspace

step "pallet benchmark tests (runtime-benchmarks feature)"
pallets=()
for manifest in pallets/*/Cargo.toml; do
	# Every pallet with benchmarks (frame-benchmarking as a dependency).
	if grep -q '^frame-benchmarking' "$manifest"; then
		pallets+=(-p "$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -n 1)")
	fi
done
cargo test --release --locked "${pallets[@]}" --features runtime-benchmarks

step "governance and tokenomics end to end (polkadot.js against flywheel-node --dev)"
(cd zombienet && node --test --test-concurrency=1 --test-reporter=spec governance.test.mjs tokenomics.test.mjs)

step "zombienet smoke test (four validators)"
"$root/scripts/zombienet.sh" test

step "all tests passed"
