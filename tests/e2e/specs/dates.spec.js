// A whole birth date typed or pasted into any of the three boxes is spread over them; an impossible date says which
// part is wrong.
import { test, expect } from '../fixtures.js';
import { start, acceptCharter, next } from '../journey.js';

const birth = (page) => page.getByRole('group', { name: /Date de naissance/ });

for (const [box, typed] of [
  ['Jour', '14/03/2010'],
  ['Jour', '14-03-2010'],
  ['Mois', '14 03 2010'],
  ['Année', '2010-03-14'],
]) {
  test(`"${typed}" typed in ${box} fills the three boxes`, async ({ page }) => {
    await start(page);
    await acceptCharter(page);
    await birth(page).getByLabel(box).fill(typed);
    await expect(birth(page).getByLabel('Jour')).toHaveValue('14');
    await expect(birth(page).getByLabel('Mois')).toHaveValue('03');
    await expect(birth(page).getByLabel('Année')).toHaveValue('2010');
    await expect(page.getByText("Indique le jour, le mois et l'année.")).toHaveCount(0);
  });
}

test('a pasted date is spread too, and an impossible one names the wrong part', async ({ page }) => {
  await start(page);
  await acceptCharter(page);
  const day = birth(page).getByLabel('Jour');
  await day.focus();
  // Paste as a browser does it: the text arrives in one input event.
  await day.evaluate((el) => {
    el.value = '31/04/2010';
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: '31/04/2010' }));
  });
  await expect(birth(page).getByLabel('Mois')).toHaveValue('04');
  await expect(day).toHaveValue('31');
  await next(page);
  await expect(page.getByText("Ce jour n'existe pas dans ce mois : vérifie le jour.").first()).toBeVisible();
  await birth(page).getByLabel('Mois').fill('13');
  await next(page);
  await expect(page.getByText('Le mois doit être un nombre de 1 à 12.').first()).toBeVisible();
});
