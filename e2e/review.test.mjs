// Repaso (spaced review): questions missed in a quiz come back the next day across topics, a
// right answer moves them to the 3-day box, a wrong one keeps them at one day, and quiz results
// never change. Time is moved with Playwright's clock (Date only; timers keep running).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, serve, watch, open, curriculum, answer, takeQuiz, screenshot } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
async function axe(page, state) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${state}: ${v.id}: ${n.target.join(' ')}`));
}

const prog = (page) => page.evaluate(() => {
  const env = JSON.parse(localStorage.getItem('jornada.progress'));
  return env.data.profiles.find((p) => p.id === env.data.active).progress;
});

test('missed questions are due the next day; right moves them to 3 days, wrong to 1; results stay', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, timezoneId: 'America/Mexico_City' });
  // Tuesday 1 December 2026, 10:00 in Guanajuato.
  await ctx.clock.setFixedTime(new Date('2026-12-01T10:00:00-06:00'));
  const page = await ctx.newPage();
  const w = watch(page);
  const t = curriculum().topics[0];
  await takeQuiz(page, server.url, t.id, t.quiz_size - 2);
  const before = await prog(page);
  const attempt = before.attempts[t.id][0];
  const missed = attempt.answers.filter((a) => !a.correct).map((a) => a.question).sort();
  assert.equal(missed.length, 2);
  assert.deepEqual(Object.keys(before.review).sort(), missed, 'each wrong answer entered the deck');

  // The same day nothing is due yet; the home page says when.
  await open(page, server.url + '/');
  await page.getByText('No tiene preguntas para repasar hoy. Su próximo repaso: 02/12/2026.').waitFor();
  await open(page, `${server.url}/tema/${t.id}`);
  await page.getByText('2 preguntas de este tema están en su repaso.').waitFor();

  // Next morning: both are due.
  await ctx.clock.setFixedTime(new Date('2026-12-02T08:00:00-06:00'));
  await open(page, server.url + '/');
  await page.getByText('Tiene 2 preguntas para repasar hoy.').waitFor();
  await screenshot(page, 'review-home-360');
  await page.getByRole('link', { name: 'Repasar ahora' }).click();
  await page.locator('form.pregunta').waitFor();
  await page.getByText(/Repaso · pregunta 1 de 2/).waitFor();
  const found = await axe(page, 'review question');
  const first = await answer(page, true);
  await page.getByText('Volverá a su repaso el 05/12/2026.').waitFor();
  await page.getByRole('link', { name: /Repasar en la lección/ }).waitFor();
  found.push(...await axe(page, 'review feedback'));
  await screenshot(page, 'review-feedback-360');
  await page.getByRole('button', { name: 'Siguiente pregunta' }).click();
  await page.getByText(/Repaso · pregunta 2 de 2/).waitFor();
  const second = await answer(page, false);
  await page.getByText('Volverá a su repaso el 03/12/2026.').waitFor();
  assert.deepEqual([first.id, second.id].sort(), missed, 'the review asked exactly the missed questions');
  await page.getByRole('button', { name: 'Terminar el repaso' }).click();
  await page.getByText('Terminó el repaso de hoy: 1 de 2 correctas.').waitFor();
  await page.getByText('Su próximo repaso: 03/12/2026.').waitFor();
  found.push(...await axe(page, 'review done'));
  await screenshot(page, 'review-done-360');

  // Practice only: the quiz result is the same, and the deck holds one card per box.
  const after = await prog(page);
  assert.deepEqual(after.attempts, before.attempts);
  assert.equal(after.review[first.id].box, 2);
  assert.equal(after.review[second.id].box, 1);
  await open(page, server.url + '/');
  await page.getByText(`mejor resultado ${attempt.percent} %`).waitFor();
  await page.getByText('No tiene preguntas para repasar hoy. Su próximo repaso: 03/12/2026.').waitFor();
  // A reload keeps it.
  await page.reload();
  await page.getByText('Su próximo repaso: 03/12/2026.').waitFor();
  assert.deepEqual(found, []);
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('an empty review says how questions get there', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  await open(page, server.url + '/repaso');
  await page.getByText('No tiene preguntas para repasar hoy.').waitFor();
  await page.getByText(/Su repaso está vacío/).waitFor();
  assert.deepEqual(await axe(page, 'empty review'), []);
  await screenshot(page, 'review-empty-desktop');
  await ctx.close();
});
