#!/usr/bin/env bash
# Installs whatever is missing to build (and, with --test, to test) Jornada. Idempotent and fast
# when everything is already there. Sourced by serve.sh and test.sh; can also be run alone.
#
#   scripts/setup.sh          build tools: wasm target, trunk 0.21.14, wasm-bindgen-cli, npm tools
#   scripts/setup.sh --test   also Debian's chromium and chromium-driver for the browser tests,
#                             and nginx with its brotli modules (the e2e tests run against it)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14   # trunk 0.22 needs rustc 1.96.1; these machines have 1.95
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "Installing trunk $TRUNK_VERSION (about 5-15 minutes the first time)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --locked "trunk@$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG_VERSION" ]; then
  say "Installing wasm-bindgen-cli $WBG_VERSION (must equal Cargo.lock)"
  # Not --locked: one of its locked dependencies is not available from the registry.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --force "wasm-bindgen-cli@$WBG_VERSION"
fi
if ! grep -q "wasm_bindgen = \"$WBG_VERSION\"" Trunk.toml; then
  echo "Trunk.toml [tools] wasm_bindgen must be $WBG_VERSION (the version in Cargo.lock)" >&2
  exit 1
fi

# npm tools: wasm-opt 132 (Debian's 108 corrupts wasm-bindgen output), playwright-core, axe-core.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing npm tools (binaryen 132, playwright-core, axe-core)"
  npm ci --no-fund --no-audit
fi
if [ "$(wasm-opt --version 2>/dev/null | grep -o 'version_[0-9]*')" != "version_132" ]; then
  echo "wasm-opt on PATH is not version 132: $(command -v wasm-opt)" >&2
  exit 1
fi

if [ "${1:-}" = "--test" ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "Installing Debian's chromium and chromium-driver"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  # deploy/nginx.conf loads Debian's brotli modules; e2e/nginx.mjs runs nginx unprivileged.
  if [ ! -x /usr/sbin/nginx ] || [ ! -f /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so ] \
    || [ ! -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
    say "Installing Debian's nginx-light and its brotli modules"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx-light \
      libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static >/dev/null
  fi
fi
