// What a fresh tab asks for, and in which order, when it opens a journey step (issue 8: Lighthouse on a phone). The
// charter is what a deep link lands on; its text is the page's largest content, so it must not queue behind the next
// step's code (src/chunks.rs `preload_next`), which still comes before "Continuer". Needs the release (split) build.
import { test, expect, checkPage } from '../fixtures.js';
import { acceptCharter, expectStep } from '../journey.js';

const CHARTER_TITLE = "Charte des droits et devoirs du bénéficiaire du Pass'Région";
const pathOf = (url) => { const u = new URL(url); return u.pathname + u.search; };

/** Every request the page makes, in the order the browser starts them. */
function recordRequests(page) {
  const order = [];
  page.on('request', (r) => order.push(pathOf(r.url())));
  return order;
}

test('a deep link asks for the charter before the next step\'s code, which is in before "Continuer"', async ({ page }) => {
  const order = recordRequests(page);
  await page.goto('/demande/identite');
  await expectStep(page, 'charte');
  await expect(page.getByRole('heading', { level: 2, name: CHARTER_TITLE })).toBeVisible();
  const identity = await page.evaluate(() => window.passregionChunks.identite);
  expect(identity.length).toBeGreaterThan(0);
  // The preload still happens, while the charter is read.
  await expect.poll(() => identity.filter((f) => order.includes(f)).length).toBe(identity.length);
  const charter = order.findIndex((u) => u.startsWith('/api/v1/charter'));
  const firstChunk = Math.min(...identity.map((f) => order.indexOf(f)));
  expect(charter, 'the charter is asked for').toBeGreaterThanOrEqual(0);
  expect(charter, `the charter (${charter}) before the identity step's code (${firstChunk}): ${order.join(' ')}`).toBeLessThan(firstChunk);

  // Going on fetches none of its code again: the step shows from what was preloaded.
  const asked = order.length;
  await acceptCharter(page);
  await expectStep(page, 'identite');
  await expect(page.getByLabel('Nom', { exact: true })).toBeVisible();
  expect(order.slice(asked).filter((u) => identity.includes(u))).toEqual([]);
  await checkPage(page, 'deep-link-identity-charter');
});
