#!/usr/bin/env node
// The application's wasm, built outside Trunk so that it can be split (docs/size.md, "Code splitting"): Trunk
// 0.21 has no wasm-split step (trunk #1022), and the split must run on the linked module before wasm-bindgen, which
// drops the relocations it needs. Trunk still builds everything else (the CSS, the photo worker, the copied files);
// its post_build hook (build-tools/postbuild.mjs) calls this with its staging folder.
//
// Release (TRUNK_PROFILE=release, or none given):
//   1. cargo rustc --release --features split, the final link with --emit-relocs (only the binary gets the flag:
//      the dependencies keep their fingerprints, so nothing else is rebuilt);
//   2. wasm-split-cli (crate wasm_split_cli_support, installed by ./dev setup): main.wasm, one split_<name>.wasm
//      per split point of src/chunks.rs, chunk_<n>.wasm for code shared by several of them, and __wasm_split.js,
//      the loader the main module imports;
//   3. wasm-bindgen --target web --keep-lld-exports (the splits call into the main module through those exports);
//   4. wasm-opt -Oz on every module (binaryen 132 from build-tools/node_modules: Debian's 108 breaks the module);
//   5. hashed names, cached for good like Trunk's: every wasm by its own content; the two JS modules import each
//      other, so they share one hash of both;
//   6. index.html: the module preload, the wasm preload and the bootstrap Trunk would have written, and a small
//      script that preloads the chunks of the page opened (a deep link shows its step without a second round
//      trip). That script's map, {"<last path segment, - as _>": ["/file.wasm", …]}, is also what
//      build-tools/size.mjs reads to count each route's chunks.
// Debug (`trunk serve`): a plain build without split points, no wasm-opt.
//
//   node build-tools/app-wasm.mjs STAGING_DIR
import { readFileSync, writeFileSync, readdirSync, mkdirSync, rmSync, copyFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = "passregion-app";
const TARGET = "wasm32-unknown-unknown";
const WASM_OPT = join(ROOT, "build-tools/node_modules/.bin/wasm-opt");
// Where index.html takes the app: Trunk's <link data-trunk rel="rust"> for the app is gone, this marks the place.
const MARKER = /<meta\b[^>]*\bpassregion-app\b[^>]*>/;
export const CHUNK_MAP = /window\.passregionChunks=(\{.*?\})\)/;

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

function wasmOpt(file) {
  run(WASM_OPT, ["-Oz", file, "-o", file]);
}

/// Builds, splits, binds and optimises; returns the folder holding main.js, main_bg.wasm, __wasm_split.js and the
/// split/chunk modules.
function buildRelease(work) {
  run("cargo", ["rustc", "--offline", "--release", "--target", TARGET, "--bin", BIN, "--features", "split", "--", "-Clink-args=--emit-relocs"]);
  const raw = join(targetDir(), TARGET, "release", `${BIN}.wasm`);
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

function buildDebug(work) {
  run("cargo", ["build", "--offline", "--target", TARGET, "--bin", BIN]);
  const out = join(work, "out");
  run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-name", "main", "--out-dir", out, join(targetDir(), TARGET, "debug", `${BIN}.wasm`)]);
  return out;
}

/// Renames the built files into `staging` with hashed names; returns what index.html needs.
function install(out, staging) {
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

function writeIndex(staging, { mainName, wasmName, chunks }) {
  const path = join(staging, "index.html");
  let html = readFileSync(path, "utf8");
  const marker = html.match(MARKER)?.[0];
  if (!marker) throw new Error('index.html has no <meta name="passregion-app">: where should the app go?');
  const preload = `(function(m){try{var u=m[location.pathname.split("/").pop().replace(/-/g,"_")]||[];` +
    `u.forEach(function(h){var l=document.createElement("link");l.rel="preload";l.as="fetch";l.crossOrigin="anonymous";` +
    `l.type="application/wasm";l.href=h;document.head.appendChild(l)})}catch(e){}})(window.passregionChunks=${JSON.stringify(chunks)});`;
  const tags = [
    `<link rel="modulepreload" href="/${mainName}" crossorigin>`,
    `<link rel="preload" href="/${wasmName}" as="fetch" type="application/wasm" crossorigin>`,
    Object.keys(chunks).length ? `<script>${preload}</script>` : "",
    `<script type="module">import init, * as bindings from '/${mainName}';\nconst wasm = await init({ module_or_path: '/${wasmName}' });\n` +
      `window.wasmBindings = bindings;\ndispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));</script>`,
  ].join("");
  html = html.replace(marker, tags);
  writeFileSync(path, html);
}

export function buildApp(staging, profile = process.env.TRUNK_PROFILE ?? "release") {
  const work = join(ROOT, "target", "app-wasm");
  let out = join(work, "out");
  // PASSREGION_REUSE_APP_WASM=1: only redo the naming and index.html from the last build (working on this script).
  if (process.env.PASSREGION_REUSE_APP_WASM !== "1") {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    checkWasmBindgen();
    out = profile === "release" ? buildRelease(work) : buildDebug(work);
  }
  const built = install(out, staging);
  writeIndex(staging, built);
  return built;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const staging = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
    if (!staging || !existsSync(staging)) throw new Error("usage: app-wasm.mjs STAGING_DIR");
    const built = buildApp(staging);
    console.error(`app-wasm: ${built.mainName}, ${built.wasmName}, ${Object.keys(built.chunks).length} split points`);
  } catch (e) {
    console.error(`app-wasm.mjs: ${e.message}`);
    process.exitCode = 1;
  }
}
