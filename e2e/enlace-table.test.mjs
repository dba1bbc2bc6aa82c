// The board's people table on the contact's screens (issue 21, UX review H4 and H1): at 1366 px
// every topic is on screen with compact cells and the detail in a row she opens, the name column
// stays in view; below ~800 px one card per person with a line per topic. A file without a name
// or municipality is flagged, and a blank municipality is not counted as one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, serve, watch, open, curriculum, ROOT } from './lib.mjs';

let server, browser, tmp;
before(async () => {
  server = await serve();
  browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jornada-tabla-'));
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const FLAG = 'Archivo sin nombre: pida a la persona que escriba su nombre y lo envíe de nuevo';

/** Ana (León, every topic), Rosa (León, two), Lucía (Celaya, one), and a nameless file, over the
 *  course's own topics and short titles (crates/results/examples/board_sample.rs). */
function files() {
  const topics = curriculum().topics.map((t) => ({ id: t.id, title: t.short_title }));
  execFileSync('cargo', ['run', '-q', '-p', 'results', '--example', 'board_sample', '--', tmp, JSON.stringify(topics)], { cwd: ROOT, stdio: 'inherit' });
  return ['ana', 'rosa', 'lucia', 'sin-nombre'].map((n) => path.join(tmp, `${n}.json`));
}

async function loadBoard(page) {
  await open(page, server.url + '/enlace/');
  await page.locator('#archivos').setInputFiles(files());
  await page.locator('.estado-carga', { hasText: 'Archivos aceptados: 4 de 4.' }).waitFor();
  await page.locator('.graficas').waitFor();
}

test('at 1366 px all five topics fit, cells are compact, the detail opens, the nameless file is flagged', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  const w = watch(page);
  await loadBoard(page);
  const topics = curriculum().topics;
  // Four people, two municipalities: the blank one is not a municipality.
  assert.equal(await page.locator('.total-personas').innerText(), '4');
  assert.equal(await page.locator('.total-municipios').innerText(), '2');
  await page.getByText('1 archivo no trae nombre o municipio').waitFor();

  // Every topic's column is on screen, with nothing to scroll sideways.
  const heads = page.locator('.tabla-enlace thead th.tema');
  assert.deepEqual(await heads.allInnerTexts(), topics.map((t) => t.short_title));
  for (const box of await heads.evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().toJSON()))) {
    assert.ok(box.left >= 0 && box.right <= 1366, `topic column at ${box.left}–${box.right} px`);
  }
  const region = await page.locator('.tabla-desplazable').evaluate((e) => [e.scrollWidth, e.clientWidth]);
  assert.ok(region[0] <= region[1], `the table is ${region[0]} px wide in ${region[1]} px`);

  // Compact cells: a tick or a cross and the best score; the rest is in the detail row.
  const row = page.locator('.tabla-enlace tbody tr', { hasText: 'Ana López' }).first();
  const cells = await row.locator('td.tema [aria-hidden="true"]').allInnerTexts();
  assert.deepEqual(cells, ['✓ 90 %', '✓ 100 %', '✗ 50 %', '✓ 80 %', '✗ 70 %']);
  const lucia = page.locator('.tabla-enlace tbody tr', { hasText: 'Lucía Pérez' }).first();
  assert.deepEqual(await lucia.locator('td.tema [aria-hidden="true"]').allInnerTexts(), ['—', '✓ 90 %', '—', '—', '—']);
  assert.doesNotMatch(await row.innerText(), /2026\.11\.2/, 'no version in the cells');
  const detail = page.locator('.tabla-enlace tr.fila-detalle');
  assert.equal(await detail.isVisible(), false);
  await row.getByRole('button', { name: 'Ver detalle' }).click();
  assert.equal(await row.getByRole('button', { name: 'Ocultar detalle' }).getAttribute('aria-expanded'), 'true');
  assert.match(await detail.innerText(), new RegExp(`${topics[0].short_title}: 11/11/2026 · contenido 2026\\.11\\.2 · 2 intentos`));

  // The nameless file: flagged on its row, with what to ask for.
  const flagged = page.locator('.tabla-enlace tbody tr.sin-datos');
  assert.equal(await flagged.count(), 1);
  assert.equal(await flagged.locator('.sin-nombre').innerText(), FLAG);
  // The name column stays in view when the table scrolls (a narrower window).
  await page.setViewportSize({ width: 900, height: 768 });
  await page.locator('.tabla-desplazable').evaluate((e) => { e.scrollLeft = e.scrollWidth; });
  const nameLeft = await page.locator('.tabla-enlace tbody th').first().evaluate((th) => th.getBoundingClientRect().left);
  const regionLeft = await page.locator('.tabla-desplazable').evaluate((e) => e.getBoundingClientRect().left);
  assert.ok(Math.abs(nameLeft - regionLeft) <= 2, `name column at ${nameLeft} px, table at ${regionLeft} px`);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.locator('.tabla-desplazable').evaluate((e) => { e.scrollLeft = 0; });
  await page.locator('section', { has: page.locator('#tabla-titulo') }).screenshot({ path: path.join(ROOT, 'e2e', 'artifacts', 'enlace-tabla-1366.png') });
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('below 800 px each person is a card with a line per topic; nothing overflows at 360 px', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  const w = watch(page);
  await loadBoard(page);
  const topics = curriculum().topics;
  assert.equal(await page.locator('.tabla-enlace').count(), 0, 'no table on a phone');
  const cards = page.locator('.tarjeta-persona');
  assert.equal(await cards.count(), 4);
  const ana = cards.filter({ hasText: 'Ana López' });
  assert.deepEqual(await ana.locator('.tema-nombre').allInnerTexts(), topics.map((t) => t.short_title));
  assert.deepEqual(await ana.locator('.tema-resultado [aria-hidden="true"]').allInnerTexts(), ['✓ 90 %', '✓ 100 %', '✗ 50 %', '✓ 80 %', '✗ 70 %']);
  assert.match(await ana.locator('.temas-persona li').first().innerText(), /11\/11\/2026 · contenido 2026\.11\.2 · 2 intentos/);
  assert.match(await ana.innerText(), /León · Titular/);
  assert.equal(await cards.filter({ hasText: FLAG }).count(), 1, 'the nameless file is flagged');
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok(overflow <= 360, `page is ${overflow} px wide`);
  await page.locator('section', { has: page.locator('#tabla-titulo') }).screenshot({ path: path.join(ROOT, 'e2e', 'artifacts', 'enlace-tarjetas-360.png') });
  await page.screenshot({ path: path.join(ROOT, 'e2e', 'artifacts', 'enlace-cabecera-360.png') });
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
  // Turning the screen wide brings the table back.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.locator('.tabla-enlace').waitFor();
  assert.equal(await page.locator('.tarjeta-persona').count(), 0);
  assert.deepEqual(w.errors, []);
  await ctx.close();
});
