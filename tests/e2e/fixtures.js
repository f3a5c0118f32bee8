// Shared fixtures: every test fails on a console error, an uncaught exception or a request leaving the origin
// (the app must make no third-party request); helpers scan pages with axe-core and keep screenshots.
import { test as base, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ARTIFACTS = join(import.meta.dirname, 'artifacts');

// Every text key of the application and of the space ("start.title"): one shown as such means a bundle's table
// lacks its namespace (build.rs BUNDLES) or a key is missing.
const TEXT_KEYS = [join(import.meta.dirname, '../../locales/fr'), join(import.meta.dirname, '../../space/locales/fr')]
  .flatMap((dir) => readdirSync(dir).map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, file), 'utf8'))]))
  .flatMap(([ns, texts]) => Object.keys(texts).map((key) => `${ns}.${key}`));

/** Fails when the page shows a text key instead of its text. */
export async function expectNoRawKeys(page, label) {
  const shown = await page.evaluate(() => `${document.title}\n${document.body.innerText}`);
  const raw = TEXT_KEYS.filter((key) => new RegExp(`(^|[^\\w.])${key.replace('.', '\\.')}($|[^\\w.])`).test(shown));
  expect(raw, `text keys shown raw on ${label}`).toEqual([]);
}

export const test = base.extend({
  // Patterns of console errors a test expects (e.g. the 422 it provokes on purpose).
  allowedConsoleErrors: [[], { option: true }],
  guard: [
    async ({ page, baseURL, allowedConsoleErrors }, use) => {
      const problems = [];
      const origin = new URL(baseURL).origin;
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const text = msg.text();
        if (!page.__allowed?.some((re) => re.test(text)) && !allowedConsoleErrors.some((re) => re.test(text))) {
          problems.push(`console error: ${text}`);
        }
      });
      page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
      page.on('request', (req) => {
        const url = req.url();
        if (/^(data|blob):/.test(url)) return;
        if (new URL(url).origin !== origin) problems.push(`third-party request: ${url}`);
      });
      await use(null);
      expect(problems, problems.join('\n')).toEqual([]);
    },
    { auto: true },
  ],
});

/** Allow console errors matching `re` for the rest of this test (e.g. a provoked network failure). */
export function allowConsoleErrors(page, ...res) {
  page.__allowed = [...(page.__allowed || []), ...res];
}

/** axe-core scan (WCAG 2.1 A and AA rules) of the page as it is now; fails with the list of violations. */
export async function expectAccessible(page, label) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(summary, `axe violations on ${label}:\n${summary.join('\n')}`).toEqual([]);
}

/** Screenshot kept as a test artefact: artifacts/<name>-<width>.png */
export async function snap(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
}

/** Scan and photograph the current page at 1280 px and at 360 px, then restore the viewport. */
export async function checkPage(page, name) {
  const original = page.viewportSize();
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    await expectAccessible(page, `${name} at ${width}px`);
    await expectNoRawKeys(page, `${name} at ${width}px`);
    await snap(page, name);
  }
  await page.setViewportSize(original);
}

export { expect };
