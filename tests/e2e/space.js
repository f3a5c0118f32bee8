// Helpers for the beneficiary space: dossiers made through the API (the journey's pages have their own specs),
// activated from the dev outbox, moved on by the dev back office, and the space's pages driven by labels and text.
import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { PHOTO, STUDENT } from './journey.js';

const API = '/api/v1';
let counter = 0;

/** A unique address per dossier, so the limits per email never meet and the outbox is easy to read. */
export function uniqueEmail(tag) {
  counter += 1;
  return `${tag}.${process.pid}.${Date.now()}.${counter}@example.fr`;
}

/** Applies through the API on `base` (an origin) and returns { dossier, email, password }; activates unless told not to. */
export async function makeDossier(request, base, { tag = 'espace', activate = true, firstName = STUDENT.firstName, uai = '0630020E', streamCode } = {}) {
  const email = uniqueEmail(tag);
  const charter = await (await request.get(`${base}${API}/charter`)).json();
  const streams = await (await request.get(`${base}${API}/establishments/${uai}/streams`)).json();
  const application = {
    campaign_id: '2026-2027',
    charter_version: charter.version,
    identity: {
      civility: 'madame', last_name: STUDENT.lastName, first_name: firstName, birth_date: '2010-03-14',
      email, password: STUDENT.password,
    },
    guardian: null,
    contact: {
      mobile_phone: '+33612345678',
      address: { street: STUDENT.street, postal_code: STUDENT.postalCode, commune: STUDENT.commune },
    },
    schooling: { uai, stream_code: streamCode ?? streams.groups[0].streams[0].code },
    delivery: { send_to_establishment: true },
    consents: { good_deals: false, news: false },
  };
  const res = await request.post(`${base}${API}/applications`, {
    headers: { 'Idempotency-Key': `e2e-${email}` },
    multipart: {
      application: { name: 'application.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(application)) },
      photo: { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: readFileSync(PHOTO) },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { dossier_number: dossier } = await res.json();
  if (activate) {
    const token = new URL(await mailTo(request, base, email, (m) => m.link?.includes('token='))).searchParams.get('token');
    const act = await request.post(`${base}${API}/activations`, { data: { token } });
    expect(act.ok(), await act.text()).toBeTruthy();
  }
  return { dossier, email, password: STUDENT.password };
}

/** The newest dev-outbox email to `to` that `match` accepts; its link, or the mail itself with `whole`. */
export async function mailTo(request, base, to, match = () => true, whole = false) {
  let mail;
  await expect(async () => {
    const mails = await (await request.get(`${base}${API}/dev/outbox`)).json();
    mail = mails.filter((m) => m.to === to && match(m)).sort((a, b) => b.id - a.id)[0];
    expect(mail, `no matching email to ${to}`).toBeTruthy();
  }).toPass({ timeout: 10_000 });
  return whole ? mail : mail.link;
}

/** The dev back office moves the dossier on. */
export async function backOffice(request, base, dossier, event) {
  const res = await request.post(`${base}${API}/dev/dossiers/${dossier}/events`, { data: event });
  expect(res.ok(), await res.text()).toBeTruthy();
}

/** "2629764351" → "26 29 76 43 51", as a person copies it from the confirmation. */
export const pairs = (n) => n.replace(/(\d\d)(?=\d)/g, '$1 ');

export async function logIn(page, { dossier, password }, base = '') {
  await page.goto(`${base}/espace/connexion`);
  await page.getByLabel('Numéro de dossier').fill(pairs(dossier));
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Bonjour / })).toBeVisible();
}

/** A dossier whose card is made (validated, then manufactured by the dev back office), logged in on `page`. */
export async function withCard(page, request, base, tag, options = {}) {
  const d = await makeDossier(request, base, { tag, ...options });
  await backOffice(request, base, d.dossier, { kind: 'school_validated' });
  await backOffice(request, base, d.dossier, { kind: 'card_manufactured' });
  await logIn(page, d);
  return d;
}

/** The card in use, read through the logged-in page's own session (the cookie is the page's). */
export async function cardOf(page) {
  return page.evaluate(async () => (await (await fetch('/api/v1/dossier')).json()).card);
}

/** A partner's terminal checks a code: { status, body }. */
export async function partnerCheck(request, base, cardNumber, code) {
  const res = await request.post(`${base}${API}/partner/checks`, { data: { card_number: cardNumber, code } });
  return { status: res.status(), body: await res.json() };
}

/** The dev partner records a use of an advantage. */
export async function recordUse(request, base, dossier, use) {
  const res = await request.post(`${base}${API}/dev/dossiers/${dossier}/uses`, { data: use });
  expect(res.ok(), await res.text()).toBeTruthy();
}
