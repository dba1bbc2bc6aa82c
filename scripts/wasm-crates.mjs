#!/usr/bin/env node
// Groups the code of a wasm that keeps its name section (see scripts/wasm-breakdown.sh) by the
// crate that each function's name starts with, and prints the sections, the crates and the
// largest functions. No dependencies: it reads the binary format itself.
//
// Use: node scripts/wasm-crates.mjs FILE.wasm [--top N] [--crate NAME]
//   --crate NAME  lists only the largest functions counted under NAME
//
// A function is counted under the first path segment of its demangled name, with trait impls
// (`<A as B>::f`) counted under A's crate: `<alloc::vec::Vec<T> as Drop>::drop` is `alloc` even
// when T is the app's type, and `<F as ChooseView>::choose` (a generic self type) is the trait's
// crate, `leptos_router`. So generic code shows under the crate that defines it; the
// dominator tree of twiggy says who pulls it in.

import fs from 'node:fs';
import zlib from 'node:zlib';

const file = process.argv[2];
if (!file) {
  console.error('use: node scripts/wasm-crates.mjs FILE.wasm [--top N]');
  process.exit(2);
}
const topArg = process.argv.indexOf('--top');
const TOP = topArg > 0 ? Number(process.argv[topArg + 1]) : 40;
const crateArg = process.argv.indexOf('--crate');
const ONLY = crateArg > 0 ? process.argv[crateArg + 1] : null;
const b = fs.readFileSync(file);
let p = 8;
const leb = () => {
  let r = 0, s = 0, x;
  do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
  return r;
};
const str = () => { const n = leb(); const s = b.slice(p, p + n).toString(); p += n; return s; };

const sections = [];
let importedFuncs = 0;
let bodies = [];
const names = new Map();
const SECTION = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'];
while (p < b.length) {
  const id = b[p++];
  const len = leb();
  const start = p;
  const end = start + len;
  let label = SECTION[id] ?? `section ${id}`;
  if (id === 0) label = `custom "${str()}"`;
  sections.push({ label, len, bytes: b.slice(start, end) });
  if (id === 2) {
    const n = leb();
    for (let i = 0; i < n; i++) {
      str(); str();
      const kind = b[p++];
      if (kind === 0) { leb(); importedFuncs++; }
      else if (kind === 1) { p++; const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 3) { p += 2; }
      else if (kind === 4) { p++; leb(); }
    }
  } else if (id === 10) {
    const n = leb();
    for (let i = 0; i < n; i++) {
      const at = p;
      const size = leb();
      bodies.push({ index: importedFuncs + i, size: p - at + size, at });
      p += size;
    }
  } else if (label === 'custom "name"') {
    while (p < end) {
      const sub = b[p++];
      const sublen = leb();
      const subEnd = p + sublen;
      if (sub === 1) {
        const n = leb();
        for (let i = 0; i < n; i++) { const idx = leb(); names.set(idx, str()); }
      }
      p = subEnd;
    }
  }
  p = end;
}
if (!names.size) {
  console.error(`${file} has no function names: build it with scripts/wasm-breakdown.sh`);
  process.exit(1);
}

const kib = (n) => (n / 1024).toFixed(1);
const total = b.length;
const code = sections.find((s) => s.label === 'code');
const data = sections.find((s) => s.label === 'data');
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
console.log(`${file}: ${kib(total)} KiB raw (names included)`);
console.log('\n## Sections\n\n| section | KiB raw | KiB gzip -9 alone |\n| --- | ---: | ---: |');
for (const s of sections) {
  if (s.len < 1024) continue;
  console.log(`| ${s.label} | ${kib(s.len)} | ${kib(gz(s.bytes))} |`);
}

/** Crate of a demangled Rust name (see the header). */
export function crateOf(name) {
  let n = name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '');
  while (n.startsWith('<')) n = n.slice(1);
  n = n.replace(/^(dyn |&mut |&|\*const |\*mut |\[)+/, '');
  // `<F as trait::Path>::f` with a generic or unqualified self type: the trait's crate.
  const generic = /^[A-Za-z_][A-Za-z0-9_]* as ([A-Za-z_][A-Za-z0-9_]*)::/.exec(n);
  if (generic) return generic[1];
  const m = /^([A-Za-z_][A-Za-z0-9_]*)::/.exec(n);
  if (m) return m[1];
  if (/^(char|str|u8|u16|u32|u64|usize|i32|i64|f64|bool)\b/.test(n)) return 'core';
  return '(unnamed)';
}

const byCrate = new Map();
for (const f of bodies) {
  const name = names.get(f.index) ?? `func[${f.index}]`;
  f.name = name;
  let c = crateOf(name);
  const e = byCrate.get(c) ?? { size: 0, count: 0 };
  e.size += f.size;
  e.count++;
  byCrate.set(c, e);
  f.crate = c;
}
const allCount = bodies.length;
const allBodies = bodies;
if (ONLY) bodies = bodies.filter((f) => f.crate === ONLY);
const codeSize = code.len;
console.log(`\n## Code by crate (${allCount} functions, ${kib(codeSize)} KiB)\n`);
console.log('| crate | functions | KiB raw | share of code |\n| --- | ---: | ---: | ---: |');
for (const [c, e] of [...byCrate].sort((a, b) => b[1].size - a[1].size).slice(0, 30)) {
  console.log(`| ${c} | ${e.count} | ${kib(e.size)} | ${(e.size / codeSize * 100).toFixed(1)} % |`);
}
const FAMILIES = [
  ['the app (jornada, results, textfold)', /^(jornada|results|textfold)$/],
  ['Leptos (tachys, reactive_graph, leptos_router, ...)', /^(tachys|reactive_graph|leptos.*|any_spawner|oco_ref|slotmap|send_wrapper|throw_error|futures.*|or_poisoned|guardian|hydration_context|server_fn|wasm_streams|indexmap|hashbrown)$/],
  ['Rust standard library (core, alloc, std, dlmalloc)', /^(core|alloc|std|dlmalloc|__rustc|compiler_builtins)$/],
  ['serde, serde_json (zmij, itoa)', /^(serde.*|zmij|itoa|ryu|memchr)$/],
  ['wasm-bindgen, js-sys, web-sys', /^(wasm_bindgen.*|js_sys|web_sys)$/],
  ['sha2, digest', /^(sha2|digest|block_buffer|generic_array|crypto_common)$/],
];
// gzip of each family's function bodies compressed alone: a guide to what each costs on the
// wire (the whole file compresses better than the sum of its parts).
const familyOf = (c) => FAMILIES.find(([, re]) => re.test(c))?.[0] ?? 'other (unnamed glue, small crates)';
const byFamily = new Map();
for (const f of allBodies) {
  const fam = familyOf(f.crate);
  const e = byFamily.get(fam) ?? { size: 0, parts: [] };
  e.size += f.size;
  e.parts.push(b.subarray(f.at, f.at + f.size));
  byFamily.set(fam, e);
}
console.log(`\n## Code by family\n\n| family | KiB raw | share of code | KiB gzip -9 alone |\n| --- | ---: | ---: | ---: |`);
for (const [f, e] of [...byFamily].sort((a, b) => b[1].size - a[1].size)) {
  console.log(`| ${f} | ${kib(e.size)} | ${(e.size / codeSize * 100).toFixed(1)} % | ${kib(gz(Buffer.concat(e.parts)))} |`);
}
console.log(`\n## Largest functions\n\n| KiB raw | function |\n| ---: | --- |`);
for (const f of [...bodies].sort((a, b) => b.size - a.size).slice(0, TOP)) {
  const n = f.name.replace(/::h[0-9a-f]{16}$/, '').replace(/\|/g, '\\|');
  console.log(`| ${kib(f.size)} | \`${n.length > 150 ? n.slice(0, 147) + '...' : n}\` |`);
}
