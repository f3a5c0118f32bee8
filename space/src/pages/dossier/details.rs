//! The dossier's identity: its number (in pairs that never break apart), establishment, stream, where the card goes.

use leptos::prelude::*;
use passregion_core::dossier;
use passregion_core::space::Dossier;

use crate::i18n::t;

/// "26 29 76 43 51" as pairs, each kept whole at a line break; a screen reader reads the digits as they are.
#[component]
pub fn DossierNumber(number: String) -> impl IntoView {
    let formatted = dossier::format(&number);
    view! {
        <span class="dossier-pairs">
            {formatted.split(' ').map(|pair| view! { <span class="dossier-pairs__pair">{pair.to_string()}</span> " " }).collect_view()}
        </span>
    }
}

#[component]
pub fn Details(dossier: Dossier) -> impl IntoView {
    let Dossier { dossier_number, establishment, stream, send_to_establishment, .. } = dossier;
    let place = establishment.commune.map(|c| format!(" ({c})")).unwrap_or_default();
    view! {
        <section class="space-section" aria-labelledby="details-title">
            <h2 id="details-title">{t("dossier.details_title")}</h2>
            <dl class="space-details">
                <div>
                    <dt>{t("dossier.number")}</dt>
                    <dd><DossierNumber number=dossier_number /></dd>
                </div>
                <div>
                    <dt>{t("dossier.establishment")}</dt>
                    <dd>{establishment.name}{place}</dd>
                </div>
                <div>
                    <dt>{t("dossier.stream")}</dt>
                    <dd>{stream.label}</dd>
                </div>
                <div>
                    <dt>{t("dossier.delivery")}</dt>
                    <dd>{if send_to_establishment { t("dossier.delivery_school") } else { t("dossier.delivery_home") }}</dd>
                </div>
            </dl>
        </section>
    }
}
