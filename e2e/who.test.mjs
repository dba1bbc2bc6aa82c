// Issue 22 at 360 px: who she is (the first visit's questions, asked again before a results file
// or a constancia), one clear way to send results (share sheet where files can be shared, else a
// download that says where the file went and how to send it), the file named after her.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, serve, watch, open, curriculum, screenshot } from './lib.mjs';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, acceptDownloads: true };
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SEND = 'Enviar mis resultados a mi persona enlace';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function axe(page, state) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${state}: ${v.id}: ${n.target.join(' ')}`));
}

/** A browser without a share sheet for files (desktop Chromium on Linux, most PCs). */
const NO_SHARE = () => {
  delete Navigator.prototype.share;
  delete Navigator.prototype.canShare;
};

/** A share sheet double: records what was shared; `window.__shareAnswer = 'abort'` closes it. */
const SHARE_DOUBLE = () => {
  window.__shared = [];
  Object.defineProperty(Navigator.prototype, 'canShare', {
    configurable: true, value: (data) => Array.isArray(data?.files) && data.files.length > 0,
  });
  Object.defineProperty(Navigator.prototype, 'share', {
    configurable: true,
    value: async (data) => {
      if (window.__shareAnswer === 'abort') throw new DOMException('Share canceled', 'AbortError');
      const f = data.files[0];
      window.__shared.push({ name: f.name, type: f.type, title: data.title, text: await f.text() });
    },
  });
};

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

async function readLesson(page, t, l) {
  await open(page, `${server.url}/tema/${t.id}/leccion/${l.id}`);
  await page.getByRole('button', { name: 'Marcar como leída' }).click();
  await page.getByText('✓ Leída').waitFor();
}

test('the first visit asks who she is on a question page; she may skip it', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  const w = watch(page);
  const t = curriculum().topics[0];
  await open(page, server.url + '/');
  const start = page.locator('.resumen-avance .siguiente-paso');
  assert.equal(await start.innerText(), 'Empezar');
  await screenshot(page, 'who-home-first-visit-360');
  await start.click();
  await page.waitForURL(/\/bienvenida$/);
  await page.getByRole('heading', { name: 'Antes de empezar' }).waitFor();
  // The questions are the labels; discreet mode is offered in one sentence.
  await page.getByLabel('¿Cómo se llama?').waitFor();
  await page.getByLabel('¿En qué municipio trabaja?').waitFor();
  await page.getByText('active el modo discreto').waitFor();
  assert.deepEqual(await axe(page, 'welcome'), []);
  await screenshot(page, 'who-welcome-360');
  // Nothing typed: both errors, at the fields and in a summary; the focus goes to the name.
  await page.getByRole('button', { name: 'Guardar y empezar' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Falta un dato' });
  await summary.getByText('Escriba su nombre.').waitFor();
  await summary.getByText('Elija el municipio donde trabaja.').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'bienvenida-nombre');
  assert.equal(await page.getByLabel('¿Cómo se llama?').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await axe(page, 'welcome with errors'), []);
  await screenshot(page, 'who-welcome-errors-360');
  await page.getByLabel('¿Cómo se llama?').fill('Rosa María Martínez');
  await page.getByLabel('¿En qué municipio trabaja?').selectOption('León');
  await page.getByRole('button', { name: 'Guardar y empezar' }).click();
  // Saved, and on to the first lesson.
  await page.waitForURL(new RegExp(`/tema/${t.id}/leccion/${t.lessons[0].id}$`));
  await page.getByRole('link', { name: 'Perfil: Rosa María Martínez' }).waitFor();
  await open(page, server.url + '/');
  assert.match(await page.locator('.resumen-avance .siguiente-paso').innerText(), /^Empezar: Lección 1 · /);
  // Skipping: another phone, "Prefiero contestar después" goes to the first lesson, no profile named.
  const other = await browser.newContext(PHONE);
  const p2 = await other.newPage();
  await open(p2, server.url + '/bienvenida');
  await p2.getByRole('link', { name: 'Prefiero contestar después' }).click();
  await p2.waitForURL(new RegExp(`/leccion/${t.lessons[0].id}$`));
  await p2.getByRole('link', { name: 'Perfil', exact: true }).waitFor();
  await other.close();
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('a nameless send is refused and asks for her name; then the file, named after her, downloads with how to send it', async () => {
  const ctx = await browser.newContext(PHONE);
  await ctx.addInitScript(NO_SHARE);
  const page = await ctx.newPage();
  const w = watch(page);
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  const t = curriculum().topics[0];
  await readLesson(page, t, t.lessons[0]); // an unnamed profile with progress
  await open(page, server.url + '/respaldo');
  await screenshot(page, 'who-respaldo-360');
  assert.deepEqual(await axe(page, 'respaldo'), []);
  // The one primary action is the send; the CSV waits under "Otros formatos (para Excel)".
  assert.equal(await page.locator('button.siguiente-paso').innerText(), SEND);
  assert.equal(await page.getByRole('button', { name: /CSV/ }).isVisible(), false);
  await page.getByRole('button', { name: SEND }).click();
  const ask = page.getByRole('group', { name: 'Antes de enviar: ¿de quién son estos resultados?' });
  await ask.waitFor();
  await ask.getByRole('button', { name: 'Guardar y enviar' }).click();
  await ask.getByRole('alert').getByText('Escriba su nombre.').waitFor();
  // The CSV is refused the same way.
  await page.getByText('Otros formatos (para Excel)').click();
  await page.getByRole('button', { name: 'Descargar mis resultados para Excel (CSV)' }).click();
  await page.getByRole('button', { name: 'Guardar y descargar' }).waitFor();
  assert.equal(downloads.length, 0, 'no file left without her name and municipality');
  assert.deepEqual(await axe(page, 'respaldo asking'), []);
  await screenshot(page, 'who-respaldo-asking-360');
  await page.getByRole('button', { name: SEND }).click();
  await page.getByLabel('¿Cómo se llama?').fill('Rosa Martínez Núñez');
  await page.getByLabel('¿En qué municipio trabaja?').selectOption('León');
  const dl = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Guardar y enviar' }).click();
  const d = await dl;
  const name = `jornada-resultados-rosa-martinez-nunez-leon-${today()}.json`;
  assert.equal(d.suggestedFilename(), name);
  const file = JSON.parse(fs.readFileSync(await d.path(), 'utf8'));
  assert.equal(file.format, 'jornada-resultados');
  assert.deepEqual([file.people[0].name, file.people[0].municipality], ['Rosa Martínez Núñez', 'León']);
  // Where it went and how to send it.
  const done = page.getByRole('status').filter({ hasText: 'Listo' });
  await done.getByText(name).waitFor();
  await done.getByText('carpeta Descargas').waitFor();
  await done.getByText('elija «Documento»').waitFor();
  assert.deepEqual(await axe(page, 'respaldo sent'), []);
  await screenshot(page, 'who-respaldo-downloaded-360');
  // Backups are a separate thing, with a verb.
  await page.getByRole('heading', { name: 'Guardar una copia de mi avance' }).waitFor();
  await page.getByRole('heading', { name: 'Recuperar mi avance desde una copia' }).waitFor();
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('where files can be shared, the send opens the share sheet with the verifiable file', async () => {
  const ctx = await browser.newContext(PHONE);
  await ctx.addInitScript(SHARE_DOUBLE);
  const page = await ctx.newPage();
  const w = watch(page);
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  await open(page, server.url + '/bienvenida');
  await page.getByLabel('¿Cómo se llama?').fill('Ana López');
  await page.getByLabel('¿En qué municipio trabaja?').selectOption('Dolores Hidalgo Cuna de la Independencia Nacional');
  await page.getByRole('button', { name: 'Guardar y empezar' }).click();
  await page.waitForURL(/\/leccion\//);
  await open(page, server.url + '/respaldo');
  await page.getByRole('button', { name: SEND }).click();
  await page.getByRole('status').filter({ hasText: 'se envió a la aplicación que eligió' }).waitFor();
  const shared = await page.evaluate(() => window.__shared);
  assert.equal(shared.length, 1);
  assert.equal(shared[0].name, `jornada-resultados-ana-lopez-dolores-hidalgo-cuna-de-la-independencia-${today()}.json`);
  assert.equal(shared[0].type, 'application/json');
  const file = JSON.parse(shared[0].text);
  assert.equal(file.people[0].name, 'Ana López');
  assert.match(file.integrity, /^sha256:[0-9a-f]{64}$/);
  // She closes the sheet: nothing sent, nothing downloaded, and she is told.
  await page.evaluate(() => { window.__shareAnswer = 'abort'; });
  await page.getByRole('button', { name: SEND }).click();
  await page.getByText('No se envió nada.').waitFor();
  assert.equal(downloads.length, 0);
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('the constancia asks for her name and municipality instead of sending her elsewhere', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  const t = curriculum().topics[1];
  await open(page, `${server.url}/constancia/${t.id}`);
  await page.getByText('La constancia lleva su nombre y su municipio.').waitFor();
  assert.deepEqual(await axe(page, 'constancia asking'), []);
  await page.getByLabel('¿Cómo se llama?').fill('Guadalupe Hernández');
  await page.getByLabel('¿En qué municipio trabaja?').selectOption('Celaya');
  await page.getByRole('button', { name: 'Guardar y ver mi constancia' }).click();
  // Not accredited yet: exactly what is missing, with links.
  await page.getByText(`Aún no acredita «${t.short_title}». Le falta:`).waitFor();
  await page.getByRole('link', { name: `Lección 1: ${t.lessons[0].title}` }).waitFor();
  await page.getByText('Le falta aprobar la autoevaluación').waitFor();
  await screenshot(page, 'who-constancia-missing-360');
  await ctx.close();
});
