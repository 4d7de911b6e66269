#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Serves the live dashboard (dashboard/) beside a running dev chain (scripts/dev.sh):
#   scripts/dashboard.sh [PORT]   (default 8080) -> http://127.0.0.1:PORT/
# The page connects from the browser to ws://127.0.0.1:9944; ?rpc=ws://host:port picks another
# node. Installs the page's packages (npm) and bundles it first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/dashboard"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
node build.mjs
exec node serve.mjs "${1:-8080}"
