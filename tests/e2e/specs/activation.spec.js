// Activation links as people meet them: a link replaced by "Je n'ai rien reçu" says so and offers a new one; once the
// account is active, every link of it says so and shows the dossier number to log in with.
import { test, expect, allowConsoleErrors, checkPage } from '../fixtures.js';
import { readFileSync } from 'node:fs';
import { PHOTO } from '../journey.js';

/** An application sent straight to the API (the journey itself is covered elsewhere); returns its dossier number. */
async function apply(request, email) {
  const application = {
    campaign_id: '2026-2027',
    charter_version: '2026.1',
    identity: {
      civility: 'madame', last_name: 'Martin', first_name: 'Élise', birth_date: '2008-03-14', email,
      password: 'Velo-2026-rouge',
    },
    guardian: null,
    contact: {
      mobile_phone: '+33612345678',
      address: { street: '20 rue Jean Richepin', postal_code: '63000', commune: 'Clermont-Ferrand' },
    },
    schooling: { uai: '0630020E', stream_code: '2011001911' },
    delivery: { send_to_establishment: true },
    consents: { good_deals: false, news: false },
  };
  const res = await request.post('/api/v1/applications', {
    headers: { 'Idempotency-Key': `e2e-${email}` },
    multipart: {
      application: { name: 'application.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(application)) },
      photo: { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: readFileSync(PHOTO) },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).dossier_number;
}

async function links(request, to) {
  const mails = await (await request.get('/api/v1/dev/outbox')).json();
  return mails.filter((m) => m.to === to).map((m) => m.link);
}

test('a replaced link says a newer one was sent; once active, every link shows the dossier number', async ({ page, request }) => {
  allowConsoleErrors(page, /status of 410/, /status of 409/);
  const email = `remplace.${Date.now()}@example.fr`;
  const number = await apply(request, email);
  const first = (await links(request, email))[0];
  const resent = await request.post('/api/v1/activations/resend', { data: { email } });
  expect(resent.status()).toBe(202);
  const newest = (await links(request, email))[0];
  expect(newest).not.toBe(first);

  await page.goto(first);
  await expect(page.getByText("Un lien plus récent t'a été envoyé : celui-ci ne fonctionne plus.")).toBeVisible();
  await expect(page.getByText("Ce lien d'activation n'est pas valable.")).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Recevoir un nouveau lien' })).toBeVisible();
  await checkPage(page, 'activation-replaced');

  await page.goto(newest);
  await expect(page.getByText('Ton compte est activé.')).toBeVisible();
  const shown = number.match(/../g).join(' ');
  // Inside the sentence the number is one unbreakable piece: never "11 63 72" on one line and "24 26" on the next.
  const sentence = await page.getByText(/identifiant de connexion/).innerText();
  expect(sentence).toContain(number.match(/../g).join('\u00a0'));
  for (const link of [first, newest]) {
    await page.goto(link);
    await expect(page.getByText('Ton compte est déjà activé.')).toBeVisible();
    await expect(page.getByRole('main')).toContainText(shown);
    await expect(page.getByRole('link', { name: /espace/i }).first()).toHaveAttribute('href', '/espace/connexion');
  }
  await checkPage(page, 'activation-already');
});
