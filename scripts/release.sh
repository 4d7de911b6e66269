#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the release runtime reproducibly and prints the hash `system.authorizeUpgrade` takes:
# the blake2-256 of the compressed wasm, the same on any machine that builds the same commit.
#
#   scripts/release.sh            # build; print spec_version, the wasm's path and its hash
#   scripts/release.sh --verify 0x<hash>
#                                 # build, then fail unless the wasm hashes to <hash> (what a
#                                 # voter runs against a proposal's authorizeUpgrade hash)
#
# What makes it reproducible:
# - it builds the committed source of HEAD (`git archive`, so no uncommitted change gets in) at
#   one fixed path, /tmp/flywheel-release/src, with its target dir beside it: the absolute path
#   of every workspace crate enters cargo's per-crate hash (the wasm project's workspace is in the
#   target dir, outside the checkout), which orders the linked wasm, so two checkouts at two
#   paths would otherwise link two different wasms (seen: /tmp/relA and /srv/other/relB);
# - the toolchain is rust-toolchain.toml's (pinned) and the dependencies Cargo.lock's (--locked);
# - every absolute path a build could embed in the wasm (panic locations, file!()) is remapped
#   to a fixed name: the source to /flywheel, cargo's home (registry and git sources) to /cargo,
#   the toolchain's sysroot (the standard library's sources) to /rust, and the target dir to
#   /target (WASM_BUILD_RUSTFLAGS reaches the wasm build's rustc);
# - the wasm is built in the `production` profile (lto, one codegen unit) with the
#   `metadata-hash` feature only (the tests' build adds `try-runtime`, which runtime/build.rs
#   keeps out of the wasm; no feature sets a chain's periods, its genesis chain profile does);
# - `cargo check` runs the runtime's build script, which builds the wasm in full; the native
#   runtime is only checked, not compiled, since the release is the wasm alone.
# One release build at a time on a machine (they share the fixed path).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

expected=
case "${1:-}" in
"") ;;
--verify)
	expected="${2:-}"
	[[ "$expected" =~ ^0x[0-9a-f]{64}$ ]] || {
		echo "usage: scripts/release.sh --verify 0x<64 hex digits: the proposal's code hash>" >&2
		exit 2
	}
	;;
*)
	echo "usage: scripts/release.sh [--verify 0x<hash>]" >&2
	exit 2
	;;
esac

command -v b2sum >/dev/null || { echo "release: b2sum (GNU coreutils) is needed" >&2; exit 1; }
base=/tmp/flywheel-release
src="$base/src"
target="$base/target"
commit=$(git -C "$root" rev-parse HEAD)
rm -rf "$src"
mkdir -p "$src" "$target"
git -C "$root" archive --format=tar "$commit" | tar -x -C "$src"
cd "$src"
cargo_home="$(cd "${CARGO_HOME:-$HOME/.cargo}" && pwd)"
sysroot="$(rustc --print sysroot)"

remap="--remap-path-prefix=$src=/flywheel --remap-path-prefix=$cargo_home=/cargo"
remap+=" --remap-path-prefix=$sysroot=/rust --remap-path-prefix=$target=/target"

WASM_BUILD_RUSTFLAGS="$remap" CARGO_TARGET_DIR="$target" \
	cargo check --profile production --locked -p flywheel-runtime --features metadata-hash

wasm="$target/production/wbuild/flywheel-runtime/flywheel_runtime.compact.compressed.wasm"
[ -f "$wasm" ] || { echo "release: no wasm at $wasm" >&2; exit 1; }
spec_version=$(sed -n 's/^\s*spec_version: \([0-9]*\),.*/\1/p' runtime/src/lib.rs | head -n 1)
hash="0x$(b2sum -l 256 "$wasm" | cut -d' ' -f1)"
# The uncompressed wasm beside it, where a path would be readable.
embedded=$(grep -c -a -F -e "$src" -e "$root" -e "$cargo_home" -e "$sysroot" \
	"${wasm%.compressed.wasm}.wasm" || true)
if [ "$embedded" != 0 ]; then
	echo "release: the wasm still embeds a local path (checkout, cargo home or toolchain)" >&2
	exit 1
fi

echo "commit       $commit"
echo "spec_version $spec_version"
echo "wasm         $wasm ($(stat -c %s "$wasm") bytes)"
echo "blake2-256   $hash"
if [ -n "$expected" ]; then
	if [ "$hash" != "$expected" ]; then
		echo "release: MISMATCH: this commit's wasm hashes to $hash, the proposal's to $expected" >&2
		exit 1
	fi
	echo "release: the proposal's hash is this commit's wasm"
fi
