#!/usr/bin/env node
// Lighthouse 12.2.3 with its mobile defaults against one URL, for scripts/bench.mjs (design B.5.7).
//
// Lighthouse lives in bench/lighthouse/ (its own package.json and lock, pinned at 12.2.3: the last
// version that runs on Node 20; 13 needs Node 22), out of the root package.json so the test run's
// `npm ci` stays small. scripts/bench.sh installs it: `npm ci --prefix bench/lighthouse`.
//
// Mobile defaults = no preset and no throttling flags: form factor mobile (Moto G Power screen
// emulation), simulated throttling (Lantern: the page loads unthrottled, then the metrics are
// computed for 150 ms RTT, 1638.4 kbit/s down, 675 kbit/s up, 4× CPU). Only the categories the design
// asks for are run (performance, accessibility, best-practices): SEO is skipped to save time, which
// does not change the other scores. Debian's Chromium is started by chrome-launcher with a fresh
// profile per run; every run has a hard timeout after which Chromium is killed and the run fails
// with a clear error (no hang if Chromium does not start or stalls).
//
//   import { runLighthouse, lighthouseAvailable } from './lighthouse.mjs';
//   const r = await runLighthouse('http://127.0.0.1:8080/', { timeoutMs: 240000, reportPath: 'x' });
//   // r.scores.performance (0–100), r.metrics.lcp (ms), r.failing['best-practices'] (audit ids) …
//
// Alone (prints a summary; a directory is served with e2e/server.mjs on a loopback port first):
//   node scripts/lighthouse.mjs [--runs N] [--json] [--report DIR] URL|DIR [URL|DIR …]

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LH_DIR = path.join(ROOT, 'bench', 'lighthouse');
export const LH_VERSION = '12.2.3';
export const CHROME_PATH = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROME_FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage',
];
export const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
// lhr metric audit id → our name. Values: ms, except CLS (unitless).
export const METRICS = {
  'first-contentful-paint': 'fcp',
  'largest-contentful-paint': 'lcp',
  'total-blocking-time': 'tbt',
  'cumulative-layout-shift': 'cls',
  'speed-index': 'speed_index',
};

let loaded;
/** Imports lighthouse and chrome-launcher from bench/lighthouse/node_modules (throws a clear error). */
async function load() {
  if (loaded) return loaded;
  const require = createRequire(path.join(LH_DIR, 'package.json'));
  let lhPath;
  let pkg;
  try {
    lhPath = require.resolve('lighthouse');
    pkg = JSON.parse(fs.readFileSync(require.resolve('lighthouse/package.json'), 'utf8'));
  } catch {
    throw new Error(`Lighthouse is not installed in ${path.relative(ROOT, LH_DIR)}: run npm ci --prefix bench/lighthouse (scripts/bench.sh does)`);
  }
  if (pkg.version !== LH_VERSION) {
    throw new Error(`bench/lighthouse has lighthouse ${pkg.version}, not ${LH_VERSION}: run npm ci --prefix bench/lighthouse`);
  }
  // chrome-launcher as lighthouse itself resolves it (its own dependency). Its Launcher class rather
  // than launch(): a Chromium that never opens its port can still be killed.
  const clPath = createRequire(lhPath).resolve('chrome-launcher');
  const [lh, cl] = await Promise.all([import(pathToFileURL(lhPath).href), import(pathToFileURL(clPath).href)]);
  loaded = { lighthouse: lh.default, Launcher: cl.Launcher, version: pkg.version };
  return loaded;
}

/** Whether the pinned Lighthouse is installed (no throw). */
export async function lighthouseAvailable() {
  try {
    await load();
    return true;
  } catch {
    return false;
  }
}

const score = (c) => (c && typeof c.score === 'number' ? Math.round(c.score * 100) : null);

/** The short summary of a Lighthouse result (lhr). */
export function summarize(lhr) {
  const failing = {};
  for (const id of CATEGORIES) {
    const cat = lhr.categories[id];
    if (!cat) continue;
    // Scored audits that did not pass; weight-0 ones do not change the score and are marked.
    failing[id] = cat.auditRefs
      .map((ref) => ({ ref, a: lhr.audits[ref.id] }))
      .filter(({ ref, a }) => a && typeof a.score === 'number' && a.score < (ref.group === 'metrics' ? 0.9 : 1)
        && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
      .filter(({ ref }) => id !== 'performance' || ref.weight > 0)
      .map(({ ref, a }) => (ref.weight > 0 ? a.id : `${a.id} (weight 0)`));
  }
  const metrics = {};
  for (const [audit, key] of Object.entries(METRICS)) {
    const a = lhr.audits[audit];
    metrics[key] = a && typeof a.numericValue === 'number' ? a.numericValue : null;
  }
  const s = lhr.configSettings;
  return {
    url: lhr.finalDisplayedUrl || lhr.requestedUrl,
    lighthouseVersion: lhr.lighthouseVersion,
    userAgent: lhr.environment?.hostUserAgent,
    chromium: (lhr.environment?.hostUserAgent || '').match(/Chrome\/([\d.]+)/)?.[1] || null,
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
    formFactor: s.formFactor,
    screen: s.screenEmulation && !s.screenEmulation.disabled
      ? `${s.screenEmulation.width}×${s.screenEmulation.height} CSS px at ${s.screenEmulation.deviceScaleFactor}×` : 'no screen emulation',
    throttlingMethod: s.throttlingMethod,
    throttling: s.throttling,
    scores: {
      performance: score(lhr.categories.performance),
      accessibility: score(lhr.categories.accessibility),
      best_practices: score(lhr.categories['best-practices']),
    },
    metrics,
    failing,
    runWarnings: lhr.runWarnings || [],
    runtimeError: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null,
    totalMs: lhr.timing?.total ?? null,
  };
}

/**
 * One Lighthouse run against `url` in a fresh headless Chromium. Resolves to summarize()'s object
 * plus `chromium` (full version) and `ms` (wall time, Chromium start included). Rejects with a
 * one-line error if Chromium exits or does not open its DevTools port within 30 s, on a Lighthouse
 * runtime error (e.g. the page did not load), or after `timeoutMs`; Chromium is killed in every case.
 * reportPath: if set, writes `<reportPath>.report.json` and `<reportPath>.report.html`.
 */
export async function runLighthouse(url, { timeoutMs = 240000, reportPath = null, chromePath = CHROME_PATH } = {}) {
  const { lighthouse, Launcher, version } = await load();
  if (!fs.existsSync(chromePath)) throw new Error(`no Chromium at ${chromePath}`);
  const t0 = Date.now();
  let child = null;
  let rejectExit;
  const exited = new Promise((_, reject) => { rejectExit = reject; }); // Chromium went away
  exited.catch(() => {});
  const launcher = new Launcher({
    chromePath,
    chromeFlags: CHROME_FLAGS,
    logLevel: 'silent',
    maxConnectionRetries: 60, // × 500 ms: Chromium has 30 s to open its DevTools port
  }, {
    spawn: (...args) => {
      child = spawn(...args);
      child.once('error', (e) => rejectExit(new Error(`Chromium could not be started: ${e.message}`)));
      child.once('exit', (code, sig) => rejectExit(new Error(`Chromium exited (${sig || `code ${code}`})`)));
      return child;
    },
  });
  const chromeErr = () => {
    try {
      const log = fs.readFileSync(path.join(launcher.userDataDir, 'chrome-err.log'), 'utf8').trim().split('\n');
      return log.length && log[0] ? ` — Chromium stderr: ${log.slice(-3).join(' | ').slice(0, 600)}` : '';
    } catch { return ''; }
  };
  // chrome-launcher's readiness poll reads chrome-err.log from the profile when it gives up, so the
  // profile is removed (launcher.kill()) only once launch() has settled; Chromium itself (its own
  // process group) is killed at once.
  let launched = null;
  const killNow = () => { try { if (child?.pid) process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } };
  const cleanup = () => {
    killNow();
    launcher.maxConnectionRetries = 0; // a pending readiness poll gives up at its next try
    const done = () => { try { launcher.kill(); } catch { /* gone */ } };
    if (launched) launched.then(done, done); else done();
  };
  const onSigint = () => { killNow(); process.exit(130); };
  process.once('SIGINT', onSigint);
  let browserVersion = null;
  let phase = 'starting Chromium';
  const work = (async () => {
    launched = launcher.launch();
    await Promise.race([launched, exited]);
    if (!child) throw new Error('Chromium was not started');
    phase = 'running Lighthouse';
    // The user agent is reduced (HeadlessChrome/156.0.0.0): the DevTools endpoint has the full version.
    browserVersion = await fetch(`http://127.0.0.1:${launcher.port}/json/version`, { signal: AbortSignal.timeout(5000) })
      .then((r) => r.json()).then((j) => (j.Browser || '').split('/')[1] || null, () => null);
    const result = await Promise.race([
      lighthouse(url, { port: launcher.port, output: reportPath ? ['json', 'html'] : 'json', logLevel: 'error', onlyCategories: CATEGORIES }),
      exited,
    ]);
    if (!result || !result.lhr) throw new Error('Lighthouse returned no result');
    return result;
  })();
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(timeoutMs / 1000)} s while ${phase}`)), timeoutMs);
  });
  try {
    const result = await Promise.race([work, timeout]);
    const { lhr } = result;
    if (reportPath) {
      fs.mkdirSync(path.dirname(reportPath), { recursive: true });
      fs.writeFileSync(`${reportPath}.report.json`, result.report[0]);
      fs.writeFileSync(`${reportPath}.report.html`, result.report[1]);
    }
    const summary = summarize(lhr);
    if (summary.runtimeError) throw new Error(summary.runtimeError);
    if (summary.lighthouseVersion !== version) throw new Error(`ran Lighthouse ${summary.lighthouseVersion}, expected ${version}`);
    return { ...summary, chromium: browserVersion || summary.chromium, ms: Date.now() - t0 };
  } catch (e) {
    work.catch(() => {}); // an abandoned run fails once Chromium is gone
    const msg = String(e && e.message ? e.message : e).split('\n')[0];
    throw new Error(`Lighthouse on ${url}: ${msg}${phase === 'starting Chromium' ? chromeErr() : ''}`);
  } finally {
    clearTimeout(timer);
    process.removeListener('SIGINT', onSigint);
    cleanup();
  }
}

export function median(list) {
  const s = list.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One line per run: scores, metrics, failing audits. */
export function describe(r) {
  const m = r.metrics;
  const f = (v) => (v == null ? 'n/a' : `${Math.round(v)} ms`);
  return `Performance ${r.scores.performance}, Accessibility ${r.scores.accessibility}, Best Practices ${r.scores.best_practices}; `
    + `FCP ${f(m.fcp)}, LCP ${f(m.lcp)}, TBT ${f(m.tbt)}, CLS ${m.cls == null ? 'n/a' : m.cls.toFixed(3)}, SI ${f(m.speed_index)}`
    + `${Object.entries(r.failing).filter(([, l]) => l.length).map(([c, l]) => `; failing ${c}: ${l.join(', ')}`).join('')}`
    + ` (${(r.ms / 1000).toFixed(0)} s)`;
}

// ---------------------------------------------------------------------------------------------
// Command line

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const take = (n) => { const i = args.indexOf(n); if (i < 0) return null; const v = args[i + 1]; args.splice(i, 2); return v; };
  const has = (n) => { const i = args.indexOf(n); if (i >= 0) args.splice(i, 1); return i >= 0; };
  const runs = Number(take('--runs') || 1);
  const reportDir = take('--report');
  const json = has('--json');
  if (!args.length || !(runs >= 1)) {
    console.error('usage: node scripts/lighthouse.mjs [--runs N] [--json] [--report DIR] URL|DIR [URL|DIR …]');
    process.exit(2);
  }
  const { startServer } = await import('../e2e/server.mjs');
  const servers = [];
  const out = [];
  let failed = false;
  try {
    for (const [i, target] of args.entries()) {
      let url = target;
      if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
        const srv = await startServer({ root: target, port: 0, gzip: true });
        servers.push(srv);
        url = `${srv.url}/`;
        console.error(`[lighthouse] serving ${target} at ${url}`);
      }
      for (let run = 1; run <= runs; run++) {
        try {
          const r = await runLighthouse(url, { reportPath: reportDir ? path.join(reportDir, `site${i + 1}-run${run}`) : null });
          out.push({ target, run, ...r });
          console.error(`[lighthouse] ${target} run ${run}: ${describe(r)}`);
        } catch (e) {
          failed = true;
          out.push({ target, run, error: e.message });
          console.error(`[lighthouse] ${target} run ${run}: ERROR ${e.message}`);
        }
      }
    }
  } finally {
    for (const s of servers) await s.close();
  }
  if (json) console.log(JSON.stringify(out, null, 2));
  else if (out[0] && !out[0].error) {
    const r = out.find((o) => !o.error);
    console.log(`Lighthouse ${r.lighthouseVersion}, Chromium ${r.chromium}, ${r.formFactor}, throttling ${r.throttlingMethod} `
      + `(${JSON.stringify(r.throttling)}), benchmarkIndex ${r.benchmarkIndex}`);
  }
  process.exitCode = failed ? 1 : 0;
}
