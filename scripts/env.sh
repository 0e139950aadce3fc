# Shared settings of the scripts: one target directory outside the checkout, one build
# profile and one feature set for the dev node and the tests, so the tree compiles once.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/palisade-target}"
PALISADE_PROFILE="testnet"
PALISADE_FEATURES="fast-runtime,runtime-benchmarks"
