// The hosting configuration (deploy/): nginx started from deploy/nginx.conf, as every e2e test
// uses it, sends the right type, caching, CSP and security headers for every file of the build,
// compresses, serves prerendered pages, falls back to the app only on its routes and answers a real
// 404 elsewhere; deploy/_headers gives static hosts exactly the same headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST, serve } from './lib.mjs';
import { startNginx } from './nginx.mjs';
import { APP_ROUTES, TYPES } from './server.mjs';
import { metaCsp, renderHeaders, parseHeaders, headersFor, precompress } from '../deploy/render.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

/** GET (or HEAD) with exactly the given request headers; the body as sent (not decoded). */
function get(url, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    http.request(url, { method, headers }, (r) => {
      const chunks = [];
      r.on('data', (c) => chunks.push(c));
      r.on('end', () => resolve({ status: r.statusCode, headers: r.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

function files(dir) {
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true })
    .flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
  return walk(dir).map((p) => '/' + path.relative(dir, p).split(path.sep).join('/')).sort();
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
// Request paths that are no file: the app's client-side routes, and the board's folder.
const ROUTES = ['/', '/tema/modelo', '/tema/modelo/leccion/una', '/tema/modelo/evaluacion/abc123', '/glosario',
  '/ayuda/', '/privacidad', '/buscar', '/perfil', '/respaldo', '/bienvenida', '/repaso', '/constancia/curso'];

test('every file of the build is served with its type, cache life and security headers', async () => {
  const all = files(DIST);
  assert.ok(all.includes('/enlace/index.html') && all.some((f) => f.endsWith('.wasm')), 'app and board are built');
  for (const f of all) {
    const r = await get(server.url + f, {}, 'HEAD');
    assert.equal(r.status, 200, f);
    const ext = path.extname(f);
    assert.equal(r.headers['content-type'], TYPES[ext], `type of ${f}`);
    // Trunk's hashes are 15-16 hex digits, the topic files' 16: those never change.
    const hashed = /-[0-9a-f]{15,16}(_bg)?\.(js|wasm|css|json)$/.test(f);
    assert.equal(r.headers['cache-control'], hashed ? IMMUTABLE : 'no-cache', `cache of ${f}`);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', f);
    assert.equal(r.headers['referrer-policy'], 'no-referrer', f);
    assert.equal(r.headers['service-worker-allowed'], f === '/sw.js' ? '/' : undefined, f);
  }
  // What a trainee's browser must revalidate to get a new release: shell, worker, manifest.
  for (const f of ['/index.html', '/sw.js', '/manifest.webmanifest']) assert.ok(all.includes(f), f);
  assert.ok(all.some((f) => /^\/contenido\/.+-[0-9a-f]{16}\.json$/.test(f)), 'topic files are hashed');
});

test('the CSP header of every page equals the meta tag the build wrote into it', async () => {
  const pages = files(DIST).filter((f) => f.endsWith('.html'));
  let withMeta = 0;
  for (const f of pages) {
    const meta = metaCsp(path.join(DIST, f));
    const r = await get(server.url + f, {}, 'HEAD');
    assert.equal(r.headers['content-security-policy'], meta ?? undefined, `CSP of ${f}`);
    if (meta) withMeta++;
  }
  assert.ok(withMeta >= 2, 'the app and the board carry a policy');
  const app = metaCsp(path.join(DIST, 'index.html'));
  assert.match(app, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(app, /'unsafe-inline'|'unsafe-eval'/);
  // Routes answered by the shell carry the shell's policy; the board its own.
  for (const route of ROUTES) {
    assert.equal((await get(server.url + route, {}, 'HEAD')).headers['content-security-policy'], app, route);
  }
  const board = metaCsp(path.join(DIST, 'enlace', 'index.html'));
  assert.notEqual(board, app, 'the board has its own inline loader');
  assert.equal((await get(server.url + '/enlace/')).headers['content-security-policy'], board);
  assert.equal((await get(server.url + '/sw.js', {}, 'HEAD')).headers['content-security-policy'], app);
});

test('nginx falls back to the shell on the same routes as the app (APP_ROUTES)', () => {
  const conf = fs.readFileSync(new URL('../deploy/nginx.conf', import.meta.url), 'utf8');
  const map = conf.match(/map \$uri \$jornada_app_route \{([^}]*)\}/)[1];
  const routes = [...map.matchAll(/^\s*~(\S+)\s+1;$/gm)].map((m) => m[1]);
  assert.deepEqual(routes, APP_ROUTES.map((r) => r.source.replaceAll('\\/', '/')));
  for (const route of ROUTES) assert.ok(APP_ROUTES.some((r) => r.test(route.split('?')[0])), route);
});

test('app routes get their prerendered page or the shell, other missing paths a real 404, /enlace/ the board', async () => {
  const shell = fs.readFileSync(path.join(DIST, 'app.html'));
  let pages = 0;
  for (const route of ROUTES) {
    const r = await get(server.url + route);
    assert.equal(r.status, 200, route);
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8', route);
    assert.equal(r.headers['cache-control'], 'no-cache', route);
    const own = path.join(DIST, route.replace(/^\/|\/$/g, ''), 'index.html');
    if (fs.existsSync(own)) {
      pages += 1;
      assert.ok(r.body.equals(fs.readFileSync(own)), `${route} is its prerendered page`);
    } else {
      assert.ok(r.body.equals(shell), `${route} is the app shell`);
    }
  }
  assert.ok(pages >= ROUTES.length - 2, 'every route but a made-up lesson and a result page has its own page');
  for (const p of ['/nada', '/api/algo', '/nada.js', '/contenido', '/contenido/', '/tema/', '/glosario/x',
    '/constancia/curso/x', '/enlace/nada', '/_headers', '/index.html/x']) {
    const r = await get(server.url + p);
    assert.equal(r.status, 404, p);
    assert.equal(r.body.toString(), 'No encontrado\n', p);
    assert.equal(r.headers['cache-control'], 'no-cache', p);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', p);
  }
  const moved = await get(server.url + '/enlace');
  assert.equal(moved.status, 301);
  assert.equal(moved.headers.location, '/enlace/');
  const board = await get(server.url + '/enlace/');
  assert.equal(board.status, 200);
  assert.ok(board.body.equals(fs.readFileSync(path.join(DIST, 'enlace', 'index.html'))));
});

test('compression: brotli when accepted, else gzip, else none; the same bytes once decoded', async () => {
  const wasm = files(DIST).find((f) => /^\/jornada-.*\.wasm$/.test(f));
  const raw = fs.readFileSync(path.join(DIST, wasm));
  const br = await get(server.url + wasm, { 'accept-encoding': 'gzip, deflate, br' });
  const gz = await get(server.url + wasm, { 'accept-encoding': 'gzip' });
  const none = await get(server.url + wasm);
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(none.headers['content-encoding'], undefined);
  for (const r of [br, gz, none]) {
    assert.equal(r.headers['content-type'], 'application/wasm');
    assert.equal(r.headers['cache-control'], IMMUTABLE);
    assert.match(r.headers.vary || 'Accept-Encoding', /Accept-Encoding/);
  }
  assert.ok(zlib.brotliDecompressSync(br.body).equals(raw));
  assert.ok(zlib.gunzipSync(gz.body).equals(raw));
  assert.ok(none.body.equals(raw));
  assert.ok(br.body.length < gz.body.length && gz.body.length < raw.length,
    `br ${br.body.length} < gzip ${gz.body.length} < raw ${raw.length}`);
  // Text files too; images are not compressed again.
  for (const f of ['/index.html', '/sw.js', '/manifest.webmanifest', files(DIST).find((x) => x.endsWith('.css'))]) {
    assert.equal((await get(server.url + f, { 'accept-encoding': 'br' })).headers['content-encoding'], 'br', f);
  }
  const png = files(DIST).find((f) => f.endsWith('.png'));
  assert.equal((await get(server.url + png, { 'accept-encoding': 'br, gzip' })).headers['content-encoding'], undefined);
});

test('a published copy: prerendered pages first, precompressed files as they are', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jornada-publicado-'));
  // The app alone (brotli 11 on the board's wasm too would only slow the test down).
  fs.cpSync(DIST, dir, { recursive: true, filter: (src) => src !== path.join(DIST, 'enlace') });
  assert.ok(precompress(dir) > 10);
  const nginx = await startNginx({ root: dir });
  try {
    // Each route its own prerendered page (dist/<route>/index.html), with or without the slash.
    for (const [url, file] of [['/glosario', 'glosario'], ['/glosario/', 'glosario'], ['/tema/modelo', 'tema/modelo']]) {
      const r = await get(nginx.url + url);
      assert.equal(r.status, 200, url);
      assert.ok(r.body.equals(fs.readFileSync(path.join(dir, file, 'index.html'))), url);
      assert.equal(r.headers['cache-control'], 'no-cache', url);
      assert.equal(r.headers['content-security-policy'], metaCsp(path.join(DIST, 'index.html')), url);
    }
    // Routes without a page of their own get the shell; a lesson's page is not its topic's.
    for (const url of ['/tema/modelo/leccion/una', '/tema/modelo/evaluacion/x1']) {
      const r = await get(nginx.url + url);
      assert.equal(r.status, 200, url);
      assert.ok(r.body.equals(fs.readFileSync(path.join(dir, 'app.html'))), url);
    }
    // The brotli-11 file is sent as written at publication (not compressed again per request).
    const wasm = files(DIST).find((f) => /^\/jornada-.*\.wasm$/.test(f));
    const br = await get(nginx.url + wasm, { 'accept-encoding': 'br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.ok(br.body.equals(fs.readFileSync(path.join(dir, `${wasm}.br`))));
    const gz = await get(nginx.url + wasm, { 'accept-encoding': 'gzip' });
    assert.ok(gz.body.equals(fs.readFileSync(path.join(dir, `${wasm}.gz`))));
    assert.equal(br.headers['content-type'], 'application/wasm');
    assert.equal(br.headers['cache-control'], IMMUTABLE);
  } finally {
    await nginx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('deploy/_headers gives a static host the same headers nginx sends', async () => {
  const text = renderHeaders(DIST);
  assert.doesNotMatch(text, /@[A-Z_]+@/, 'every placeholder is filled');
  const rules = parseHeaders(text);
  const checked = ['cache-control', 'content-security-policy', 'service-worker-allowed', 'x-content-type-options', 'referrer-policy'];
  const paths = [...files(DIST), ...ROUTES, '/enlace/', '/glosario/', '/tema/modelo/'];
  for (const p of paths) {
    const want = await get(server.url + p, {}, 'HEAD');
    assert.equal(want.status, 200, p);
    const got = headersFor(rules, p);
    for (const h of checked) assert.equal(got.get(h), want.headers[h], `${h} of ${p}`);
  }
  assert.equal(headersFor(rules, '/sw.js').get('service-worker-allowed'), '/');
});
