//! The French table of a bundle split into chunks (the application's and the space's): the texts of the namespaces
//! only chunks use travel with those chunks, so the first page does not carry them.

use std::path::Path;

/// The namespace of a key ("photo" for "photo.title").
pub fn namespace(key: &str) -> &str {
    key.split('.').next().unwrap_or_default()
}

/// A source file's path from the crate's root, with `/` separators, as the build scripts' file lists write them.
pub fn relative(root: &Path, file: &str) -> String {
    let path = Path::new(file);
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// `pub static <NAME>` with every entry, where those of the `chunked` namespaces are compiled only without the
/// `split` feature; then, with `split`, one `<NAME>_<NS>` table per chunked namespace, which only the chunks that
/// install it name, so that wasm-split puts those texts in them.
pub fn write_split_table<'a>(
    out: &mut String,
    name: &str,
    entries: impl Iterator<Item = (&'a String, &'a String)> + Clone,
    chunked: &[&str],
) {
    out.push_str(&format!("#[allow(dead_code)]\npub static {name}: &[(&str, &str)] = &[\n"));
    for (key, text) in entries.clone() {
        if chunked.contains(&namespace(key)) {
            out.push_str("    #[cfg(not(feature = \"split\"))]\n");
        }
        out.push_str(&format!("    ({key:?}, {text:?}),\n"));
    }
    out.push_str("];\n");
    for ns in chunked {
        out.push_str("#[cfg(feature = \"split\")]\n");
        let table = format!("{name}_{}", ns.to_uppercase());
        super::write_table(out, &table, entries.clone().filter(|(k, _)| namespace(k) == *ns));
    }
}

/// The namespaces of a bundle built without `split`, which carries a French table of its own: those of the keys
/// used in `files` (paths from the crate's root, a folder ending in `/`), and `dynamic`, the namespaces of keys made
/// at run time; sorted, each once.
pub fn bundle_namespaces<'a>(
    root: &Path,
    used: &'a [(String, String)],
    files: &[&str],
    dynamic: &[&'a str],
) -> Vec<&'a str> {
    let mut namespaces: Vec<&str> = used
        .iter()
        .filter(|(file, _)| files.iter().any(|f| relative(root, file).starts_with(f)))
        .map(|(_, key)| namespace(key))
        .chain(dynamic.iter().copied())
        .collect();
    namespaces.sort_unstable();
    namespaces.dedup();
    namespaces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_takes_the_namespaces_of_its_files_and_its_run_time_keys() {
        let used: Vec<(String, String)> = [
            ("/repo/src/start.rs", "start.title"),
            ("/repo/src/start.rs", "shell.home"),
            ("/repo/src/ui/layout.rs", "shell.menu"),
            ("/repo/src/steps/identity.rs", "identity.title"),
        ]
        .iter()
        .map(|(f, k)| (f.to_string(), k.to_string()))
        .collect();
        let namespaces = bundle_namespaces(Path::new("/repo"), &used, &["src/start.rs", "src/ui/"], &["errors"]);
        assert_eq!(namespaces, ["errors", "shell", "start"]);
    }

    #[test]
    fn chunked_entries_leave_the_first_table_only_in_the_split_build() {
        let table: Vec<(String, String)> = [("common.ok", "OK"), ("photo.title", "Photo"), ("shell.home", "Accueil")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut out = String::new();
        write_split_table(&mut out, "FR", table.iter().map(|(k, v)| (k, v)), &["photo"]);
        let first = &out[..out.find("];").unwrap()];
        assert!(first.contains("(\"common.ok\", \"OK\")") && first.contains("(\"shell.home\", \"Accueil\")"));
        assert!(first.contains("    #[cfg(not(feature = \"split\"))]\n    (\"photo.title\", \"Photo\"),"), "{out}");
        let rest = &out[out.find("];").unwrap()..];
        assert!(rest.contains("#[cfg(feature = \"split\")]\n#[allow(dead_code)]\npub static FR_PHOTO"), "{out}");
        assert!(rest.contains("(\"photo.title\", \"Photo\")") && !rest.contains("common.ok"), "{out}");
    }

    #[test]
    fn paths_are_read_from_the_crate_root_with_forward_slashes() {
        assert_eq!(relative(Path::new("/repo"), "/repo/src/pages/card.rs"), "src/pages/card.rs");
        assert_eq!(relative(Path::new("/repo"), "core/src/journey/review.rs"), "core/src/journey/review.rs");
        assert_eq!(namespace("photo.title"), "photo");
        assert_eq!(namespace("bare"), "bare");
    }
}
