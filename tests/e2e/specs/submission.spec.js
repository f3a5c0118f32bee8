// Submission under stress: server field errors go back to the right field, a response lost to the network is retried
// with the same Idempotency-Key, double clicks and retries produce exactly one dossier.
import { test, expect, allowConsoleErrors, checkPage } from '../fixtures.js';
import { STUDENT, reachReview, expectStep, next } from '../journey.js';

const unique = (tag) => ({ ...STUDENT, email: `${tag}.${Date.now()}@example.fr` });

async function mailsTo(request, to) {
  const mails = await (await request.get('/api/v1/dev/outbox')).json();
  return mails.filter((m) => m.to === to);
}

test('a field refused by the server is shown on its step, next to the field', async ({ page }) => {
  allowConsoleErrors(page, /status of 422/);
  const student = unique('refus');
  await reachReview(page, student);
  // The real API may know rules this client does not: answer once as it would.
  await page.route('**/api/v1/applications', (route) => route.fulfill({
    status: 422,
    contentType: 'application/problem+json',
    body: JSON.stringify({
      type: '/problems/validation', title: 'Invalid application', status: 422, code: 'validation_failed',
      errors: [{ field: 'contact.address.postal_code', code: 'postal_code_invalid', message: 'Code postal inconnu.' }],
    }),
  }), { times: 1 });
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expectStep(page, 'coordonnees', 3, 7);
  const postal = page.getByLabel('Code postal');
  await expect(postal).toHaveAttribute('aria-invalid', 'true');
  const described = await postal.getAttribute('aria-describedby');
  await expect(page.locator(`[id="${described.split(' ')[0]}"]`)).not.toBeEmpty();
  // Fixing it and coming back sends for real.
  await postal.fill('63000');
  await next(page);
});

test('a response lost to the network, then "Réessayer": exactly one dossier', async ({ page, request }) => {
  allowConsoleErrors(page, /net::ERR_|Failed to fetch|status of 4/);
  const student = unique('coupure');
  await reachReview(page, student);
  let keys = [];
  // The request reaches the server (a dossier is created) but the answer never comes back.
  await page.route('**/api/v1/applications', async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    await route.fetch();
    await route.abort('internetdisconnected');
  }, { times: 1 });
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(page.getByRole('main')).toContainText('la connexion a été interrompue');
  await expectStep(page, 'verification', 7, 7);
  expect(await mailsTo(request, student.email)).toHaveLength(1);

  await page.route('**/api/v1/applications', async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    await route.continue();
  });
  await page.getByRole('button', { name: 'Réessayer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande enregistrée');
  expect(keys).toHaveLength(2);
  expect(keys[0]).toBeTruthy();
  expect(keys[1]).toBe(keys[0]);
  expect(await mailsTo(request, student.email)).toHaveLength(1);
});

test('a double click sends once', async ({ page, request }) => {
  const student = unique('double');
  await reachReview(page, student);
  let posts = 0;
  await page.route('**/api/v1/applications', async (route) => {
    posts += 1;
    await new Promise((r) => setTimeout(r, 400)); // a slow network: the second click lands while sending
    await route.continue();
  });
  const send = page.getByRole('button', { name: /Envoyer ma demande|Envoi en cours/ });
  await send.dblclick();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande enregistrée');
  expect(posts).toBe(1);
  expect(await mailsTo(request, student.email)).toHaveLength(1);
});

test('the dossier number shows after sending even when the confirmation\'s code cannot be fetched', async ({ page }) => {
  allowConsoleErrors(page, /net::ERR_|Failed to fetch|TypeError/);
  const student = unique('sans-code');
  // The confirmation is a chunk of its own (src/chunks.rs): refused here, both the review step's preload and the
  // page's own fetch fail, while the application itself is sent.
  const confirmationCode = /passregion-app-confirmation-[0-9a-f]+\.wasm$/;
  await page.route(confirmationCode, (route) => route.abort());
  await reachReview(page, student);
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(page).toHaveURL(/\/demande\/confirmation$/);
  const main = page.getByRole('main');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande enregistrée');
  const shown = await main.getByText(/^\d\d( \d\d){4}$/).first().innerText();
  await expect(page.getByRole('alert')).toContainText('Connexion impossible');
  await expect(page.getByRole('button', { name: 'Copier le numéro' })).toHaveCount(0);
  await checkPage(page, 'confirmation-code-missing');

  // The network back, "Réessayer" shows the whole page with the same number.
  await page.unroute(confirmationCode);
  await page.getByRole('button', { name: 'Réessayer' }).click();
  await expect(page.getByRole('button', { name: 'Copier le numéro' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande enregistrée');
  await expect(main.getByText(shown, { exact: true }).first()).toBeVisible();

  // Reloaded (the tab keeps the receipt, not the draft): index.html fetches the confirmation's code beside the app.
  await page.reload();
  await expect(page.locator('link[rel="preload"][href*="-confirmation-"]')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Copier le numéro' })).toBeVisible();
  await expect(main.getByText(shown, { exact: true }).first()).toBeVisible();
});
