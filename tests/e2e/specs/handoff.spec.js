// "Prendre la photo avec mon téléphone": a computer with no camera shows a QR code; a phone-sized page with
// Chromium's fake camera opens the link read from that QR code, takes, crops and sends the photo; the computer
// shows it within 5 s and the application is sent with it. The link works once; a typed short code works; leaving
// the step cancels the handoff; an expired link is refused (on the server whose handoffs live 3 s).
import { fakeCamera } from '../camera.js';
import { test, expect, checkPage, allowConsoleErrors, expectAccessible, snap } from '../fixtures.js';
import { idleURL } from '../playwright.config.js';
import { next, PHOTO } from '../journey.js';
import { reachPhotoStep, confirmPhonePhoto } from '../photo.js';
import { phonePage, readQrCode, withoutCamera } from '../handoff.js';

test.use({ launchOptions: fakeCamera() });

const PHONE_TITLE = 'Ta photo pour le Pass\'Région';

async function openPhonePanel(page, tag) {
  await withoutCamera(page);
  await reachPhotoStep(page, tag);
  const offer = page.getByRole('button', { name: 'Prendre la photo avec mon téléphone' });
  // No camera on this computer: the phone is offered first, before the file picker.
  await expect(offer).toHaveClass(/button--primary/);
  const first = await page.locator('.photo-step__phone, .photo-step__sources').first().getAttribute('class');
  expect(first).toContain('photo-step__phone');
  await offer.click();
  await expect(page.getByRole('status').filter({ hasText: 'En attente de ton téléphone…' })).toBeVisible();
}

async function takeAndSend(phone) {
  await phone.getByRole('button', { name: 'Prendre une photo' }).click();
  await expect(phone.getByLabel('Image de la caméra')).toBeVisible();
  const capture = phone.getByRole('button', { name: 'Capturer' });
  await expect(capture).toBeEnabled();
  await capture.click();
  await expect(phone.getByRole('application', { name: 'Cadrage de la photo' })).toBeVisible({ timeout: 20_000 });
  await phone.getByRole('button', { name: 'Appliquer' }).click();
  const send = phone.getByRole('button', { name: /Envoyer à l'ordinateur|L'envoyer quand même/ });
  await expect(send).toBeVisible({ timeout: 20_000 });
  await send.click();
}

test('the computer shows a QR code, the phone takes and sends the photo, the application goes with it', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  await openPhonePanel(page, 'handoff');
  const qr = page.getByRole('img', { name: 'QR code à scanner avec ton téléphone' });
  await expect(qr).toBeVisible();
  await checkPage(page, 'handoff-computer-fr');
  const link = await readQrCode(qr);
  expect(link).toMatch(new RegExp(`^${baseURL}/telephone#[0-9a-f]{32}$`));

  const phone = await phonePage(browser, baseURL);
  await phone.goto(link);
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(PHONE_TITLE);
  await expect(phone).toHaveTitle(PHONE_TITLE);
  // The token is gone from the address bar at once.
  await expect.poll(() => phone.url()).toBe(`${baseURL}/telephone`);
  await expect(page.getByRole('status').filter({ hasText: 'Ton téléphone est connecté' })).toBeVisible();
  await expect(phone.getByRole('button', { name: 'Prendre une photo' })).toBeVisible();
  await checkPage(phone, 'handoff-phone-fr');

  await takeAndSend(phone);
  const sentAt = Date.now();
  await expect(phone.getByRole('heading', { name: 'C\'est fait, tu peux ranger ton téléphone' })).toBeVisible();
  await expect(phone.locator('#phone-done')).toBeFocused();
  await snap(phone, 'handoff-phone-done');
  // Nothing of the application on the phone.
  await expect(phone.locator('body')).not.toContainText('Martin');

  await expect(page.getByText('Voici la photo envoyée par ton téléphone.')).toBeVisible({ timeout: 5_000 });
  expect(Date.now() - sentAt).toBeLessThan(5_000);
  await expect(page.getByRole('img', { name: 'Ta photo telle qu\'elle sera imprimée sur la carte' })).toBeVisible();
  await checkPage(page, 'handoff-computer-received');
  await confirmPhonePhoto(page);
  let sent;
  page.on('request', (r) => { if (r.url().endsWith('/api/v1/applications') && r.method() === 'POST') sent = r; });
  await next(page);
  await next(page);
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande enregistrée');
  // The photo is required by the API: the application was sent with the phone's photo.
  expect(sent.headers()['content-type']).toMatch(/^multipart\/form-data/);

  // The link works once: a second phone is told so.
  const second = await phonePage(browser, baseURL, [/status of 409/]);
  await second.goto(link);
  await expect(second.locator('#phone-problem')).toContainText('Ce lien a déjà été utilisé par un autre téléphone');
  await checkPage(second, 'handoff-phone-used');
  for (const p of [phone, second]) {
    expect(p.problems).toEqual([]);
    await p.context().close();
  }
});

test('the short code typed at /tel opens the handoff; leaving the step cancels it', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  await openPhonePanel(page, 'handoff-code');
  const code = await page.locator('.handoff__short-code').textContent();
  expect(code).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{4}$/);
  await expect(page.locator('.handoff__address')).toHaveText(`${new URL(baseURL).host}/tel`);

  const phone = await phonePage(browser, baseURL, [/status of 410/]);
  await phone.goto('/tel');
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(PHONE_TITLE);
  await checkPage(phone, 'handoff-phone-code');
  // A typo is caught on the phone before asking the server.
  await phone.getByLabel('Code affiché sur l\'ordinateur').fill('K7QD-94M');
  await phone.getByRole('button', { name: 'Valider' }).click();
  await expect(phone.getByText('Ce code n\'est pas valable')).toBeVisible();
  await expect(phone.getByLabel('Code affiché sur l\'ordinateur')).toBeFocused();
  await phone.getByLabel('Code affiché sur l\'ordinateur').fill(code.toLowerCase().replace('-', ' '));
  await phone.getByRole('button', { name: 'Valider' }).click();
  await expect(phone.getByRole('button', { name: 'Prendre une photo' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Ton téléphone est connecté' })).toBeVisible();

  // English on both sides.
  await phone.getByRole('button', { name: /English/ }).click();
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Your Pass\'Région photo');
  await expect(phone).toHaveTitle('Your Pass\'Région photo');
  await expectAccessible(phone, 'phone page in English');
  await snap(phone, 'handoff-phone-en');
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByRole('heading', { name: 'Take the photo with your phone' })).toBeVisible();
  await checkPage(page, 'handoff-computer-en');
  await page.getByRole('button', { name: /Français/ }).click();

  // The computer leaves the step: the handoff is cancelled, the phone's photo is no longer expected.
  const cancelled = page.waitForRequest((r) => r.method() === 'DELETE' && /\/api\/v1\/handoffs\//.test(r.url()));
  await page.getByRole('link', { name: 'Retour', exact: true }).click();
  await cancelled;
  await phone.getByLabel('Choose a photo').setInputFiles(PHOTO);
  await phone.getByRole('button', { name: 'Apply' }).click();
  await phone.getByRole('button', { name: /Send to the computer|Send it anyway/ }).click();
  await expect(phone.locator('#phone-send-problem')).toContainText('The computer is no longer waiting for this photo');
  expect(phone.problems).toEqual([]);
  await phone.context().close();
});

test('an expired link is refused with a clear message', async ({ browser, request }) => {
  // The idle server's handoffs live 3 s.
  const created = await (await request.post(`${idleURL}/api/v1/handoffs`)).json();
  await new Promise((r) => setTimeout(r, 3_500));
  const phone = await phonePage(browser, idleURL, [/status of 410/]);
  await phone.goto(created.link);
  await expect(phone.locator('#phone-problem')).toContainText('Ce lien a expiré. Sur l\'ordinateur, demande un nouveau QR code.');
  await expect.poll(() => phone.url()).toBe(`${idleURL}/telephone`);
  // Stuck on the phone: the helpline is there to call.
  await expect(phone.getByRole('contentinfo').getByRole('link', { name: '0810 559 559' })).toHaveAttribute('href', 'tel:+33810559559');
  await checkPage(phone, 'handoff-phone-expired');
  expect(phone.problems).toEqual([]);
  await phone.context().close();
});
