// Screenshots of every kind of page on a phone (360×740) and an office screen (1366×768), saved
// under e2e/artifacts/screens/ to be looked at; reflow at 320 px with text at 200 % (nothing cut,
// no horizontal scroll); the quick exit never covers the header.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, open, curriculum, answer, next, takeQuiz, ARTIFACTS } from './lib.mjs';

const SCREENS = path.join(ARTIFACTS, 'screens');
fs.mkdirSync(SCREENS, { recursive: true });

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const SIZES = [{ width: 360, height: 740 }, { width: 1366, height: 768 }];

async function shot(page, name) {
  const { width } = page.viewportSize();
  await page.screenshot({ path: path.join(SCREENS, `${name}-${width}.png`), fullPage: true });
}

/** No horizontal scroll, and no element sticking out of the viewport on the right. */
async function assertNoOverflow(page, where) {
  const r = await page.evaluate(() => {
    const vw = window.innerWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => {
        const b = el.getBoundingClientRect();
        return b.width > 0 && b.right > vw + 1 && getComputedStyle(el).position !== 'fixed';
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)})`);
    return { sw: document.scrollingElement.scrollWidth, vw, wide };
  });
  assert.ok(r.sw <= r.vw + 1 && r.wide.length === 0, `${where}: scrollWidth ${r.sw} > ${r.vw}; ${r.wide.join(', ')}`);
}

/** The quick exit overlaps none of the header's links and buttons (page scrolled to the top). */
async function assertExitClear(page, where) {
  const hits = await page.evaluate(() => {
    window.scrollTo(0, 0);
    const exit = document.querySelector('.salida-rapida').getBoundingClientRect();
    return [...document.querySelectorAll('.cabecera a:not(.salida-rapida), .cabecera button, h1')]
      .filter((el) => {
        const b = el.getBoundingClientRect();
        return b.width > 0 && b.left < exit.right && b.right > exit.left && b.top < exit.bottom && b.bottom > exit.top;
      })
      .map((el) => el.textContent.trim());
  });
  assert.deepEqual(hits, [], `${where}: "Salida rápida" covers ${hits.join(', ')}`);
}

/**
 * With very large text the header is taller than the screen and the floating quick exit must
 * sit over something; then every control, once it has the keyboard focus, is clear of it.
 */
async function assertFocusClear(page, where, stops = 12) {
  await page.evaluate(() => { window.scrollTo(0, 0); document.activeElement?.blur(); });
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el.classList.contains('salida-rapida')) return null;
      const exit = document.querySelector('.salida-rapida').getBoundingClientRect();
      const b = el.getBoundingClientRect();
      const covered = b.left < exit.right && b.right > exit.left && b.top < exit.bottom && b.bottom > exit.top;
      return covered ? (el.textContent || el.id).trim() : null;
    });
    assert.equal(hit, null, `${where}: the focused "${hit}" is under "Salida rápida"`);
  }
}

for (const size of SIZES) {
  test(`screenshots at ${size.width}×${size.height}`, async () => {
    const context = await browser.newContext({ viewport: size });
    const page = await context.newPage();
    const t = curriculum().topics[1];
    const pages = [
      ['home', '/'],
      ['topic', `/tema/${t.id}`],
      ['lesson', `/tema/${t.id}/leccion/${t.lessons[1].id}`],
      ['quiz-intro', `/tema/${t.id}/evaluacion`],
      ['glossary', '/glosario'],
      ['help', '/ayuda'],
      ['privacy', '/privacidad'],
      ['search', '/buscar?q=economica'],
      ['not-found', '/tema/no-existe'],
    ];
    for (const [name, url] of pages) {
      await open(page, server.url + url);
      await page.locator('h1').first().waitFor();
      await assertNoOverflow(page, name);
      await assertExitClear(page, name);
      await shot(page, name);
    }
    await open(page, `${server.url}/tema/${t.id}/evaluacion`);
    await page.getByRole('button', { name: 'Comenzar' }).click();
    await page.locator('.opciones').waitFor();
    await shot(page, 'quiz-question');
    await answer(page, true);
    await assertNoOverflow(page, 'quiz feedback');
    await shot(page, 'quiz-feedback-correct');
    await next(page);
    await answer(page, false);
    await shot(page, 'quiz-feedback-incorrect');
    await context.close();

    // A whole attempt in a fresh browser profile: the result, then the history on the intro.
    const done = await browser.newContext({ viewport: size });
    const page2 = await done.newPage();
    await takeQuiz(page2, server.url, t.id, 4);
    await page2.locator('.marcador').waitFor();
    await assertNoOverflow(page2, 'result');
    await shot(page2, 'result');
    // On that profile: the quiz intro with its attempts table, and the home page at A++.
    await open(page2, `${server.url}/tema/${t.id}/evaluacion`);
    await page2.locator('table.historial').waitFor();
    await assertNoOverflow(page2, 'quiz intro with history');
    await shot(page2, 'quiz-history');
    await open(page2, server.url + '/');
    await page2.getByRole('button', { name: 'A++ (texto más grande)' }).click();
    await assertNoOverflow(page2, 'home at A++');
    await assertExitClear(page2, 'home at A++');
    await shot(page2, 'home-texto-mayor');
    await done.close();

    // Storage blocked: the banner.
    const blocked = await browser.newContext({ viewport: size });
    const bp = await blocked.newPage();
    await bp.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
    });
    await open(bp, server.url + '/');
    await bp.getByText('Su avance no se está guardando').waitFor();
    await assertNoOverflow(bp, 'storage banner');
    await shot(bp, 'storage-banner');
    await blocked.close();
  });
}

test('320 px wide with text at 200 %: nothing is cut and there is no horizontal scroll', async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const zoom = () => page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  const t = curriculum().topics[0];
  const urls = [
    ['home', '/'], ['topic', `/tema/${t.id}`], ['lesson', `/tema/${t.id}/leccion/${t.lessons[1].id}`],
    ['quiz intro', `/tema/${t.id}/evaluacion`], ['glossary', '/glosario'], ['help', '/ayuda'],
    ['search', '/buscar?q=economica'], ['privacy', '/privacidad'], ['not found', '/tema/no-existe'],
  ];
  for (const [name, url] of urls) {
    await open(page, server.url + url);
    await zoom();
    await assertNoOverflow(page, `${name} at 200 %`);
    await assertFocusClear(page, `${name} at 200 %`);
  }
  await page.screenshot({ path: path.join(SCREENS, 'zoom200-notfound-320.png'), fullPage: true });
  await open(page, `${server.url}/tema/${t.id}/evaluacion`);
  await zoom();
  await page.getByRole('button', { name: 'Comenzar' }).click();
  await page.locator('.opciones').waitFor();
  await assertNoOverflow(page, 'quiz question at 200 %');
  await page.screenshot({ path: path.join(SCREENS, 'zoom200-quiz-320.png'), fullPage: true });
  await answer(page, false);
  await assertNoOverflow(page, 'quiz feedback at 200 %');
  await context.close();
});

test('320 px wide with text at 200 %: result, attempts table, lesson at A++', async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const zoom = () => page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  const t = curriculum().topics[0];
  await takeQuiz(page, server.url, t.id, 3);
  await zoom();
  await assertNoOverflow(page, 'result at 200 %');
  await open(page, `${server.url}/tema/${t.id}/evaluacion`);
  await zoom();
  await page.locator('table.historial').waitFor();
  await assertNoOverflow(page, 'quiz history table at 200 %');
  // The app's own largest size on top of the browser's 200 %.
  await open(page, `${server.url}/tema/${t.id}/leccion/${t.lessons[1].id}`);
  await page.getByRole('button', { name: 'A++ (texto más grande)' }).click();
  await zoom();
  await assertNoOverflow(page, 'lesson at 200 % and A++');
  await page.screenshot({ path: path.join(SCREENS, 'zoom200-lesson-320.png'), fullPage: true });
  await context.close();
});
