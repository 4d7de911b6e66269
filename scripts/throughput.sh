#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Throughput benchmark against a fresh dev node: N signed Data Credits burns and N balance
# transfers from N accounts, included transactions per second of each and their ratio.
#
#   bash scripts/throughput.sh [N]      (default 3000; a script, not part of the test suite)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/env.sh"
"$root/scripts/setup.sh" --npm
cd "$root"
flywheel_build
cd zombienet
exec node throughput.mjs "${1:-3000}"
