// The whole journey with the keyboard only: Tab to reach, Space to tick, arrows in the combobox and the crop frame,
// Enter to validate. Each control must be reachable in order and operable without a pointer.
import { test, expect } from '../fixtures.js';
import { STUDENT, PHOTO, expectStep } from '../journey.js';
import { tabTo, typeInto, press, fromTop } from '../keyboard.js';

test('the whole application can be made with the keyboard only', async ({ page }) => {
  const s = { ...STUDENT, email: `clavier.${Date.now()}@example.fr` };
  const cont = page.getByRole('button', { name: 'Continuer', exact: true });
  await page.goto('/');
  await press(page, page.getByRole('button', { name: 'Commencer' }).or(page.getByRole('link', { name: 'Commencer' })).first());
  await expectStep(page, 'charte', 1, 7);

  await fromTop(page);
  await press(page, page.getByLabel('J\'accepte la charte des droits et devoirs'), 'Space');
  await press(page, cont);
  await expectStep(page, 'identite', 2, 7);

  await fromTop(page);
  await press(page, page.getByRole('radio', { name: 'Madame', exact: true }), 'Space');
  await typeInto(page, page.getByLabel('Nom', { exact: true }), s.lastName);
  await typeInto(page, page.getByLabel('Prénom', { exact: true }), s.firstName);
  await typeInto(page, page.getByLabel('Jour'), s.birth.day);
  await typeInto(page, page.getByLabel('Mois'), s.birth.month);
  await typeInto(page, page.getByLabel('Année'), s.birth.year);
  await typeInto(page, page.getByLabel('Adresse e-mail', { exact: true }), s.email);
  await typeInto(page, page.getByLabel('Confirme ton adresse e-mail'), s.email);
  await typeInto(page, page.getByLabel('Mot de passe', { exact: true }), s.password);
  await typeInto(page, page.getByLabel('Confirme ton mot de passe'), s.password);
  await press(page, cont);
  await expectStep(page, 'coordonnees', 3, 7);

  await fromTop(page);
  await typeInto(page, page.getByLabel('Téléphone portable'), s.phone);
  await typeInto(page, page.getByLabel('Numéro et voie'), s.street);
  await typeInto(page, page.getByLabel('Code postal'), s.postalCode);
  // The postcode's only commune is offered already chosen; it is reached with Tab like the rest.
  const commune = page.getByLabel('Commune', { exact: true });
  await tabTo(page, commune);
  await expect(commune).toHaveValue(s.commune);
  await press(page, cont);
  await expectStep(page, 'etablissement', 4, 7);

  await fromTop(page);
  const box = page.getByRole('combobox', { name: /Établissement/ });
  await typeInto(page, box, s.schoolQuery);
  await expect(page.getByRole('option').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', /.+/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toContainText(s.schoolName);
  const stream = page.getByLabel('Filière', { exact: true });
  await tabTo(page, stream);
  await stream.selectOption({ label: s.stream }); // a native select: the keys are the browser's own
  await press(page, cont);
  await expectStep(page, 'photo', 5, 7);

  await fromTop(page);
  const file = page.getByLabel(/Choisir une photo/);
  await tabTo(page, file);
  await file.setInputFiles(PHOTO); // the operating system's file dialog is outside the page
  // The chosen photo takes focus in its frame: the arrows work at once; then the zoom slider, then "Appliquer".
  const frame = page.getByRole('application', { name: 'Cadrage de la photo' });
  await expect(frame).toBeFocused();
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('-');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('slider', { name: 'Zoom' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Appliquer' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText(/Photo enregistrée\. Tu peux continuer\.|Ta photo est enregistrée telle quelle/)).toBeVisible({ timeout: 20_000 });
  await press(page, cont);
  await expectStep(page, 'envoi', 6, 7);

  // Recommended delivery ticked; both opt-ins start unticked: consent is given, never assumed.
  await expect(page.getByLabel(/envoyé directement dans mon établissement/)).toBeChecked();
  await expect(page.getByLabel('Je souhaite recevoir les bons plans de la Région')).not.toBeChecked();
  await expect(page.getByLabel('Je souhaite recevoir l\'actualité de la Région')).not.toBeChecked();
  await fromTop(page);
  await press(page, page.getByLabel('Je souhaite recevoir l\'actualité de la Région'), 'Space');
  await expect(page.getByLabel('Je souhaite recevoir l\'actualité de la Région')).toBeChecked();
  await press(page, cont);
  await expectStep(page, 'verification', 7, 7);

  await fromTop(page);
  await press(page, page.getByRole('button', { name: 'Envoyer ma demande' }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demande enregistrée');
});
