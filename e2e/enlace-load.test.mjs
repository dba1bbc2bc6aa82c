// The board stays responsive while it reads many files (issue 21): a Web Worker reads and validates
// them (e2e/enlace-reader.test.mjs), the page hands them over a few at a time, a progress bar says how far it is ("Leyendo archivos: 850 de 2000"), and
// "Cancelar" stops the load, adding nothing of it and keeping what was loaded before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, serve, watch, open, throttleCpu, pauseWorkerAt, ROOT, traineeFiles } from './lib.mjs';

let server, browser, tmp, files;
before(async () => {
  server = await serve();
  browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jornada-carga-'));
  files = traineeFiles(2000, tmp);
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('2,000 files at 4x CPU: the progress bar moves, the page keeps painting, "Cancelar" keeps nothing of the load', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  const w = watch(page);
  await open(page, server.url + '/enlace/');
  // Something loaded before: a cancelled load must leave it as it was.
  await page.locator('#archivos').setInputFiles(files.slice(0, 3));
  await page.locator('.estado-carga', { hasText: 'Archivos aceptados: 3 de 3.' }).waitFor();
  const cdp = await ctx.newCDPSession(page);
  // The page and its file reader (a worker: throttled only with DevTools attached to it).
  await throttleCpu(cdp, 4);

  // Every value the bar shows, and the longest time between two painted frames, while reading.
  await page.evaluate(() => {
    window.__seen = [];
    window.__gaps = [];
    window.__frames = true;
    let last = performance.now();
    const tick = (t) => {
      window.__gaps.push([last, t - last]);
      last = t;
      const label = document.querySelector('.progreso-carga label');
      const m = label && label.textContent.match(/^Leyendo archivos: (\d+) de (\d+)$/);
      if (m && !window.__seen.some((s) => s[0] === Number(m[1]))) window.__seen.push([Number(m[1]), Number(m[2]), Math.round(t)]);
      // "Cancelar" pressed in the first frame that shows 200 files read: the reader takes about
      // a second for all 2,000, less than a driven click needs to find the button.
      if (m && Number(m[1]) >= 200 && !window.__cancelled) {
        window.__cancelled = true;
        [...document.querySelectorAll('.progreso-carga button')].find((b) => b.textContent.trim() === 'Cancelar').click();
      }
      if (window.__frames) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const reached = (n) => page.waitForFunction((n) => window.__seen.some(([d]) => d >= n), n, { timeout: 60000, polling: 'raf' });
  await page.locator('#archivos').setInputFiles(files);
  await page.getByText('Lectura cancelada: no se agregó ningún archivo de esta selección.').waitFor({ timeout: 30000 });
  // The longest time between two frames once the board's code runs (its mark `enlace-inicio`);
  // before it, Chromium itself makes a File of each chosen file, which no page code can split.
  const { seen, gap, before } = await page.evaluate(() => {
    window.__frames = false;
    const start = performance.getEntriesByName('enlace-inicio').pop().startTime;
    const longest = (keep) => Math.max(0, ...window.__gaps.filter(keep).map(([, g]) => g));
    return { seen: window.__seen, gap: longest(([at]) => at >= start), before: longest(([at]) => at < start) };
  });
  assert.ok(seen.length >= 2, `the bar moved: ${JSON.stringify(seen)}`);
  assert.ok(seen.every(([, total]) => total === 2000), 'out of 2000');
  assert.ok(seen.every(([done]) => done < 2000), 'cancelled before the end');
  assert.equal(await page.locator('.progreso-carga').count(), 0, 'the bar is gone');
  assert.equal(await page.locator('.total-personas').innerText(), '3', 'what was loaded before is kept, nothing added');
  console.log(`bar values seen: ${seen.map(([d]) => d).join(', ')}; longest time between frames at 4x CPU while the board reads: ${Math.round(gap)} ms (the longest one that began before the board's code started, while the browser takes the chosen files: ${Math.round(before)} ms)`);
  assert.ok(gap < 500, `the page painted at least every half second while reading (longest gap ${Math.round(gap)} ms)`);

  // The same files again, to the end.
  await page.evaluate(() => { window.__seen = []; window.__frames = true; requestAnimationFrame(function tick() { const l = document.querySelector('.progreso-carga label'); const m = l && l.textContent.match(/(\d+) de/); if (m) window.__seen.push([Number(m[1])]); if (window.__frames) requestAnimationFrame(tick); }); });
  // The reader held at its 17th message of 25 files, so the screenshot shows the board mid-load
  // (at 4x it reads the 2,000 files in about a second, before a screenshot is taken).
  const go = await pauseWorkerAt(cdp, 'lector.js', 'read(data.blob, data.sizes, results)', 17);
  await page.locator('#archivos').setInputFiles(files);
  await page.getByText('Leyendo archivos: 400 de 2000').waitFor({ timeout: 60000 });
  await page.locator('.progreso-carga').evaluate((bar) => bar.scrollIntoView({ block: 'center', behavior: 'instant' }));
  await page.screenshot({ path: path.join(ROOT, 'e2e', 'artifacts', 'enlace-carga-360.png') });
  await go();
  await page.locator('.estado-carga', { hasText: 'Archivos aceptados: 2000 de 2000.' }).waitFor({ timeout: 120000 });
  assert.equal(await page.locator('.total-personas').innerText(), '2000');
  assert.deepEqual(w.errors, []);
  await ctx.close();
});
