//! The current campaign and its charter of rights and duties.

use crate::lang::Lang;
use crate::problem::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use passregion_core::api::{Campaign, Charter, CharterSection};
use std::collections::HashMap;

/// The 2026-2027 campaign: ages reckoned on 1 September 2026; a legal guardian takes part under 15 (the age of
/// digital consent in France).
pub fn current_campaign() -> Campaign {
    Campaign {
        id: "2026-2027".into(),
        opens_on: "2026-06-01".into(),
        closes_on: "2027-05-31".into(),
        age_reference_date: "2026-09-01".into(),
        min_age: 14,
        max_age: 25,
        guardian_required_under: 15,
        charter_version: CHARTER_VERSION.into(),
    }
}

pub const CHARTER_VERSION: &str = "2026.1";

pub async fn get_campaign(State(state): State<AppState>) -> Json<Campaign> {
    Json((*state.campaign).clone())
}

/// `?lang=fr|en`; without it, the language of `Accept-Language`.
pub async fn get_charter(
    headers: HeaderMap,
    query: Result<Query<HashMap<String, String>>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Charter>, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::malformed(e.body_text()))?;
    let lang = match query.get("lang") {
        Some(code) => Lang::parse(code)
            .filter(|_| code.len() == 2)
            .ok_or_else(|| ApiError::malformed("lang must be fr or en").field("lang", "lang_unsupported"))?,
        None => Lang::from_headers(&headers),
    };
    Ok(Json(charter(lang)))
}

fn section(heading: &str, paragraphs: &[&str]) -> CharterSection {
    CharterSection {
        heading: heading.into(),
        paragraphs: paragraphs.iter().map(std::string::ToString::to_string).collect(),
    }
}

pub fn charter(lang: Lang) -> Charter {
    match lang {
        Lang::Fr => Charter {
            version: CHARTER_VERSION.into(),
            lang: "fr".into(),
            title: "Charte des droits et devoirs du bénéficiaire du Pass'Région".into(),
            sections: vec![
                section(
                    "Ta carte",
                    &[
                        "Le Pass'Région est une carte personnelle et nominative : tu ne la prêtes pas et tu ne la vends pas.",
                        "Tu la présentes avec une pièce d'identité quand un partenaire te le demande.",
                    ],
                ),
                section(
                    "Tes avantages",
                    &[
                        "Les avantages (manuels scolaires, cinéma, spectacles, sport, santé, permis de conduire…) sont réservés au titulaire de la carte, pendant l'année scolaire de la campagne.",
                        "Un avantage utilisé ne peut pas être remboursé ni échangé contre de l'argent.",
                    ],
                ),
                section(
                    "Tes informations",
                    &[
                        "Tu certifies que les informations de ta demande sont exactes ; tu les mets à jour dans ton espace bénéficiaire si elles changent.",
                        "La Région traite tes données pour gérer ta carte et tes avantages. Tu peux y accéder, les rectifier ou t'opposer à leur utilisation pour les bons plans et les actualités à tout moment.",
                    ],
                ),
                section(
                    "Perte, vol et duplicata",
                    &[
                        "Si ta carte est perdue ou volée, tu fais opposition au plus vite depuis ton espace bénéficiaire ; un duplicata peut être commandé.",
                    ],
                ),
                section(
                    "Ton comportement",
                    &[
                        "La Région attend de toi un comportement responsable et respectueux envers les partenaires, les personnels de ton établissement et les autres jeunes.",
                        "Une incivilité signalée par un partenaire ou par ton établissement peut entraîner la suspension de tes avantages pour toute la campagne en cours.",
                    ],
                ),
                section(
                    "Usage abusif",
                    &[
                        "Une utilisation frauduleuse de la carte entraîne sa désactivation et peut donner lieu à des poursuites.",
                    ],
                ),
            ],
        },
        Lang::En => Charter {
            version: CHARTER_VERSION.into(),
            lang: "en".into(),
            title: "Charter of rights and duties of the Pass'Région holder".into(),
            sections: vec![
                section(
                    "Your card",
                    &[
                        "The Pass'Région is a personal card in your name: you do not lend it and you do not sell it.",
                        "You show it with an ID document when a partner asks for it.",
                    ],
                ),
                section(
                    "Your benefits",
                    &[
                        "The benefits (school books, cinema, shows, sport, health, driving licence…) are for the card holder only, during the school year of the campaign.",
                        "A benefit that has been used cannot be refunded or exchanged for money.",
                    ],
                ),
                section(
                    "Your information",
                    &[
                        "You certify that the information in your application is accurate; you update it in your beneficiary space if it changes.",
                        "The Région processes your data to manage your card and benefits. You can access or correct it, or object to its use for good deals and news, at any time.",
                    ],
                ),
                section(
                    "Loss, theft and duplicate",
                    &[
                        "If your card is lost or stolen, block it as soon as possible from your beneficiary space; a duplicate can be ordered.",
                    ],
                ),
                section(
                    "Your behaviour",
                    &[
                        "The Région expects responsible and respectful behaviour from you towards partners, the staff of your school and other young people.",
                        "Incivility reported by a partner or by your school may suspend your advantages for the whole current campaign.",
                    ],
                ),
                section(
                    "Misuse",
                    &["Fraudulent use of the card leads to its deactivation and may lead to prosecution."],
                ),
            ],
        },
    }
}
