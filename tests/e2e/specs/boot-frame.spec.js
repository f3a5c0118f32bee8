// The start page's static first frame (web/index.html `.boot-shell`, texts filled at build time) is what a visitor reads
// until the wasm has run; the start page's own bundle (src/start_bundle.rs, what `/` runs in a fresh tab) then draws
// the start page after it, which hides the frame (style/main.css).
// Layout shift does not see a difference between the two, since the app's nodes are new: this test does. Each block
// must be where the frame drew it, once the campaign card has arrived in its reserved slot, or the page jumps when the
// app takes over. The frame's markup copies src/ui/layout.rs and src/steps/start.rs by hand: this keeps them in step.
import { test, expect, allowConsoleErrors } from '../fixtures.js';

// What a reader's eye is on while the app loads: the header's parts, the heading, the lead, the checklist, the
// button, the last paragraph.
const BLOCKS = ['.brand', '.lang-switch__button[lang="en"]', 'h1', '.lead', '.checklist', '.button-row a', '.start__privacy'];

/** The box of each block, from the visible copy (the frame's or the app's: both are in the page once the app runs). */
function boxes(page) {
  return page.evaluate((selectors) => {
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    return Object.fromEntries(
      selectors.map((s) => {
        const shown = [...document.querySelectorAll(s)].filter(visible);
        if (shown.length !== 1) return [s, `${shown.length} visible`];
        const r = shown[0].getBoundingClientRect();
        return [s, [r.x, r.y, r.width, r.height].map(Math.round)];
      }),
    );
  }, BLOCKS);
}

for (const width of [360, 1280]) {
  test(`at ${width} px, the app's start page draws each block where the static first frame had it`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });

    // The frame alone: neither bundle's code arrives.
    allowConsoleErrors(page, /Failed to load resource: net::ERR_FAILED/);
    await page.route(/\/passregion-(app|start)-[0-9a-f]+\.js$/, (route) => route.abort());
    await page.goto('/');
    await expect(page.locator('.boot-shell h1')).toBeVisible();
    const frame = await boxes(page);
    await page.unroute(/\/passregion-(app|start)-[0-9a-f]+\.js$/);

    // The app, once the campaign is in: the frame hidden, the card in its place.
    await page.goto('/');
    await expect(page.locator('.start > .campaign h2')).toBeVisible();
    await expect(page.locator('.boot-shell h1')).toBeHidden();
    const app = await boxes(page);

    expect(Object.values(frame).every(Array.isArray), `every block visible once in the frame: ${JSON.stringify(frame)}`).toBe(true);
    for (const s of BLOCKS) {
      expect(app[s], `${s} at ${width} px: frame ${JSON.stringify(frame[s])}, app ${JSON.stringify(app[s])}`).toEqual(frame[s]);
    }
  });
}
