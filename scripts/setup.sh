#!/usr/bin/env bash
# Installs what building and testing Flywheel needs on a fresh Debian/Ubuntu machine:
# system packages (a C/C++ toolchain for the -sys crates' build scripts, pkg-config and
# libssl-dev for the system OpenSSL (see .cargo/config.toml), protobuf-compiler for the
# networking crates' protobuf code), the wasm target and rust-src, and, with --npm, the
# zombienet/polkadot.js packages. Safe to run again: it skips what is there. (No clang: the node
# uses ParityDB only, so no RocksDB bindings are generated.)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

missing=()
for pkg in build-essential pkg-config libssl-dev protobuf-compiler; do
	dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "setup: installing ${missing[*]}"
	sudo_cmd=""
	[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
	$sudo_cmd apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
	echo "setup: Rust is not installed; install rustup first" >&2
	exit 1
fi
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src

if [ "${1:-}" = "--npm" ]; then
	(cd "$root/zombienet" && npm ci --no-audit --no-fund --loglevel=error)
fi
