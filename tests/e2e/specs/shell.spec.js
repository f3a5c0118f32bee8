// The app shell: it mounts in both languages with no console error (which is what catches a broken wasm-opt),
// the language choice is remembered, and the footer carries the helpline and the data-protection page.
import { test, expect, checkPage } from '../fixtures.js';

test('start page loads in French by default, then in English, and remembers the choice', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toContainText("Pass'Région");
  await expect(page.getByRole('link', { name: /0810 559 559/ })).toHaveAttribute('href', /^tel:/);
  // The campaign's dates in words: "01/06/2026" reads as 6 January to an English reader.
  const campaign = page.locator('.campaign');
  await expect(campaign).toContainText('Les demandes sont ouvertes du 1er juin 2026 au 31 mai 2027.');
  await checkPage(page, 'start-fr');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Apply');
  await expect(campaign).toContainText('Applications are open from 1 June 2026 to 31 May 2027.');
  await checkPage(page, 'start-en');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});

test('data-protection page is reachable from the footer', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: /données personnelles/i }).click();
  await expect(page).toHaveURL(/\/protection-des-donnees$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await checkPage(page, 'data-protection-fr');
});

test('an unknown address shows a helpful not-found page, not a blank one', async ({ page }) => {
  await page.goto('/nulle-part');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: /accueil|demande/i }).first()).toBeVisible();
  await checkPage(page, 'not-found-fr');
});

test.describe('with an English-speaking browser', () => {
  test.use({ locale: 'en-GB' });
  test('the app still starts in French, the Région\'s language, until the person switches', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Faire ma demande de Pass\'Région');
  });
});

test('the charter\'s text is that of the language on screen, even when an earlier language\'s answer comes back last', async ({ page }) => {
  const french = page.getByRole('heading', { level: 2, name: "Charte des droits et devoirs du bénéficiaire du Pass'Région" });
  const english = page.getByRole('heading', { level: 2, name: "Charter of rights and duties of the Pass'Région holder" });
  await page.goto('/demande/charte');
  await expect(french).toBeVisible();
  // The English charter is held back until French is chosen again and shown: its answer then arrives last.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/api\/v1\/charter\?lang=en/, async (route) => { await held; await route.continue(); });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(french).toBeVisible();
  const late = page.waitForResponse(/\/api\/v1\/charter\?lang=en/);
  release();
  await (await late).finished();
  // Two frames after the late answer is in: the app has read it by then.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  await expect(english).toHaveCount(0);
  await expect(french).toBeVisible();
});
