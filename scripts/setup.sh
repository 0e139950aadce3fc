#!/usr/bin/env bash
# Installs what a fresh machine lacks to build Palisade: protoc (for libp2p), and the
# toolchain's WASM targets and rust-src (rustup does not install them on its own here).
# Safe to run again: it only installs what is missing.
set -euo pipefail

if ! command -v protoc >/dev/null 2>&1; then
	echo "setup: installing protobuf-compiler" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq protobuf-compiler
fi

cd "$(dirname "$0")/.."
# rust-toolchain.toml pins the toolchain; these add its targets and components explicitly.
rustup target add wasm32-unknown-unknown wasm32v1-none >/dev/null
rustup component add rust-src rustfmt clippy >/dev/null
