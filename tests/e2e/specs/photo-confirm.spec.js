// Issue 12, point 1: the photo step as people use it. One confirmation ("Appliquer" puts the photo in use, then
// "Continuer"); "Continuer" while a photo is framed says what is left, never a false "Ajoute une photo"; each
// summary link moves focus to what it names; the chosen photo takes focus in its frame; the arrows move the photo
// their way, Shift in bigger steps; on a phone the help speaks of fingers, the controls are 44 px tall, and the
// handoff to a phone is not offered.
import { join } from 'node:path';
import { test, expect, checkPage } from '../fixtures.js';
import { next, expectStep } from '../journey.js';
import { reachPhotoStep, useThePhoto } from '../photo.js';

const PORTRAIT = join(import.meta.dirname, '..', 'fixtures', 'portrait.jpg');

/** The picture's offset in its frame, in % of the frame (the crop frame positions it with CSS properties). */
async function picturePosition(page) {
  return page.locator('.photo-crop__picture').evaluate((img) => ({ left: parseFloat(img.style.left), top: parseFloat(img.style.top) }));
}

test('one confirmation, true messages, focus where the summary says', async ({ page }) => {
  await reachPhotoStep(page, 'une-confirmation');
  const summary = page.locator('#error-summary');

  // Nothing chosen: the summary says so and its link leads to the file picker.
  await next(page);
  await expect(summary).toContainText('Ajoute une photo d\'identité pour ta carte.');
  await summary.getByRole('link').click();
  await expect(page.getByLabel('Choisir une photo')).toBeFocused();

  // A photo chosen: focus is in its frame at once.
  await page.getByLabel('Choisir une photo').setInputFiles(PORTRAIT);
  const frame = page.getByRole('application', { name: 'Cadrage de la photo' });
  await expect(frame).toBeFocused();

  // "Continuer" while framing: what is left, not "Ajoute une photo"; the link leads to "Appliquer".
  await next(page);
  await expect(summary).toContainText('Appuie sur « Appliquer » pour préparer ta photo avec ce cadrage.');
  await expect(page.getByText('Ajoute une photo d\'identité pour ta carte.')).toHaveCount(0);
  await summary.getByRole('link').click();
  await expect(page.getByRole('button', { name: 'Appliquer' })).toBeFocused();

  // The arrows move the photo their way, by a twentieth of the frame; Shift four times as far.
  await frame.focus();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  const before = await picturePosition(page);
  await page.keyboard.press('ArrowDown');
  const down = await picturePosition(page);
  expect(down.top - before.top, 'ArrowDown moves the photo down').toBeGreaterThan(3);
  await page.keyboard.press('Shift+ArrowUp');
  const up = await picturePosition(page);
  expect(down.top - up.top, 'Shift+ArrowUp moves it up, further').toBeGreaterThan(3.5 * (down.top - before.top));
  await page.keyboard.press('ArrowRight');
  expect((await picturePosition(page)).left - up.left, 'ArrowRight moves the photo right').toBeGreaterThan(3);

  // "Appliquer" is the only confirmation: the photo is in use, the error is gone, "Continuer" goes on.
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await useThePhoto(page);
  await expect(page.getByRole('img', { name: 'Ta photo telle qu\'elle sera imprimée sur la carte' })).toBeVisible();
  await expect(summary).toHaveCount(0);
  await expect(page.locator('#photo-error')).toHaveCount(0);
  await checkPage(page, 'photo-in-use');
  await next(page);
  await expectStep(page, 'envoi', 6, 7);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test('the help speaks of fingers, and every control is at least 44 px tall', async ({ page }) => {
    await reachPhotoStep(page, 'telephone-doigts');
    await expect(page.getByText(/Ctrl\+V|glisser-déposer/)).toHaveCount(0);
    const file = page.getByLabel('Choisir une photo');
    expect((await file.boundingBox()).height).toBeGreaterThanOrEqual(44);
    expect((await page.getByRole('button', { name: 'Prendre une photo' }).boundingBox()).height).toBeGreaterThanOrEqual(44);
    // The phone in hand has the camera: no "with my phone" detour.
    await expect(page.getByRole('button', { name: 'Prendre la photo avec mon téléphone' })).toHaveCount(0);

    await file.setInputFiles(PORTRAIT);
    await expect(page.getByRole('application', { name: 'Cadrage de la photo' })).toBeVisible();
    const help = page.locator('#photo-crop-help');
    await expect(help).toContainText('Fais glisser la photo avec le doigt');
    await expect(help).not.toContainText(/souris|molette|clavier/);
    expect((await page.getByRole('slider', { name: 'Zoom' }).boundingBox()).height).toBeGreaterThanOrEqual(44);
    await checkPage(page, 'photo-crop-phone');
  });
});
