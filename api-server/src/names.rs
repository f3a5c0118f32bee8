//! Display names for the region's upper-case source data ("LYCEE GENERAL ET TECHNOLOGIQUE SIDOINE APOLLINAIRE"
//! → "Lycée général et technologique Sidoine Apollinaire"). Names already in mixed case are kept as written.
//! The accents come from a word list: a word it does not know keeps its letters, only its case changes.

/// Common nouns and adjectives: written in lower case (except at the start) and with their accents.
const COMMON: &[(&str, &str)] = &[
    ("LYCEE", "lycée"), ("LYCÉE", "lycée"), ("GENERAL", "général"), ("GENERALE", "générale"), ("GÉNÉRAL", "général"),
    ("TECHNOLOGIQUE", "technologique"), ("TECHNOLOGIQUES", "technologiques"), ("PROFESSIONNEL", "professionnel"),
    ("PROFESSIONNELLE", "professionnelle"), ("POLYVALENT", "polyvalent"), ("PRIVE", "privé"), ("PRIVÉ", "privé"),
    ("PRIVEE", "privée"), ("PRIVÉE", "privée"), ("AGRICOLE", "agricole"), ("METIERS", "métiers"), ("MÉTIERS", "métiers"),
    ("ENSEIGNEMENT", "enseignement"), ("SECTION", "section"), ("ECOLE", "école"), ("ÉCOLE", "école"),
    ("CENTRE", "centre"), ("FORMATION", "formation"), ("APPRENTIS", "apprentis"), ("INSTITUT", "institut"),
    ("ENERGIE", "énergie"), ("ENERGIES", "énergies"), ("HABITAT", "habitat"), ("HOTELLERIE", "hôtellerie"),
    ("RESTAURATION", "restauration"), ("SERVICES", "services"), ("BATIMENT", "bâtiment"), ("INDUSTRIE", "industrie"),
    ("INDUSTRIES", "industries"), ("COMMERCE", "commerce"), ("GESTION", "gestion"), ("SANTE", "santé"),
    ("SOCIAL", "social"), ("LOGISTIQUE", "logistique"), ("TRANSPORT", "transport"), ("PERSONNE", "personne"),
    ("TECHNIQUE", "technique"), ("SCOLAIRE", "scolaire"), ("COIFFURE", "coiffure"), ("CAMPUS", "campus"),
    ("SCIENCES", "sciences"), ("SITE", "site"), ("REGIONAL", "régional"), ("RÉGIONAL", "régional"),
    ("INTERNATIONAL", "international"), ("INTERNATIONALE", "internationale"), ("AUTOMOBILE", "automobile"),
    ("ARTS", "arts"), ("DESIGN", "design"), ("MECANIQUE", "mécanique"), ("ELECTRICITE", "électricité"),
    ("ELECTROTECHNIQUE", "électrotechnique"), ("HORTICOLE", "horticole"), ("ENVIRONNEMENT", "environnement"),
    ("MONTAGNE", "montagne"), ("BOIS", "bois"), ("PAYSAGE", "paysage"), ("SPORT", "sport"), ("TOURISME", "tourisme"),
    ("CONSTRUCTION", "construction"), ("ALIMENTATION", "alimentation"), ("ENTREPRISE", "entreprise"),
    ("CHIMIE", "chimie"), ("PLASTURGIE", "plasturgie"), ("TEXTILE", "textile"), ("MODE", "mode"),
    ("PRODUCTIQUE", "productique"), ("RURAL", "rural"), ("RURALE", "rurale"), ("PUBLIC", "public"),
    ("SUPERIEUR", "supérieur"), ("SUPÉRIEUR", "supérieur"), ("NATIONAL", "national"), ("NATIONALE", "nationale"),
];

const ACRONYMS: &[&str] = &["CFA", "CFPPA", "LEGTA", "LPA", "EREA", "AFTRAL", "IFRIA", "SEP", "LP", "UFA", "IMT", "ISTP", "CCI", "GRETA", "EPL", "EPLEFPA"];

/// Small words kept in lower case inside a name.
const SMALL: &[&str] = &["de", "du", "des", "la", "le", "les", "et", "en", "sur", "aux", "au", "a", "l", "d", "sous"];

/// Proper nouns of the region's names that need accents.
const PROPER: &[(&str, &str)] = &[
    ("ETIENNE", "Étienne"), ("HELENE", "Hélène"), ("RENE", "René"), ("HERAULT", "Hérault"), ("ELISEE", "Élisée"),
    ("EMILE", "Émile"), ("EDOUARD", "Édouard"), ("EUGENE", "Eugène"), ("THEODORE", "Théodore"), ("JEROME", "Jérôme"),
    ("ANDRE", "André"), ("GENEVIEVE", "Geneviève"), ("THERESE", "Thérèse"), ("AMPERE", "Ampère"),
    ("RHONE", "Rhône"), ("ISERE", "Isère"), ("DROME", "Drôme"), ("FOREZ", "Forez"), ("VALERY", "Valéry"),
    ("DESCARTES", "Descartes"), ("BERARD", "Bérard"), ("FENELON", "Fénelon"), ("ONZE", "Onze"),
    ("CHAMBERY", "Chambéry"), ("VENISSIEUX", "Vénissieux"), ("PERIGNON", "Pérignon"), ("LEONARD", "Léonard"),
    ("ALEXANDRE", "Alexandre"), ("MARECHAL", "Maréchal"), ("ECHIROLLES", "Échirolles"), ("HOTEL", "Hôtel"),
];

fn lookup(table: &[(&'static str, &'static str)], word: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == word).map(|(_, v)| *v)
}

/// True when the text has letters and none of them is lower case: it comes from an upper-case source.
fn is_shouting(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect(),
        None => String::new(),
    }
}

/// An establishment's display name: "Lycée général …" then proper nouns capitalised.
pub fn establishment_name(raw: &str) -> String {
    let raw = raw.trim();
    if !is_shouting(raw) {
        return raw.to_string();
    }
    let mut out = Vec::new();
    for (i, word) in raw.split_whitespace().enumerate() {
        let shaped = if let Some(common) = lookup(COMMON, word) {
            if i == 0 { capitalise(common) } else { common.to_string() }
        } else if let Some(proper) = lookup(PROPER, word) {
            proper.to_string()
        } else if i > 0 && SMALL.contains(&word.to_lowercase().as_str()) {
            word.to_lowercase()
        } else if ACRONYMS.contains(&word)
            || (word.len() <= 4 && word.chars().all(|c| c.is_ascii_uppercase()) && !has_vowel(word))
        {
            // Acronyms like "CFA", "BTP", "MFR" stay in capitals.
            word.to_string()
        } else {
            word.split('-').map(capitalise).collect::<Vec<_>>().join("-")
        };
        out.push(shaped);
    }
    // "L ENERGIE" in the source stands for "l'énergie".
    out.join(" ").replace(" l ", " l'").replace(" d ", " d'").replace("' ", "'")
}

fn has_vowel(w: &str) -> bool {
    w.chars().any(|c| "AEIOUY".contains(c))
}

/// A commune's display name: "CLERMONT FERRAND" → "Clermont Ferrand" (the source lost its hyphens).
pub fn commune_name(raw: &str) -> String {
    let raw = raw.trim();
    if !is_shouting(raw) {
        return raw.to_string();
    }
    raw.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            if let Some(p) = lookup(PROPER, w) {
                p.to_string()
            } else if i > 0 && SMALL.contains(&w.to_lowercase().as_str()) {
                w.to_lowercase()
            } else {
                w.split('-').map(capitalise).collect::<Vec<_>>().join("-")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A stream label in sentence case: "MAINTENANCE DES VEHICULES OPTION A (BAC PRO)" → "Maintenance des vehicules
/// option A". The level suffix in parentheses is dropped: the level is shown as the group.
pub fn stream_label(raw: &str) -> String {
    let mut s = raw.trim().to_string();
    // The trailing "(CAP)", "(BAC PRO)", "(MC NIVEAU IV)", "(DN)"… repeats the level: drop it.
    if s.ends_with(')')
        && let Some(open) = s.rfind('(')
        && DIPLOMA_KINDS.iter().any(|k| s[open + 1..s.len() - 1].starts_with(k))
    {
        s = s[..open].trim_end().trim_end_matches(['-', ' ']).to_string();
    }
    let first_year = if let Some(stripped) = s.strip_suffix(" BTS 1ERE ANNEE COMMUNE") {
        s = stripped.to_string();
        " (1re année commune)"
    } else if let Some(stripped) = s.strip_suffix(" BTS 1ERE ANNEE") {
        s = stripped.to_string();
        " (1re année)"
    } else {
        ""
    };
    if !is_shouting(&s) {
        return s + first_year;
    }
    let words: Vec<String> = s
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let accented = accent(w);
            if i == 0 {
                capitalise(&accented)
            } else if w.len() == 1 && w != "A" {
                w.to_string() // "option B"
            } else if w == "A" && i > 0 && s.split_whitespace().nth(i - 1) == Some("OPTION") {
                "A".to_string()
            } else {
                accented
            }
        })
        .collect();
    words.join(" ") + first_year
}

fn accent(w: &str) -> String {
    // Punctuation stuck to the word: "(RAPIDE," "CAFETERIA)".
    let core = w.trim_matches(|c: char| !c.is_alphanumeric());
    if !core.is_empty() && core.len() < w.len() {
        let start = w.find(core).unwrap_or(0);
        return format!("{}{}{}", &w[..start], accent(core), &w[start + core.len()..]);
    }
    if ["PME", "TPE", "BTP"].contains(&w) {
        return w.to_string();
    }
    if let Some((head, rest)) = w.split_once('\'') {
        return format!("{}'{}", head.to_lowercase(), accent(rest));
    }
    if let Some(found) = lookup(STREAM_WORDS, w) {
        return found.to_string();
    }
    if w.contains('-') {
        return w.split('-').map(accent).collect::<Vec<_>>().join("-");
    }
    w.to_lowercase()
}

const DIPLOMA_KINDS: &[&str] = &[
    "BAC PRO", "CAP", "BTS", "BMA", "MC ", "DN", "DCG", "DSAA", "DTS", "DIPLOME D", "DIPLÔME D", "CLASSE DE MISE",
];

/// Accents of words frequent in diploma names.
const STREAM_WORDS: &[(&str, &str)] = &[
    ("METIERS", "métiers"), ("ELECTRICITE", "électricité"), ("ELECTRIQUE", "électrique"), ("ELECTRONIQUE", "électronique"),
    ("ENERGETIQUES", "énergétiques"), ("SYSTEMES", "systèmes"), ("NUMERIQUES", "numériques"), ("VEHICULES", "véhicules"),
    ("EQUIPEMENTS", "équipements"), ("EQUIPEMENT", "équipement"), ("ETUDE", "étude"), ("DEFINITION", "définition"),
    ("ACCUEIL", "accueil"), ("HOTEL-CAFE-RESTAURANT", "hôtel-café-restaurant"), ("HOTELLERIE", "hôtellerie"),
    ("PATISSIER", "pâtissier"), ("PATISSERIE", "pâtisserie"), ("BATIMENT", "bâtiment"), ("BATIMENTS", "bâtiments"),
    ("ENERGIE", "énergie"), ("MECANIQUE", "mécanique"), ("MATERIELS", "matériels"), ("MATERIAUX", "matériaux"),
    ("ECONOMIE", "économie"), ("FAMILIALE", "familiale"), ("IMMOBILIERES", "immobilières"), ("COMPTABILITE", "comptabilité"),
    ("MANAGERIALE", "managériale"), ("ACTIVITE", "activité"), ("ACTIVITES", "activités"), ("SECURITE", "sécurité"),
    ("PREVENTION", "prévention"), ("SANTE", "santé"), ("ESTHETIQUE", "esthétique"), ("COSMETIQUE", "cosmétique"),
    ("PARFUMERIE", "parfumerie"), ("EMPLOYE", "employé"), ("SPECIALISE", "spécialisé"), ("SPECIALITES", "spécialités"),
    ("PRODUITS", "produits"), ("MENUISERIE", "menuiserie"), ("REALISATION", "réalisation"), ("ELEMENTS", "éléments"),
    ("PRECISION", "précision"), ("MODELISATION", "modélisation"), ("CONCEPTION", "conception"), ("INDUSTRIALISATION", "industrialisation"),
    ("CREATION", "création"), ("DECORATION", "décoration"), ("REPARATION", "réparation"), ("CARROSSERIES", "carrosseries"),
    ("GENIE", "génie"), ("THERMIQUE", "thermique"), ("CHIMIQUE", "chimique"), ("BIOLOGIE", "biologie"),
    ("QUALITE", "qualité"), ("ALIMENTAIRES", "alimentaires"), ("INTEGREE", "intégrée"), ("REFERENTIEL", "référentiel"),
    ("EUROPEEN", "européen"), ("COMMUN", "commun"), ("PROSPECTION", "prospection"), ("NEGOCIATION", "négociation"),
    ("CLIENTELE", "clientèle"), ("DIGITALISATION", "digitalisation"), ("RELATION", "relation"), ("ELEVAGE", "élevage"),
    ("AMENAGEMENTS", "aménagements"), ("AMENAGEMENT", "aménagement"), ("PAYSAGERS", "paysagers"), ("AGROEQUIPEMENT", "agroéquipement"),
    ("PERSONNE", "personne"), ("A", "à"), ("MARCHANDISES", "marchandises"), ("CERAMIQUE", "céramique"),
    ("EBENISTE", "ébéniste"), ("ORFEVRERIE", "orfèvrerie"), ("GRAPHIQUE", "graphique"), ("PHOTOGRAPHIE", "photographie"),
    ("REALISATIONS", "réalisations"), ("CHAUDRONNERIE", "chaudronnerie"), ("TOLERIE", "tôlerie"), ("FROID", "froid"),
    ("CLIMATIQUES", "climatiques"), ("RESEAUX", "réseaux"), ("ELECTRONIQUES", "électroniques"), ("DOMESTIQUES", "domestiques"),
    ("INFORMATIQUES", "informatiques"), ("TELECOMMUNICATIONS", "télécommunications"), ("OPERATEUR/OPERATRICE", "opérateur/opératrice"),
    ("PRIMAIRE", "primaire"), ("PROPRETE", "propreté"), ("HYGIENE", "hygiène"), ("OEUVRE", "œuvre"), ("ENVIRONNEMENT", "environnement"),
    ("TECHNICIEN", "technicien"), ("MAINTENANCE", "maintenance"), ("REGLAGE", "réglage"), ("MENUISIER", "menuisier"),
    ("EDUCATIF", "éducatif"), ("SIDERURGIE", "sidérurgie"), ("SERIGRAPHIE", "sérigraphie"), ("FLEURISTE", "fleuriste"),
    ("CONNECTES", "connectés"), ("ELECTRICIEN", "électricien"), ("OPERATEUR", "opérateur"), ("DEVELOPPEMENT", "développement"),
    ("SERIES", "séries"), ("ESTHETIQUE", "esthétique"), ("COSMETIQUE", "cosmétique"), ("HOTELLERIE", "hôtellerie"),
    ("SURETE", "sûreté"), ("STERILISATION", "stérilisation"), ("SPECIALISEES", "spécialisées"), ("RESEAU", "réseau"),
    ("REVETEMENTS", "revêtements"), ("PROXIMITE", "proximité"), ("NUMERIQUE", "numérique"), ("SPECIALITES", "spécialités"),
    ("COLLECTIVITES", "collectivités"), ("BEAUTE", "beauté"), ("ETRE", "être"), ("AGEES", "âgées"),
    ("ASSOCIEE", "associée"), ("ASSOCIES", "associés"), ("INGENIERIE", "ingénierie"), ("ETUDES", "études"),
    ("OPERATIONNEL", "opérationnel"), ("PARTICULIERES", "particulières"), ("SERIELLE", "sérielle"), ("METIER", "métier"),
    ("MACON", "maçon"), ("ELECTROTECHNIQUE", "électrotechnique"), ("EQUIPIER", "équipier"), ("BIOQUALITE", "bioqualité"),
    ("DECORATEUR", "décorateur"), ("CAFETERIA", "cafétéria"), ("PROPRETE", "propreté"), ("VETEMENT", "vêtement"),
    ("ENERGIES", "énergies"), ("ELECTRONIQUE", "électronique"), ("ECONOMIE", "économie"), ("TRAVAUX", "travaux"),
    ("ENFANCE", "enfance"), ("EDUCATIF", "éducatif"), ("PETITE", "petite"), ("AERONAUTIQUE", "aéronautique"),
    ("CHAUFFEUR", "chauffeur"), ("ROUTIER", "routier"), ("CARRELEUR", "carreleur"), ("MOSAISTE", "mosaïste"),
    ("PLATRIER", "plâtrier"), ("PEINTRE", "peintre"), ("BOULANGER", "boulanger"), ("BOUCHER", "boucher"),
    ("CHARCUTIER", "charcutier"), ("TRAITEUR", "traiteur"), ("PATISSIER", "pâtissier"), ("CREMERIE", "crémerie"),
    ("FROMAGERIE", "fromagerie"), ("PRIMEUR", "primeur"), ("POISSONNIER", "poissonnier"), ("ECAILLER", "écailler"),
    ("AUXILIAIRE", "auxiliaire"), ("PHARMACIE", "pharmacie"), ("OPTICIEN", "opticien"), ("LUNETIER", "lunetier"),
    ("ECOLOGIQUE", "écologique"), ("ENERGETIQUE", "énergétique"), ("GEOMETRE", "géomètre"), ("TOPOGRAPHE", "topographe"),
    ("METALLERIE", "métallerie"), ("REPARATION", "réparation"), ("HOTELIERE", "hôtelière"), ("HOTELIER", "hôtelier"),
    ("MEDICAL", "médical"), ("MEDICALE", "médicale"), ("THERAPEUTIQUE", "thérapeutique"), ("MATERIEL", "matériel"),
    ("EMBARQUES", "embarqués"), ("PREPARATION", "préparation"), ("CREATION", "création"), ("COMMERCIALE", "commerciale"), ("MODELES", "modèles"), ("METALLIER", "métallier"), ("METALLIQUES", "métalliques"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn establishment_names() {
        assert_eq!(
            establishment_name("LYCEE GENERAL ET TECHNOLOGIQUE SIDOINE APOLLINAIRE"),
            "Lycée général et technologique Sidoine Apollinaire"
        );
        assert_eq!(
            establishment_name("LYCEE PROFESSIONNEL ALEXANDRE BERARD LYCEE DES METIERS DE L ENERGIE ET DE L HABITAT"),
            "Lycée professionnel Alexandre Bérard lycée des métiers de l'énergie et de l'habitat"
        );
        assert_eq!(establishment_name("CFA BTP"), "CFA BTP");
        assert_eq!(establishment_name("Lycée Blaise Pascal"), "Lycée Blaise Pascal");
        assert_eq!(commune_name("CLERMONT FERRAND"), "Clermont Ferrand");
        assert_eq!(commune_name("ST ETIENNE"), "St Étienne");
    }

    #[test]
    fn stream_labels() {
        assert_eq!(stream_label("ELECTRICIEN (CAP)"), "Électricien");
        assert_eq!(
            stream_label("METIERS DE L'ELECTRICITE ET DE SES ENVIRONNEMENTS CONNECTES (BAC PRO)"),
            "Métiers de l'électricité et de ses environnements connectés"
        );
        assert_eq!(
            stream_label("EMPLOYE DE VENTE SPECIALISE OPTION B : PRODUITS D'EQUIPEMENT COURANT (CAP)"),
            "Employé de vente spécialisé option B : produits d'équipement courant"
        );
    }
}
