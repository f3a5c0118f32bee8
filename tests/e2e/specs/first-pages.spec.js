// `/` in a tab without a draft runs the start page's own bundle (src/start_bundle.rs), about 114 KB gzip against the
// application's 278 KB; while the page is read, at idle, the application's files come into the cache, so that
// "Commencer" opens the charter from there. With a draft, `/` offers to resume, which takes the journey's rules: the
// application runs (build-tools/app-wasm.mjs chooses).
import { test, expect } from '../fixtures.js';
import { acceptCharter, appMounted, expectStep, start } from '../journey.js';

/** The page's resource entries for the start page's and the application's wasm: start time, bytes on the wire. */
function wasmEntries(page) {
  return page.evaluate(() => {
    const pick = (re) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => re.test(new URL(e.name).pathname))
        .map((e) => ({ start: e.startTime, transfer: e.transferSize, body: e.decodedBodySize }));
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      start: pick(/^\/passregion-start-[0-9a-f]+_bg\.wasm$/),
      app: pick(/^\/passregion-app-[0-9a-f]+_bg\.wasm$/),
      loaded: nav.loadEventEnd,
    };
  });
}

/** Resolves after the idle callbacks queued so far (the prefetch's is queued at `load`) have run. */
function afterIdle(page) {
  return page.evaluate(
    () =>
      new Promise((done) => {
        const idle = () => requestIdleCallback(() => setTimeout(done, 0));
        if (document.readyState === 'complete') idle();
        else addEventListener('load', idle, { once: true });
      }),
  );
}

test('a fresh tab at / runs the start page\'s bundle; the application, fetched after load, opens the charter from the cache', async ({ page }) => {
  await page.goto('/');
  await appMounted(page);
  await expect(page.locator('.start > .campaign h2')).toBeVisible();
  await expect.poll(async () => (await wasmEntries(page)).app.length, 'the application prefetched while the page is read').toBe(1);
  const home = await wasmEntries(page);
  expect(home.start).toHaveLength(1);
  expect(home.app[0].start, 'the application is asked for only after the page has loaded').toBeGreaterThanOrEqual(home.loaded);

  await page.getByRole('link', { name: 'Commencer' }).click();
  await expectStep(page, 'charte', 1, 7);
  await expect(page.getByLabel('J\'accepte la charte des droits et devoirs')).toBeVisible();
  const charter = await wasmEntries(page);
  expect(charter.start, 'the charter is the application\'s').toHaveLength(0);
  expect(charter.app).toHaveLength(1);
  expect(charter.app[0].transfer, 'the application\'s wasm came from the cache').toBe(0);
  expect(charter.app[0].body).toBeGreaterThan(100_000);
});

test('on a connection that asks to save data, the start page does not fetch the application ahead', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'connection', { configurable: true, get: () => ({ saveData: true }) });
  });
  await page.goto('/');
  await appMounted(page);
  await expect(page.locator('.start > .campaign h2')).toBeVisible();
  await afterIdle(page);
  const home = await wasmEntries(page);
  expect(home.start).toHaveLength(1);
  expect(home.app, 'nothing of the application fetched ahead').toHaveLength(0);
  // "Commencer" still works: the application is fetched then.
  await page.getByRole('link', { name: 'Commencer' }).click();
  await expectStep(page, 'charte', 1, 7);
});

test('with a draft in the tab, / runs the application, which offers to resume where the draft stops', async ({ page }) => {
  await start(page);
  await acceptCharter(page);
  await expectStep(page, 'identite');
  await page.goto('/');
  await appMounted(page);
  await expect(page.getByRole('link', { name: 'Reprendre ma demande' })).toHaveAttribute('href', '/demande/identite');
  const home = await wasmEntries(page);
  expect(home.start, 'the start page\'s own bundle cannot resume').toHaveLength(0);
  expect(home.app).toHaveLength(1);
  await page.getByRole('link', { name: 'Reprendre ma demande' }).click();
  await expectStep(page, 'identite', 2, 7);
});
