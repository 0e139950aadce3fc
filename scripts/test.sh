#!/usr/bin/env bash
# Runs every test: the pallet's unit tests and benchmark tests, the runtime's tests, and the
# node tests that start real nodes on loopback ports.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh
cargo test --locked --profile "$PALISADE_PROFILE" --features "$PALISADE_FEATURES" --workspace --no-fail-fast
