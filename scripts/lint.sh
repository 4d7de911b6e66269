#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The CI gates on the code itself (scripts/test.sh runs them; run one alone as
# `scripts/lint.sh fast|clippy|doc`, or all with no argument):
#   fast:   rustfmt --check, an SPDX licence header on every source file, every pallet's weights
#           measured here (or marked as reference weights, with why), the doc links (every
#           relative link and image in README.md, docs/ and the crate READMEs points to a file
#           that exists: scripts/check-links.sh), and zepter's check that the `std`,
#           `runtime-benchmarks` and `try-runtime` features reach every dependency that has them;
#   clippy: cargo clippy --workspace --all-targets with warnings as errors, with the features of
#           the shared build (scripts/env.sh) plus `runtime-benchmarks`, the wasm build skipped:
#           one check of the dependencies lints the try-runtime code, the benchmarks and the
#           benchmark node (`flywheel-node --features runtime-benchmarks`, what
#           scripts/benchmark.sh builds), so that node cannot stop compiling unnoticed;
#   doc:    cargo doc --workspace --no-deps with warnings (broken intra-doc links among them) as
#           errors, same features (it reuses clippy's checked dependencies).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/env.sh"
cd "$root"

ZEPTER_VERSION=1.88.2

spdx() {
	local missing
	missing=$(git ls-files -- '*.rs' '*.mjs' '*.js' '*.sh' '*.py' .ci/run | while read -r f; do
		head -n 3 "$f" | grep -q 'SPDX-License-Identifier: Apache-2.0' || echo "$f"
	done)
	if [ -n "$missing" ]; then
		echo "files without an 'SPDX-License-Identifier: Apache-2.0' header:" >&2
		echo "$missing" >&2
		return 1
	fi
	echo "every source file has its SPDX header"
}

zepter_bin() {
	local bin="$CARGO_TARGET_DIR/tools/bin/zepter"
	if ! "$bin" --version 2>/dev/null | grep -qx "zepter $ZEPTER_VERSION"; then
		cargo install --quiet --locked --root "$CARGO_TARGET_DIR/tools" zepter --version "$ZEPTER_VERSION" >&2
	fi
	echo "$bin"
}

features() {
	"$(zepter_bin)" lint propagate-feature --locked \
		--features std,runtime-benchmarks,try-runtime \
		--left-side-feature-missing=ignore --left-side-outside-workspace=ignore
	echo "features propagate (zepter)"
}

# Every weight the runtime charges is measured on this machine kind (runtime/src/benchmarks.rs,
# scripts/benchmark.sh): each `WeightInfo` of the runtime's pallet configs names a file generated
# here (runtime/src/weights/, a custom pallet's weights.rs or a wrapper of them), never
# polkadot-sdk's reference weights, unless the comment just above says "Reference weights:" and why.
measured_weights() {
	local custom='pallet_(data_credits|subdaos|bonding|inflation|subnets|validator_set)::weights::SubstrateWeight'
	local found
	found=$(git ls-files 'runtime/src/*.rs' | xargs awk -v custom="$custom" '
		FNR == 1 { marked = 0 }
		/WeightInfo = / && $0 !~ /crate::weights::|= weights::/ && $0 !~ custom && !marked {
			print FILENAME ":" FNR ": " $0
		}
		/^[ \t]*\/\// { if ($0 ~ /Reference weights:/) marked = 1; next }
		{ marked = 0 }')
	if [ -n "$found" ]; then
		echo "weights not measured here (benchmark the pallet, or say why in a comment just above):" >&2
		echo "$found" >&2
		return 1
	fi
	echo "every pallet's weights are measured here (or marked as reference weights, with why)"
}

fast() {
	cargo fmt --all --check
	echo "rustfmt: formatted"
	spdx
	measured_weights
	"$root/scripts/check-links.sh"
	features
}

# The shared build's flags and features, plus the benchmarks; no wasm (a check needs none).
lint_flags=("${FLYWHEEL_CARGO_FLAGS[@]}" --features flywheel-node/runtime-benchmarks)

clippy() {
	SKIP_WASM_BUILD=1 cargo clippy "${lint_flags[@]}" --workspace --all-targets -- -D warnings
}

doc() {
	SKIP_WASM_BUILD=1 RUSTDOCFLAGS="-D warnings" cargo doc "${lint_flags[@]}" --workspace --no-deps
}

case "${1:-all}" in
fast) fast ;;
clippy) clippy ;;
doc) doc ;;
all) fast && clippy && doc ;;
*)
	echo "usage: scripts/lint.sh [fast|clippy|doc|all]" >&2
	exit 2
	;;
esac
