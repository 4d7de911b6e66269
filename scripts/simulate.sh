#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs the economy simulator (sim/) on one scenario or on all of them and writes, per scenario,
# sim/results/<name>/{epochs.csv,summary.txt,plots.svg} (docs/simulator.md shows those plots).
#   scripts/simulate.sh                  every scenario in sim/scenarios/, then the attack table
#                                        (sim/results/attacks/table.md and sim/README.md)
#   scripts/simulate.sh helium-like      one (a name in sim/scenarios/ or a path to a .toml)
#   scripts/simulate.sh --bench          the speed benchmark: a year of helium-like, 3 runs
#                                        with real transactions and with direct dispatch
# Builds with the shared build (scripts/env.sh), so after the tests it compiles nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/env.sh"
cd "$root"
"$root/scripts/setup.sh"
flywheel_build
sim="$CARGO_TARGET_DIR/release/flywheel-sim"

if [ "${1:-}" = "--bench" ]; then
	# Side by side on the same machine: real transactions (the default) against calls
	# dispatched directly (the simulator before transactions; `--direct`).
	for run in 1 2 3; do
		for mode in transactions direct; do
			flag=(); [ "$mode" = direct ] && flag=(--direct)
			"$sim" sim/scenarios/helium-like.toml --out "$CARGO_TARGET_DIR/sim-bench" --timing \
				"${flag[@]}" 2>/dev/null |
				sed -n "s/^wall time: /run $run, $mode: 365 days of helium-like in /p"
		done
	done
	exit 0
fi

scenarios=()
if [ $# -eq 0 ]; then
	scenarios=(sim/scenarios/*.toml)
	"$sim" "${scenarios[@]}" --out sim/results
	# Each attack against its honest counterpart, paired on one seed (sim/README.md).
	exec "$sim" attacks sim/scenarios/attacks.toml --jobs 2 --out sim/results/attacks \
		--readme sim/README.md
else
	for s in "$@"; do
		if [ -f "$s" ]; then scenarios+=("$s"); else scenarios+=("sim/scenarios/$s.toml"); fi
	done
fi
exec "$sim" "${scenarios[@]}" --out sim/results
