#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Regenerates the committed plain chain specs under chain-spec/ from the runtime's genesis presets,
# each carrying the release wasm (the one runtime every chain runs, built by scripts/release.sh),
# and records the production spec's genesis hash in chain-spec/production.genesis-hash.
# Usage: scripts/chain-specs.sh [path/to/flywheel-node]   (default: the release build)
# The wasm: $FLYWHEEL_RELEASE_WASM, default scripts/release.sh's output. node/tests/chain_spec.rs
# checks that its hash is the one runtime/VERSIONS records for the runtime's spec_version.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
node="${1:-${FLYWHEEL_NODE:-${CARGO_TARGET_DIR:-$HOME/.cache/flywheel-target}/release/flywheel-node}}"
wasm="${FLYWHEEL_RELEASE_WASM:-/tmp/flywheel-release/target/production/wbuild/flywheel-runtime/flywheel_runtime.compact.compressed.wasm}"
[ -x "$node" ] || { echo "no node binary at $node: build it first (scripts/dev.sh or scripts/test.sh build it)" >&2; exit 1; }
[ -f "$wasm" ] || { echo "no release wasm at $wasm: run scripts/release.sh first" >&2; exit 1; }
echo "release wasm: $wasm (blake2-256 0x$(b2sum -l 256 "$wasm" | cut -d' ' -f1))"

for preset in development local_testnet zombienet production; do
	out="$root/chain-spec/$preset.json"
	"$node" build-spec --chain "$preset" --disable-default-bootnode 2>/dev/null >"$out.tmp"
	# Swap the node's own wasm for the release one as text: the spec's balances exceed what a
	# JavaScript number holds exactly, so the JSON is not parsed.
	WASM="$wasm" SPEC="$out.tmp" node -e '
		const fs = require("node:fs");
		const code = "0x" + fs.readFileSync(process.env.WASM).toString("hex");
		const text = fs.readFileSync(process.env.SPEC, "utf8");
		const swapped = text.replace(/"code": "0x[0-9a-f]*"/, () => `"code": "${code}"`);
		if (swapped === text && !text.includes(code)) throw new Error("no code field in the spec");
		fs.writeFileSync(process.env.SPEC, swapped);
	'
	mv "$out.tmp" "$out"
	echo "chain-spec/$preset.json"
done

# The production spec's genesis hash, as a node started on it reports it.
port=19990
"$node" --chain "$root/chain-spec/production.json" --tmp --rpc-port "$port" --port $((port + 1)) \
	--no-prometheus --no-telemetry --no-mdns >/dev/null 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
PORT="$port" node -e '
	const call = () => fetch(`http://127.0.0.1:${process.env.PORT}`, {
		method: "POST", headers: { "content-type": "application/json" },
		body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "chain_getBlockHash", params: [0] }),
	}).then((r) => r.json());
	(async () => {
		for (let i = 0; i < 120; i++) {
			try { const { result } = await call(); if (result) { console.log(result); return; } } catch {}
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error("the node did not answer on its RPC port");
	})();
' >"$root/chain-spec/production.genesis-hash"
echo "chain-spec/production.genesis-hash: $(cat "$root/chain-spec/production.genesis-hash")"
