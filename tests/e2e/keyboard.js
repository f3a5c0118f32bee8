// Keyboard-only driving: reach each control with Tab (never a click or a programmatic focus), then use keys.
import { expect } from '@playwright/test';

/** Presses Tab until `locator` has the focus; fails if it is not reachable within `max` presses. */
export async function tabTo(page, locator, max = 60) {
  for (let i = 0; i < max; i += 1) {
    if (await locator.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab: ${locator}`);
}

export async function typeInto(page, locator, text) {
  await tabTo(page, locator);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

export async function press(page, locator, key = 'Enter') {
  await tabTo(page, locator);
  await page.keyboard.press(key);
}

/** Focus starts from the top of the page, as after a navigation. */
export async function fromTop(page) {
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  await expect(page.locator('body')).toBeVisible();
}
