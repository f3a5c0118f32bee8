// Issue 12, point 7: the details people tripped on — the dossier number on a small phone, streams named by their
// level, photo sizes in words, a line for parents, and "Modifier" in one place on the review.
import { test, expect, checkPage } from '../fixtures.js';
import { STUDENT, reachReview, start, acceptCharter, fillIdentity, fillContact, next, expectStep, appMounted } from '../journey.js';
import { reachPhotoStep } from '../photo.js';

const unique = (tag) => ({ ...STUDENT, email: `${tag}.${Date.now()}@example.fr` });

test('the dossier number stays on one line at 320 px, never split inside a pair', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await reachReview(page, unique('etroit'));
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande enregistrée');
  const number = page.locator('#dossier-number');
  await expect(number).toHaveText(/^\d\d \d\d \d\d \d\d \d\d$/);
  const layout = await number.evaluate((p) => {
    const pairs = [...p.querySelectorAll('.dossier-number__pair')].map((s) => s.getClientRects().length);
    const tops = new Set([...p.querySelectorAll('.dossier-number__pair')].map((s) => Math.round(s.getBoundingClientRect().top)));
    return { pairs, lines: tops.size, overflow: p.scrollWidth > p.clientWidth, page: document.documentElement.scrollWidth };
  });
  expect(layout.pairs).toEqual([1, 1, 1, 1, 1]); // each pair drawn in one piece
  expect(layout.lines).toBe(1);
  expect(layout.overflow).toBe(false);
  expect(layout.page).toBeLessThanOrEqual(320);
});

test('streams are grouped and named by level in plain French, in the list and in the search', async ({ page }) => {
  await start(page);
  await acceptCharter(page);
  await fillIdentity(page, unique('filiere'));
  await next(page);
  await fillContact(page);
  await next(page);
  await expectStep(page, 'etablissement', 4, 7);
  await page.getByRole('combobox', { name: /Établissement/ }).fill(STUDENT.schoolQuery);
  await page.getByRole('option', { name: new RegExp(STUDENT.schoolName) }).click();

  const select = page.getByLabel('Filière', { exact: true });
  const groups = await select.evaluate((s) => [...s.querySelectorAll('optgroup')].map((g) => g.label));
  expect(groups).toEqual(['Seconde générale et technologique', 'Première', 'Terminale', 'BTS', 'Autres formations']);
  // The level in the option itself: a phone's closed select shows the option alone.
  await expect(select.locator('option', { hasText: 'Comptabilité et gestion (BTS)' })).toHaveCount(1);

  await page.getByText('Trouve ta filière').click();
  await page.getByLabel('Nom de la filière').fill('gestion');
  const results = page.locator('.find-stream__results');
  await expect(results.getByRole('heading', { level: 3 })).toHaveText(['Première', 'Terminale', 'BTS', 'Autres formations']);
  await expect(results).not.toContainText(/\((bts|autre|terminale|bac-pro|2nde|1re|cap)\)/);
  await checkPage(page, 'streams-by-level');
  await results.getByRole('button', { name: 'Choisir : Comptabilité et gestion (BTS)' }).click();
  await expect(select.locator('option:checked')).toHaveText('Comptabilité et gestion (BTS)');
});

test('a photo too small says which side is short, in pixels a person can check', async ({ page }) => {
  await reachPhotoStep(page, 'petite');
  // A 512 × 512 PNG drawn by the browser: wide enough, not tall enough.
  const png = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(512, 512);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#8aa'; ctx.fillRect(0, 0, 512, 512);
    ctx.fillStyle = '#d9b38c'; ctx.beginPath(); ctx.ellipse(256, 220, 110, 140, 0, 0, 7); ctx.fill();
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return [...new Uint8Array(await blob.arrayBuffer())];
  });
  await page.getByLabel('Choisir une photo').setInputFiles({ name: 'carre.png', mimeType: 'image/png', buffer: Buffer.from(png) });
  const message = page.getByText(/Ta photo fait 512 pixels de haut ; il en faut au moins 531/);
  await expect(message).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('main')).not.toContainText('413 × 531');
  await checkPage(page, 'photo-too-small');
});

test('the start page tells parents they may fill it in for their child', async ({ page }) => {
  await page.goto('/');
  await appMounted(page);
  await expect(page.locator('#main').getByText(/Vous remplissez la demande pour votre enfant \? C'est possible/)).toBeVisible();
  await checkPage(page, 'start-parents');
});

test('"Modifier" sits in the same place on every review section', async ({ page }) => {
  await reachReview(page, unique('modifier'));
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    const places = await page.locator('.review-group').evaluateAll((sections) =>
      sections
        .filter((s) => s.querySelector('.review-group__head a'))
        .map((s) => {
          const box = s.getBoundingClientRect();
          const edit = s.querySelector('.review-group__head a').getBoundingClientRect();
          return { right: Math.round(box.right - edit.right), top: Math.round(edit.top - box.top), height: Math.round(edit.height) };
        }),
    );
    expect(places.length).toBe(6); // charter, identity, contact, school, photo, delivery
    for (const p of places) expect(p).toEqual(places[0]);
    expect(places[0].height).toBeGreaterThanOrEqual(44);
  }
  await checkPage(page, 'review-edit-links');
});
