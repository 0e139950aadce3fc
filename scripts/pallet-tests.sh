#!/usr/bin/env bash
# The staking pallet's inner loop: builds its unit tests without the runtime's WASM, in the
# shared target directory and with the shared feature set (so no dependency is rebuilt for
# it), then runs them. Arguments go to the test binary: a test name to filter on, or
# `--skip fuzz` to leave out the 10,000 random sequences.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

binary=$(
	SKIP_WASM_BUILD=1 cargo test --locked --profile "$PALISADE_PROFILE" \
		--features "$PALISADE_FEATURES" --workspace --exclude palisade-runtime --lib --no-run \
		--message-format=json |
		python3 -c '
import json, sys
for line in sys.stdin:
    message = json.loads(line)
    if message.get("reason") == "compiler-artifact" and message["target"]["name"] == "pallet_palisade_staking" and message.get("executable"):
        print(message["executable"])
'
)
cd pallets/staking
exec "$binary" "$@"
