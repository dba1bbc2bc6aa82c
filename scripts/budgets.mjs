#!/usr/bin/env node
// Size budgets for the release build. Run by scripts/test.sh right after `trunk build --release`.
//
// Reads budgets.json (repository root) and dist/, measures gzip -9 sizes with node's zlib (the
// same compression e2e/server.mjs serves with) and fails if a figure is over its limit.
//
//   wasm           the .wasm in dist/: the app code plus the curriculum's index (topic and
//                  lesson titles, sections, glossary, help lines) as static data
//   app_code       everything the browser downloads to run the app: the .wasm + .js + .css
//   content        the topic files in dist/contenido/ (lesson HTML, question banks, cited
//                  facts), summed: what the service worker precaches besides the app
//   content_topic  the largest single topic file: what opening one topic costs on a slow link
//   board_code     the contact's board in dist/enlace/ (.wasm + .js + .css): its own build, never
//                  downloaded by trainees (app_code counts only dist/'s top level)
//
// Use: node scripts/budgets.mjs [--dist DIR] [--write]
//   --write  records the measured figures in budgets.json and sets each limit to measured + 5 %
//            (keeps the `why` notes). Only for a deliberate change: say why in the same commit.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const distArg = args.indexOf('--dist');
const DIST = path.resolve(distArg >= 0 ? args[distArg + 1] : path.join(ROOT, 'dist'));
const WRITE = args.includes('--write');
const BUDGETS = path.join(ROOT, 'budgets.json');

export const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

/** Measures dist/: { wasm, app_code, content, content_topic } in gzip -9 bytes, plus detail. */
export function measure(dist = DIST) {
  if (!fs.existsSync(dist)) throw new Error(`${dist} does not exist: run \`trunk build --release\` first`);
  const files = fs.readdirSync(dist).filter((f) => /\.(wasm|js|css)$/.test(f));
  const byExt = { wasm: [0, 0], js: [0, 0], css: [0, 0] };
  for (const f of files) {
    const buf = fs.readFileSync(path.join(dist, f));
    const e = path.extname(f).slice(1);
    byExt[e][0] += buf.length;
    byExt[e][1] += gz(buf);
  }
  if (!byExt.wasm[0]) throw new Error(`no .wasm in ${dist}: run \`trunk build --release\` first`);
  const cdir = path.join(dist, 'contenido');
  const topics = (fs.existsSync(cdir) ? fs.readdirSync(cdir) : []).filter((f) => f.endsWith('.json'))
    .map((f) => { const buf = fs.readFileSync(path.join(cdir, f)); return { file: f, raw: buf.length, gzip: gz(buf) }; });
  if (!topics.length) throw new Error(`no topic files in ${cdir}: the Trunk hook writes them (scripts/precache.mjs)`);
  const largest = topics.reduce((a, b) => (b.gzip > a.gzip ? b : a));
  const bdir = path.join(dist, 'enlace');
  const boardFiles = (fs.existsSync(bdir) ? fs.readdirSync(bdir) : []).filter((f) => /\.(wasm|js|css)$/.test(f));
  if (!boardFiles.some((f) => f.endsWith('.wasm'))) {
    throw new Error(`no .wasm in ${bdir}: build the board with \`trunk build --release --config Trunk.enlace.toml\``);
  }
  const board = boardFiles.reduce((n, f) => n + gz(fs.readFileSync(path.join(bdir, f))), 0);
  const wasmBuf = Buffer.concat(files.filter((f) => f.endsWith('.wasm')).map((f) => fs.readFileSync(path.join(dist, f))));
  return {
    wasm: byExt.wasm[1],
    app_code: byExt.wasm[1] + byExt.js[1] + byExt.css[1],
    content: topics.reduce((n, t) => n + t.gzip, 0),
    content_topic: largest.gzip,
    board_code: board,
    detail: {
      board: boardFiles,
      raw: { wasm: byExt.wasm[0], js: byExt.js[0], css: byExt.css[0], content: topics.reduce((n, t) => n + t.raw, 0) },
      topics,
      largest: largest.file,
      gzip: { wasm: byExt.wasm[1], js: byExt.js[1], css: byExt.css[1] },
      // A Markdown parser or HTML sanitizer in the client would cost ~70-260 KiB gzip (design §B.5).
      pulldown_in_wasm: wasmBuf.includes('pulldown'),
      ammonia_in_wasm: wasmBuf.includes('ammonia') || wasmBuf.includes('html5ever'),
    },
  };
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

function main() {
  const budgets = JSON.parse(fs.readFileSync(BUDGETS, 'utf8'));
  const m = measure();
  const d = m.detail;
  const describe = {
    wasm: `wasm ${kib(d.raw.wasm)} raw`,
    app_code: `wasm ${kib(d.gzip.wasm)} + js ${kib(d.gzip.js)} + css ${kib(d.gzip.css)}`,
    content: `${d.topics.length} topic files, ${kib(d.raw.content)} raw`,
    content_topic: `${d.largest}`,
    board_code: `dist/enlace/: ${d.board.length} files`,
  };
  if (WRITE) {
    for (const [name, b] of Object.entries(budgets.budgets)) {
      b.measured = m[name];
      b.limit = Math.ceil(m[name] * 1.05);
    }
    budgets.measured_on = new Date().toISOString().slice(0, 10);
    fs.writeFileSync(BUDGETS, JSON.stringify(budgets, null, 2) + '\n');
    console.log(`budgets.json updated (limits = measured + 5 %)`);
  }
  const failures = [];
  for (const [name, b] of Object.entries(budgets.budgets)) {
    const got = m[name];
    if (got === undefined) {
      failures.push(`budget "${name}" in budgets.json is not measured by scripts/budgets.mjs`);
      continue;
    }
    const ok = got <= b.limit;
    const change = Math.round((got / b.measured - 1) * 1000) / 10;
    const pct = `${change > 0 ? '+' : ''}${(change === 0 ? 0 : change).toFixed(1)}`;
    console.log(`${ok ? 'ok  ' : 'OVER'} ${name.padEnd(13)} ${kib(got).padStart(10)} gzip-9 / limit ${kib(b.limit)}`
      + ` (committed ${kib(b.measured)}, ${pct} %) · ${describe[name]}`);
    if (!ok) {
      failures.push(`size budget "${name}" exceeded: measured ${got} B gzip-9 > limit ${b.limit} B `
        + `(committed figure ${b.measured} B). If the growth is intended, raise the budget in budgets.json `
        + `in the same change and say why (node scripts/budgets.mjs --write, then edit its "why").`);
    }
  }
  if (d.pulldown_in_wasm || d.ammonia_in_wasm) {
    failures.push('a Markdown parser or HTML sanitizer is linked into the wasm (found "pulldown"/"ammonia"/"html5ever"): '
      + 'content must be rendered at build time (design §B.5.2).');
  }
  // A trainee's first visit is what the app's service worker precaches: the board (its own
  // build, with its own worker since issue 21) must not be in that list.
  const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  const listed = JSON.parse(sw.match(/const PRECACHE = (\[.*?\]);/s)[1]).map(([u]) => u);
  const board = listed.filter((u) => u === '/enlace' || u.startsWith('/enlace/'));
  console.log(`${board.length ? 'OVER' : 'ok  '} trainee precache: ${listed.length} files, ${board.length} of the board`);
  if (board.length) failures.push(`the trainees' service worker precaches the board: ${board.join(', ')}`);
  if (failures.length) {
    for (const f of failures) console.error(`error: ${f}`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    main();
  } catch (e) {
    console.error(`error: ${e.message}`);
    process.exit(1);
  }
}
