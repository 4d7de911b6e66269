#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Sets up this machine and runs every test: the code gates (rustfmt, SPDX headers, feature
# propagation, doc links, clippy and rustdoc with warnings as errors; scripts/lint.sh), the cargo
# tests of every crate (pallets, runtime, node, and the chain-spec check), a check that the dev
# chain reuses the tests' build, the pallets' benchmark tests, the polkadot.js end-to-end tests
# (governance, tokenomics, metadata hash against dev nodes; a node on the committed production
# spec, the release; the runtime upgrade with validators
# under governance on a four-validator zombienet network; the dashboard in headless Chromium against
# a dev node), the fault tests (four validators, alone on the machine), the partition tests (four
# validators in their own network namespaces, alone too; root) and the zombienet smoke test.
# The simulator's short runs are among the cargo tests (sim/tests).
# Prints how long each step took.
# FLYWHEEL_TIMINGS=1 adds cargo's --timings report of the build ($CARGO_TARGET_DIR/cargo-timings).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/env.sh"
cd "$root"

durations=()
step() { # name, command...
	local name=$1 start
	shift
	start=$(date +%s)
	printf '\n==> %s (%s)\n' "$name" "$(date -u +%H:%M:%S)"
	"$@"
	durations+=("$(printf '%5ds  %s' "$(($(date +%s) - start))" "$name")")
}

# The tests' build must be the dev chain's: `flywheel_build` after `cargo test --workspace`
# compiles nothing (see scripts/env.sh).
check_shared_build() {
	local out
	if ! out=$(flywheel_build 2>&1); then
		echo "$out" >&2
		return 1
	fi
	if grep -E '^\s*Compiling ' <<<"$out"; then
		echo "the dev chain's build (scripts/env.sh flywheel_build) recompiled the crates above:" >&2
		echo "a test-only dependency changed the features of a crate the node shares" >&2
		return 1
	fi
	echo "the dev chain's build is the tests' build: nothing recompiled"
}

pallet_benchmark_tests() {
	local pallets=() manifest
	for manifest in pallets/*/Cargo.toml; do
		# Every pallet with benchmarks (frame-benchmarking as a dependency).
		if grep -q '^frame-benchmarking' "$manifest"; then
			pallets+=(-p "$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -n 1)")
		fi
	done
	nice -n 10 cargo test --release --locked "${pallets[@]}" --features runtime-benchmarks
}

# The end-to-end tests mostly wait for 6-second blocks; they run against their own dev nodes and
# networks in the background while cargo runs the tests at a lower priority, so the waiting
# costs no time.
e2e_pid=
e2e_log="$CARGO_TARGET_DIR/e2e.log"
start_e2e() {
	e2e_start=$(date +%s)
	setsid bash -c 'cd zombienet && exec node --test --test-concurrency=4 --test-reporter=spec \
		governance.test.mjs metadata-hash.test.mjs tokenomics.test.mjs upgrade.test.mjs \
		production-spec.test.mjs ../dashboard/dashboard.test.mjs' \
		>"$e2e_log" 2>&1 &
	e2e_pid=$!
	echo "started in the background (pid $e2e_pid, log $e2e_log)"
}
wait_e2e() {
	local rc=0
	wait "$e2e_pid" || rc=$?
	e2e_pid=
	cat "$e2e_log"
	durations+=("$(printf '%5ds  %s' "$(($(date +%s) - e2e_start))" "end-to-end tests, from start to end (overlapping the steps above)")")
	return "$rc"
}
stop_e2e() { [ -z "$e2e_pid" ] || kill -- "-$e2e_pid" 2>/dev/null || true; }
trap stop_e2e EXIT

step "setup (system packages, Rust toolchain, Node.js check, npm packages)" "$root/scripts/setup.sh" --npm
step "gates: rustfmt --check, SPDX headers, feature propagation (zepter), doc links" "$root/scripts/lint.sh" fast
step "build: cargo test --workspace --no-run (the node, the runtime, every test)" \
	cargo test "${FLYWHEEL_CARGO_FLAGS[@]}" --workspace --no-run ${FLYWHEEL_TIMINGS:+--timings}
step "the dev chain's build is the tests' build" check_shared_build
step "start the end-to-end tests (polkadot.js: dev nodes, the upgrade network, the dashboard)" start_e2e
step "gate: clippy --workspace --all-targets -D warnings (with runtime-benchmarks: the benchmark node)" \
	nice -n 10 "$root/scripts/lint.sh" clippy
step "gate: cargo doc --workspace --no-deps, warnings as errors" nice -n 10 "$root/scripts/lint.sh" doc
step "cargo tests of every crate" nice -n 10 cargo test "${FLYWHEEL_CARGO_FLAGS[@]}" --workspace
step "pallet benchmark tests (runtime-benchmarks feature)" pallet_benchmark_tests
step "wait for the end-to-end tests" wait_e2e
# Alone on the machine: its flood measures what one node takes in, not what cargo leaves over.
step "fault tests (four validators: kills, restarts, a flood of transactions)" \
	bash -c 'cd zombienet && exec node --test --test-reporter=spec faults.test.mjs'
# Needs root (network namespaces); alone on the machine too.
step "partition tests (four validators in network namespaces: 2/2, 3/1, SIGSTOP, warp sync, wrong chain, equivocation, latency)" \
	bash -c 'cd zombienet && exec node --test --test-reporter=spec partitions.test.mjs'
step "zombienet smoke test (four validators)" "$root/scripts/zombienet.sh" test

printf '\n==> all tests passed; time per step:\n'
printf '%s\n' "${durations[@]}"
