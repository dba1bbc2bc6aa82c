#!/usr/bin/env bash
# Runs every test, installing what is missing first:
#   1. the content check (same messages as the build)
#   2. native tests: the curriculum crate (rules and fixtures) and the app's logic
#   3. browser tests of the storage wrapper and components (wasm-bindgen-test in Chromium)
#   4. the release build (the app, then the contact's board) and its size budgets
#   5. end-to-end journeys with Playwright against the release build, served by nginx with
#      deploy/nginx.conf (e2e/nginx.mjs), in Debian's Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --test
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Content check"
cargo run -q -p curriculum -- check content

step "Native tests"
cargo test --workspace --quiet
# The prerender step's own tests: the same components rendered natively (--features ssr).
cargo test --quiet --no-default-features --features ssr --lib prerender

step "Browser tests (wasm-bindgen-test in Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=180 \
  cargo test --target wasm32-unknown-unknown --test browser

step "Release build"
trunk build --release
# The contact's board after the app (the app's build empties dist/): dist/enlace/.
trunk build --release --config Trunk.enlace.toml

if [ -f scripts/budgets.mjs ]; then
  step "Size budgets"
  node scripts/budgets.mjs
fi

step "End-to-end tests (Playwright, Chromium)"
e2e/run.sh
