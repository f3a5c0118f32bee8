// Accessibility of every step: axe-core (WCAG 2.1 A/AA) finds nothing, in French and in English, at 360 px and at
// 1280 px. Screenshots of every step at both widths are kept in artifacts/.
import { test, expect, checkPage } from '../fixtures.js';
import { STUDENT, reachReview, next } from '../journey.js';

const STEPS = ['charte', 'identite', 'coordonnees', 'etablissement', 'photo', 'envoi', 'verification'];

test('every step, French then English, both widths', async ({ page }) => {
  test.setTimeout(240_000);
  const student = { ...STUDENT, email: `axe.${Date.now()}@example.fr` };
  await reachReview(page, student, (slug) => checkPage(page, `step-${slug}-fr`));

  // An empty "Continuer" shows the error summary: it must be accessible too.
  await page.goto('/demande/coordonnees');
  await page.getByLabel('Code postal').fill('6300');
  await page.getByLabel('Code postal').blur();
  await next(page);
  await expect(page.getByRole('heading', { name: 'Il y a un problème' })).toBeVisible();
  await checkPage(page, 'step-coordonnees-errors-fr');
  await page.getByLabel('Code postal').fill(STUDENT.postalCode);

  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  for (const slug of STEPS) {
    await page.goto(`/demande/${slug}`);
    await expect(page).toHaveURL(new RegExp(`/demande/${slug}$`));
    await expect(page.getByText(/^Step \d of \d$/)).toBeVisible();
    await checkPage(page, `step-${slug}-en`);
  }
});
