// The benchmark's floor: the same curriculum as plain static HTML pages, no JavaScript.
//
// buildBaseline(outDir, curriculum, cssPath) writes
//   index.html                          home: title, subtitle, the five topics with their lessons
//   tema/<topic>/leccion/<lesson>.html  one page per lesson: the sanitized html of the export
//   <same css file name as dist/>       the app's own stylesheet, byte for byte
//   icons/icono-192.png                 the same favicon the app links (so both make that request)
// with the app's markup classes (cabecera, pagina, lista-temas, texto-leccion…) so the CSS styles
// both alike. Lesson pages end in .html so e2e/server.mjs serves them as files (paths ending in /
// under /tema/ would fall back to index.html, the app-shell rule).
//
// buildBaselineSw(outDir, cur, cssPath) writes the same site plus the least a page needs to be
// served offline by a service worker (the floor of any offline reload; no app code, no wasm):
//   every page above, byte for byte, with one inline registration script before </body>
//   sw.js   install: precache every page, the CSS and the icon (cache.addAll), skipWaiting;
//           activate: clients.claim(); fetch: Cache Storage first (ignoring search), else network
//
// Use alone: node scripts/baseline.mjs [outDir=target/bench-baseline] [--sw]

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
export const lessonPath = (t, l) => `/tema/${t}/leccion/${l}.html`;

function page({ title, css, body }) {
  return `<!doctype html><html lang="es-MX"><head><meta charset="utf-8">`
    + `<meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${esc(title)} · Jornada</title>`
    + `<link rel="icon" type="image/png" href="/icons/icono-192.png">`
    + `<link rel="stylesheet" href="/${css}"></head><body>`
    + `<a class="saltar" href="#contenido">Saltar al contenido</a>`
    + `<header class="cabecera"><div class="cabecera-interior"><a class="marca" href="/">`
    + `<span class="marca-nombre">Jornada</span><span class="marca-sub">Autoestudio IMM Guanajuato</span></a>`
    + `<nav aria-label="Principal"><ul class="nav"><li><a href="/">Temas</a></li></ul></nav></div></header>`
    + `<main id="contenido" tabindex="-1">${body}</main>`
    + `<footer class="pie"><p class="pie-nota">Material de autoestudio. No sustituye la capacitación oficial.</p></footer>`
    + `</body></html>`;
}

/** Writes the plain-HTML site; returns { dir, pages, firstLesson } (firstLesson: a URL path). */
export function buildBaseline(outDir, cur, cssPath) {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(outDir, 'icons'), { recursive: true });
  const css = path.basename(cssPath);
  fs.copyFileSync(cssPath, path.join(outDir, css));
  const icon = path.join(ROOT, 'public', 'icons', 'icono-192.png');
  if (fs.existsSync(icon)) fs.copyFileSync(icon, path.join(outDir, 'icons', 'icono-192.png'));

  const topics = cur.topics.map((t) => `<li class="tarjeta-tema"><p class="sesion">Sesión ${esc(t.session)}</p>`
    + `<h3>${esc(t.short_title)}</h3><p class="resumen">${esc(t.summary)}</p>`
    + `<ol>${t.lessons.map((l) => `<li><a href="${lessonPath(t.id, l.id)}">${esc(l.title)}</a></li>`).join('')}</ol>`
    + `<p class="duracion">${esc(t.minutes)} min aprox.</p></li>`).join('');
  fs.writeFileSync(path.join(outDir, 'index.html'), page({
    title: 'Inicio', css,
    body: `<div class="pagina inicio"><h1>${esc(cur.title)}</h1><p class="subtitulo">${esc(cur.subtitle)}</p>`
      + `<section aria-labelledby="temas-titulo"><h2 id="temas-titulo">Temas de la Jornada</h2>`
      + `<ol class="lista-temas">${topics}</ol></section></div>`,
  }));

  let pages = 1;
  for (const t of cur.topics) {
    fs.mkdirSync(path.join(outDir, 'tema', t.id, 'leccion'), { recursive: true });
    t.lessons.forEach((l, i) => {
      const prev = t.lessons[i - 1];
      const next = t.lessons[i + 1];
      const body = `<article class="pagina leccion"><nav aria-label="Ruta" class="migas"><a href="/">Temas</a> › `
        + `${esc(t.short_title)} › <span aria-current="page">${esc(l.title)}</span></nav>`
        + `<h1>${esc(l.title)}</h1><p class="sesion">Lección ${i + 1} de ${t.lessons.length} · ${esc(l.minutes)} min</p>`
        + `<div class="texto-leccion">${l.html}</div><nav class="paginacion" aria-label="Lecciones">`
        + (prev ? `<a href="${lessonPath(t.id, prev.id)}">← ${esc(prev.title)}</a> ` : '')
        + (next ? `<a href="${lessonPath(t.id, next.id)}">${esc(next.title)} →</a>` : '')
        + `</nav></article>`;
      fs.writeFileSync(path.join(outDir, lessonPath(t.id, l.id)), page({ title: l.title, css, body }));
      pages++;
    });
  }
  const t0 = cur.topics[0];
  return { dir: outDir, pages, firstLesson: lessonPath(t0.id, t0.lessons[0].id) };
}

// The smallest registration there is: no CSP on this site, so inline; at the end of body, as the
// app registers after its first paint.
const SW_REGISTER = `<script>navigator.serviceWorker&&navigator.serviceWorker.register('/sw.js')</script>`;

const swScript = (urls) => `// The floor of an offline reload: precache the whole site, answer from the cache.
const URLS = ${JSON.stringify(urls)};
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open('floor-v1').then((c) => c.addAll(URLS)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  e.respondWith(caches.match(e.request, { ignoreSearch: true }).then((r) => r || fetch(e.request)));
});
`;

/** The URL path of every file under `dir` (index.html as `/`), sorted. */
function sitePaths(dir, at = '') {
  return fs.readdirSync(path.join(dir, at), { withFileTypes: true }).flatMap((d) => {
    const rel = `${at}/${d.name}`;
    return d.isDirectory() ? sitePaths(dir, rel) : [rel === '/index.html' ? '/' : rel];
  }).sort();
}

/** The baseline plus a minimal service worker (see the top of this file); returns buildBaseline's result. */
export function buildBaselineSw(outDir, cur, cssPath) {
  const r = buildBaseline(outDir, cur, cssPath);
  const urls = sitePaths(outDir);
  for (const u of urls.filter((u) => u === '/' || u.endsWith('.html'))) {
    const file = path.join(outDir, u === '/' ? 'index.html' : u);
    const html = fs.readFileSync(file, 'utf8');
    if (!html.endsWith('</body></html>')) throw new Error(`${file}: no </body></html> to register the service worker before`);
    fs.writeFileSync(file, `${html.slice(0, -'</body></html>'.length)}${SW_REGISTER}</body></html>`);
  }
  fs.writeFileSync(path.join(outDir, 'sw.js'), swScript(urls));
  return r;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { curriculum } = await import('../e2e/lib.mjs');
  const args = process.argv.slice(2);
  const sw = args.includes('--sw');
  const outArg = args.find((a) => a !== '--sw');
  const out = path.resolve(outArg || path.join(ROOT, 'target', sw ? 'bench-baseline-sw' : 'bench-baseline'));
  const dist = path.join(ROOT, 'dist');
  const css = fs.readdirSync(dist).find((f) => f.endsWith('.css'));
  const r = (sw ? buildBaselineSw : buildBaseline)(out, curriculum(), path.join(dist, css));
  console.log(`${r.pages} pages in ${r.dir}${sw ? ' with sw.js' : ''}`);
}
