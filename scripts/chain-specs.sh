#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Regenerates the committed plain chain specs under chain-spec/ from the runtime's genesis presets.
# Usage: scripts/chain-specs.sh [path/to/flywheel-node]   (default: the release build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
node="${1:-${FLYWHEEL_NODE:-${CARGO_TARGET_DIR:-$HOME/.cache/flywheel-target}/release/flywheel-node}}"
[ -x "$node" ] || { echo "no node binary at $node: build it first (scripts/dev.sh or scripts/test.sh build it)" >&2; exit 1; }
for preset in development local_testnet zombienet production; do
	"$node" build-spec --chain "$preset" --disable-default-bootnode 2>/dev/null > "$root/chain-spec/$preset.json"
	echo "chain-spec/$preset.json"
done
