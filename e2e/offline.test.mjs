// Offline and installable: the service worker precaches the build, deep links work with the
// server stopped, updates wait for the trainee, only this origin is contacted, the CSP holds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, launchPersistent, serve, watch, open, ready, curriculum, answer, next, DIST, ROOT, screenshot } from './lib.mjs';
import { startNginx } from './nginx.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  await page.getByText('Disponible sin conexión').waitFor();
}

function precacheOf(dir) {
  const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  const entries = JSON.parse(sw.match(/const PRECACHE = (\[.*?\]);/)[1]); // [url, revision, from?]
  return {
    version: JSON.parse(sw.match(/const VERSION = ("[^"]+")/)[1]),
    urls: entries.map(([u]) => u),
    entries,
  };
}

const cacheState = (page) => page.evaluate(async () => {
  const names = await caches.keys();
  const out = {};
  for (const n of names) out[n] = (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname).sort();
  return out;
});

test('the precache lists every file of the build but the contact\'s board, and index.html references only listed files', () => {
  const { urls, entries } = precacheOf(DIST);
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
  const all = walk(DIST).map((p) => '/' + path.relative(DIST, p).split(path.sep).join('/'));
  // The board (dist/enlace/) is its own build: trainees never download it, precache included.
  assert.ok(all.some((u) => u.startsWith('/enlace/')), 'the board is built into dist/enlace/');
  // Lesson pages are kept once opened, not precached: their text is in the topic files.
  const lessonPage = /^\/tema\/[^/]+\/leccion\/[^/]+\/index\.html$/;
  assert.ok(all.some((u) => lessonPage.test(u)), 'the build has prerendered lesson pages');
  // A page the server sends with its stylesheet inlined is precached from its copy that links it.
  const swCopy = /\.sw\.html$/;
  const files = all.filter((u) => u !== '/sw.js' && !u.startsWith('/enlace/') && !lessonPage.test(u) && !swCopy.test(u)).sort();
  assert.deepEqual([...urls].sort(), files);
  const css = fs.readdirSync(DIST).find((f) => f.endsWith('.css'));
  // Every other file is precached from its own URL, the app's code straight from the HTTP cache.
  for (const [u, , from] of entries.filter(([u]) => !u.endsWith('.html') || u === '/salida.html')) {
    assert.equal(from, undefined, `${u} is precached from its own URL`);
  }
  for (const [u, , from] of entries.filter(([u]) => u.endsWith('.html') && u !== '/salida.html')) {
    assert.equal(from, u.replace(/\.html$/, '.sw.html'), `${u} is precached from its copy`);
    const sent = fs.readFileSync(path.join(DIST, u), 'utf8');
    const kept = fs.readFileSync(path.join(DIST, from), 'utf8');
    assert.match(sent, /<style data-file=/, `${u}: the stylesheet is inlined`);
    assert.doesNotMatch(kept, /<style/, `${from}: no inlined stylesheet`);
    assert.equal(kept, sent.replace(/<style data-file="([^"]+)">[\s\S]*?<\/style>/, '<link rel=stylesheet href=$1>'), `${from} is ${u} with the stylesheet linked`);
    assert.ok(kept.includes(`href=/${css}`), from);
  }
  const html = fs.readFileSync(path.join(DIST, 'app.html'), 'utf8');
  for (const m of html.matchAll(/\b(?:href|src)=["']?(\/[^"'\s>]+)/g)) assert.ok(urls.includes(m[1]), m[1]);
  // Every page the home page links to is precached (a topic, the glossary…), or is a lesson.
  const home = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  for (const m of home.matchAll(/\bhref=["']?(\/[^"'\s>#]*)/g)) {
    const u = m[1];
    const page = `${u.replace(/\/$/, '')}/index.html`;
    assert.ok(urls.includes(u) || urls.includes(page) || lessonPage.test(page), `home links to ${u}`);
  }
});

test('the build fails when index.html references a file that is missing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jornada-roto-'));
  fs.cpSync(DIST, dir, { recursive: true });
  const css = fs.readdirSync(dir).find((f) => f.endsWith('.css'));
  fs.rmSync(path.join(dir, css));
  let err;
  try { execFileSync('node', [path.join(ROOT, 'scripts/precache.mjs'), dir], { stdio: 'pipe' }); } catch (e) { err = e; }
  assert.ok(err, 'precache.mjs must exit non-zero');
  assert.match(err.stderr.toString(), new RegExp(`references files that are not in the build: /${css}`));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('after one visit, home, a lesson deep link and a quiz work with the server stopped', async () => {
  const server = await serve();
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const w = watch(page);
  const t = curriculum().topics[1];
  await open(page, server.url + '/');
  await controlled(page);
  // A first visit, precache included, downloads the app's code once: the worker takes the copy
  // the page just loaded from the HTTP cache (a costly link pays for the wasm once).
  for (const [p, n] of server.counts) if (/\.(js|wasm|css)$/.test(p)) assert.equal(n, 1, `${p} requested ${n} times`);
  // Repeat visit: nothing of the app shell comes from the network.
  server.reset();
  await page.reload();
  await ready(page);
  const fetched = [...server.counts.keys()].filter((p) => p !== '/sw.js');
  assert.deepEqual(fetched, [], 'a repeat visit makes no request for app files');
  // A lesson opened online: the worker keeps its prerendered page.
  const opened = t.lessons[1];
  await open(page, `${server.url}/tema/${t.id}/leccion/${opened.id}`);
  await open(page, `${server.url}/tema/${t.id}/evaluacion`);
  await page.getByRole('button', { name: 'Comenzar' }).click();
  await answer(page, true);
  await server.close(); // the honest offline test: nothing answers any more
  await page.context().setOffline(true);
  await page.reload();
  await ready(page);
  await page.getByText(`Pregunta 2 de ${t.quiz_size}`).waitFor();
  await page.getByText('Sin conexión', { exact: true }).waitFor();
  // The worker's copy of the page links the stylesheet it precached: styled offline too.
  assert.equal(await page.locator('.cabecera').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(91, 42, 134)');
  await answer(page, false);
  await next(page);
  await page.reload();
  await ready(page);
  await page.getByText(`Pregunta 3 de ${t.quiz_size}`).waitFor();
  const lesson = t.lessons[2];
  await page.goto(`${server.url}/tema/${t.id}/leccion/${lesson.id}`);
  await ready(page);
  await page.getByRole('heading', { level: 1, name: lesson.title }).waitFor();
  // A topic never opened online: its file comes from the service worker's precache.
  // Offline, the lesson opened online comes back as its own prerendered page…
  const again = await (await page.goto(`${server.url}/tema/${t.id}/leccion/${opened.id}`)).text();
  assert.ok(again.includes(`>${opened.title}</h1>`), 'the kept prerendered lesson, offline');
  await ready(page);
  await page.getByRole('heading', { level: 1, name: opened.title }).waitFor();
  // …and a lesson never opened, of a topic never opened, is the shell the app fills in.
  const other = curriculum().topics[3];
  const resp = await page.goto(`${server.url}/tema/${other.id}/leccion/${other.lessons[1].id}`);
  assert.doesNotMatch(await resp.text(), /<div id="app" data-prerender/);
  await ready(page);
  await page.getByRole('heading', { level: 1, name: other.lessons[1].title }).waitFor();
  await page.locator('.texto-leccion p').first().waitFor();
  await page.goto(`${server.url}/buscar?q=amber`);
  await ready(page);
  await page.locator('.resultado-busqueda a[href*="/leccion/"]').first().waitFor();
  await page.goto(`${server.url}/`);
  await ready(page);
  assert.equal(await page.locator('.tarjeta-tema').count(), 5);
  await screenshot(page, 'offline-home');
  assert.deepEqual(w.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|Failed to fetch|sw\.js/.test(e)), []);
  await ctx.close();
});

test('paths that are not the app\'s are not taken over by the service worker', async () => {
  const server = await serve();
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await open(page, server.url + '/');
  await controlled(page);
  const res = await page.goto(server.url + '/api/algo');
  assert.equal(res.status(), 404);
  await ctx.close();
  await server.close();
});

function makeVersion(src, edit) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jornada-v-'));
  fs.cpSync(src, dir, { recursive: true });
  edit(dir);
  execFileSync('node', [path.join(ROOT, 'scripts/precache.mjs'), dir], { stdio: 'pipe' });
  return dir;
}

test('an update waits for the trainee, keeps progress, and leaves only the new cache', async () => {
  // v1 has an extra file that v2 removes; v2 changes the page text and another file.
  const v1 = makeVersion(DIST, (d) => fs.writeFileSync(path.join(d, 'notas-v1.txt'), 'solo en v1'));
  const v2 = makeVersion(DIST, (d) => {
    // The shell: every prerendered page is written again from it.
    const p = path.join(d, 'app.html');
    fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace('Cargando el curso…', 'Cargando el curso (versión 2)…'));
    fs.appendFileSync(path.join(d, 'salida.html'), '\n<!-- v2 -->\n');
  });
  const server = await startNginx({ root: v1 });
  const ctx = await browser.newContext();
  const a = await ctx.newPage();
  const w = watch(a);
  const t = curriculum().topics[0];
  await open(a, `${server.url}/tema/${t.id}/leccion/${t.lessons[0].id}`);
  await controlled(a);
  await a.getByRole('button', { name: 'Marcar como leída' }).click();
  const b = await ctx.newPage();
  await open(b, `${server.url}/tema/${t.id}/evaluacion`);
  await b.getByRole('button', { name: 'Comenzar' }).click();
  await answer(b, true);
  await b.evaluate(() => { window.__sinRecargar = true; });
  const before = await cacheState(a);
  assert.deepEqual(Object.keys(before), [`jornada-${precacheOf(v1).version}`]);

  server.setRoot(v2);
  await a.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await a.getByText('Nueva versión disponible').waitFor();
  await b.getByText('Nueva versión disponible').waitFor();
  await screenshot(a, 'update-banner');
  // v1 keeps working until the trainee decides.
  await a.getByRole('link', { name: 'Glosario' }).first().click();
  await a.getByRole('heading', { level: 1, name: 'Glosario' }).waitFor();

  await a.getByRole('button', { name: 'Actualizar ahora' }).click();
  await a.waitForFunction(() => !document.querySelector('.aviso-actualizacion'), null, { timeout: 20000 });
  await ready(a);
  const after = await cacheState(a);
  const { version, urls } = precacheOf(v2);
  assert.deepEqual(Object.keys(after), [`jornada-${version}`], 'old caches are gone');
  assert.deepEqual(after[`jornada-${version}`], [...urls].sort(), 'the cache holds exactly v2\'s files');
  assert.ok(!urls.includes('/notas-v1.txt'));
  // Progress intact, and the tab with a quiz in progress was not reloaded under the trainee.
  await open(a, `${server.url}/tema/${t.id}`);
  assert.equal(await a.locator('.leccion-item.leida').count(), 1);
  assert.equal(await b.evaluate(() => window.__sinRecargar), true);
  await b.reload();
  await ready(b);
  await b.getByText(`Pregunta 2 de ${t.quiz_size}`).waitFor();
  assert.deepEqual(w.errors, []);
  await ctx.close();
  await server.close();
  for (const d of [v1, v2]) fs.rmSync(d, { recursive: true, force: true });
});

test('the kill switch retires the worker and its caches; pages and progress still work from the network', async () => {
  const v1 = makeVersion(DIST, () => {});
  const killed = makeVersion(DIST, () => {});
  fs.copyFileSync(path.join(ROOT, 'public', 'sw-kill-switch.js'), path.join(killed, 'sw.js'));
  const server = await startNginx({ root: v1 });
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const t = curriculum().topics[2];
  await open(page, `${server.url}/tema/${t.id}/leccion/${t.lessons[0].id}`);
  await controlled(page);
  await page.getByRole('button', { name: 'Marcar como leída' }).click();
  assert.equal(Object.keys(await cacheState(page)).length, 1);
  server.setRoot(killed);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  // It takes over at once, deletes the caches and reloads the tab from the network, once.
  let loads = 0;
  page.on('load', () => { loads += 1; });
  await page.waitForFunction(async () => (await caches.keys()).length === 0
    && /sw\.js$/.test(navigator.serviceWorker.controller?.scriptURL || ''), null, { timeout: 20000, polling: 250 });
  await ready(page);
  await page.waitForTimeout(3000);
  assert.ok(loads <= 1, `the tab reloaded ${loads} times: no reload loop`);
  assert.deepEqual(Object.keys(await cacheState(page)), [], 'no cache is left');
  const resp = await page.goto(`${server.url}/tema/${t.id}/leccion/${t.lessons[1].id}`);
  assert.match(await resp.text(), /<div id="app" data-prerender/, 'the prerendered page, from the network');
  await ready(page);
  await open(page, `${server.url}/tema/${t.id}`);
  assert.equal(await page.locator('.leccion-item.leida').count(), 1, 'progress is untouched');
  await ctx.close();
  await server.close();
  for (const d of [v1, killed]) fs.rmSync(d, { recursive: true, force: true });
});

test('installable, same-origin only, and no CSP violation or console error on any route', async () => {
  const server = await serve();
  const ctx = await browser.newContext();
  await ctx.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await ctx.newPage();
  const w = watch(ctx);
  const c = curriculum();
  const t = c.topics[3];
  const routes = ['/', `/tema/${t.id}`, `/tema/${t.id}/leccion/${t.lessons[0].id}`, `/tema/${t.id}/evaluacion`,
    '/glosario', '/ayuda', '/privacidad', '/buscar?q=orden', '/tema/nada'];
  for (const r of routes) {
    await open(page, server.url + r);
    assert.deepEqual(await page.evaluate(() => window.__csp), [], `CSP violation on ${r}`);
  }
  await controlled(page);
  const foreign = w.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(w.errors, []);
  const html = await (await fetch(server.url + '/')).text();
  const csp = html.match(/Content-Security-Policy" content="([^"]+)"/)[1];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  await ctx.close();
  // Chromium's installability check (incognito contexts always fail it, so use a real profile).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jornada-instalar-'));
  const pctx = await launchPersistent(dir);
  const p = await pctx.newPage();
  await open(p, server.url + '/');
  await controlled(p);
  const cdp = await pctx.newCDPSession(p);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  await pctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
  await server.close();
});

test('once there is progress, the app asks to persist storage and shows the answer', async () => {
  const server = await serve();
  for (const granted of [false, true]) {
    const ctx = await browser.newContext();
    await ctx.addInitScript((g) => {
      window.__persistCalls = 0;
      navigator.storage.persisted = async () => false;
      navigator.storage.persist = async () => { window.__persistCalls++; return g; };
    }, granted);
    const page = await ctx.newPage();
    await open(page, server.url + '/');
    assert.equal(await page.evaluate(() => window.__persistCalls), 0, 'not asked before there is progress');
    const t = curriculum().topics[0];
    await open(page, `${server.url}/tema/${t.id}/leccion/${t.lessons[0].id}`);
    await page.getByRole('button', { name: 'Marcar como leída' }).click();
    await page.getByText(granted ? 'Almacenamiento protegido' : 'El navegador podría borrar su avance').waitFor();
    assert.equal(await page.evaluate(() => window.__persistCalls), 1);
    await ctx.close();
  }
  await server.close();
});
