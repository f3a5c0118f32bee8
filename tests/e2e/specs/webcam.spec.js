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

test('"Capturer" is offered only once the camera\'s picture plays: a click at once is never lost', async ({ page }) => {
  // The video's width at the very moment the button stops being disabled (a mutation observer runs before anything
  // else can): 0 would mean a click then has no frame to take.
  await page.addInitScript(() => {
    window.__widthWhenEnabled = [];
    new MutationObserver((records) => {
      for (const { target } of records) {
        if (target.id === 'photo' && target.tagName === 'BUTTON' && !target.disabled) {
          window.__widthWhenEnabled.push(document.querySelector('video')?.videoWidth ?? -1);
        }
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['disabled'] });
  });
  await reachPhotoStep(page, 'webcam-attente');
  await page.getByRole('button', { name: 'Prendre une photo' }).click();
  const capture = page.getByRole('button', { name: 'Capturer' });
  await capture.click();
  await expect(page.getByRole('application', { name: 'Cadrage de la photo' })).toBeVisible({ timeout: 10_000 });
  const widths = await page.evaluate(() => window.__widthWhenEnabled);
  expect(widths.length).toBeGreaterThan(0);
  expect(widths[0], 'the video had a picture when "Capturer" became clickable').toBeGreaterThan(0);
});
