// The space's pages are fetched when first opened (space/src/chunks.rs, build-tools/app-wasm.mjs): a deep link
// preloads its page's chunk from index.html and works at once; a chunk that fails to arrive says so, and
// "Réessayer" fetches it again. Needs the release (split) build.
import { test, expect, checkPage, allowConsoleErrors } from '../fixtures.js';
import { idleURL } from '../playwright.config.js';
import { logIn, makeDossier, withCard } from '../space.js';

const DONE = "Ton code secret est enregistré. Ta carte fonctionne déjà pour la cantine et l'accès à ton établissement ; ce code sert chez les partenaires.";

/** route (last path segment, - as _) → the chunk files index.html says it fetches. */
const chunkMap = (page) => page.evaluate(() => window.passregionSpaceChunks);
const pathOf = (url) => new URL(url).pathname;

test('a deep link to the secret code page preloads its chunk from index.html, not the other pages\' ones, and the page works', async ({ page, request, baseURL }) => {
  const d = await withCard(page, request, baseURL, 'chunks');
  const fetched = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) fetched.push(pathOf(r.url())); });

  await page.goto('/espace/code-secret');
  await expect(page.getByRole('heading', { level: 1, name: 'Ton code secret' })).toBeFocused();
  const chunks = await chunkMap(page);
  expect(Object.keys(chunks)).toEqual(expect.arrayContaining(['espace', 'code_secret', 'carte', 'avantages', 'mes_informations', 'mot_de_passe', 'mot_de_passe_oublie', 'numero_oublie', 'confirmer_email']));
  expect(chunks.connexion, 'the login page is in the first page').toBeUndefined();
  // index.html asked for the page's own files beside the main module (one round trip), and they came.
  const preloaded = await page.locator('link[rel="preload"][as="fetch"]').evaluateAll((ls) => ls.map((l) => new URL(l.href).pathname));
  expect(preloaded).toEqual(expect.arrayContaining(chunks.code_secret));
  expect(fetched).toEqual(expect.arrayContaining(chunks.code_secret));
  const own = (route) => chunks[route][0];
  for (const other of ['avantages', 'mes_informations', 'carte', 'mot_de_passe_oublie']) expect(fetched).not.toContain(own(other));

  const code = page.getByLabel('Nouveau code secret');
  await code.fill('4829');
  await page.getByLabel('Confirme ton code secret').fill('4829');
  await page.getByLabel('Ton mot de passe actuel').fill(d.password);
  await page.getByRole('button', { name: 'Enregistrer mon code' }).click();
  await expect(page.getByText(DONE)).toBeVisible();
  await checkPage(page, 'space-chunk-deep-link');
});

test('a page whose chunk fails to arrive says so, and "Réessayer" fetches it again and shows the page', async ({ page, request, baseURL }) => {
  await withCard(page, request, baseURL, 'chunkfail');
  const chunks = await chunkMap(page);
  const own = chunks.avantages[0];
  // The split loader logs the failed fetch itself.
  allowConsoleErrors(page, /ERR_INTERNET_DISCONNECTED|ERR_FAILED|Failed to fetch|Failed to load resource/);
  let blocked = 0;
  await page.route(`**${own}`, (route) => { blocked += 1; return route.abort('internetdisconnected'); });

  await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Mes avantages' }).click();
  await expect(page).toHaveURL(/\/espace\/avantages$/);
  const alert = page.getByRole('alert').filter({ hasText: 'Connexion impossible. Vérifie ta connexion à Internet puis réessaie.' });
  await expect(alert).toBeVisible();
  expect(blocked).toBeGreaterThan(0);
  await checkPage(page, 'space-chunk-failed');

  // The connection is back: the same page, without reloading.
  await page.unroute(`**${own}`);
  let refetched = false;
  page.on('request', (r) => { if (pathOf(r.url()) === own) refetched = true; });
  await page.getByRole('button', { name: 'Réessayer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /avantages/i })).toBeVisible();
  await expect(alert).toHaveCount(0);
  expect(refetched).toBe(true);
});

// The idle-timeout dialog is a chunk of its own (space/src/ui/idle_watch.rs): fetched a minute before the warning
// is due, not at login.
test('the idle warning\'s code is not fetched at login, twenty minutes before it can be needed', async ({ page, request, baseURL }) => {
  const fetched = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) fetched.push(pathOf(r.url())); });
  await withCard(page, request, baseURL, 'chunkidle');
  const chunks = await chunkMap(page);
  expect(chunks.delai_inactivite, 'the dialog is a chunk').toBeDefined();
  await page.waitForTimeout(2_000);
  expect(fetched).toEqual(expect.arrayContaining(chunks.espace.slice(0, 1)));
  expect(fetched).not.toContain(chunks.delai_inactivite[0]);
});

test.describe('the idle warning without its chunk (server with a 20-second idle limit)', () => {
  test.use({ baseURL: idleURL });
  test('a plain notice still warns, "Rester connecté" keeps the session, and it still ends at the limit', async ({ page, request }) => {
    test.setTimeout(120_000);
    allowConsoleErrors(page, /ERR_INTERNET_DISCONNECTED|ERR_FAILED|Failed to fetch|Failed to load resource|status of 401/);
    const d = await makeDossier(request, idleURL, { tag: 'idle-nochunk' });
    await page.goto('/espace/connexion');
    const own = (await chunkMap(page)).delai_inactivite[0];
    let blocked = 0;
    await page.route(`**${own}`, (route) => { blocked += 1; return route.abort('internetdisconnected'); });
    await logIn(page, d);
    const notice = page.getByRole('alert').filter({ hasText: 'tu seras bientôt déconnecté' });
    const stay = notice.getByRole('button', { name: 'Rester connecté' });
    // Warned half-way, as the dialog would (the idle server warns 10 s before its 20-second limit).
    await expect(notice).toBeVisible({ timeout: 15_000 });
    expect(blocked).toBeGreaterThan(0);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(stay).toBeFocused();
    await checkPage(page, 'space-timeout-fallback');
    await stay.click();
    await expect(notice).toBeHidden();
    // Staying restarted the clock: the notice comes back later, and without an answer the session ends.
    await expect(notice).toBeVisible({ timeout: 15_000 });
    await expect(page).toHaveURL(/\/espace\/connexion\?raison=inactivite&minutes=1$/, { timeout: 20_000 });
  });
});
