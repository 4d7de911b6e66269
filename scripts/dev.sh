#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Sets up this machine, builds the node (the shared release build, scripts/env.sh) and launches a
# single-validator dev chain with a fresh state. Its short periods (one-minute rounds, referenda
# in 30 s) are the development preset's chain profile, not a build feature: the wasm is the one
# production runs. Extra arguments go to the node.
# RPC: ws://127.0.0.1:9944 (open it in polkadot.js Apps).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/env.sh"
"$root/scripts/setup.sh"
cd "$root"
flywheel_build
exec "$FLYWHEEL_NODE" --dev --tmp --rpc-cors all "$@"
