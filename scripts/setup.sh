#!/usr/bin/env bash
# Installs what a fresh machine lacks to build and test Palisade: protoc (for libp2p), Node.js
# and npm (Polkadot.js tests), curl (guide commands), Chromium (the dashboard's browser tests),
# and the toolchain's WASM targets and rust-src (rustup does not install them on its own here).
# Safe to run again: it only installs what is missing.
set -euo pipefail

# System packages: protoc (libp2p's build), Node.js and npm (the Polkadot.js tests), curl (the
# validator guide's commands, which the tests run), Chromium (the dashboard's browser tests drive
# Debian's build with playwright-core; no browser is downloaded).
missing=()
command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
	echo "setup: installing ${missing[*]}" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq "${missing[@]}"
fi

cd "$(dirname "$0")/.."
# rust-toolchain.toml pins the toolchain; these add its targets and components explicitly.
rustup target add wasm32-unknown-unknown wasm32v1-none >/dev/null
rustup component add rust-src rustfmt clippy >/dev/null
