// The app shell against the release build: topics, deep links, not-found, no console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve, watch, open, ready, curriculum, screenshot } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('home lists the five topics in Spanish, in order', async () => {
  const page = await browser.newPage();
  const w = watch(page);
  await open(page, server.url + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'es-MX');
  const titles = await page.locator('.tarjeta-tema h3').allInnerTexts();
  assert.deepEqual(titles, curriculum().topics.map((t) => t.short_title));
  assert.equal(titles.length, 5);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: curriculum().title }).waitFor());
  await screenshot(page, 'home-1366');
  assert.deepEqual(w.errors, []);
  await page.close();
});

test('a lesson deep link loads, and again on reload, scrolled to its section', async () => {
  const page = await browser.newPage();
  const w = watch(page);
  const topic = curriculum().topics[1];
  const lesson = topic.lessons[1];
  const section = lesson.sections.find((s) => s.id);
  await open(page, `${server.url}/tema/${topic.id}/leccion/${lesson.id}#${section.id}`);
  await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
  await page.reload();
  await ready(page);
  await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), section.id);
  assert.match(await page.title(), new RegExp(lesson.title.slice(0, 10)));
  assert.deepEqual(w.errors, []);
  await page.close();
});

test('topic page shows its lessons and the quiz question count', async () => {
  const page = await browser.newPage();
  const topic = curriculum().topics[0];
  await open(page, `${server.url}/tema/${topic.id}`);
  const items = await page.locator('.leccion-item a').allInnerTexts();
  assert.equal(items.length, topic.lessons.length);
  await page.getByText(`${topic.quiz_size} preguntas por intento, tomadas de un banco de ${topic.questions.length}`).waitFor();
  await page.close();
});

test('an unknown URL shows the not-found page', async () => {
  const page = await browser.newPage();
  const w = watch(page);
  for (const p of ['/tema/no-existe', '/tema/modelo/leccion/nada', '/glosario/x/y/z'.replace('/x/y/z', '') + '-no']) {
    await page.goto(server.url + p);
    if (p.startsWith('/tema')) {
      await ready(page);
      await page.getByRole('heading', { level: 1, name: 'Página no encontrada' }).waitFor();
    }
  }
  await page.goto(server.url + '/tema/modelo/evaluacion/intento-que-no-existe');
  await ready(page);
  await page.getByRole('heading', { level: 1, name: 'Página no encontrada' }).waitFor();
  assert.deepEqual(w.errors.filter((e) => !e.includes('404')), []);
  await page.close();
});

test('internal links navigate inside the app, glossary links land on the term', async () => {
  const page = await browser.newPage();
  const w = watch(page);
  const term = curriculum().glossary.find((g) => g.first_lesson);
  const topic = curriculum().topics.find((t) => t.id === term.topic) || curriculum().topics[0];
  const [lessonTopic] = curriculum().topics.filter((t) => t.lessons.some((l) => l.id === term.first_lesson));
  await open(page, `${server.url}/tema/${lessonTopic.id}/leccion/${term.first_lesson}`);
  await page.locator(`.texto-leccion a[href="/glosario#${term.id}"]`).first().click();
  await page.waitForURL(`**/glosario#${term.id}`);
  await page.locator(`dt#${term.id}`).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), term.id);
  assert.ok(topic);
  assert.deepEqual(w.errors, []);
  await page.close();
});
