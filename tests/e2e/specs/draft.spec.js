// What someone typed survives a reload (not the password), disappears with "Effacer mes données", and a step that
// is not reachable yet sends the person to the first one still needing answers.
import { test, expect } from '../fixtures.js';
import { STUDENT, start, acceptCharter, fillIdentity, fillContact, next, expectStep } from '../journey.js';

test('a reload keeps the answers but never the password', async ({ page }) => {
  await start(page);
  await acceptCharter(page);
  await fillIdentity(page);
  await next(page);
  await expectStep(page, 'coordonnees', 3, 7);
  await page.getByLabel('Téléphone portable').fill(STUDENT.phone);
  await page.getByLabel('Numéro et voie').fill(STUDENT.street);

  const stored = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
  expect(stored).toContain('Éloïse');
  expect(stored).not.toContain(STUDENT.password);
  expect(await page.evaluate(() => JSON.stringify(Object.entries(localStorage)))).not.toContain('Éloïse');

  await page.reload();
  await expectStep(page, 'coordonnees', 3, 7);
  await expect(page.getByLabel('Téléphone portable')).toHaveValue(STUDENT.phone);
  await expect(page.getByLabel('Numéro et voie')).toHaveValue(STUDENT.street);

  await page.getByRole('link', { name: 'Retour', exact: true }).click();
  await expectStep(page, 'identite', 2, 7);
  await expect(page.getByLabel('Prénom', { exact: true })).toHaveValue('Éloïse');
  await expect(page.getByLabel('Mot de passe', { exact: true })).toHaveValue('');
});

test('"Effacer mes données" empties storage and the form', async ({ page }) => {
  await start(page);
  await acceptCharter(page);
  await fillIdentity(page);
  await next(page);
  await fillContact(page);
  await page.getByRole('button', { name: 'Effacer mes données' }).first().click();
  await page.getByRole('button', { name: 'Oui, tout effacer' }).click();
  await expect(page).toHaveURL(/\/$/);
  const left = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('passregion')));
  expect(left).toEqual([]);
  await page.goto('/demande/identite');
  await expectStep(page, 'charte', 1, 7);
  await expect(page.getByLabel('J\'accepte la charte des droits et devoirs')).not.toBeChecked();
});

test('a deep link to a later step leads to the first step that needs answers', async ({ page }) => {
  await page.goto('/demande/verification');
  await expectStep(page, 'charte', 1, 7);
  await acceptCharter(page);
  await page.goto('/demande/etablissement');
  await expectStep(page, 'identite', 2, 7);
  await expect(page).toHaveTitle(/Étape 2 sur 7/);
});

test('browser back and forward move between steps and keep the answers', async ({ page }) => {
  await start(page);
  await acceptCharter(page);
  await fillIdentity(page);
  await next(page);
  await expectStep(page, 'coordonnees', 3, 7);
  await page.goBack();
  await expectStep(page, 'identite', 2, 7);
  await expect(page.getByLabel('Nom', { exact: true })).toHaveValue(/N'Diaye/i);
  await page.goForward();
  await expectStep(page, 'coordonnees', 3, 7);
});

test('the email typo helper offers the fix and applies it', async ({ page }) => {
  await start(page);
  await acceptCharter(page);
  await page.getByLabel('Adresse e-mail', { exact: true }).fill('eloise@gmial.com');
  await page.getByLabel('Adresse e-mail', { exact: true }).blur();
  await expect(page.getByText('Voulais-tu dire eloise@gmail.com ?')).toBeVisible();
  await page.getByRole('button', { name: 'Oui, corriger' }).click();
  await expect(page.getByLabel('Adresse e-mail', { exact: true })).toHaveValue('eloise@gmail.com');
});
