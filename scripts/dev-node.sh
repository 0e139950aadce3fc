#!/usr/bin/env bash
# Builds and runs a Palisade development chain: Alice validates alone, blocks every 3 s,
# RPC on ws://127.0.0.1:9944 (Polkadot.js Apps: choose "Local node").
# Extra arguments go to the node, e.g. `scripts/dev-node.sh --base-path /tmp/palisade`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh
palisade_build
exec "$PALISADE_NODE" --dev "$@"
