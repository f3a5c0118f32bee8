// Steps of the application journey, driven the way a person does it: by labels, roles and visible text.
import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A 16-year-old on the campaign's reference date (2026-09-01), at Lycée Sidoine Apollinaire. */
export const STUDENT = {
  civility: 'Madame',
  lastName: "N'Diaye",
  firstName: 'Éloïse',
  birth: { day: '14', month: '3', year: '2010' },
  email: 'eloise.ndiaye@example.fr',
  password: 'Lycee2026ok',
  phone: '06 12 34 56 78',
  street: '12 rue de la République',
  postalCode: '63000',
  commune: 'Clermont-Ferrand',
  schoolQuery: 'sidoine',
  schoolName: 'Lycée Sidoine Apollinaire',
  stream: 'Seconde générale et technologique',
};

export const GUARDIAN = {
  civility: 'Monsieur',
  lastName: 'Nguyễn',
  firstName: 'Minh',
  email: 'minh.nguyen@example.fr',
  phone: '04 73 00 00 00',
};

/** A small real ID photo (a JPEG made from the shipped fixture). */
export const PHOTO = join(import.meta.dirname, 'fixtures', 'portrait.jpg');

export const next = (page) => page.getByRole('button', { name: 'Continuer', exact: true }).click();

export async function expectStep(page, slug, n, m) {
  await expect(page).toHaveURL(new RegExp(`/demande/${slug}(\\?.*)?$`));
  if (n) await expect(page.getByText(`Étape ${n} sur ${m}`, { exact: true })).toBeVisible();
}

/** Resolves once the app has mounted over index.html's static first frame, whose links are plain page loads. */
export async function appMounted(page) {
  await page.waitForFunction(() => {
    const last = document.body.lastElementChild;
    return last && !last.classList.contains('boot-shell') && last.tagName !== 'SCRIPT';
  });
}

export async function start(page) {
  await page.goto('/');
  // Clicking the static frame's link while the app takes over raced with it (a CI run hung there once).
  await appMounted(page);
  await page.getByRole('button', { name: 'Commencer' }).or(page.getByRole('link', { name: 'Commencer' })).first().click();
  await expectStep(page, 'charte');
}

export async function acceptCharter(page) {
  await page.getByLabel('J\'accepte la charte des droits et devoirs').check();
  await next(page);
}

export async function fillIdentity(page, p = STUDENT) {
  await page.getByRole('radio', { name: p.civility, exact: true }).check();
  await page.getByLabel('Nom', { exact: true }).fill(p.lastName);
  await page.getByLabel('Prénom', { exact: true }).fill(p.firstName);
  const birth = page.getByRole('group', { name: /Date de naissance/ });
  await birth.getByLabel('Jour').fill(p.birth.day);
  await birth.getByLabel('Mois').fill(p.birth.month);
  await birth.getByLabel('Année').fill(p.birth.year);
  await page.getByLabel('Adresse e-mail', { exact: true }).fill(p.email);
  await page.getByLabel('Confirme ton adresse e-mail').fill(p.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(p.password);
  await page.getByLabel('Confirme ton mot de passe').fill(p.password);
}

export async function fillGuardian(page, g = GUARDIAN) {
  await page.getByRole('radio', { name: g.civility, exact: true }).check();
  await page.getByLabel('Nom du représentant légal', { exact: true }).fill(g.lastName);
  await page.getByLabel('Prénom du représentant légal', { exact: true }).fill(g.firstName);
  await page.getByLabel('Adresse e-mail du représentant légal').fill(g.email);
  await page.getByLabel('Téléphone du représentant légal').fill(g.phone);
  // No box for the child to tick: the guardian agrees from the emailed link (guardian.spec.js).
}

export async function fillContact(page, p = STUDENT) {
  await page.getByLabel('Téléphone portable').fill(p.phone);
  await page.getByLabel('Numéro et voie').fill(p.street);
  await page.getByLabel('Code postal').fill(p.postalCode);
  await chooseCommune(page, p.commune);
}

/** The commune is picked among the postcode's communes in the official list, offered once the postcode is typed
 * (a select; the only one of a postcode is already chosen). */
export async function chooseCommune(page, commune) {
  const field = page.getByLabel('Commune', { exact: true });
  await expect(field).toHaveJSProperty('tagName', 'SELECT');
  await field.selectOption({ label: commune.normalize('NFC') });
}

export async function chooseSchool(page, p = STUDENT) {
  const box = page.getByRole('combobox', { name: /Établissement/ });
  await box.fill(p.schoolQuery);
  await page.getByRole('option', { name: new RegExp(p.schoolName) }).click();
  await page.getByLabel('Filière', { exact: true }).selectOption({ label: p.stream });
}

export async function addPhoto(page, file = PHOTO) {
  await page.getByLabel('Choisir une photo').setInputFiles(file);
  await page.getByRole('button', { name: 'Appliquer' }).click();
  // One confirmation: "Appliquer" puts the prepared photo in use, advice or not.
  await expect(page.getByText(/Photo enregistrée\. Tu peux continuer\.|Ta photo est enregistrée telle quelle/))
    .toBeVisible({ timeout: 20_000 });
}

/** Walks from the start page to the review page, checking each step's number; `onStep(slug)` runs on arrival. */
export async function reachReview(page, p = STUDENT, onStep = async () => {}) {
  await start(page);
  await expectStep(page, 'charte', 1, 7);
  await onStep('charte');
  await acceptCharter(page);
  await expectStep(page, 'identite', 2, 7);
  await onStep('identite');
  await fillIdentity(page, p);
  await next(page);
  await expectStep(page, 'coordonnees', 3, 7);
  await onStep('coordonnees');
  await fillContact(page, p);
  await fromContactToReview(page, p, onStep);
}

/** From a filled contact step (its answers typed, not yet sent on) to the review page: school, photo, delivery,
 * each step's number checked; `onStep(slug)` runs on arrival. */
export async function fromContactToReview(page, p = STUDENT, onStep = async () => {}) {
  await next(page);
  await expectStep(page, 'etablissement', 4, 7);
  await onStep('etablissement');
  await chooseSchool(page, p);
  await onStep('etablissement-choisi');
  await next(page);
  await expectStep(page, 'photo', 5, 7);
  await onStep('photo');
  await addPhoto(page);
  await onStep('photo-choisie');
  await next(page);
  await expectStep(page, 'envoi', 6, 7);
  await onStep('envoi');
  await next(page);
  await expectStep(page, 'verification', 7, 7);
  await onStep('verification');
}

/** The newest activation email of the dev outbox sent to `to`. */
export async function activationLink(request, to) {
  const res = await request.get('/api/v1/dev/outbox');
  expect(res.ok()).toBeTruthy();
  const mails = await res.json();
  const mail = mails.find((m) => m.to === to);
  expect(mail, `no email to ${to} in ${JSON.stringify(mails).slice(0, 500)}`).toBeTruthy();
  return mail.link;
}

export function readJpegSize(buf) {
  // SOF0/SOF2 marker scan: width and height of a JPEG without decoding it.
  let i = 2;
  while (i < buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1];
    const len = buf.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  return null;
}

export const fixture = (name) => readFileSync(join(import.meta.dirname, 'fixtures', name));
