// The beneficiary space, part 2 (issue 10): the card's secret code (refused with its reason before sending, then
// checked by a partner's terminal, locked after three wrong codes and unlocked by a new one), a stolen card
// blocked at once with its duplicate's own timeline, and the advantages moving as a partner records a use.
import { test, expect, checkPage, allowConsoleErrors } from '../fixtures.js';
import { backOffice, cardOf, logIn, mailTo, makeDossier, partnerCheck, recordUse, uniqueEmail, withCard } from '../space.js';

const SEQUENCE = 'Des chiffres qui se suivent (comme 1234 ou 9876) se devinent trop facilement.';
const BIRTH = "Ce code reprend ta date de naissance, qui figure sur tes papiers : quelqu'un qui trouve ta carte peut la connaître.";
const DONE = "Ton code secret est enregistré. Ta carte fonctionne déjà pour la cantine et l'accès à ton établissement ; ce code sert chez les partenaires.";

test('the secret code: refused with its reason, set, checked by a partner, locked after three wrong codes, then a new code unlocks', async ({ page, request, baseURL }) => {
  allowConsoleErrors(page, /status of 422/);
  const d = await withCard(page, request, baseURL, 'code');
  const task = page.getByRole('listitem').filter({ hasText: 'Définis ton code secret' });
  await expect(task).toContainText("Ta carte marche déjà pour la cantine et l'accès à ton établissement");
  const card = await cardOf(page);
  expect(card.number).toMatch(/^\d{16}$/);
  await expect(page.locator('.card-number')).toHaveText(card.number.replace(/(\d{4})(?=\d)/g, '$1 ').trim());
  await expect(page.locator('.card-state')).toContainText('pas encore de code secret');
  await checkPage(page, 'space-dossier-card');

  await task.getByRole('link', { name: 'Définis ton code secret' }).click();
  await expect(page).toHaveURL(/\/espace\/code-secret$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Ton code secret' })).toBeVisible();
  const code = page.getByLabel('Nouveau code secret');
  await expect(code).toHaveAttribute('inputmode', 'numeric');
  await expect(code).toHaveAttribute('autocomplete', 'off');
  await expect(code).toHaveAttribute('maxlength', '4');
  await checkPage(page, 'space-code');

  let sent = 0;
  page.on('request', (r) => { if (r.url().endsWith('/api/v1/secret-code')) sent += 1; });
  const submit = async (c, password = d.password) => {
    await code.fill(c);
    await page.getByLabel('Confirme ton code secret').fill(c);
    await page.getByLabel('Ton mot de passe actuel').fill(password);
    await page.getByRole('button', { name: 'Enregistrer mon code' }).click();
  };
  await submit('1234');
  await expect(page.locator('#error-summary')).toBeFocused();
  await expect(page.locator('#code-new-error')).toContainText(SEQUENCE);
  await submit('1403');
  await expect(page.locator('#code-new-error')).toContainText(BIRTH);
  expect(sent).toBe(0);
  await checkPage(page, 'space-code-errors');
  // The server's own refusal: a wrong current password, on its field.
  await submit('4829', 'PasLeBon123');
  await expect(page.locator('#code-password-error')).toContainText("Ce n'est pas ton mot de passe actuel.");
  await submit('4829');
  await expect(page.getByText(DONE)).toBeVisible();
  expect(sent).toBe(2);

  // The dossier no longer asks for it.
  await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Mon dossier' }).click();
  await expect(page.locator('.card-state')).toHaveText('Active, code secret défini');
  await expect(page.getByText('Définis ton code secret')).toHaveCount(0);

  // A partner's terminal: right code, then three wrong ones lock the card, even for the right code.
  expect(await partnerCheck(request, baseURL, card.number, '4829')).toEqual({ status: 200, body: { accepted: true } });
  expect(await partnerCheck(request, baseURL, card.number, '1111')).toEqual({ status: 200, body: { accepted: false, attempts_left: 2 } });
  expect((await partnerCheck(request, baseURL, card.number, '2222')).body.attempts_left).toBe(1);
  const locked = await partnerCheck(request, baseURL, card.number, '3333');
  expect([locked.status, locked.body.code]).toEqual([423, 'code_locked']);
  expect((await partnerCheck(request, baseURL, card.number, '4829')).status).toBe(423);
  await page.reload();
  await expect(page.locator('.card-state')).toHaveText('Bloquée après 3 codes faux : définis un nouveau code');

  // Keyboard only: the new code from the dossier's link.
  const link = page.getByRole('link', { name: 'Définir un nouveau code' });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Ton code secret' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(code).toBeFocused();
  await page.keyboard.type('5937');
  await page.keyboard.press('Tab');
  await page.keyboard.type('5937');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Ton mot de passe actuel')).toBeFocused();
  await page.keyboard.type(d.password);
  await page.keyboard.press('Enter');
  await expect(page.getByText(DONE)).toBeVisible();
  expect(await partnerCheck(request, baseURL, card.number, '5937')).toEqual({ status: 200, body: { accepted: true } });

  await page.getByRole('button', { name: 'EN – English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your secret code' })).toBeVisible();
  await checkPage(page, 'space-code-en');
  await page.getByRole('button', { name: 'FR – Français' }).click();
});

test('a stolen card is blocked at once, partners refuse it, and the duplicate has its own timeline', async ({ page, request, baseURL }) => {
  allowConsoleErrors(page, /status of 409/);
  const d = await withCard(page, request, baseURL, 'stolen');
  const card = await cardOf(page);
  await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Carte perdue ou volée' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Carte perdue, volée ou abîmée' })).toBeVisible();
  await expect(page.getByText('Ta carte sera bloquée immédiatement.')).toBeVisible();
  await expect(page.getByText('tu ne pourras pas la débloquer depuis ton espace', { exact: false })).toBeVisible();
  await expect(page.getByRole('link', { name: '0810 559 559' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Bloquer ma carte et demander un duplicata' }).click();
  await expect(page.locator('#error-summary')).toContainText('Dis-nous si ta carte est perdue, volée ou abîmée.');
  await expect(page.locator('#error-summary')).toContainText('Saisis ton mot de passe actuel.');
  await checkPage(page, 'space-card-declare');

  await page.getByLabel("On me l'a volée").check();
  await page.getByLabel('Chez moi, par La Poste').check();
  await expect(page.getByLabel('Numéro et rue')).not.toHaveValue('');
  // The home address's commune as on "Mes informations": the postcode's communes from the official list.
  const commune = page.getByLabel('Commune', { exact: true });
  await expect(commune).toHaveJSProperty('tagName', 'SELECT');
  await expect(commune).toHaveValue('Clermont-Ferrand');
  let declarations = 0;
  page.on('request', (r) => { if (r.url().endsWith('/api/v1/card/declarations')) declarations += 1; });
  await page.getByLabel('Numéro et rue').fill('12 rue Neuve');
  // A new postcode whose communes do not include the old one: nothing is chosen, and nothing is sent.
  await page.getByLabel('Code postal').fill('63122');
  await expect(commune.locator('option')).toHaveText(['Choisis ta commune', 'Ceyrat', 'Saint-Genès-Champanelle']);
  await expect(commune).toHaveValue('');
  await page.getByLabel('Ton mot de passe actuel').fill(d.password);
  await page.getByRole('button', { name: 'Bloquer ma carte et demander un duplicata' }).click();
  await expect(page.locator('#error-summary')).toBeFocused();
  await expect(page.locator('#card-commune-error')).toHaveText(/Choisis ta commune dans la liste\./);
  await page.locator('#error-summary').getByRole('link', { name: 'Choisis ta commune dans la liste.' }).click();
  await expect(commune).toBeFocused();
  await checkPage(page, 'space-card-declare-commune');
  expect(declarations).toBe(0);
  await commune.selectOption('Ceyrat');
  await page.getByLabel('Ton mot de passe actuel').fill(d.password);
  await checkPage(page, 'space-card-declare-home');
  await page.getByRole('button', { name: 'Bloquer ma carte et demander un duplicata' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ta carte est bloquée' })).toBeVisible();
  expect(declarations).toBe(1);
  const stored = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
  expect(stored.address).toMatchObject({ street: '12 rue Neuve', postal_code: '63122', commune: 'Ceyrat' });
  const refused = await partnerCheck(request, baseURL, card.number, '0000');
  expect([refused.status, refused.body.code]).toEqual([409, 'card_blocked']);

  await page.getByRole('link', { name: 'Suivre mon duplicata' }).click();
  await expect(page.locator('.card-state')).toHaveText('Carte bloquée le 1er octobre 2026');
  // The dossier's status speaks of the blocked card and where its duplicate stands, not of the first card.
  const status = page.locator('.space-status');
  await expect(status).toContainText("Carte bloquée le 1er octobre 2026 : tu l'as déclarée volée. Personne ne peut plus l'utiliser chez les partenaires.");
  await expect(status).toContainText('Ton duplicata est demandé. La Région vérifie ta demande ; le duplicata arrive 10 à 15 jours après cette validation.');
  await expect(status).not.toContainText('en fabrication');
  // The first card is no longer expected: only the duplicate's timeline gives days.
  const first = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Où en est ta demande' }) });
  await expect(first).not.toContainText('devrait arriver');
  // Blocked while being made: what the first card had not reached will not happen, and says so.
  for (const stage of ['Fabrication et expédition', 'Carte remise']) {
    await expect(first.locator('.timeline__step').filter({ hasText: stage })).toContainText('Arrêté : cette carte a été bloquée');
  }
  await expect(first).not.toContainText('En cours');
  const dup = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Ton duplicata' }) });
  await expect(dup).toContainText('Carte déclarée volée le 1er octobre 2026. Le duplicata sera envoyé chez toi.');
  await expect(dup.locator('.timeline__step').first()).toContainText('Validation de ta demande');
  await expect(dup.locator('.timeline__step').first()).toContainText('En cours');
  // Declared on 1 October: the Région's validation expected 1 to 5 days after (our assumption, in README).
  const validation = 'La Région devrait valider ta demande entre le 2 et le 6 octobre.';
  await expect(dup.locator('.timeline__step').first().locator('.timeline__expected')).toHaveText(validation);
  await expect(status).toContainText(validation);
  await expect(dup.locator('.timeline__step').nth(1).locator('.timeline__expected')).toHaveCount(0);
  await expect(dup.locator('.timeline__step')).toHaveCount(3);
  await checkPage(page, 'space-duplicate');

  await backOffice(request, baseURL, d.dossier, { kind: 'duplicate_validated' });
  await page.reload();
  const made = dup.locator('.timeline__step').nth(1);
  await expect(dup.locator('.timeline__step').first()).toContainText('Fait le 1er octobre 2026');
  await expect(dup.locator('.timeline__step').first().locator('.timeline__expected')).toHaveCount(0);
  await expect(status).not.toContainText(validation);
  await expect(made).toContainText('En cours');
  await expect(made).toContainText('Ta carte devrait arriver entre le 11 et le 16 octobre.');
  await expect(status).toContainText('Carte bloquée le 1er octobre 2026');
  await expect(status).toContainText('Ta carte devrait arriver entre le 11 et le 16 octobre.');
  await expect(status).not.toContainText('La Région vérifie ta demande');
  await page.getByRole('button', { name: 'EN – English' }).click();
  await expect(page.getByRole('heading', { name: 'Your replacement card' })).toBeVisible();
  await checkPage(page, 'space-duplicate-en');
  await page.getByRole('button', { name: 'FR – Français' }).click();

  await backOffice(request, baseURL, d.dossier, { kind: 'duplicate_sent' });
  await page.reload();
  await expect(made).toContainText('Fait le 1er octobre 2026');
  await expect(dup.locator('.timeline__step').nth(2)).toContainText('En cours');
  await expect(status).toContainText('Ton duplicata a été envoyé chez toi le 1er octobre 2026, par La Poste.');
  await checkPage(page, 'space-duplicate-sent');
  await backOffice(request, baseURL, d.dossier, { kind: 'duplicate_handed_over' });
  await page.reload();
  await expect(status).toHaveText('Tu as reçu ta carte le 1er octobre 2026. Profite bien de ton Pass\'Région !');
  const fresh = await cardOf(page);
  expect(fresh.number).not.toBe(card.number);
  // The card page now says the card was declared rather than offering to declare it again.
  await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Carte perdue ou volée' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Carte perdue, volée ou abîmée' })).toBeVisible();
});

test('the advantages: granted and left, free ones, and a partner use moves the balance', async ({ page, request, baseURL }) => {
  const d = await withCard(page, request, baseURL, 'advantages');
  await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Mes avantages' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes avantages' })).toBeVisible();
  const cinema = page.locator('.advantage').filter({ has: page.locator('#advantage-cinema') });
  await expect(cinema).toContainText('5 places sur 5');
  await expect(page.locator('.advantage').filter({ has: page.locator('#advantage-museums') })).toContainText('Gratuit');
  await expect(cinema).toContainText('Valable du 1er septembre 2026 au 30 juin 2027');
  await checkPage(page, 'space-advantages');

  await recordUse(request, baseURL, d.dossier, { kind: 'cinema', partner: 'Cinéma Le Rio', tickets: 2 });
  await recordUse(request, baseURL, d.dossier, { kind: 'books', partner: 'Librairie Les Volcans', cents: 1250 });
  await page.reload();
  await expect(cinema).toContainText('3 places sur 5');
  await expect(cinema.getByRole('row').filter({ hasText: 'Cinéma Le Rio' })).toContainText('2 places');
  const books = page.locator('.advantage').filter({ has: page.locator('#advantage-books') });
  await expect(books.getByRole('row').filter({ hasText: 'Librairie Les Volcans' })).toContainText('12,50\u00a0€');
  // 15 € of leisure books, 35 € in terminale.
  await expect(books).toContainText(/Reste (2,50\u00a0€ sur 15,00|22,50\u00a0€ sur 35,00)\u00a0€/);
  await checkPage(page, 'space-advantages-used');

  await page.getByRole('button', { name: 'EN – English' }).click();
  await expect(cinema).toContainText('3 tickets out of 5');
  await expect(books).toContainText(/€(2\.50 left out of €15|22\.50 left out of €35)\.00/);
  await checkPage(page, 'space-advantages-en');
  await page.getByRole('button', { name: 'FR – Français' }).click();
});

test('the advantages follow the stream: the cooking family\'s equipment aid, and the sport aid raised to 60 € by a club licence', async ({ page, request, baseURL }) => {
  const d = await withCard(page, request, baseURL, 'advantages-pro', { uai: '0030038A', streamCode: '40022106' });
  await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Mes avantages' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes avantages' })).toBeVisible();
  const equipment = page.locator('.advantage').filter({ has: page.locator('#advantage-equipment') });
  await expect(equipment).toContainText('Montant prévu pour ta filière : cuisine et alimentation.');
  await expect(equipment).toContainText('Reste 300,00\u00a0€ sur 300,00\u00a0€');
  await expect(equipment).toContainText('Valable du 1er juin 2026 au 31 mai 2027');
  const sport = page.locator('.advantage').filter({ has: page.locator('#advantage-sport') });
  await expect(sport).toContainText("30,00\u00a0€ pour une licence à l'association sportive de ton lycée (UNSS, UGSEL), 60,00\u00a0€ pour une licence dans un club sportif affilié à une fédération.");
  await expect(sport).toContainText('Reste 30,00\u00a0€ sur 30,00\u00a0€');
  await checkPage(page, 'space-advantages-pro');

  await recordUse(request, baseURL, d.dossier, { kind: 'sport', partner: 'Moulins Basket', cents: 4500, licence: 'club' });
  await recordUse(request, baseURL, d.dossier, { kind: 'equipment', partner: 'Coutellerie de Thiers', cents: 18990 });
  await page.reload();
  await expect(sport).toContainText('Ta licence est dans un club : ton aide passe à 60,00\u00a0€.');
  await expect(sport).toContainText('Reste 15,00\u00a0€ sur 60,00\u00a0€');
  await expect(sport.getByRole('row').filter({ hasText: 'Moulins Basket' })).toContainText('45,00\u00a0€');
  await expect(equipment).toContainText('Reste 110,10\u00a0€ sur 300,00\u00a0€');
  await checkPage(page, 'space-advantages-pro-used');

  await page.getByRole('button', { name: 'EN – English' }).click();
  await expect(equipment).toContainText('Amount set for your stream: cooking and food.');
  await expect(sport).toContainText('Your licence is in a club: your aid goes up to €60.00.');
  await checkPage(page, 'space-advantages-pro-en');
  await page.getByRole('button', { name: 'FR – Français' }).click();
});

test('my details: identity read-only, contact saved (a server refusal on its field), the email changed through its link, the password changed', async ({ page, request, baseURL }) => {
  allowConsoleErrors(page, /status of 422|status of 409/);
  const d = await makeDossier(request, baseURL, { tag: 'details' });
  await logIn(page, d);
  await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Mes informations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes informations' })).toBeVisible();
  await expect(page.getByText('14 mars 2010')).toBeVisible();
  await expect(page.getByText("Demande à ton établissement de la corriger.", { exact: false })).toBeVisible();
  await expect(page.getByLabel('Téléphone portable')).toHaveValue(/\S/);
  await checkPage(page, 'space-details');

  // The server's rule for the phone, its message on the field.
  await page.getByLabel('Téléphone portable').fill('12');
  await page.getByRole('button', { name: 'Enregistrer mes coordonnées' }).click();
  await expect(page.locator('#error-summary')).toBeFocused();
  await expect(page.locator('#me-phone-error')).toBeVisible();
  // Typed any way the rules accept; once saved, the page shows what the server holds, as the application writes it.
  await page.getByLabel('Téléphone portable').fill('+33711223344');
  await page.getByLabel('Numéro et rue').fill('  4   place de Jaude ');
  await page.getByLabel('Les actualités de la Région par e-mail').check();
  await page.getByRole('button', { name: 'Enregistrer mes coordonnées' }).click();
  await expect(page.getByText('Tes coordonnées sont enregistrées.')).toBeVisible();
  await expect(page.getByLabel('Téléphone portable')).toHaveValue('07 11 22 33 44');
  await expect(page.getByLabel('Numéro et rue')).toHaveValue('4 place de Jaude');
  await checkPage(page, 'space-details-saved');
  await page.reload();
  await expect(page.getByLabel('Les actualités de la Région par e-mail')).toBeChecked();

  const fresh = uniqueEmail('nouvelle');
  await page.getByLabel('Nouvelle adresse e-mail').fill(fresh);
  await page.getByLabel('Ton mot de passe actuel').first().fill(d.password);
  await page.getByRole('button', { name: 'Changer mon adresse' }).click();
  await expect(page.getByText(`Un lien a été envoyé à ${fresh} ; l'adresse changera quand tu l'auras ouvert.`)).toBeVisible();
  await expect(page.getByText(`En attente de confirmation : ${fresh}.`, { exact: false })).toBeVisible();
  const link = await mailTo(request, baseURL, fresh, (m) => m.link?.includes('/espace/confirmer-email?token='));
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Ta nouvelle adresse est confirmée' })).toBeVisible();
  await expect(page).toHaveURL(/\/espace\/confirmer-email$/);
  await checkPage(page, 'space-confirm-email');
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Ce lien a déjà servi' })).toBeVisible();
  await page.getByRole('link', { name: 'Mes informations' }).last().click();
  await expect(page.getByText(fresh)).toBeVisible();

  // The password: core's checklist, then the other sessions closed.
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Changer mon mot de passe' }) });
  await form.getByLabel('Ton mot de passe actuel').fill(d.password);
  await form.getByLabel('Nouveau mot de passe', { exact: true }).fill('court');
  await expect(form.locator('.checklist-live__item.met')).toHaveCount(1);
  await form.getByLabel('Nouveau mot de passe', { exact: true }).fill('Nouveau2027ok');
  await form.getByLabel('Confirme ton nouveau mot de passe').fill('Nouveau2027ok');
  await form.getByRole('button', { name: 'Changer mon mot de passe' }).click();
  await expect(page.getByText('Ton mot de passe est changé. Pour ta sécurité, tes autres sessions ont été fermées.')).toBeVisible();

  await page.getByRole('button', { name: 'EN – English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My details' })).toBeVisible();
  await checkPage(page, 'space-details-en');
  await page.getByRole('button', { name: 'FR – Français' }).click();
});

test('my details: the commune from the postcode\'s official list, "Ma commune n\'est pas dans la liste", and the server\'s refusal on the field', async ({ page, request, baseURL }) => {
  allowConsoleErrors(page, /status of 422|status of 503/);
  const d = await makeDossier(request, baseURL, { tag: 'details-commune' });
  await logIn(page, d);
  await page.getByRole('navigation', { name: 'Mon espace' }).getByRole('link', { name: 'Mes informations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes informations' })).toBeVisible();
  // The phone as the application shows it, not as stored (+33…).
  await expect(page.getByLabel('Téléphone portable')).toHaveValue('06 12 34 56 78');
  // The stored address's postcode already has its list: one commune, chosen.
  const commune = page.getByLabel('Commune', { exact: true });
  await expect(commune).toHaveJSProperty('tagName', 'SELECT');
  await expect(commune).toHaveValue('Clermont-Ferrand');

  // A postcode with two communes: both offered, announced, one chosen and saved as the list writes it.
  await page.getByLabel('Code postal').fill('63122');
  await expect(commune.locator('option')).toHaveText(['Choisis ta commune', 'Ceyrat', 'Saint-Genès-Champanelle']);
  await expect(page.getByText('2 communes pour ce code postal : choisis la tienne dans la liste.')).toBeAttached();
  await commune.selectOption('Saint-Genès-Champanelle');
  await checkPage(page, 'space-details-communes');
  await page.getByRole('button', { name: 'Enregistrer mes coordonnées' }).click();
  await expect(page.getByText('Tes coordonnées sont enregistrées.')).toBeVisible();
  await page.reload();
  await expect(commune).toHaveValue('Saint-Genès-Champanelle');

  // The rare place the list misses: typed by hand, kept as typed.
  await page.getByLabel("Ma commune n'est pas dans la liste").check();
  await expect(commune).toHaveJSProperty('tagName', 'INPUT');
  await commune.fill('Le Bourg-Neuf');
  await page.getByRole('button', { name: 'Enregistrer mes coordonnées' }).click();
  await expect(page.getByText('Tes coordonnées sont enregistrées.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Ma commune n'est pas dans la liste")).toBeChecked();
  await expect(commune).toHaveValue('Le Bourg-Neuf');

  // Without the list (the server did not answer it), the field is free text and the server refuses a commune
  // that is not its postcode's: the reason on the field and in the summary, whose link moves the focus there.
  await page.route('**/api/v1/postal-codes/**', (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"type":"about:blank","title":"busy","status":503,"code":"server_busy"}' }));
  await page.getByLabel("Ma commune n'est pas dans la liste").uncheck();
  await page.getByLabel('Code postal').fill('63000');
  await commune.fill('Lyon');
  await page.getByRole('button', { name: 'Enregistrer mes coordonnées' }).click();
  const refusal = "Cette commune n'a pas ce code postal. Choisis ta commune dans la liste, ou vérifie le code postal.";
  await expect(page.locator('#error-summary')).toBeFocused();
  await expect(page.locator('#me-commune-error')).toContainText(refusal);
  await page.locator('#error-summary').getByRole('link', { name: refusal }).click();
  await expect(commune).toBeFocused();
  await checkPage(page, 'space-details-commune-refused');
});
