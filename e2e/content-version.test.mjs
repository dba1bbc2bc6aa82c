// Progress stored by the previous release (content 2026.11.1) after the content revision: the
// finished attempt still shows everywhere with its version, and the attempt in progress on the old
// questions gets a clear way forward without losing its answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, watch, open, ready, curriculum, answer, next, screenshot, ROOT } from './lib.mjs';

const KEY = 'jornada.progress';
const RELEASE = fs.readFileSync(path.join(ROOT, 'tests/fixtures/progress/release-2026.11.1.json'), 'utf8');
const OLD = '2026.11.1';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function seeded() {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(server.url + '/salida.html');
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, RELEASE]);
  return { ctx, page };
}

const progress = async (page) => {
  const env = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  return { env, p: env.data.profiles.find((x) => x.id === env.data.active).progress };
};

test('the content version changed', () => {
  assert.notEqual(curriculum().content_version, OLD);
});

test('an old attempt still shows in the history, the result page, the constancia and the results file', async () => {
  const { ctx, page } = await seeded();
  const w = watch(page);
  await open(page, `${server.url}/tema/modelo/evaluacion`);
  const row = page.getByRole('row').filter({ hasText: '9 de 10 (90 %)' });
  await row.getByText(`Aprobado · contenido versión ${OLD}`).waitFor();
  await row.getByRole('link', { name: 'Ver detalle' }).click();
  await page.waitForURL(/\/evaluacion\/rel-a1$/);
  await page.getByText('90 %', { exact: true }).waitFor();
  await page.getByText('Este intento se hizo con una versión anterior del contenido.', { exact: false }).waitFor();
  // Its one mistake was on a retired question: said so, not "no mistakes".
  await page.getByText('Un error fue en una pregunta que el contenido actualizado ya no incluye').waitFor();
  assert.equal(await page.getByText('No tuvo errores en este intento.').count(), 0);
  await page.getByText(`contenido versión ${OLD}`).waitFor();
  // Ten rows, one per answer; questions the revision retired still list, by name.
  assert.equal(await page.locator('.lista-resultados li').count(), 10);
  const retired = await page.locator('.lista-resultados li', { hasText: 'Pregunta retirada del contenido' }).count();
  assert.ok(retired >= 1, 'the retired questions are listed as such');
  await screenshot(page, 'result-old-version');

  // The topic stays accredited (every lesson read and passed), so the constancia carries the version.
  await open(page, `${server.url}/constancia/modelo`);
  await page.locator('.constancia-nombre', { hasText: 'Marta Ruiz' }).waitFor();
  await page.getByRole('cell', { name: OLD }).waitFor();

  await open(page, `${server.url}/respaldo`);
  const dl = page.waitForEvent('download');
  await page.getByText('Otros formatos (para Excel)').click();
  await page.getByRole('button', { name: 'Descargar mis resultados para Excel (CSV)' }).click();
  const csv = fs.readFileSync(await (await dl).path(), 'utf8').trim().split('\r\n');
  assert.equal(csv.length, 2, csv.join('\n'));
  // id_persona, id_intento, then the person (the results file v1's CSV, issue 13).
  assert.match(csv[1], /^"[^"]+","[^"]+","Marta Ruiz","Irapuato",/);
  assert.ok(csv[1].endsWith(`"${OLD}"`), csv[1]);
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('an attempt in progress on the old content is set aside with its answers, and a new one starts', async () => {
  const { ctx, page } = await seeded();
  const w = watch(page);
  const before = (await progress(page)).p.current.ordenes;
  assert.equal(Object.keys(before.answers).length, 3);

  // Home's next step is the quiz in progress, which explains instead of showing a broken question.
  await open(page, server.url + '/');
  await page.getByRole('link', { name: /Continuar la autoevaluación/ }).click();
  await page.getByRole('heading', { name: 'El contenido de este tema se actualizó' }).waitFor();
  await page.getByText(`con la versión ${OLD} del contenido`).waitFor();
  await page.getByText('sus 3 respuestas quedan guardadas en su historial').waitFor();
  await screenshot(page, 'quiz-old-version');
  // Nothing changes until she chooses: a reload shows the same.
  await page.reload();
  await ready(page);
  await page.getByRole('heading', { name: 'El contenido de este tema se actualizó' }).waitFor();
  assert.deepEqual((await progress(page)).p.current.ordenes, before);

  await page.getByRole('button', { name: 'Empezar un intento nuevo' }).click();
  const t = curriculum().topics.find((x) => x.id === 'ordenes');
  await page.getByText(`Pregunta 1 de ${t.quiz_size}`).waitFor();
  let { p } = await progress(page);
  assert.equal(p.current.ordenes.content_version, curriculum().content_version);
  assert.deepEqual(p.set_aside.ordenes[0], before, 'the old run is kept exactly as it was');

  // Finish the new attempt; the history then lists the set-aside one.
  for (let i = 0; i < t.quiz_size; i++) {
    await answer(page, true);
    await next(page);
  }
  await page.getByText('100 %').waitFor();
  await open(page, `${server.url}/tema/ordenes/evaluacion`);
  await page.getByRole('heading', { name: 'Intentos sin terminar' }).waitFor();
  await page.getByText(`3 de 10 preguntas respondidas, 3 correctas · contenido versión ${OLD}`).waitFor();
  ({ p } = await progress(page));
  assert.equal(p.attempts.ordenes.length, 1);
  assert.equal(Object.keys(p.set_aside.ordenes[0].answers).length, 3);
  // The new attempt is stratified: it asked at least three cases.
  const kinds = p.attempts.ordenes[0].answers.map((a) => t.questions.find((q) => q.id === a.question).kind);
  assert.ok(kinds.filter((k) => k === 'case').length >= 3, kinds.join(','));
  const env = (await progress(page)).env;
  assert.equal(env.schema, 5);
  assert.deepEqual(w.errors, []);
  await ctx.close();
});
