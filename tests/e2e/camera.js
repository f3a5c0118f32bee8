// Chromium's fake camera for the specs that take a photo with a webcam or a phone.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs } from './playwright.config.js';
import { upscaleY4m } from './y4m.js';

const shared = join(import.meta.dirname, '..', '..', '..', 'shared', 'photos', 'webcam-face.y4m');

/**
 * Launch options whose camera films the face clip of ../shared, enlarged: at its own 640 × 480 a 7:9 crop cannot
 * reach the 413 × 531 pixels the photo rules ask for. Without ../shared, Chromium's own synthetic picture, which
 * follows the requested resolution. Use as `test.use({ launchOptions: fakeCamera() })`.
 */
export function fakeCamera() {
  const args = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
  if (existsSync(shared)) {
    const clip = join(mkdtempSync(join(tmpdir(), 'passregion-cam-')), 'face-1280.y4m');
    upscaleY4m(shared, clip, 2);
    args.push(`--use-file-for-fake-video-capture=${clip}`);
  }
  return { executablePath: '/usr/bin/chromium', args: [...chromiumArgs, ...args] };
}
