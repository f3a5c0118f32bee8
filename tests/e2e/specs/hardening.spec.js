// Hardening: the activation token leaves the address bar; rate limits, a busy server and a reused idempotency key
// are explained in words; a picture bomb is refused with its real size.
import { deflateSync } from 'node:zlib';
import { test, expect, checkPage, allowConsoleErrors } from '../fixtures.js';
import { STUDENT, reachReview, start, acceptCharter, fillIdentity, fillContact, next, expectStep } from '../journey.js';
import { reachPhotoStep } from '../photo.js';

const problem = (status, code, extra = {}) => ({
  status,
  contentType: 'application/problem+json',
  headers: extra.retry_after ? { 'Retry-After': String(extra.retry_after) } : {},
  body: JSON.stringify({ type: `urn:passregion:problem:${code}`, title: code, status, code, ...extra }),
});

test('the activation token is taken out of the address before the answer, and a reload stays sensible', async ({ page }) => {
  let urlWhenAsked = null;
  await page.route('**/api/v1/activations', async (route) => {
    urlWhenAsked = page.url();
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ dossier_number: '4675823565' }) });
  });
  await page.goto('/activation?token=un-jeton-secret');
  await expect(page.getByText('Ton compte est activé.')).toBeVisible();
  await expect(page.getByRole('main')).toContainText('46 75 82 35 65');
  expect(urlWhenAsked).not.toContain('un-jeton-secret');
  expect(await page.evaluate(() => location.search)).not.toContain('token');
  expect(await page.evaluate(() => location.pathname)).toBe('/activation');

  // The token was in memory only: a reload asks nothing and says where the link is.
  let asked = false;
  await page.unroute('**/api/v1/activations');
  await page.route('**/api/v1/activations', (route) => { asked = true; return route.abort(); });
  await page.reload();
  await expect(page.getByText('Pour activer ton compte, ouvre le lien de l\'e-mail que tu as reçu.')).toBeVisible();
  expect(asked).toBe(false);
  await checkPage(page, 'activation-no-link');
});

test('too many activation attempts say how long to wait, in minutes', async ({ page }) => {
  allowConsoleErrors(page, /status of 429/, /status of 503/);
  let answer = problem(429, 'rate_limited', { retry_after: 125 });
  await page.route('**/api/v1/activations', (route) => route.fulfill(answer));
  await page.goto('/activation?token=un-jeton');
  await expect(page.getByText('Trop de tentatives. Réessaie dans 3 minutes.')).toBeVisible();
  await checkPage(page, 'activation-rate-limited');

  answer = problem(503, 'server_busy', { retry_after: 2 });
  await page.getByRole('button', { name: 'Réessayer' }).click();
  await expect(page.getByText('Le service est très sollicité en ce moment. Réessaie dans quelques instants.')).toBeVisible();

  answer = problem(429, 'rate_limited', { retry_after: 20 });
  await page.getByRole('button', { name: 'Réessayer' }).click();
  await expect(page.getByText('Trop de tentatives. Réessaie dans 1 minute.')).toBeVisible();
});

/** The JSON `application` part of a multipart body. */
function applicationPart(body, contentType) {
  const boundary = `--${/boundary=(.+)$/.exec(contentType)[1]}`;
  const text = body.toString('utf8');
  const part = text.split(boundary).find((p) => /name="application"/.test(p));
  return JSON.parse(part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, ''));
}

test('sending: names typed decomposed go out in NFC; a rate limit gives the wait; a reused key says the application may already be registered', async ({ page }) => {
  allowConsoleErrors(page, /status of 429/, /status of 422/);
  // As some phones and PDFs give them: letters followed by combining accents.
  await reachReview(page, {
    ...STUDENT, firstName: 'E\u0301loi\u0308se', postalCode: '42000', commune: 'Saint-E\u0301tienne', email: `limite.${Date.now()}@example.fr`,
  });
  let answer = problem(429, 'rate_limited', { retry_after: 3600 });
  let sent = null;
  await page.route('**/api/v1/applications', (route) => {
    const req = route.request();
    sent = applicationPart(req.postDataBuffer(), req.headers()['content-type']);
    return route.fulfill(answer);
  });
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect.poll(() => sent).not.toBeNull();
  expect(sent.identity.first_name).toBe('\u00C9lo\u00EFse');
  expect(sent.contact.address.commune).toBe('Saint-\u00C9tienne');
  const alert = page.locator('.submit__alert');
  await expect(alert).toContainText('Trop de tentatives. Réessaie dans 60 minutes.');
  await expect(alert).toContainText('Tes réponses sont conservées sur cet appareil.');
  await expect(alert).not.toContainText('réessaie dans un instant');

  answer = problem(422, 'idempotency_key_reused');
  await page.getByRole('button', { name: 'Réessayer' }).click();
  await expect(alert).toContainText('Ta demande est peut-être déjà enregistrée');
  await expect(alert).toContainText('e-mail d\'activation');
  await expect(alert.getByRole('link', { name: '0810 559 559' })).toBeVisible();
  await checkPage(page, 'send-maybe-registered');
});

/** A valid PNG header announcing `width` × `height` RGB pixels, then a token image: a decompression bomb. */
function pngBomb(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('a 30000 × 30000 PNG is refused with its size, not 0 × 0', async ({ page }) => {
  await reachPhotoStep(page, 'bombe');
  await page.getByLabel('Choisir une photo').setInputFiles({
    name: 'bombe.png', mimeType: 'image/png', buffer: pngBomb(30000, 30000),
  });
  await expect(page.getByText('Cette image est trop grande (30000 × 30000 pixels).', { exact: false })).toBeVisible();
  await expect(page.getByText('(0 × 0 pixels)')).toHaveCount(0);
});

test('a refused character is named in the message: an invisible one in a name, an emoji in the address', async ({ page }) => {
  await start(page);
  await acceptCharter(page);
  await fillIdentity(page, { ...STUDENT, firstName: 'Léa\u200B', email: `caracteres.${Date.now()}@example.fr` });
  await next(page);
  const main = page.getByRole('main');
  await expect(main).toContainText('Ce texte contient un caractère invisible (U+200B)');
  await page.getByLabel('Prénom', { exact: true }).fill('Léa');
  await next(page);
  await expectStep(page, 'coordonnees', 3, 7);
  await fillContact(page, { ...STUDENT, street: '12 rue Blatin 😀' });
  await next(page);
  await expect(main).toContainText('Le caractère « 😀 » n\'est pas accepté dans une adresse.');
  await expect(main).not.toContainText('{character}');
  await checkPage(page, 'contact-character-refused');
});

test('a rate-limited search says how long to wait', async ({ page }) => {
  allowConsoleErrors(page, /status of 429/);
  await start(page);
  await acceptCharter(page);
  await fillIdentity(page, { ...STUDENT, email: `recherche.${Date.now()}@example.fr` });
  await next(page);
  await fillContact(page);
  await next(page);
  await expectStep(page, 'etablissement', 4, 7);
  await page.route('**/api/v1/establishments?**', (route) => route.fulfill(problem(429, 'rate_limited', { retry_after: 90 })));
  await page.getByRole('combobox', { name: /Établissement/ }).fill('sidoine');
  await expect(page.getByRole('main')).toContainText('Trop de tentatives. Réessaie dans 2 minutes.');
});
