// The contact step keeps answers in one form: the phone as "06 12 34 56 78" on screen and in E.164 on the wire.
import { test, expect, checkPage } from '../fixtures.js';
import { STUDENT, reachReview, start, acceptCharter, fillIdentity, next, expectStep } from '../journey.js';

/** The JSON `application` part of a multipart body. */
function applicationPart(body, contentType) {
  const boundary = `--${/boundary=(.+)$/.exec(contentType)[1]}`;
  const part = body.toString('utf8').split(boundary).find((p) => /name="application"/.test(p));
  return JSON.parse(part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, ''));
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

  let sent = null;
  await page.route('**/api/v1/applications', async (route) => {
    const req = route.request();
    sent = applicationPart(req.postDataBuffer(), req.headers()['content-type']);
    await route.continue();
  });
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect.poll(() => sent).not.toBeNull();
  expect(sent.contact.mobile_phone).toBe('+33612345678');
  await expect(page).toHaveURL(/\/demande\/confirmation$/);
});
