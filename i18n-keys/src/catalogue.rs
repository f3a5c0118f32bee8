//! Reading and checking a crate's translation files (`locales/<lang>/<namespace>.json`, flat), and writing the
//! tables its build script embeds.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use crate::{collect_used_keys, placeholders};

/// The functions whose first literal argument is a translation key.
pub const KEY_FUNCTIONS: &[&str] = &["t", "t_now", "tf", "tf_now"];

/// Every language's texts by "namespace.key", and the keys the sources use (file, key).
pub struct Catalogue {
    pub langs: Vec<&'static str>,
    pub tables: BTreeMap<&'static str, BTreeMap<String, String>>,
    pub used: Vec<(String, String)>,
}

impl Catalogue {
    /// Reads `<root>/locales/<lang>/*.json` for each of `langs` (the first is the reference) and the keys used in
    /// `<root>/src`. Every inconsistency is listed: invalid or nested JSON, a namespace file or a key in one language
    /// only, placeholders that differ, a key used but defined nowhere. A typo must not reach a student as a raw key.
    pub fn load(root: &Path, langs: &[&'static str]) -> Result<Catalogue, Vec<String>> {
        Catalogue::load_from(root, langs, &["src"])
    }

    /// `load`, with the keys used in each of `sources` (directories relative to `root`) instead of `src` alone:
    /// the app's field labels live in its core crate's journey table.
    pub fn load_from(root: &Path, langs: &[&'static str], sources: &[&str]) -> Result<Catalogue, Vec<String>> {
        let mut tables = BTreeMap::new();
        let mut namespaces: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        let mut problems = Vec::new();
        for &lang in langs {
            let dir = root.join("locales").join(lang);
            let mut table = BTreeMap::new();
            let mut files = BTreeSet::new();
            let entries = match fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) => {
                    problems.push(format!("{}: {e}", dir.display()));
                    continue;
                }
            };
            for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
                if path.extension().and_then(|e| e.to_str()) != Some("json") {
                    continue;
                }
                let ns = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
                files.insert(ns.clone());
                read_namespace(&path, &ns, &mut table, &mut problems);
            }
            tables.insert(lang, table);
            namespaces.insert(lang, files);
        }
        let Some((first, rest)) = langs.split_first() else {
            return Err(vec!["no language".into()]);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        for other in rest {
            compare(first, other, &namespaces, &tables, &mut problems);
        }
        let mut used = Vec::new();
        for source in sources {
            collect_used_keys(&root.join(source), KEY_FUNCTIONS, &namespaces[first], &mut used);
        }
        for (file, key) in &used {
            if !tables[first].contains_key(key) {
                problems.push(format!("{file}: key \"{key}\" is used but not defined in locales/{first}"));
            }
        }
        if problems.is_empty() { Ok(Catalogue { langs: langs.to_vec(), tables, used }) } else { Err(problems) }
    }

    /// `load`, or a build that stops with every problem listed.
    pub fn load_or_panic(root: &Path, langs: &[&'static str]) -> Catalogue {
        Catalogue::load_or_panic_from(root, langs, &["src"])
    }

    /// `load_from`, or a build that stops with every problem listed.
    pub fn load_or_panic_from(root: &Path, langs: &[&'static str], sources: &[&str]) -> Catalogue {
        Catalogue::load_from(root, langs, sources)
            .unwrap_or_else(|problems| panic!("translation files are inconsistent:\n  {}", problems.join("\n  ")))
    }
}

fn read_namespace(path: &Path, ns: &str, table: &mut BTreeMap<String, String>, problems: &mut Vec<String>) {
    let text = fs::read_to_string(path).unwrap_or_default();
    let json: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return problems.push(format!("{}: invalid JSON: {e}", path.display())),
    };
    let Some(object) = json.as_object() else {
        return problems.push(format!("{}: must be a flat JSON object", path.display()));
    };
    for (key, value) in object {
        match value.as_str() {
            Some(text) => {
                table.insert(format!("{ns}.{key}"), text.to_string());
            }
            None => problems.push(format!("{}: value of \"{key}\" must be a string", path.display())),
        }
    }
}

fn compare(
    first: &str,
    other: &str,
    namespaces: &BTreeMap<&str, BTreeSet<String>>,
    tables: &BTreeMap<&str, BTreeMap<String, String>>,
    problems: &mut Vec<String>,
) {
    for ns in namespaces[first].symmetric_difference(&namespaces[other]) {
        problems.push(format!("namespace file {ns}.json exists in one language only ({first}/{other})"));
    }
    let (a, b) = (&tables[first], &tables[other]);
    for key in a.keys().filter(|k| !b.contains_key(*k)) {
        problems.push(format!("key {key} is in {first} but not in {other}"));
    }
    for key in b.keys().filter(|k| !a.contains_key(*k)) {
        problems.push(format!("key {key} is in {other} but not in {first}"));
    }
    for (key, text) in a {
        if b.get(key).is_some_and(|other_text| placeholders(text) != placeholders(other_text)) {
            problems.push(format!("key {key}: placeholders differ between {first} and {other}"));
        }
    }
}

/// `pub static NAME: &[(&str, &str)] = &[…];` with the given entries, for the generated translations file.
pub fn write_table<'a>(out: &mut String, name: &str, entries: impl Iterator<Item = (&'a String, &'a String)>) {
    out.push_str(&format!("#[allow(dead_code)]\npub static {name}: &[(&str, &str)] = &[\n"));
    for (key, text) in entries {
        out.push_str(&format!("    ({key:?}, {text:?}),\n"));
    }
    out.push_str("];\n");
}

/// The keys used (for the tests that every key is) and how many there are.
pub fn write_key_list<'a>(out: &mut String, used: impl Iterator<Item = &'a String>, count: usize) {
    out.push_str(&format!("#[allow(dead_code)]\npub static USED_KEYS: &[&str] = &{:?};\n", used.collect::<Vec<_>>()));
    out.push_str(&format!("#[allow(dead_code)]\npub const KEY_COUNT: usize = {count};\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
        let root = std::env::temp_dir().join(format!("i18n-keys-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for (path, text) in files {
            let path = root.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        root
    }

    #[test]
    fn a_consistent_catalogue_loads_and_every_inconsistency_is_named() {
        let good = tree(
            "good",
            &[
                ("locales/fr/start.json", r#"{"title": "Bonjour {name}"}"#),
                ("locales/en/start.json", r#"{"title": "Hello {name}"}"#),
                ("src/main.rs", r#"t("start.title")"#),
            ],
        );
        let c = Catalogue::load(&good, &["fr", "en"]).unwrap();
        assert_eq!(c.tables["en"]["start.title"], "Hello {name}");
        assert!(
            c.used.iter().all(|(file, key)| file.ends_with("main.rs") && key == "start.title") && !c.used.is_empty()
        );

        let bad = tree(
            "bad",
            &[
                ("locales/fr/start.json", r#"{"title": "Bonjour {name}", "lead": "Salut"}"#),
                ("locales/en/start.json", r#"{"title": "Hello {who}"}"#),
                ("locales/en/extra.json", r"{}"),
                ("src/main.rs", r#"t("start.missing")"#),
            ],
        );
        let problems = Catalogue::load(&bad, &["fr", "en"]).err().unwrap().join("\n");
        for expected in [
            "extra.json exists in one language only",
            "key start.lead is in fr but not in en",
            "start.title: placeholders differ",
            "key \"start.missing\" is used but not defined",
        ] {
            assert!(problems.contains(expected), "{expected} not in:\n{problems}");
        }
        let nested = tree(
            "nested",
            &[
                ("locales/fr/start.json", r#"{"title": {"x": "y"}}"#),
                ("locales/en/start.json", r#"["no"]"#),
                ("locales/en/other.txt", "ignored"),
            ],
        );
        let problems = Catalogue::load(&nested, &["fr", "en"]).err().unwrap().join("\n");
        assert!(
            problems.contains("value of \"title\" must be a string") && problems.contains("must be a flat JSON object"),
            "{problems}"
        );
    }
}
