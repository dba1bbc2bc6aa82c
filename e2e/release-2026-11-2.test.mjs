// Progress stored by the 2026.11.2 release (schema 4, before the December content revision),
// opened by this build: nothing is lost, the old attempts keep their version, the failed one
// shows the kinds of its mistakes where today's bank still has the questions, and the ordenes
// attempt in progress on the old questions is offered a clean restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, watch, open, curriculum, screenshot, ROOT } from './lib.mjs';

const KEY = 'jornada.progress';
const RELEASE = fs.readFileSync(path.join(ROOT, 'tests/fixtures/progress/release-2026.11.2.json'), 'utf8');
const OLD = '2026.11.2';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function seeded() {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  await page.goto(server.url + '/salida.html');
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, RELEASE]);
  return { ctx, page };
}

const stored = async (page) => JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));

test('the content version changed since the fixture was stored', () => {
  assert.notEqual(curriculum().content_version, OLD);
});

test('the 2026.11.2 progress opens whole: attempts, their version, and the kinds of the old mistakes', async () => {
  const { ctx, page } = await seeded();
  const w = watch(page);
  const oldEnv = JSON.parse(RELEASE);
  const old = oldEnv.data.profiles[0].progress;

  await open(page, `${server.url}/tema/avgm`);
  // Three of the four old mistakes are on questions the bank still has: their kinds show.
  const items = page.locator('.errores-frecuentes .error-tipo');
  await items.first().waitFor();
  let total = 0;
  for (let i = 0; i < await items.count(); i++) {
    total += Number((await items.nth(i).innerText()).match(/\((\d+)\)/)[1]);
  }
  assert.equal(total, 3);
  await page.locator('.errores-frecuentes a').first().waitFor();
  await screenshot(page, 'release-2026.11.2-avgm-topic-360');

  // The failed attempt's result page: the old version is said, and the retired question listed.
  const attempt = old.attempts.avgm[0];
  await open(page, `${server.url}/tema/avgm/evaluacion/${attempt.id}`);
  await page.getByText('60 %', { exact: true }).waitFor();
  await page.getByText(`contenido versión ${OLD}`).waitFor();
  assert.equal(await page.locator('.lista-resultados li').count(), 10);
  await page.locator('.lista-resultados li', { hasText: 'Pregunta retirada del contenido' }).first().waitFor();
  await page.locator('.errores-frecuentes .error-tipo').first().waitFor();

  // The modelo pass stands with its version.
  await open(page, `${server.url}/tema/modelo/evaluacion`);
  await page.getByRole('row').filter({ hasText: '9 de 10 (90 %)' }).getByText(`contenido versión ${OLD}`).waitFor();

  // Nothing of the old data is missing.
  await open(page, `${server.url}/tema/ordenes/evaluacion`);
  await page.getByRole('heading', { name: 'El contenido de este tema se actualizó' }).waitFor();
  const env = await stored(page);
  const p = env.data.profiles.find((x) => x.id === env.data.active).progress;
  assert.deepEqual(p.attempts, old.attempts);
  assert.deepEqual(p.lessons_read, old.lessons_read);
  assert.deepEqual(p.current.ordenes, old.current.ordenes);
  assert.deepEqual(w.errors, []);
  await ctx.close();
});
