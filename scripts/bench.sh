#!/usr/bin/env bash
# Builds the release and runs the size/speed benchmark against the plain-HTML floor.
# Arguments go to scripts/bench.mjs: --runs N, --quick, --out DIR. Writes bench/results.md, bench/runs.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh --test
trunk build --release
node scripts/budgets.mjs || echo "(a size budget is exceeded: see above; the benchmark runs anyway)"
node scripts/bench.mjs "$@"
