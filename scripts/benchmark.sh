#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Regenerates the weights of every custom pallet, of every upstream pallet the runtime charges
# (runtime/src/benchmarks.rs lists them; pallet-session's two calls are the exception), of the
# transaction extensions (frame_system_extensions, pallet_transaction_payment) and the block's
# and a transaction's base weights (`benchmark overhead`), from real benchmark runs of the
# runtime (wasm, compiled executor) on this machine.
# The runtime is benchmarked the standard way: its wasm and its `local_testnet` genesis preset
# (`--runtime … --genesis-builder=runtime`), not a chain spec.
#
#   bash scripts/benchmark.sh                 # all pallets, 50 steps × 20 repeats
#   STEPS=2 REPEAT=1 bash scripts/benchmark.sh  # quick smoke run (weights not for committing)
#   bash scripts/benchmark.sh pallet_subdaos  # one pallet
#   bash scripts/benchmark.sh overhead        # block and extrinsic base weights only
#   STORAGE_DB=DIR bash scripts/benchmark.sh storage  # ParityDB's read and write, measured on the
#       state of a dev node's database DIR, e.g. the one
#       `bash scripts/throughput.sh 40000 new-accounts --base-path DIR --no-follower` leaves
#       (80,000 accounts, 80,209 keys; 4 minutes); not in the default list
#   EXTRINSICS=redeem,claim_rewards bash scripts/benchmark.sh pallet_subdaos  # some calls only:
#       the output then holds only those (merge them into the committed weights by hand)
#
# Outputs: pallets/<name>/src/weights.rs (template scripts/frame-weight-template.hbs) and, with
# the CLI's runtime template, runtime/src/weights/<pallet>.rs for the upstream ones; `overhead` writes runtime/src/weights/{block,extrinsic}_weights.rs
# (a dev chain's blocks of `system.remark`s, 100 runs each).
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
runtime_pallets=(frame_system pallet_balances frame_system_extensions pallet_transaction_payment
	pallet_timestamp pallet_vesting pallet_assets pallet_treasury pallet_sudo
	pallet_utility pallet_multisig pallet_proxy pallet_scheduler pallet_preimage pallet_referenda
	pallet_conviction_voting pallet_parameters pallet_collective
	pallet_membership pallet_oracle)
[ ${#selected[@]} -eq 0 ] && selected=("${custom[@]}" "${runtime_pallets[@]}" overhead)

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
	if [ "$pallet" = storage ]; then
		db="${STORAGE_DB:?storage needs STORAGE_DB=<the --base-path of a stopped dev node>}"
		echo "== storage ($db) -> runtime/src/weights/paritydb_weights.rs"
		# Batches of 2,500 keys: about what a full block of transfers writes, each batch's
		# storage root included in its writes' time.
		"$node" benchmark storage --dev --base-path "$db" --state-version 1 --warmups 1 \
			--batch-size 2500 --weight-path runtime/src/weights --header scripts/file-header.txt
	elif [ "$pallet" = overhead ]; then
		echo "== overhead -> runtime/src/weights/{block,extrinsic}_weights.rs"
		"$node" benchmark overhead --chain dev --weight-path runtime/src/weights \
			--header scripts/file-header.txt
	elif [[ " ${runtime_pallets[*]} " == *" $pallet "* ]]; then
		bench "$pallet" "runtime/src/weights/$pallet.rs"
	else
		dir=${pallet#pallet_}
		dir=${dir//_/-}
		bench "$pallet" "pallets/$dir/src/weights.rs" --template scripts/frame-weight-template.hbs
	fi
done
cargo fmt --all
echo "weights regenerated: ${selected[*]}"
