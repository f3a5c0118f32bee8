#!/usr/bin/env node
// Lighthouse (mobile profile: simulated 150 ms RTT, 1.6 Mbit/s, 4x CPU slowdown) on the release build in dist/, served
// by the reference server, against issue 8's targets. Timings depend on the machine and its load, so this is a
// benchmark, not a test: it prints, and exits non-zero only when a run cannot be made. Run it on a quiet machine
// (the load average is printed beside each run); read the medians, not a single run.
//
//   ./dev lighthouse                       (release build, server, then this)
//   node run.mjs --server BIN --dist DIR [--runs 3] [--pages /,/demande/identite] [--out DIR]
//
// Each page is opened in a fresh Chromium profile (Debian's, CHROME_PATH or /usr/bin/chromium), so a deep link
// measures a first visit: /demande/identite and /demande/photo show the charter with the deep link's notice.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, mkdirSync, existsSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "node:net";

const HERE = dirname(fileURLToPath(import.meta.url));
const LIGHTHOUSE = join(HERE, "node_modules/.bin/lighthouse");
const PAGES = ["/", "/demande/identite", "/demande/photo", "/espace/connexion"];
// Issue 8: performance >= 95, LCP and TBT within the "good" band, CLS <= 0.05, accessibility 100.
const TARGETS = { perf: 95, tbt: 150, cls: 0.05, a11y: 100 };

function args() {
  const a = process.argv.slice(2);
  const get = (name, fallback) => {
    const i = a.indexOf(`--${name}`);
    return i >= 0 ? a[i + 1] : fallback;
  };
  return {
    server: get("server"),
    dist: get("dist"),
    runs: Number(get("runs", "3")),
    pages: get("pages", PAGES.join(",")).split(","),
    out: get("out", null),
  };
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });

async function startServer(bin, dist, data) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // A date inside the campaign, as the E2E tests use: the charter and the steps are open.
  const child = spawn(bin, ["--addr", `127.0.0.1:${port}`, "--dist", dist, "--data-dir", data, "--today", "2026-10-01",
    "--public-url", origin], { stdio: ["ignore", "ignore", "inherit"] });
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${origin}/api/v1/campaign`);
      if (r.ok) return { child, origin };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`the server did not answer on ${origin}`);
}

function lighthouse(url, output) {
  execFileSync(LIGHTHOUSE, [url, "--quiet", "--only-categories=performance,accessibility", "--output=json",
    `--output-path=${output}`, "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
  { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || "/usr/bin/chromium" }, stdio: ["ignore", "ignore", "inherit"] });
  const report = JSON.parse(readFileSync(output, "utf8"));
  const a = report.audits;
  if (report.runtimeError) throw new Error(`${url}: ${report.runtimeError.message}`);
  return {
    perf: Math.round(report.categories.performance.score * 100),
    a11y: Math.round(report.categories.accessibility.score * 100),
    fcp: a["first-contentful-paint"].numericValue,
    lcp: a["largest-contentful-paint"].numericValue,
    tbt: a["total-blocking-time"].numericValue,
    cls: a["cumulative-layout-shift"].numericValue,
    kb: a["total-byte-weight"].numericValue / 1024,
  };
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

async function main() {
  const o = args();
  if (!o.server || !o.dist) throw new Error("usage: run.mjs --server BIN --dist DIR [--runs N] [--pages a,b]");
  if (!existsSync(LIGHTHOUSE)) throw new Error(`no ${LIGHTHOUSE}: npm ci in ${HERE}`);
  const work = mkdtempSync(join(tmpdir(), "passregion-lighthouse-"));
  const out = o.out ?? join(work, "reports");
  mkdirSync(out, { recursive: true });
  const { child, origin } = await startServer(o.server, o.dist, join(work, "data"));
  const results = new Map(o.pages.map((p) => [p, []]));
  try {
    // Rounds over the pages rather than one page at a time: a burst of load on the machine spreads over all of them.
    for (let run = 1; run <= o.runs; run++) {
      for (const page of o.pages) {
        const file = join(out, `run${run}${page.replace(/\//g, "_")}.json`);
        // Lighthouse sometimes loses its trace (NO_NAVSTART on a busy machine): that run is made again, twice at most.
        let r;
        for (let attempt = 1; !r; attempt++) {
          try {
            r = lighthouse(origin + page, file);
          } catch (e) {
            if (attempt === 3) throw e;
            console.error(`run ${run} ${page}: ${e.message.split("\n")[0]}; again`);
          }
        }
        results.get(page).push(r);
        console.error(`run ${run} ${page}: perf ${r.perf}, LCP ${Math.round(r.lcp)} ms, TBT ${Math.round(r.tbt)} ms, ` +
          `CLS ${r.cls.toFixed(3)}, a11y ${r.a11y} (load average ${loadavg()[0].toFixed(1)})`);
      }
    }
  } finally {
    child.kill();
  }
  console.log(`\nLighthouse 12 mobile, median of ${o.runs} (reports in ${out})`);
  console.log("page                   perf   FCP ms   LCP ms   TBT ms    CLS  a11y    KB  targets");
  for (const [page, rs] of results) {
    const m = Object.fromEntries(["perf", "fcp", "lcp", "tbt", "cls", "a11y", "kb"].map((k) => [k, median(rs.map((r) => r[k]))]));
    const missed = [
      m.perf < TARGETS.perf && `perf < ${TARGETS.perf}`,
      m.tbt > TARGETS.tbt && `TBT > ${TARGETS.tbt}`,
      m.cls > TARGETS.cls && `CLS > ${TARGETS.cls}`,
      m.a11y < TARGETS.a11y && `a11y < ${TARGETS.a11y}`,
    ].filter(Boolean);
    console.log(`${page.padEnd(21)} ${String(m.perf).padStart(5)} ${Math.round(m.fcp).toString().padStart(8)} ` +
      `${Math.round(m.lcp).toString().padStart(8)} ${Math.round(m.tbt).toString().padStart(8)} ${m.cls.toFixed(3).padStart(6)} ` +
      `${String(m.a11y).padStart(5)} ${Math.round(m.kb).toString().padStart(5)}  ${missed.length ? missed.join(", ") : "met"}`);
  }
  if (!o.out) rmSync(join(work, "data"), { recursive: true, force: true });
}

main().catch((e) => {
  console.error(`lighthouse: ${e.message}`);
  process.exitCode = 1;
});
