// The two doors people come in by each run a small bundle of their own (build-tools/app-wasm.mjs chooses in
// index.html): `/` in a tab without a draft the start page's (src/start_bundle.rs, about 114 KB gzip against the
// application's 278 KB), /espace/connexion the login page's (space/src/login_bundle.rs, 138 KB against the space's
// 207 KB). While the page is read, at idle, the whole bundle's files come into the cache, so that "Commencer" or a
// login opens the next page from there. With a draft, `/` offers to resume, which takes the journey's rules: the
// application runs.
import { test, expect } from '../fixtures.js';
import { acceptCharter, appMounted, expectStep, start } from '../journey.js';
import { makeDossier, pairs } from '../space.js';

const APP = { start: /^\/passregion-start-[0-9a-f]+_bg\.wasm$/, app: /^\/passregion-app-[0-9a-f]+_bg\.wasm$/ };
const SPACE = {
  start: /^\/espace\/passregion-space-login-[0-9a-f]+_bg\.wasm$/,
  app: /^\/espace\/passregion-space-[0-9a-f]+_bg\.wasm$/,
};

/** The page's resource entries for the small bundle's and the whole bundle's wasm (and `also`'s paths): start
 * time, bytes on the wire, bytes of the body. */
function wasmEntries(page, which = APP, also = []) {
  return page.evaluate(
    ([start, app, also]) => {
      const pick = (test) =>
        performance
          .getEntriesByType('resource')
          .filter((e) => test(new URL(e.name).pathname))
          .map((e) => ({ start: e.startTime, transfer: e.transferSize, body: e.decodedBodySize }));
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        start: pick((p) => new RegExp(start).test(p)),
        app: pick((p) => new RegExp(app).test(p)),
        also: pick((p) => also.includes(p)),
        loaded: nav.loadEventEnd,
      };
    },
    [which.start.source, which.app.source, also],
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
  // The fetch ahead has run (index.html's window.passregionAhead, set off once the page has drawn).
  await page.waitForFunction(() => window.passregionAhead && window.passregionAhead.ran === true);
  const home = await wasmEntries(page);
  expect(home.start).toHaveLength(1);
  expect(home.app, 'nothing of the application fetched ahead').toHaveLength(0);
  // "Commencer" still works: the application is fetched then.
  await page.getByRole('link', { name: 'Commencer' }).click();
  await expectStep(page, 'charte', 1, 7);
});

test('English chosen on the start page\'s bundle is the application\'s language after "Start"', async ({ page }) => {
  await page.goto('/');
  await appMounted(page);
  await page.getByRole('button', { name: 'EN – English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Apply for a Pass\'Région' })).toBeVisible();
  await page.getByRole('link', { name: 'Start', exact: true }).click();
  await expect(page).toHaveURL(/\/demande\/charte$/);
  await expect(page.getByText('Step 1 of 7', { exact: true })).toBeVisible();
  expect((await wasmEntries(page)).app).toHaveLength(1);
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

test('/espace/connexion runs the login page\'s bundle; the space and its dossier page, fetched after load, open from the cache once logged in', async ({ page, request, baseURL }) => {
  const d = await makeDossier(request, baseURL, { tag: 'door' });
  await page.goto('/espace/connexion');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion à ton espace' })).toBeVisible();
  const dossierChunks = await page.evaluate(() => window.passregionSpaceChunks.espace.map((u) => new URL(u, location.href).pathname));
  expect(dossierChunks.length).toBeGreaterThan(0);
  await expect
    .poll(async () => {
      const e = await wasmEntries(page, SPACE, dossierChunks);
      return [e.app.length, e.also.length];
    }, 'the space and the dossier page\'s chunks prefetched while the login is read')
    .toEqual([1, dossierChunks.length]);
  const door = await wasmEntries(page, SPACE);
  expect(door.start).toHaveLength(1);
  expect(door.app[0].start).toBeGreaterThanOrEqual(door.loaded);

  await page.getByLabel('Numéro de dossier').fill(pairs(d.dossier));
  await page.getByLabel('Mot de passe', { exact: true }).fill(d.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Bonjour / })).toBeVisible();
  await expect(page).toHaveURL(/\/espace$/);
  const home = await wasmEntries(page, SPACE, dossierChunks);
  expect(home.start, 'the dossier page is the space\'s').toHaveLength(0);
  expect(home.app.map((e) => e.transfer), 'the space\'s wasm came from the cache').toEqual([0]);
  expect(home.also.map((e) => e.transfer), 'so did the dossier page\'s chunks').toEqual(dossierChunks.map(() => 0));
});

test('the login page\'s bundle says why it is shown, from the address', async ({ page }) => {
  await page.goto('/espace/connexion?raison=deconnexion');
  await expect(page.getByRole('status').filter({ hasText: 'Tu es déconnecté. Tes informations ont été effacées de cet appareil.' })).toBeVisible();
  expect((await wasmEntries(page, SPACE)).start).toHaveLength(1);
  // The example number in the field's hint is never cut across two lines at 360 px: its pairs are joined by no-break
  // spaces.
  await expect(page.getByText(/Par exemple/)).toContainText('26\u00a029\u00a076\u00a043\u00a051');
  await page.goto('/espace/connexion?raison=session');
  await expect(page.getByRole('status').filter({ hasText: 'Connecte-toi pour voir ton dossier.' })).toBeVisible();
});

test('the footer marks the page on screen, in both bundles (aria-current, as the router\'s links did)', async ({ page }) => {
  const footer = page.getByRole('navigation', { name: 'Liens utiles' });
  const home = footer.getByRole('link', { name: 'Accueil de la demande' });
  const privacy = footer.getByRole('link', { name: 'Protection des données personnelles' });
  await page.goto('/');
  await appMounted(page);
  await expect(home).toHaveAttribute('aria-current', 'page');
  await expect(privacy).not.toHaveAttribute('aria-current', /.*/);
  // A page load into the application, then a move inside it.
  await privacy.click();
  await expect(page).toHaveURL(/\/protection-des-donnees$/);
  await expect(privacy).toHaveAttribute('aria-current', 'page');
  await expect(home).not.toHaveAttribute('aria-current', /.*/);
  await home.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(home).toHaveAttribute('aria-current', 'page');
  expect((await wasmEntries(page)).start, 'the move back home stayed in the application').toHaveLength(0);
});
