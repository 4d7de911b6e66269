#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# zombienet with the native provider and the release node.
#   scripts/zombienet.sh test    run the smoke test (zombienet/smoke.zndsl) and exit
#   scripts/zombienet.sh spawn   launch the four-validator network and keep it running
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/env.sh"
[ -x "$FLYWHEEL_NODE" ] || { echo "no node at $FLYWHEEL_NODE: run scripts/dev.sh or scripts/test.sh first" >&2; exit 1; }
cd "$root/zombienet"
[ -x node_modules/.bin/zombienet ] || npm ci --no-audit --no-fund --loglevel=error
# The network runs the runtime under test: its chain spec is generated from the node just built.
export FLYWHEEL_ZOMBIENET_SPEC="$CARGO_TARGET_DIR/zombienet/zombienet.json"
mkdir -p "$(dirname "$FLYWHEEL_ZOMBIENET_SPEC")"
# Raw: zombienet adds no authorities of its own (it cannot write session keys for this runtime).
"$FLYWHEEL_NODE" build-spec --chain zombienet --raw --disable-default-bootnode 2>/dev/null >"$FLYWHEEL_ZOMBIENET_SPEC"
case "${1:-test}" in
	test) exec node_modules/.bin/zombienet -p native -l text test smoke.zndsl ;;
	spawn) exec node_modules/.bin/zombienet -p native spawn network.toml ;;
	*) echo "usage: $0 [test|spawn]" >&2; exit 2 ;;
esac
