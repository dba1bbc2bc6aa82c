// Shared computers and backups that travel: profiles kept apart, PIN, backup export/import,
// bad files that change nothing, results for the municipal contact, a one-page constancia.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, serve, watch, open, ready, curriculum, takeQuiz, screenshot } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function createProfile(page, name, municipality, pin = '') {
  await open(page, server.url + '/perfil');
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Crear un perfil' }) });
  await form.getByLabel('Nombre').fill(name);
  await form.getByLabel('Municipio').selectOption(municipality);
  if (pin) {
    await form.getByLabel('PIN de 4 números (opcional)').fill(pin);
    await form.getByLabel('Repita el PIN (si puso uno)').fill(pin);
  }
  await form.getByRole('button', { name: 'Crear perfil' }).click();
  await page.getByText('Perfil creado y en uso.').waitFor();
}

async function markRead(page, topicId, lessonId) {
  await open(page, `${server.url}/tema/${topicId}/leccion/${lessonId}`);
  await page.getByRole('button', { name: 'Marcar como leída' }).click();
  await page.getByText('✓ Leída').waitFor();
}

const readCount = async (page, topicId) => {
  await open(page, `${server.url}/tema/${topicId}`);
  return page.locator('.leccion-item.leida').count();
};

const snapshot = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));

async function exportAll(page) {
  await open(page, server.url + '/respaldo');
  const dl = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Guardar una copia de todos los perfiles de este equipo' }).click();
  return fs.readFileSync(await (await dl).path(), 'utf8');
}

async function chooseFile(page, name, text) {
  await page.locator('#archivo-respaldo').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('two profiles do not see each other\'s progress; a PIN guards a profile', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const w = watch(page);
  const t = curriculum().topics[0];
  await createProfile(page, 'Ana', 'León');
  await markRead(page, t.id, t.lessons[0].id);
  assert.equal(await readCount(page, t.id), 1);
  await page.getByRole('link', { name: 'Perfil: Ana' }).waitFor();
  await createProfile(page, 'Rosa', 'Celaya', '4321');
  assert.equal(await readCount(page, t.id), 0, 'Rosa sees nothing of Ana');
  await markRead(page, t.id, t.lessons[1].id);
  await markRead(page, t.id, t.lessons[2].id);
  // Back to Ana (no PIN).
  await open(page, server.url + '/perfil');
  await page.locator('.perfil-item', { hasText: 'Ana' }).getByRole('button', { name: 'Usar este perfil' }).click();
  await page.getByRole('heading', { name: 'Perfil en uso: Ana' }).waitFor();
  assert.equal(await readCount(page, t.id), 1);
  // Rosa's PIN: wrong, then right.
  await open(page, server.url + '/perfil');
  const rosa = page.locator('.perfil-item', { hasText: 'Rosa' });
  await rosa.getByRole('button', { name: 'Usar este perfil' }).click();
  await rosa.getByLabel('PIN').fill('1111');
  await rosa.getByRole('button', { name: 'Abrir' }).click();
  await rosa.getByText('PIN incorrecto.').waitFor();
  await rosa.getByLabel('PIN').fill('4321');
  await rosa.getByRole('button', { name: 'Abrir' }).click();
  await page.getByRole('heading', { name: 'Perfil en uso: Rosa' }).waitFor();
  assert.equal(await readCount(page, t.id), 2);
  // A reload in the same tab stays open; a new tab (or a restarted browser) asks for the PIN.
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('.leccion-item.leida').count(), 2);
  const tab = await ctx.newPage();
  await open(tab, `${server.url}/tema/${t.id}`);
  await tab.getByText('Su avance está protegido con PIN.').waitFor();
  assert.equal(await tab.locator('.leccion-item.leida').count(), 0);
  await open(tab, server.url + '/perfil');
  await tab.getByLabel('Escriba el PIN para ver su avance').fill('4321');
  await tab.getByRole('button', { name: 'Abrir perfil' }).click();
  assert.equal(await readCount(tab, t.id), 2);
  // The PIN is stored only as a salted hash.
  const raw = (await snapshot(page))['jornada.progress'];
  assert.ok(!raw.includes('"4321"'));
  assert.match(raw, /"pin":\{"salt":"[^"]+","hash":"[0-9a-f]{64}"\}/);
  await screenshot(page, 'profiles');
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('export, then import into a fresh browser profile, restores everything', async () => {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  const t = curriculum().topics[0];
  await createProfile(page, 'Laura <img src=x onerror=alert(1)>', 'Pénjamo');
  await markRead(page, t.id, t.lessons[0].id);
  await takeQuiz(page, server.url, t.id, t.quiz_size);
  const file = await exportAll(page);
  assert.match(file, /"format": "jornada-respaldo"/);
  assert.match(file, /"checksum": "[0-9a-f]{64}"/);
  await page.getByText('Última copia de este perfil:').waitFor();
  await ctx.close();

  const fresh = await browser.newContext();
  const p2 = await fresh.newPage();
  let dialogs = 0;
  p2.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await open(p2, server.url + '/respaldo');
  await chooseFile(p2, 'respaldo.json', file);
  const preview = p2.locator('.vista-previa');
  await preview.getByText('Laura <img src=x onerror=alert(1)>').waitFor();
  await preview.getByText('perfil nuevo en este equipo').waitFor();
  assert.equal(await snapshot(p2).then((s) => s['jornada.progress'] ?? null), null, 'nothing applied before confirming');
  await screenshot(p2, 'import-preview');
  await p2.getByRole('button', { name: 'Importar' }).click();
  await p2.getByText('Copia recuperada.').waitFor();
  await open(p2, server.url + '/');
  await p2.getByText('mejor resultado 100 %').waitFor();
  await p2.getByRole('link', { name: 'Perfil: Laura <img src=x onerror=alert(1)>' }).waitFor();
  assert.equal(await p2.locator('img[src="x"]').count(), 0, 'HTML in a name is only ever text');
  assert.equal(dialogs, 0);
  // Importing the same file again adds nothing.
  await open(p2, server.url + '/respaldo');
  await chooseFile(p2, 'respaldo.json', file);
  await p2.locator('.vista-previa').getByText('0 lecciones y 0 intentos nuevos').waitFor();
  await fresh.close();
});

test('each bad file is refused with a Spanish message and leaves storage byte for byte unchanged', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const t = curriculum().topics[1];
  await createProfile(page, 'Marta', 'Irapuato');
  await markRead(page, t.id, t.lessons[0].id);
  const good = await exportAll(page);
  const before = await snapshot(page);
  const bad = {
    'no es JSON': ['notas.json', 'hola, esto no es un respaldo'],
    'otro formato': ['otro.json', '{"format":"otra-app","version":1}'],
    'suma alterada': ['alterado.json', good.replace('"name": "Marta"', '"name": "Martha"')],
    'versión futura': ['futuro.json', good.replace('"version": 1', '"version": 9')],
    'faltan campos': ['incompleto.json', good.replace(/\s*"exported_at": [0-9.e+]+,/, '')],
    'demasiado anidado': ['anidado.json', '['.repeat(20000) + ']'.repeat(20000)],
    'más de 1 MB': ['grande.json', ' '.repeat(1_100_000) + good],
  };
  const expected = {
    'no es JSON': 'no tiene formato JSON',
    'otro formato': 'no es un respaldo de Jornada',
    'suma alterada': 'suma de verificación no coincide',
    'versión futura': 'versión más nueva de Jornada',
    'faltan campos': 'incompleto',
    'demasiado anidado': 'demasiado anidada',
    'más de 1 MB': 'más de 1 MB',
  };
  for (const [kind, [name, text]] of Object.entries(bad)) {
    await open(page, server.url + '/respaldo');
    await chooseFile(page, name, text);
    const alert = page.getByRole('alert').filter({ hasText: 'No se cambió nada' });
    await alert.waitFor();
    assert.match(await alert.innerText(), new RegExp(expected[kind]), kind);
    assert.equal(await page.locator('.vista-previa').count(), 0, kind);
    assert.deepEqual(await snapshot(page), before, `${kind}: storage unchanged`);
  }
  await ctx.close();
});

test('results for the municipal contact download as CSV and JSON', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const t = curriculum().topics[2];
  await createProfile(page, 'Sofía', 'Salamanca');
  await takeQuiz(page, server.url, t.id, 3);
  await open(page, server.url + '/respaldo');
  let dl = page.waitForEvent('download');
  await page.getByText('Otros formatos (para Excel)').click();
  await page.getByRole('button', { name: 'Descargar mis resultados para Excel (CSV)' }).click();
  const csvText = fs.readFileSync(await (await dl).path(), 'utf8');
  assert.ok(csvText.startsWith('\ufeff'), 'BOM so Excel reads the accents');
  const csv = csvText.slice(1).trim().split('\r\n');
  assert.equal(csv.length, 2);
  assert.match(csv[0], /^id_persona,id_intento,nombre,municipio,cargo,tema,/);
  assert.match(csv[1], new RegExp(`^"[^"]+","[^"]+","Sofía","Salamanca","","${t.id}",`));
  assert.match(csv[1], /,no,"[^"]+"$/);
  dl = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Enviar mis resultados a mi persona enlace' }).click();
  const json = JSON.parse(fs.readFileSync(await (await dl).path(), 'utf8'));
  assert.equal(json.format, 'jornada-resultados');
  assert.equal(json.version, 1);
  assert.equal(json.people[0].name, 'Sofía');
  assert.equal(json.attempts[0].topic, t.id);
  assert.equal(json.attempts[0].person, json.people[0].id);
  assert.equal(json.attempts[0].passed, false);
  assert.match(json.integrity, /^sha256:[0-9a-f]{64}$/);
  // The same ids in both files.
  assert.ok(csv[1].startsWith(`"${json.people[0].id}","${json.attempts[0].id}",`));
  await ctx.close();
});

test('the constancia appears once a topic is accredited and prints on one page', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const t = curriculum().topics[3];
  await createProfile(page, 'Guadalupe Hernández', 'Dolores Hidalgo Cuna de la Independencia Nacional');
  await open(page, `${server.url}/constancia/${t.id}`);
  await page.getByText('Aún no acredita').waitFor();
  await page.getByText(`Leer ${t.lessons.length} de ${t.lessons.length} lecciones:`).waitFor();
  for (const l of t.lessons) await markRead(page, t.id, l.id);
  await takeQuiz(page, server.url, t.id, t.quiz_size);
  await page.getByText('Tema acreditado').waitFor();
  await page.getByText('Guarde una copia de su avance.').waitFor();
  await open(page, `${server.url}/constancia/${t.id}`);
  await page.getByRole('heading', { name: 'Constancia de autoevaluación' }).waitFor();
  await page.locator('.constancia-nombre', { hasText: 'Guadalupe Hernández' }).waitFor();
  const code = await page.locator('.constancia-codigo strong').innerText();
  assert.match(code, /^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
  await page.getByText('No es un documento oficial').waitFor();
  await screenshot(page, 'constancia');
  for (const format of ['A4', 'Letter']) {
    const pdf = await page.pdf({ format });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.equal(pages, 1, `${format}: one page`);
  }
  await open(page, `${server.url}/constancia/curso`);
  await page.getByText('Le falta:').waitFor();
  await ctx.close();
});

test('"Borrar mis datos de este equipo" removes the profile and leaves nothing of it behind', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const t = curriculum().topics[0];
  await createProfile(page, 'Perla Secreta', 'Xichú', '2468');
  await markRead(page, t.id, t.lessons[0].id);
  await open(page, server.url + '/perfil');
  await page.getByRole('button', { name: 'Borrar mis datos de este equipo' }).click();
  await page.getByText('¿Borrar este perfil y todo su avance?').waitFor();
  await page.getByRole('button', { name: 'Sí, borrar mis datos' }).click();
  await page.getByText('No hay otros perfiles').waitFor();
  const all = JSON.stringify(await snapshot(page));
  assert.ok(!all.includes('Perla Secreta'));
  assert.ok(!all.includes('Xichú'));
  assert.ok(!all.includes(t.lessons[0].id));
  assert.equal(await readCount(page, t.id), 0);
  await ctx.close();
});
