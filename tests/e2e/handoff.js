// Helpers of the phone handoff specs: the QR code read back from the page's SVG, a desktop without a camera, the
// phone's own page.
import jsQR from 'jsqr';

/** The text of the QR code drawn as SVG in `locator` (dark modules as `M x y h w v h …` rectangles), decoded. */
export async function readQrCode(locator) {
  const svg = await locator.evaluate((el) => el.querySelector('svg').outerHTML);
  const side = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)[1]);
  const d = /<path[^>]*\sd="([^"]+)"/.exec(svg)[1];
  const scale = 8;
  const size = side * scale;
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v(\d+)/g)) {
    const [x, y, w, h] = m.slice(1).map(Number);
    for (let py = y * scale; py < (y + h) * scale; py++) {
      for (let px = x * scale; px < (x + w) * scale; px++) {
        const i = (py * size + px) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
      }
    }
  }
  const code = jsQR(pixels, size, size);
  if (!code) throw new Error('the QR code could not be read');
  return code.data;
}

/** A computer with no webcam at all: no video input listed, and asking for one fails as it would. */
export const withoutCamera = (page) => page.addInitScript(() => {
  const devices = navigator.mediaDevices;
  if (!devices) return;
  devices.enumerateDevices = async () => [];
  devices.getUserMedia = async () => { throw new DOMException('Requested device not found', 'NotFoundError'); };
});

/**
 * A phone-sized page in its own browser context (nothing shared with the computer) that records console errors not
 * matched by `allowed`, uncaught errors and third-party requests in `page.problems`.
 */
export async function phonePage(browser, baseURL, allowed = []) {
  const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, hasTouch: true, locale: 'fr-FR' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowed.some((re) => re.test(m.text()))) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('request', (r) => {
    if (!/^(data|blob):/.test(r.url()) && new URL(r.url()).origin !== new URL(baseURL).origin) problems.push(`third-party: ${r.url()}`);
  });
  page.problems = problems;
  return page;
}
