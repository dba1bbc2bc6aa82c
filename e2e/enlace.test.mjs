// The municipal contact's board (/enlace/): trainees export, a contact merges and exports, a state
// coordinator merges two municipal files (counts asserted at each step); constancia check;
// session kept only on request; every kind of bad file refused by name without a crash; 2,000
// files at once. Trainees never download the board.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, serve, watch, open, curriculum, takeQuiz, screenshot, ROOT, traineeFiles } from './lib.mjs';

let server, browser, tmp;
before(async () => {
  server = await serve();
  browser = await launch();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jornada-enlace-'));
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Sealed trainee files written by crates/results (same code as the app), into a new folder. */
function trainees(n) {
  return traineeFiles(n, fs.mkdtempSync(path.join(tmp, 'lote-')));
}

async function createProfile(page, name, municipality) {
  await open(page, server.url + '/perfil');
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Crear un perfil' }) });
  await form.getByLabel('Nombre').fill(name);
  await form.getByLabel('Municipio').selectOption(municipality);
  await form.getByRole('button', { name: 'Crear perfil' }).click();
  await page.getByText('Perfil creado y en uso.').waitFor();
}

async function download(page, button) {
  const dl = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const d = await dl;
  return { name: d.suggestedFilename(), mimeType: 'application/octet-stream', buffer: fs.readFileSync(await d.path()) };
}

async function results(page, kind) {
  await open(page, server.url + '/respaldo');
  if (kind === 'CSV') {
    await page.getByText('Otros formatos (para Excel)').click();
    return download(page, 'Descargar mis resultados para Excel (CSV)');
  }
  return download(page, 'Enviar mis resultados a mi persona enlace');
}

/** Loads files into the board and waits for its summary line. */
async function load(page, files, accepted, total = accepted) {
  await page.locator('#archivos').setInputFiles(files);
  await page.locator('.estado-carga', { hasText: `Archivos aceptados: ${accepted} de ${total}.` }).waitFor({ timeout: 120000 });
}

async function totals(page) {
  const n = async (c) => Number(await page.locator(c).innerText());
  return { people: await n('.total-personas'), municipalities: await n('.total-municipios'), attempts: await n('.total-intentos') };
}

const named = (file, name) => ({ ...file, name });

test('trainees export, a contact merges and exports, a state coordinator merges two municipalities', async () => {
  const t = curriculum().topics[0];
  const all = t.quiz_size;
  const trainee = await browser.newContext();
  const tw = watch(trainee);
  const page = await trainee.newPage();
  // Ana (León) reads the topic and passes: she also gets a constancia.
  await createProfile(page, 'Ana López', 'León');
  for (const l of t.lessons) {
    await open(page, `${server.url}/tema/${t.id}/leccion/${l.id}`);
    await page.getByRole('button', { name: 'Marcar como leída' }).click();
    await page.getByText('✓ Leída').waitFor();
  }
  await takeQuiz(page, server.url, t.id, all);
  const ana = await results(page, 'JSON');
  await open(page, `${server.url}/constancia/${t.id}`);
  const cells = await page.locator('.constancia-tabla tbody td').allInnerTexts();
  const printed = { date: cells[1], best: cells[2].replace(' %', ''), version: cells[3], code: await page.locator('.constancia-codigo strong').innerText() };
  // Rosa (León) fails every question (each enters her review deck) and sends a CSV and the
  // JSON; Lucía (Celaya) passes.
  await createProfile(page, 'Rosa Martínez', 'León');
  await takeQuiz(page, server.url, t.id, 0);
  const rosa = await results(page, 'CSV');
  const rosaJson = await results(page, 'JSON');
  await createProfile(page, 'Lucía Pérez', 'Celaya');
  await takeQuiz(page, server.url, t.id, all);
  const lucia = await results(page, 'JSON');
  // The link from "Respaldo y resultados" opens the board; until then trainees never fetched it.
  assert.deepEqual(tw.requests.filter((u) => u.includes('/enlace/')), [], 'trainees download nothing of the board');
  await open(page, server.url + '/respaldo');
  await page.getByRole('link', { name: 'tablero de la persona enlace' }).click();
  await page.getByRole('heading', { name: 'Tablero de la persona enlace' }).waitFor();
  assert.deepEqual(tw.errors, []);
  await trainee.close();

  // The contact in León: Ana's file twice (a resend), Rosa's CSV and her JSON.
  const leon = await browser.newContext();
  const lw = watch(leon);
  const board = await leon.newPage();
  await open(board, server.url + '/enlace/');
  await load(board, [named(ana, 'ana.json'), named(rosa, 'rosa.csv'), named(ana, 'ana-reenvio.json'), named(rosaJson, 'rosa.json')], 4);
  assert.match(await board.locator('.estado-carga').innerText(), /Personas nuevas: 2\. Intentos nuevos: 2\. Intentos repetidos \(contados una sola vez\): 2\./);
  assert.deepEqual(await totals(board), { people: 2, municipalities: 1, attempts: 2 });
  await board.getByText('1 archivo(s) sin verificación').waitFor();
  assert.equal(await board.getByRole('heading', { name: 'Totales', exact: true }).count(), 1);
  // The pending list and the charts are drawn once the totals and the table have painted.
  await board.locator('.lista-pendientes li').first().waitFor();
  const pending = await board.locator('.lista-pendientes li').allInnerTexts();
  assert.deepEqual(pending, [`Rosa Martínez (León): ${t.short_title}, mejor resultado 0 %`]);
  assert.equal(await board.locator('.tabla-enlace tbody tr').count(), 2);
  assert.match(await board.locator('.tabla-enlace tbody tr', { hasText: 'Ana López' }).innerText(), /✓ 100 %/);
  // Rosa's missed questions are in her review: the board counts them, Ana has none.
  const inReview = (page, name) => page.locator('.tabla-enlace tbody tr', { hasText: name }).locator('td.en-repaso').innerText();
  assert.equal(await inReview(board, 'Rosa Martínez'), String(t.quiz_size));
  assert.equal(await inReview(board, 'Ana López'), '0');
  // Chart data for screen readers: one of two people passed the topic.
  assert.match(await board.locator('#grafica-temas ~ div table tbody').innerText(), new RegExp(`${t.short_title}\\s+50 %\\s+1\\s+2`));
  // Nothing stored unless asked.
  assert.deepEqual(await board.evaluate(() => Object.keys(localStorage)), []);

  // Constancia: the printed fields match; one changed field does not.
  const form = board.locator('section.comprobar-constancia');
  await form.getByLabel('Nombre').fill('Ana López');
  await form.getByLabel('Municipio').fill('León');
  await form.getByLabel('Constancia de').selectOption({ label: t.short_title });
  await form.getByLabel('Fecha de acreditación (dd/mm/aaaa)').fill(printed.date);
  await form.getByLabel('Mejor resultado (%)').fill(printed.best);
  await form.getByLabel('Versión del contenido').fill(printed.version);
  await form.getByLabel('Código de verificación').fill(printed.code.toLowerCase());
  await form.getByRole('button', { name: 'Comprobar' }).click();
  await form.getByText('Coincide: el código corresponde exactamente a los datos escritos.').waitFor();
  await form.getByLabel('Mejor resultado (%)').fill('99');
  await form.getByRole('button', { name: 'Comprobar' }).click();
  await form.getByText(/^No coincide/).waitFor();
  await board.getByText('No es una firma digital').first().waitFor();

  const csv = await download(board, 'Descargar CSV para hoja de cálculo');
  const csvText = csv.buffer.toString('utf8');
  assert.ok(csvText.startsWith('\ufeff'));
  assert.equal(csvText.trim().split('\r\n').length, 3, 'header + two attempts');
  const leonFile = await download(board, 'Descargar archivo consolidado (JSON)');
  const leonJson = JSON.parse(leonFile.buffer.toString('utf8'));
  assert.equal(leonJson.kind, 'consolidado');
  assert.equal(leonJson.people.length, 2);
  assert.equal(leonJson.attempts.length, 2);
  assert.equal(leonJson.review.length, t.quiz_size, 'Rosa\'s cards are passed up');
  assert.deepEqual(lw.errors, []);
  await leon.close();

  // The contact in Celaya.
  const celaya = await browser.newContext();
  const cb = await celaya.newPage();
  await open(cb, server.url + '/enlace/');
  await load(cb, [named(lucia, 'lucia.json')], 1);
  assert.deepEqual(await totals(cb), { people: 1, municipalities: 1, attempts: 1 });
  const celayaFile = await download(cb, 'Descargar archivo consolidado (JSON)');
  await celaya.close();

  // The state coordinator: two municipal files, plus one of their sources again.
  const state = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const sw = watch(state);
  const sp = await state.newPage();
  await open(sp, server.url + '/enlace/');
  await load(sp, [named(leonFile, 'leon.json'), named(celayaFile, 'celaya.json'), named(ana, 'ana.json')], 3);
  assert.deepEqual(await totals(sp), { people: 3, municipalities: 2, attempts: 3 });
  assert.equal(await inReview(sp, 'Rosa Martínez'), String(t.quiz_size));
  await sp.getByRole('heading', { name: 'Totales del estado' }).waitFor();
  assert.equal(await sp.locator('.aviso', { hasText: 'sin verificación' }).count(), 0, 'all three files verified');
  assert.match(await sp.locator('#grafica-municipios ~ div table tbody').innerText(), /Celaya\s+100 %\s+1\s+1\s+León\s+50 %\s+1\s+2/);
  await sp.getByLabel('Municipio', { exact: false }).first().selectOption('Celaya');
  await sp.getByText('Personas en la tabla: 1').waitFor();
  await sp.getByLabel('Municipio', { exact: false }).first().selectOption('');
  await screenshot(sp, 'enlace-estado-1366');
  await sp.setViewportSize({ width: 360, height: 800 });
  await screenshot(sp, 'enlace-estado-360');

  // "Guardar en este equipo" keeps the session; "Borrar" removes it.
  await sp.getByRole('button', { name: 'Guardar en este equipo' }).click();
  await sp.getByText('Sesión guardada en este equipo.').waitFor();
  await sp.reload();
  await sp.getByText(/Se abrió la sesión guardada en este equipo/).waitFor();
  assert.deepEqual(await totals(sp), { people: 3, municipalities: 2, attempts: 3 });
  assert.deepEqual(await sp.evaluate(() => Object.keys(localStorage)), ['jornada.enlace.sesion']);
  await sp.getByRole('button', { name: 'Borrar' }).click();
  await sp.getByText('Se borraron los datos de esta página').waitFor();
  assert.equal(await sp.locator('.total-personas').count(), 0);
  assert.deepEqual(await sp.evaluate(() => Object.keys(localStorage)), []);
  await sp.reload();
  await sp.getByRole('heading', { name: 'Tablero de la persona enlace' }).waitFor();
  assert.equal(await sp.locator('.total-personas').count(), 0);
  assert.deepEqual(sw.errors, []);
  await state.close();
});

test('bad files are listed with their reason and nothing crashes; 2,000 files load at once', async () => {
  const files = trainees(2000);
  const good = fs.readFileSync(files[0], 'utf8');

  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 131) % 256;
  const excel = 'id_persona;id_intento;nombre;municipio;cargo;tema;titulo_tema;fecha;aciertos;preguntas;porcentaje;aprobado;version_contenido\r\n'
    + 'p00000;excel-1;Ana María Excel;Municipio 00;Auxiliar;ordenes;Órdenes;03/12/2026;9;10;90;si;2026.11.2\r\n';
  // Written to disk: Playwright does not mix paths (the 50 MB file) and buffers in one upload.
  const bad = fs.mkdtempSync(path.join(tmp, 'malos-'));
  const buf = (name, data) => { const p = path.join(bad, name); fs.writeFileSync(p, data); return p; };
  const ctx = await browser.newContext();
  const w = watch(ctx);
  const page = await ctx.newPage();
  await open(page, server.url + '/enlace/');
  await load(page, [
    buf('vacio.json', ''),
    buf('grande.json', Buffer.alloc(50 * 1024 * 1024, 0x20)),
    buf('foto.png', binary),
    buf('latin1.csv', Buffer.from('nombre,municipio\r\nMar\xeda,Le\xf3n\r\n', 'latin1')),
    buf('otra-app.json', '{"format": "otra-app", "version": 1}'),
    buf('futuro.json', good.replace('"version": 1', '"version": 2')),
    buf('alterado.json', good.replace(/"percent": \d+/, '"percent": 100')),
    files[0],
    buf('excel.csv', excel),
  ], 2, 9);
  const reasons = Object.fromEntries((await page.locator('.rechazados li').allInnerTexts()).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
  assert.deepEqual(Object.keys(reasons).sort(), ['alterado.json', 'foto.png', 'futuro.json', 'grande.json', 'latin1.csv', 'otra-app.json', 'vacio.json']);
  assert.match(reasons['vacio.json'], /está vacío/);
  assert.match(reasons['grande.json'], /pesa más de 20 MB/);
  assert.match(reasons['foto.png'], /no es un archivo de resultados/);
  assert.match(reasons['latin1.csv'], /no está en UTF-8/);
  assert.match(reasons['otra-app.json'], /No es un archivo de resultados ni un respaldo/);
  assert.match(reasons['futuro.json'], /versión más nueva de Jornada \(formato 2\)/);
  assert.match(reasons['alterado.json'], /código de integridad no coincide/);
  // Excel's CSV is read; its person is the same id under another name: counted once, reported.
  assert.deepEqual(await totals(page), { people: 1, municipalities: 1, attempts: 11 });
  await page.getByRole('heading', { name: 'La misma persona con nombres distintos' }).waitFor();
  await page.getByText('«Ana María Excel»').waitFor();

  // 2,000 files at once, on top (the first one again counts once).
  await load(page, files, 2000);
  assert.deepEqual(await totals(page), { people: 2000, municipalities: 46, attempts: 20001 });
  // A page of 50 rows (the first ten paint first, the rest right after), then "Mostrar 50 más".
  await page.locator('.tabla-enlace tbody tr').nth(49).waitFor();
  assert.equal(await page.locator('.tabla-enlace tbody tr').count(), 50);
  await page.getByText('Se muestran 50 de 2000 personas.').waitFor();
  await page.getByRole('button', { name: 'Mostrar 50 más' }).click();
  await page.getByText('Se muestran 100 de 2000 personas.').waitFor();
  assert.equal(await page.locator('.tabla-enlace tbody tr').count(), 100);
  // The printable summary of the whole state fits one page (A4 and Letter), its rates included.
  await page.locator('#grafica-municipios ~ .tasas-impresas li').nth(45).waitFor({ state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: path.join(ROOT, 'e2e', 'artifacts', 'enlace-impresion.png'), fullPage: true });
  for (const format of ['A4', 'Letter']) {
    const pdf = await page.pdf({ format });
    assert.equal((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length, 1, `${format}: one page`);
  }
  await page.emulateMedia({ media: 'screen' });
  assert.match(await page.locator('.estado-carga').innerText(), /Personas nuevas: 1999\. Intentos nuevos: 19990\. Intentos repetidos \(contados una sola vez\): 10\./);
  assert.deepEqual(w.errors, []);
  await ctx.close();
});
