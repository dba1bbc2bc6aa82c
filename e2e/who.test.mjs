// Issue 22 at 360 px: who she is (the first visit's questions, asked again before a results file
// or a constancia), one clear way to send results (share sheet where files can be shared, else a
// download that says where the file went and how to send it), the file named after her.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, serve, watch, open, curriculum, takeQuiz, answer, screenshot } from './lib.mjs';

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

test('quick exit: in discreet mode Back never shows the app, and the glossary leads back to the lesson', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  const w = watch(page);
  const t = curriculum().topics[0];
  const l = t.lessons[0];
  // A page before the app in the tab's history (the neutral page: not the app), and discreet
  // mode already on for this device.
  await page.goto(server.url + '/salida.html');
  await page.evaluate(() => localStorage.setItem('jornada.prefs.discreto', '1'));
  await open(page, `${server.url}/tema/${t.id}/leccion/${l.id}`);
  // A glossary term in the lesson, then the way back is a link in the app.
  await page.locator('#texto-leccion a[href^="/glosario#"]').first().click();
  await page.waitForURL(/\/glosario#/);
  const back = page.getByRole('link', { name: `← Volver a la lección: ${l.title}` }).first();
  await back.waitFor();
  await back.click();
  await page.waitForURL(new RegExp(`/leccion/${l.id}$`));
  await page.locator('h1', { hasText: l.title }).waitFor();
  // The exit, then Back: never the app.
  await page.getByRole('link', { name: 'Salida rápida' }).click();
  await page.waitForURL(/\/salida\.html$/);
  await page.goBack().catch(() => {});
  await page.waitForTimeout(500);
  const url = page.url();
  assert.ok(/\/salida\.html$/.test(url), `Back showed the app: ${url}`);
  assert.equal(await page.locator('body[data-app-ready]').count(), 0, 'no app on screen after Back');
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('quick exit outside discreet mode: the next visit says once that Back can return, and how to avoid it', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  const t = curriculum().topics[0];
  await open(page, `${server.url}/tema/${t.id}`);
  // On a phone the exit is a bar at the top: it covers no text.
  const bar = await page.locator('.salida-rapida').boundingBox();
  const h1 = await page.locator('main h1').boundingBox();
  assert.ok(bar.y === 0 && bar.width >= 359, 'a full-width bar at the top');
  assert.ok(h1.y >= bar.y + bar.height, 'the title starts below it');
  await page.evaluate(() => window.scrollTo(0, 400));
  const covered = await page.evaluate(() => {
    const b = document.querySelector('.salida-rapida').getBoundingClientRect();
    const el = document.elementFromPoint(180, b.bottom + 2);
    return el && el.closest('.salida-rapida') !== null;
  });
  assert.equal(covered, false);
  await page.getByRole('link', { name: 'Salida rápida' }).click();
  await page.waitForURL(/\/salida\.html$/);
  await open(page, server.url + '/');
  const note = page.getByRole('status').filter({ hasText: 'Sobre «Salida rápida».' });
  await note.getByText('el botón «Atrás» del navegador puede regresar a Jornada').waitFor();
  await note.getByRole('link', { name: 'cómo hacerlo' }).waitFor();
  await screenshot(page, 'who-exit-note-360');
  assert.deepEqual(await axe(page, 'exit note'), []);
  await note.getByRole('button', { name: 'Activar el modo discreto' }).click();
  assert.equal(await page.title(), 'Notas');
  await open(page, server.url + '/');
  assert.equal(await page.getByText('Sobre «Salida rápida».').count(), 0, 'said once');
  // The privacy page says how to clear the history.
  await open(page, server.url + '/privacidad');
  await page.getByRole('heading', { name: 'Cómo borrar el historial' }).waitFor();
  await ctx.close();
});

test('one next step on home, topic, lesson end and result, for three states of progress', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  const w = watch(page);
  const c = curriculum();
  const t = c.topics[0];
  const primary = async (url) => {
    await open(page, server.url + url);
    return page.locator('main .siguiente-paso').first().innerText();
  };
  // 1. Nothing read: home starts with the welcome; the topic with its first lesson.
  assert.equal(await primary('/'), 'Empezar');
  assert.match(await primary(`/tema/${t.id}`), new RegExp(`^Empezar: Lección 1 · ${t.lessons[0].title}`));
  // 2. The first lesson read (its end, after the sources, reached): the lesson ends with the
  //    next one, and home no longer points back to it.
  await open(page, `${server.url}/tema/${t.id}/leccion/${t.lessons[0].id}`);
  await page.getByRole('button', { name: 'Terminé esta lección' }).waitFor();
  await page.locator('.fin-leccion').scrollIntoViewIfNeeded();
  await page.getByText('✓ Lección leída').waitFor();
  const after = page.locator('.fin-leccion .siguiente-paso');
  assert.match(await after.innerText(), new RegExp(`^Seguir con: Lección 2 · ${t.lessons[1].title}`));
  await screenshot(page, 'who-lesson-end-360');
  assert.match(await primary('/'), new RegExp(`^Seguir con: Lección 2 · ${t.lessons[1].title}`));
  // 3. Every lesson read: the quiz; a pass: congratulations, the constancia and the next topic.
  for (const l of t.lessons.slice(1)) {
    await open(page, `${server.url}/tema/${t.id}/leccion/${l.id}`);
    await page.getByRole('button', { name: 'Marcar como leída' }).click();
    await page.getByText('✓ Leída').waitFor();
  }
  assert.match(await primary(`/tema/${t.id}`), new RegExp(`^Hacer la autoevaluación: ${t.short_title} \\(${t.quiz_size} preguntas\\)`));
  assert.match(await primary('/'), /^Hacer la autoevaluación/);
  await takeQuiz(page, server.url, t.id, t.quiz_size - 1);
  await page.getByText(`¡Felicidades! Acreditó «${t.short_title}».`).waitFor();
  assert.equal(await page.locator('main .siguiente-paso').first().innerText(), `Ver mi constancia de «${t.short_title}»`);
  await page.getByRole('link', { name: `Siguiente tema: ${c.topics[1].short_title}` }).waitFor();
  // The one question she missed comes back in Repaso, and the page says when.
  await page.getByText(/^La pregunta que falló pasó a su repaso\. La verá de nuevo el \d\d\/\d\d\./).waitFor();
  assert.deepEqual(await axe(page, 'result passed'), []);
  await screenshot(page, 'who-result-passed-360');
  // «Practicar ahora»: the missed question at once, and the review dates stay as they were.
  const deck = () => page.evaluate(() => JSON.stringify(JSON.parse(localStorage.getItem('jornada.progress')).data.profiles[0].progress.review));
  const before = await deck();
  const resultUrl = page.url();
  await page.getByRole('link', { name: 'Practicar ahora' }).click();
  await page.getByText(/^Repaso · pregunta 1 de 1 · /).waitFor();
  await answer(page, true);
  await page.getByText('Práctica: su repaso no cambia.').waitFor();
  assert.equal(await deck(), before, 'practice moves no card');
  await page.getByRole('button', { name: 'Terminar el repaso' }).click();
  await page.getByText('Terminó la práctica: 1 de 1 correctas. Su repaso no cambió.').waitFor();
  await open(page, resultUrl);
  // Home moves on to the next topic.
  assert.match(await primary('/'), new RegExp(`^Empezar: Lección 1 · ${c.topics[1].lessons[0].title}`));
  // Question 1 in view after «Comenzar»: the page from its top, focus on the question.
  await open(page, `${server.url}/tema/${c.topics[1].id}/evaluacion`);
  await page.getByRole('button', { name: 'Comenzar' }).click();
  await page.locator('.opciones').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'pregunta-titulo');
  // "Pregunta 1 de N" on screen, below the quick-exit bar.
  const counter = await page.getByText(/^Pregunta 1 de /).boundingBox();
  assert.ok(counter.y >= 44 && counter.y + counter.height <= 740, `counter at ${counter.y}`);
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('a locked profile says so: the PIN in a card, no 0 %, study actions off with the reason', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  const t = curriculum().topics[0];
  await open(page, server.url + '/perfil');
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Crear un perfil' }) });
  await form.getByLabel('Nombre').fill('Rosa');
  await form.getByLabel('Municipio').selectOption('León');
  await form.getByLabel('PIN de 4 números (opcional)').fill('4321');
  await form.getByLabel('Repita el PIN (si puso uno)').fill('4312');
  await form.getByRole('button', { name: 'Crear perfil' }).click();
  await page.getByText('Los dos PIN no son iguales.').waitFor();
  await form.getByLabel('Repita el PIN (si puso uno)').fill('4321');
  await form.getByRole('button', { name: 'Crear perfil' }).click();
  await page.getByText('Perfil creado y en uso.').waitFor();
  await readLesson(page, t, t.lessons[0]);
  // A new tab: locked.
  const tab = await ctx.newPage();
  await open(tab, server.url + '/');
  const card = tab.getByRole('region', { name: 'Perfil protegido con PIN' });
  await card.getByText('Su avance está protegido con PIN.').waitFor();
  await card.getByLabel('Escriba el PIN para ver su avance').waitFor();
  assert.equal(await tab.getByText(/0 % del curso/).count(), 0, 'no 0 % that looks like lost progress');
  await tab.getByText('Su avance está guardado y protegido con PIN.').waitFor();
  assert.deepEqual(await axe(tab, 'locked home'), []);
  await screenshot(tab, 'who-locked-home-360');
  await open(tab, `${server.url}/tema/${t.id}/leccion/${t.lessons[1].id}`);
  assert.equal(await tab.getByRole('button', { name: 'Marcar como leída' }).isDisabled(), true);
  await tab.getByText('Escriba el PIN de este perfil (arriba) para guardar lo que lea.').waitFor();
  await open(tab, `${server.url}/tema/${t.id}/evaluacion`);
  assert.equal(await tab.getByRole('button', { name: 'Comenzar' }).isDisabled(), true);
  await tab.getByText('Escriba el PIN de este perfil (arriba) para hacer la autoevaluación').waitFor();
  // A forgotten PIN has an honest path.
  await tab.getByText('¿Olvidó su PIN?').click();
  await tab.getByText('Nadie puede recuperar un PIN olvidado').waitFor();
  await tab.getByLabel('Escriba el PIN para ver su avance').fill('4321');
  await tab.getByRole('button', { name: 'Abrir perfil' }).click();
  await tab.getByRole('button', { name: 'Comenzar' }).waitFor();
  assert.equal(await tab.getByRole('button', { name: 'Comenzar' }).isDisabled(), false);
  assert.equal(await tab.getByRole('region', { name: 'Perfil protegido con PIN' }).count(), 0);
  // The profile page: the heading follows a saved name; the PIN can be changed or removed.
  await open(tab, server.url + '/perfil');
  await tab.locator('#perfil-nombre').fill('Rosa María');
  await tab.getByRole('button', { name: 'Guardar datos' }).click();
  await tab.getByRole('heading', { name: 'Perfil en uso: Rosa María' }).waitFor();
  await tab.getByRole('button', { name: 'Cambiar PIN' }).waitFor();
  await tab.getByRole('button', { name: 'Quitar PIN' }).click();
  await tab.getByRole('button', { name: 'Poner PIN' }).waitFor();
  await ctx.close();
});
