// Keyboard only: a whole quiz with Tab, Shift+Tab, arrows, Space and Enter (no mouse), focus
// always visible, focus on the feedback after "Responder" with the verdict announced; the quick
// exit (Esc three times, or the button) leaves without a way back; the text-size control; print.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve, watch, open, curriculum, questionOnScreen } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** What has the focus: tag, id, type, value, text, and whether its focus is visibly drawn. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body' };
    const cs = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      type: el.getAttribute('type') || '',
      value: el.value ?? '',
      name: el.getAttribute('name') || '',
      text: (el.innerText || el.getAttribute('aria-label') || '').trim(),
      focusVisible: el.matches(':focus-visible'),
      outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 ? `${cs.outlineWidth} ${cs.outlineStyle} ${cs.outlineColor}` : '',
    };
  });
}

/** Presses `key` (Tab or Shift+Tab) until `pred(focused)` holds; every stop must show its focus. */
async function tabTo(page, pred, { key = 'Tab', max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (f.tag !== 'body') {
      assert.ok(f.focusVisible && f.outline, `focus not visible on ${JSON.stringify(f)}`);
    }
    if (pred(f)) return f;
  }
  throw new Error(`never reached the element with ${key}`);
}

/** Chooses the answer with the keyboard: arrows in a radio group, Space on checkboxes. */
async function chooseWithKeys(page, q, right) {
  const wanted = right ? q.options.filter((o) => o.correct).map((o) => o.id) : [q.options.find((o) => !o.correct).id];
  const first = await tabTo(page, (f) => f.tag === 'input');
  if (first.type === 'radio') {
    // Arrow keys move the focus and the selection within the group.
    let f = first;
    for (let i = 0; i < q.options.length && f.value !== wanted[0]; i++) {
      await page.keyboard.press('ArrowDown');
      f = await focused(page);
    }
    assert.equal(f.value, wanted[0]);
    if (!(await page.evaluate(() => document.activeElement.checked))) await page.keyboard.press('Space');
  } else {
    // Checkboxes: one Tab stop each; Space toggles.
    let f = first;
    for (let i = 0; i < q.options.length; i++) {
      if (wanted.includes(f.value)) await page.keyboard.press('Space');
      if (i + 1 < q.options.length) {
        await page.keyboard.press('Tab');
        f = await focused(page);
        assert.equal(f.type, 'checkbox');
      }
    }
  }
  const checked = await page.$$eval('.opciones input:checked', (els) => els.map((e) => e.value));
  assert.deepEqual(checked.sort(), [...wanted].sort());
}

test('a whole quiz with the keyboard only, focus visible, feedback focused and announced', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const w = watch(page);
  const topic = curriculum().topics[2];
  await open(page, `${server.url}/tema/${topic.id}/evaluacion`);

  // The first stops: skip link, then the quick exit.
  let f = await tabTo(page, () => true);
  assert.equal(f.text, 'Saltar al contenido');
  f = await tabTo(page, () => true);
  assert.equal(f.text, 'Salida rápida');

  await tabTo(page, (x) => x.tag === 'button' && x.text === 'Comenzar');
  await page.keyboard.press('Enter');
  await page.locator('.opciones').waitFor();

  const total = topic.quiz_size;
  for (let i = 0; i < total; i++) {
    const q = await questionOnScreen(page);
    const right = i % 3 !== 2;
    await chooseWithKeys(page, q, right);
    await tabTo(page, (x) => x.tag === 'button' && x.text === 'Responder');
    if (i === 0) {
      // Shift+Tab goes back to the options, Tab returns to the button.
      f = await tabTo(page, (x) => x.tag === 'input', { key: 'Shift+Tab' });
      await tabTo(page, (x) => x.tag === 'button' && x.text === 'Responder');
    }
    await page.keyboard.press(i % 2 ? 'Space' : 'Enter');
    await page.locator('.veredicto').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'retro');
    f = await focused(page);
    assert.ok(f.outline, 'the focused feedback shows its focus');
    const live = await page.locator('#retro').evaluate((el) => ({ live: el.getAttribute('aria-live'), text: el.innerText }));
    assert.equal(live.live, 'polite');
    assert.match(live.text, right ? /Correcto/ : /Incorrecto/);
    const last = i + 1 === total;
    await tabTo(page, (x) => x.tag === 'button' && /Siguiente pregunta|Ver mi resultado/.test(x.text));
    await page.keyboard.press('Enter');
    if (last) {
      await page.waitForURL(/\/evaluacion\/[0-9a-f]+$/);
    } else {
      await page.locator('.opciones input:not([disabled])').first().waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'pregunta-titulo');
    }
  }
  await page.getByRole('heading', { level: 1, name: `Resultado: ${topic.short_title}` }).waitFor();
  const correct = [...Array(total).keys()].filter((i) => i % 3 !== 2).length;
  await page.getByText(`${correct} de ${total} respuestas correctas`).waitFor();
  // The result page can be left with the keyboard too.
  await tabTo(page, (x) => x.tag === 'a' && x.text === 'Volver al tema');
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/tema/${topic.id}`);
  assert.deepEqual(w.errors, []);
  await context.close();
});

test('Esc three times leaves for the neutral page; Back does not return to the lesson', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const topic = curriculum().topics[0];
  const lesson = `${server.url}/tema/${topic.id}/leccion/${topic.lessons[0].id}`;
  await open(page, lesson);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
  await page.waitForURL('**/salida.html');
  assert.equal(await page.title(), 'Recetas de la semana');
  await page.goBack();
  assert.notEqual(page.url(), lesson);
  assert.doesNotMatch(page.url(), /\/tema\//);
  await context.close();
});

test('two Esc presses do nothing; presses far apart do not add up', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await open(page, server.url + '/glosario');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(1700);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  assert.match(page.url(), /\/glosario$/);
  await context.close();
});

test('the "Salida rápida" link (Enter on it) leaves the same way', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const url = `${server.url}/ayuda`;
  await open(page, url);
  await tabTo(page, (x) => x.text === 'Salida rápida');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/salida.html');
  await page.goBack();
  assert.notEqual(page.url(), url);
  await context.close();

  const ctx2 = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const p2 = await ctx2.newPage();
  await open(p2, url);
  await p2.getByRole('link', { name: 'Salida rápida' }).click();
  await p2.waitForURL('**/salida.html');
  await p2.goBack();
  assert.notEqual(p2.url(), url);
  await ctx2.close();
});

test('the text-size control: one group, toggle buttons, the choice survives a reload', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const w = watch(page);
  await open(page, server.url + '/');
  const group = page.getByRole('group', { name: 'Tamaño del texto' });
  await group.waitFor();
  const base = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await tabTo(page, (x) => x.text.startsWith('A++'));
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('html', 'class'), 'texto-mayor');
  assert.equal(await group.getByRole('button', { name: 'A++ (texto más grande)' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await group.getByRole('button', { name: 'A (texto normal)', exact: true }).getAttribute('aria-pressed'), 'false');
  const big = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.ok(big > base * 1.3, `${big} > ${base} * 1.3`);
  assert.equal(await page.evaluate(() => localStorage.getItem('jornada.prefs.texto')), 'mayor');

  await page.reload();
  await page.waitForSelector('body[data-app-ready="1"] main');
  assert.equal(await page.getAttribute('html', 'class'), 'texto-mayor');
  assert.equal(await page.getByRole('button', { name: 'A++ (texto más grande)' }).getAttribute('aria-pressed'), 'true');

  await page.getByRole('button', { name: 'A+ (texto grande)' }).click();
  assert.equal(await page.getAttribute('html', 'class'), 'texto-grande');
  await page.goto(server.url + '/glosario');
  await page.waitForSelector('body[data-app-ready="1"] main');
  assert.equal(await page.getAttribute('html', 'class'), 'texto-grande');
  await page.getByRole('button', { name: 'A (texto normal)', exact: true }).click();
  assert.equal(await page.getAttribute('html', 'class'), '');
  assert.equal(await page.evaluate(() => localStorage.getItem('jornada.prefs.texto')), 'normal');
  // Only jornada.* keys are ever written.
  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.deepEqual(keys.filter((k) => !k.startsWith('jornada.')), []);
  assert.deepEqual(w.errors, []);
  await context.close();
});

test('the text-size control works (without remembering) when storage is blocked', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const w = watch(page);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  await open(page, server.url + '/');
  await page.getByText('Su avance no se está guardando').waitFor();
  await page.getByRole('button', { name: 'A+ (texto grande)' }).click();
  assert.equal(await page.getAttribute('html', 'class'), 'texto-grande');
  assert.deepEqual(w.errors, []);
  await context.close();
});

test('a printed lesson hides header, navigation, quick exit, banners and buttons', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const topic = curriculum().topics[1];
  await open(page, `${server.url}/tema/${topic.id}/leccion/${topic.lessons[0].id}`);
  await page.getByRole('button', { name: 'Marcar como leída' }).first().waitFor();
  await page.getByRole('button', { name: 'A++ (texto más grande)' }).click();
  await page.emulateMedia({ media: 'print' });
  const hidden = await page.evaluate(() => {
    const sel = ['.cabecera', 'nav', '.salida-rapida', '.tam-texto', '.pie', '.avisos', '.paginacion', '.saltar', 'button'];
    return sel.flatMap((s) => [...document.querySelectorAll(s)].map((el) => {
      // Hidden itself or inside a hidden ancestor.
      let e = el;
      while (e && e !== document.body) { if (getComputedStyle(e).display === 'none') return null; e = e.parentElement; }
      return s;
    })).filter(Boolean);
  });
  assert.deepEqual(hidden, []);
  assert.equal(await page.locator('.texto-leccion').isVisible(), true);
  assert.equal(await page.locator('h1').isVisible(), true);
  // Printed at the normal size whatever the screen size chosen.
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '16px');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10000);
  await context.close();
});
