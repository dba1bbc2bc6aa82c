// Quiz and progress journeys: pass, fail and retry, resume after closing, and storage that
// never loses data (corrupt, newer version, blocked, full, two tabs, browser restart).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  launch, launchPersistent, serve, watch, open, ready, curriculum, answer, next, takeQuiz, screenshot,
} from './lib.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const KEY = 'jornada.progress';
const topic = () => curriculum().topics[0];

/** A fresh context whose localStorage is seeded before the app first loads. */
async function seeded(entries) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(server.url + '/salida.html');
  await page.evaluate((e) => { for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v); }, entries);
  return { ctx, page };
}

const stored = (page) => page.evaluate((k) => localStorage.getItem(k), KEY);
/** The active profile's progress in a stored envelope. */
const prog = (env) => env.data.profiles.find((p) => p.id === env.data.active).progress;

test('pass a quiz, reload, and the result is kept', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const w = watch(page);
  const t = topic();
  await takeQuiz(page, server.url, t.id, t.quiz_size);
  await page.getByText('Aprobado', { exact: true }).waitFor();
  await page.getByText('100 %').waitFor();
  await screenshot(page, 'result-passed');
  const url = page.url();
  await page.reload();
  await ready(page);
  await page.getByText('100 %').waitFor();
  await page.goto(`${server.url}/tema/${t.id}/evaluacion`);
  await ready(page);
  await page.getByRole('cell', { name: 'Aprobado' }).waitFor();
  await open(page, server.url + '/');
  await page.getByText('mejor resultado 100 %').waitFor();
  assert.match(url, /\/evaluacion\/[0-9a-f]+$/);
  const env = JSON.parse(await stored(page));
  const a = prog(env).attempts[t.id][0];
  assert.equal(a.passed, true);
  assert.equal(a.content_version, curriculum().content_version);
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('fail, see the mistakes with links to the lessons, then retry', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const t = curriculum().topics[2];
  const pass = Math.ceil((t.quiz_size * curriculum().pass_mark) / 100);
  await takeQuiz(page, server.url, t.id, pass - 1);
  await page.getByText('No aprobado', { exact: true }).waitFor();
  const mistakes = page.locator('.repaso');
  assert.equal(await mistakes.count(), t.quiz_size - (pass - 1));
  const link = mistakes.first().getByRole('link', { name: /Repasar/ });
  assert.match(await link.getAttribute('href'), new RegExp(`^/tema/${t.id}/leccion/[^#]+#`));
  await page.getByRole('button', { name: 'Intentar de nuevo' }).click();
  await page.getByText(`Pregunta 1 de ${t.quiz_size}`).waitFor();
  await answer(page, true);
  await page.goto(`${server.url}/tema/${t.id}/evaluacion`);
  await ready(page);
  await page.getByText(`Pregunta 2 de ${t.quiz_size}`).waitFor();
  const env = JSON.parse(await stored(page));
  assert.equal(prog(env).attempts[t.id].length, 1);
  assert.equal(prog(env).attempts[t.id][0].passed, false);
  await ctx.close();
});

test('close the tab mid-quiz and resume at the same question', async () => {
  const ctx = await browser.newContext();
  let page = await ctx.newPage();
  const t = curriculum().topics[3];
  await open(page, `${server.url}/tema/${t.id}/evaluacion`);
  await page.getByRole('button', { name: 'Comenzar' }).click();
  const answered = [];
  for (let i = 0; i < 3; i++) {
    answered.push((await answer(page, i % 2 === 0)).id);
    await next(page);
  }
  const fourth = await page.locator('form.pregunta').getAttribute('data-pregunta');
  await page.close(); // the tab goes away without answering the fourth question
  page = await ctx.newPage();
  await open(page, server.url + '/');
  await page.getByRole('link', { name: /Continuar la autoevaluación/ }).click();
  await page.getByText(`Pregunta 4 de ${t.quiz_size}`).waitFor();
  assert.equal(await page.locator('form.pregunta').getAttribute('data-pregunta'), fourth);
  assert.ok(!answered.includes(fourth));
  await ctx.close();
});

test('a lesson is marked read by its button and by reaching its end', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const t = topic();
  await open(page, `${server.url}/tema/${t.id}/leccion/${t.lessons[0].id}`);
  await page.getByRole('button', { name: 'Marcar como leída' }).click();
  await page.getByText('Lección leída').waitFor();
  await open(page, `${server.url}/tema/${t.id}/leccion/${t.lessons[1].id}`);
  await page.locator('.fin-leccion').scrollIntoViewIfNeeded();
  await page.getByText('Lección leída').waitFor();
  await open(page, `${server.url}/tema/${t.id}`);
  assert.equal(await page.locator('.leccion-item.leida').count(), 2);
  await ctx.close();
});

test('corrupt stored JSON: the app works and keeps the corrupt copy byte for byte', async () => {
  const bad = '{"schema":1,"app":"jornada","data":{bad ñ \u{1F4A5}';
  const { ctx, page } = await seeded({ [KEY]: bad, 'otra-app.clave': 'no tocar' });
  const w = watch(page);
  await open(page, server.url + '/');
  await page.getByText('No pudimos leer su avance guardado').waitFor();
  await screenshot(page, 'banner-corrupt');
  const copies = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('jornada.progress.corrupt.')));
  assert.equal(copies.length, 1);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), copies[0]), bad);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Descargar la copia dañada' }).click();
  const file = await (await download).path();
  assert.equal(fs.readFileSync(file, 'utf8'), bad);
  // The app works: mark a lesson read; it is saved over the (already copied) bad value.
  const t = topic();
  await open(page, `${server.url}/tema/${t.id}/leccion/${t.lessons[0].id}`);
  await page.getByRole('button', { name: 'Marcar como leída' }).click();
  await page.reload();
  await ready(page);
  await page.getByText('Lección leída').waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), copies[0]), bad);
  assert.equal(await page.evaluate(() => localStorage.getItem('otra-app.clave')), 'no tocar');
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('progress written by a newer version is never overwritten', async () => {
  const newer = JSON.stringify({ schema: 99, app: 'jornada', written_by: '9.0.0', saved_at: 1, data: { future: true } });
  const { ctx, page } = await seeded({ [KEY]: newer });
  await page.addInitScript((key) => {
    window.__writes = [];
    const orig = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) { if (k === key) window.__writes.push(k); return orig.call(this, k, v); };
  }, KEY);
  await open(page, server.url + '/');
  await page.getByText('Hay una versión más nueva de Jornada abierta').waitFor();
  await page.getByRole('button', { name: 'Recargar' }).waitFor();
  const t = topic();
  await open(page, `${server.url}/tema/${t.id}/leccion/${t.lessons[0].id}`);
  await page.getByRole('button', { name: 'Marcar como leída' }).click();
  await page.getByText('Lección leída').waitFor();
  assert.deepEqual(await page.evaluate(() => window.__writes), []);
  assert.equal(await stored(page), newer);
  await ctx.close();
});

test('storage blocked (SecurityError): the app works in memory and says so', async () => {
  const ctx = await browser.newContext();
  await ctx.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  const page = await ctx.newPage();
  const w = watch(page);
  await open(page, server.url + '/');
  await page.getByText('Su avance no se está guardando').waitFor();
  await page.getByText('no permite guardar datos').waitFor();
  await screenshot(page, 'banner-blocked');
  const t = topic();
  await open(page, `${server.url}/tema/${t.id}/evaluacion`);
  await page.getByText('Su avance no se está guardando').waitFor();
  await page.getByRole('button', { name: 'Comenzar' }).click();
  await answer(page, true);
  await page.getByText('✓ Correcto').waitFor();
  await next(page);
  await page.getByText(`Pregunta 2 de ${t.quiz_size}`).waitFor();
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('storage full (QuotaExceededError): progress stays in memory, a warning shows, export works', async () => {
  const ctx = await browser.newContext();
  await ctx.addInitScript(() => {
    const orig = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (k === 'jornada.progress') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return orig.call(this, k, v);
    };
  });
  const page = await ctx.newPage();
  const w = watch(page);
  const t = topic();
  await open(page, `${server.url}/tema/${t.id}/leccion/${t.lessons[0].id}`);
  await page.getByText('El almacenamiento de este navegador está lleno').waitFor();
  await page.getByRole('button', { name: 'Marcar como leída' }).click();
  await page.getByText('Lección leída').waitFor();
  // In-app navigation keeps the in-memory progress.
  await page.getByRole('link', { name: t.short_title }).first().click();
  await page.locator('.leccion-item.leida').first().waitFor();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Descargar mi avance' }).click();
  const saved = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8'));
  assert.ok(prog(saved).lessons_read[t.lessons[0].id] > 0);
  assert.equal(saved.app, 'jornada');
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('two tabs answer different questions, and both answers survive', async () => {
  const ctx = await browser.newContext();
  const a = await ctx.newPage();
  const b = await ctx.newPage();
  const t = curriculum().topics[4];
  await open(a, `${server.url}/tema/${t.id}/evaluacion`);
  await a.getByRole('button', { name: 'Comenzar' }).click();
  await a.getByText(`Pregunta 1 de ${t.quiz_size}`).waitFor();
  await open(b, `${server.url}/tema/${t.id}/evaluacion`);
  await b.getByText(`Pregunta 1 de ${t.quiz_size}`).waitFor();
  const q1 = await answer(a, true);
  // Tab B learns of A's answer through the storage event, without a reload.
  await b.getByText(`Pregunta 2 de ${t.quiz_size}`).waitFor();
  const q2 = await answer(b, false);
  await next(a);
  await a.getByText(`Pregunta 3 de ${t.quiz_size}`).waitFor();
  await a.reload();
  await b.reload();
  await ready(a);
  await ready(b);
  await a.getByText(`Pregunta 3 de ${t.quiz_size}`).waitFor();
  await b.getByText(`Pregunta 3 de ${t.quiz_size}`).waitFor();
  const env = JSON.parse(await stored(a));
  const answers = prog(env).current[t.id].answers;
  assert.equal(answers[q1.id].correct, true);
  assert.equal(answers[q2.id].correct, false);
  await ctx.close();
});

test('a lesson read in one tab shows as read in the other', async () => {
  const ctx = await browser.newContext();
  const a = await ctx.newPage();
  const b = await ctx.newPage();
  const t = topic();
  await open(b, `${server.url}/tema/${t.id}`);
  assert.equal(await b.locator('.leccion-item.leida').count(), 0);
  await open(a, `${server.url}/tema/${t.id}/leccion/${t.lessons[2].id}`);
  await a.getByRole('button', { name: 'Marcar como leída' }).click();
  await b.locator('.leccion-item.leida').first().waitFor();
  await ctx.close();
});

test('progress survives closing and reopening the browser', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jornada-perfil-'));
  const t = topic();
  let ctx = await launchPersistent(dir);
  let page = await ctx.newPage();
  await open(page, `${server.url}/tema/${t.id}/leccion/${t.lessons[0].id}`);
  await page.getByRole('button', { name: 'Marcar como leída' }).click();
  await page.getByText('Lección leída').waitFor();
  await ctx.close();
  ctx = await launchPersistent(dir);
  page = await ctx.newPage();
  await open(page, `${server.url}/tema/${t.id}`);
  assert.equal(await page.locator('.leccion-item.leida').count(), 1);
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
