// Writes what a release stores for a trainee in the middle of the course, by using it as she
// would: run from a checkout of that release, after `trunk build --release`.
//   node e2e/make-fixture.mjs OUT.json
// The trainee: named profile; every modelo lesson read; modelo passed with one mistake; avgm
// failed with four mistakes; ordenes in progress with three answers (the first one wrong).
import fs from 'node:fs';
import { launch, serve, open, curriculum, answer, next } from './lib.mjs';

const out = process.argv[2];
const server = await serve();
const browser = await launch();
const ctx = await browser.newContext();
const page = await ctx.newPage();
try {
  await open(page, `${server.url}/perfil`);
  await page.locator('#nuevo-nombre').fill('Rosa Elena Vázquez');
  await page.locator('#nuevo-municipio').selectOption({ label: 'San Miguel de Allende' });
  await page.locator('#nuevo-cargo').fill('Psicóloga');
  await page.getByRole('button', { name: 'Crear perfil' }).click();
  await page.waitForTimeout(300);

  const modelo = curriculum().topics.find((t) => t.id === 'modelo');
  for (const l of modelo.lessons) {
    await open(page, `${server.url}/tema/modelo/leccion/${l.id}`);
    const mark = page.getByRole('button', { name: 'Marcar como leída' });
    if (await mark.count()) await mark.click();
    await page.waitForTimeout(200);
  }

  async function quiz(topicId, wrongAt, stopAfter) {
    await open(page, `${server.url}/tema/${topicId}/evaluacion`);
    await page.getByRole('button', { name: 'Comenzar' }).click();
    const total = curriculum().topics.find((t) => t.id === topicId).quiz_size;
    for (let i = 0; i < (stopAfter ?? total); i++) {
      await answer(page, !wrongAt.includes(i));
      if (stopAfter !== undefined && i === stopAfter - 1) break;
      await next(page);
    }
  }
  await quiz('modelo', [3]);
  await page.getByText('Aprobado', { exact: true }).waitFor();
  await quiz('avgm', [0, 2, 5, 7]);
  await page.getByText('No aprobado', { exact: true }).waitFor();
  await quiz('ordenes', [0], 3);
  await page.waitForTimeout(300);

  const stored = await page.evaluate(() => localStorage.getItem('jornada.progress'));
  fs.writeFileSync(out, stored);
  console.log(`wrote ${out} (${stored.length} bytes)`);
} finally {
  await browser.close();
  await server.close();
}
