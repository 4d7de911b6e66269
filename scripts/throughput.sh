#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Throughput benchmark against a fresh dev node (a script, not part of the test suite): N accounts
# each send one transaction per load (Data Credits burns, balance transfers, a mix with bonds and
# subnet stakes; optionally deep bursts from one account); per load the included transactions per
# second, per block the share of what its weight allows, why the proposer ended it, its build and
# import times, and the pool's validation time. Options: see the header of zombienet/throughput.mjs.
#
#   bash scripts/throughput.sh [N] [LOADS] [--json PATH] [--burst K] [--connections C]
#                              [--no-follower] [--node-args "ARGS"] [--port-base P]
#                              [--base-path DIR] [--sweep]
#   (default N = 3000, LOADS = burns,transfers,mixed; `all` adds burst)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/env.sh"
"$root/scripts/setup.sh" --npm
cd "$root"
flywheel_build
cd zombienet
exec node throughput.mjs "$@"
