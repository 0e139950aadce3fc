#!/usr/bin/env bash
# Runs every test: the pallet's unit tests and benchmark tests, the runtime's tests, the node
# tests that start real nodes on loopback ports, and the Polkadot.js tests (js/) against a live
# dev node.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh
cargo test --locked --profile "$PALISADE_PROFILE" --features "$PALISADE_FEATURES" --workspace \
	--exclude palisade-runtime --no-fail-fast
# The runtime's tests run the full runtime natively (no WASM needed), with `try-runtime`.
SKIP_WASM_BUILD=1 cargo test --locked --profile "$PALISADE_PROFILE" -p palisade-runtime \
	--features "$PALISADE_RUNTIME_TEST_FEATURES" --no-fail-fast

(cd js && npm ci --no-audit --no-fund --loglevel=error)
PALISADE_NODE="$PALISADE_NODE" npm --prefix js test
