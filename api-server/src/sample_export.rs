//! Regenerates the shipped sample from the region's files:
//! `cargo test -p passregion-api-server --lib sample_export -- --ignored` (needs `../shared/data`).
//! The display names below are written by hand; everything else comes from the open data.

use crate::refdata::RefData;
use std::collections::HashSet;
use std::path::Path;

/// (uai, display name, commune as usually written)
const CHOSEN: &[(&str, &str, &str)] = &[
    ("0010013J", "Lycée Lalande", "Bourg-en-Bresse"),
    ("0010034G", "Lycée Paul Painlevé", "Oyonnax"),
    ("0010020S", "Lycée professionnel Georges Charpak", "Châtillon-sur-Chalaronne"),
    ("0030036Y", "Lycée Théodore de Banville", "Moulins"),
    ("0030038A", "Lycée Jean Monnet", "Yzeure"),
    ("0030061A", "Lycée professionnel Albert Londres", "Cusset"),
    ("0070001N", "Lycée Boissy d'Anglas", "Annonay"),
    ("0070003R", "Lycée Marcel Gimond", "Aubenas"),
    ("0150646W", "Lycée Émile Duclaux", "Aurillac"),
    ("0150006A", "Lycée Monnet-Mermoz", "Aurillac"),
    ("0260034W", "Lycée Émile Loubet", "Valence"),
    ("0260019E", "Lycée Docteur Gustave Jaume", "Pierrelatte"),
    ("0380027Y", "Lycée Champollion", "Grenoble"),
    ("0380033E", "Lycée Vaucanson", "Grenoble"),
    ("0380032D", "Lycée Emmanuel Mounier", "Grenoble"),
    ("0380023U", "Lycée professionnel Jacques Prévert", "Fontaine"),
    ("0420041S", "Lycée Claude Fauriel", "Saint-Étienne"),
    ("0420021V", "Lycée professionnel Pierre Coton", "Néronde"),
    ("0420065T", "Lycée professionnel du Haut-Forez", "Verrières-en-Forez"),
    ("0430020N", "Lycée Charles et Adrien Dupuy", "Le Puy-en-Velay"),
    ("0630020E", "Lycée Sidoine Apollinaire", "Clermont-Ferrand"),
    ("0630018C", "Lycée Blaise Pascal", "Clermont-Ferrand"),
    ("0631409P", "Lycée professionnel Camille Claudel", "Clermont-Ferrand"),
    ("0630023H", "Lycée professionnel Marie Curie", "Clermont-Ferrand"),
    ("0630012W", "Lycée professionnel François Rabelais", "Brassac-les-Mines"),
    ("0690026D", "Lycée du Parc", "Lyon 6e Arrondissement"),
    ("0690003D", "Lycée professionnel Barthélemy Thimonnier", "L'Arbresle"),
    ("0690018V", "Lycée professionnel Danielle Casanova", "Givors"),
    ("0730013T", "Lycée Vaugelas", "Chambéry"),
    ("0730003G", "Lycée Marlioz", "Aix-les-Bains"),
    ("0730006K", "Lycée professionnel Le Grand Arc", "Albertville"),
    ("0740003B", "Lycée Berthollet", "Annecy"),
    ("0740006E", "Lycée Louis Lachenal", "Argonay"),
    ("0740009H", "Lycée des Glières", "Annemasse"),
];

/// Technological series known for an establishment (not in the open data).
const TECHNO: &[(&str, &[&str])] = &[(
    "0630020E",
    &[
        // STMG
        "2113101611",
        "2123101711",
        "2123101811",
        "2123101911",
        "2123102011",
        // ST2S
        "2113310411",
        "2123310411",
        // STL biochimie, biologie, biotechnologie
        "2112000911",
        "2122000911",
    ],
)];

pub fn export(region_dir: &Path, out_dir: &Path) -> Result<(), String> {
    let all = crate::region::load(region_dir, &RefData::default())?;
    let chosen: HashSet<&str> = CHOSEN.iter().map(|c| c.0).collect();
    let mut data = RefData::default();
    for e in all.establishments.iter().filter(|e| chosen.contains(e.uai.as_str())) {
        let (_, name, commune) = CHOSEN.iter().find(|c| c.0 == e.uai).unwrap();
        let mut e = e.clone();
        e.name = name.to_string();
        e.commune = Some(commune.to_string());
        data.establishments.push(e);
    }
    data.establishments.sort_by(|a, b| a.uai.cmp(&b.uai));
    data.offers = all.offers.iter().filter(|(u, _)| chosen.contains(u.as_str())).cloned().collect();
    for (uai, codes) in TECHNO {
        data.offers.extend(codes.iter().map(|c| (uai.to_string(), c.to_string())));
    }
    data.offers.sort();
    data.offers.dedup();
    let used: HashSet<&str> = data.offers.iter().map(|(_, c)| c.as_str()).collect();
    data.streams = all.streams.iter().filter(|s| used.contains(s.code.as_str())).cloned().collect();
    data.check()?;
    crate::seed::write(&data, out_dir).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    #[ignore = "regenerates api-server/seed from ../shared/data"]
    fn export_sample() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        super::export(&root.join("../../shared/data"), &root.join("seed")).unwrap();
    }
}
