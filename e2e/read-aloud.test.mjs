// Escuchar: the browser's speechSynthesis is replaced at the boundary by a recording double
// (page.addInitScript). The test asserts what would be spoken, in what order, with which voice,
// which section is marked meanwhile, and that pause, speed, stop, navigation and quick exit
// reach the synthesizer. Without speech synthesis or without a Spanish voice there is no control.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, serve, watch, open, curriculum, screenshot } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Installs the double before the app loads. `voices`: [lang, name] pairs; null: no synthesis. */
async function withSpeech(voices, viewport = { width: 1366, height: 768 }) {
  const ctx = await browser.newContext({ viewport });
  await ctx.addInitScript((voices) => {
    if (voices === null) {
      Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: undefined });
      return;
    }
    const rec = { spoken: [], calls: [], current: null };
    window.__speech = rec;
    const list = voices.map(([lang, name]) => ({ lang, name, localService: true, default: false, voiceURI: name }));
    window.SpeechSynthesisUtterance = class {
      constructor(text) { Object.assign(this, { text, lang: '', voice: null, rate: 1, onend: null, onerror: null }); }
    };
    const note = (what) => { rec.calls.push(what); console.info(`speech:${what}`); };
    const synth = {
      speaking: false, paused: false, pending: false, onvoiceschanged: null,
      getVoices: () => list,
      addEventListener() {}, removeEventListener() {},
      speak(u) {
        const marked = document.querySelector('[data-leyendo]');
        const section = marked ? (marked.closest('section.seccion')?.querySelector('h2')?.id ?? '') : null;
        rec.spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name, rate: u.rate, section });
        rec.current = u;
        note('speak');
      },
      pause() { note('pause'); }, resume() { note('resume'); },
      cancel() { note('cancel'); rec.current = null; },
    };
    Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: synth });
    // The test ends the utterance being spoken, as the engine would when it finishes.
    rec.finish = () => { const u = rec.current; rec.current = null; if (u && u.onend) u.onend({}); return !!u; };
  }, voices);
  const page = await ctx.newPage();
  const logged = [];
  page.on('console', (m) => { if (m.text().startsWith('speech:')) logged.push(m.text().slice(7)); });
  return { ctx, page, logged };
}

const lessonUrl = (t, l) => `${server.url}/tema/${t.id}/leccion/${l.id}`;
const letters = (s) => s.normalize('NFC').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();

test('reads the lesson section by section with the Mexican voice, marking each section', async () => {
  const { ctx, page } = await withSpeech([['en-US', 'English'], ['es-ES', 'Español (España)'], ['es-MX', 'Español (México)']]);
  const w = watch(page);
  const t = curriculum().topics[0];
  const l = t.lessons[0];
  await open(page, lessonUrl(t, l));
  await page.getByRole('button', { name: 'Escuchar' }).click();
  await page.getByRole('button', { name: 'Pausar' }).waitFor();
  await screenshot(page, 'read-aloud-playing');
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], 'axe while reading');
  // Let the "engine" finish each utterance in turn until the reading ends by itself.
  for (let i = 0; i < 2000; i++) {
    const more = await page.evaluate(() => window.__speech.finish());
    if (!more) break;
  }
  await page.getByRole('button', { name: 'Escuchar' }).waitFor();
  const spoken = await page.evaluate(() => window.__speech.spoken);
  assert.ok(spoken.every((s) => s.voice === 'Español (México)' && s.lang === 'es-MX'), 'es-MX voice for every line');
  assert.equal(spoken[0].text, l.title, 'the lesson title first');
  // Sections in the lesson's order, each announced by its title, each line read while its section is marked.
  const order = spoken.map((s) => s.section).filter((s, i, a) => i === 0 || s !== a[i - 1]);
  assert.deepEqual(order, l.sections.map((s) => s.id));
  for (const s of l.sections) {
    const lines = spoken.slice(1).filter((x) => x.section === s.id).map((x) => x.text);
    if (s.title) assert.equal(lines[0], s.title, `section ${s.id} starts with its title`);
    const body = s.title ? lines.slice(1) : lines;
    assert.equal(letters(body.join(' ')), letters(s.text), `section ${s.id || '(intro)'} read in full`);
  }
  assert.equal(await page.locator('[data-leyendo]').count(), 0, 'no mark once finished');
  assert.deepEqual(w.errors, []);
  await ctx.close();
});

test('pause, speed, stop, navigation and quick exit reach the synthesizer', async () => {
  const { ctx, page, logged } = await withSpeech([['es-US', 'Español (EE. UU.)']], { width: 360, height: 740 });
  const t = curriculum().topics[0];
  const l = t.lessons[1];
  await open(page, lessonUrl(t, l));
  await page.getByRole('button', { name: 'Escuchar' }).click();
  await page.evaluate(() => window.__speech.finish());
  await page.getByRole('button', { name: 'Pausar' }).click();
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByLabel('Velocidad').selectOption({ label: 'Rápida' });
  let spoken = await page.evaluate(() => window.__speech.spoken);
  assert.equal(spoken.length, 3, 'the line being read starts again at the new speed');
  assert.equal(spoken[2].text, spoken[1].text);
  assert.deepEqual(spoken.map((s) => s.rate), [1, 1, 1.25]);
  assert.ok(spoken.every((s) => s.voice === 'Español (EE. UU.)'), 'any Spanish voice without es-MX');
  await screenshot(page, 'read-aloud-360');
  await page.getByRole('button', { name: 'Detener' }).click();
  assert.equal(await page.locator('[data-leyendo]').count(), 0);
  let calls = await page.evaluate(() => window.__speech.calls);
  // Starting clears any earlier reading (cancel) before the first line.
  assert.deepEqual(calls, ['cancel', 'speak', 'speak', 'pause', 'resume', 'cancel', 'speak', 'cancel']);
  // Leaving the lesson stops the reading.
  await page.getByRole('button', { name: 'Escuchar' }).click();
  await page.locator('nav[aria-label="Principal"]').getByRole('link', { name: 'Glosario' }).click();
  await page.waitForURL(/\/glosario$/);
  calls = await page.evaluate(() => window.__speech.calls);
  assert.deepEqual(calls.slice(-2), ['speak', 'cancel']);
  // And the page going away (closed, reloaded: the browser fires pagehide).
  await page.goBack();
  await page.getByRole('button', { name: 'Escuchar' }).click();
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  await page.getByRole('button', { name: 'Escuchar' }).waitFor();
  calls = await page.evaluate(() => window.__speech.calls);
  assert.deepEqual(calls.slice(-2), ['speak', 'cancel']);
  // So does the quick exit, before the page is left.
  await page.getByRole('button', { name: 'Escuchar' }).click();
  logged.length = 0;
  await page.getByRole('link', { name: 'Salida rápida' }).click();
  await page.waitForURL(/\/salida\.html$/);
  assert.equal(logged.at(-1), 'cancel');
  await ctx.close();
});

test('no control without speech synthesis or without a Spanish voice', async () => {
  const t = curriculum().topics[0];
  for (const voices of [null, [['en-US', 'English'], ['fr-FR', 'Français']]]) {
    const { ctx, page } = await withSpeech(voices);
    const w = watch(page);
    await open(page, lessonUrl(t, t.lessons[0]));
    await page.getByRole('heading', { name: 'Fuentes' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Escuchar' }).count(), 0, JSON.stringify(voices));
    assert.deepEqual(w.errors, []);
    await ctx.close();
  }
});
