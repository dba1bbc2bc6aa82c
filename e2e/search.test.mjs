// Offline search: accents and case ignored, results link to the lesson section they come from,
// following one lands on that section, and an empty result says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve, watch, open, ready, curriculum } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Every section of the export whose text or title contains `needle` (as written). */
function sectionsWith(needle) {
  const out = [];
  for (const t of curriculum().topics) {
    for (const l of t.lessons) {
      for (const s of l.sections) {
        if (`${s.title} ${s.text}`.toLowerCase().includes(needle)) out.push({ topic: t, lesson: l, section: s });
      }
    }
  }
  return out;
}

test('"economica" finds the sections that say "económica", each linking to its anchor', async () => {
  const page = await browser.newPage();
  const w = watch(page);
  const expected = sectionsWith('económica').filter((x) => x.section.id);
  assert.ok(expected.length > 0, 'the curriculum mentions "económica"');
  await open(page, server.url + '/buscar?q=economica');
  await page.locator('.resultado-busqueda').first().waitFor();
  const status = await page.locator('.resumen-busqueda').innerText();
  assert.match(status, /resultados? para «economica»/);
  const hrefs = await page.locator('.resultado-busqueda a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const { topic, lesson, section } of expected) {
    assert.ok(hrefs.includes(`/tema/${topic.id}/leccion/${lesson.id}#${section.id}`), `link to ${lesson.id}#${section.id} in ${hrefs}`);
  }
  // The snippets show the original, accented text.
  const snippets = (await page.locator('.resultado-busqueda p').allInnerTexts()).join(' ');
  assert.match(snippets, /económica/i);
  assert.deepEqual(w.errors, []);
  await page.close();
});

test('typing in the box searches as you type, ignoring case and accents, and keeps the URL', async () => {
  const page = await browser.newPage();
  await open(page, server.url + '/buscar');
  await page.getByText('la búsqueda no distingue mayúsculas ni acentos').waitFor();
  await page.getByLabel('Palabras a buscar').fill('ECONÓMICA');
  await page.locator('.resultado-busqueda').first().waitFor();
  const upper = await page.locator('.resultado-busqueda a').count();
  assert.match(page.url(), /\/buscar\?q=ECON%C3%93MICA$/);
  await page.getByLabel('Palabras a buscar').fill('economica');
  await page.getByText(/resultados? para «economica»/).waitFor();
  assert.equal(await page.locator('.resultado-busqueda a').count(), upper);
  // The query survives a reload.
  await page.reload();
  await ready(page);
  assert.equal(await page.getByLabel('Palabras a buscar').inputValue(), 'economica');
  assert.equal(await page.locator('.resultado-busqueda a').count(), upper);
  await page.close();
});

test('following a section result lands on that section of the lesson, focused', async () => {
  const page = await browser.newPage();
  const w = watch(page);
  await open(page, server.url + '/buscar?q=economica');
  const link = page.locator('.resultado-busqueda a[href*="/leccion/"][href*="#"]').first();
  const href = await link.getAttribute('href');
  const title = (await link.innerText()).trim();
  const [, topicId, lessonId, anchor] = href.match(/^\/tema\/([^/]+)\/leccion\/([^#]+)#(.+)$/);
  await link.click();
  await page.waitForURL(`**${href}`);
  const lesson = curriculum().topics.find((t) => t.id === topicId).lessons.find((l) => l.id === lessonId);
  await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
  await page.waitForFunction((id) => document.activeElement?.id === id, anchor);
  const section = page.locator(`[id="${anchor}"]`);
  assert.equal((await section.innerText()).trim(), title);
  // The section is on screen.
  const box = await section.boundingBox();
  const vh = page.viewportSize().height;
  assert.ok(box && box.y >= 0 && box.y < vh, `section heading at y=${box?.y}`);
  assert.deepEqual(w.errors, []);
  await page.close();
});

test('a glossary result leads to the term', async () => {
  const page = await browser.newPage();
  const term = curriculum().glossary[0];
  await open(page, `${server.url}/buscar?q=${encodeURIComponent(term.term)}`);
  const link = page.locator(`.resultado-busqueda a[href="/glosario#${term.id}"]`);
  await link.first().click();
  await page.waitForURL(`**/glosario#${term.id}`);
  await page.waitForFunction((id) => document.activeElement?.id === id, term.id);
  await page.close();
});

test('a query with no results says so', async () => {
  const page = await browser.newPage();
  await open(page, server.url + '/buscar?q=xilofonozzz');
  await page.getByText('Sin resultados para «xilofonozzz».').waitFor();
  assert.equal(await page.locator('.resultado-busqueda').count(), 0);
  // The message is in a live region, so it is announced as the trainee types.
  assert.equal(await page.locator('.resumen-busqueda').getAttribute('role'), 'status');
  await page.close();
});
