// "Sus errores más frecuentes" (issue 20): the kinds of mistake behind her wrong answers, on the
// result page of an attempt and on the topic page over every attempt, each with links to the
// sections that teach it; attempts saved before the kinds existed show what they can.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, serve, watch, open, curriculum, questionById, takeQuiz, screenshot } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const KEY = 'jornada.progress';
const prog = (env) => env.data.profiles.find((p) => p.id === env.data.active).progress;
const stored = async (page) => prog(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY)));

/** What `lib.answer(page, false)` chooses: the first wrong option, and the mistake it stands for. */
const firstWrong = (q) => q.options.find((o) => !o.correct);

/** The summary on screen as { kind: count }, read from each item's data-error and "(n)". */
async function summaryOnScreen(page) {
  const items = page.locator('.errores-frecuentes .error-tipo');
  const out = {};
  for (let i = 0; i < await items.count(); i++) {
    const it = items.nth(i);
    const n = Number((await it.innerText()).match(/\((\d+)\)/)[1]);
    out[await it.getAttribute('data-error')] = n;
  }
  return out;
}

async function axe(page) {
  const r = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a failed attempt names the kinds of her mistakes, with the sections that teach them', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  const w = watch(page);
  const t = curriculum().topics[1];
  await takeQuiz(page, server.url, t.id, 2);
  await page.getByText('No aprobado', { exact: true }).waitFor();
  const summary = page.locator('.errores-frecuentes');
  await summary.getByRole('heading', { name: 'Sus errores más frecuentes' }).waitFor();

  // Each wrong answer kept the kind of the option she chose.
  const attempt = (await stored(page)).attempts[t.id][0];
  const expected = {};
  for (const a of attempt.answers.filter((a) => !a.correct)) {
    const q = questionById(a.question);
    const kind = firstWrong(q).error;
    assert.equal(a.mistake, kind, `${q.id}: the stored kind is the chosen option's`);
    if (kind) expected[kind] = (expected[kind] || 0) + 1;
  }
  assert.ok(Object.keys(expected).length > 0);
  // The three most frequent, ties in the order content/README.md lists the kinds.
  const ORDER = ['momento', 'autoridad', 'inferencia', 'alcance', 'requisito', 'omision', 'confidencialidad', 'riesgo'];
  const top = Object.entries(expected)
    .sort((a, b) => b[1] - a[1] || ORDER.indexOf(a[0]) - ORDER.indexOf(b[0]))
    .slice(0, 3);
  assert.deepEqual(await summaryOnScreen(page), Object.fromEntries(top));

  // Most frequent first, in plain words, each with a link into the lesson that teaches it.
  const counts = Object.values(await summaryOnScreen(page));
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
  const first = summary.locator('.error-tipo').first();
  assert.match(await first.innerText(), /^[A-ZÁÉÍÓÚ][a-záéíóúñ]/);
  const link = first.getByRole('link').first();
  assert.match(await link.getAttribute('href'), new RegExp(`^/tema/${t.id}/leccion/[^#]+#[a-z0-9-]+$`));
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'mistakes-result-360');
  await link.click();
  await page.waitForURL(/\/leccion\//);
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('the topic page adds up every attempt; an attempt from before the kinds shows what it can', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  const t = curriculum().topics[0];
  const single = t.questions.filter((q) => q.kind === 'case' || q.kind === 'single');
  const [q1, q2] = single;
  const k1 = firstWrong(q1).error;
  const k2 = firstWrong(q2).error;
  const base = { topic: t.id, started_at: 1764291000000, finished_at: 1764291600000, passed: false };
  const wrong = (q, at, mistake) => ({
    question: q.id, chosen: [firstWrong(q).id], correct: false, at, ...(mistake ? { mistake } : {}),
  });
  // Schema 4: answers carry no kind. q1 and q2 still exist (their kinds come from today's bank);
  // a retired question has nothing to give.
  const env = {
    schema: 4, app: 'jornada', written_by: '0.1.0', saved_at: 1764500000000,
    data: {
      active: 'p1',
      profiles: [{
        id: 'p1', name: 'Ana', municipality: 'León', job_title: '', pin: null, created_at: 1764300000000,
        last_backup: null,
        progress: {
          lessons_read: {},
          attempts: {
            [t.id]: [
              { ...base, id: 'a1', correct: 0, total: 3, percent: 0, content_version: '2026.11.2',
                answers: [wrong(q1, 1), wrong(q2, 2), { question: 'pregunta-retirada', chosen: ['b'], correct: false, at: 3 }] },
              { ...base, id: 'a2', correct: 1, total: 2, percent: 50, content_version: '2026.11.2',
                answers: [wrong(q1, 4), { question: q2.id, chosen: q2.answer, correct: true, at: 5 }] },
            ],
          },
          current: {},
          last_place: null,
          set_aside: {},
          review: {},
        },
      }],
      deleted: [],
    },
  };
  await page.goto(server.url + '/salida.html');
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify(env)]);
  await open(page, `${server.url}/tema/${t.id}`);
  const expected = {};
  for (const k of [k1, k2, k1]) expected[k] = (expected[k] || 0) + 1;
  await page.locator('.errores-frecuentes .error-tipo').first().waitFor();
  assert.deepEqual(await summaryOnScreen(page), expected);
  await page.locator('.errores-frecuentes a').first().waitFor();
  assert.match(
    await page.locator('.errores-frecuentes').innerText(),
    /en todos sus intentos de este tema/,
  );
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'mistakes-topic-360');
  await ctx.close();
});

test('no summary when she made no mistake of a known kind', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const t = curriculum().topics[0];
  await takeQuiz(page, server.url, t.id, t.quiz_size);
  await page.getByText('Aprobado', { exact: true }).waitFor();
  assert.equal(await page.locator('.errores-frecuentes').count(), 0);
  await open(page, `${server.url}/tema/${t.id}`);
  assert.equal(await page.locator('.errores-frecuentes').count(), 0);
  await ctx.close();
});
