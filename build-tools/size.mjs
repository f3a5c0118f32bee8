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
//       wasm and its JS glue, the CSS, the icon), raw, gzip -9 and brotli q11, the total; the same for each other
//       entry point (dist/<dir>/index.html, e.g. the beneficiary space); then each part fetched later (the photo
//       worker, the English texts) and, for each route whose code is split off (src/chunks.rs, space/src/chunks.rs),
//       the chunks it fetches when opened (read from each entry's index.html, window.passregionChunks or
//       passregionSpaceChunks, which build-tools/app-wasm.mjs writes; a chunk shared by several routes counts in
//       each). Exits 1 when a gzip total is over its ratchet in the budget file (first_page_gzip, entry_gzip_<dir>,
//       lazy_gzip_<part>, lazy_route_gzip for every route of the application, lazy_route_gzip_<dir> for those of
//       an entry <dir>). --update-budget writes the current figures (rounded up) over the ratchets already in the file.
//
// KB here is 1,000 bytes.
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, relative, extname, basename } from "node:path";
import { gzipSync, brotliCompressSync, constants as Z } from "node:zlib";
import { CHUNK_MAP, BOOT_MAP } from "./app-wasm.mjs";

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
  return [...urls].filter((u) => !/^[a-z]+:|^\/\//i.test(u)).map((u) => u.split(/[?#]/)[0]);
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

const WIDTH = 52;

function table(title, rows) {
  const width = Math.max(WIDTH, title.length, ...rows.map((r) => r.name.length));
  const lines = [`${title.padEnd(width)}   raw KB  gzip KB    br KB`];
  for (const r of rows) lines.push(`${r.name.padEnd(width)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.br)}`);
  return lines;
}

function sum(name, rows) {
  return rows.reduce((t, r) => ({ name, raw: t.raw + r.raw, gzip: t.gzip + r.gzip, br: t.br + r.br }), { name, raw: 0, gzip: 0, br: 0 });
}

/// Files of dist that no entry's first page loads and that the app fetches later, grouped by part (the photo
/// worker's glue, wasm and loader shim; a language's texts), keyed by the name before Trunk's hash.
function lazyParts(dist, onFirstPages) {
  const parts = new Map();
  for (const path of walk(dist)) {
    const rel = relative(dist, path);
    if (onFirstPages.has(rel) || /\.(br|gz)$/.test(rel) || !/\.(wasm|js)$|(^|\/)i18n\//.test(rel)) continue;
    // An entry's own texts (espace/i18n/en-….json) are "espace/texts en".
    const texts = rel.match(/^(.*\/)?i18n\/[^/]+$/);
    const dir = texts ? texts[1] ?? "" : rel.includes("/") ? rel.slice(0, rel.lastIndexOf("/") + 1) : "";
    const part = texts
      ? `${dir}texts ${basename(rel).replace(/-[0-9a-f]{10,16}\.json$/, "")}`
      : dir + basename(rel).replace(/(-[0-9a-f]{10,16})?(_bg)?\.(wasm|js)$/, "").replace(/_loader$/, "");
    if (!parts.has(part)) parts.set(part, []);
    parts.get(part).push(measure(dist, rel));
  }
  return parts;
}

/// Entry points: dist/index.html (the application) and every dist/<dir>/index.html (e.g. the beneficiary space
/// under /espace/, its own Trunk build): each is a first page of its own. An index.html that starts one of two
/// bundles (build-tools/app-wasm.mjs, BOOT_MAP) is two: its small page's (the application's start page at `/` in a
/// fresh tab, which is "the first page"; the space's login) and the whole bundle's, at its other addresses.
function entryPoints(dist) {
  const dirs = [""];
  for (const name of readdirSync(dist).sort()) {
    if (statSync(join(dist, name)).isDirectory() && existsSync(join(dist, name, "index.html"))) dirs.push(name);
  }
  const entries = [];
  for (const dir of dirs) {
    const key = dir ? `entry_gzip_${dir.replace(/[^A-Za-z0-9]+/g, "_")}` : "first_page_gzip";
    const title = dir ? `first page of /${dir}/` : "first page";
    const boot = bootMap(dist, dir);
    if (!boot?.start) {
      entries.push({ dir, title, budgetKey: key, targetKey: `target_${key}` });
      continue;
    }
    const whole = dir ? `${key}_app` : "entry_gzip_app";
    entries.push(
      { dir, boot: "start", files: boot.start.files, title: dir ? `${title} (its login, /${dir}/connexion)` : title, budgetKey: key, targetKey: `target_${key}` },
      { dir, boot: "app", files: boot.app.files, title: dir ? `${title} at its other addresses` : "first page of /demande/… and the other addresses", budgetKey: whole, targetKey: `target_${whole}` },
    );
  }
  return entries;
}

/// What a JS module imports statically (fetched before it runs); dynamic `import()` is not followed.
export function staticImports(js) {
  return [...js.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+)["']/g)].map((m) => m[1]);
}

function bootMap(dist, dir) {
  const m = readFileSync(join(dist, dir, "index.html"), "utf8").match(BOOT_MAP);
  return m ? JSON.parse(m[1]) : null;
}

/// `chosen`: the files of the bundle an index.html with two starts (BOOT_MAP) runs there, which its script preloads.
function firstPageFiles(dist, dir, chosen = []) {
  const index = dir ? `${dir}/index.html` : "index.html";
  const html = readFileSync(join(dist, index), "utf8");
  // "/x.js" is from dist's root, "x.js" or "./x.js" from the entry's folder.
  const resolve = (u, from) => (u.startsWith("/") ? u.slice(1) : join(from, u.replace(/^\.\//, "")));
  const files = new Set(firstPageUrls(html).map((u) => resolve(u, dir)));
  for (const u of chosen) files.add(resolve(u, dir));
  for (const f of files) {
    if (!/\.m?js$/.test(f) || !existsSync(join(dist, f))) continue;
    const from = f.includes("/") ? f.slice(0, f.lastIndexOf("/")) : "";
    for (const u of staticImports(readFileSync(join(dist, f), "utf8"))) {
      if (!/^[a-z]+:|^\/\//i.test(u)) files.add(resolve(u, from));
    }
  }
  return [index, ...files];
}

/// Route (last path segment, `-` as `_`) → the chunk files it fetches when opened, from the entry's index.html.
export function routeChunks(dist, dir = "") {
  const m = readFileSync(join(dist, dir, "index.html"), "utf8").match(CHUNK_MAP);
  return m ? JSON.parse(m[1]) : {};
}

export function report({ dist, budgetPath, update }) {
  const rule = "-".repeat(WIDTH + 27);
  const out = [];
  const checks = [];
  const onFirstPages = new Set();
  for (const entry of entryPoints(dist)) {
    const first = firstPageFiles(dist, entry.dir, entry.files);
    const missing = first.filter((f) => !existsSync(join(dist, f)));
    if (missing.length) throw new Error(`${first[0]} loads files that are not in ${dist}: ${missing.join(", ")}`);
    first.forEach((f) => onFirstPages.add(f));
    const rows = first.map((f) => measure(dist, f));
    const total = sum(`${entry.title} total`, rows);
    out.push(...table(`${entry.title} (${rows.length} files, before interactive)`, rows), rule, ...table("", [total]).slice(1), "");
    checks.push({ label: entry.title, gzip: total.gzip, key: entry.budgetKey, target: entry.targetKey });
  }
  for (const entry of entryPoints(dist).filter((e) => e.boot !== "start")) {
    // The application's routes keep their names (lazy_route_gzip); an entry's are prefixed (lazy_route_gzip_espace).
    const key = entry.dir ? `_${entry.dir.replace(/[^A-Za-z0-9]+/g, "_")}` : "";
    const prefix = entry.dir ? `/${entry.dir}/ ` : "";
    for (const [route, urls] of Object.entries(routeChunks(dist, entry.dir))) {
      const rels = urls.map((u) => u.replace(/^\//, ""));
      rels.forEach((f) => onFirstPages.add(f));
      const files = rels.map((f) => measure(dist, f));
      out.push(...table(`fetched when opened: ${prefix}route ${route}`, files));
      const t = sum(`${route} total`, files);
      out.push(rule, ...table("", [t]).slice(1), "");
      const own = `lazy_gzip_route${key}_${route}`;
      checks.push({ label: `${prefix}route ${route}`, gzip: t.gzip, key: own, fallback: `lazy_route_gzip${key}`, target: `target_${own}`, lazy: true });
    }
  }
  for (const [part, files] of lazyParts(dist, onFirstPages)) {
    out.push(...table(`fetched later: ${part}`, files));
    const t = sum(`${part} total`, files);
    out.push(rule, ...table("", [t]).slice(1), "");
    const key = `lazy_gzip_${part.replace(/[^A-Za-z0-9]+/g, "_")}`;
    checks.push({ label: part, gzip: t.gzip, key, target: `target_${key}`, lazy: true });
  }
  console.log(out.join("\n"));

  if (!budgetPath) return 0;
  const budget = readBudget(budgetPath);
  let failed = false;
  for (const c of checks) {
    const limit = budget[c.key] ?? budget[c.fallback] ?? (c.lazy ? budget.lazy_part_gzip : undefined);
    const target = budget[c.target] ?? (c.lazy ? budget.target_lazy_part_gzip : undefined);
    if (limit === undefined) continue;
    const over = c.gzip > limit;
    failed ||= over;
    const goal = target ? `, target ${target} B${c.gzip > target ? ` (${c.gzip - target} B to go)` : " (met)"}` : "";
    console.log(`${over ? "OVER " : "ok   "} ${c.label}: ${c.gzip} B gzip, budget ${limit} B${goal}${over ? `  (+${c.gzip - limit} B)` : ""}`);
    // A shared ratchet (lazy_route_gzip, lazy_route_gzip_<dir>) is checked against the largest route only.
    const shared = budget[c.key] === undefined && c.fallback;
    if (!over && limit - c.gzip > 5000 && !shared) console.log(`      ${c.label} is ${limit - c.gzip} B under its budget: lower it (--update-budget) so it cannot creep back`);
  }

  if (update) {
    const round = (n) => Math.ceil((n * 1.01) / 1000) * 1000;
    let text = readFileSync(budgetPath, "utf8");
    for (const c of checks) {
      const line = new RegExp(`^${c.key}\\s*=.*$`, "m");
      if (line.test(text)) text = text.replace(line, `${c.key} = ${round(c.gzip)}`);
    }
    // One ratchet for every route's chunks of an entry: the largest of them.
    for (const shared of new Set(checks.map((c) => c.fallback).filter(Boolean))) {
      const routeMax = Math.max(0, ...checks.filter((c) => c.fallback === shared).map((c) => c.gzip));
      const line = new RegExp(`^${shared}\\s*=.*$`, "m");
      if (routeMax && line.test(text)) text = text.replace(line, `${shared} = ${round(routeMax)}`);
    }
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
