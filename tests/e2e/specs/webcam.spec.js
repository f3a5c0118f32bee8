// The webcam path with Chromium's fake camera: capture, crop, submit; the camera is off after capture and when the
// person leaves the step.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, checkPage } from '../fixtures.js';
import { chromiumArgs } from '../playwright.config.js';
import { next, expectStep } from '../journey.js';
import { reachPhotoStep, useThePhoto } from '../photo.js';
import { upscaleY4m } from '../y4m.js';

const shared = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'photos', 'webcam-face.y4m');
const fake = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
// The face clip, enlarged: at its own 640 × 480 a 7:9 crop cannot reach the 413 × 531 pixels the photo rules ask
// for. Without ../shared, Chromium's own synthetic camera picture, which follows the requested resolution.
if (existsSync(shared)) {
  const clip = join(mkdtempSync(join(tmpdir(), 'passregion-cam-')), 'face-1280.y4m');
  upscaleY4m(shared, clip, 2);
  fake.push(`--use-file-for-fake-video-capture=${clip}`);
}
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

test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: [...chromiumArgs, ...fake] } });

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
