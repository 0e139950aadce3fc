#!/usr/bin/env bash
# Regenerates the weights of Palisade's pallets on this machine from their benchmarks.
# Run it on an otherwise idle machine: the figures are wall-clock measurements.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh
palisade_build
# The pool upkeep's weights first (seconds), then the staking pallet's (about half an hour).
benchmark() {
	"$PALISADE_NODE" benchmark pallet \
		--chain dev \
		--pallet "$1" \
		--extrinsic '*' \
		--steps 50 \
		--repeat 20 \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--header .maintain/HEADER \
		--template .maintain/frame-weight-template.hbs \
		--output "$2"
}
benchmark pallet_palisade_pool_upkeep pallets/pool-upkeep/src/weights.rs
benchmark pallet_palisade_staking pallets/staking/src/weights.rs
