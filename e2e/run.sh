#!/usr/bin/env bash
# Runs the end-to-end tests (node's test runner) against dist/, one file at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --test --test-concurrency=1 --test-reporter=spec "${@:-e2e/}"
