# Shared settings of the scripts: one target directory outside the checkout, one build
# profile and one feature set for the dev node and the tests, so the tree compiles once.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/palisade-target}"
PALISADE_PROFILE="testnet"
PALISADE_FEATURES="fast-runtime,sudo,runtime-benchmarks"
# The runtime's own tests also build with `try-runtime`, so every pallet's `try_state` runs in
# them. (Not in the shared feature set: the node's benchmarking CLI pulls in an upstream
# `pallet-staking` that does not compile with its dependencies' `try-runtime` alone.)
PALISADE_RUNTIME_TEST_FEATURES="fast-runtime,sudo,try-runtime"
PALISADE_NODE="$CARGO_TARGET_DIR/$PALISADE_PROFILE/palisade-node"

# Builds everything the tests build, the node binary included. The dev node and weight
# generation build through this same invocation: a plain `cargo build -p palisade-node` would
# unify features without the test dependencies and recompile much of the tree.
palisade_build() {
	cargo test --locked --profile "$PALISADE_PROFILE" --features "$PALISADE_FEATURES" \
		--workspace --exclude palisade-runtime --no-run
}
