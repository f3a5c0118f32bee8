#!/usr/bin/env node
// Sizes of the built app, and its precompressed copies. No dependency beyond node itself (zlib has gzip and brotli).
//
//   node build-tools/size.mjs precompress [DIR]
//       Writes FILE.br (brotli, quality 11) and FILE.gz (gzip, level 9) beside each compressible file of DIR
//       (default: $TRUNK_STAGING_DIR; Trunk's post_build hook, build-tools/postbuild.mjs, calls it on release
//       builds). A variant that would not be smaller is not written. The reference server, nginx (brotli_static/gzip_static) and Caddy
//       (precompressed br gzip) send these files as they are (docs/size.md).
//
//   node build-tools/size.mjs report [--dist dist] [--budget build-tools/size-budget.txt] [--update-budget]
//       Prints what the first page fetches before the app is interactive (read from dist/index.html: the HTML, the
//       wasm and its JS glue, the CSS, the icon), raw, gzip -9 and brotli q11, the total, then each part fetched
//       later (the photo worker), and exits 1 when the first page's gzip total is over the budget file's ratchet
//       or a lazy part is over its own. --update-budget writes the current figures (rounded up) as the new ratchet.
//
// KB here is 1,000 bytes.
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, relative, extname, basename } from "node:path";
import { gzipSync, brotliCompressSync, constants as Z } from "node:zlib";

const COMPRESSIBLE = new Set([".wasm", ".js", ".mjs", ".css", ".html", ".svg", ".json", ".txt", ".map", ".xml"]);

export function gzip(buf) {
  return gzipSync(buf, { level: 9 });
}

export function brotli(buf) {
  return brotliCompressSync(buf, {
    params: {
      [Z.BROTLI_PARAM_QUALITY]: 11,
      [Z.BROTLI_PARAM_LGWIN]: 24,
      [Z.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  });
}

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

export function precompress(dir) {
  let written = 0;
  for (const path of walk(dir)) {
    if (!COMPRESSIBLE.has(extname(path))) continue;
    const raw = readFileSync(path);
    for (const [ext, pack] of [[".br", brotli], [".gz", gzip]]) {
      const packed = pack(raw);
      if (packed.length < raw.length) {
        writeFileSync(path + ext, packed);
        written++;
      }
    }
  }
  return written;
}

/// Same-origin paths that index.html makes the browser fetch at load: stylesheets, icons, preloads and
/// modulepreloads, classic and module scripts, and what the inline bootstrap imports or passes to init().
export function firstPageUrls(html) {
  const urls = new Set();
  const attr = (tag, name) => {
    const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, "i"));
    return m ? (m[2] ?? m[3] ?? m[4]) : null;
  };
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = (attr(tag, "rel") ?? "").toLowerCase().split(/\s+/);
    const href = attr(tag, "href");
    if (href && !tag.includes("data-trunk") && rel.some((r) => ["stylesheet", "icon", "preload", "modulepreload"].includes(r))) {
      urls.add(href);
    }
  }
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = attr(`<script ${m[1]}>`, "src");
    if (src) urls.add(src);
    for (const s of m[2].matchAll(/(?:from\s*|import\s*\(\s*|module_or_path\s*:\s*|init\s*\(\s*)['"]([^'"]+)['"]/g)) {
      urls.add(s[1]);
    }
  }
  return [...urls].filter((u) => !/^[a-z]+:|^\/\//i.test(u)).map((u) => u.replace(/^\.?\//, "").split(/[?#]/)[0]);
}

function measure(dist, rel) {
  const raw = readFileSync(join(dist, rel));
  return { name: rel, raw: raw.length, gzip: gzip(raw).length, br: brotli(raw).length };
}

export function readBudget(path) {
  const budget = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const m = line.replace(/#.*/, "").trim().match(/^([a-z_]+)\s*=\s*(\d+)$/);
    if (m) budget[m[1]] = Number(m[2]);
  }
  return budget;
}

const kb = (n) => (n / 1000).toFixed(1).padStart(8);

const WIDTH = 44;

function table(title, rows) {
  const width = Math.max(WIDTH, title.length, ...rows.map((r) => r.name.length));
  const lines = [`${title.padEnd(width)}   raw KB  gzip KB    br KB`];
  for (const r of rows) lines.push(`${r.name.padEnd(width)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.br)}`);
  return lines;
}

function sum(name, rows) {
  return rows.reduce((t, r) => ({ name, raw: t.raw + r.raw, gzip: t.gzip + r.gzip, br: t.br + r.br }), { name, raw: 0, gzip: 0, br: 0 });
}

/// Files of dist that are not on the first page and that the app fetches later, grouped by part (the photo
/// worker's glue, wasm and loader shim), keyed by the name before Trunk's hash.
function lazyParts(dist, first) {
  const parts = new Map();
  for (const path of walk(dist)) {
    const rel = relative(dist, path);
    if (rel.startsWith(`${SPACE_DIR}/`)) continue; // its own entry point, reported apart
    if (first.includes(rel) || /\.(br|gz)$/.test(rel) || !/\.(wasm|js)$|^i18n\//.test(rel)) continue;
    const part = /^i18n\//.test(rel)
      ? `texts ${basename(rel).replace(/-[0-9a-f]{16}\.json$/, "")}`
      : basename(rel).replace(/(-[0-9a-f]{16})?(_bg)?\.(wasm|js)$/, "").replace(/_loader$/, "");
    if (!parts.has(part)) parts.set(part, []);
    parts.get(part).push(measure(dist, rel));
  }
  return parts;
}

/// The beneficiary space (space/, built into dist/SPACE_DIR/): what its index.html makes the browser fetch, like the
/// first page's; paths are read from dist's root since its public URL is /SPACE_DIR/.
const SPACE_DIR = "espace";

function spaceRows(dist) {
  const index = join(SPACE_DIR, "index.html");
  if (!existsSync(join(dist, index))) return null;
  const files = [index, ...firstPageUrls(readFileSync(join(dist, index), "utf8"))];
  const rows = files.filter((f) => existsSync(join(dist, f))).map((f) => measure(dist, f));
  return { rows, total: sum("space total", rows) };
}

export function report({ dist, budgetPath, update }) {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const first = ["index.html", ...firstPageUrls(html)];
  const missing = first.filter((f) => !existsSync(join(dist, f)));
  if (missing.length) throw new Error(`index.html loads files that are not in ${dist}: ${missing.join(", ")}`);
  const rows = first.map((f) => measure(dist, f));
  const total = sum("first page total", rows);
  const rule = "-".repeat(WIDTH + 27);
  const out = [...table(`first page (${rows.length} files, before interactive)`, rows), rule, ...table("", [total]).slice(1), ""];
  const lazy = lazyParts(dist, first);
  const lazyTotals = [];
  for (const [part, files] of lazy) {
    out.push(...table(`fetched later: ${part}`, files));
    const t = sum(`${part} total`, files);
    lazyTotals.push({ part, ...t });
    out.push(rule, ...table("", [t]).slice(1), "");
  }
  const space = spaceRows(dist);
  if (space) {
    out.push(...table(`beneficiary space, /${SPACE_DIR}/ (${space.rows.length} files, its own entry point)`, space.rows));
    out.push(rule, ...table("", [space.total]).slice(1), "");
  }
  console.log(out.join("\n"));

  if (!budgetPath) return 0;
  const budget = readBudget(budgetPath);
  let failed = false;
  const check = (label, actual, limit, target) => {
    if (limit === undefined) return;
    const over = actual > limit;
    failed ||= over;
    const goal = target ? `, target ${target} B${actual > target ? ` (${actual - target} B to go)` : " (met)"}` : "";
    console.log(`${over ? "OVER " : "ok   "} ${label}: ${actual} B gzip, budget ${limit} B${goal}${over ? `  (+${actual - limit} B)` : ""}`);
    if (!over && limit - actual > 5000) console.log(`      ${label} is ${limit - actual} B under its budget: lower it (--update-budget) so it cannot creep back`);
  };
  check("first page", total.gzip, budget.first_page_gzip, budget.target_first_page_gzip);
  if (space) check("beneficiary space", space.total.gzip, budget.space_gzip, budget.target_space_gzip);
  for (const t of lazyTotals) {
    const key = `lazy_gzip_${t.part.replace(/[^A-Za-z0-9]+/g, "_")}`;
    check(t.part, t.gzip, budget[key] ?? budget.lazy_part_gzip, budget[`target_${key}`] ?? budget.target_lazy_part_gzip);
  }

  if (update) {
    const round = (n) => Math.ceil((n * 1.01) / 1000) * 1000;
    let text = readFileSync(budgetPath, "utf8").replace(/^first_page_gzip\s*=.*$/m, `first_page_gzip = ${round(total.gzip)}`);
    for (const t of lazyTotals) {
      const key = `lazy_gzip_${t.part.replace(/[^A-Za-z0-9]+/g, "_")}`;
      if (new RegExp(`^${key}\\s*=`, "m").test(text)) text = text.replace(new RegExp(`^${key}\\s*=.*$`, "m"), `${key} = ${round(t.gzip)}`);
    }
    if (space) text = text.replace(/^space_gzip\s*=.*$/m, `space_gzip = ${round(space.total.gzip)}`);
    writeFileSync(budgetPath, text);
    console.log(`budget updated: ${budgetPath}`);
    return 0;
  }
  return failed ? 1 : 0;
}

function main(argv) {
  const [command, ...rest] = argv;
  const opt = (name, fallback) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : fallback;
  };
  if (command === "precompress") {
    const dir = rest.find((a) => !a.startsWith("--")) ?? process.env.TRUNK_STAGING_DIR;
    if (!dir) throw new Error("precompress: no folder given and TRUNK_STAGING_DIR is not set");
    if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== "release") return 0;
    const n = precompress(dir);
    console.error(`precompressed ${n} files (.br q11, .gz -9) in ${dir}`);
    return 0;
  }
  if (command === "report") {
    return report({ dist: opt("--dist", "dist"), budgetPath: opt("--budget", null), update: rest.includes("--update-budget") });
  }
  console.error("usage: size.mjs precompress [DIR] | report [--dist dist] [--budget FILE] [--update-budget]");
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`size.mjs: ${e.message}`);
    process.exitCode = 2;
  }
}
