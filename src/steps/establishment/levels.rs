//! Levels of study in plain French, for the list of streams and "Trouve ta filière" alike: the API gives each
//! stream a level code ("bac-pro"); the person reads "Bac pro", and the chosen stream keeps its level in its name
//! ("Plasturgie (Bac pro)") so that the review and the receipt are not ambiguous.

/// (level code, translation key of its name, whether a stream's name needs the level after it). Seconde,
/// Première and Terminale streams already start with the level ("Première STMG…"); "other" names nothing useful.
const LEVELS: &[(&str, &str, bool)] = &[
    ("2nde", "school.level_2nde", false),
    ("1re", "school.level_1re", false),
    ("terminale", "school.level_terminale", false),
    ("cap", "school.level_cap", true),
    ("bac-pro", "school.level_bac_pro", true),
    ("bma", "school.level_bma", true),
    ("mc", "school.level_mc", true),
    ("bts", "school.level_bts", true),
    ("autre", "school.level_autre", false),
];

/// The translation key naming a level; `None` for a code this version does not know (the API's own label is then
/// used).
pub fn level_key(level: &str) -> Option<&'static str> {
    LEVELS.iter().find(|(c, _, _)| *c == level).map(|(_, k, _)| *k)
}

/// Position of a level in the usual order, unknown ones last.
pub fn rank(level: &str) -> usize {
    LEVELS.iter().position(|(c, _, _)| *c == level).unwrap_or(LEVELS.len())
}

/// A stream's name as the person reads it once chosen: "Plasturgie (Bac pro)", or the name alone when the level
/// adds nothing.
pub fn stream_name(label: &str, level: &str, level_name: &str) -> String {
    let needs_level = LEVELS.iter().find(|(c, _, _)| *c == level).is_some_and(|(_, _, suffix)| *suffix);
    if needs_level && !level_name.is_empty() { format!("{label} ({level_name})") } else { label.to_string() }
}

/// Groups items by level in the usual order, keeping their order within a level.
pub fn group_by_level<T>(items: Vec<T>, level: impl Fn(&T) -> &str) -> Vec<(String, Vec<T>)> {
    let mut groups: Vec<(String, Vec<T>)> = Vec::new();
    for item in items {
        let code = level(&item).to_string();
        match groups.iter_mut().find(|(c, _)| *c == code) {
            Some((_, list)) => list.push(item),
            None => groups.push((code, vec![item])),
        }
    }
    groups.sort_by_key(|(c, _)| rank(c));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_the_level_only_when_it_helps() {
        let cases = [
            ("Plasturgie", "bac-pro", "Bac pro", "Plasturgie (Bac pro)"),
            ("Coiffure", "cap", "CAP", "Coiffure (CAP)"),
            ("Technico-commercial", "bts", "BTS", "Technico-commercial (BTS)"),
            (
                "Seconde générale et technologique",
                "2nde",
                "Seconde générale et technologique",
                "Seconde générale et technologique",
            ),
            ("Première STMG (management et gestion)", "1re", "Première", "Première STMG (management et gestion)"),
            ("Design", "autre", "Autres formations", "Design"),
            ("Inconnue", "nouveau", "Nouveau niveau", "Inconnue"),
        ];
        for (label, level, name, want) in cases {
            assert_eq!(stream_name(label, level, name), want, "{label}");
        }
    }

    #[test]
    fn every_level_has_a_key_in_the_school_namespace() {
        for (code, key, _) in LEVELS {
            assert_eq!(level_key(code), Some(*key));
            assert!(key.starts_with("school.") && key.contains("level"));
            for lang in crate::i18n::Lang::ALL {
                assert!(crate::i18n::lookup(lang, key).is_some(), "{key} in {lang:?}");
            }
        }
        assert_eq!(level_key("bac_pro"), None);
    }

    #[test]
    fn groups_follow_the_usual_order() {
        let items = vec![("a", "bts"), ("b", "cap"), ("c", "bts"), ("d", "2nde"), ("e", "zzz")];
        let groups = group_by_level(items, |i| i.1);
        let shape: Vec<(&str, Vec<&str>)> =
            groups.iter().map(|(c, l)| (c.as_str(), l.iter().map(|i| i.0).collect())).collect();
        assert_eq!(shape, [("2nde", vec!["d"]), ("cap", vec!["b"]), ("bts", vec!["a", "c"]), ("zzz", vec!["e"])]);
    }
}
