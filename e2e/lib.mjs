// Shared helpers for the end-to-end tests: Debian's Chromium through playwright-core, nginx
// serving the release build with deploy/nginx.conf, console-error collection, and the curriculum
// export (to know answers).

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNginx } from './nginx.mjs';
import assert from 'node:assert/strict';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = process.env.JORNADA_DIST || path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(ROOT, 'e2e', 'artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
];

export function launch(opts = {}) {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, ...opts });
}

export function launchPersistent(userDataDir, opts = {}) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, ...opts,
  });
}

/**
 * Slows the page's CPU `rate` times, and every dedicated worker it starts from now on (the
 * board's file reader). Chromium throttles a worker only while DevTools is attached to it: a
 * worker's busy loop ran at 1.0x with `Emulation.setCPUThrottlingRate` alone, at 3.9x with this.
 * Each new worker waits for the attachment, then runs.
 */
export async function throttleCpu(cdp, rate) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  if (cdp.__workersThrottled) return;
  cdp.__workersThrottled = true;
  cdp.__workers = [];
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type !== 'worker') return;
    cdp.__workers.push({ sessionId, url: targetInfo.url });
    const message = JSON.stringify({ id: 1, method: 'Runtime.runIfWaitingForDebugger' });
    cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch(() => {});
  });
  cdp.on('Target.detachedFromTarget', ({ sessionId }) => {
    cdp.__workers = cdp.__workers.filter((w) => w.sessionId !== sessionId);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
}

/**
 * Stops the newest worker whose URL ends in `file` at the first line of it that contains `code`,
 * the `nth` time that line runs (the worker must have been attached by `throttleCpu`). Returns a
 * function that lets it go on.
 */
export async function pauseWorkerAt(cdp, file, code, nth) {
  const worker = cdp.__workers.filter((w) => w.url.endsWith(file)).pop();
  assert(worker, `no worker ${file} attached`);
  const source = fs.readFileSync(path.join(ROOT, 'public', file), 'utf8').split('\n');
  const lineNumber = source.findIndex((l) => l.includes(code));
  assert(lineNumber >= 0, `${code} not in ${file}`);
  let id = 100;
  const send = (method, params = {}) => cdp.send('Target.sendMessageToTarget', {
    sessionId: worker.sessionId, message: JSON.stringify({ id: id++, method, params }),
  });
  await send('Debugger.enable');
  await send('Debugger.setBreakpointByUrl', {
    urlRegex: file.replace(/\./g, '\\.') + '$', lineNumber,
    condition: `(self.__e2eVeces = (self.__e2eVeces || 0) + 1) === ${nth}`,
  });
  return () => send('Debugger.resume');
}

/** `n` sealed trainee files written into `dir` by crates/results (the same code as the app:
 *  `cargo run -p results --example trainees`); their paths, sorted. */
export function traineeFiles(n, dir) {
  execFileSync('cargo', ['run', '-q', '-p', 'results', '--example', 'trainees', '--', String(n), dir], { cwd: ROOT, stdio: 'inherit' });
  return fs.readdirSync(dir).sort().map((f) => path.join(dir, f));
}

/** Debian's nginx with deploy/nginx.conf, serving the build (e2e/nginx.mjs). */
export function serve(opts = {}) {
  return startNginx({ root: DIST, ...opts });
}

let exported;
/** The curriculum as `curriculum export content` prints it. */
export function curriculum() {
  if (!exported) {
    const out = execFileSync('cargo', ['run', '-q', '-p', 'curriculum', '--', 'export', 'content'], {
      cwd: ROOT, maxBuffer: 64 << 20,
    });
    exported = JSON.parse(out.toString());
  }
  return exported;
}

/** Collects console errors, page errors and requests of a page (or a whole context). */
export function watch(target) {
  const errors = [];
  const requests = [];
  const attach = (page) => {
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
  };
  if (typeof target.pages === 'function') {
    target.pages().forEach(attach);
    target.on('page', attach);
  } else {
    attach(target);
  }
  return { errors, requests };
}

/** Waits until the app has mounted. */
export async function ready(page) {
  await page.waitForSelector('body[data-app-ready="1"] main', { timeout: 30000 });
}

export async function open(page, url) {
  await page.goto(url);
  await ready(page);
}

/** Finds a question of the export by its id. */
export function questionById(id) {
  for (const t of curriculum().topics) {
    const q = t.questions.find((q) => q.id === id);
    if (q) return q;
  }
  throw new Error(`question not in export: ${id}`);
}

/** The question on screen (prompts repeat across cases, so it is found by the form's id). */
export async function questionOnScreen(page) {
  return questionById(await page.locator('form.pregunta').getAttribute('data-pregunta'));
}

/** Answers the question on screen, rightly or wrongly, and submits it. Returns the question. */
export async function answer(page, right) {
  const q = await questionOnScreen(page);
  const pick = right ? q.options.filter((o) => o.correct) : [q.options.find((o) => !o.correct)];
  for (const o of pick) {
    await page.locator('.opciones label').filter({ hasText: o.text }).first().click();
  }
  await page.getByRole('button', { name: 'Responder' }).click();
  await page.locator('.veredicto').waitFor();
  return q;
}

/** Goes to the next question (or to the result after the last). */
export async function next(page) {
  const btn = page.getByRole('button', { name: /Siguiente pregunta|Ver mi resultado/ });
  const label = await btn.innerText();
  await btn.click();
  if (/resultado/.test(label)) await page.waitForURL(/\/evaluacion\/[0-9a-f]+$/);
  else await page.locator('.opciones').waitFor();
}

/** Takes a whole quiz: the first `rightCount` answers right, the rest wrong. */
export async function takeQuiz(page, base, topicId, rightCount) {
  await open(page, `${base}/tema/${topicId}/evaluacion`);
  await page.getByRole('button', { name: 'Comenzar' }).click();
  const total = curriculum().topics.find((t) => t.id === topicId).quiz_size;
  for (let i = 0; i < total; i++) {
    await answer(page, i < rightCount);
    await next(page);
  }
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
