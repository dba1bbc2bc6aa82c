// Topic files: the wasm carries only the index; each topic's lessons and questions come from
// contenido/<tema>-<hash>.json the first time the topic is opened (the service worker
// precaches them for offline use). A file that cannot be loaded gets a Spanish explanation and
// a retry, and never costs the trainee's progress.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve, watch, open, ready, curriculum, screenshot } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const TOPIC_FILE = /\/contenido\/([a-z]+)-[0-9a-f]{16}\.json$/;
const topicFiles = (requests) => requests.map((u) => new URL(u).pathname.match(TOPIC_FILE)?.[1]).filter(Boolean);

test('the home page loads no topic file; a lesson loads only its own topic', async () => {
  // Service workers blocked: this test is about what the page itself asks for.
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  const w = watch(page);
  await open(page, server.url + '/');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  assert.deepEqual(topicFiles(w.requests), [], 'home needs only the index in the wasm');
  const t = curriculum().topics[1];
  const l = t.lessons[0];
  await page.getByRole('link', { name: t.short_title }).first().click();
  await page.locator(`a[href="/tema/${t.id}/leccion/${l.id}"]`).first().click();
  await page.getByRole('heading', { level: 1, name: l.title }).waitFor();
  await page.locator('.texto-leccion h2').first().waitFor();
  assert.deepEqual(topicFiles(w.requests), [t.id]);
  // Back to another lesson of the same topic: the file is not fetched again.
  await page.locator('a[rel="next"]').click();
  await page.getByRole('heading', { level: 1, name: t.lessons[1].title }).waitFor();
  assert.deepEqual(topicFiles(w.requests), [t.id]);
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('a topic file that cannot be downloaded: a Spanish message, a retry, and no progress lost', async () => {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  const [t0, t1] = curriculum().topics;
  // Some progress first: the first lesson of topic 1 marked read.
  await open(page, `${server.url}/tema/${t0.id}/leccion/${t0.lessons[0].id}`);
  await page.getByRole('button', { name: 'Marcar como leída' }).click();
  await page.getByText('✓ Leída').waitFor();
  const before = await page.evaluate(() => localStorage.getItem('jornada.progress'));

  let mode = 'abort';
  await ctx.route(TOPIC_FILE, (route) => {
    if (mode === 'abort') return route.abort('internetdisconnected');
    if (mode === '404') return route.fulfill({ status: 404, body: 'No encontrado' });
    if (mode === 'corrupt') return route.fulfill({ status: 200, contentType: 'application/json', body: '{"format":1,"topic":"otro"' });
    return route.continue();
  });
  await open(page, `${server.url}/tema/${t1.id}/leccion/${t1.lessons[0].id}`);
  const alert = page.getByRole('alert');
  await alert.getByText('No se pudo descargar el contenido de este tema. Revise su conexión').waitFor();
  await screenshot(page, 'topic-file-offline');
  // The quiz page of that topic says the same, not a blank page.
  mode = '404';
  await open(page, `${server.url}/tema/${t1.id}/evaluacion`);
  await page.getByRole('alert').getByText('(error 404)').waitFor();
  await page.getByRole('alert').getByText('recargue la página').waitFor();
  mode = 'corrupt';
  await page.getByRole('button', { name: 'Reintentar' }).click();
  await page.getByRole('alert').getByText('llegó dañado').waitFor();
  // The connection comes back: "Reintentar" loads it, without a reload.
  mode = 'pass';
  await page.getByRole('button', { name: 'Reintentar' }).click();
  await page.getByRole('button', { name: 'Comenzar' }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  // The failures lost nothing: the lesson read before is still read, the profiles unchanged.
  const after = await page.evaluate(() => localStorage.getItem('jornada.progress'));
  const prog = (env) => env.data.profiles.find((p) => p.id === env.data.active).progress;
  assert.deepEqual(prog(JSON.parse(after)).lessons_read, prog(JSON.parse(before)).lessons_read);
  assert.ok(prog(JSON.parse(after)).lessons_read[t0.lessons[0].id]);
  assert.equal(JSON.parse(after).data.profiles.length, JSON.parse(before).data.profiles.length);
  await ctx.close();
});

test('the topic files are served with a long cache life and the JSON type', async () => {
  const t = curriculum().topics[0];
  const page = await browser.newPage();
  await open(page, `${server.url}/tema/${t.id}/leccion/${t.lessons[0].id}`);
  const url = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).find((n) => n.includes('/contenido/')));
  assert.ok(url, 'a topic file was fetched');
  const r = await fetch(url);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/json');
  assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  const body = await r.json();
  assert.equal(body.topic, t.id);
  assert.equal(body.questions.length, t.questions.length);
  await page.close();
});
