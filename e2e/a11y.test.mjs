// Accessibility: axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) finds nothing on any kind of page,
// in every state a trainee can reach: quiz feedback, results, storage banners, larger text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, open, curriculum, answer, next, takeQuiz, ROOT } from './lib.mjs';

const SIZE_NAMES = { 'A': 'A (texto normal)', 'A+': 'A+ (texto grande)', 'A++': 'A++ (texto más grande)' };
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Runs axe on the page and returns readable violations ("state: rule: target: summary"). */
async function axe(page, state) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return violations.flatMap((v) => v.nodes.map((n) =>
    `${state}: ${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`));
}

async function newPage(opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, ...opts });
  const page = await context.newPage();
  return { context, page };
}

const topic = () => curriculum().topics[0];

test('static pages have no axe violations', async () => {
  const { context, page } = await newPage();
  const t = topic();
  const lesson = t.lessons[1];
  const found = [];
  const pages = [
    ['home', '/'],
    ['topic', `/tema/${t.id}`],
    ['lesson', `/tema/${t.id}/leccion/${lesson.id}`],
    ['quiz intro', `/tema/${t.id}/evaluacion`],
    ['glossary', '/glosario'],
    ['help', '/ayuda'],
    ['privacy', '/privacidad'],
    ['review (empty)', '/repaso'],
    ['search with results', '/buscar?q=economica'],
    ['search without results', '/buscar?q=zzzzqqq'],
    ['not found', '/tema/no-existe'],
  ];
  for (const [state, url] of pages) {
    await open(page, server.url + url);
    await page.locator('h1').first().waitFor();
    if (state === 'search with results') await page.locator('.resultado-busqueda').first().waitFor();
    found.push(...await axe(page, state));
  }
  assert.deepEqual(found, []);
  await context.close();
});

test('every quiz state has no axe violations', async () => {
  const { context, page } = await newPage();
  const t = topic();
  const found = [];
  await open(page, `${server.url}/tema/${t.id}/evaluacion`);
  await page.getByRole('button', { name: 'Comenzar' }).click();
  await page.locator('.opciones').waitFor();
  found.push(...await axe(page, 'quiz question'));
  await page.getByRole('button', { name: 'Responder' }).click();
  await page.locator('.error').waitFor();
  found.push(...await axe(page, 'quiz question, no answer chosen'));
  await answer(page, true);
  found.push(...await axe(page, 'quiz correct feedback'));
  await next(page);
  await answer(page, false);
  found.push(...await axe(page, 'quiz incorrect feedback'));
  await context.close();

  // A whole attempt, then its result page and the quiz intro with the history table.
  const second = await newPage();
  await takeQuiz(second.page, server.url, t.id, 7);
  await second.page.locator('.marcador').waitFor();
  found.push(...await axe(second.page, 'result (passed)'));
  await takeQuiz(second.page, server.url, t.id, 2);
  await second.page.locator('.marcador').waitFor();
  found.push(...await axe(second.page, 'result (not passed)'));
  await open(second.page, `${server.url}/tema/${t.id}/evaluacion`);
  await second.page.locator('table.historial').waitFor();
  found.push(...await axe(second.page, 'quiz intro with history'));
  await open(second.page, '' + server.url + '/');
  await second.page.locator('.resumen-avance .siguiente-paso').waitFor();
  found.push(...await axe(second.page, 'home with progress'));
  await second.context.close();
  assert.deepEqual(found, []);
});

test('storage banners have no axe violations', async () => {
  const { context, page } = await newPage();
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  await open(page, server.url + '/');
  await page.getByText('Su avance no se está guardando').waitFor();
  const found = await axe(page, 'blocked-storage banner');
  await open(page, `${server.url}/tema/${topic().id}/leccion/${topic().lessons[0].id}`);
  await page.getByText('Su avance no se está guardando').waitFor();
  found.push(...await axe(page, 'blocked-storage banner on a lesson'));
  await context.close();

  // Unreadable saved progress: the recovery banner.
  const second = await newPage();
  await second.page.addInitScript(() => {
    if (!sessionStorage.getItem('sembrado')) {
      sessionStorage.setItem('sembrado', '1');
      localStorage.setItem('jornada.progress', '{esto no es json');
    }
  });
  await open(second.page, server.url + '/');
  await second.page.getByText('No pudimos leer su avance guardado').waitFor();
  found.push(...await axe(second.page, 'corrupt-data banner'));
  await second.context.close();
  assert.deepEqual(found, []);
});

test('larger text sizes, phone width and dark-mode preference have no axe violations', async () => {
  const { context, page } = await newPage({ viewport: { width: 360, height: 740 }, colorScheme: 'dark' });
  const t = topic();
  const found = [];
  for (const size of ['A++', 'A+']) {
    await open(page, `${server.url}/tema/${t.id}/leccion/${t.lessons[0].id}`);
    await page.getByRole('button', { name: SIZE_NAMES[size], exact: true }).click();
    found.push(...await axe(page, `lesson at ${size}, 360 px`));
  }
  await open(page, server.url + '/');
  found.push(...await axe(page, 'home, 360 px'));
  assert.deepEqual(found, []);
  await context.close();
});

test('the contact\'s board has no axe violations, empty, loaded, with rejections and a constancia verdict', async () => {
  const found = [];
  for (const width of [1366, 360]) {
    const { context, page } = await newPage({ viewport: { width, height: 800 } });
    await page.goto(server.url + '/enlace/');
    await page.waitForSelector('body[data-app-ready="1"] main');
    found.push(...await axe(page, `board empty (${width})`));
    await page.locator('#archivos').setInputFiles([
      { name: 'ejemplo-v1.json', mimeType: 'application/json', buffer: fs.readFileSync(path.join(ROOT, 'tests/fixtures/results/ejemplo-v1.json')) },
      { name: 'vacio.csv', mimeType: 'text/csv', buffer: Buffer.from('') },
    ]);
    await page.locator('.total-personas').waitFor();
    await page.locator('.rechazados').waitFor();
    await page.locator('.graficas').waitFor();
    const form = page.locator('section.comprobar-constancia');
    await form.getByLabel('Constancia de').selectOption('curso');
    await form.getByRole('button', { name: 'Comprobar' }).click();
    await form.locator('.veredicto-constancia').waitFor();
    found.push(...await axe(page, `board loaded (${width})`));
    await context.close();
  }
  assert.deepEqual(found, []);
});
