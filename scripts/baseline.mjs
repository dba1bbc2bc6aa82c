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
// Use alone: node scripts/baseline.mjs [outDir=target/bench-baseline]

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

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { curriculum } = await import('../e2e/lib.mjs');
  const out = path.resolve(process.argv[2] || path.join(ROOT, 'target', 'bench-baseline'));
  const dist = path.join(ROOT, 'dist');
  const css = fs.readdirSync(dist).find((f) => f.endsWith('.css'));
  const r = buildBaseline(out, curriculum(), path.join(dist, css));
  console.log(`${r.pages} pages in ${r.dir}`);
}
