#!/usr/bin/env node
// Where the bytes of a wasm module go, without installing anything: sections, code per crate and per function (from
// the "name" section, so give it the raw cargo output, before wasm-bindgen/wasm-opt strip the names), and what the
// data section holds (translations, panic locations, other strings).
//
//   node build-tools/wasm-breakdown.mjs target/wasm32-unknown-unknown/release/passregion-app.wasm [--top 40] [--locales locales]
//   node build-tools/wasm-breakdown.mjs target/wasm-split/passregion-space/split/main.wasm --locales space/locales
//       (a split bundle's main module as wasm-split-cli wrote it, names kept: what stayed in the first page, and how
//       much of it is address-taken, named by the element section)
//
// Sizes are raw bytes of this module; after wasm-opt -Oz the code shrinks by roughly a third but the shares hold.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

function reader(buf) {
  let pos = 0;
  const r = {
    get pos() { return pos; },
    set pos(p) { pos = p; },
    u8: () => buf[pos++],
    leb() {
      let result = 0, shift = 0, b;
      do {
        b = buf[pos++];
        result += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80);
      return result;
    },
    bytes(n) { const s = buf.subarray(pos, pos + n); pos += n; return s; },
    name() { const n = r.leb(); return r.bytes(n).toString("utf8"); },
  };
  return r;
}

const SECTION = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount", "tag"];

/// Legacy Rust mangling (_ZN…E) to a path; names that are already readable pass through.
export function demangle(name) {
  if (!name.startsWith("_ZN")) return name;
  let i = 3;
  const parts = [];
  while (i < name.length && name[i] !== "E") {
    let j = i;
    while (/[0-9]/.test(name[j])) j++;
    const len = Number(name.slice(i, j));
    if (!len) break;
    parts.push(name.slice(j, j + len));
    i = j + len;
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  return parts
    .join("::")
    .replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$u20\$/g, " ").replace(/\$RF\$/g, "&")
    .replace(/\$C\$/g, ",").replace(/\$BP\$/g, "*").replace(/\$u7b\$/g, "{").replace(/\$u7d\$/g, "}")
    .replace(/\$u5b\$/g, "[").replace(/\$u5d\$/g, "]").replace(/\$u27\$/g, "'").replace(/\$u3b\$/g, ";")
    .replace(/\.\./g, "::").replace(/\$([a-z0-9]+)\$/g, "?");
}

/// The crate a function's code belongs to: the first path segment, or for `<T as Trait>::f` the crate of T.
export function crateOf(path) {
  if (path.startsWith("_R")) {
    // v0 mangling (the precompiled std uses it): the first crate root `Cs<hash>_<len><name>` names the crate.
    const m = path.match(/C(?:s[0-9A-Za-z]*_)?(\d+)/);
    if (!m) return "(other)";
    const at = m.index + m[0].length;
    path = path.slice(at, at + Number(m[1]));
  }
  // wasm-bindgen/wasm-opt spell std's crates `core[1234abcd]::`; `<str>::f`, `<char>::f` are std's too.
  path = path.replace(/\[[0-9a-f]{8,}\]/g, "");
  if (/^<(str|char|\[T\]|u8|usize)>::/.test(path)) return "std (core/alloc)";
  if (/^(__rustc|dlmalloc)/.test(path) || /^<dlmalloc::/.test(path)) return "std (core/alloc)";
  if (/\{\{vtable\.shim\}\}|^core::ops::function::Fn(Once|Mut)?::call/.test(path)) return "(closure shims, callers unknown)";
  let p = path.replace(/^_?<+&?(mut )?(dyn )?/, "").replace(/^\[/, "");
  const m = p.match(/^([A-Za-z_][A-Za-z0-9_]*)(::|$| as |<)/);
  if (!m) return "(other)";
  let head = m[1];
  // `<T as Trait>::f`, `<Match as leptos_router::…>::f`: a generic or unqualified self type, so the trait's crate.
  if (m[2] !== "::") {
    const t = p.match(/ as ([A-Za-z_][A-Za-z0-9_]*)::/);
    if (t) head = t[1];
  }
  if (["core", "alloc", "std"].includes(head)) return "std (core/alloc)";
  if (/^(u8|u16|u32|u64|usize|i8|i16|i32|i64|isize|f32|f64|str|bool|char)$/.test(head)) return "std (core/alloc)";
  if (/^(__|dlmalloc|memcpy|memmove|memset|memcmp|compiler_builtins)/.test(head)) return "std (core/alloc)";
  if (/^__wbg|^__wbindgen|^wasm_bindgen/.test(head)) return "wasm_bindgen";
  return head;
}

export function analyse(buf) {
  const r = reader(buf);
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error("not a wasm module");
  r.pos = 8;
  const sections = [];
  let importedFuncs = 0;
  let bodies = [];
  let names = new Map();
  let data = [];
  // Functions named by the element section: reachable through the indirect call table (closures behind `dyn Fn`,
  // trait objects' methods). PERF-NOTES reports that wasm-split keeps such functions in the main module; this
  // shows how many and whose they are.
  const inTable = new Set();
  while (r.pos < buf.length) {
    const id = r.u8();
    const size = r.leb();
    const start = r.pos;
    let label = SECTION[id] ?? `id ${id}`;
    if (id === 0) label = `custom "${r.name()}"`;
    sections.push({ label, size });
    r.pos = start;
    if (id === 2) {
      const n = r.leb();
      for (let i = 0; i < n; i++) {
        r.name(); r.name();
        const kind = r.u8();
        if (kind === 0) { r.leb(); importedFuncs++; }
        else if (kind === 1) { r.u8(); const f = r.u8(); r.leb(); if (f & 1) r.leb(); }
        else if (kind === 2) { const f = r.u8(); r.leb(); if (f & 1) r.leb(); }
        else if (kind === 3) { r.u8(); r.u8(); }
        else if (kind === 4) { r.u8(); r.leb(); }
      }
    } else if (id === 9) {
      const expr = () => { let op; while ((op = r.u8()) !== 0x0b) { if (op === 0xd2) inTable.add(r.leb()); else if (op === 0x41 || op === 0x23) r.leb(); } };
      const n = r.leb();
      for (let i = 0; i < n; i++) {
        const flags = r.leb();
        if (flags & 2 && !(flags & 1)) r.leb(); // table index
        if (!(flags & 1)) expr(); // offset
        if (flags & 3) r.u8(); // elemkind or reftype
        const count = r.leb();
        for (let j = 0; j < count; j++) {
          if (flags & 4) expr();
          else inTable.add(r.leb());
        }
      }
    } else if (id === 10) {
      const n = r.leb();
      for (let i = 0; i < n; i++) {
        const len = r.leb();
        bodies.push({ index: importedFuncs + i, size: len });
        r.pos += len;
      }
    } else if (id === 11) {
      const n = r.leb();
      for (let i = 0; i < n; i++) {
        const flags = r.leb();
        if (flags === 0 || flags === 2) {
          if (flags === 2) r.leb();
          // const expr up to `end` (0x0b)
          while (r.u8() !== 0x0b);
        }
        const len = r.leb();
        data.push(Buffer.from(r.bytes(len)));
      }
    } else if (id === 0) {
      const sec = r.name();
      if (sec === "name") {
        while (r.pos < start + size) {
          const sub = r.u8();
          const subSize = r.leb();
          const subStart = r.pos;
          if (sub === 1) {
            const n = r.leb();
            for (let i = 0; i < n; i++) {
              const idx = r.leb();
              names.set(idx, r.name());
            }
          }
          r.pos = subStart + subSize;
        }
      }
    }
    r.pos = start + size;
  }
  const funcs = bodies.map((b) => {
    const raw = names.get(b.index) ?? `func[${b.index}]`;
    const path = demangle(raw);
    return { ...b, name: path, crate: crateOf(path), inTable: inTable.has(b.index) };
  });
  return { sections, funcs, data: Buffer.concat(data), named: names.size > 0 };
}

function localeStrings(dir) {
  const out = {};
  if (!existsSync(dir)) return out;
  for (const lang of readdirSync(dir)) {
    out[lang] = [];
    for (const f of readdirSync(join(dir, lang))) {
      if (!f.endsWith(".json")) continue;
      const json = JSON.parse(readFileSync(join(dir, lang, f), "utf8"));
      for (const [k, v] of Object.entries(json)) out[lang].push(`${f.replace(/\.json$/, "")}.${k}`, v);
    }
  }
  return out;
}

function main() {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  const top = Number(args[args.indexOf("--top") + 1]) || 40;
  const localesDir = args.includes("--locales") ? args[args.indexOf("--locales") + 1] : "locales";
  const buf = readFileSync(file);
  const { sections, funcs, data, named } = analyse(buf);
  const pct = (n) => ((100 * n) / buf.length).toFixed(1).padStart(5) + " %";
  const row = (label, n) => `${String(n).padStart(9)} ${pct(n)}  ${label}`;
  console.log(`${file}: ${buf.length} bytes${named ? "" : " (no name section: give the raw cargo output)"}\n\nsections`);
  for (const s of sections.sort((a, b) => b.size - a.size)) console.log(row(s.label, s.size));

  const byCrate = new Map();
  for (const f of funcs) {
    const c = byCrate.get(f.crate) ?? { size: 0, count: 0 };
    c.size += f.size; c.count++;
    byCrate.set(f.crate, c);
  }
  console.log("\ncode by crate (functions)");
  for (const [crate, c] of [...byCrate].sort((a, b) => b[1].size - a[1].size).slice(0, 30)) console.log(row(`${crate} (${c.count})`, c.size));

  // Address-taken code, by crate (in the space's split main module: the framework's, not the pages', docs/size.md).
  const tabled = funcs.filter((f) => f.inTable);
  if (tabled.length) {
    const size = tabled.reduce((t, f) => t + f.size, 0);
    console.log(`\nin the indirect call table (element section): ${tabled.length} functions, ${size} bytes of code`);
    const byTableCrate = new Map();
    for (const f of tabled) byTableCrate.set(f.crate, (byTableCrate.get(f.crate) ?? 0) + f.size);
    for (const [crate, n] of [...byTableCrate].sort((x, y) => y[1] - x[1]).slice(0, 12)) console.log(row(`  ${crate}`, n));
  }

  console.log(`\ntop ${top} functions`);
  for (const f of [...funcs].sort((a, b) => b.size - a.size).slice(0, top)) console.log(row(f.name.slice(0, 150), f.size));

  // Data: translations (keys and texts), panic locations (source paths), the rest.
  const text = data.toString("latin1");
  console.log(`\ndata section: ${data.length} bytes`);
  const locales = localeStrings(localesDir);
  for (const [lang, strings] of Object.entries(locales)) {
    let found = 0, bytes = 0;
    for (const s of strings) {
      const b = Buffer.from(s, "utf8");
      if (data.indexOf(b) >= 0) { found++; bytes += b.length; }
    }
    console.log(row(`translations ${lang}: ${found}/${strings.length} keys+texts found`, bytes));
  }
  const paths = text.match(/(\/[\w.@+-]+)+\.rs|src\/[\w/.-]+\.rs/g) ?? [];
  const uniq = new Set(paths);
  console.log(row(`source paths of panic locations (${uniq.size} distinct)`, [...uniq].reduce((t, p) => t + p.length, 0)));
  const byCratePath = new Map();
  for (const p of uniq) {
    const m = p.match(/registry\/src\/[^/]+\/([^/]+?)-\d[^/]*\//) ?? p.match(/^(src|core)\//) ?? p.match(/\/(core|alloc|std)\/src\//);
    const k = m ? m[1] : "(other)";
    byCratePath.set(k, (byCratePath.get(k) ?? 0) + p.length);
  }
  for (const [k, n] of [...byCratePath].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(row(`  paths in ${k}`, n));
}

if (import.meta.url === `file://${process.argv[1]}`) main();
