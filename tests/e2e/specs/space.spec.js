// The beneficiary space (/espace/…, its own bundle): log in with the dossier number, the dossier and its timeline
// as the back office moves it, a new photo after a refusal, the login's refusals, lost password and number through
// the dev outbox, the idle-timeout warning and expiry (on a server with a short idle limit), logging out.
import { test, expect, checkPage, allowConsoleErrors } from '../fixtures.js';
import { idleURL } from '../playwright.config.js';
import { PHOTO } from '../journey.js';
import { backOffice, logIn, mailTo, makeDossier, pairs } from '../space.js';

const storageLength = (page) => page.evaluate(() => localStorage.length + sessionStorage.length);

test('apply, activate from the app, log in, then the timeline follows the back office', async ({ page, request, baseURL }) => {
  const d = await makeDossier(request, baseURL, { activate: false });
  const link = await mailTo(request, baseURL, d.email, (m) => m.link?.includes('token='));
  await page.goto(link);
  await page.getByRole('link', { name: /Se connecter à mon espace/ }).first().click();
  await expect(page).toHaveURL(/\/espace\/connexion$/);
  await checkPage(page, 'space-login');

  await page.getByLabel('Numéro de dossier').fill(pairs(d.dossier));
  await page.getByLabel('Mot de passe', { exact: true }).fill(d.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bonjour Éloïse' })).toBeVisible();
  await expect(page.getByText("Ton établissement n'a pas encore validé ta demande. C'est lui qui vérifie ta photo.")).toBeVisible();
  const school = page.locator('.timeline__step').filter({ hasText: "Validation par l'établissement" });
  await expect(school).toContainText('En cours');
  await expect(school).toHaveAttribute('aria-current', 'step');
  await expect(page.locator('.timeline__step').first()).toContainText('Fait le 1er octobre 2026');
  // The whole number, pair by pair (its first pair alone may also be one of the others: 12 34 12 …).
  await expect(page.locator('.dossier-pairs__pair')).toHaveText(pairs(d.dossier).split(' '));
  await expect(page.getByText('Lycée Sidoine Apollinaire')).toBeVisible();
  await checkPage(page, 'space-dossier-pending');

  await backOffice(request, baseURL, d.dossier, { kind: 'school_validated', on: '2026-10-01' });
  await page.reload();
  await expect(school).toContainText('Fait le 1er octobre 2026');
  await expect(page.locator('.timeline__step').filter({ hasText: 'Fabrication et expédition' })).toContainText('En cours');
  await expect(page.getByText('Ta carte devrait arriver entre le 11 et le 16 octobre.').first()).toBeVisible();
  await checkPage(page, 'space-dossier-validated');

  await page.getByRole('button', { name: 'EN – English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello Éloïse' })).toBeVisible();
  await expect(page.getByText('Your card should arrive between 11 and 16 October.').first()).toBeVisible();
  await checkPage(page, 'space-dossier-validated-en');
  await page.getByRole('button', { name: 'FR – Français' }).click();
});

test('a refused photo is replaced through the photo step (file, crop, card) and the dossier goes back to the establishment', async ({ page, request, baseURL }) => {
  test.setTimeout(90_000);
  const d = await makeDossier(request, baseURL, { tag: 'photo' });
  await backOffice(request, baseURL, d.dossier, { kind: 'photo_refused', reason: 'Visage caché par une mèche' });
  await logIn(page, d);
  await expect(page.getByText('Ton établissement a refusé ta photo.', { exact: false })).toBeVisible();
  await expect(page.getByText('Visage caché par une mèche')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Envoie une nouvelle photo' })).toBeVisible();
  await expect(page.locator('.timeline__step').filter({ hasText: "Validation par l'établissement" })).toContainText('Action nécessaire de ta part');
  await checkPage(page, 'space-photo-refused');

  // The application's photo step, on a page of its own (its own bundle: the space's pages do not carry it).
  let photoBundle = false;
  page.on('request', (r) => { if (r.url().includes('/espace-photo/')) photoBundle = true; });
  await page.getByRole('link', { name: 'Envoyer une nouvelle photo' }).click();
  await expect(page).toHaveURL(/\/espace\/nouvelle-photo$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Envoie une nouvelle photo' })).toBeFocused();
  expect(photoBundle).toBe(true);
  await expect(page.getByText('Visage caché par une mèche')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Prendre la photo avec mon téléphone' })).toBeVisible();
  await checkPage(page, 'space-new-photo');
  await page.getByLabel('Choisir une photo').setInputFiles(PHOTO);
  await expect(page.getByRole('application', { name: 'Cadrage de la photo' })).toBeVisible({ timeout: 20_000 });
  await checkPage(page, 'space-new-photo-crop');
  await page.getByRole('button', { name: 'Appliquer' }).click();
  const use = page.getByRole('button', { name: /C'est bien ma photo/ });
  await expect(use).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('img', { name: "Ta photo telle qu'elle sera imprimée sur la carte" })).toBeVisible();
  await checkPage(page, 'space-new-photo-card');

  // The connection drops, then the server asks to wait: each is said, and the prepared photo is kept for a retry.
  allowConsoleErrors(page, /ERR_FAILED|ERR_INTERNET_DISCONNECTED|status of 429/);
  let attempts = 0;
  await page.route('**/api/v1/dossier/photo', (route) => {
    attempts += 1;
    if (attempts === 1) return route.abort('failed');
    if (attempts === 2) {
      return route.fulfill({
        status: 429,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Trop de demandes', status: 429, code: 'rate_limited', retry_after: 120 }),
      });
    }
    return route.continue();
  });
  await use.click();
  const problem = page.locator('#space-photo-problem');
  await expect(problem).toContainText('la connexion a été coupée');
  await expect(problem).toBeFocused();
  await checkPage(page, 'space-new-photo-network');
  await page.getByRole('button', { name: 'Envoyer à nouveau' }).click();
  await expect(problem).toContainText('Attends 2 min, puis réessaie');
  let sent;
  page.on('request', (r) => { if (r.url().endsWith('/api/v1/dossier/photo') && r.method() === 'PUT') sent = r; });
  await page.getByRole('button', { name: 'Envoyer à nouveau' }).click();

  // Back on the dossier, which says what happens next.
  await expect(page).toHaveURL(/\/espace$/);
  expect(sent.headers()['content-type']).toMatch(/^multipart\/form-data/);
  await expect(page.getByText('Ta nouvelle photo est envoyée. Ton établissement va la vérifier.')).toBeVisible();
  await expect(page.getByText("Ton établissement n'a pas encore validé ta demande. C'est lui qui vérifie ta photo.")).toBeVisible();
  await expect(page.locator('.timeline__step').filter({ hasText: "Validation par l'établissement" })).toContainText('En cours');
  await expect(page.getByRole('link', { name: 'Envoyer une nouvelle photo' })).toHaveCount(0);
  await checkPage(page, 'space-photo-sent');
});

test('the login catches a mistyped number before sending, and says the wait after five wrong passwords', async ({ page, request, baseURL }) => {
  allowConsoleErrors(page, /status of 401|status of 429|status of 403/);
  const d = await makeDossier(request, baseURL, { tag: 'lock' });
  await page.goto('/espace/connexion');
  let sent = 0;
  page.on('request', (r) => { if (r.url().endsWith('/api/v1/sessions')) sent += 1; });
  const wrong = d.dossier.slice(0, 9) + String((Number(d.dossier[9]) + 1) % 10);
  await page.getByLabel('Numéro de dossier').fill(pairs(wrong));
  await page.getByLabel('Mot de passe', { exact: true }).fill('nimporte1');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const typo = 'Ce numéro de dossier ne semble pas complet ou contient une erreur de frappe : vérifie-le sur ta confirmation ou ton e-mail.';
  await expect(page.locator('#error-summary')).toBeFocused();
  await expect(page.locator('#error-summary')).toContainText(typo);
  await expect(page.locator('#login-number-error')).toContainText(typo);
  expect(sent).toBe(0);
  // The summary's link moves the focus to the field.
  await page.locator('#error-summary').getByRole('link').click();
  await expect(page.getByLabel('Numéro de dossier')).toBeFocused();
  await checkPage(page, 'space-login-errors');

  // Show / hide the password.
  const password = page.getByLabel('Mot de passe', { exact: true });
  await expect(password).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Afficher' }).click();
  await expect(password).toHaveAttribute('type', 'text');

  await page.getByLabel('Numéro de dossier').fill(d.dossier);
  for (let i = 1; i <= 4; i++) {
    await page.getByLabel('Mot de passe', { exact: true }).fill(`Mauvais${i}pass`);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.locator('#error-summary')).toContainText('Le numéro de dossier ou le mot de passe est incorrect.');
    await expect(page.getByLabel('Mot de passe', { exact: true })).toHaveValue('');
  }
  await page.getByLabel('Mot de passe', { exact: true }).fill('Mauvais5pass');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.locator('#error-summary')).toContainText('Trop de tentatives. Réessaie dans 15 minutes.');
  expect(sent).toBe(5);
});

test('an account not activated yet is told how to get a new link', async ({ page, request, baseURL }) => {
  allowConsoleErrors(page, /status of 403/);
  const d = await makeDossier(request, baseURL, { tag: 'inactive', activate: false });
  await page.goto('/espace/connexion');
  await page.getByLabel('Numéro de dossier').fill(d.dossier);
  await page.getByLabel('Mot de passe', { exact: true }).fill(d.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.locator('#error-summary')).toContainText("Ton compte n'est pas encore activé");
  await expect(page.getByRole('link', { name: "Demander un nouveau lien d'activation" })).toHaveAttribute('href', '/activation');
});

test('a lost password: the emailed link, the token out of the address bar, the rules, then log in', async ({ page, request, baseURL }) => {
  allowConsoleErrors(page, /status of 409/);
  const d = await makeDossier(request, baseURL, { tag: 'reset' });
  await page.goto('/espace/connexion');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page).toHaveURL(/\/espace\/mot-de-passe-oublie$/);
  await checkPage(page, 'space-forgot-password');
  await page.getByLabel('Numéro de dossier ou adresse e-mail').fill(pairs(d.dossier));
  await page.getByRole('button', { name: 'Recevoir un lien' }).click();
  await expect(page.getByText("Si un compte correspond, un lien pour changer ton mot de passe vient d'être envoyé")).toBeVisible();

  const link = await mailTo(request, baseURL, d.email, (m) => m.link?.includes('/espace/mot-de-passe?token='));
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Choisis un nouveau mot de passe' })).toBeVisible();
  await expect(page).toHaveURL(/\/espace\/mot-de-passe$/);
  const fresh = 'Nouveau2027ok';
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('court');
  await expect(page.locator('.checklist-live__item.met')).toHaveCount(1);
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(fresh);
  await expect(page.locator('.checklist-live__item.met')).toHaveCount(3);
  await page.getByLabel('Confirme ton nouveau mot de passe').fill('Autre2027ok');
  await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
  await expect(page.locator('#error-summary')).toContainText('Les deux mots de passe ne sont pas identiques.');
  await checkPage(page, 'space-reset-password');
  await page.getByLabel('Confirme ton nouveau mot de passe').fill(fresh);
  await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ton mot de passe est changé' })).toBeVisible();
  await checkPage(page, 'space-reset-done');
  await page.getByRole('link', { name: 'Se connecter' }).click();
  await page.getByLabel('Numéro de dossier').fill(d.dossier);
  await page.getByLabel('Mot de passe', { exact: true }).fill(fresh);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Bonjour / })).toBeVisible();

  // The same link a second time has served already.
  await page.goto(link);
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Encore2027ok');
  await page.getByLabel('Confirme ton nouveau mot de passe').fill('Encore2027ok');
  await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ce lien a déjà servi' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Demander un nouveau lien' })).toBeVisible();
});

test('a lost dossier number is emailed', async ({ page, request, baseURL }) => {
  const d = await makeDossier(request, baseURL, { tag: 'number' });
  await page.goto('/espace/connexion');
  await page.getByRole('link', { name: 'Numéro de dossier oublié ?' }).click();
  await checkPage(page, 'space-forgot-number');
  await page.getByLabel('Adresse e-mail').fill(d.email);
  await page.getByRole('button', { name: 'Recevoir mon numéro' }).click();
  await expect(page.getByText('Si des demandes ont été faites avec cette adresse')).toBeVisible();
  const mail = await mailTo(request, baseURL, d.email, (m) => m.body.includes('numéro de dossier'), true);
  expect(mail.body).toContain(pairs(d.dossier));
});

test('logging out leaves nothing in storage, and the space then asks to log in', async ({ page, request, baseURL }) => {
  allowConsoleErrors(page, /status of 401/);
  const d = await makeDossier(request, baseURL, { tag: 'logout' });
  await logIn(page, d);
  await page.evaluate(() => sessionStorage.setItem('passregion.draft', '{"x":1}'));
  expect(await storageLength(page)).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/espace\/connexion\?raison=deconnexion$/);
  await expect(page.getByText('Tu es déconnecté.', { exact: false })).toBeVisible();
  expect(await storageLength(page)).toBe(0);
  await page.goto('/espace');
  await expect(page).toHaveURL(/\/espace\/connexion\?raison=session$/);
  await expect(page.getByText('Connecte-toi pour voir ton dossier.')).toBeVisible();
});

test('each page names the tab after itself, in the chosen language, and never after who is logged in', async ({ page, request, baseURL }) => {
  const d = await makeDossier(request, baseURL, { tag: 'titles' });
  await page.goto('/espace/connexion');
  await expect(page).toHaveTitle("Connexion – Mon espace Pass'Région");
  // While a form shows its errors, the title says so first, as the application's steps do.
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.locator('#error-summary')).toBeFocused();
  await expect(page).toHaveTitle("Erreur : Connexion – Mon espace Pass'Région");
  await logIn(page, d);
  await expect(page.getByRole('heading', { level: 1, name: 'Bonjour Éloïse' })).toBeVisible();
  await expect(page).toHaveTitle("Mon dossier – Mon espace Pass'Région");
  const menu = page.getByRole('navigation', { name: 'Mon espace' });
  for (const [link, title] of [
    ['Code secret', 'Code secret'],
    ['Carte perdue ou volée', 'Carte perdue ou volée'],
    ['Mes avantages', 'Mes avantages'],
    ['Mes informations', 'Mes informations'],
    ['Mon dossier', 'Mon dossier'],
  ]) {
    await menu.getByRole('link', { name: link }).click();
    await expect(page).toHaveTitle(`${title} – Mon espace Pass'Région`);
  }
  await page.getByRole('button', { name: 'EN – English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello Éloïse' })).toBeVisible();
  await expect(page).toHaveTitle("My dossier – My Pass'Région space");
  await page.getByRole('button', { name: 'FR – Français' }).click();
  await expect(page).toHaveTitle("Mon dossier – Mon espace Pass'Région");
  expect(await page.title()).not.toContain('Éloïse');
  await page.goto('/espace/nulle-part');
  await expect(page).toHaveTitle("Page introuvable – Mon espace Pass'Région");
  await page.goto('/espace/mot-de-passe-oublie');
  await expect(page).toHaveTitle("Mot de passe oublié – Mon espace Pass'Région");
  await page.getByRole('button', { name: 'Recevoir un lien' }).click();
  await expect(page).toHaveTitle("Erreur : Mot de passe oublié – Mon espace Pass'Région");
  // Leaving the page takes its summary away, and the prefix with it.
  await page.getByRole('link', { name: 'Retour à la connexion' }).click();
  await expect(page).toHaveTitle("Connexion – Mon espace Pass'Région");
});

test('keyboard only: log in, the dossier, log out', async ({ page, request, baseURL }) => {
  const d = await makeDossier(request, baseURL, { tag: 'keyboard' });
  await page.goto('/espace/connexion');
  await page.getByLabel('Numéro de dossier').focus();
  await page.keyboard.type(pairs(d.dossier));
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Mot de passe', { exact: true })).toBeFocused();
  await page.keyboard.type(d.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Bonjour Éloïse' })).toBeVisible();
  const logout = page.getByRole('button', { name: 'Se déconnecter' });
  for (let i = 0; i < 10 && !(await logout.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Shift+Tab');
  }
  await expect(logout).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/raison=deconnexion/);
});

test.describe('idle timeout (server with a 20-second idle limit)', () => {
  test.use({ baseURL: idleURL });
  test('the warning takes the focus, Escape stays, then the session ends with the reason', async ({ page, request }) => {
    test.setTimeout(120_000);
    allowConsoleErrors(page, /status of 401/);
    const d = await makeDossier(request, idleURL, { tag: 'idle' });
    await logIn(page, d);
    const dialog = page.getByRole('dialog', { name: 'Tu es toujours là ?' });
    // Warned half-way (the server's 120-second warning is longer than this whole limit).
    await expect(dialog).toBeVisible({ timeout: 15_000 });
    await expect(dialog.getByRole('button', { name: 'Rester connecté' })).toBeFocused();
    await expect(dialog.locator('[aria-live="polite"]')).toContainText('Déconnexion dans');
    await checkPage(page, 'space-timeout-warning');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // Staying restarted the clock: the warning comes back later, and without an answer the session ends.
    await expect(dialog).toBeVisible({ timeout: 15_000 });
    await expect(page).toHaveURL(/\/espace\/connexion\?raison=inactivite&minutes=1$/, { timeout: 20_000 });
    const ended = page.getByText('Tu as été déconnecté après 1 minute sans activité. Tes informations sont protégées.');
    await expect(ended).toBeVisible();
    expect(await storageLength(page)).toBe(0);
    // A reload runs the login's own bundle, which knows no session: the address still says how long it was.
    await page.reload();
    await expect(ended).toBeVisible();
  });

  test('another tab keeps the session alive: the warning waits for the real expiry the server gives', async ({ page, request }) => {
    test.setTimeout(120_000);
    allowConsoleErrors(page, /status of 401/);
    const d = await makeDossier(request, idleURL, { tag: 'idle-tabs' });
    await logIn(page, d);
    const start = Date.now();
    const dialog = page.getByRole('dialog', { name: 'Tu es toujours là ?' });
    // Six seconds later another tab of the same browser opens a page: the server's idle limit moves on by six.
    await page.waitForTimeout(6_000);
    const other = await page.context().newPage();
    await other.goto('/espace/avantages');
    await expect(other.getByRole('heading', { level: 1, name: 'Mes avantages' })).toBeVisible();
    // This tab would have warned ten seconds after its own last request; it asks the server first and waits.
    await page.waitForTimeout(Math.max(0, start + 13_000 - Date.now()));
    await expect(dialog).toBeHidden();
    // It warns once the real limit is near, and the countdown is what the server says is left.
    await expect(dialog).toBeVisible({ timeout: 15_000 });
    expect(Date.now() - start).toBeGreaterThan(14_000);
    await expect(dialog.locator('.timeout-dialog__clock')).toHaveText(/^\d{1,2}\s?s$/);
    await dialog.getByRole('button', { name: 'Rester connecté' }).click();
    await expect(dialog).toBeHidden();
    await other.close();
  });
});
