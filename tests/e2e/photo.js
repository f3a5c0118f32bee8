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

export async function useThePhoto(page) {
  const use = page.getByRole('button', { name: /Utiliser cette photo|L'utiliser quand même/ });
  await expect(use).toBeVisible({ timeout: 20_000 });
  await use.click();
  await expect(page.getByText('Photo enregistrée. Tu peux continuer.')).toBeVisible();
}
