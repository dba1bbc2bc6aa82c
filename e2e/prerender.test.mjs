// Prerendered pages (issue 14): every route that does not depend on the trainee's data is real
// HTML in dist/, written at build time by the app's own components (src/bin/prerender.rs). A
// trainee reads it before the wasm arrives or with JavaScript off; then the app takes over the
// same page without a flash or a layout shift, and fills in her own data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, serve, watch, ready, curriculum, DIST, screenshot } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Every prerendered route in the build: dist/**\/index.html, the board excepted. */
function prerenderedRoutes() {
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
  return walk(DIST)
    .filter((f) => f.endsWith(`${path.sep}index.html`))
    .map((f) => '/' + path.relative(DIST, path.dirname(f)).split(path.sep).join('/'))
    .map((r) => (r === '/' ? '/' : r.replace(/\/$/, '')))
    .filter((r) => !r.startsWith('/enlace'))
    .sort();
}

// The text of <main> as written (textContent: the CSS that hides controls without JavaScript, or
// her progress until the app takes over, does not count), spacing normalized.
const mainText = (page) => page.locator('main').evaluate((m) => m.textContent.replace(/\s+/g, ' ').trim());

test('every lesson, topic and reading page of the curriculum has its own prerendered page', () => {
  const routes = new Set(prerenderedRoutes());
  const c = curriculum();
  const expected = ['/', '/glosario', '/ayuda', '/privacidad', '/buscar', '/repaso', '/perfil', '/bienvenida', '/respaldo', '/constancia/curso'];
  for (const t of c.topics) {
    expected.push(`/tema/${t.id}`, `/tema/${t.id}/evaluacion`, `/constancia/${t.id}`);
    for (const l of t.lessons) expected.push(`/tema/${t.id}/leccion/${l.id}`);
  }
  assert.deepEqual([...routes].sort(), [...expected].sort());
  // The loading shell stays for routes that only exist in a trainee's data (a result page).
  assert.match(fs.readFileSync(path.join(DIST, 'app.html'), 'utf8'), /id=("|)cargando/);
});

test('without JavaScript, lessons, glossary and help read fully; data pages say they need JavaScript', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  const c = curriculum();
  for (const t of c.topics) {
    for (const l of t.lessons) {
      await page.goto(`${server.url}/tema/${t.id}/leccion/${l.id}`);
      assert.equal(await page.locator('h1').innerText(), l.title);
      assert.equal(await page.title(), `${l.title} · Jornada`);
      // The whole lesson: every section heading of the index is on the page.
      const headings = await page.locator('.texto-leccion h2, .texto-leccion h3').allInnerTexts();
      for (const s of l.sections.filter((s) => s.id)) {
        assert.ok(headings.some((h) => h.includes(s.title)), `${l.id}: section "${s.title}"`);
      }
      assert.equal(await page.getByText('necesita JavaScript').count(), 0, `${l.id} does not ask for JavaScript`);
    }
  }
  await screenshot(page, 'sin-js-leccion');
  await page.goto(`${server.url}/glosario`);
  for (const term of c.glossary) await page.getByText(term.term, { exact: true }).first().waitFor();
  await page.goto(`${server.url}/ayuda`);
  for (const line of c.help_lines) await page.getByText(line.number).first().waitFor();
  // Links are plain links: following one loads the next prerendered page.
  await page.goto(`${server.url}/`);
  await page.getByRole('link', { name: c.topics[2].short_title }).first().click();
  await page.waitForURL(`**/tema/${c.topics[2].id}`);
  assert.equal(await page.locator('h1').innerText(), c.topics[2].title);
  // (Playwright's text locators skip <noscript>, so these look for the notice's element.)
  for (const url of [`/tema/${c.topics[0].id}/evaluacion`, '/perfil', '/respaldo', '/repaso']) {
    await page.goto(server.url + url);
    assert.match(await page.locator('p.sin-js').innerText(), /^Esta página necesita JavaScript/, url);
  }
  await screenshot(page, 'sin-js-repaso');
  // A route only the app knows (a result page) gets the shell, which says the same.
  await page.goto(`${server.url}/tema/${c.topics[0].id}/evaluacion/intento-x`);
  assert.match(await page.locator('p.sin-js').innerText(), /^Jornada necesita JavaScript activado/);
  // The quick exit leaves even without JavaScript.
  await page.goto(`${server.url}/glosario`);
  await page.getByRole('link', { name: 'Salida rápida' }).click();
  await page.waitForURL('**/salida.html');
  await ctx.close();
});

test('each prerendered page says what the app shows on the same route', async () => {
  const routes = prerenderedRoutes();
  const differ = [];
  for (const route of routes) {
    const off = await browser.newContext({ javaScriptEnabled: false });
    const p1 = await off.newPage();
    await p1.goto(server.url + route);
    const prerendered = await mainText(p1);
    const prerenderedTitle = await p1.title();
    await off.close();
    // A fresh visitor with JavaScript: what the app renders after it has taken over.
    const on = await browser.newContext();
    const p2 = await on.newPage();
    const w = watch(p2);
    await p2.goto(server.url + route);
    await ready(p2);
    const app = await mainText(p2);
    if (app !== prerendered) differ.push(`${route}:\n  prerendered: ${prerendered.slice(0, 300)}\n  app:         ${app.slice(0, 300)}`);
    if ((await p2.title()) !== prerenderedTitle) differ.push(`${route}: title "${prerenderedTitle}" vs "${await p2.title()}"`);
    assert.deepEqual(w.errors, [], route);
    await on.close();
  }
  assert.deepEqual(differ, []);
});

test('a first visit paints from its HTML alone, and fetches the wasm only after that paint', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
  const page = await ctx.newPage();
  const w = watch(page);
  const t = curriculum().topics[2];
  await page.goto(`${server.url}/tema/${t.id}/leccion/${t.lessons[0].id}`);
  await ready(page);
  // The stylesheet is in the page (no second round trip before the first paint on a slow link),
  // and the CSP lets it apply: the header has its colour before and after the app takes over.
  const paths = w.requests.map((u) => new URL(u).pathname);
  assert.deepEqual(paths.filter((p) => p.endsWith('.css')), [], 'no stylesheet request');
  assert.equal(await page.locator('.cabecera').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(91, 42, 134)');
  // The wasm is asked for once, after the first contentful paint: it never competes with the
  // page's own HTML for the link.
  assert.equal(paths.filter((p) => p.endsWith('.wasm')).length, 1, 'one wasm request');
  const [fcp, wasmStart] = await page.evaluate(() => [
    performance.getEntriesByName('first-contentful-paint')[0].startTime,
    performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm')).startTime,
  ]);
  assert.ok(wasmStart >= fcp, `wasm asked for at ${wasmStart} ms, first paint at ${fcp} ms`);
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('the app takes over a prerendered lesson with no blank frame, no layout shift and focus kept', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
  const page = await ctx.newPage();
  const t = curriculum().topics[1];
  const l = t.lessons[1];
  // Hold the wasm back so the page can be used before the app starts.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.addInitScript(() => {
    window.__frames = [];
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    let after = 0; // frames recorded since the app took over; a few more are enough
    const tick = () => {
      const h1 = document.querySelector('main h1');
      window.__frames.push(h1 ? h1.textContent : '');
      if (document.body && document.body.dataset.appReady === '1') after += 1;
      if (after < 20) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.goto(`${server.url}/tema/${t.id}/leccion/${l.id}`, { waitUntil: 'domcontentloaded' });
  // Readable before the app: the lesson text is there and the keyboard works on it.
  await page.locator('.texto-leccion p').first().waitFor();
  assert.equal(await page.locator('body[data-app-ready]').count(), 0, 'the app has not started yet');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const before = await page.evaluate(() => document.activeElement.textContent);
  release();
  await ready(page);
  const after = await page.evaluate(() => document.activeElement.textContent);
  assert.equal(after, before, 'focus stays on the same control');
  await page.waitForTimeout(300);
  const { frames, shift } = await page.evaluate(() => ({ frames: window.__frames, shift: window.__shift }));
  const first = frames.findIndex((f) => f);
  assert.ok(first >= 0, 'the heading was painted');
  assert.deepEqual(frames.slice(first).filter((f) => f !== l.title), [], 'every frame after the first paint shows the lesson');
  assert.equal(shift, 0, 'no layout shift');
  assert.equal(await page.locator('#app').count(), 1, 'one app root');
  assert.equal(await page.locator('#app[data-prerender]').count(), 0, 'the prerendered markup is gone');
  // The app now works on the page: reading marks the lesson and the store fills in.
  await page.getByRole('button', { name: 'Marcar como leída' }).click();
  await page.getByText('✓ Leída').waitFor();
  await ctx.close();
});

test('what she types on a prerendered page before the app starts is kept when it takes over', async () => {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(`${server.url}/buscar`, { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Palabras a buscar').fill('amber');
  release();
  await ready(page);
  assert.equal(await page.getByLabel('Palabras a buscar').inputValue(), 'amber');
  // The app took the words as typed: it searches them.
  await page.locator('.resultado-busqueda a[href*="/leccion/"]').first().waitFor();
  await page.waitForURL(/q=amber/);
  await ctx.close();
});

test('her own data fills in: a prerendered home keeps her progress hidden until the app shows it', async () => {
  // No service worker: the test holds the wasm back, which it cannot do for a worker's fetch.
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  const t = curriculum().topics[0];
  await page.goto(`${server.url}/tema/${t.id}/leccion/${t.lessons[0].id}`);
  await ready(page);
  await page.getByRole('button', { name: 'Marcar como leída' }).click();
  await page.getByText('✓ Leída').waitFor();
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(`${server.url}/`, { waitUntil: 'domcontentloaded' });
  await page.locator('main h1').waitFor();
  // Before the app: the place of her progress keeps its size but shows nothing (no false "0 %").
  assert.equal(await page.locator('.resumen-avance').isVisible(), true, 'the card keeps its place');
  assert.equal(await page.locator('.resumen-avance p').first().isVisible(), false, 'its figures wait for the app');
  release();
  await ready(page);
  assert.match(await page.locator('.resumen-avance p').first().innerText(), /^\d+ % del curso/);
  assert.doesNotMatch(await page.locator('.resumen-avance p').first().innerText(), /^0 %/, 'her progress, not zero');
  await page.getByRole('link', { name: /Seguir con: Lección/ }).waitFor();
  await ctx.close();
});

test('"Modo discreto" shows the neutral title on a prerendered page before the app starts', async () => {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  await page.goto(`${server.url}/privacidad`);
  await page.evaluate(() => localStorage.setItem('jornada.prefs.discreto', '1'));
  await page.route('**/*_bg.wasm', (route) => route.abort());
  await page.goto(`${server.url}/tema/${curriculum().topics[1].id}`, { waitUntil: 'domcontentloaded' });
  assert.equal(await page.title(), 'Notas');
  await ctx.close();
});

test('prerendered pages pass axe before the app starts', async () => {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  await page.route('**/*_bg.wasm', (route) => route.abort());
  const t = curriculum().topics[4];
  const found = [];
  for (const url of ['/', `/tema/${t.id}`, `/tema/${t.id}/leccion/${t.lessons[0].id}`, '/glosario', '/ayuda']) {
    await page.goto(server.url + url, { waitUntil: 'domcontentloaded' });
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    found.push(...violations.map((v) => `${url}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  }
  assert.deepEqual(found, []);
  await ctx.close();
});
