// Modo discreto: off by default; once turned on (privacy page) five in-app navigations keep one
// history entry, the tab title and icon say nothing of the course (also after a reload), and Esc
// pressed three times lands on the neutral page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, serve, watch, open, ready, curriculum, screenshot } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const historyLength = (page) => page.evaluate(() => history.length);
const icon = (page) => page.locator('link[rel=icon]').getAttribute('href');
const COURSE_WORDS = /Jornada|Tema|Violencia|Alerta|Orden|Repaso|Privacidad|Glosario|IMM/i;

/** Five in-app navigations through links, checking the tab after each one. */
async function fiveNavigations(page, check) {
  const t = curriculum().topics[0];
  const steps = [
    () => page.locator('nav[aria-label="Principal"]').getByRole('link', { name: 'Temas' }).click(),
    () => page.getByRole('link', { name: t.short_title, exact: true }).first().click(),
    () => page.getByRole('link', { name: new RegExp(t.lessons[0].title) }).first().click(),
    () => page.locator('nav[aria-label="Principal"]').getByRole('link', { name: 'Glosario' }).click(),
    () => page.locator('nav[aria-label="Principal"]').getByRole('link', { name: 'Repaso' }).click(),
  ];
  const urls = [];
  for (const step of steps) {
    const before = page.url();
    await step();
    await page.waitForURL((u) => u.toString() !== before);
    await page.locator('h1').first().waitFor();
    urls.push(new URL(page.url()).pathname);
    await check?.();
  }
  return urls;
}

test('discreet mode: one history entry over five navigations, neutral tab, Esc x3 exits', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  const w = watch(page);

  // Off by default: each navigation adds an entry and the title names the page.
  await open(page, server.url + '/privacidad');
  // A new tab starts with its blank page in the history, hence the starting count.
  const start = await historyLength(page);
  const box = page.getByRole('checkbox', { name: 'Usar el modo discreto en este equipo' });
  assert.equal(await box.isChecked(), false);
  assert.match(await page.title(), /Privacidad · Jornada/);
  await fiveNavigations(page);
  assert.equal(await historyLength(page), start + 5, 'without the mode every navigation is an entry');

  // On: a fresh tab, the switch on the privacy page.
  const tab = await ctx.newPage();
  await open(tab, server.url + '/privacidad');
  const entries = await historyLength(tab);
  const { violations } = await new AxeBuilder({ page: tab }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  assert.deepEqual(violations.map((v) => v.id), []);
  await tab.getByRole('checkbox', { name: 'Usar el modo discreto en este equipo' }).check();
  assert.equal(await tab.title(), 'Notas');
  assert.equal(await icon(tab), '/icons/neutro.svg');
  await screenshot(tab, 'discreet-privacy-360');
  const titles = [];
  const urls = await fiveNavigations(tab, async () => {
    titles.push(await tab.title());
    assert.equal(await icon(tab), '/icons/neutro.svg');
  });
  assert.equal(new Set(urls).size, 5, `five different pages: ${urls}`);
  assert.deepEqual(titles, Array(5).fill('Notas'));
  assert.equal(await historyLength(tab), entries, 'five navigations, no new entry: Atrás leaves Jornada');
  // Remembered on this device: a reload keeps the neutral tab.
  await tab.reload();
  await ready(tab);
  assert.equal(await tab.title(), 'Notas');
  assert.doesNotMatch(await tab.title(), COURSE_WORDS);

  // Esc three times: the neutral page, still one entry.
  await tab.locator('h1').first().click();
  for (let i = 0; i < 3; i++) await tab.keyboard.press('Escape');
  await tab.waitForURL(/\/salida\.html$/);
  assert.equal(await tab.title(), 'Recetas de la semana');
  assert.equal(await historyLength(tab), entries, 'the exit replaced the entry');

  // Turning it off brings the page's own title back.
  await open(tab, server.url + '/privacidad');
  await tab.getByRole('checkbox', { name: 'Usar el modo discreto en este equipo' }).uncheck();
  assert.match(await tab.title(), /Privacidad · Jornada/);
  assert.equal(await icon(tab), '/icons/icono-192.png');
  assert.deepEqual(w.errors, []);
  await ctx.close();
});
