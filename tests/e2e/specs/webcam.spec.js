// The webcam path with Chromium's fake camera: capture, crop, submit; the camera is off after capture and when the
// person leaves the step.
import { fakeCamera } from '../camera.js';
import { test, expect, checkPage } from '../fixtures.js';
import { next, expectStep } from '../journey.js';
import { reachPhotoStep, useThePhoto } from '../photo.js';

/** Records every camera track the page obtains, so a test can check they are all stopped. */
const watchCameraTracks = (page) => page.addInitScript(() => {
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  window.__tracks = [];
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    window.__tracks.push(...stream.getTracks());
    return stream;
  };
});
const liveTracks = (page) => page.evaluate(() => window.__tracks.filter((t) => t.readyState === 'live').length);

test.use({ launchOptions: fakeCamera() });

test('capture, crop and submit; the camera is switched off afterwards', async ({ page }) => {
  await watchCameraTracks(page);
  await reachPhotoStep(page, 'webcam');
  await page.getByRole('button', { name: 'Prendre une photo' }).click();
  await expect(page.getByLabel('Image de la caméra')).toBeVisible();
  await expect.poll(() => liveTracks(page)).toBe(1);
  await checkPage(page, 'photo-webcam');
  await page.getByRole('button', { name: 'Capturer' }).click();
  await expect.poll(() => liveTracks(page)).toBe(0);
  await expect(page.getByRole('application', { name: 'Cadrage de la photo' })).toBeVisible();
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await useThePhoto(page);
  await next(page);
  await next(page);
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande enregistrée');
});

test('leaving the step switches the camera off', async ({ page }) => {
  await watchCameraTracks(page);
  await reachPhotoStep(page, 'webcam-quitte');
  await page.getByRole('button', { name: 'Prendre une photo' }).click();
  await expect(page.getByLabel('Image de la caméra')).toBeVisible();
  await page.getByRole('link', { name: 'Retour', exact: true }).click();
  await expectStep(page, 'etablissement', 4, 7);
  await expect.poll(() => liveTracks(page)).toBe(0);
});
