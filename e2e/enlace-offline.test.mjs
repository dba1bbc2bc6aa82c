// The contact's board offline: after one online visit (through the link in "Respaldo y
// resultados", with the trainee app's service worker in control), the board opens with the server
// stopped and the browser offline, and still reads, validates and merges files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, serve, watch, open, ROOT, traineeFiles } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('after one online visit the board opens and merges files with the server stopped', async () => {
  const server = await serve();
  const ctx = await browser.newContext();
  const w = watch(ctx);
  const page = await ctx.newPage();
  await open(page, server.url + '/');
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  // The one online visit: the way a contact finds the board.
  await open(page, server.url + '/respaldo');
  await page.getByRole('link', { name: 'tablero de la persona enlace' }).click();
  await page.waitForSelector('body[data-app-ready="1"] main.enlace', { timeout: 30000 });
  await page.getByText('Disponible sin conexión en este equipo').waitFor({ timeout: 30000 });
  const online = [...server.counts.keys()].filter((p) => p.startsWith('/enlace/'));
  assert.ok(online.some((p) => p.endsWith('.wasm')), `the board's wasm came from the network: ${online}`);

  await server.close(); // nothing answers any more
  await ctx.setOffline(true);
  await page.reload();
  await page.waitForSelector('body[data-app-ready="1"] main.enlace', { timeout: 30000 });
  await page.getByRole('heading', { level: 1, name: 'Tablero de la persona enlace' }).waitFor();
  // It works, not just shows: a consolidated file is read, verified and merged offline.
  await page.locator('#archivos').setInputFiles(path.join(ROOT, 'tests/fixtures/results/ejemplo-v1.json'));
  await page.locator('.estado-carga', { hasText: 'Archivos aceptados: 1 de 1.' }).waitFor();
  assert.equal(await page.locator('.total-personas').innerText(), '2');
  assert.equal(await page.locator('.tabla-enlace tbody tr').count(), 2);
  // A new tab on the board's address, still offline.
  const again = await ctx.newPage();
  await again.goto(server.url + '/enlace/');
  await again.waitForSelector('body[data-app-ready="1"] main.enlace', { timeout: 30000 });
  assert.deepEqual(w.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|Failed to fetch|sw\.js/.test(e)), []);
  await ctx.close();
});

test('a contact who goes straight to /enlace/ gets it offline from that first visit', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jornada-directo-'));
  const files = traineeFiles(3, dir);
  const server = await serve();
  const ctx = await browser.newContext(); // fresh: never opened the trainee app
  const w = watch(ctx);
  const page = await ctx.newPage();
  await open(page, server.url + '/enlace/');
  // The board says when it is kept on this computer (its own worker finished installing).
  await page.getByText('Disponible sin conexión en este equipo').waitFor({ timeout: 30000 });
  const scopes = await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((r) => new URL(r.scope).pathname));
  assert.deepEqual(scopes, ['/enlace/'], 'only the board\'s own worker: the trainee app is not installed');
  assert.deepEqual(w.requests.map((u) => new URL(u).pathname).filter((p) => !p.startsWith('/enlace/') && p !== '/icons/icono-192.png'), [],
    'nothing of the trainee app is downloaded');

  await server.close();
  await ctx.setOffline(true);
  await page.reload();
  await page.waitForSelector('body[data-app-ready="1"] main.enlace', { timeout: 30000 });
  await page.getByText('Disponible sin conexión en este equipo').waitFor();
  await page.locator('#archivos').setInputFiles(files);
  await page.locator('.estado-carga', { hasText: 'Archivos aceptados: 3 de 3.' }).waitFor();
  assert.equal(await page.locator('.total-personas').innerText(), '3');
  assert.equal(await page.locator('.total-intentos').innerText(), '30');
  assert.equal(await page.getAttribute('body', 'data-lectura'), 'lector', 'the file reader (/enlace/lector.js) works offline too');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ROOT, 'e2e', 'artifacts', 'enlace-sin-conexion-360.png') });
  assert.deepEqual(w.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|Failed to fetch/.test(e)), []);
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
