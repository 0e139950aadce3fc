#!/usr/bin/env bash
# Regenerates the weights of Palisade's pallets and of the election pallets it composes on
# this machine, from their benchmarks. Run it on an otherwise idle machine: the figures are
# wall-clock measurements. `scripts/weights.sh election` regenerates only the election's.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh
palisade_build
# Our pallets' weights are measured in the development runtime the node embeds: the pool
# upkeep's first (seconds), then the staking pallet's (about half an hour), then the voter
# list's. `benchmark PALLET OUTPUT [ARGS…]` passes ARGS on (our pallets' template).
benchmark() {
	local pallet="$1" output="$2"
	shift 2
	"$PALISADE_NODE" benchmark pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps 50 \
		--repeat 20 \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--header .maintain/HEADER \
		--output "$output" \
		"$@"
}
if [ "${1:-}" != election ]; then
	template=(--template .maintain/frame-weight-template.hbs)
	benchmark pallet_palisade_pool_upkeep pallets/pool-upkeep/src/weights.rs "${template[@]}"
	benchmark pallet_palisade_staking pallets/staking/src/weights.rs "${template[@]}"
	# The voter list, whose `on_idle` rebag follows every payout: upstream's benchmarks in this
	# runtime, written by the CLI's default template (an implementation of
	# `pallet_bags_list::WeightInfo`).
	benchmark pallet_bags_list runtime/src/weights/pallet_bags_list.rs
fi

# The election pallets' weights are measured in the production runtime (built with its
# benchmarks as `palisade_runtime_production_benchmarks.*`): their terminal steps grow with the
# number of pages, which the development runtime shrinks. Its `benchmark` genesis preset holds
# 3,999 validator candidates and 104,000 nominators of 16 votes, richer than any candidate
# (every voter page full of them), so the snapshot, mining and verification benchmarks work on
# the largest pages. Mining a solution in WASM needs a large heap. Each setup of
# the verifier's and the export's benchmarks mines and verifies 52 full pages (about 2.5
# minutes here), so the defaults are few steps and repeats: about 3 hours for the four pallets.
# The verifier's component needs 3 steps: with 2, a storage item its benchmark touches at one
# value only cannot be fitted, and the CLI refuses to write the file. The raw results are kept
# beside each file (`--json-file`, in the target directory).
cargo check --locked --profile "$PALISADE_PROFILE" -p palisade-runtime --features runtime-benchmarks
production_wasm="$CARGO_TARGET_DIR/$PALISADE_PROFILE/wbuild/palisade-runtime/palisade_runtime_production_benchmarks.compact.compressed.wasm"
election_benchmark() {
	"$PALISADE_NODE" benchmark pallet \
		--runtime "$production_wasm" \
		--genesis-builder runtime \
		--genesis-builder-preset benchmark \
		--pallet "$1" \
		--extrinsic '*' \
		--steps "$2" \
		--repeat "${ELECTION_REPEAT:-1}" \
		--wasm-execution compiled \
		--heap-pages 65000 \
		--header .maintain/HEADER \
		--template .maintain/election-weight-template.hbs \
		--json-file "$CARGO_TARGET_DIR/$1.json" \
		--output "runtime/src/weights/$1.rs"
}
election_benchmark pallet_election_provider_multi_block 2
election_benchmark pallet_election_provider_multi_block_verifier 3
election_benchmark pallet_election_provider_multi_block_unsigned 2
election_benchmark pallet_election_provider_multi_block_signed 2
