// The space's English texts are a file of their own (/espace/i18n/en-<hash>.json, space/src/i18n.rs and
// lazy-view/src/english.rs), not in the first page's wasm: fetched when English is chosen, at once and without losing
// what was typed; fetched by index.html before the first frame when English is the remembered choice; and when the
// file cannot be fetched the page stays in French and says so, in English, with a way to try again.
import { test, expect, checkPage, allowConsoleErrors } from '../fixtures.js';
import { withCard } from '../space.js';

const ENGLISH_FILE = /\/espace\/i18n\/en-[0-9a-f]+\.json$/;
const englishRequests = (page) => {
  const seen = [];
  page.on('request', (r) => { if (ENGLISH_FILE.test(new URL(r.url()).pathname)) seen.push(r.url()); });
  return seen;
};

test('English is fetched only when chosen, shows at once, and keeps what was typed', async ({ page }) => {
  const seen = englishRequests(page);
  await page.goto('/espace/connexion');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion à ton espace' })).toBeVisible();
  await page.getByLabel('Numéro de dossier').fill('26 29 76');
  await page.getByLabel('Mot de passe', { exact: true }).fill('secret typed');
  expect(seen, 'a French visitor does not fetch the English texts').toEqual([]);

  await page.getByRole('button', { name: 'EN – English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in to your space' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(seen).toHaveLength(1);
  await expect(page.getByLabel('Dossier number')).toHaveValue('26 29 76');
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('secret typed');
  await checkPage(page, 'space-login-en');

  await page.getByRole('button', { name: 'FR – Français' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion à ton espace' })).toBeVisible();
  await expect(page.getByLabel('Numéro de dossier')).toHaveValue('26 29 76');
  await page.getByRole('button', { name: 'EN – English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in to your space' })).toBeVisible();
  expect(seen, 'fetched once').toHaveLength(1);
});

test('the remembered English is fetched by index.html and is the first frame, on the login and on an inner page', async ({ page, request, baseURL }) => {
  await withCard(page, request, baseURL, 'lang');
  await page.getByRole('button', { name: 'EN – English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Hello / })).toBeVisible();
  await checkPage(page, 'space-dossier-en');

  // Every heading the page shows (not while index.html keeps the text hidden for English) is recorded from the start.
  await page.addInitScript(() => {
    window.shownHeadings = [];
    new MutationObserver(() => {
      const h1 = document.querySelector('main h1');
      const main = document.querySelector('main');
      if (h1 && main && getComputedStyle(main).visibility !== 'hidden') window.shownHeadings.push(h1.textContent);
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const seen = englishRequests(page);
  await page.goto('/espace/code-secret');
  await expect(page.getByRole('heading', { level: 1, name: 'Your secret code' })).toBeVisible();
  // Asked for by index.html's script, before the wasm runs, and not asked again by the wasm.
  expect(await page.evaluate(() => window.passregionEnTexts instanceof Promise)).toBe(true);
  expect(seen).toHaveLength(1);
  const shown = await page.evaluate(() => window.shownHeadings);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.every((h) => h === 'Your secret code'), `headings shown: ${shown.join(' | ')}`).toBe(true);
  await checkPage(page, 'space-code-en');
});

test('when the English file cannot be fetched the page stays in French, says so, and can try again', async ({ page }) => {
  allowConsoleErrors(page, /ERR_INTERNET_DISCONNECTED|ERR_FAILED|Failed to fetch|Failed to load resource/);
  await page.route(ENGLISH_FILE, (route) => route.abort('internetdisconnected'));
  await page.goto('/espace/connexion');
  await page.getByLabel('Numéro de dossier').fill('26 29 76');

  await page.getByRole('button', { name: 'EN – English' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'The English texts could not be loaded, so the page stays in French.' });
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion à ton espace' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('button', { name: 'FR – Français' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Numéro de dossier')).toHaveValue('26 29 76');
  await checkPage(page, 'space-english-failed');

  // The connection is back.
  await page.unroute(ENGLISH_FILE);
  await page.getByRole('button', { name: 'Try English again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in to your space' })).toBeVisible();
  await expect(alert).toHaveCount(0);
  await expect(page.getByLabel('Dossier number')).toHaveValue('26 29 76');
});

test('a remembered English whose file cannot be fetched starts in French and says so', async ({ page }) => {
  allowConsoleErrors(page, /ERR_INTERNET_DISCONNECTED|ERR_FAILED|Failed to fetch|Failed to load resource/);
  await page.route(ENGLISH_FILE, (route) => route.abort('internetdisconnected'));
  await page.addInitScript(() => localStorage.setItem('passregion.lang', 'en'));
  await page.goto('/espace/connexion');
  await expect(page.getByRole('alert').filter({ hasText: 'The English texts could not be loaded' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion à ton espace' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});
