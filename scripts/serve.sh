#!/usr/bin/env bash
# Builds the release and serves it on http://127.0.0.1:8080/ (PORT=… to change).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
printf '\033[1m==> %s\033[0m\n' "Building the release (trunk build --release)"
trunk build --release
trunk build --release --config Trunk.enlace.toml   # the contact's board, /enlace/
exec node e2e/server.mjs dist "${PORT:-8080}"
