//! Levels of study, in the order a student expects them, with their labels.

/// (code, rank, French label, English label)
const LEVELS: &[(&str, &str, &str)] = &[
    ("2nde", "Seconde", "Year 10 (seconde)"),
    ("1re", "Première", "Year 11 (première)"),
    ("terminale", "Terminale", "Year 12 (terminale)"),
    ("cap", "CAP", "CAP (vocational certificate)"),
    ("bac-pro", "Bac professionnel", "Vocational baccalaureate"),
    ("bma", "Brevet des métiers d'art", "Brevet des métiers d'art"),
    ("mc", "Mention complémentaire", "Mention complémentaire"),
    ("bts", "BTS", "BTS (higher technician diploma)"),
    ("autre", "Autres formations", "Other courses"),
];

/// Position of a level in the usual order; unknown levels come last.
pub fn rank(level: &str) -> usize {
    LEVELS.iter().position(|(c, _, _)| *c == level).unwrap_or(LEVELS.len())
}

pub fn is_known(level: &str) -> bool {
    rank(level) < LEVELS.len()
}

/// Label of a level in `lang` ("fr" or "en").
pub fn label(level: &str, lang: &str) -> String {
    LEVELS
        .iter()
        .find(|(c, _, _)| *c == level)
        .map(|(_, fr, en)| if lang == "en" { *en } else { *fr })
        .unwrap_or(level)
        .to_string()
}

/// Level of a vocational or post-bac diploma from its national code ("formation_diplome"): the first three
/// digits give the kind of diploma.
pub fn of_diploma(formation_diplome: &str, label: &str) -> &'static str {
    match formation_diplome.get(..3) {
        Some("500" | "503") => "cap",
        Some("400" | "403") => "bac-pro",
        Some("401") => "bma",
        Some("010") if label.contains("(MC") => "mc",
        Some("320") if !label.contains("MISE A NIVEAU") => "bts",
        _ => "autre",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_labels() {
        assert!(rank("2nde") < rank("1re") && rank("1re") < rank("terminale"));
        assert!(rank("terminale") < rank("cap") && rank("bac-pro") < rank("bts"));
        assert_eq!(rank("??"), LEVELS.len());
        assert_eq!(label("bac-pro", "fr"), "Bac professionnel");
        assert_eq!(of_diploma("50023440", "CONSTRUCTEUR BOIS (CAP)"), "cap");
        assert_eq!(of_diploma("32031408", "COMPTABILITE ET GESTION (BTS)"), "bts");
        assert_eq!(of_diploma("26031403", "COMPTABILITE ET GESTION (DCG)"), "autre");
    }
}
