#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Regenerates the weights of every custom pallet, and of pallet_balances as the runtime's
# reference, from one real benchmark run of the runtime (wasm, compiled executor) on this machine.
# The runtime is benchmarked the standard way: its wasm and its `local_testnet` genesis preset
# (`--runtime … --genesis-builder=runtime`), not a chain spec. The other upstream pallets keep
# polkadot-sdk's reference weights (runtime/src/benchmarks.rs does not list them).
#
#   bash scripts/benchmark.sh                 # all pallets, 50 steps × 20 repeats
#   STEPS=2 REPEAT=1 bash scripts/benchmark.sh  # quick smoke run (weights not for committing)
#   bash scripts/benchmark.sh pallet_subdaos  # one pallet
#   EXTRINSICS=redeem,claim_rewards bash scripts/benchmark.sh pallet_subdaos  # some calls only:
#       the output then holds only those (merge them into the committed weights by hand)
#
# Outputs: pallets/<name>/src/weights.rs (template scripts/frame-weight-template.hbs) and
# runtime/src/weights/pallet_balances.rs (the CLI's runtime template).
#
# The benchmark node builds into its own target dir, $FLYWHEEL_BENCH_TARGET_DIR (default
# ~/.cache/flywheel-bench-target), so a run never replaces the node or the runtime wasm that the
# tests, the dev chain and the upgrade test use (same paths, other features). Its first build
# there is a cold one (≈ 40 minutes on 2 cores); later ones rebuild what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"

bench_target="${FLYWHEEL_BENCH_TARGET_DIR:-$HOME/.cache/flywheel-bench-target}"
CARGO_TARGET_DIR="$bench_target" cargo build --release --locked -p flywheel-node --features runtime-benchmarks
node="$bench_target/release/flywheel-node"
wasm="$bench_target/release/wbuild/flywheel-runtime/flywheel_runtime.compact.compressed.wasm"
[ -f "$wasm" ] || { echo "no runtime wasm at $wasm" >&2; exit 1; }

# Custom pallets: every crate under pallets/ with benchmarks, named pallet_<dir>.
custom=()
for manifest in pallets/*/Cargo.toml; do
	if grep -q '^frame-benchmarking' "$manifest"; then
		dir=$(basename "$(dirname "$manifest")")
		custom+=("pallet_${dir//-/_}")
	fi
done
selected=("$@")
[ ${#selected[@]} -eq 0 ] && selected=("${custom[@]}" pallet_balances)

bench() { # pallet, output, extra args...
	local pallet=$1 output=$2
	shift 2
	echo "== $pallet -> $output"
	"$node" benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder=runtime \
		--genesis-builder-preset local_testnet \
		--pallet "$pallet" \
		--extrinsic "${EXTRINSICS:-*}" \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--output "$output" \
		--header scripts/file-header.txt \
		"$@"
}

mkdir -p runtime/src/weights
for pallet in "${selected[@]}"; do
	if [ "$pallet" = pallet_balances ]; then
		bench pallet_balances runtime/src/weights/pallet_balances.rs
	else
		dir=${pallet#pallet_}
		dir=${dir//_/-}
		bench "$pallet" "pallets/$dir/src/weights.rs" --template scripts/frame-weight-template.hbs
	fi
done
cargo fmt --all
echo "weights regenerated: ${selected[*]}"
