#!/usr/bin/env bash
# Runs every test: clippy on the pallet, the pallet's unit tests and benchmark tests, the
# runtime's tests, the node tests that start real nodes and networks on loopback ports (among
# them a four-validator network that loses and regains a validator), and the Polkadot.js tests
# (js/) against live nodes, the staking dashboard's (web/) in Chromium among them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh
# The pallets' code, with every feature, passes clippy with the workspace's no-panic lints
# (arithmetic side effects, unwrap, expect, indexing) denied.
cargo clippy --locked --profile "$PALISADE_PROFILE" -p pallet-palisade-staking \
	--features runtime-benchmarks,try-runtime,fuzzing -- -D warnings
cargo clippy --locked --profile "$PALISADE_PROFILE" -p pallet-palisade-pool-upkeep \
	--features runtime-benchmarks,try-runtime -- -D warnings
# The staking pallet's documentation builds without a warning, private items included: every
# intra-doc link resolves (`rustdoc::broken_intra_doc_links`), none from public docs to private
# items. With the features clippy checked, so its dependencies are not built again.
RUSTDOCFLAGS="-D warnings" cargo doc --locked \
	--profile "$PALISADE_PROFILE" -p pallet-palisade-staking --no-deps --document-private-items \
	--features runtime-benchmarks,try-runtime,fuzzing
# The runtime a real network runs (without `fast-runtime`, `sudo` and the benchmarks), built to
# WASM as `palisade_runtime_production.*` beside the development runtime; its build script
# builds the WASM, so `cargo check` suffices for the rest. node/tests/production_runtime.rs
# runs its genesis presets in WASM.
production_start=$(date +%s)
cargo check --locked --profile "$PALISADE_PROFILE" -p palisade-runtime
echo "production runtime WASM built in $(( $(date +%s) - production_start )) s"
# The runtime a live test network upgrades to (js/tests/upgrade.test.js): `fast-runtime` alone,
# without sudo and the benchmarks (which turn off the checks of an upgrade's version), built as
# `palisade_runtime_fast.*`.
fast_start=$(date +%s)
cargo check --locked --profile "$PALISADE_PROFILE" -p palisade-runtime --features fast-runtime
echo "fast-runtime WASM built in $(( $(date +%s) - fast_start )) s"
rm -f "$CARGO_TARGET_DIR/tmp/network-timings.txt"
cargo test --locked --profile "$PALISADE_PROFILE" --features "$PALISADE_FEATURES" --workspace \
	--exclude palisade-runtime --no-fail-fast
# The timings of the network fault test (node/tests/network_faults.rs).
echo "network test timings:"
cat "$CARGO_TARGET_DIR/tmp/network-timings.txt"
# The runtime's tests run the full runtime natively (no WASM needed), with `try-runtime`.
SKIP_WASM_BUILD=1 cargo test --locked --profile "$PALISADE_PROFILE" -p palisade-runtime \
	--features "$PALISADE_RUNTIME_TEST_FEATURES" --no-fail-fast
# The production runtime's integrity test and genesis presets, natively: the same build
# without `fast-runtime` and `sudo` (which change only the runtime crate, so nothing else is
# rebuilt).
SKIP_WASM_BUILD=1 cargo test --locked --profile "$PALISADE_PROFILE" -p palisade-runtime \
	--features try-runtime --lib --test genesis_presets --no-fail-fast

(cd js && npm ci --no-audit --no-fund --loglevel=error)
# The staking dashboard, built for its browser test (js/tests/dashboard.test.js).
(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
PALISADE_NODE="$PALISADE_NODE" npm --prefix js test
