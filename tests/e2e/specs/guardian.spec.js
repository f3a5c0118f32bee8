// The legal guardian takes part for real (issue 12 point 5): a 14-year-old's application, the guardian's address
// may not be the child's own, the guardian confirms from the emailed link (dev outbox), the dossier says it waits
// for them until then, and a used link says so.
import { test, expect, checkPage, allowConsoleErrors } from '../fixtures.js';
import {
  STUDENT, GUARDIAN, next, expectStep, start, acceptCharter, fillIdentity, fillGuardian, fillContact,
  fromContactToReview,
} from '../journey.js';
import { mailTo, logIn } from '../space.js';

const stamp = () => `${process.pid}.${Date.now()}`;

test('a 14-year-old applies; the guardian agrees from the emailed link; the dossier waits for them until then', async ({ page, request, browser }) => {
  const id = stamp();
  const child = { ...STUDENT, email: `awa.${id}@example.fr`, birth: { day: '10', month: '5', year: '2012' } };
  const guardian = { ...GUARDIAN, email: `minh.${id}@example.fr` };

  await start(page);
  await acceptCharter(page);
  await fillIdentity(page, child);
  await next(page);
  await expectStep(page, 'representant-legal', '2 bis', 7);
  // No box for the child to tick: the step explains what happens instead.
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Comment ton représentant légal donne son accord' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('il recevra un e-mail avec un lien, valable 7 jours');

  // The child's own address, written differently, is refused on the field.
  await fillGuardian(page, { ...guardian, email: child.email.toUpperCase() });
  await next(page);
  await expect(page.getByRole('heading', { name: 'Il y a un problème' })).toBeVisible();
  const summaryLink = page.getByRole('link', { name: /pas la tienne/ });
  await expect(summaryLink).toBeVisible();
  await summaryLink.click();
  const field = page.getByLabel('Adresse e-mail du représentant légal');
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await checkPage(page, 'guardian-same-email');
  await field.fill(guardian.email);
  await next(page);
  await expectStep(page, 'coordonnees', 3, 7);
  await fillContact(page, child);
  await fromContactToReview(page, child);
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande enregistrée');

  // Before: the confirmation page says the dossier waits for the guardian, and where the email went.
  const status = page.getByRole('region', { name: 'Statut de ta demande' });
  await expect(status).toContainText("En attente de l'accord de ton représentant légal");
  await expect(status).toContainText('mi****@example.fr');
  await checkPage(page, 'guardian-confirmation-waiting');
  const number = (await page.locator('#dossier-number').innerText()).replace(/\s/g, '');

  // "Renvoyer l'e-mail": a second link goes to the guardian on file.
  const first = await mailTo(request, '', guardian.email);
  await status.getByRole('button', { name: "Renvoyer l'e-mail à mon représentant légal" }).click();
  await expect(status).toContainText('un nouveau lien vient de lui être envoyé');
  await expect.poll(async () => mailTo(request, '', guardian.email)).not.toBe(first);

  // The child activates the account and sees the same status in the space.
  const activation = await mailTo(request, '', child.email, (m) => m.link?.includes('token='));
  await page.goto(activation);
  await expect(page.getByText(/Ton compte est activé/)).toBeVisible();
  await logIn(page, { dossier: number, password: child.password });
  await expect(page.getByRole('main')).toContainText("En attente de l'accord de ton représentant légal");

  // The guardian, on their own device, opens the first link: their name, what they agree to, nothing of the child.
  const parent = await browser.newContext();
  const guardianPage = await parent.newPage();
  await guardianPage.goto(first);
  await expect(guardianPage.getByRole('heading', { level: 1 })).toHaveText('Accord du représentant légal');
  await expect(guardianPage).toHaveURL(/\/accord-parental$/); // the token is gone from the address bar
  const main = guardianPage.getByRole('main');
  await expect(main).toContainText(`Bonjour Monsieur ${guardian.firstName} ${guardian.lastName},`);
  await expect(main).toContainText('Ce que vous acceptez');
  await expect(main).toContainText('0810 559 559');
  for (const secret of [child.firstName, child.email, number, 'Sidoine']) await expect(main).not.toContainText(secret);
  await checkPage(guardianPage, 'guardian-consent-ask');
  await guardianPage.getByRole('button', { name: 'Je donne mon accord' }).click();
  await expect(guardianPage.getByRole('heading', { name: 'Merci, votre accord est enregistré' })).toBeFocused();
  await expect(main).toContainText(`La demande de ${child.firstName} peut maintenant être examinée`);
  await checkPage(guardianPage, 'guardian-consent-given');

  // A used link says so (the second one too: the consent is given once for the dossier).
  allowConsoleErrors(guardianPage, /status of 409/);
  for (const link of [first, await mailTo(request, '', guardian.email)]) {
    await guardianPage.goto('about:blank');
    await guardianPage.goto(link);
    await expect(guardianPage.getByRole('heading', { name: 'Votre accord a déjà été enregistré' })).toBeVisible();
  }
  await checkPage(guardianPage, 'guardian-consent-already');
  await parent.close();

  // After: the space no longer waits for the guardian.
  await page.reload();
  await expect(page.getByRole('main')).toContainText("Ton établissement n'a pas encore validé ta demande");
  await expect(page.getByRole('main')).not.toContainText("En attente de l'accord");
});

test('the consent page in English, and its unknown and missing links', async ({ page, request }) => {
  allowConsoleErrors(page, /status of 404/);
  // A real pending consent, made through the API with the journey's own helper data.
  const id = stamp();
  await page.goto('/accord-parental#' + '0'.repeat(64));
  await expect(page.getByRole('heading', { name: "Ce lien n'est pas valable" })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('0810 559 559');
  await checkPage(page, 'guardian-consent-unknown');
  await page.reload(); // the token was taken out of the address: nothing to read now
  await expect(page.getByRole('heading', { name: 'Aucun lien à lire' })).toBeVisible();

  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.getByRole('heading', { name: 'No link to read' })).toBeVisible();
  await checkPage(page, 'guardian-consent-nolink-en');

  const { link } = await pendingConsent(request, id);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Legal guardian's consent");
  await expect(page.getByRole('main')).toContainText('What you agree to');
  await expect(page.getByRole('button', { name: 'I give my consent' })).toBeVisible();
  await checkPage(page, 'guardian-consent-ask-en');
});

test('in --dev the 3-day reminder can be sent at once: it reaches the guardian once, with a link that works', async ({ page, request }) => {
  const { number, guardianEmail } = await pendingConsent(request, stamp());
  const toGuardian = async () => (await (await request.get('/api/v1/dev/outbox')).json()).filter((m) => m.to === guardianEmail);
  expect(await toGuardian()).toHaveLength(1);
  const move = `/api/v1/dev/dossiers/${number}/guardian-reminder`;
  const first = await request.post(move);
  expect(first.status(), await first.text()).toBe(200);
  expect(await first.json()).toEqual({ reminders_sent: 1 });
  // One reminder per dossier: asked again, nothing more goes.
  expect(await (await request.post(move)).json()).toEqual({ reminders_sent: 0 });
  const mails = await toGuardian();
  expect(mails).toHaveLength(2);
  const reminders = mails.filter((m) => m.subject.startsWith('Rappel'));
  expect(reminders).toHaveLength(1);
  await page.goto(reminders[0].link);
  await expect(page.getByRole('button', { name: 'Je donne mon accord' })).toBeVisible();
});

/** A 14-year-old's application through the API: its dossier number, the guardian's address and link (dev outbox). */
async function pendingConsent(request, id) {
  const { readFileSync } = await import('node:fs');
  const { PHOTO } = await import('../journey.js');
  const charter = await (await request.get('/api/v1/charter')).json();
  const streams = await (await request.get('/api/v1/establishments/0630020E/streams')).json();
  const guardianEmail = `parent.${id}@example.fr`;
  const application = {
    campaign_id: '2026-2027',
    charter_version: charter.version,
    identity: {
      civility: 'madame', last_name: 'Diallo', first_name: 'Awa', birth_date: '2012-05-10',
      email: `enfant.${id}@example.fr`, password: STUDENT.password,
    },
    guardian: { civility: 'madame', last_name: 'Diallo', first_name: 'Fatou', email: guardianEmail, phone: '+33473123456' },
    contact: {
      mobile_phone: '+33612345678',
      address: { street: STUDENT.street, postal_code: STUDENT.postalCode, commune: STUDENT.commune },
    },
    schooling: { uai: '0630020E', stream_code: streams.groups[0].streams[0].code },
    delivery: { send_to_establishment: true },
    consents: { good_deals: false, news: false },
  };
  const res = await request.post('/api/v1/applications', {
    headers: { 'Idempotency-Key': `e2e-guardian-${id}` },
    multipart: {
      application: { name: 'application.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(application)) },
      photo: { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: readFileSync(PHOTO) },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const number = (await res.json()).dossier_number;
  return { number, guardianEmail, link: await mailTo(request, '', guardianEmail) };
}
