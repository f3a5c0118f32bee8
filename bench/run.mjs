// Photo benchmark: our worker vs browser-image-compression, in headless Chromium, same page, same files, same
// centred 7:9 frame, output ≤ 827 × 1063 and ≤ 2,000,000 bytes. A command, not a test: it prints figures.
//
//   cd bench && npm ci && node run.mjs [--dist ../dist] [--photos ../../shared/photos] [--runs 5]
//
// Needs a release build in dist/ (`trunk build --release --offline`) and cargo (for the reference crops and SSIM,
// computed natively by photo/examples/photo_tool.rs: Lanczos3 from the full-resolution source, independent of
// both contenders).

import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const dist = resolve(root, arg('dist', 'dist'));
const photos = resolve(root, arg('photos', '../shared/photos'));
const runs = Number(arg('runs', '5'));
const files = ['photo-12mp.jpg', 'photo-48mp.jpg'];
const cache = join(here, '.cache');
mkdirSync(cache, { recursive: true });

for (const f of ['index.html', 'passregion-photo-worker_loader.js', 'passregion-photo-worker_bg.wasm']) {
  if (!existsSync(join(dist, f))) throw new Error(`${join(dist, f)} missing: build the app first (trunk build --release --offline)`);
}
for (const f of files) if (!existsSync(join(photos, f))) throw new Error(`${join(photos, f)} missing (see --photos)`);

const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.jpg': 'image/jpeg', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json' };
const mounts = [
  ['/__bench/bic/', join(here, 'node_modules/browser-image-compression/dist')],
  ['/__bench/photos/', photos],
  ['/__bench/', join(here, 'page')],
  ['/', dist],
];
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  for (const [prefix, dir] of mounts) {
    if (!path.startsWith(prefix)) continue;
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir)) break;
    if (!existsSync(file) || statSync(file).isDirectory()) file = prefix === '/' ? join(dist, 'index.html') : join(file, 'index.html');
    if (!existsSync(file)) break;
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
    return;
  }
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const tool = (...args) =>
  execFileSync('cargo', ['run', '--release', '-q', '-p', 'passregion-photo', '--example', 'photo_tool', '--', ...args],
    { cwd: root, encoding: 'utf8' }).trim();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  // Playwright gives the browser a fresh temporary profile itself.
});
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

try {
  // 1. First page: what "/" fetches, gzipped, and whether any worker file is among it.
  const page0 = await browser.newPage();
  const fetched = [];
  page0.on('requestfinished', async (req) => fetched.push(req.url()));
  await page0.goto(origin + '/', { waitUntil: 'networkidle' });
  await page0.waitForTimeout(500);
  await page0.close();
  const own = [...new Set(fetched.filter((u) => u.startsWith(origin)))];
  let firstPageGz = 0;
  for (const u of own) {
    let p = new URL(u).pathname;
    const file = join(dist, p === '/' ? 'index.html' : p);
    if (existsSync(file) && statSync(file).isFile()) firstPageGz += gz(readFileSync(file));
  }
  const workerFetched = own.filter((u) => u.includes('photo-worker'));
  const workerWasmGz = gz(readFileSync(join(dist, 'passregion-photo-worker_bg.wasm')));
  const workerJsGz = gz(readFileSync(join(dist, 'passregion-photo-worker.js'))) + gz(readFileSync(join(dist, 'passregion-photo-worker_loader.js')));

  // 2. The pipelines.
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.error('[page]', m.text()); });
  await page.goto(origin + '/__bench/index.html');
  const workerStartMs = await page.evaluate(() => window.bench.startWorker());
  const results = {};
  for (const f of files) {
    const url = `/__bench/photos/${f}`;
    const ref = join(cache, f.replace('.jpg', '.ref.png'));
    if (!existsSync(ref)) tool('reference', join(photos, f), ref);
    const r = { ours: [], theirs: [], rust: [] };
    await page.evaluate((u) => window.bench.ours(u), url); // warm-up: JIT, caches
    await page.evaluate((u) => window.bench.theirs(u), url);
    for (let i = 0; i < runs; i++) {
      r.ours.push(await page.evaluate((u) => window.bench.ours(u), url));
      r.theirs.push(await page.evaluate((u) => window.bench.theirs(u), url));
    }
    r.rust.push(await page.evaluate((u) => window.bench.ours(u, 'rust'), url));
    for (const who of ['ours', 'theirs', 'rust']) {
      const out = join(cache, `${who}-${f}`);
      writeFileSync(out, Buffer.from(r[who].at(-1).jpeg, 'base64'));
      r[who].ssim = Number(tool('ssim', out, ref));
      for (const x of r[who]) delete x.jpeg;
    }
    results[f] = r;
  }

  // 3. Orientation: the EXIF-6 phone photo must come out upright (SSIM against the upright reference).
  let orientation = null;
  const exif6 = 'phone-portrait-exif6.jpg';
  if (existsSync(join(photos, exif6))) {
    const ref = join(cache, exif6.replace('.jpg', '.ref.png'));
    if (!existsSync(ref)) tool('reference', join(photos, exif6), ref);
    const o = await page.evaluate((u) => window.bench.ours(u), `/__bench/photos/${exif6}`);
    const out = join(cache, `ours-${exif6}`);
    writeFileSync(out, Buffer.from(o.jpeg, 'base64'));
    orientation = { path: o.path, ssim: Number(tool('ssim', out, ref)) };
  }

  // 4. Report.
  console.log(`Chromium ${browser.version()}, ${runs} runs each (after one warm-up), median times.\n`);
  console.log('file            | ours (path)        | theirs   | ratio | ours bytes | theirs bytes | bytes ratio | SSIM ours | SSIM theirs | long tasks ours/theirs | pure-Rust path');
  for (const [f, r] of Object.entries(results)) {
    const mo = median(r.ours.map((x) => x.ms)), mt = median(r.theirs.map((x) => x.ms));
    const bo = r.ours.at(-1).bytes, bt = r.theirs.at(-1).bytes;
    const lo = Math.max(...r.ours.map((x) => x.longTasks)), lt = Math.max(...r.theirs.map((x) => x.longTasks));
    console.log(`${f.padEnd(15)} | ${mo.toFixed(0).padStart(5)} ms (${r.ours[0].path}) | ${mt.toFixed(0).padStart(5)} ms | ${(mo / mt).toFixed(2)}  | ${String(bo).padStart(10)} | ${String(bt).padStart(12)} | ${(bo / bt).toFixed(2).padStart(11)} | ${r.ours.ssim.toFixed(4).padStart(9)} | ${r.theirs.ssim.toFixed(4).padStart(11)} | ${String(lo).padStart(10)} / ${lt} | ${r.rust[0].ms.toFixed(0)} ms, ${r.rust[0].bytes} B, SSIM ${r.rust.ssim.toFixed(4)}`);
    console.log(`${''.padEnd(15)}   output ${r.ours[0].width}×${r.ours[0].height} q${r.ours[0].quality}; theirs ${r.theirs[0].width}×${r.theirs[0].height}; all ours runs: ${r.ours.map((x) => x.ms.toFixed(0)).join(', ')}; theirs: ${r.theirs.map((x) => x.ms.toFixed(0)).join(', ')}`);
  }
  if (orientation) console.log(`\nEXIF 6 phone photo through the ${orientation.path} path: SSIM ${orientation.ssim.toFixed(4)} against the upright reference`);
  console.log(`\nworker start (load + compile): ${workerStartMs.toFixed(0)} ms`);
  console.log(`worker wasm: ${kb(statSync(join(dist, 'passregion-photo-worker_bg.wasm')).size)}, ${kb(workerWasmGz)} gzip; worker JS glue: ${kb(workerJsGz)} gzip`);
  console.log(`first page ("/"): ${own.length} files, ${kb(firstPageGz)} gzip; worker files fetched by it: ${workerFetched.length ? workerFetched.join(', ') : 'none'}`);
  writeFileSync(join(cache, 'results.json'), JSON.stringify({ results, orientation, workerStartMs, workerWasmGz, firstPageGz, own }, null, 2));
  if (workerFetched.length) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
