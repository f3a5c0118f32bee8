// Helpers of the photo step specs.
import { expect } from '@playwright/test';
import { STUDENT, start, acceptCharter, fillIdentity, fillContact, chooseSchool, next, expectStep } from './journey.js';

export async function reachPhotoStep(page, tag) {
  const s = { ...STUDENT, email: `${tag}.${Date.now()}@example.fr` };
  await start(page);
  await acceptCharter(page);
  await fillIdentity(page, s);
  await next(page);
  await fillContact(page, s);
  await next(page);
  await chooseSchool(page, s);
  await next(page);
  await expectStep(page, 'photo', 5, 7);
  return s;
}

/** The `photo` part of a multipart body, as bytes. */
export function photoPart(body, contentType) {
  const boundary = `--${/boundary=(.+)$/.exec(contentType)[1]}`;
  let from = 0;
  for (;;) {
    const start = body.indexOf(boundary, from);
    if (start < 0) return null;
    const headEnd = body.indexOf('\r\n\r\n', start);
    const next = body.indexOf(`\r\n${boundary}`, headEnd);
    const head = body.subarray(start, headEnd).toString();
    if (/name="photo"/.test(head)) return { head, bytes: body.subarray(headEnd + 4, next) };
    from = next;
  }
}

/** After "Appliquer": the prepared photo is in use at once (one confirmation), with or without advice. */
export async function useThePhoto(page) {
  await expect(page.getByRole('status').filter({ hasText: /Photo enregistrée\. Tu peux continuer\.|Ta photo est enregistrée telle quelle/ }))
    .toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('button', { name: /Utiliser cette photo|L'utiliser quand même/ })).toHaveCount(0);
}

/** A photo sent by the phone is used only once the person says it is theirs. */
export async function confirmPhonePhoto(page) {
  const mine = page.getByRole('button', { name: 'C\'est bien ma photo : l\'utiliser' });
  await expect(mine).toBeVisible({ timeout: 20_000 });
  await mine.click();
  await expect(page.getByRole('status').filter({ hasText: /Photo enregistrée\. Tu peux continuer\.|Ta photo est enregistrée telle quelle/ })).toBeVisible();
}
