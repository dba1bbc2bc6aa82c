#!/usr/bin/env node
// The contact's board under load, for scripts/bench.mjs (and alone: `node scripts/bench-board.mjs
// [--runs N] [--files N]` on the current dist/, which must hold the board in dist/enlace/;
// `--files 5000` times the state with every trainee of a large year).
//
// 1,000 sealed trainee files (ten attempts each: 10,000 attempts over 46 municipalities), written by
// crates/results (`cargo run -p results --example trainees`), are chosen at once in the board's
// file picker with the CPU throttled 4×. The figure runs from the input's `change` event (in the
// page) until the totals show 1,000 people and the next frame is painted: reading every file,
// validating and merging, and rendering the first screen (totals and table). The pending list and
// the charts, below it, are drawn in the frame after: `complete` runs until they are painted too.
// The files are read in the board's Web Worker, throttled as the page is (`throttleCpu`);
// `BOARD_IN_PAGE=1` times the page reading them itself, as where no worker can start.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, throttleCpu, ROOT, DIST, traineeFiles } from '../e2e/lib.mjs';
import { startServer } from '../e2e/server.mjs';

export const BOARD_FILES = 1000;
/** The state with every trainee of a large year. */
export const BOARD_FILES_STATE = 5000;

/** Writes the trainee files once into `dir`; returns their paths. */
export function boardFiles(dir, n = BOARD_FILES) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return traineeFiles(n, dir);
}

/**
 * One run at `cpu`× throttling: { total, read, merge, render, complete } in ms, from choosing the
 * files to the painted board; `read` (reading and validating every file) and `merge` from the
 * board's performance marks, `render` from the merge to the painted frame; `complete` from
 * choosing the files until the pending list and the charts are painted as well.
 */
export async function boardLoad(browser, baseUrl, files, cpu = 4) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  try {
    // BOARD_IN_PAGE=1: as in a browser without module workers, the page reads the files itself.
    if (process.env.BOARD_IN_PAGE) await context.addInitScript(() => { delete window.Worker; });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`${baseUrl}/enlace/`, { timeout: 120000 });
    await page.waitForSelector('body[data-app-ready="1"] main', { timeout: 120000 });
    await throttleCpu(cdp, cpu); // the page and its file reader (a Web Worker)
    const done = page.evaluate((n) => new Promise((resolve) => {
      let t0 = 0;
      let first = null;
      document.querySelector('#archivos').addEventListener('change', () => { t0 = performance.now(); }, { capture: true });
      const painted = (then) => requestAnimationFrame(() => setTimeout(() => then(performance.now()), 0));
      const obs = new MutationObserver(() => {
        const el = document.querySelector('.total-personas');
        if (!first && el && el.textContent === String(n)) {
          first = 'waiting';
          painted((end) => {
            const at = (n) => (performance.getEntriesByName(n).pop() || { startTime: NaN }).startTime;
            first = { total: end - t0, read: at('enlace-leidos') - t0, merge: at('enlace-combinados') - at('enlace-leidos'), render: end - at('enlace-combinados') };
            check();
          });
        }
        check();
      });
      const check = () => {
        if (typeof first === 'object' && first && document.querySelector('#grafica-municipios')) {
          obs.disconnect();
          painted((end) => resolve({ ...first, complete: end - t0 }));
        }
      };
      obs.observe(document.body, { subtree: true, childList: true, characterData: true });
    }), files.length);
    await page.locator('#archivos').setInputFiles(files);
    const r = await done;
    await throttleCpu(cdp, 1);
    return r;
  } finally {
    await context.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
  const count = process.argv.includes('--files') ? Number(process.argv[process.argv.indexOf('--files') + 1]) : BOARD_FILES;
  const files = boardFiles(path.join(ROOT, 'target', `bench-board-${count}`), count);
  const server = await startServer({ root: DIST, port: 0 });
  const browser = await launch();
  try {
    for (let i = 1; i <= runs; i++) {
      const r = await boardLoad(browser, server.url, files);
      console.log(`run ${i}: ${r.total.toFixed(0)} ms (read and validate ${r.read.toFixed(0)}, merge ${r.merge.toFixed(0)}, render ${r.render.toFixed(0)}; pending list and charts painted at ${r.complete.toFixed(0)}; ${files.length} files, CPU 4×)`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
