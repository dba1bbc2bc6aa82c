// A small static server for the release build, as a static host would serve it:
// correct MIME types (application/wasm), brotli or gzip when the client accepts it (as CDNs and
// static hosts such as Netlify or Cloudflare Pages do; Chromium accepts br even on loopback
// http), compressed once per file and kept, the app shell for app
// routes only (deep links), no-cache for index.html and sw.js, immutable for hashed assets.
// It counts requests per path so tests can check that a repeat visit makes none.
//
// Use: node e2e/server.mjs [dir=dist] [port=8080]     (binds 127.0.0.1 only)

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** Content type per file extension (e2e/nginx.test.mjs expects nginx to send the same). */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt']);
// The app's client-side routes: only these fall back to index.html (deploy/nginx.conf has the
// same list; e2e/nginx.test.mjs checks it).
export const APP_ROUTES = [/^\/$/, /^\/tema\/[^/]+(\/.*)?$/, /^\/glosario\/?$/, /^\/ayuda\/?$/, /^\/privacidad\/?$/, /^\/buscar\/?$/, /^\/perfil\/?$/, /^\/respaldo\/?$/, /^\/bienvenida\/?$/, /^\/repaso\/?$/, /^\/constancia\/[^/]+$/];
// Trunk's file hashes are 15 or 16 hex digits; topic files (contenido/) carry 16.
const HASHED = /-[0-9a-f]{15,16}(_bg)?\.(js|wasm|css|json)$/;

/** Headers a file is served with (shared with the header test). */
export function headersFor(urlPath) {
  const ext = path.extname(urlPath);
  const h = { 'Content-Type': TYPES[ext] || 'application/octet-stream', 'X-Content-Type-Options': 'nosniff' };
  if (urlPath === '/sw.js' || ext === '.html' || urlPath === '/' || ext === '.webmanifest') {
    h['Cache-Control'] = 'no-cache';
  } else if (HASHED.test(urlPath)) {
    h['Cache-Control'] = 'public, max-age=31536000, immutable';
  } else {
    h['Cache-Control'] = 'no-cache';
  }
  if (urlPath === '/sw.js') h['Service-Worker-Allowed'] = '/';
  return h;
}

export function isAppRoute(p) {
  return APP_ROUTES.some((r) => r.test(p));
}

const compressed = new Map();
/** The body of `file` in `encoding` ('br' at quality 11, 'gzip' at level 9), cached by mtime. */
export function encode(file, encoding) {
  const st = fs.statSync(file);
  const key = `${file}\0${st.mtimeMs}\0${st.size}\0${encoding}`;
  if (!compressed.has(key)) {
    const raw = fs.readFileSync(file);
    compressed.set(key, encoding === 'br'
      ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : zlib.gzipSync(raw, { level: 9 }));
  }
  return compressed.get(key);
}

/**
 * Starts a server; resolves to { port, url, counts, sent, reset(), setRoot(dir), close() }.
 * `sent` maps each path to the body bytes sent for it (as encoded), summed over requests.
 * `gzip: false` serves everything uncompressed; `brotli: false` offers gzip only.
 */
export function startServer({ root = 'dist', port = 0, gzip = true, brotli = true } = {}) {
  let dir = path.resolve(root);
  const counts = new Map();
  const sent = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let p = decodeURIComponent(url.pathname);
    counts.set(p, (counts.get(p) || 0) + 1);
    if (p.includes('..')) {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(dir, p);
    let served = p;
    if (p === '/enlace') {
      // The contact's board is its own app in dist/enlace/ (relative URLs need the slash).
      res.writeHead(301, { Location: '/enlace/', 'Cache-Control': 'no-cache' }).end();
      return;
    }
    if (p.endsWith('/') && p !== '/' && fs.existsSync(path.join(file, 'index.html'))) {
      file = path.join(file, 'index.html');
      served = `${p}index.html`;
    } else if (p.endsWith('/') || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      const page = `${p.replace(/\/+$/, '')}/index.html`;
      if (isAppRoute(p) && fs.existsSync(path.join(dir, page))) {
        // The route's prerendered page.
        file = path.join(dir, page);
        served = page;
      } else if (isAppRoute(p)) {
        // The loading shell (app.html; index.html in builds from before prerendering).
        served = fs.existsSync(path.join(dir, 'app.html')) ? '/app.html' : '/index.html';
        file = path.join(dir, served);
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
        res.end('No encontrado');
        return;
      }
    }
    const headers = headersFor(served);
    let body;
    const ext = path.extname(served);
    const accept = req.headers['accept-encoding'] || '';
    const enc = !gzip || !COMPRESSIBLE.has(ext) ? null
      : brotli && /\bbr\b/.test(accept) ? 'br'
      : /\bgzip\b/.test(accept) ? 'gzip' : null;
    if (enc) {
      body = encode(file, enc);
      headers['Content-Encoding'] = enc;
      headers['Vary'] = 'Accept-Encoding';
    } else {
      body = fs.readFileSync(file);
    }
    headers['Content-Length'] = body.length;
    if (req.method !== 'HEAD') sent.set(p, (sent.get(p) || 0) + body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      resolve({
        port: actual,
        url: `http://127.0.0.1:${actual}`,
        counts,
        sent,
        reset: () => { counts.clear(); sent.clear(); },
        setRoot: (d) => { dir = path.resolve(d); },
        close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
      });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = process.argv[2] || 'dist';
  const port = Number(process.argv[3] || 8080);
  startServer({ root, port }).then((s) => {
    console.log(`Jornada en ${s.url}/  (Ctrl+C para detener)`);
  });
}
