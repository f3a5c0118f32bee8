//! Embeds the translation files (`locales/<lang>/<namespace>.json`, flat) into the app and refuses to build when
//! they disagree (`passregion_i18n_keys::Catalogue`: a key in one language only, placeholders that differ, a key used
//! in `src/` or in core's journey table (`core/src/journey/`) that no file defines).
//!
//! In the wasm app only the French table is compiled in; English is `i18n/en-<hash>.json`, written beside the app by
//! `build-tools/postbuild.mjs` (Trunk's post_build hook) from the same files, and fetched when chosen.

use passregion_i18n_keys::{
    Catalogue, bundle_namespaces, namespace, relative, write_key_list, write_split_table, write_table,
};
use std::path::PathBuf;

/// Namespaces kept out of the app's tables (so off its first page and out of the English file it fetches): each is
/// written as tables of its own, `<NS>_FR` and `<NS>_EN`, for the one bundle that uses them. `space_photo`: the
/// beneficiary space's photo page (src/space_photo/, its own binary).
const SEPARATE: &[&str] = &["space_photo"];

fn separate(key: &str) -> bool {
    SEPARATE.iter().any(|ns| key.strip_prefix(ns).is_some_and(|rest| rest.starts_with('.')))
}

/// Namespaces whose French texts travel with the chunks that use them (src/chunks.rs), not in the first page's
/// table, in the split release build only (feature `split`): each is also written as `FR_<NS>`, which only the
/// chunks' own code names, so wasm-split puts those texts in the chunk, and the chunk installs them before it builds
/// its view. Beside each, the only files allowed to use its keys: all of them belong to chunks that install it (or
/// to the phone's and the space's photo pages, builds without `split` that keep every text in their table). A key of
/// one of these namespaces used anywhere else would show raw on a page whose chunk is not loaded, so the build
/// refuses it.
const CHUNKED: &[(&str, &[&str])] = &[
    // The photo step, and the card preview of the review step.
    ("photo", &["src/photo/", "src/steps/photo.rs", "src/phone/", "src/space_photo/"]),
    ("handoff", &["src/photo/", "src/phone/", "src/space_photo/"]),
    // The review's rows name the consents (core's journey::review); only the review step turns them into words.
    ("delivery", &["src/steps/delivery.rs", "src/steps/review.rs", "src/steps/review/", "core/src/journey/review.rs"]),
    ("privacy", &["src/steps/delivery.rs", "src/pages/privacy.rs"]),
];

/// The small bundles, built without the router and without `split` (so without chunks to carry texts): each gets a
/// French table of its own, `FR_<NAME>`, with only the namespaces its code uses, instead of every step's (about two
/// thirds of the table). Beside each: the files whose code it runs (and `BUNDLES_SHARED`), whose keys decide the
/// namespaces, listed generously (a whole file or folder as soon as one of its functions runs), and the namespaces of
/// keys made at run time (`errors.<code>` in ui/form.rs, `dates.month_<n>` in core). The binary picks its table
/// before it draws (src/lib.rs). A file missing here would show its keys raw on that page: the E2E fixtures'
/// `checkPage` fails on any key shown raw, on each of these pages (shell, handoff and space-photo specs).
const BUNDLES: &[(&str, &[&str], &[&str])] = &[
    ("START", &["src/start_bundle.rs", "src/steps/start.rs"], &["errors", "dates"]),
    ("PHONE", &["src/phone/", "src/photo/", "src/photo_bridge.rs"], &["errors", "dates"]),
    ("SPACE_PHOTO", &["src/space_photo/", "src/photo/", "src/photo_bridge.rs"], &["errors", "dates"]),
];

/// The files every small bundle runs besides its own: the layout, the tab's title, the form helpers, the state, the
/// API client.
const BUNDLES_SHARED: &[&str] = &[
    "src/ui/layout.rs",
    "src/ui/step_frame.rs",
    "src/ui/form.rs",
    "src/ui/spinner.rs",
    "src/state.rs",
    "src/storage.rs",
    "src/i18n.rs",
    "src/api/",
];

/// Every use of a chunked namespace's key outside the files allowed for it.
fn misplaced(root: &std::path::Path, used: &[(String, String)]) -> Vec<String> {
    used.iter()
        .filter_map(|(file, key)| {
            let path = relative(root, file);
            let (ns, files) = CHUNKED.iter().find(|(ns, _)| namespace(key) == *ns)?;
            (!files.iter().any(|allowed| path.starts_with(allowed))).then(|| {
                format!("{path}: key \"{key}\" is of namespace {ns}, whose French texts are in chunks only (build.rs CHUNKED)")
            })
        })
        .collect()
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=core/src/journey");
    // The fields' labels and the review's rows are in core's journey table, next to the steps that own the fields.
    let catalogue = Catalogue::load_or_panic_from(&root, &["fr", "en"], &["src", "core/src/journey"]);
    let first = catalogue.langs[0];
    let misplaced = misplaced(&root, &catalogue.used);
    if !misplaced.is_empty() {
        panic!("translation keys out of their chunks:\n  {}", misplaced.join("\n  "));
    }

    let mut out = String::from("// Generated by build.rs from locales/*/*.json.\n");
    for lang in &catalogue.langs {
        let table = &catalogue.tables[lang];
        // Only French (the default) is in the first page's wasm; the other languages are a JSON file fetched when
        // chosen (build-tools/postbuild.mjs writes it, src/i18n.rs loads it). Native code and the browser tests
        // (feature "embedded-translations") keep every table.
        if *lang != first {
            out.push_str("#[cfg(any(not(target_arch = \"wasm32\"), feature = \"embedded-translations\"))]\n");
        }
        if *lang == first {
            // The split build leaves the chunked namespaces to their `FR_<NS>` tables.
            let namespaces: Vec<&str> = CHUNKED.iter().map(|(ns, _)| *ns).collect();
            write_split_table(&mut out, &lang.to_uppercase(), table.iter().filter(|(k, _)| !separate(k)), &namespaces);
        } else {
            write_table(&mut out, &lang.to_uppercase(), table.iter().filter(|(k, _)| !separate(k)));
        }
        for ns in SEPARATE {
            let prefix = format!("{ns}.");
            let name = format!("{}_{}", ns.to_uppercase(), lang.to_uppercase());
            write_table(&mut out, &name, table.iter().filter(|(k, _)| k.starts_with(&prefix)));
        }
    }
    let french = &catalogue.tables[first];
    for (name, files, dynamic) in BUNDLES {
        for file in files.iter().chain(BUNDLES_SHARED) {
            assert!(root.join(file).exists(), "build.rs BUNDLES: {name} lists {file}, which does not exist");
        }
        let files: Vec<&str> = files.iter().chain(BUNDLES_SHARED).copied().collect();
        let mut namespaces = bundle_namespaces(&root, &catalogue.used, &files, dynamic);
        namespaces.retain(|ns| !SEPARATE.contains(ns));
        out.push_str(&format!("/// The French texts of namespaces {}.\n", namespaces.join(", ")));
        let entries = french.iter().filter(|(k, _)| namespaces.contains(&namespace(k)));
        write_table(&mut out, &format!("FR_{name}"), entries);
    }
    let used = catalogue.used.iter().map(|(_, k)| k).filter(|k| !separate(k));
    write_key_list(&mut out, used, catalogue.tables[first].keys().filter(|k| !separate(k)).count());
    std::fs::write(PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("translations.rs"), out).unwrap();
}
