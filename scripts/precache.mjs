// Trunk post_build hook (also usable by hand: node scripts/precache.mjs <dir>).
// 0. As a hook, writes the per-topic content files (contenido/<tema>-<hash>.json) with
//    `curriculum bundle`, then checks that the wasm names exactly the files that are there.
// 1. In index.html: the stylesheet inlined (1a), the wasm fetched at first paint (1a'), and the
//    Content-Security-Policy, with the hashes of the inline scripts and style. Then the
//    prerendered pages (1b) and, for the service worker, each page's copy that links the
//    stylesheet instead (1c).
// 2. Writes sw.js from public/sw.js with the build's version and the list of every file of the
//    build (except sw.js and the kill switch), each with a content hash as its revision.
// Fails the build if a file index.html references is missing, or a file is over the size limit.
// With --board (hook of Trunk.enlace.toml): step 1 on the contact's board (dist/enlace/), and its
// own service worker, enlace/sw.js (public/enlace-sw.js), with the board's files.
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
const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// 1a. First paint without a second round trip. A first visit on a slow link (Slow 4G: 562 ms per
//     request) used to wait for the stylesheet after the HTML: Trunk's <link rel=stylesheet> is
//     replaced by the same CSS in a <style> (allowed by its hash in the CSP), so the page paints
//     as soon as its HTML is in. `data-file` names the file, so the hook can run again on its own
//     output. The service worker does not precache these copies (the CSS ~3.7 KiB brotli in each
//     of ~25 pages): it precaches a copy of each page that links the stylesheet, `<page>.sw.html`
//     (step 1c), and serves it under the page's own URL.
function inlineStyle(page) {
  const link = page.match(/<link\b(?=[^>]*\brel="?stylesheet)[^>]*\bhref="?\/([\w.-]+\.css)"?[^>]*>/);
  const done = page.match(/<style data-file="?\/([\w.-]+\.css)"?>/);
  const file = link ? link[1] : done && done[1];
  if (!file) fail('index.html has no stylesheet link to inline');
  if (!fs.existsSync(path.join(dir, file))) fail(`index.html references files that are not in the build: /${file}`);
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  if (/<\/style/i.test(text)) fail(`${file} contains "</style": it cannot be inlined`);
  const tag = `<style data-file="/${file}">${text}</style>`;
  const out = link ? page.replace(link[0], () => tag) : page.replace(/<style data-file[^>]*>[\s\S]*?<\/style>/, () => tag);
  return { html: out, styleFile: `/${file}`, styleText: text };
}

// 1a'. The wasm is fetched once the page has painted, not while it loads. On a first visit the
//     prerendered page is readable without it, and a fetch started with the HTML only competes
//     with that HTML for a slow link; starting it at first paint costs the app almost nothing (the
//     HTML is in by then) and keeps the page's own paint free of it (Lighthouse's simulated LCP
//     counted the wasm preload as a dependency of the first paint). A small inline script starts
//     the fetch at first contentful paint (at once when the service worker serves the page), and
//     Trunk's loader takes that response (wasm-bindgen's init accepts a
//     Promise<Response>, and compiles it while it streams in).
function lateWasm(page) {
  if (page.includes('__jornadaWasm=')) return page; // the hook already ran on this folder
  const preload = page.match(/<link\b(?=[^>]*\brel="?preload)[^>]*\bhref="?(\/[\w.-]+\.wasm)"?[^>]*>/);
  if (!preload) fail('index.html has no wasm preload (Trunk\'s loader changed?)');
  const wasm = preload[1];
  const loader = /module_or_path:\s*'(\/[\w.-]+\.wasm)'/;
  if (!loader.test(page)) fail('Trunk\'s loader does not name the wasm as expected');
  // At once when the service worker answers (a repeat visit or offline: no link to share) or in
  // a browser without paint timing. A tab in the background never paints: at `load`.
  const script = '<script>(function(){var s,go=function(){if(s){s(fetch(' + JSON.stringify(wasm) + '));s=null}};'
    + 'self.__jornadaWasm=new Promise(function(r){s=r});var P=self.PerformanceObserver,W=navigator.serviceWorker;'
    + 'if(W&&W.controller||!P||!P.supportedEntryTypes||P.supportedEntryTypes.indexOf("paint")<0)return go();'
    + 'new P(function(l,o){if(l.getEntriesByName("first-contentful-paint").length){o.disconnect();setTimeout(go)}})'
    + '.observe({type:"paint",buffered:true});'
    + 'addEventListener("load",function(){setTimeout(go,document.hidden?0:3000)})})()</script>';
  return page
    .replace(preload[0], '')
    .replace(loader, (m, url) => `module_or_path: self.__jornadaWasm || '${url}'`)
    .replace(/<script type="?module"?>/, (m) => script + m);
}

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
// The stylesheet, inlined into every page the trainee's browser gets from the network (see 1a).
let styleFile = null;
let styleText = null;
if (!BOARD) ({ html, styleFile, styleText } = inlineStyle(html));
if (!BOARD) html = lateWasm(html);

// 1. CSP: only this origin; wasm compilation allowed; the inline loader by its hash.
html = html.replace(/<meta http-equiv="?Content-Security-Policy"?[^>]*>/i, '');
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
const hashes = inline.map(sha256);
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  `style-src 'self'${styleText === null ? '' : ` ${sha256(styleText)}`}`,
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
  // The board's own service worker (public/enlace-sw.js, scope /enlace/): every file of the
  // board's build, its page under /enlace/, and the icon it links. Trainees never fetch it.
  const own = walk(dir).map((p) => path.relative(dir, p).split(path.sep).join('/')).filter((f) => f !== 'sw.js').sort();
  const list = own.map((f) => (f === 'index.html' ? '/enlace/' : `/enlace/${f}`)).concat(['/icons/icono-192.png']);
  const revisions = own.map((f) => [f, crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex')]);
  const boardVersion = crypto.createHash('sha256').update(JSON.stringify(revisions)).digest('hex').slice(0, 12);
  const worker = fs.readFileSync(path.join(root, 'public', 'enlace-sw.js'), 'utf8')
    .replace("'__ENLACE_VERSION__'", JSON.stringify(boardVersion))
    .replace('__ENLACE_PRECACHE__', JSON.stringify(list));
  fs.writeFileSync(path.join(dir, 'sw.js'), worker);
  console.log(`precache: board page with CSP (${hashes.length} inline hash(es)); its own worker enlace/sw.js (version ${boardVersion}, ${list.length} files), not precached for trainees`);
  process.exit(0);
}

// 1b. Prerendered pages: the app's own components rendered natively (src/bin/prerender.rs), one
//     page per route that does not depend on the trainee's data; index.html becomes the home
//     page and app.html keeps the loading shell for the other routes. Each page carries the CSP
//     above (same inline loader, same hash).
execFileSync('cargo', ['run', '-q', '--no-default-features', '--features', 'ssr', '--bin', 'prerender', '--', dir], { cwd: root, stdio: 'inherit' });

// 1c. The copies the service worker precaches: each page with the stylesheet linked again (see
//     1a), under `<page>.sw.html`. Lesson pages have none: they are not precached. Together they
//     are about 240 KiB gzip, the same text the topic files (precached) already carry. The worker
//     keeps each one once it has been opened, and offline serves a lesson never opened as the
//     shell, which the app fills from the precached topic file.
const LESSON_PAGE = /^\/tema\/[^/]+\/leccion\/[^/]+\/index\.html$/;
const SW_COPY = /\.sw\.html$/;
const swCopy = (u) => (u.endsWith('.html') ? u.replace(/\.html$/, '.sw.html') : null);
const styleTag = `<style data-file="${styleFile}">${styleText}</style>`;
const linked = `<link rel=stylesheet href=${styleFile}>`;
for (const u of files().filter((u) => u.endsWith('.html') && !SW_COPY.test(u) && !LESSON_PAGE.test(u))) {
  const page = fs.readFileSync(path.join(dir, u), 'utf8');
  if (!page.includes(styleTag)) continue; // salida.html: no app stylesheet
  fs.writeFileSync(path.join(dir, swCopy(u)), page.replace(styleTag, () => linked));
}

// 2. Every file of the build (sw.js and the board excepted), as URL paths, sorted.
function walk(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}
function files() {
  return walk(dir)
    .map((p) => '/' + path.relative(dir, p).split(path.sep).join('/'))
    .filter((u) => !EXCLUDE.has(u.slice(1)) && !EXCLUDE_DIRS.some((d) => u.slice(1).startsWith(d)))
    .sort();
}
const all = files();
// Every file with its content hash, read once: the precache list and the version use them.
const revisions = all.map((u) => {
  const buf = fs.readFileSync(path.join(dir, u));
  if (buf.length > MAX_FILE && !LESSON_PAGE.test(u)) fail(`${u} is ${buf.length} bytes, over the ${MAX_FILE}-byte limit per file`);
  return [u, crypto.createHash('sha256').update(buf).digest('hex').slice(0, 16)];
});
// A page with a copy for the service worker is precached from that copy (see 1a and 1c).
const revision = new Map(revisions);
const entries = revisions
  .filter(([u]) => !LESSON_PAGE.test(u) && !SW_COPY.test(u))
  .map(([u, rev]) => (swCopy(u) && revision.has(swCopy(u)) ? [u, revision.get(swCopy(u)), swCopy(u)] : [u, rev]));

// Every URL index.html references must be in the build: a file, or a route's prerendered page.
const refs = new Set();
for (const m of html.matchAll(/\b(?:href|src)=["']?(\/[^"'\s>]+)/g)) refs.add(m[1]);
for (const m of html.matchAll(/from\s+'(\/[^']+)'|module_or_path:[^']*'(\/[^']+)'/g)) refs.add(m[1] || m[2]);
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
