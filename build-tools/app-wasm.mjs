#!/usr/bin/env node
// The wasm of a split bundle — the application (`/`) and the beneficiary space (`/espace/`) — built outside Trunk so
// that it can be split (docs/size.md, "Code splitting"): Trunk 0.21 has no wasm-split step (trunk #1022), and the
// split must run on the linked module before wasm-bindgen, which drops the relocations it needs. Trunk still builds
// everything else (the CSS, the photo worker, the copied files); its post_build hook (build-tools/postbuild.mjs)
// calls this with its staging folder, for the bundle whose marker (BUNDLES below) the page carries.
//
// Release (TRUNK_PROFILE=release, or none given):
//   1. cargo rustc -p <package> --release --features split, the final link with --emit-relocs (only the binary gets the flag:
//      the dependencies keep their fingerprints, so nothing else is rebuilt);
//   2. wasm-split-cli (crate wasm_split_cli_support, installed by ./dev setup): main.wasm, one split_<name>.wasm
//      per split point of src/chunks.rs (space/src/chunks.rs), chunk_<n>.wasm for code shared by several of them, and __wasm_split.js,
//      the loader the main module imports;
//   3. wasm-bindgen --target web --keep-lld-exports (the splits call into the main module through those exports);
//   4. wasm-opt -Oz on every module (binaryen 132 from build-tools/node_modules: Debian's 108 breaks the module);
//   5. hashed names, cached for good like Trunk's: every wasm by its own content; the two JS modules import each
//      other, so they share one hash of both;
//   6. index.html: the module preload, the wasm preload and the bootstrap Trunk would have written (the
//      application's: a script that chooses between it and the start page's own bundle, BOOT_MAP), and a small
//      script that preloads the chunks of the page opened (a deep link shows its step without a second round
//      trip). That script's map, window.<chunkVar> = {"<last path segment, - as _>": ["/file.wasm", …]} (paths
//      under the bundle's public URL, Trunk's TRUNK_PUBLIC_URL), is also what build-tools/size.mjs reads to count
//      each route's chunks.
// Debug (`trunk serve`): a plain build without split points, no wasm-opt.
//
//   node build-tools/app-wasm.mjs STAGING_DIR      (the bundle is the one whose marker STAGING_DIR/index.html has)
import { readFileSync, writeFileSync, readdirSync, mkdirSync, rmSync, copyFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const TARGET = "wasm32-unknown-unknown";
const WASM_OPT = join(ROOT, "build-tools/node_modules/.bin/wasm-opt");
// The split bundles. marker: the <meta name> that takes the place of Trunk's <link data-trunk rel="rust"> in the
// bundle's index.html; chunkVar: the global holding its route → chunks map. Their pages live in a folder without a
// Cargo.toml (web/, space/web/): Trunk builds the Cargo.toml beside a page that names no rust app.
// src/state.rs's DRAFT_STORAGE_KEY and RECEIPT_STORAGE_KEY: where the application's draft and, once it is sent, its
// receipt are kept in sessionStorage.
const DRAFT_STORAGE_KEY = "passregion.draft";
const RECEIPT_STORAGE_KEY = "passregion.receipt";
// start: the bundle's other, small binary, not split, that index.html runs instead where `startWhen` (a JS expression)
// holds: the start page's own bundle at `/` in a tab without a draft (src/start_bundle.rs; with a draft the start page
// offers to resume, which takes the journey's rules), the login page's own at /espace/connexion
// (space/src/login_bundle.rs). startNext: the route the small page leads to, whose chunks are fetched ahead with the
// bundle's main files (the dossier page, after a login).
export const BUNDLES = [
  {
    marker: "passregion-app", pkg: "passregion-app", bin: "passregion-app", chunkVar: "passregionChunks",
    start: "passregion-start", startWhen: `location.pathname==="/"&&!sessionStorage.getItem(${JSON.stringify(DRAFT_STORAGE_KEY)})`,
  },
  {
    marker: "passregion-space", pkg: "passregion-space", bin: "passregion-space", chunkVar: "passregionSpaceChunks",
    start: "passregion-space-login", startWhen: `/^\\/espace\\/connexion\\/?$/.test(location.pathname)`, startNext: "espace",
  },
];
// The marker as written or as Trunk's HTML minifier leaves it (quotes dropped); "passregion-space-photo" is not it.
const markerOf = (name) => new RegExp(`<meta\\b[^>]*\\bname=["']?${name}(?=["'\\s/>])[^>]*>`);
export const CHUNK_MAP = /window\.passregion\w*Chunks=(\{.*?\})\)/;
// The two ways a bundle's index.html can start: {"start": {"files": [...]}, "app": {"files": [...]}}, each files list
// the JS module first and the wasm last (build-tools/size.mjs reads it too).
export const BOOT_MAP = /window\.passregionBoot=(\{.*?\})\)/;

/// The split bundle whose marker this page carries, or none.
export function bundleOf(html) {
  return BUNDLES.find((b) => markerOf(b.marker).test(html)) ?? null;
}

const hash = (...bufs) => {
  const h = createHash("sha256");
  for (const b of bufs) h.update(b);
  return h.digest("hex").slice(0, 16);
};

function run(cmd, args, env = {}) {
  execFileSync(cmd, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
}

function targetDir() {
  const meta = JSON.parse(execFileSync("cargo", ["metadata", "--format-version", "1", "--no-deps", "--offline"], { cwd: ROOT, maxBuffer: 64 << 20 }));
  return meta.target_directory;
}

function lockedWasmBindgen() {
  const lock = readFileSync(join(ROOT, "Cargo.lock"), "utf8");
  return lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)[1];
}

function checkWasmBindgen() {
  const want = lockedWasmBindgen();
  const got = execFileSync("wasm-bindgen", ["--version"], { encoding: "utf8" }).trim().split(/\s+/)[1];
  if (got !== want) throw new Error(`wasm-bindgen ${got} on PATH, Cargo.lock has ${want} (./dev setup installs it)`);
}

// PASSREGION_WASM_NAMES=1 keeps the functions' names (wasm-opt -g), for a CPU profile that says where a long task
// goes (docs/size.md, "Profiling a page load"); never for what is shipped: the names weigh about a third more.
function wasmOpt(file) {
  const names = process.env.PASSREGION_WASM_NAMES === "1" ? ["-g"] : [];
  run(WASM_OPT, ["-Oz", ...names, file, "-o", file]);
}

/// Builds, splits, binds and optimises; returns the folder holding main.js, main_bg.wasm, __wasm_split.js and the
/// split/chunk modules.
function buildRelease(work, { pkg, bin }) {
  run("cargo", ["rustc", "--offline", "--release", "--target", TARGET, "-p", pkg, "--bin", bin, "--features", "split", "--", "-Clink-args=--emit-relocs"]);
  const raw = join(targetDir(), TARGET, "release", `${bin}.wasm`);
  const split = join(work, "split");
  const out = join(work, "out");
  run("wasm-split-cli", [raw, split]);
  run("wasm-bindgen", ["--target", "web", "--keep-lld-exports", "--no-typescript", "--out-dir", out, join(split, "main.wasm")]);
  for (const f of readdirSync(split)) {
    if (f !== "main.wasm") copyFileSync(join(split, f), join(out, f));
  }
  for (const f of readdirSync(out).filter((f) => f.endsWith(".wasm"))) wasmOpt(join(out, f));
  return out;
}

/// The bundle's small binary (`start`), not split, and so without the `split` feature: under it every split point's
/// code is exported for wasm-split and would all be linked in (1 MB). Returns the folder holding start.js and
/// start_bg.wasm.
function buildStart(work, { pkg, start }, profile) {
  const release = profile === "release";
  run("cargo", ["build", "--offline", ...(release ? ["--release"] : []), "--target", TARGET, "-p", pkg, "--bin", start]);
  const out = join(work, "start");
  run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-name", "start", "--out-dir", out, join(targetDir(), TARGET, release ? "release" : "debug", `${start}.wasm`)]);
  if (release) wasmOpt(join(out, "start_bg.wasm"));
  return out;
}

/// Installs the small binary's two files into `staging` with hashed names; returns them (JS first).
function installStart(out, staging, { start }) {
  const wasm = readFileSync(join(out, "start_bg.wasm"));
  const js = readFileSync(join(out, "start.js"));
  const names = [`${start}-${hash(js)}.js`, `${start}-${hash(wasm)}_bg.wasm`];
  writeFileSync(join(staging, names[0]), js);
  writeFileSync(join(staging, names[1]), wasm);
  return names;
}

function buildDebug(work, { pkg, bin }) {
  run("cargo", ["build", "--offline", "--target", TARGET, "-p", pkg, "--bin", bin]);
  const out = join(work, "out");
  run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-name", "main", "--out-dir", out, join(targetDir(), TARGET, "debug", `${bin}.wasm`)]);
  return out;
}

/// Renames the built files into `staging` with hashed names; returns what index.html needs.
function install(out, staging, { bin: BIN }) {
  const files = readdirSync(out);
  const renamed = new Map(); // built name → served name
  for (const f of files.filter((f) => f.endsWith(".wasm"))) {
    const data = readFileSync(join(out, f));
    const stem = f === "main_bg.wasm" ? `${BIN}-${hash(data)}_bg` : `${BIN}-${f.replace(/^split_/, "").replace(/\.wasm$/, "")}-${hash(data)}`;
    renamed.set(f, `${stem}.wasm`);
    writeFileSync(join(staging, `${stem}.wasm`), data);
  }
  const split = files.includes("__wasm_split.js");
  let main = readFileSync(join(out, "main.js"), "utf8");
  let loader = split ? readFileSync(join(out, "__wasm_split.js"), "utf8") : "";
  for (const [from, to] of renamed) loader = loader.replaceAll(`"./${from}"`, `"./${to}"`);
  const h = hash(main, loader);
  const mainName = `${BIN}-${h}.js`;
  const loaderName = `${BIN}-loader-${h}.js`;
  if (split) {
    // Only the JS import: the wasm's own import module stays "./__wasm_split.js", the key of its imports object.
    const imports = /(\bfrom\s*)(["'])\.\/__wasm_split\.js\2/g;
    if (!imports.test(main)) throw new Error("main.js does not import ./__wasm_split.js: is the split build still what this script knows?");
    main = main.replace(imports, `$1"./${loaderName}"`);
    loader = loader.replaceAll('"./main.js"', `"./${mainName}"`);
    writeFileSync(join(staging, loaderName), loader);
  }
  writeFileSync(join(staging, mainName), main);
  return { mainName, wasmName: renamed.get("main_bg.wasm"), loaderName: split ? loaderName : null, chunks: split ? chunkMap(loader) : {} };
}

/// From the loader: split point name → the files it fetches (its own and the shared chunks it needs). The loader
/// declares `const __chunk_<n> = makeLoad(<fetch of "./file.wasm", or undefined>, [])` for each shared chunk, then
/// `export const __wasm_split_load_<name> = wrapAsyncCb(makeLoad(<fetch>, [__chunk_<n>, …]))` per split point.
export function chunkMap(loader) {
  const decl = /(?:const (__chunk_\d+)|export const __wasm_split_load_(\w+)) = (?:wrapAsyncCb\()?makeLoad\(([\s\S]*?), \[([^\]]*)\]\)/g;
  const file = (body) => body.match(/new URL\("\.\/([^"]+\.wasm)"/)?.[1] ?? null;
  const chunkFiles = new Map();
  const map = {};
  for (const m of loader.matchAll(decl)) {
    if (m[1]) {
      chunkFiles.set(m[1], file(m[3]));
      continue;
    }
    const deps = m[4].split(",").map((d) => d.trim()).filter(Boolean).map((d) => {
      if (!chunkFiles.has(d)) throw new Error(`__wasm_split.js: ${m[2]} needs ${d}, declared nowhere before it`);
      return chunkFiles.get(d);
    });
    map[m[2]] = [file(m[3]), ...deps].filter(Boolean).map((f) => `/${f}`);
  }
  if (!Object.keys(map).length) throw new Error("no split point found in __wasm_split.js");
  return map;
}

function writeIndex(staging, bundle, { mainName, wasmName, loaderName, chunks, start }, base) {
  const path = join(staging, "index.html");
  let html = readFileSync(path, "utf8");
  const marker = html.match(markerOf(bundle.marker))?.[0];
  if (!marker) throw new Error(`index.html has no <meta name="${bundle.marker}">: where should the app go?`);
  // The last non-empty segment: "/espace/" is the dossier page at "/espace". A journey step opens only once its
  // draft exists (core's guard: the charter before any answer), and the draft lives in sessionStorage (src/state.rs
  // DRAFT_STORAGE_KEY): a tab without one gets the charter or the deep link's notice, both in the first page, so its
  // step's chunks would only compete with the main module for bandwidth. Without a draft but with a receipt, every
  // journey route shows the application sent (src/steps/mod.rs `StepRoute`, `AlreadySent`): the confirmation's
  // chunk, which is also what /demande/confirmation itself shows, with or without a receipt.
  const preload = `(function(m){try{var p=location.pathname,k=(p.split("/").filter(Boolean).pop()||"").replace(/-/g,"_");` +
    `if(/^\\/demande\\//.test(p)&&!sessionStorage.getItem(${JSON.stringify(DRAFT_STORAGE_KEY)})){` +
    `if(sessionStorage.getItem(${JSON.stringify(RECEIPT_STORAGE_KEY)})||k==="confirmation")k="confirmation";else return}` +
    `var u=m[k]||[];` +
    `u.forEach(function(h){var l=document.createElement("link");l.rel="preload";l.as="fetch";l.crossOrigin="anonymous";` +
    `l.type="application/wasm";l.href=h;document.head.appendChild(l)})}catch(e){}})(window.${bundle.chunkVar}=${JSON.stringify(chunks)});`;
  const boot = {
    app: { files: [`${base}${mainName}`, ...(loaderName ? [`${base}${loaderName}`] : []), `${base}${wasmName}`] },
    ...(start ? { start: { files: start.map((f) => `${base}${f}`) }, next: chunks[bundle.startNext] ?? [] } : {}),
  };
  // Which of the two runs (BUNDLES' startWhen; when it cannot be told, the whole bundle). The preloads are written by
  // this script, since only it knows which. With the small one, window.passregionAhead fetches the whole bundle's
  // main files (and startNext's chunks) into the cache, so that its links ("Commencer", a login) open the next page
  // from there; not on a connection that asks to save data. It is set off by the module script below once the small
  // page has drawn, and then at idle after `load`: earlier, it would compete with the page's own start for the
  // network (Lighthouse's simulated phone put the login's LCP 1.2 s later when it started at `load`). `ran` tells
  // the tests it has run.
  const chooser = `(function(b){var s=false;try{s=!!b.start&&${bundle.startWhen}}catch(e){}` +
    `var c=window.passregionBooting=b[s?"start":"app"];` +
    `var add=function(r,h){var l=document.createElement("link");l.rel=r;l.href=h;l.crossOrigin="anonymous";` +
    `if(r==="preload"){l.as="fetch";l.type="application/wasm"}document.head.appendChild(l);return l};` +
    `c.files.forEach(function(h){add(/\.wasm$/.test(h)?"preload":"modulepreload",h)});` +
    `if(s)window.passregionAhead=function a(){a.ran=true;var n=navigator.connection;if(n&&n.saveData)return;` +
    `var q=document.createElement("link").relList,p=!!(q&&q.supports&&q.supports("prefetch"));` +
    `b.app.files.concat(b.next).forEach(function(h){if(p)add("prefetch",h);` +
    `else fetch(h,{priority:"low"}).then(function(r){return r.arrayBuffer()}).catch(function(){})})}` +
    `})(window.passregionBoot=${JSON.stringify(boot)});`;
  // After init the page mounts in a zero-delay timer of its own (passregion_lazy::mount_to_body_next_task): a timer
  // queued after it, then a frame, then a timer again come after its first paint.
  const ahead = `const ahead = window.passregionAhead;\nif (ahead) setTimeout(() => requestAnimationFrame(() => setTimeout(() => {\n` +
    `const go = () => (window.requestIdleCallback || setTimeout)(ahead);\n` +
    `if (document.readyState === "complete") go(); else addEventListener("load", go, { once: true });\n})));`;
  const started = `window.wasmBindings = bindings;\ndispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));`;
  const tags = (start ? [
    `<script>${chooser}</script>`,
    Object.keys(chunks).length ? `<script>${preload}</script>` : "",
    // A module that cannot be fetched leaves the static first frame, whose links are plain pages; the browser has
    // logged the failed request, as it does for a static import (no uncaught rejection on top).
    `<script type="module">const c = window.passregionBooting;\nconst bindings = await import(c.files[0]).catch(() => null);\n` +
      `if (bindings) {\nconst wasm = await bindings.default({ module_or_path: c.files[c.files.length - 1] });\n${started}\n${ahead}\n}</script>`,
  ] : [
    `<link rel="modulepreload" href="${base}${mainName}" crossorigin>`,
    `<link rel="preload" href="${base}${wasmName}" as="fetch" type="application/wasm" crossorigin>`,
    Object.keys(chunks).length ? `<script>${preload}</script>` : "",
    `<script type="module">import init, * as bindings from '${base}${mainName}';\nconst wasm = await init({ module_or_path: '${base}${wasmName}' });\n${started}</script>`,
  ]).join("");
  html = html.replace(marker, tags);
  writeFileSync(path, html);
}

/// Builds the bundle into `staging` (Trunk's staging folder of the page that carries its marker); `base` is the
/// bundle's public URL ("/" for the application, "/espace/" for the space).
export function buildBundle(staging, bundle, { profile = process.env.TRUNK_PROFILE ?? "release", base = process.env.TRUNK_PUBLIC_URL || "/" } = {}) {
  base = base.replace(/\/?$/, "/");
  // One folder per bundle: `./dev watch` rebuilds the application and the space side by side.
  const work = join(ROOT, "target", "wasm-split", bundle.bin);
  let out = join(work, "out");
  // PASSREGION_REUSE_APP_WASM=1: only redo the naming and index.html from the last build (working on this script).
  if (process.env.PASSREGION_REUSE_APP_WASM !== "1") {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    checkWasmBindgen();
    out = profile === "release" ? buildRelease(work, bundle) : buildDebug(work, bundle);
    if (bundle.start) buildStart(work, bundle, profile);
  }
  const built = install(out, staging, bundle);
  if (bundle.start) built.start = installStart(join(work, "start"), staging, bundle);
  built.chunks = Object.fromEntries(Object.entries(built.chunks).map(([route, files]) => [route, files.map((f) => `${base}${f.replace(/^\//, "")}`)]));
  writeIndex(staging, bundle, built, base);
  return built;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const staging = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
    if (!staging || !existsSync(staging)) throw new Error("usage: app-wasm.mjs STAGING_DIR");
    const bundle = bundleOf(readFileSync(join(staging, "index.html"), "utf8"));
    if (!bundle) throw new Error(`${staging}/index.html carries no bundle's marker (${BUNDLES.map((b) => b.marker).join(", ")})`);
    const built = buildBundle(staging, bundle);
    console.error(`app-wasm: ${built.mainName}, ${built.wasmName}, ${Object.keys(built.chunks).length} split points`);
  } catch (e) {
    console.error(`app-wasm.mjs: ${e.message}`);
    process.exitCode = 1;
  }
}
