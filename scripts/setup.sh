#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what building and testing Flywheel needs on a fresh Debian/Ubuntu machine, then checks
# the tools it cannot install:
# - system packages: a C/C++ toolchain (build-essential: gcc, g++, make) for the -sys crates'
#   build scripts, perl (OpenSSL's build scripts, if OPENSSL_NO_VENDOR=0 vendors it), pkg-config
#   and libssl-dev for the system OpenSSL (see .cargo/config.toml), protobuf-compiler for the
#   networking crates' protobuf code, git and ca-certificates for cargo's downloads, procps (`ps`:
#   zombienet's native provider checks that its nodes are alive with it; without it every node
#   "dies" at launch). No clang: the node uses ParityDB only, so no RocksDB bindings are generated;
# - Rust: the toolchain rust-toolchain.toml pins, with its wasm targets, rust-src, rustfmt and
#   clippy (rustup must be there);
# - with --npm: Node.js (20.10 or newer: the tests use `node --test --test-concurrency`), the
#   zombienet/polkadot.js packages and the dashboard's (dashboard/), Debian's chromium with a
#   font (fonts-dejavu-core) for the dashboard's browser test, and iproute2 (`ip`) for the
#   partition tests' network namespaces.
# Safe to run again: it skips what is there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

packages=(build-essential perl make pkg-config libssl-dev protobuf-compiler git ca-certificates procps)
[ "${1:-}" != "--npm" ] || packages+=(chromium fonts-dejavu-core iproute2)
missing=()
for pkg in "${packages[@]}"; do
	dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "setup: installing ${missing[*]}"
	sudo_cmd=""
	[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
	$sudo_cmd apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >/dev/null
fi

if ! command -v rustup >/dev/null 2>&1; then
	echo "setup: rustup is not installed; install it from https://rustup.rs, then run this again" >&2
	exit 1
fi
# Installs the pinned toolchain with the targets and components rust-toolchain.toml lists
# (rustup 1.28 and later; older ones install it on first use).
(cd "$root" && { rustup toolchain install 2>/dev/null || rustup show active-toolchain; }) >/dev/null

if [ "${1:-}" = "--npm" ]; then
	need_major=20 need_minor=10
	if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
		echo "setup: Node.js ${need_major}.${need_minor} or newer with npm is needed for the tests;" \
			"install it (e.g. from https://nodejs.org or NodeSource's Debian packages)" >&2
		exit 1
	fi
	version=$(node --version)
	IFS=. read -r major minor _ <<<"${version#v}"
	if [ "$major" -lt "$need_major" ] || { [ "$major" -eq "$need_major" ] && [ "$minor" -lt "$need_minor" ]; }; then
		echo "setup: Node.js $version is too old: the tests need ${need_major}.${need_minor} or newer" \
			"(node --test --test-concurrency); install a newer Node.js (e.g. from https://nodejs.org)" >&2
		exit 1
	fi
	(cd "$root/zombienet" && npm ci --no-audit --no-fund --loglevel=error)
	(cd "$root/dashboard" && npm ci --no-audit --no-fund --loglevel=error)
fi
