#!/usr/bin/env bash
# What is in the release wasm: the same build as `trunk build --release`, but keeping the
# function names that wasm-bindgen and wasm-opt normally strip, then twiggy and a per-crate
# table (scripts/wasm-crates.mjs). The code section is byte for byte the size of dist/'s.
#
#   ./scripts/wasm-breakdown.sh            # reports into target/wasm-breakdown/
#   BIN=enlace ./scripts/wasm-breakdown.sh # the contact's board instead
#
# Needs twiggy for the top/monos/dominators views (`cargo install twiggy --locked`); without it
# only the per-crate table is written. Not part of the test run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
BIN="${BIN:-jornada}"
OUT=target/wasm-breakdown
mkdir -p "$OUT"

# 1. The release build Trunk runs (same profile, same .cargo/config.toml rustflags). Cargo keeps
#    the "name" custom section: only wasm-bindgen and wasm-opt would drop it.
cargo build --release --target wasm32-unknown-unknown --bin "$BIN"
# 2. wasm-bindgen as Trunk runs it, with --keep-debug so the names survive.
wasm-bindgen --keep-debug --target web --out-dir "$OUT" --out-name "$BIN" \
  "target/wasm32-unknown-unknown/release/$BIN.wasm"
# 3. wasm-opt -Oz as Trunk runs it (data-wasm-opt="z"), with -g to keep the names.
wasm-opt -Oz -g "$OUT/${BIN}_bg.wasm" -o "$OUT/$BIN.names.wasm"
# The same without names: what dist/ ships, to check the two agree.
wasm-opt -Oz "$OUT/${BIN}_bg.wasm" -o "$OUT/$BIN.shipped.wasm"
node -e '
const fs = require("fs"), z = require("zlib");
const b = fs.readFileSync(process.argv[1]);
console.log(`shipped: ${b.length} B raw, ${z.gzipSync(b, { level: 9 }).length} B gzip -9`);' \
  "$OUT/$BIN.shipped.wasm" | tee "$OUT/$BIN.summary.txt"

node scripts/wasm-crates.mjs "$OUT/$BIN.names.wasm" --top 40 | tee -a "$OUT/$BIN.summary.txt"
if command -v twiggy >/dev/null; then
  twiggy top -n 60 "$OUT/$BIN.names.wasm" > "$OUT/$BIN.top.txt"
  twiggy monos -m 30 -n 3 "$OUT/$BIN.names.wasm" > "$OUT/$BIN.monos.txt"
  twiggy dominators -d 4 -r 30 "$OUT/$BIN.names.wasm" > "$OUT/$BIN.dominators.txt"
  echo "twiggy: $OUT/$BIN.{top,monos,dominators}.txt"
else
  echo "twiggy not installed (cargo install twiggy --locked): only the per-crate table" >&2
fi
echo "summary: $OUT/$BIN.summary.txt"
