#!/usr/bin/env bash
# Regenerates the staking pallet's weights on this machine from its benchmarks.
# Run it on an otherwise idle machine: the figures are wall-clock measurements.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh
palisade_build
"$PALISADE_NODE" benchmark pallet \
	--chain dev \
	--pallet pallet_palisade_staking \
	--extrinsic '*' \
	--steps 50 \
	--repeat 20 \
	--wasm-execution compiled \
	--heap-pages 4096 \
	--header .maintain/HEADER \
	--template .maintain/frame-weight-template.hbs \
	--output pallets/staking/src/weights.rs
