#!/usr/bin/env node
// Size and speed benchmark of the release build against its physical floor: the same curriculum
// as plain static HTML pages with no JavaScript (scripts/baseline.mjs). Not part of the test run.
//
//   node scripts/bench.mjs [--runs N] [--quick] [--out DIR] [--lighthouse-runs N | --no-lighthouse]
//     --runs N   interleaved runs per figure (default 5; --quick: 3)
//     --quick    fewer runs and no Slow 3G
//     --out DIR  where results.md and runs.csv go (default bench/)
//     --lighthouse-runs N  Lighthouse runs per site (default: one per bench run, so --runs;
//                0 or --no-lighthouse: none). Each figure is the median of the runs.
//
// Needs a release build in dist/ (scripts/bench.sh builds one first; JORNADA_DIST=DIR measures
// another directory). Lighthouse 12.2.3 is in bench/lighthouse/ (scripts/bench.sh installs it;
// without it the Lighthouse figures are reported as not run). dist/ is copied to a snapshot
// so a concurrent rebuild cannot change the files under the benchmark. A third site, the baseline
// plus a minimal service worker (buildBaselineSw), measures the floor of any offline reload. Each
// site is served by e2e/server.mjs (brotli or gzip -9, application/wasm) on its own loopback port, and
// measured in Debian's headless Chromium through playwright-core, a fresh browser context per run,
// interleaved (app, baseline, floor, app, baseline, floor…; the floor on Slow 4G only). Lighthouse
// (scripts/lighthouse.mjs, mobile defaults) runs on the app's and the baseline's servers once per
// site in each run, after the Playwright figures of that run, in its own Chromium. Method notes
// are written into results.md.

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, curriculum, questionOnScreen, next, ROOT, DIST } from '../e2e/lib.mjs';
import { startServer, encode } from '../e2e/server.mjs';
import { buildBaseline, buildBaselineSw, lessonPath } from './baseline.mjs';
import { boardFiles, boardLoad, BOARD_FILES, BOARD_FILES_STATE } from './bench-board.mjs';
import { runLighthouse, lighthouseAvailable, describe as describeLighthouse, LH_VERSION, CHROME_FLAGS as LH_FLAGS } from './lighthouse.mjs';

// ---------------------------------------------------------------------------------------------
// Options and constants

const argv = process.argv.slice(2);
const flag = (n) => argv.includes(n);
const opt = (n, d) => (argv.indexOf(n) >= 0 ? argv[argv.indexOf(n) + 1] : d);
const QUICK = flag('--quick');
const RUNS = Number(opt('--runs', QUICK ? 3 : 5));
const OUT = path.resolve(ROOT, opt('--out', 'bench'));
if (!(RUNS >= 1)) throw new Error('--runs needs a positive number');
const LH_RUNS = flag('--no-lighthouse') ? 0 : Number(opt('--lighthouse-runs', RUNS));
if (!(LH_RUNS >= 0)) throw new Error('--lighthouse-runs needs a number ≥ 0');
const LH_TIMEOUT = 240000; // per Lighthouse run: a stuck Chromium is killed and the run reported as failed

// Chrome DevTools presets (front_end/core/sdk/NetworkManager.ts), bytes/s and ms added per request.
const PROFILES = {
  'Slow 4G': { offline: false, downloadThroughput: 180000, uploadThroughput: 84375, latency: 562.5 },
  'Slow 3G': { offline: false, downloadThroughput: 50000, uploadThroughput: 50000, latency: 2000 },
};
const NO_THROTTLE = { offline: false, downloadThroughput: -1, uploadThroughput: -1, latency: 0 };
const CPU_RATE = 4;
const TIMEOUT = 120000;

const log = (...a) => console.error('[bench]', ...a);

// ---------------------------------------------------------------------------------------------
// Sites: a snapshot of dist/, the plain-HTML baseline and the baseline with a minimal service worker
// (the offline floor), each on its own server (own origin: the floor's worker controls only its pages)

const work = path.join(ROOT, 'target', 'bench');
const snap = path.join(work, 'dist');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`${DIST} has no release build: run scripts/bench.sh`);
// A copy taken while trunk is writing dist/ can be inconsistent: index.html must name files that
// are there. Retry for up to three minutes.
for (let attempt = 0; ; attempt++) {
  fs.rmSync(snap, { recursive: true, force: true });
  fs.cpSync(DIST, snap, { recursive: true });
  const html = fs.readFileSync(path.join(snap, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/\/([\w.-]+\.(?:js|wasm|css))\b/g)].map((m) => m[1]);
  const missing = refs.filter((f) => !fs.existsSync(path.join(snap, f)));
  if (refs.some((f) => f.endsWith('.wasm')) && !missing.length) break;
  if (attempt >= 36) throw new Error(`dist/ is inconsistent (index.html names missing ${missing.join(', ')}): rebuild and rerun`);
  log(`dist/ is being rebuilt (missing ${missing.join(', ') || 'the wasm'}); retrying in 5 s`);
  await new Promise((r) => setTimeout(r, 5000));
}
const wasmFile = fs.readdirSync(snap).find((f) => f.endsWith('.wasm'));
const cssFile = fs.readdirSync(snap).find((f) => f.endsWith('.css'));
const cur = curriculum();
const base = buildBaseline(path.join(work, 'baseline'), cur, path.join(snap, cssFile));
const floor = buildBaselineSw(path.join(work, 'baseline-sw'), cur, path.join(snap, cssFile));

let appSrv = await startServer({ root: snap, port: 0, gzip: true });
const baseSrv = await startServer({ root: base.dir, port: 0, gzip: true });
let floorSrv = await startServer({ root: floor.dir, port: 0, gzip: true });
const APP_PORT = appSrv.port;
const FLOOR_PORT = floorSrv.port;
// The interactive floor (crates/bench-floor): the smallest Leptos 0.8 client-side app with the
// router, built like the app (same profile, flags, wasm-opt -Oz) into target/bench-floor/ by
// scripts/bench.sh. How soon any Leptos app is interactive on the same link: what the app takes
// above it is its own code. Without that build its row says so.
const LEPTOS_FLOOR = path.join(ROOT, 'target', 'bench-floor');
const leptosSrv = fs.existsSync(path.join(LEPTOS_FLOOR, 'index.html')) ? await startServer({ root: LEPTOS_FLOOR, port: 0, gzip: true }) : null;
// As the server sends them (its cache: the first run no longer waits for the wasm's compression).
const brotliSize = (file) => encode(file, 'br').length;
const leptosFloorWasm = leptosSrv ? brotliSize(path.join(LEPTOS_FLOOR, fs.readdirSync(LEPTOS_FLOOR).find((f) => f.endsWith('.wasm')))) : null;
const appWasm = brotliSize(path.join(snap, wasmFile));

// The targets of visit(): 'app', 'baseline', and 'baseline_sw' (the offline floor). The two with a
// service worker have their server stopped for the offline reload and started again on the same
// port (same origin, so the same registration and caches).
const serverOf = (target) => ({ app: appSrv, baseline: baseSrv, baseline_sw: floorSrv, leptos_floor: leptosSrv })[target];
async function restartServer(target) {
  if (target === 'app') appSrv = await startServer({ root: snap, port: APP_PORT, gzip: true });
  else floorSrv = await startServer({ root: floor.dir, port: FLOOR_PORT, gzip: true });
}

// Lighthouse is optional for the rest of the benchmark: without it its figures say why they are missing.
let lhSkip = LH_RUNS === 0 ? 'not run (--no-lighthouse)' : null;
if (!lhSkip && !(await lighthouseAvailable())) {
  lhSkip = `not run: Lighthouse ${LH_VERSION} is not installed (npm ci --prefix bench/lighthouse; scripts/bench.sh does it)`;
  log(lhSkip);
}
const lhReports = path.join(work, 'lighthouse');

// Captures the wasm memory: index.html (Trunk) dispatches TrunkApplicationStarted with the exports.
const INIT_SCRIPT = `addEventListener('TrunkApplicationStarted', (e) => {
  window.__benchWasm = e.detail && e.detail.wasm;
});`;

// ---------------------------------------------------------------------------------------------
// Measurements

async function newPage(browser, { app }) {
  const context = await browser.newContext();
  if (app) await context.addInitScript(INIT_SCRIPT);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // uniqueBytes/uniqueUrls count each URL once: a host sending validators would answer repeats
  // of no-cache files (the icon) with a 304 of a few hundred bytes.
  const net = { bytes: 0, requests: 0, inflight: new Set(), last: Date.now(), urls: new Map(), uniqueBytes: 0, uniqueUrls: new Set() };
  cdp.on('Network.requestWillBeSent', (e) => {
    net.urls.set(e.requestId, e.request.url);
    if (!net.inflight.has(e.requestId)) net.requests++;
    net.inflight.add(e.requestId);
    net.last = Date.now();
  });
  cdp.on('Network.loadingFinished', (e) => {
    net.bytes += e.encodedDataLength;
    const url = net.urls.get(e.requestId);
    if (!net.uniqueUrls.has(url)) {
      net.uniqueUrls.add(url);
      net.uniqueBytes += e.encodedDataLength;
    }
    net.inflight.delete(e.requestId);
    net.last = Date.now();
  });
  cdp.on('Network.loadingFailed', (e) => {
    net.inflight.delete(e.requestId);
    net.last = Date.now();
  });
  await cdp.send('Network.enable');
  return { context, page, cdp, net };
}

async function throttle(cdp, network, cpu) {
  await cdp.send('Network.emulateNetworkConditions', network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
}

/** Waits until no request has been in flight for `quietMs` (all first-visit requests counted). */
async function networkQuiet(net, quietMs = 1000, capMs = 30000) {
  const start = Date.now();
  while (Date.now() - start < capMs) {
    if (net.inflight.size === 0 && Date.now() - net.last >= quietMs) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * What the server sent, from its request counts: includes requests a service worker makes on its
 * own (precaching), which the page's CDP session does not see. Bodies only, as encoded on the wire.
 * Waits until the counts have been still for 2 s.
 */
async function serverSent(srv) {
  let last = '';
  let still = Date.now();
  const start = Date.now();
  while (Date.now() - start < 30000) {
    const now = JSON.stringify([...srv.counts.entries()]);
    if (now !== last) { last = now; still = Date.now(); }
    if (Date.now() - still >= 2000) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  let bytes = 0;
  let requests = 0;
  for (const [p, n] of srv.counts) {
    bytes += srv.sent.get(p) || 0;
    requests += n;
  }
  return { server_bytes: bytes, server_requests: requests, server_paths: [...srv.counts.entries()].map(([p, n]) => `${p}×${n}`).join(' ') };
}

/** Paint and readiness figures of the current document, ms from navigation start. */
function timings(page) {
  return page.evaluate(() => new Promise((resolve) => {
    let lcp = null;
    try {
      new PerformanceObserver((l) => { for (const e of l.getEntries()) lcp = e.startTime; })
        .observe({ type: 'largest-contentful-paint', buffered: true });
    } catch { /* not supported */ }
    setTimeout(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const ready = performance.getEntriesByName('app-ready')[0];
      resolve({ fcp: fcp ? fcp.startTime : null, ready: ready ? ready.startTime : null, lcp });
    }, 50);
  }));
}

/** Waits for what "usable" means for each site: the app's ready flag, the baseline's FCP. */
async function usable(page, app) {
  if (app) {
    await page.waitForSelector('body[data-app-ready="1"]', { timeout: TIMEOUT });
  } else {
    await page.waitForLoadState('load', { timeout: TIMEOUT });
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: TIMEOUT });
  }
}

/**
 * Cold first visit under a network profile and 4x CPU; with `repeat`, then a repeat visit from the
 * HTTP cache (no network throttling, 4x CPU) and, for a site with a service worker (the app, the
 * floor) once it controls the page, an offline reload with the server stopped.
 * `*_from_sw`: 1 when the reloaded document came from the service worker, as CDP reports it.
 */
async function visit(browser, { target, profile, repeat, path: at = '/' }) {
  const app = target === 'app';
  // Usable at app-ready for the app and the Leptos floor, at first contentful paint otherwise.
  const interactive = app || target === 'leptos_floor';
  const srv = serverOf(target);
  const { context, page, cdp, net } = await newPage(browser, { app });
  const out = {};
  // The last document response: an offline figure must come from a page the service worker served,
  // not from Chromium's error page (which paints too).
  let doc = null;
  cdp.on('Network.responseReceived', (e) => { if (e.type === 'Document') doc = e.response; });
  try {
    await throttle(cdp, PROFILES[profile], CPU_RATE);
    srv.reset();
    await page.goto(`${srv.url}${at}`, { waitUntil: 'commit', timeout: TIMEOUT });
    await usable(page, interactive);
    const t = await timings(page);
    await networkQuiet(net);
    Object.assign(out, { bytes: net.bytes, requests: net.requests, ready: t.ready, fcp: t.fcp, lcp: t.lcp });
    if (!repeat) return out;
    Object.assign(out, await serverSent(srv));

    await throttle(cdp, NO_THROTTLE, CPU_RATE);
    await page.reload({ waitUntil: 'commit', timeout: TIMEOUT });
    await usable(page, interactive);
    const r = await timings(page);
    Object.assign(out, { repeat_ready: r.ready, repeat_fcp: r.fcp, repeat_from_sw: doc && doc.fromServiceWorker ? 1 : 0 });

    if (target !== 'baseline') {
      // Wait for the service worker to control the page, or report n/a.
      const controlled = await page.waitForFunction(() => !!(navigator.serviceWorker && navigator.serviceWorker.controller),
        null, { timeout: 8000, polling: 200 }).then(() => true, () => false);
      if (controlled) {
        await srv.close();
        doc = null;
        try {
          await page.reload({ waitUntil: 'commit', timeout: 30000 });
          await usable(page, interactive);
          const o = await timings(page);
          if (!(doc && doc.fromServiceWorker)) throw new Error('offline reload: the document did not come from the service worker');
          // workerStart: when the navigation reached the service worker (ms from navigation start).
          const workerStart = await page.evaluate(() => performance.getEntriesByType('navigation')[0].workerStart);
          Object.assign(out, { offline_ready: o.ready, offline_fcp: o.fcp, offline_from_sw: 1, offline_worker_start: workerStart });
        } catch (e) {
          out.offline_error = String(e.message).split('\n')[0];
        } finally {
          await restartServer(target);
        }
      }
    }
    return out;
  } finally {
    await context.close();
  }
}

// Clicks "Responder" and resolves with the time from the click to the first paint that shows
// `.veredicto`. Frame-aligned mode dispatches the click at the start of a frame (first rAF
// callback), so the figure is the work itself (handler, DOM update, style, layout, paint) without
// the wait for the next vsync; otherwise the click comes from an ordinary task at an arbitrary
// moment and the figure includes that wait (what a user perceives). Paint is taken as the first
// task after the rendering steps of the frame that contains the DOM change.
const CLICK_TO_PAINT = ({ aligned }) => new Promise((resolve, reject) => {
  const btn = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Responder');
  if (!btn) { reject(new Error('no Responder button')); return; }
  let t0;
  let tDom;
  let phase = 'post'; // 'raf' between our click and the end of this frame's rAF callbacks
  let pending = null;
  const afterRendering = new MessageChannel();
  afterRendering.port1.onmessage = () => { if (pending) pending(); };
  const done = () => resolve({ total: performance.now() - t0, dom: tDom - t0 });
  const mo = new MutationObserver(() => {
    if (tDom !== undefined || !document.querySelector('.veredicto')) return;
    tDom = performance.now();
    mo.disconnect();
    if (phase === 'raf') {
      pending = done; // the change is in this frame: its paint comes before the posted message
    } else {
      requestAnimationFrame(() => {
        const c = new MessageChannel();
        c.port1.onmessage = done;
        c.port2.postMessage(0);
      });
    }
  });
  mo.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
  const fire = () => { t0 = performance.now(); btn.click(); };
  if (aligned) {
    requestAnimationFrame(() => { phase = 'raf'; afterRendering.port2.postMessage(0); fire(); });
    requestAnimationFrame(() => { phase = 'post'; });
  } else {
    setTimeout(fire, 0);
  }
  setTimeout(() => reject(new Error('no .veredicto within 10 s')), 10000);
});

// The feedback samples taken in every quiz run, by answer index modulo 3.
const FEEDBACK_MODES = [
  { key: 'feedback', cpu: 1, aligned: true },
  { key: 'feedback_cpu4', cpu: CPU_RATE, aligned: true },
  { key: 'feedback_unaligned', cpu: 1, aligned: false },
];

/** Clicks in-app links (the router handles them: no page load, memory accumulates). */
async function clientNav(page, href) {
  await page.evaluate((h) => {
    const a = document.createElement('a');
    a.href = h;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }, href);
}

/** Takes all five quizzes in one page (client-side navigation), timing every answer. */
async function quizzes(browser) {
  const { context, page, cdp } = await newPage(browser, { app: true });
  const samples = { feedback: [], feedback_cpu4: [], feedback_unaligned: [], feedback_dom: [] };
  let k = 0;
  try {
    await throttle(cdp, NO_THROTTLE, 1);
    await page.goto(`${appSrv.url}/`, { timeout: TIMEOUT });
    await usable(page, true);
    for (const t of cur.topics) {
      await clientNav(page, `/tema/${t.id}/evaluacion`);
      await page.getByRole('button', { name: 'Comenzar' }).click();
      for (let i = 0; i < t.quiz_size; i++) {
        await page.locator('.opciones').waitFor();
        // By the form's id: prompts repeat across cases (e2e/lib.mjs dropped questionByPrompt).
        const q = await questionOnScreen(page);
        for (const o of q.options.filter((o) => o.correct)) {
          await page.locator('.opciones label').filter({ hasText: o.text }).first().click();
        }
        const mode = FEEDBACK_MODES[k++ % FEEDBACK_MODES.length];
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: mode.cpu });
        await page.waitForTimeout(50); // let the option click's own frame settle
        const r = await page.evaluate(CLICK_TO_PAINT, { aligned: mode.aligned });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        samples[mode.key].push(r.total);
        if (mode.key === 'feedback') samples.feedback_dom.push(r.dom);
        await next(page);
      }
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => (window.__benchWasm && window.__benchWasm.memory
      ? window.__benchWasm.memory.buffer.byteLength : null));
    return { samples, heap: heap.usedSize, wasm, memory: heap.usedSize + (wasm || 0) };
  } finally {
    await context.close();
  }
}

/**
 * The baseline read in full: home, then every lesson page (no throttling, HTTP cache on), summing
 * the bytes it takes to get the whole curriculum (each URL once), which the app brings on its first visit; then the
 * JS heap on the last lesson page.
 */
async function baselineSite(browser) {
  const { context, page, cdp, net } = await newPage(browser, { app: false });
  try {
    await page.goto(`${baseSrv.url}/`, { timeout: TIMEOUT });
    for (const t of cur.topics) {
      for (const l of t.lessons) await page.goto(`${baseSrv.url}${lessonPath(t.id, l.id)}`, { timeout: TIMEOUT });
    }
    await networkQuiet(net, 300);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    return { whole_bytes: net.uniqueBytes, whole_requests: net.uniqueUrls.size, heap: heap.usedSize, memory: heap.usedSize };
  } finally {
    await context.close();
  }
}

/**
 * Lighthouse (mobile defaults) on one site's home page, served by the bench's own server; full
 * reports go to target/bench/lighthouse/. Never throws: a failed run becomes an `error` row.
 */
const lhRuns = []; // { run, target, ...summary } of the successful runs, for the method notes
async function lighthouseSite(run, app) {
  const target = app ? 'app' : 'baseline';
  const url = `${(app ? appSrv : baseSrv).url}/`;
  try {
    const r = await runLighthouse(url, { timeoutMs: LH_TIMEOUT, reportPath: path.join(lhReports, `${target}-run${run}`) });
    lhRuns.push({ run, target, ...r });
    record(run, target, LH_SCENARIO, {
      performance: r.scores.performance, accessibility: r.scores.accessibility, best_practices: r.scores.best_practices,
      ...r.metrics, benchmark_index: r.benchmarkIndex, wall_time: r.ms,
      version: r.lighthouseVersion,
      throttling: `${r.formFactor}, ${r.throttlingMethod}: ${r.throttling.rttMs} ms RTT, ${r.throttling.throughputKbps} kbit/s down, `
        + `${r.throttling.uploadThroughputKbps} kbit/s up, CPU ${r.throttling.cpuSlowdownMultiplier}x`,
      ...Object.fromEntries(Object.entries(r.failing).filter(([, l]) => l.length).map(([c, l]) => [`failing_${c.replace('-', '_')}`, l.join(', ')])),
    }, LH_UNITS);
    log(`run ${run} ${app ? 'app     ' : 'baseline'} Lighthouse: ${describeLighthouse(r)}`);
  } catch (e) {
    record(run, target, LH_SCENARIO, { error: e.message }, LH_UNITS);
    log(`run ${run} ${app ? 'app     ' : 'baseline'} Lighthouse failed: ${e.message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The runs, interleaved: app, baseline, app, baseline…

const rows = []; // { run, target, scenario, metric, value, unit }
const record = (run, target, scenario, obj, units) => {
  for (const [metric, value] of Object.entries(obj)) {
    if (typeof value === 'number' || value === null) rows.push({ run, target, scenario, metric, value, unit: units[metric] || 'ms' });
    else if (typeof value === 'string') rows.push({ run, target, scenario, metric, value, unit: metric.endsWith('error') ? 'error' : 'text' });
  }
};
const UNITS = { bytes: 'B', requests: 'count', server_bytes: 'B', server_requests: 'count', heap: 'B', wasm: 'B', memory: 'B',
  repeat_from_sw: 'bool', offline_from_sw: 'bool' };
const LH_SCENARIO = 'Lighthouse';
const LH_UNITS = { performance: 'score', accessibility: 'score', best_practices: 'score', cls: 'unitless', benchmark_index: 'index' };

// The contact's board (dist/enlace/) is measured when the build has it.
// The lesson of the cold-lesson row: the longest lesson of the second topic (its LCP is text).
const LESSON = (() => {
  const t = curriculum().topics[1];
  const l = [...t.lessons].sort((a, b) => b.html.length - a.html.length)[0];
  return { topic: t.id, lesson: l.id };
})();
const boardList = fs.existsSync(path.join(snap, 'enlace', 'index.html')) ? boardFiles(path.join(work, 'trainees')) : null;
// …and the state with every trainee of a large year.
const boardBig = boardList ? boardFiles(path.join(work, `trainees-${BOARD_FILES_STATE}`), BOARD_FILES_STATE) : null;
const browser = await launch();
const chromiumVersion = browser.version();
const profiles = QUICK ? ['Slow 4G'] : ['Slow 4G', 'Slow 3G'];
log(`Chromium ${chromiumVersion}, ${RUNS} runs, ${profiles.join(' + ')}, CPU ${CPU_RATE}x; app ${appSrv.url} baseline ${baseSrv.url} floor ${floorSrv.url}`);
try {
  for (let run = 1; run <= RUNS; run++) {
    for (const profile of profiles) {
      // The floor only where the offline reload is measured (Slow 4G), after the baseline.
      // The Leptos floor: a first visit only (it has no service worker).
      const targets = profile === 'Slow 4G' ? ['app', 'baseline', 'baseline_sw', ...(leptosSrv ? ['leptos_floor'] : [])] : ['app', 'baseline'];
      for (const target of targets) {
        const r = await visit(browser, { target, profile, repeat: profile === 'Slow 4G' && target !== 'leptos_floor' });
        record(run, target, profile, r, UNITS);
        log(`run ${run} ${target.padEnd(8)} ${profile}: ${JSON.stringify(r)}`);
      }
    }
    // A lesson opened cold (a shared link), Slow 4G: the app's prerendered page vs the baseline's.
    for (const app of [true, false]) {
      const at = app ? `/tema/${LESSON.topic}/leccion/${LESSON.lesson}` : lessonPath(LESSON.topic, LESSON.lesson);
      const r = await visit(browser, { target: app ? 'app' : 'baseline', profile: 'Slow 4G', repeat: false, path: at });
      record(run, app ? 'app' : 'baseline', 'lesson', r, UNITS);
      log(`run ${run} ${app ? 'app     ' : 'baseline'} lesson: ${JSON.stringify(r)}`);
    }
    const q = await quizzes(browser);
    for (const [key, list] of Object.entries(q.samples)) {
      list.forEach((v, i) => rows.push({ run, target: 'app', scenario: key, metric: `click${i + 1}`, value: v, unit: 'ms' }));
    }
    record(run, 'app', 'memory', { heap: q.heap, wasm: q.wasm, memory: q.memory }, UNITS);
    if (boardList) {
      const bl = await boardLoad(browser, appSrv.url, boardList, CPU_RATE);
      record(run, 'app', 'board', bl, UNITS);
      log(`run ${run} board: ${JSON.stringify(bl)}`);
      const bb = await boardLoad(browser, appSrv.url, boardBig, CPU_RATE);
      record(run, 'app', `board ${BOARD_FILES_STATE}`, bb, UNITS);
      log(`run ${run} board ${BOARD_FILES_STATE}: ${JSON.stringify(bb)}`);
    }
    const bm = await baselineSite(browser);
    record(run, 'baseline', 'memory', { heap: bm.heap, memory: bm.memory }, UNITS);
    record(run, 'baseline', 'whole site', { bytes: bm.whole_bytes, requests: bm.whole_requests }, UNITS);
    log(`run ${run} app quizzes: feedback median ${median(q.samples.feedback).toFixed(1)} ms, memory ${(q.memory / 1e6).toFixed(1)} MB; baseline heap ${(bm.heap / 1e6).toFixed(1)} MB`);
    if (!lhSkip && run <= LH_RUNS) {
      for (const app of [true, false]) await lighthouseSite(run, app);
    }
  }
  // More Lighthouse runs than benchmark runs (--lighthouse-runs N > --runs).
  for (let run = RUNS + 1; !lhSkip && run <= LH_RUNS; run++) {
    for (const app of [true, false]) await lighthouseSite(run, app);
  }
} finally {
  await browser.close();
  await appSrv.close();
  await baseSrv.close();
  await floorSrv.close();
  await leptosSrv?.close();
}

// ---------------------------------------------------------------------------------------------
// Report

function median(a) {
  const s = a.filter((x) => typeof x === 'number').sort((x, y) => x - y);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const max = (a) => { const s = a.filter((x) => typeof x === 'number'); return s.length ? Math.max(...s) : null; };
const values = (target, scenario, metric) => rows
  .filter((r) => r.target === target && r.scenario === scenario && r.metric === metric && typeof r.value === 'number')
  .map((r) => r.value);
// Per-run medians for per-click samples: the figure of a run is the median of its clicks; "max" is
// the slowest single click of all runs.
const clickRuns = (scenario) => {
  const byRun = new Map();
  for (const r of rows.filter((r) => r.target === 'app' && r.scenario === scenario)) {
    if (!byRun.has(r.run)) byRun.set(r.run, []);
    byRun.get(r.run).push(r.value);
  }
  return { medians: [...byRun.values()].map(median), all: [...byRun.values()].flat() };
};

const fmt = {
  kib: (v) => (v == null ? 'n/a' : `${(v / 1024).toFixed(1)} KiB`),
  ms: (v) => (v == null ? 'n/a' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`),
  count: (v) => (v == null ? 'n/a' : `${Math.round(v)}`),
  mb: (v) => (v == null ? 'n/a' : `${(v / 1048576).toFixed(1)} MiB`),
};

const table = [];
const goals = [];
function row(label, a, b, f, goal) {
  // a, b: { med, max } or null; goal: { limit, of: 'ratio'|'abs', text }
  const ratio = a && b && a.med != null && b.med ? a.med / b.med : null;
  let verdict = '';
  if (goal) {
    const v = goal.of === 'ratio' ? ratio : a && a.med;
    const v2 = goal.of === 'ratio' ? (a && b && b.med ? a.max / b.med : null) : a && a.max;
    verdict = v == null ? 'n/a' : v <= goal.limit ? (v2 != null && v2 > goal.limit ? 'met (median; max over)' : 'met') : 'missed';
    goals.push(`- **${goal.text}** — ${verdict}: ${goal.of === 'ratio' ? (ratio == null ? 'n/a' : `${ratio.toFixed(2)}×`) : f(a && a.med)}`);
  }
  table.push(`| ${label} | ${a ? f(a.med) : '—'} | ${a ? f(a.max) : '—'} | ${b ? f(b.med) : '—'} | ${b ? f(b.max) : '—'} | ${ratio == null ? '—' : `${ratio.toFixed(2)}×`} | ${goal ? `${goal.text}: ${verdict}` : ''} |`);
}
const stat = (list) => (list.length ? { med: median(list), max: max(list) } : null);
const S = (target, scenario, metric) => stat(values(target, scenario, metric));

row('First visit: bytes transferred', S('app', 'Slow 4G', 'bytes'), S('baseline', 'Slow 4G', 'bytes'), fmt.kib,
  { limit: 2, of: 'ratio', text: 'bytes ≤ 2× baseline' });
row('Whole curriculum readable, offline too for the app: bytes (app: first visit incl. service-worker precache; baseline: home + every lesson page)', S('app', 'Slow 4G', 'server_bytes'), S('baseline', 'whole site', 'bytes'), fmt.kib);
row('First visit: requests', S('app', 'Slow 4G', 'requests'), S('baseline', 'Slow 4G', 'requests'), fmt.count);
row('First visit incl. service-worker precache: bytes sent by the server (bodies)', S('app', 'Slow 4G', 'server_bytes'), S('baseline', 'Slow 4G', 'server_bytes'), fmt.kib);
row('First visit incl. service-worker precache: requests served', S('app', 'Slow 4G', 'server_requests'), S('baseline', 'Slow 4G', 'server_requests'), fmt.count);
for (const p of profiles) {
  row(`${p}: app interactive (app-ready) vs baseline FCP`, S('app', p, 'ready'), S('baseline', p, 'fcp'), fmt.ms,
    p === 'Slow 4G' ? { limit: 1.5, of: 'ratio', text: 'Slow 4G interactive ≤ 1.5× baseline FCP' } : undefined);
  if (p === 'Slow 4G') {
    // No goal: what any Leptos app with a router costs to become interactive on this link.
    if (leptosSrv) {
      row(`${p}: interactive floor, the smallest Leptos 0.8 app with the router (wasm ${fmt.kib(leptosFloorWasm)} brotli; the app's ${fmt.kib(appWasm)}), app-ready vs baseline FCP`,
        S('leptos_floor', p, 'ready'), S('baseline', p, 'fcp'), fmt.ms);
    } else {
      table.push(`| ${p}: interactive floor (smallest Leptos 0.8 app with the router) | not built (scripts/bench.sh builds crates/bench-floor) | | | | — | |`);
    }
  }
  row(`${p}: first contentful paint`, S('app', p, 'fcp'), S('baseline', p, 'fcp'), fmt.ms,
    p === 'Slow 4G' ? { limit: 1.2, of: 'ratio', text: 'home FCP ≤ 1.2× baseline' } : undefined);
  if (p === 'Slow 4G') {
    row(`${p}: largest contentful paint`, S('app', p, 'lcp'), S('baseline', p, 'lcp'), fmt.ms,
      { limit: 1.2, of: 'ratio', text: 'home LCP ≤ 1.2× baseline' });
  }
}
row('Slow 4G, a lesson opened cold: first contentful paint', S('app', 'lesson', 'fcp'), S('baseline', 'lesson', 'fcp'), fmt.ms,
  { limit: 1.2, of: 'ratio', text: 'lesson FCP ≤ 1.2× baseline' });
row('Slow 4G, a lesson opened cold: largest contentful paint', S('app', 'lesson', 'lcp'), S('baseline', 'lesson', 'lcp'), fmt.ms,
  { limit: 1.2, of: 'ratio', text: 'lesson LCP ≤ 1.2× baseline' });
row('Slow 4G, a lesson opened cold: app interactive (app-ready) vs baseline FCP', S('app', 'lesson', 'ready'), S('baseline', 'lesson', 'fcp'), fmt.ms);
row('Repeat visit, HTTP cache, no net throttling (interactive vs FCP)', S('app', 'Slow 4G', 'repeat_ready'), S('baseline', 'Slow 4G', 'repeat_fcp'), fmt.ms);
const offline = S('app', 'Slow 4G', 'offline_ready');
if (offline) {
  row('Offline reload, server stopped (app via service worker) vs baseline cached reload FCP', offline, S('baseline', 'Slow 4G', 'repeat_fcp'), fmt.ms,
    { limit: 1.2, of: 'ratio', text: 'offline reload ≤ 1.2× baseline' });
} else {
  table.push('| Offline reload, server stopped | n/a (no service worker yet) | | n/a (no JS, no service worker) | | — | offline reload ≤ 1.5× baseline: n/a |');
  goals.push('- **offline reload ≤ 1.5× baseline** — n/a (no service worker yet: `navigator.serviceWorker.controller` never appeared)');
}
// No goal: the floor is what the offline goal is read against (the least any service-worker page costs).
row('Offline reload floor: plain HTML served by a minimal service worker, server stopped, vs baseline cached reload FCP',
  S('baseline_sw', 'Slow 4G', 'offline_fcp'), S('baseline', 'Slow 4G', 'repeat_fcp'), fmt.ms);
const fb = clickRuns('feedback');
row('Answer → feedback painted (frame-aligned click, CPU 1×)', { med: median(fb.medians), max: max(fb.all) }, null, fmt.ms,
  { limit: 16, of: 'abs', text: 'feedback ≤ 16 ms' });
const fb4 = clickRuns('feedback_cpu4');
row(`Answer → feedback painted (frame-aligned click, CPU ${CPU_RATE}×)`, { med: median(fb4.medians), max: max(fb4.all) }, null, fmt.ms);
const fbu = clickRuns('feedback_unaligned');
row('Answer → feedback painted, click at a random moment (incl. wait for the next frame, CPU 1×)', { med: median(fbu.medians), max: max(fbu.all) }, null, fmt.ms);
const fbd = clickRuns('feedback_dom');
row('Answer → `.veredicto` in the DOM (handler + update, CPU 1×)', { med: median(fbd.medians), max: max(fbd.all) }, null, fmt.ms);
row('Memory after all five quizzes: JS heap + wasm memory', S('app', 'memory', 'memory'), S('baseline', 'memory', 'memory'), fmt.mb,
  { limit: 30 * 1048576, of: 'abs', text: 'memory ≤ 30 MB' });
row('… of which JS heap (used, after GC)', S('app', 'memory', 'heap'), S('baseline', 'memory', 'heap'), fmt.mb);
row('… of which wasm linear memory', S('app', 'memory', 'wasm'), null, fmt.mb);
if (boardList) {
  row(`Contact's board: load and merge ${BOARD_FILES.toLocaleString('en')} trainee files (${(BOARD_FILES * 10).toLocaleString('en')} attempts) and render (CPU ${CPU_RATE}×)`, S('app', 'board', 'total'), null, fmt.ms,
    { limit: 2000, of: 'abs', text: 'board load ≤ 2 s' });
  row('… of which reading and validating the files', S('app', 'board', 'read'), null, fmt.ms);
  row('… of which merging', S('app', 'board', 'merge'), null, fmt.ms);
  row('… of which rendering until painted', S('app', 'board', 'render'), null, fmt.ms);
  row('… pending list and charts painted too (drawn after the first frame)', S('app', 'board', 'complete'), null, fmt.ms);
  const big = `board ${BOARD_FILES_STATE}`;
  row(`Contact's board, the state with every trainee of a large year: ${BOARD_FILES_STATE.toLocaleString('en')} files (${(BOARD_FILES_STATE * 10).toLocaleString('en')} attempts) (CPU ${CPU_RATE}×)`, S('app', big, 'total'), null, fmt.ms);
  row('… of which reading and validating the files', S('app', big, 'read'), null, fmt.ms);
  row('… of which merging', S('app', big, 'merge'), null, fmt.ms);
  row('… of which rendering until painted', S('app', big, 'render'), null, fmt.ms);
}

// Lighthouse: its own table (scores: higher is better, so the worst run is the lowest) and goals.
const lhTable = [];
const lhFailing = [];
const lhErrors = rows.filter((r) => r.scenario === LH_SCENARIO && r.metric === 'error').map((r) => `${r.target} run ${r.run}: ${r.value}`);
const LH_ROWS = [
  ['Performance (score)', 'performance', true, { min: 98, text: 'Lighthouse Performance ≥ 98' }],
  ['Accessibility (score)', 'accessibility', true, { min: 100, text: 'Lighthouse Accessibility 100' }],
  ['Best Practices (score)', 'best_practices', true, { min: 100, text: 'Lighthouse Best Practices 100' }],
  ['Cumulative Layout Shift', 'cls', false, { max: 0, text: 'Lighthouse CLS 0' }],
  ['Largest Contentful Paint', 'lcp', false],
  ['Total Blocking Time', 'tbt', false, { max: 150, text: 'Lighthouse TBT ≤ 150 ms' }],
  ['First Contentful Paint', 'fcp', false],
  ['Speed Index', 'speed_index', false],
];
const lhFmt = (metric, v) => (v == null ? 'n/a' : metric === 'cls' ? v.toFixed(3) : LH_UNITS[metric] === 'score' ? `${Math.round(v)}` : fmt.ms(v));
for (const [label, metric, higher, goal] of LH_ROWS) {
  const st = (target) => {
    const list = values(target, LH_SCENARIO, metric);
    return list.length ? { med: median(list), worst: higher ? Math.min(...list) : Math.max(...list) } : null;
  };
  const a = st('app');
  const b = st('baseline');
  let verdict = '';
  if (goal) {
    const { text } = goal;
    const ok = (v) => (goal.min != null ? v >= goal.min : v <= goal.max);
    verdict = lhSkip ? 'n/a' : !a ? 'n/a (no successful run)' : !ok(a.med) ? 'missed' : ok(a.worst) ? 'met' : 'met (median; worst run misses)';
    goals.push(`- **${text}** — ${verdict}${a ? `: ${lhFmt(metric, a.med)}${a.worst !== a.med ? ` (worst run ${lhFmt(metric, a.worst)})` : ''}` : ' (see the Lighthouse section)'}`);
    verdict = `${text}: ${verdict}`;
  }
  lhTable.push(`| ${label} | ${a ? lhFmt(metric, a.med) : '—'} | ${a ? lhFmt(metric, a.worst) : '—'} | ${b ? lhFmt(metric, b.med) : '—'} | ${b ? lhFmt(metric, b.worst) : '—'} | ${verdict} |`);
}
for (const target of ['app', 'baseline']) {
  const runs = lhRuns.filter((r) => r.target === target);
  for (const [cat, name] of [['performance', 'Performance (metrics scoring < 0.9)'], ['accessibility', 'Accessibility'], ['best-practices', 'Best Practices']]) {
    const counts = new Map();
    for (const r of runs) for (const id of r.failing[cat] || []) counts.set(id, (counts.get(id) || 0) + 1);
    const list = [...counts].map(([id, n]) => `\`${id.replace(' (weight 0)', '')}\`${id.endsWith('(weight 0)') ? ' (weight 0: not in the score)' : ''}${runs.length > 1 ? ` ${n}/${runs.length} runs` : ''}`);
    if (runs.length) lhFailing.push(`- ${target}, ${name}: ${list.length ? list.join(', ') : 'none'}`);
  }
}
const lh0 = lhRuns[0];
const lhWarnings = [...new Set(lhRuns.flatMap((r) => r.runWarnings.map((w) => `${r.target}: ${String(w).split('\n')[0]}`)))];
const lhWall = median(lhRuns.map((r) => r.ms));
const lhSection = lhSkip ? `Lighthouse ${lhSkip}.\n` : `Lighthouse ${lh0 ? lh0.lighthouseVersion : LH_VERSION}, mobile defaults, on each site's home page (\`/\`) as served above;
${LH_RUNS} run${LH_RUNS === 1 ? '' : 's'} per site (median; "worst" = lowest score or highest time of the runs).

| figure | app median | app worst | baseline median | baseline worst | goal |
| --- | ---: | ---: | ---: | ---: | --- |
${lhTable.join('\n')}

Audits that did not pass (Lighthouse audit ids: what keeps a score below 100):

${lhFailing.length ? lhFailing.join('\n') : '- (no successful run)'}
${lhErrors.length ? `\nFailed runs: ${lhErrors.join('; ')}\n` : ''}${lhWarnings.length ? `\nLighthouse warnings: ${lhWarnings.join('; ')}\n` : ''}`;

let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  if (execFileSync('git', ['status', '--porcelain'], { cwd: ROOT }).toString().trim()) commit += ' (with uncommitted changes)';
} catch { /* not a git checkout */ }
const offlineErrors = rows.filter((r) => r.metric === 'offline_error').map((r) => r.value);

const md = `# Benchmark: Jornada vs the plain-HTML floor

Generated by \`node scripts/bench.mjs${argv.length ? ` ${argv.join(' ')}` : ''}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC
(commit ${commit}, build \`${DIST.startsWith(ROOT) ? path.relative(ROOT, DIST) : DIST}/${wasmFile}\`${fs.existsSync(path.join(snap, 'sw.js')) ? ' with sw.js' : ', no sw.js'}).

- Browser: headless Chromium ${chromiumVersion} (Debian), playwright-core, a fresh context per run.
- Runs: ${RUNS}, interleaved app / baseline (/ offline floor on Slow 4G); each figure is the median and the max of the runs
  (per-click figures: median of each run's median; max = slowest single click).
- Throttling: DevTools presets through CDP \`Network.emulateNetworkConditions\`:
  ${profiles.map((p) => `**${p}** ${PROFILES[p].downloadThroughput} B/s down, ${PROFILES[p].uploadThroughput} B/s up, ${PROFILES[p].latency} ms latency per request`).join('; ')};
  CPU \`Emulation.setCPUThrottlingRate\` ${CPU_RATE}× for page loads.
- Server: \`e2e/server.mjs\` (brotli quality 11 when the browser accepts it, as Chromium does here, else gzip -9;
  \`application/wasm\`), one loopback origin per site.
- Baseline: the same curriculum (\`curriculum export content\`) as ${base.pages} static HTML pages, no JavaScript,
  with the app's stylesheet (\`scripts/baseline.mjs\`); the home page lists the topics and their lessons.
  Offline floor: the same pages plus a minimal service worker, on a third origin (see "Offline reload floor" below).
  Interactive floor: \`crates/bench-floor\`, the smallest Leptos 0.8 client-side app with the router (a counter, a route
  parameter, a fallback), built like the app (same release profile and flags, \`wasm-opt -Oz\`, Trunk's own wasm preload
  in the head, the earliest any app starts its wasm) into \`target/bench-floor/\` by \`scripts/bench.sh\`; it sets the
  same \`app-ready\` mark once mounted. Its first visit on Slow 4G says how soon any Leptos app is interactive here.
- Lighthouse: ${lhSkip ? lhSkip : `${lh0 ? lh0.lighthouseVersion : LH_VERSION}, mobile defaults, throttling method \`${lh0 ? lh0.throttlingMethod : 'simulate'}\`, ${LH_RUNS} run(s) per site (section below).`}

| figure | app median | app max | baseline median | baseline max | app / baseline | goal |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
${table.join('\n')}

## Lighthouse

${lhSection}
## Goals

${goals.join('\n')}

## How each figure is taken

- **Bytes, requests**: sum of CDP \`Network.loadingFinished.encodedDataLength\` (body + headers) and number of
  requests of the page, from navigation until no request has been in flight for 1 s (cold cache, Slow 4G run).
  The baseline's first visit is its home page only; the "whole curriculum" row adds every lesson page (each URL
  counted once: the test server sends no validators, so repeated no-cache icon fetches are left out), and
  compares it with everything the server sent for the app's first visit including the service worker's precache
  (the app shell plus every topic file: after that, the whole course reads offline).
  Requests made by a service worker on its own (precaching) are not in the page's session: the
  "incl. service-worker precache" rows take them from the server's request counts (every path served
  until nothing new for 2 s, with the body bytes the server actually sent, as encoded; headers not included).
- **Interactive**: the app's \`performance.mark('app-ready')\` (set after mounting, with handlers attached),
  ms from navigation start; the baseline, having no script, is usable at its first contentful paint.
- **Repeat visit**: \`page.reload()\` in the same context, network throttling off, CPU ${CPU_RATE}×: HTTP cache only
  for the baseline; a page its service worker already controls (the app, the floor) is answered by the worker
  (\`repeat_from_sw\` in runs.csv).
- **Offline reload**: once \`navigator.serviceWorker.controller\` is set, the app's server is stopped and the
  page reloaded (CPU ${CPU_RATE}×); compared with the baseline's cached reload (the best a plain page can do).
  The figure counts only if CDP reports the reloaded document \`fromServiceWorker\`.
  ${offlineErrors.length ? `Errors: ${offlineErrors.join('; ')}` : ''}
- **Offline reload floor**: the baseline's pages byte for byte plus one inline
  \`navigator.serviceWorker.register('/sw.js')\` before \`</body>\`, and a minimal \`sw.js\` (install: \`cache.addAll\` of
  every page, the CSS and the icon, \`skipWaiting\`; activate: \`clients.claim()\`; fetch: \`caches.match\` ignoring search,
  else the network), built by \`buildBaselineSw\` in \`scripts/baseline.mjs\` and served on its own origin. Measured
  in every run as the app's offline reload (cold first visit of \`/\` on Slow 4G, reload, then once the worker controls
  the page, server stopped and reload; FCP, as there is no app-ready); its own reloads go through the worker
  (\`repeat_from_sw\`, \`offline_worker_start\` in runs.csv). It is the least any page served offline by a service
  worker costs (starting the worker and answering from Cache Storage; no app code, no wasm), so the app's
  offline goal is read against it: a floor above 1.2× the baseline's cached reload means no service-worker page meets that goal here.
- **Feedback**: in the quiz, an option is picked, then the page clicks "Responder" itself
  (\`performance.now()\` before \`click()\`) and a MutationObserver sees \`.veredicto\`; paint is the first task
  after the rendering steps of the frame holding that change (rAF, then a posted message). The headline
  click is dispatched at the start of a frame, so it measures the work (handler, update, style, layout,
  paint) rather than where the click fell within the 16.7 ms frame; the "random moment" row includes that wait.
  Answers rotate over the three variants (${FEEDBACK_MODES.map((m) => m.key).join(', ')}).
- **Contact's board**: ${BOARD_FILES} sealed trainee files of ten attempts each over 46 municipalities
  (\`cargo run -p results --example trainees\`) chosen at once in \`/enlace/\`'s file picker at CPU ${CPU_RATE}×
  (\`scripts/bench-board.mjs\`); from the input's \`change\` event to the first frame painted after the totals
  show every person (totals and table; the pending list and the charts follow two frames later, timed
  as "painted too"); the split uses the board's \`performance.mark\`s (read and validated, merged). The files are
  read and validated in the board's Web Worker (\`public/lector.js\`), throttled too (CDP attached to it). The
  ${BOARD_FILES_STATE.toLocaleString('en')}-file row (the state with every trainee of a large year) is timed the same way.
- **Memory**: after all five quizzes in one page (client-side navigation between them), CDP
  \`HeapProfiler.collectGarbage\` then \`Runtime.getHeapUsage().usedSize\`, plus the wasm
  \`memory.buffer.byteLength\` from Trunk's \`TrunkApplicationStarted\` event. Baseline: JS heap of the last lesson page after reading them all.
- **Lighthouse**: \`scripts/lighthouse.mjs\`, Lighthouse ${LH_VERSION} pinned in \`bench/lighthouse/\` (the last release for Node 20),
  programmatic API with no preset and no throttling flags, i.e. its mobile defaults${lh0 ? `: form factor
  ${lh0.formFactor} (${lh0.screen}), throttling method \`${lh0.throttlingMethod}\` (Lantern: the page loads
  unthrottled and the metrics are simulated for ${lh0.throttling.rttMs} ms RTT, ${lh0.throttling.throughputKbps} kbit/s down,
  ${lh0.throttling.uploadThroughputKbps} kbit/s up, ${lh0.throttling.cpuSlowdownMultiplier}× CPU)` : ''}. Categories performance, accessibility and
  best-practices (SEO is not run; that changes no other score). Its own headless Chromium per run (the same
  binary${lh0 ? `, ${lh0.chromium}` : ''}, started by chrome-launcher with a fresh profile and
  \`${LH_FLAGS.join(' ')}\`), ${Math.round(LH_TIMEOUT / 1000)} s timeout per run.
  Each run follows the Playwright figures of the same bench run.${lh0 ? ` Lighthouse's \`benchmarkIndex\` of this
  machine: median ${Math.round(median(lhRuns.map((r) => r.benchmarkIndex)))} (the 4× CPU factor is not calibrated to it); a run took
  ${(lhWall / 1000).toFixed(0)} s (median, Chromium start included).` : ''} Simulated throttling is not the request-level
  throttling of the table above, so Lighthouse's FCP/LCP are not comparable with those rows.
  Served from 127.0.0.1, \`is-on-https\` passes (Lighthouse treats localhost as a secure context) and
  \`uses-http2\` skips the requests (localhost): on a real host both depend on the host.
  Full reports of the last bench run: \`target/bench/lighthouse/<site>-run<N>.report.html\` (not committed).

Raw runs: [runs.csv](runs.csv).
`;

fs.mkdirSync(OUT, { recursive: true });
// The wasm breakdown (scripts/wasm-breakdown.sh, kept by hand between its markers) is not
// measured here: carry it over from the previous results.md.
const RESULTS = path.join(OUT, 'results.md');
const kept = fs.existsSync(RESULTS)
  ? fs.readFileSync(RESULTS, 'utf8').match(/<!-- wasm-breakdown:start[^]*?<!-- wasm-breakdown:end -->\n/)
  : null;
fs.writeFileSync(RESULTS, kept ? `${md}\n${kept[0]}` : md);
// Lighthouse rows: its simulated CPU slowdown (the page itself loads unthrottled).
const lhCpu = lh0 ? lh0.throttling.cpuSlowdownMultiplier : '';
const csv = ['run,target,scenario,metric,value,unit,chromium,cpu_rate']
  .concat(rows.map((r) => [r.run, r.target, r.scenario, r.metric, typeof r.value === 'number' ? +r.value.toFixed(3) : r.value ?? '', r.unit,
    chromiumVersion, r.scenario in PROFILES || r.scenario === 'feedback_cpu4' ? CPU_RATE : r.scenario === LH_SCENARIO ? lhCpu : 1]
    .map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : v)).join(',')));
fs.writeFileSync(path.join(OUT, 'runs.csv'), csv.join('\n') + '\n');
console.log(md);
log(`wrote ${path.relative(ROOT, path.join(OUT, 'results.md'))} and ${path.relative(ROOT, path.join(OUT, 'runs.csv'))}`);
if (OUT === path.join(ROOT, 'bench')) {
  const { updateReadme } = await import('./bench-readme.mjs');
  updateReadme(path.join(OUT, 'results.md'));
  log('README.md: benchmark figures updated');
}
