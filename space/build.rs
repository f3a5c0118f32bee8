//! Embeds `space/locales/<lang>/<namespace>.json` (flat) into the space and refuses to build when they disagree, with
//! the same checks as the application's (`passregion_i18n_keys::Catalogue`).
//!
//! As in the application, the wasm carries French only: English is `i18n/en-<hash>.json`, written beside the space
//! by `build-tools/postbuild.mjs` (`--locales space/locales`) and fetched when chosen (src/i18n.rs). Native builds
//! (the tests) keep every table. The few English texts that say the English file could not be fetched are built in
//! (`EN_BUILT_IN`): they are the ones that must show when it is missing.
//!
//! In the split release build (feature `split`) the French texts of the namespaces only some pages use travel with
//! those pages' chunks (`CHUNKS`): each is written as `FR_<NS>`, named only by the chunk's tables `CHUNK_<NAME>`,
//! which only that chunk's code names (src/chunks.rs), so wasm-split puts the texts in the chunk (or in a chunk
//! shared by the pages that use them), and the chunk installs them before it builds its view. The first page keeps
//! the texts of the login, the layout and what every page shares; the idle-timeout dialog's travel with its chunk.

use passregion_i18n_keys::{
    Catalogue, bundle_namespaces, namespace, relative, write_key_list, write_split_table, write_table,
};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The English texts the wasm carries anyway: the notice shown when the English file could not be fetched.
const EN_BUILT_IN: &[&str] = &["shell.english_failed", "shell.english_retry"];

/// Each split point of src/chunks.rs, the files whose code its page runs (a file another page's module borrows is
/// listed under both), and the namespaces whose French texts it carries. A key of one of these namespaces used
/// anywhere but in the files of chunks that carry it would show raw on a page whose chunk is not loaded: the build
/// refuses it. Keys made at run time (`dynamic_keys` of a page)
/// are checked by src/i18n.rs's tests against the same lists (`CHUNK_NAMESPACES`).
const CHUNKS: &[(&str, &[&str], &[&str])] = &[
    ("espace", &["src/pages/dossier/"], &["dossier", "duplicate", "photo", "status", "timeline"]),
    ("code_secret", &["src/pages/secret_code.rs"], &["code"]),
    // The card page offers the duplicate's new photo through the dossier's link (pages/dossier/new_photo.rs).
    (
        "carte",
        &["src/pages/card.rs", "src/ui/commune.rs", "src/pages/dossier/new_photo.rs"],
        &["card", "code", "me", "photo"],
    ),
    ("avantages", &["src/pages/advantages.rs"], &["advantages"]),
    ("mes_informations", &["src/pages/my_details.rs", "src/ui/commune.rs"], &["card", "code", "me", "reset"]),
    ("mot_de_passe_oublie", &["src/pages/forgot_password.rs"], &["forgot"]),
    ("numero_oublie", &["src/pages/forgot_number.rs"], &["forgot", "reminder"]),
    ("mot_de_passe", &["src/pages/reset_password.rs"], &["reset"]),
    ("confirmer_email", &["src/pages/confirm_email.rs"], &["confirm_email"]),
    // The idle-timeout warning, fetched a minute before it is due (src/ui/idle_watch.rs keeps a plain notice).
    ("delai_inactivite", &["src/ui/timeout_dialog.rs"], &["timeout"]),
];

/// The login page's own bundle (src/login_bundle.rs), built without `split`: its French table, `FR_LOGIN`, has only
/// the namespaces its files use, not every page's. The files whose code it runs, generously (a whole file as soon as
/// one of its functions runs), and the namespaces of keys made at run time (`errors.<code>` in pages/mod.rs).
/// The E2E fixtures' `checkPage` fails on any key shown raw, on the login page too (space.spec.js).
const LOGIN_BUNDLE: (&[&str], &[&str]) = (
    &[
        "src/login_bundle.rs",
        "src/pages/login.rs",
        "src/pages/mod.rs",
        "src/page_title.rs",
        "src/ui/layout.rs",
        "src/ui/form.rs",
        "src/ui/password.rs",
        "src/session.rs",
        "src/storage.rs",
        "src/i18n.rs",
        "src/api/",
    ],
    &["errors"],
);

/// Every key of a chunked namespace used where it may be: only in files of chunks, each of which carries it.
fn misplaced(root: &std::path::Path, used: &[(String, String)], chunked: &BTreeSet<&str>) -> Vec<String> {
    let mut problems = Vec::new();
    for (file, key) in used {
        let ns = namespace(key);
        if !chunked.contains(ns) {
            continue;
        }
        let path = relative(root, file);
        let chunks: Vec<_> = CHUNKS.iter().filter(|(_, files, _)| files.iter().any(|f| path.starts_with(f))).collect();
        if chunks.is_empty() {
            problems.push(format!(
                "{path}: key \"{key}\" is of namespace {ns}, whose French texts are in chunks only (build.rs CHUNKS)"
            ));
        }
        for (name, _, namespaces) in chunks {
            if !namespaces.contains(&ns) {
                problems.push(format!(
                    "{path}: key \"{key}\": chunk {name} does not carry namespace {ns} (build.rs CHUNKS)"
                ));
            }
        }
    }
    problems
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=src");
    let catalogue = Catalogue::load_or_panic(&root, &["fr", "en"]);
    let first = catalogue.langs[0];
    let chunked: BTreeSet<&str> = CHUNKS.iter().flat_map(|(_, _, ns)| ns.iter().copied()).collect();
    let problems = misplaced(&root, &catalogue.used, &chunked);
    if !problems.is_empty() {
        panic!("translation keys out of their chunks:\n  {}", problems.join("\n  "));
    }

    let mut out = String::from("// Generated by build.rs from space/locales/*/*.json.\n");
    let fr = &catalogue.tables[first];
    // French: the split build leaves the chunked namespaces to their `FR_<NS>` tables.
    let namespaces: Vec<&str> = chunked.iter().copied().collect();
    write_split_table(&mut out, "FR", fr.iter(), &namespaces);
    for (name, _, namespaces) in CHUNKS {
        let tables: Vec<String> = namespaces.iter().map(|ns| format!("FR_{}", ns.to_uppercase())).collect();
        let name = name.to_uppercase();
        out.push_str(&format!(
            "#[cfg(feature = \"split\")]\n#[allow(dead_code)]\npub static CHUNK_{name}: &[&[(&str, &str)]] = &[{}];\n",
            tables.join(", ")
        ));
        out.push_str(&format!(
            "#[cfg(not(feature = \"split\"))]\n#[allow(dead_code)]\npub static CHUNK_{name}: &[&[(&str, &str)]] = &[];\n"
        ));
    }
    out.push_str("#[allow(dead_code)]\npub static CHUNK_NAMESPACES: &[(&str, &[&str])] = &[\n");
    for (name, _, namespaces) in CHUNKS {
        out.push_str(&format!("    ({name:?}, &{namespaces:?}),\n"));
    }
    out.push_str("];\n");

    let (files, dynamic) = LOGIN_BUNDLE;
    let login = bundle_namespaces(&root, &catalogue.used, files, dynamic);
    out.push_str(&format!("/// The French texts of namespaces {}.\n", login.join(", ")));
    write_table(&mut out, "FR_LOGIN", fr.iter().filter(|(k, _)| login.contains(&namespace(k))));

    for lang in catalogue.langs.iter().filter(|l| **l != first) {
        out.push_str("#[cfg(not(target_arch = \"wasm32\"))]\n");
        write_table(&mut out, &lang.to_uppercase(), catalogue.tables[lang].iter());
    }
    let en = &catalogue.tables["en"];
    for key in EN_BUILT_IN {
        assert!(en.contains_key(*key), "build.rs EN_BUILT_IN: {key} is not in space/locales/en");
    }
    write_table(&mut out, "EN_BUILT_IN", en.iter().filter(|(k, _)| EN_BUILT_IN.contains(&k.as_str())));
    write_key_list(&mut out, catalogue.used.iter().map(|(_, k)| k), fr.len());
    std::fs::write(PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("translations.rs"), out).unwrap();
}
