// Trunk post_build hook (also usable by hand: node scripts/precache.mjs <dir>).
// 0. As a hook, writes the per-topic content files (contenido/<tema>-<hash>.json) with
//    `curriculum bundle`, then checks that the wasm names exactly the files that are there.
// 1. Adds the Content-Security-Policy to index.html, with the hash of Trunk's inline loader.
// 2. Writes sw.js from public/sw.js with the build's version and the list of every file of the
//    build (except sw.js and the kill switch), each with a content hash as its revision.
// Fails the build if a file index.html references is missing, or a file is over the size limit.
// With --board (hook of Trunk.enlace.toml): only step 1, on the contact's board (dist/enlace/).
// The board is not in the trainees' precache list: they would download it on their first visit.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';

const BOARD = process.argv[2] === '--board';
const dir = (BOARD ? null : process.argv[2]) || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('precache: give the build folder, or run as a Trunk hook (TRUNK_STAGING_DIR)');
  process.exit(1);
}
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const MAX_FILE = 2 * 1024 * 1024;
const EXCLUDE = new Set(['sw.js']);
const EXCLUDE_DIRS = ['enlace/'];
const fail = (msg) => { console.error(`precache: ${msg}`); process.exit(1); };

// 0. Topic files. By hand (a folder given), the folder is taken as it is.
if (!process.argv[2] && !BOARD) {
  execFileSync('cargo', ['run', '-q', '-p', 'curriculum', '--', 'bundle', path.join(root, 'content'), dir], { cwd: root, stdio: 'inherit' });
}
if (!BOARD) {
  const wasm = fs.readdirSync(dir).filter((f) => f.endsWith('.wasm'));
  if (wasm.length !== 1) fail(`expected one .wasm in ${dir}, found ${wasm.length}`);
  const named = new Set(fs.readFileSync(path.join(dir, wasm[0])).toString('latin1').match(/contenido\/[a-z0-9-]+-[0-9a-f]{16}\.json/g) || []);
  const cdir = path.join(dir, 'contenido');
  const present = new Set(fs.existsSync(cdir) ? fs.readdirSync(cdir).map((f) => `contenido/${f}`) : []);
  if (!named.size) fail(`the wasm names no topic file (contenido/*.json)`);
  const absent = [...named].filter((f) => !present.has(f));
  const extra = [...present].filter((f) => !named.has(f));
  if (absent.length) fail(`topic files the app will ask for are missing: ${absent.join(', ')}`);
  if (extra.length) fail(`topic files no longer used by this build: ${extra.join(', ')}`);
}

const indexPath = path.join(dir, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');
// The wasm preload must not compete with the page's own HTML and CSS for a slow link: the
// prerendered page is readable without it. Low priority keeps it early, but behind them.
if (!BOARD) html = html.replace(/<link\b(?=[^>]*\brel="?preload)(?=[^>]*\.wasm)(?![^>]*fetchpriority)/g, '<link fetchpriority=low');

// 1. CSP: only this origin; wasm compilation allowed; the inline loader by its hash.
html = html.replace(/<meta http-equiv="?Content-Security-Policy"?[^>]*>/i, '');
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
const hashes = inline.map((s) => `'sha256-${crypto.createHash('sha256').update(s, 'utf8').digest('base64')}'`);
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
html = html.replace(/<head>|(<meta charset=[^>]*>)/i, (m) => `${m}<meta http-equiv="Content-Security-Policy" content="${csp}">`);
fs.writeFileSync(indexPath, html);
if (BOARD) {
  console.log(`precache: board page with CSP (${hashes.length} inline hash(es)), not precached for trainees`);
  process.exit(0);
}

// 1b. Prerendered pages: the app's own components rendered natively (src/bin/prerender.rs), one
//     page per route that does not depend on the trainee's data; index.html becomes the home
//     page and app.html keeps the loading shell for the other routes. Each page carries the CSP
//     above (same inline loader, same hash).
execFileSync('cargo', ['run', '-q', '--no-default-features', '--features', 'ssr', '--bin', 'prerender', '--', dir], { cwd: root, stdio: 'inherit' });

// 2. Every file of the build, with its content hash.
function walk(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}
const all = walk(dir)
  .map((p) => '/' + path.relative(dir, p).split(path.sep).join('/'))
  .filter((u) => !EXCLUDE.has(u.slice(1)) && !EXCLUDE_DIRS.some((d) => u.slice(1).startsWith(d)))
  .sort();
// Prerendered lesson pages are not precached: together they are about 240 KiB gzip, the same
// text the topic files (precached) already carry. The worker keeps each one once it has been
// opened, and offline serves a lesson never opened as the shell, which the app fills from the
// precached topic file.
const LESSON_PAGE = /^\/tema\/[^/]+\/leccion\/[^/]+\/index\.html$/;
// Every file with its content hash, read once: the precache list and the version use them.
const revisions = all.map((u) => {
  const buf = fs.readFileSync(path.join(dir, u));
  if (buf.length > MAX_FILE && !LESSON_PAGE.test(u)) fail(`${u} is ${buf.length} bytes, over the ${MAX_FILE}-byte limit per file`);
  return [u, crypto.createHash('sha256').update(buf).digest('hex').slice(0, 16)];
});
const entries = revisions.filter(([u]) => !LESSON_PAGE.test(u));

// Every URL index.html references must be in the build: a file, or a route's prerendered page.
const refs = new Set();
for (const m of html.matchAll(/\b(?:href|src)=["']?(\/[^"'\s>]+)/g)) refs.add(m[1]);
for (const m of html.matchAll(/from\s+'(\/[^']+)'|module_or_path:\s*'(\/[^']+)'/g)) refs.add(m[1] || m[2]);
const listed = new Set(all);
const missing = [...refs]
  .map((r) => r.split('#')[0].split('?')[0])
  .filter((r) => !listed.has(r) && !listed.has(`${r.replace(/\/$/, '')}/index.html`));
if (missing.length) fail(`index.html references files that are not in the build: ${missing.join(', ')}`);
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.webmanifest'), 'utf8'));
for (const icon of manifest.icons) if (!listed.has(icon.src)) fail(`manifest icon missing: ${icon.src}`);

// The version covers every file, the lesson pages too (a changed page must reach old caches).
const version = crypto.createHash('sha256').update(JSON.stringify(revisions)).digest('hex').slice(0, 12);
const template = fs.readFileSync(path.join(root, 'public', 'sw.js'), 'utf8');
const sw = template
  .replace("'__JORNADA_VERSION__'", JSON.stringify(version))
  .replace('__JORNADA_PRECACHE__', JSON.stringify(entries));
fs.writeFileSync(path.join(dir, 'sw.js'), sw);
console.log(`precache: version ${version}, ${entries.length} files, CSP with ${hashes.length} inline hash(es)`);
