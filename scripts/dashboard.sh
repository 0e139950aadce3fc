#!/usr/bin/env bash
# Builds the staking dashboard (web/) and serves it on http://127.0.0.1:8080, talking to the
# node at ws://127.0.0.1:9944 (the dev node of scripts/dev-node.sh). Another node:
# `scripts/dashboard.sh ws://host:port`; another port: DASHBOARD_PORT=8081.
set -euo pipefail
cd "$(dirname "$0")/../web"
rpc="${1:-ws://127.0.0.1:9944}"
port="${DASHBOARD_PORT:-8080}"
command -v npm >/dev/null 2>&1 || ../scripts/setup.sh
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
echo "dashboard: http://127.0.0.1:${port}/?rpc=${rpc}"
exec npx vite preview --host 127.0.0.1 --port "$port" --strictPort
