//! The general and technological streams: they are not in the vocational "constat" file, so their codes (the
//! national MEF code of each year) and labels are written here.

/// (code, label, level)
pub const GENERAL_AND_TECHNO: &[(&str, &str, &str)] = &[
    ("2001001811", "Seconde générale et technologique", "2nde"),
    ("2103340211", "Seconde STHR (hôtellerie et restauration)", "2nde"),
    ("2011001911", "Première générale", "1re"),
    ("2113101611", "Première STMG (management et gestion)", "1re"),
    ("2113310411", "Première ST2S (santé et social)", "1re"),
    ("2112000911", "Première STL biochimie, biologie, biotechnologie", "1re"),
    ("2112000811", "Première STL sciences physiques et chimiques en laboratoire", "1re"),
    ("2112001011", "Première STI2D (industrie et développement durable)", "1re"),
    ("2111340311", "Première STD2A (design et arts appliqués)", "1re"),
    ("2113340211", "Première STHR (hôtellerie et restauration)", "1re"),
    ("2111330311", "Première S2TMD danse", "1re"),
    ("2111330411", "Première S2TMD musique", "1re"),
    ("2111330511", "Première S2TMD théâtre", "1re"),
    ("2132100511", "Première STAV (agronomie et vivant)", "1re"),
    ("2021001911", "Terminale générale", "terminale"),
    ("2123101711", "Terminale STMG gestion et finance", "terminale"),
    ("2123101811", "Terminale STMG mercatique (marketing)", "terminale"),
    ("2123101911", "Terminale STMG ressources humaines et communication", "terminale"),
    ("2123102011", "Terminale STMG systèmes d'information de gestion", "terminale"),
    ("2123310411", "Terminale ST2S (santé et social)", "terminale"),
    ("2122000911", "Terminale STL biochimie, biologie, biotechnologie", "terminale"),
    ("2122000811", "Terminale STL sciences physiques et chimiques en laboratoire", "terminale"),
    ("2122000311", "Terminale STI2D architecture et construction", "terminale"),
    ("2122000411", "Terminale STI2D énergies et environnement", "terminale"),
    ("2122000511", "Terminale STI2D innovation technologique et éco-conception", "terminale"),
    ("2122000611", "Terminale STI2D systèmes d'information et numérique", "terminale"),
    ("2121340311", "Terminale STD2A (design et arts appliqués)", "terminale"),
    ("2123340211", "Terminale STHR (hôtellerie et restauration)", "terminale"),
    ("2121330311", "Terminale S2TMD danse", "terminale"),
    ("2121330411", "Terminale S2TMD musique", "terminale"),
    ("2121330511", "Terminale S2TMD théâtre", "terminale"),
    ("2142100511", "Terminale STAV (agronomie et vivant)", "terminale"),
];

/// What every lycée with a general section offers.
pub const GENERAL_TRACK: &[&str] = &["2001001811", "2011001911", "2021001911"];

/// Establishment kinds that have the general track.
pub const KINDS_WITH_GENERAL_TRACK: &[&str] = &["LEGT", "LPO", "LGT", "LG", "SEGT"];
