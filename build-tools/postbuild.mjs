#!/usr/bin/env node
// Trunk's post_build hook (Trunk.toml), on the staging folder before it becomes dist/:
//
// 0. The wasm of the application or of the beneficiary space, split into the first page's module and chunks
//    fetched later, with its tags in index.html (build-tools/app-wasm.mjs; Trunk cannot split).
// 1. The English texts, which are not compiled into the app (src/i18n.rs): locales/en/*.json merged into one flat
//    object {"namespace.key": "text"}, written as i18n/en-<16 hex of its SHA-256>.json (a hashed name: cached for
//    good, like the other built files), and index.html's <meta name="passregion-i18n-en"> pointed at it.
//    build.rs has already checked that both languages have the same keys and placeholders.
// 2. The static first frame of index.html: its {{namespace.key}} placeholders filled with the French texts.
// 3. What every page's head has (web/head.html: charset, viewport, colour scheme, icon, and no referrer, which the
//    reference server also sends as a header but a static host may not: the phone's and the space's links must
//    never carry a page's address) in place of its <meta name="passregion-head">: written once for every page.
//    Trunk has no include; these lines need nothing from it, so they go in after its build.
//    Likewise web/english-early.html in place of <meta name="passregion-english-early"> (the application's and the
//    space's pages): a remembered English is asked for beside the app's code.
// 4. In release builds only, .br (q 11) and .gz (-9) copies beside each file (build-tools/size.mjs precompress).
//
//   node build-tools/postbuild.mjs [--locales DIR] [STAGING_DIR]      (default $TRUNK_STAGING_DIR)
//   --locales DIR: the bundle's translation files, from the repository's root (default locales; the beneficiary
//   space: space/locales, its English file then under /espace/i18n/).
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { precompress } from "./size.mjs";
import { buildBundle, bundleOf } from "./app-wasm.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const LAZY_LANGS = ["en"];
// The <meta> as written in index.html, or as Trunk's HTML minifier leaves it (attributes reordered, quotes dropped).
const META = (lang) => new RegExp(`<meta\\b[^>]*\\bpassregion-i18n-${lang}\\b[^>]*>`);
const PLACEHOLDER = (lang) => `/i18n/${lang}.json`;

/// `{{namespace.key}}` in index.html (its static first frame) → the French text, HTML-escaped; an attribute value
/// left unquoted by Trunk's minifier gets its quotes back.
export function fillTexts(html, texts) {
  const escape = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return html.replace(/(=)?\{\{([a-z_]+\.[a-z0-9_]+)\}\}/g, (_, eq, key) => {
    if (!(key in texts)) throw new Error(`index.html uses {{${key}}}, which locales/fr does not define`);
    return eq ? `="${escape(texts[key])}"` : escape(texts[key]);
  });
}

const HEAD_MARKER = /<meta\b[^>]*\bpassregion-head\b[^>]*>/;

/// index.html with web/head.html in place of its <meta name="passregion-head"> (as written, or as Trunk's HTML
/// minifier leaves it); a page without the marker is refused, so that none goes out without its charset.
export function includeHead(html, head = readFileSync(join(ROOT, "web", "head.html"), "utf8")) {
  if (!HEAD_MARKER.test(html)) throw new Error('index.html has no <meta name="passregion-head">');
  return html.replace(HEAD_MARKER, head.trim().split("\n").join(""));
}

const ENGLISH_EARLY_MARKER = /<meta\b[^>]*\bpassregion-english-early\b[^>]*>/;

/// index.html with web/english-early.html (the remembered English asked for beside the app's code) in place of its
/// <meta name="passregion-english-early">, where it has one: the application's and the space's pages share that
/// script; the phone's and the space-photo pages load English only when chosen.
export function includeEnglishEarly(html, script = readFileSync(join(ROOT, "web", "english-early.html"), "utf8")) {
  // Its comments and indentation stay in the source; the page gets the statements only (Trunk has minified the
  // rest already).
  const lines = script.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("//"));
  return html.replace(ENGLISH_EARLY_MARKER, () => lines.join("\n"));
}

export function mergedTexts(lang, locales = join(ROOT, "locales")) {
  return JSON.stringify(textsOf(lang, locales));
}

function textsOf(lang, locales = join(ROOT, "locales")) {
  const texts = {};
  // space_photo.json: the space's photo page carries its own texts in both languages (build.rs, SEPARATE).
  for (const file of readdirSync(join(locales, lang)).filter((f) => f.endsWith(".json") && f !== "space_photo.json").sort()) {
    const ns = file.slice(0, -".json".length);
    for (const [key, text] of Object.entries(JSON.parse(readFileSync(join(locales, lang, file), "utf8")))) {
      texts[`${ns}.${key}`] = text;
    }
  }
  const sorted = {};
  for (const key of Object.keys(texts).sort()) sorted[key] = texts[key];
  return sorted;
}

export function writeTranslations(staging, locales = join(ROOT, "locales")) {
  let html = fillTexts(readFileSync(join(staging, "index.html"), "utf8"), textsOf("fr", locales));
  for (const lang of LAZY_LANGS) {
    const json = mergedTexts(lang, locales);
    const hash = createHash("sha256").update(json).digest("hex").slice(0, 16);
    const rel = `i18n/${lang}-${hash}.json`;
    mkdirSync(join(staging, "i18n"), { recursive: true });
    writeFileSync(join(staging, rel), json);
    const tag = html.match(META(lang))?.[0];
    if (!tag || !tag.includes(PLACEHOLDER(lang))) {
      throw new Error(`index.html has no <meta name="passregion-i18n-${lang}" content="${PLACEHOLDER(lang)}">`);
    }
    // Under the bundle's own prefix (Trunk's public_url: "/" for the app, "/telephone/" for the phone's page).
    const base = (process.env.TRUNK_PUBLIC_URL || "/").replace(/\/?$/, "/");
    html = html.replace(tag, tag.replace(PLACEHOLDER(lang), `${base}${rel}`));
  }
  writeFileSync(join(staging, "index.html"), html);
}

function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf("--locales");
  const locales = join(ROOT, at >= 0 ? args[at + 1] : "locales");
  const staging = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--locales") ?? process.env.TRUNK_STAGING_DIR;
  if (!staging) throw new Error("no folder given and TRUNK_STAGING_DIR is not set");
  // Only the application's and the space's pages carry a split bundle (their <meta name="passregion-app"> or
  // "passregion-space"); the phone's page and the space's photo page are plain Trunk builds of their own binaries.
  const bundle = bundleOf(readFileSync(join(staging, "index.html"), "utf8"));
  if (bundle) buildBundle(staging, bundle);
  writeTranslations(staging, locales);
  const page = join(staging, "index.html");
  writeFileSync(page, includeEnglishEarly(includeHead(readFileSync(page, "utf8"))));
  if (!process.env.TRUNK_PROFILE || process.env.TRUNK_PROFILE === "release") {
    const n = precompress(staging);
    console.error(`postbuild: translations and head written, ${n} precompressed files (.br q11, .gz -9) in ${staging}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (e) {
    console.error(`postbuild.mjs: ${e.message}`);
    process.exitCode = 1;
  }
}
