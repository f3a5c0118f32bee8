// The contact step keeps answers in one form: the phone as "06 12 34 56 78" on screen and in E.164 on the wire; the
// commune picked among its postcode's in the official list (or typed, marked as missing from it), a mismatch refused
// by the app and by the server.
import { test, expect, checkPage, allowConsoleErrors } from '../fixtures.js';
import {
  STUDENT, reachReview, start, acceptCharter, fillIdentity, next, expectStep, fromContactToReview,
} from '../journey.js';

/** The JSON `application` part of a multipart body. */
function applicationPart(body, contentType) {
  const boundary = `--${/boundary=(.+)$/.exec(contentType)[1]}`;
  const part = body.toString('utf8').split(boundary).find((p) => /name="application"/.test(p));
  return JSON.parse(part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, ''));
}

/** Presses "Envoyer ma demande" on the review and returns the application as the app sent it. */
async function sendCapturingApplication(page) {
  let sent = null;
  await page.route('**/api/v1/applications', async (route) => {
    const req = route.request();
    sent = applicationPart(req.postDataBuffer(), req.headers()['content-type']);
    await route.continue();
  });
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect.poll(() => sent).not.toBeNull();
  return sent;
}

async function reachContact(page) {
  await start(page);
  await acceptCharter(page);
  await fillIdentity(page, { ...STUDENT, email: `coord.${Date.now()}@example.fr` });
  await next(page);
  await expectStep(page, 'coordonnees', 3, 7);
}

test('a phone typed with dots is shown as 06 12 34 56 78 once left, on the review, and sent as +33', async ({ page }) => {
  await reachContact(page);
  const phone = page.getByLabel('Téléphone portable');
  await phone.fill('+33 (0)6.12.34.56.78');
  await expect(phone).toHaveValue('+33 (0)6.12.34.56.78'); // nothing rewritten while typing
  await phone.blur();
  await expect(phone).toHaveValue('06 12 34 56 78');
  // A mistake stays as typed, beside its message.
  await phone.fill(' 06 12 34 ');
  await phone.blur();
  await expect(phone).toHaveValue('06 12 34');
  await expect(page.locator('#contact-mobile_phone-error')).toBeVisible();

  await reachReview(page, { ...STUDENT, phone: '06.12.34.56.78', email: `tel.${Date.now()}@example.fr` });
  const row = page.locator('.review-list__row', { hasText: 'Téléphone portable' });
  await expect(row.locator('dd')).toHaveText('06 12 34 56 78');

  const sent = await sendCapturingApplication(page);
  expect(sent.contact.mobile_phone).toBe('+33612345678');
  await expect(page).toHaveURL(/\/demande\/confirmation$/);
});

const commune = (page) => page.getByLabel('Commune', { exact: true });
const notListed = (page) => page.getByLabel("Ma commune n'est pas dans la liste");

async function fillStreetAndPhone(page) {
  await page.getByLabel('Téléphone portable').fill(STUDENT.phone);
  await page.getByLabel('Numéro et voie').fill(STUDENT.street);
}

test('typing a postcode offers its communes; the one chosen is written as the list writes it', async ({ page }) => {
  await reachContact(page);
  await fillStreetAndPhone(page);
  const postal = page.getByLabel('Code postal');
  // Two communes: a select, nothing chosen yet, and a screen reader is told.
  await postal.fill('63122');
  await expect(commune(page)).toHaveJSProperty('tagName', 'SELECT');
  await expect(commune(page).locator('option')).toHaveText(['Choisis ta commune', 'Ceyrat', 'Saint-Genès-Champanelle']);
  await expect(commune(page)).toHaveValue('');
  await expect(page.locator('[aria-live="polite"]', { hasText: '2 communes pour ce code postal' })).toBeAttached();
  await next(page);
  await expect(page.locator('#contact-address-commune-error')).toContainText('Ce champ est à remplir');
  await checkPage(page, 'contact-communes-fr');
  await commune(page).selectOption('Saint-Genès-Champanelle');
  await expect(page.locator('#contact-address-commune-error')).toBeHidden();

  // One commune: chosen for the person.
  await postal.fill('63000');
  await expect(commune(page)).toHaveValue('Clermont-Ferrand');
  await expect(commune(page).locator('option')).toHaveCount(2);
  await next(page);
  await expectStep(page, 'etablissement', 4, 7);

  // Back on the step after a reload: the list is asked again and the choice is still there.
  await page.goto('/demande/coordonnees');
  await expect(commune(page)).toHaveValue('Clermont-Ferrand');

  // English.
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByLabel('Town', { exact: true })).toHaveValue('Clermont-Ferrand');
  await expect(page.getByLabel('My town is not in the list')).toBeVisible();
  await checkPage(page, 'contact-communes-en');
});

test('a commune that is not the postcode\'s is refused on the field, by the app and by the server', async ({ page }) => {
  await reachContact(page);
  await fillStreetAndPhone(page);
  // Typed before the postcode (the field is free text until then), then a postcode whose commune it is not.
  await commune(page).fill('Lyon');
  await page.getByLabel('Code postal').fill('63000');
  await expect(commune(page)).toHaveJSProperty('tagName', 'SELECT');
  await expect(commune(page)).toHaveValue('');
  await next(page);
  const error = page.locator('#contact-address-commune-error');
  await expect(error).toContainText("Cette commune n'a pas ce code postal");
  await expect(page.getByRole('heading', { name: 'Il y a un problème' })).toBeVisible();
  await page.getByRole('link', { name: /Commune/ }).click();
  await expect(commune(page)).toBeFocused();
  await checkPage(page, 'contact-commune-mismatch-fr');

  // Without the list (the server did not answer), the app cannot check: the server does, and its refusal comes
  // back to the field.
  allowConsoleErrors(page, /status of 422/, /ERR_FAILED/);
  await page.route('**/api/v1/postal-codes/**', (route) => route.abort());
  await page.getByLabel('Code postal').fill('63100');
  await page.getByLabel('Code postal').blur();
  await expect(commune(page)).toHaveJSProperty('tagName', 'INPUT');
  await commune(page).fill('Lyon');
  await fromContactToReview(page);
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expectStep(page, 'coordonnees', 3, 7);
  await expect(error).toContainText("Cette commune n'a pas ce code postal");
  await expect(commune(page)).toHaveAttribute('aria-invalid', 'true');
});

test('a commune missing from the list is typed by hand once marked so, and sent as typed', async ({ page }) => {
  await reachContact(page);
  await fillStreetAndPhone(page);
  await page.getByLabel('Code postal').fill('63999');
  await expect(page.locator('[aria-live="polite"]', { hasText: "Ce code postal n'est pas dans la liste officielle" })).toBeAttached();
  await commune(page).fill('Le Bourg-Neuf');
  await next(page);
  await expect(page.locator('#contact-address-postal_code-error')).toContainText("Ce code postal n'est pas dans la liste officielle");
  await notListed(page).check();
  await expect(page.locator('#contact-address-postal_code-error')).toBeHidden();
  await checkPage(page, 'contact-commune-not-listed-fr');

  // Also where the postcode has communes: the box turns the select into free text.
  await page.getByLabel('Code postal').fill('63000');
  await expect(commune(page)).toHaveJSProperty('tagName', 'INPUT');
  await expect(commune(page)).toHaveValue('Le Bourg-Neuf');
  await notListed(page).uncheck();
  await expect(commune(page)).toHaveJSProperty('tagName', 'SELECT');
  await notListed(page).check();
  await page.getByLabel('Code postal').fill('63999');
  await fromContactToReview(page);
  await expect(page.locator('.review-list__row', { hasText: 'Adresse postale' }).locator('dd')).toContainText('63999 Le Bourg-Neuf');

  const sent = await sendCapturingApplication(page);
  await expect(page).toHaveURL(/\/demande\/confirmation$/);
  expect(sent.contact.address).toMatchObject({ postal_code: '63999', commune: 'Le Bourg-Neuf', commune_not_listed: true });
});
