// Issue 12: step numbers the helpdesk can rely on, deep links that say what is missing, and Back after sending.
import { test, expect, checkPage } from '../fixtures.js';
import {
  STUDENT, GUARDIAN, reachReview, next, expectStep, start, acceptCharter, fillIdentity, fillGuardian,
  chooseSchool, fillContact,
} from '../journey.js';

const unique = (tag, extra = {}) => ({ ...STUDENT, email: `${tag}.${Date.now()}@example.fr`, ...extra });
const FOURTEEN = { day: '2', month: '10', year: '2011' }; // 14 on the campaign's reference date
const SIXTEEN = STUDENT.birth;

/** The number shown for each step a person walks through, from charter to review. */
async function numbersFor(page, person) {
  const seen = {};
  const note = async (slug) => {
    const caption = page.locator('#step-title .step__progress');
    await expect(caption).toBeVisible();
    seen[slug] = await caption.innerText();
    // The tab title names the step with its number, as the heading reads.
    const name = await page.locator('#step-title .step__name').innerText();
    await expect(page).toHaveTitle(`${seen[slug]} : ${name} – Pass'Région`);
  };
  await start(page);
  await note('charte');
  await acceptCharter(page);
  await expectStep(page, 'identite');
  await note('identite');
  await fillIdentity(page, person);
  // Typing the birth date does not change the count any more.
  await expect(page.locator('#step-title .step__progress')).toHaveText('Étape 2 sur 7');
  await next(page);
  if (person.birth === FOURTEEN) {
    await expectStep(page, 'representant-legal', '2 bis', 7);
    await note('representant-legal');
    await fillGuardian(page, { ...GUARDIAN, email: `tuteur.${Date.now()}@example.fr` });
    await next(page);
  }
  await expectStep(page, 'coordonnees');
  await note('coordonnees');
  return seen;
}

test('a 14- and a 16-year-old see the same number for the same step', async ({ page, context }) => {
  const young = page;
  const older = await context.newPage(); // another tab: its own sessionStorage, so its own draft
  const a = await numbersFor(young, unique('quatorze', { birth: FOURTEEN }));
  const b = await numbersFor(older, unique('seize', { birth: SIXTEEN }));
  expect(a['representant-legal']).toBe('Étape 2 bis sur 7');
  expect(b['representant-legal']).toBeUndefined();
  for (const slug of ['charte', 'identite', 'coordonnees']) expect(a[slug]).toBe(b[slug]);
  expect(b).toEqual({ charte: 'Étape 1 sur 7', identite: 'Étape 2 sur 7', coordonnees: 'Étape 3 sur 7' });
  await older.close();
});

test('a deep link to a step not reachable yet says which answers are missing and links to them', async ({ page }) => {
  await start(page);
  await acceptCharter(page);
  await page.goto('/demande/photo');
  await expectStep(page, 'identite', 2, 7);
  const notice = page.locator('#deep-link-notice');
  await expect(notice).toBeFocused();
  await expect(notice.getByRole('heading')).toHaveText("L'étape demandée n'est pas encore accessible : Étape 5 sur 7 : Ta photo");
  const links = notice.getByRole('link');
  await expect(links).toHaveText([
    'Étape 2 sur 7 : Ton identité',
    'Étape 3 sur 7 : Tes coordonnées',
    'Étape 4 sur 7 : Ton établissement et ta filière',
  ]);
  await expect(links.first()).toHaveAttribute('aria-current', 'page');
  // Each step says which answers it still needs.
  const items = notice.getByRole('listitem');
  await expect(items.nth(0)).toContainText('À remplir : Civilité, Nom, Prénom, Date de naissance, Adresse e-mail');
  await expect(items.nth(1)).toContainText('À remplir : Téléphone portable');
  await expect(items.nth(2)).toContainText('À remplir : Établissement');
  await checkPage(page, 'deep-link-too-early');

  // Answering the identity step takes it off the list.
  await fillIdentity(page);
  await expect(links).toHaveCount(2);

  // Every step listed opens from the notice, not only the first: here the school before the contact details.
  await links.nth(1).click();
  await expectStep(page, 'etablissement', 4, 7);
  await expect(notice).toBeFocused();
  await expect(links).toHaveText(['Étape 3 sur 7 : Tes coordonnées', 'Étape 4 sur 7 : Ton établissement et ta filière']);
  await expect(links.nth(1)).toHaveAttribute('aria-current', 'page');
  await checkPage(page, 'deep-link-detour');
  await chooseSchool(page);
  // "Continuer" leads to what is still missing, then to the step asked for.
  await next(page);
  await expectStep(page, 'coordonnees', 3, 7);
  await expect(links).toHaveText(['Étape 3 sur 7 : Tes coordonnées']);
  await fillContact(page);
  await next(page);
  await expectStep(page, 'photo', 5, 7);
  await expect(page.locator('#deep-link-notice')).toHaveCount(0);
});

test('Back after sending shows that the application is already sent, with its receipt', async ({ page }) => {
  await reachReview(page, unique('retour'));
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande enregistrée');
  const number = await page.locator('#dossier-number').innerText();
  expect(number.replace(/\s/g, '')).toMatch(/^\d{10}$/);

  await page.goBack();
  await expect(page).toHaveURL(/\/demande\/verification$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ta demande est déjà envoyée');
  await expect(page).toHaveTitle("Ta demande est déjà envoyée – Pass'Région");
  await expect(page.locator('#dossier-number')).toHaveText(number);
  await expect(page.getByRole('main')).toContainText(STUDENT.schoolName);
  await expect(page.getByText(/^Étape \d/)).toHaveCount(0);
  await checkPage(page, 'already-sent');

  // Going back further still says so; "Faire une autre demande" starts an empty one.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ta demande est déjà envoyée');
  await page.getByRole('button', { name: 'Faire une autre demande' }).click();
  await expectStep(page, 'charte', 1, 7);
  await expect(page.getByLabel('J\'accepte la charte des droits et devoirs')).not.toBeChecked();
});
