// What a fresh tab asks for, and in which order, when it opens a journey step (issue 8: Lighthouse on a phone). The
// charter is what a deep link lands on; its text is the page's largest content, so it must not queue behind the next
// step's code (src/chunks.rs `preload_next_on_intent`: fetched once the person acts, still before "Continuer"), nor
// wait for the app's code and the campaign: index.html asks for both beside the app (web/index.html,
// src/api/early.rs). Needs the release (split) build.
import { test, expect, checkPage, allowConsoleErrors } from '../fixtures.js';
import { expectStep, next } from '../journey.js';

const CHARTER_TITLE = "Charte des droits et devoirs du bénéficiaire du Pass'Région";
const pathOf = (url) => { const u = new URL(url); return u.pathname + u.search; };

/** Every request the page makes, in the order the browser starts them. */
function recordRequests(page) {
  const order = [];
  page.on('request', (r) => order.push(pathOf(r.url())));
  return order;
}

test('a deep link asks for the charter, and the next step\'s code only once the person acts, before "Continuer"', async ({ page }) => {
  const order = recordRequests(page);
  await page.goto('/demande/identite');
  await expectStep(page, 'charte');
  await expect(page.getByRole('heading', { level: 2, name: CHARTER_TITLE })).toBeVisible();
  const identity = await page.evaluate(() => window.passregionChunks.identite);
  expect(identity.length).toBeGreaterThan(0);
  // Nothing of the next step while the page starts and the person has not touched it (two idle periods go by).
  for (let i = 0; i < 2; i++) await page.evaluate(() => new Promise((r) => requestIdleCallback(r, { timeout: 2000 })));
  expect(identity.filter((f) => order.includes(f)), 'no identity code before the person acts').toEqual([]);
  // Ticking the charter (the first thing anyone does on it) brings the code, before "Continuer".
  await page.getByLabel('J\'accepte la charte des droits et devoirs').check();
  await expect.poll(() => identity.filter((f) => order.includes(f)).length).toBe(identity.length);
  const charter = order.findIndex((u) => u.startsWith('/api/v1/charter'));
  const firstChunk = Math.min(...identity.map((f) => order.indexOf(f)));
  expect(charter, 'the charter is asked for').toBeGreaterThanOrEqual(0);
  expect(charter, `the charter (${charter}) before the identity step's code (${firstChunk}): ${order.join(' ')}`).toBeLessThan(firstChunk);

  // Going on fetches none of its code again: the step shows from what was preloaded.
  const asked = order.length;
  await next(page);
  await expectStep(page, 'identite');
  await expect(page.getByLabel('Nom', { exact: true })).toBeVisible();
  expect(order.slice(asked).filter((u) => identity.includes(u))).toEqual([]);
  await checkPage(page, 'deep-link-identity-charter');
});

test('index.html asks for the campaign and the charter beside the app\'s code, and the app asks again for neither', async ({ page }) => {
  const order = recordRequests(page);
  // The campaign's answer is held until the charter is asked for (5 s at most): an app that asked for the charter
  // only once it had the campaign would wait out the 5 s and be caught.
  let charterAsked = false;
  page.on('request', (r) => { if (pathOf(r.url()).startsWith('/api/v1/charter')) charterAsked = true; });
  let campaignHeldFor = null;
  await page.route('**/api/v1/campaign', async (route) => {
    const since = Date.now();
    while (!charterAsked && Date.now() - since < 5000) await new Promise((r) => setTimeout(r, 50));
    campaignHeldFor = Date.now() - since;
    await route.continue();
  });
  await page.goto('/demande/identite');
  await expectStep(page, 'charte');
  await expect(page.getByRole('heading', { level: 2, name: CHARTER_TITLE })).toBeVisible();
  expect(campaignHeldFor, 'the charter was asked for without waiting for the campaign').toBeLessThan(5000);
  expect(order.filter((u) => u === '/api/v1/campaign')).toHaveLength(1);
  expect(order.filter((u) => u.startsWith('/api/v1/charter'))).toEqual(['/api/v1/charter?lang=fr']);

  // The start page needs the campaign only.
  const asked = order.length;
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Commencer' }).or(page.getByRole('link', { name: 'Commencer' })).first()).toBeVisible();
  await expect.poll(() => order.slice(asked).filter((u) => u === '/api/v1/campaign').length).toBe(1);
  expect(order.slice(asked).filter((u) => u.startsWith('/api/v1/charter'))).toEqual([]);
});

test('when index.html\'s early request fails, the app asks for the charter itself', async ({ page }) => {
  allowConsoleErrors(page, /net::ERR_|Failed to load resource/);
  let charters = 0;
  await page.route(/\/api\/v1\/charter\?/, (route) => {
    charters += 1;
    return charters === 1 ? route.abort('connectionreset') : route.continue();
  });
  await page.goto('/demande/identite');
  await expect(page.getByRole('heading', { level: 2, name: CHARTER_TITLE })).toBeVisible();
  expect(charters).toBe(2);
  await expect(page.getByText("La charte n'a pas pu être chargée.")).toHaveCount(0);
});

test('in English, remembered, the charter asked for early is the English one', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('passregion.lang', 'en'));
  const order = recordRequests(page);
  await page.goto('/demande/charte');
  await expect(page.getByRole('heading', { level: 2, name: "Charter of rights and duties of the Pass'Région holder" })).toBeVisible();
  expect(order.filter((u) => u.startsWith('/api/v1/charter'))).toEqual(['/api/v1/charter?lang=en']);
  await checkPage(page, 'charter-early-en');
});
