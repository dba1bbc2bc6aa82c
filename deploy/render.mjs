// Fills in the hosting templates of deploy/ for one build, and reads _headers files.
//
// The Content-Security-Policy carries the SHA-256 of each page's inline loader, so it changes with
// every build: it is never written here by hand but read from the build's own pages (the meta tag
// scripts/precache.mjs writes), so the HTTP header and the meta tag cannot drift apart.
//
//   node deploy/render.mjs nginx DIST PORT PREFIX [USER]  > PREFIX/nginx.conf
//   node deploy/render.mjs headers DIST                   > DIST/_headers   (after the build)
//   node deploy/render.mjs precompress DIR    FILE.br (brotli 11) and FILE.gz (gzip -9) beside
//                                             each text file and the wasm, for nginx's *_static
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const DEPLOY = path.dirname(fileURLToPath(import.meta.url));

/** The policy of the CSP meta tag of an HTML file, or null when it has none. */
export function metaCsp(file) {
  const html = fs.readFileSync(file, 'utf8');
  const m = html.match(/<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/i);
  return m ? m[1] : null;
}

/** The two policies of a build: the app's (dist/index.html) and the board's (dist/enlace/). */
export function policies(dist) {
  const app = metaCsp(path.join(dist, 'index.html'));
  if (!app) throw new Error(`${dist}/index.html has no Content-Security-Policy meta tag`);
  const boardPage = path.join(dist, 'enlace', 'index.html');
  // Without the board's build, its policy is the app's (the board is then a 404 anyway).
  const board = fs.existsSync(boardPage) ? metaCsp(boardPage) || app : app;
  for (const p of [app, board]) {
    if (/["\\$\n]/.test(p)) throw new Error(`unexpected character in the CSP: ${p}`);
  }
  return { app, board };
}

function fill(template, values) {
  const out = template.replace(/@([A-Z_]+)@/g, (m, k) => {
    if (!(k in values)) throw new Error(`no value for ${m}`);
    return values[k];
  });
  return out;
}

/**
 * deploy/nginx.conf for `dist` on `port` (a number, or "addr:port"), with pid, logs and temp
 * files under `prefix`. `root`: where nginx finds the files, when not at `dist` (the tests serve
 * through a symlink they can swap). `user`: the workers' user, needed only when nginx starts as
 * root.
 */
export function renderNginx({ dist, root = dist, port, prefix, user = null }) {
  const { app, board } = policies(dist);
  const listen = /^\d+$/.test(String(port)) ? `127.0.0.1:${port}` : String(port);
  return fill(fs.readFileSync(path.join(DEPLOY, 'nginx.conf'), 'utf8'), {
    ROOT: path.resolve(root),
    LISTEN: listen,
    PREFIX: path.resolve(prefix),
    USER: user ? `user ${user};` : '',
    CSP_APP: app,
    CSP_BOARD: board,
  });
}

/** deploy/_headers for `dist` (to be written as dist/_headers when publishing). */
export function renderHeaders(dist) {
  const { app, board } = policies(dist);
  return fill(fs.readFileSync(path.join(DEPLOY, '_headers'), 'utf8'), { CSP_APP: app, CSP_BOARD: board });
}

/** Parses a _headers file: [{ pattern, headers: [[name, value]] }], in order. */
export function parseHeaders(text) {
  const rules = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim() || line.trim().startsWith('#')) return;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
      return;
    }
    const m = line.trim().match(/^([A-Za-z0-9-]+):\s*(.*)$/);
    if (!m || !rules.length) throw new Error(`_headers line ${i + 1}: not "Name: value" under a path`);
    rules.at(-1).headers.push([m[1].toLowerCase(), m[2]]);
  });
  return rules;
}

/**
 * The headers a _headers host sends for a request path: every rule whose pattern matches
 * (`*` matches anything, "/" included) contributes; a header set by two rules gets both values
 * joined with ", " (as Cloudflare Pages and others do: rules are written not to overlap).
 */
export function headersFor(rules, urlPath) {
  const out = new Map();
  for (const r of rules) {
    const re = new RegExp(`^${r.pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    if (!re.test(urlPath)) continue;
    for (const [k, v] of r.headers) out.set(k, out.has(k) ? `${out.get(k)}, ${v}` : v);
  }
  return out;
}

/** Kinds of file worth compressing (the others are images already compressed). */
export const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|webmanifest|svg|txt)$/;

/**
 * Writes FILE.br and FILE.gz beside every compressible file under `dir` (a copy being published,
 * never the build the tests and the service worker's precache list are made from). Brotli 11 is
 * 12 % smaller than the brotli 5 nginx can afford per request, but takes seconds per file.
 * Returns the number of files compressed.
 */
export function precompress(dir) {
  let n = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (COMPRESSIBLE.test(e.name)) {
        const raw = fs.readFileSync(p);
        fs.writeFileSync(`${p}.br`, zlib.brotliCompressSync(raw, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
        }));
        fs.writeFileSync(`${p}.gz`, zlib.gzipSync(raw, { level: 9 }));
        n++;
      }
    }
  };
  walk(dir);
  return n;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [what, dist = 'dist', port = '8080', prefix, user] = process.argv.slice(2);
  if (what === 'nginx' && prefix) {
    process.stdout.write(renderNginx({ dist, port, prefix, user }));
  } else if (what === 'headers') {
    process.stdout.write(renderHeaders(dist));
  } else if (what === 'precompress') {
    console.error(`precompress: ${precompress(dist)} files in ${dist}`);
  } else {
    console.error('use: node deploy/render.mjs nginx DIST PORT PREFIX [USER] | headers DIST | precompress DIR');
    process.exit(2);
  }
}
