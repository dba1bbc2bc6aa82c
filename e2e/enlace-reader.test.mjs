// The board's file reader (issue 21): a Web Worker running the board's own wasm
// (public/lector.js, src/bin/enlace/worker.rs) reads and validates the files, so the page only
// hands them over. A file the reader stops on is refused by name and the others still load; a
// browser that cannot run the reader has the page read the files itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, serve, watch, open, traineeFiles, CHROMIUM_ARGS } from './lib.mjs';

let server, tmp, files;
before(async () => {
  server = await serve();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jornada-lector-'));
  files = traineeFiles(6, tmp);
});
after(async () => {
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const status = (page, text) => page.locator('.estado-carga', { hasText: text }).waitFor({ timeout: 60000 });

test('the files are read in the reader, one reader serves every load, and errors are named as before', async () => {
  const browser = await launch();
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  const w = watch(page);
  const workers = [];
  page.on('worker', (wk) => workers.push(new URL(wk.url()).pathname));
  await open(page, server.url + '/enlace/');
  const bad = path.join(tmp, 'no-es-de-jornada.json');
  fs.writeFileSync(bad, '{"hola": 1}');
  await page.locator('#archivos').setInputFiles([files[0], bad, files[1]]);
  await status(page, 'Archivos aceptados: 2 de 3.');
  await page.getByRole('alert').getByText('no-es-de-jornada.json').waitFor();
  assert.equal(await page.getAttribute('body', 'data-lectura'), 'lector', 'read by the reader, not the page');
  await page.locator('#archivos').setInputFiles(files.slice(2));
  await status(page, 'Archivos aceptados: 4 de 4.');
  assert.equal(await page.locator('.total-personas').innerText(), '6');
  assert.deepEqual(workers, ['/enlace/lector.js'], 'one reader, started when the board opened, kept between loads');
  assert.deepEqual(w.errors, []);
  await browser.close();
});

test('a file the reader stops on is refused by name, and the files before and after it load', async () => {
  // A computer with little memory for WebAssembly: 256 pages of 64 KiB (16 MiB) per instance.
  // A 19 MB file (under the board's 20 MB limit) cannot be copied into the reader's memory: its
  // validation traps, as it would on an old PC with a state's worth of results.
  const browser = await launch({ args: [...CHROMIUM_ARGS, '--js-flags=--wasm-max-mem-pages=256'] });
  const big = path.join(tmp, 'estado-completo.json');
  fs.writeFileSync(big, '{"format": "jornada-resultados", "relleno": "' + 'x'.repeat(19_000_000) + '"}');
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  const w = watch(page);
  const workers = [];
  page.on('worker', (wk) => workers.push(wk.url()));
  await open(page, server.url + '/enlace/');
  await page.locator('#archivos').setInputFiles([files[0], files[1], big, files[2], files[3]]);
  await status(page, 'Archivos aceptados: 4 de 5.');
  const alert = page.getByRole('alert');
  await alert.getByText('estado-completo.json').waitFor();
  assert.match(await alert.innerText(), /estado-completo\.json: El lector de archivos se detuvo con este archivo/);
  assert.equal(await alert.locator('li').count(), 1, 'only that file is refused');
  assert.equal(await page.locator('.total-personas').innerText(), '4', 'the files before and after it loaded');
  assert.equal(await page.getAttribute('body', 'data-lectura'), 'lector', 'a new reader took the files after it');
  assert.ok(workers.length >= 2, `a new reader was started: ${workers.length}`);
  // The board is not stuck: the next load works.
  await page.locator('#archivos').setInputFiles(files.slice(4));
  await status(page, 'Archivos aceptados: 2 de 2.');
  assert.equal(await page.locator('.total-personas').innerText(), '6');
  assert.deepEqual(w.errors.filter((e) => !/memory allocation|unreachable|RuntimeError/.test(e)), []);
  fs.rmSync(big);
  await browser.close();
});

test('without Web Workers the page reads the files itself, with the same results', async () => {
  const browser = await launch();
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await ctx.addInitScript(() => { delete window.Worker; });
  const page = await ctx.newPage();
  const w = watch(page);
  await open(page, server.url + '/enlace/');
  const bad = path.join(tmp, 'vacio.json');
  fs.writeFileSync(bad, '');
  await page.locator('#archivos').setInputFiles([files[0], bad, ...files.slice(1)]);
  await status(page, 'Archivos aceptados: 6 de 7.');
  await page.getByRole('alert').getByText('vacio.json').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /vacio\.json: El archivo está vacío\./);
  assert.equal(await page.getAttribute('body', 'data-lectura'), 'pagina');
  assert.equal(await page.locator('.total-personas').innerText(), '6');
  assert.deepEqual(w.errors, []);
  await browser.close();
});
