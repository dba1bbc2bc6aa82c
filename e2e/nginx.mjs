// Runs Debian's nginx with deploy/nginx.conf for a build, unprivileged and self-contained: the
// rendered config, pid, logs and temp files all live in a fresh temp folder, removed on close.
// Same shape as e2e/server.mjs's startServer (url, counts, reset, setRoot, close), so tests
// use either. Request counts come from nginx's access log (one unbuffered line per request).
//
// Use: node e2e/nginx.mjs [dir=dist] [port=8080]     (binds 127.0.0.1 only; Ctrl+C stops)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderNginx } from '../deploy/render.mjs';

export const NGINX = process.env.NGINX || '/usr/sbin/nginx';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function answers(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Points `link` at `dir` atomically (nginx follows it on each request). */
function pointAt(link, dir) {
  const tmp = `${link}.${process.pid}.${Date.now()}`;
  fs.symlinkSync(path.resolve(dir), tmp);
  fs.renameSync(tmp, link);
}

async function startOnce(root, port) {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'jornada-nginx-'));
  fs.mkdirSync(path.join(prefix, 'tmp'));
  const link = path.join(prefix, 'root');
  pointAt(link, root);
  // As root (CI), nginx would drop its workers to "nobody", who may not read the build.
  const user = process.getuid?.() === 0 ? 'root' : null;
  // The policy comes from the build being served; setRoot() swaps only the files.
  try {
    fs.writeFileSync(path.join(prefix, 'nginx.conf'), renderNginx({ dist: root, root: link, port, prefix, user }));
  } catch (e) {
    fs.rmSync(prefix, { recursive: true, force: true });
    throw e;
  }
  const errlog = path.join(prefix, 'error.log');
  const child = spawn(NGINX, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', errlog, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // A test process that ends without close() must not leave nginx running.
  const stop = () => child.kill('SIGTERM');
  process.on('exit', stop);
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  let exited = null;
  const done = new Promise((r) => child.on('exit', (code, sig) => {
    exited = { code, sig };
    process.off('exit', stop);
    r();
  }));
  const deadline = Date.now() + 10000;
  while (!exited && !(await answers(port))) {
    if (Date.now() > deadline) break;
    await sleep(50);
  }
  if (exited || !(await answers(port))) {
    if (!exited) child.kill('SIGKILL');
    await done;
    const log = fs.existsSync(errlog) ? fs.readFileSync(errlog, 'utf8') : '';
    fs.rmSync(prefix, { recursive: true, force: true });
    return { error: `nginx did not start on port ${port}: ${stderr}${log}` };
  }
  return { prefix, link, child, done };
}

/**
 * Starts nginx on `root`; resolves to { port, url, counts, reset(), setRoot(dir), close(), prefix }.
 * `counts` maps each request path to its number of requests since start or reset().
 */
export async function startNginx({ root = 'dist', port = 0 } = {}) {
  let started;
  for (let attempt = 0; attempt < 5; attempt++) {
    const p = port || await freePort();
    started = await startOnce(root, p);
    if (!started.error) {
      port = p;
      break;
    }
    if (port && !/Address already in use/.test(started.error)) break;
  }
  if (started.error) throw new Error(started.error);
  const { prefix, link, child, done } = started;
  const access = path.join(prefix, 'access.log');
  let from = 0;
  const readCounts = () => {
    const counts = new Map();
    if (!fs.existsSync(access)) return counts;
    const text = fs.readFileSync(access).subarray(from).toString('utf8');
    for (const line of text.split('\n')) {
      if (!line) continue;
      const uri = line.split(' ')[0];
      let p = uri.split('?')[0];
      try { p = decodeURIComponent(p); } catch { /* kept as sent */ }
      counts.set(p, (counts.get(p) || 0) + 1);
    }
    return counts;
  };
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    prefix,
    get counts() { return readCounts(); },
    reset: () => { from = fs.existsSync(access) ? fs.statSync(access).size : 0; },
    setRoot: (dir) => pointAt(link, dir),
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await done;
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = process.argv[2] || 'dist';
  const port = Number(process.argv[3] || 8080);
  startNginx({ root, port }).then((s) => {
    console.log(`Jornada (nginx) en ${s.url}/  (Ctrl+C para detener; config en ${s.prefix}/nginx.conf)`);
    const stop = () => s.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
