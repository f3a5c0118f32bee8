// End-to-end tests: Debian's Chromium (never a downloaded browser) against the release build of the app served by
// the reference API server, started here on a free port with a fresh data directory and the dev outbox.
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const port = Number(process.env.E2E_PORT || 8093);
const baseURL = `http://127.0.0.1:${port}`;
const root = resolve(import.meta.dirname, '../..');
const server = process.env.PASSREGION_SERVER_BIN || join(root, 'target/debug/passregion-api');
const dist = process.env.PASSREGION_DIST || join(root, 'dist');
const dataDir = mkdtempSync(join(tmpdir(), 'passregion-e2e-'));
// The suite applies and resends far more from one address than a person would: the main server's limits are
// raised; a second server keeps tight ones so the "try again in N minutes" path is tested for real.
const generous = ['application_ip', 'application_email', 'resend_email', 'resend_ip'].map((l) => `--limit ${l}=10000/3600`).join(' ');
export const limitedPort = port + 1;
export const limitedURL = `http://127.0.0.1:${limitedPort}`;
const limitedDataDir = mkdtempSync(join(tmpdir(), 'passregion-e2e-limited-'));
// The beneficiary space's idle timeout, shortened so the warning and the expiry are tested for real; the phone
// handoff's 10 minutes likewise, on the same server.
export const idlePort = port + 2;
export const idleURL = `http://127.0.0.1:${idlePort}`;
const idleDataDir = mkdtempSync(join(tmpdir(), 'passregion-e2e-idle-'));

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  // One retry in CI only: a red run lands nothing, and a test that passes on retry is still reported as flaky in
  // the output, to be looked at. Locally a failure fails at once.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'fr-FR',
    // Where the people who apply are: the dates and times the app shows come out the same whatever the host's zone.
    timezoneId: 'Europe/Paris',
    headless: true,
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
  ],
  webServer: [
    {
      command: `"${server}" --addr 127.0.0.1:${port} --dist "${dist}" --data-dir "${dataDir}" --dev --today 2026-10-01 --public-url ${baseURL} ${generous}`,
      url: `${baseURL}/api/v1/campaign`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `"${server}" --addr 127.0.0.1:${limitedPort} --dist "${dist}" --data-dir "${limitedDataDir}" --dev --today 2026-10-01 --public-url ${limitedURL} --limit resend_email=1/3600 --limit application_email=1/3600`,
      url: `${limitedURL}/api/v1/campaign`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `"${server}" --addr 127.0.0.1:${idlePort} --dist "${dist}" --data-dir "${idleDataDir}" --dev --today 2026-10-01 --public-url ${idleURL} --session-idle 20 --handoff-ttl 3`,
      url: `${idleURL}/api/v1/campaign`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
