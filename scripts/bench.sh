#!/usr/bin/env bash
# Builds the release and runs the size/speed benchmark against the plain-HTML floor.
# Arguments go to scripts/bench.mjs: --runs N, --quick, --out DIR, --lighthouse-runs N, --no-lighthouse.
# Writes bench/results.md, bench/runs.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --test
# Lighthouse 12.2.3 (the last release for Node 20) lives in bench/lighthouse/, out of the root
# package.json so the test run's npm ci stays small. Installed when missing or when its lock changed;
# --ignore-scripts: nothing may download a browser (it drives Debian's /usr/bin/chromium).
LH=bench/lighthouse
if [[ " $* " != *" --no-lighthouse "* ]] && { [ ! -f $LH/node_modules/lighthouse/package.json ] \
    || [ $LH/package-lock.json -nt $LH/node_modules/.package-lock.json ]; }; then
  printf '\033[1m==> %s\033[0m\n' "Installing Lighthouse 12.2.3 into $LH"
  npm ci --prefix $LH --no-fund --no-audit --ignore-scripts \
    || echo "(Lighthouse could not be installed: the benchmark runs without it and says so)"
fi
trunk build --release
trunk build --release --config Trunk.enlace.toml   # the contact's board, /enlace/
# The interactive floor (crates/bench-floor: the smallest Leptos app with the router), measured
# beside the app; its first build compiles Leptos with its own features (a few minutes).
trunk build --release --config crates/bench-floor/Trunk.toml
node scripts/budgets.mjs || echo "(a size budget is exceeded: see above; the benchmark runs anyway)"
node scripts/bench.mjs "$@"
