//! What the app's and the space's build scripts both need to check their translations: the `{name}` placeholders
//! of a text, and the keys a crate's sources use (through the translation functions, or as "namespace.key"
//! literals), so a key used but missing from a language fails the build.

mod catalogue;
mod split;
pub use catalogue::{Catalogue, KEY_FUNCTIONS, write_key_list, write_table};
pub use split::{bundle_namespaces, namespace, relative, write_split_table};

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// `{name}` placeholders of a translated text.
pub fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                found.insert(after[..end].to_string());
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    found
}

pub fn collect_used_keys(
    dir: &Path,
    functions: &[&str],
    namespaces: &BTreeSet<String>,
    used: &mut Vec<(String, String)>,
) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_used_keys(&path, functions, namespaces, used);
        } else if path.extension().and_then(|e| e.to_str()) == Some("rs") {
            let text = fs::read_to_string(&path).unwrap();
            for key in literal_keys(&text, functions).into_iter().chain(namespaced_literals(&text, namespaces)) {
                used.push((path.display().to_string(), key));
            }
        }
    }
}

/// First string-literal argument of every call to one of `functions` (`t("shell.title")`).
pub fn literal_keys(source: &str, functions: &[&str]) -> Vec<String> {
    let bytes = source.as_bytes();
    let mut keys = Vec::new();
    let mut from = 0;
    while let Some(pos) = source[from..].find("(\"") {
        let open = from + pos;
        from = open + 2;
        let mut start = open;
        while start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
            start -= 1;
        }
        if !functions.contains(&&source[start..open]) {
            continue;
        }
        if let Some(end) = source[open + 2..].find('"') {
            keys.push(source[open + 2..open + 2 + end].to_string());
        }
    }
    keys
}

/// Every string literal shaped like "namespace.key" whose namespace is a translation file: keys kept in tables or
/// passed around before reaching `t` are checked too.
pub fn namespaced_literals(source: &str, namespaces: &BTreeSet<String>) -> Vec<String> {
    let mut keys = Vec::new();
    for piece in source.split('"').skip(1).step_by(2) {
        let Some((ns, key)) = piece.split_once('.') else {
            continue;
        };
        let shaped = !key.is_empty()
            && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && ns.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        if shaped && namespaces.contains(ns) {
            keys.push(piece.to_string());
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_placeholders_and_keys() {
        assert_eq!(
            placeholders("Réessaie dans {minutes} min, {name}").into_iter().collect::<Vec<_>>(),
            ["minutes", "name"]
        );
        let src = r#"t("shell.title"); tf_now("errors.x", v); not_t("a.b"); let k = "start.lead"; "Hello.World""#;
        assert_eq!(literal_keys(src, &["t", "tf_now"]), ["shell.title", "errors.x"]);
        let ns: BTreeSet<String> = ["start".to_string()].into();
        assert_eq!(namespaced_literals(src, &ns), ["start.lead"]);
    }
}
