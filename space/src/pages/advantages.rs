//! `/espace/avantages`: what the card gives this campaign and what is left, one card per advantage in the order
//! the server sends them. Amounts through core's `format_euros`, tickets counted, free ones said so.

use leptos::prelude::*;
use passregion_core::advantages::{Family, Kind, Line, Measure, SportLicence, format_euros};

use crate::api;
use crate::dates;
use crate::i18n::{t, t_now, tf_now, use_lang};
use crate::pages::loaded_view;

pub fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Textbooks => "advantages.textbooks",
        Kind::Equipment => "advantages.equipment",
        Kind::Sport => "advantages.sport",
        Kind::Cinema => "advantages.cinema",
        Kind::Shows => "advantages.shows",
        Kind::Books => "advantages.books",
        Kind::Museums => "advantages.museums",
        Kind::FirstAid => "advantages.first_aid",
    }
}

fn about_key(k: Kind) -> String {
    format!("{}_about", kind_name(k))
}

pub fn family_key(f: Family) -> &'static str {
    match f {
        Family::Crafts => "advantages.family_crafts",
        Family::HairBeauty => "advantages.family_hair_beauty",
        Family::Woodwork => "advantages.family_woodwork",
        Family::Cooking => "advantages.family_cooking",
        Family::Building => "advantages.family_building",
        Family::MotorVehicles => "advantages.family_motor_vehicles",
        Family::Fashion => "advantages.family_fashion",
        Family::Hospitality => "advantages.family_hospitality",
        Family::Industry => "advantages.family_industry",
        Family::Land => "advantages.family_land",
        Family::Media => "advantages.family_media",
        Family::Care => "advantages.family_care",
        Family::Community => "advantages.family_community",
        Family::Services => "advantages.family_services",
        Family::Other => "advantages.family_other",
    }
}

pub fn dynamic_keys() -> Vec<String> {
    Kind::ALL
        .into_iter()
        .flat_map(|k| [kind_name(k).to_string(), about_key(k)])
        .chain(Family::ALL.into_iter().map(|f| family_key(f).to_string()))
        .collect()
}

/// What decides the amount, when something does: the stream's family for equipment; for sport, the two cases
/// (€30 at the school's association, €60 in a club) until a licence is recorded, then the case that applies.
fn terms_text(line: &Line) -> Option<String> {
    let case = |l: SportLicence| line.cases.iter().find(|c| c.licence == l).map(|c| measure_text(c.granted));
    if let Some(family) = line.family {
        return Some(tf_now("advantages.equipment_family", &[("family", &t_now(family_key(family)))]));
    }
    if line.cases.is_empty() {
        return None;
    }
    let (school, club) = (case(SportLicence::SchoolAssociation)?, case(SportLicence::Club)?);
    Some(match line.licence {
        None => tf_now("advantages.sport_cases", &[("school", &school), ("club", &club)]),
        Some(SportLicence::SchoolAssociation) => {
            tf_now("advantages.sport_school", &[("amount", &school), ("club", &club)])
        }
        Some(SportLicence::Club) => tf_now("advantages.sport_club", &[("amount", &club)]),
    })
}

/// An amount or a number of tickets as read ("15,00 €", "2 places"); "Gratuit" for what is not counted.
pub fn measure_text(m: Measure) -> String {
    let lang = crate::i18n::current_lang();
    match m {
        Measure::Free => t_now("advantages.free"),
        Measure::Cents(c) => format_euros(c, lang.code()),
        Measure::Tickets(1) => t_now("advantages.ticket_one"),
        Measure::Tickets(n) => tf_now("advantages.tickets", &[("n", &n.to_string())]),
    }
}

fn left_text(left: Measure, granted: Measure) -> Option<String> {
    match (left, granted) {
        (Measure::Tickets(l), Measure::Tickets(g)) => {
            Some(tf_now("advantages.tickets_left", &[("left", &l.to_string()), ("granted", &g.to_string())]))
        }
        (Measure::Cents(l), Measure::Cents(g)) => Some(tf_now(
            "advantages.cents_left",
            &[("left", &measure_text(Measure::Cents(l))), ("granted", &measure_text(Measure::Cents(g)))],
        )),
        _ => None,
    }
}

#[component]
pub fn AdvantagesPage() -> impl IntoView {
    let lang = use_lang();
    let loaded = LocalResource::new(move || api::advantages(lang.get_untracked()));
    loaded_view("advantages.title", loaded, |balance| {
        view! {
            <h1 id="page-title" tabindex="-1">{t("advantages.title")}</h1>
            <p class="lead">{t("advantages.intro")}</p>
            <ul class="advantages">
                {balance.lines.into_iter().map(|line| view! { <Advantage line /> }).collect_view()}
            </ul>
        }
    })
}

#[component]
fn Advantage(line: Line) -> impl IntoView {
    let terms = StoredValue::new(line.clone());
    let Line { kind, granted, left, used, valid_from, valid_to, .. } = line;
    let title_id = format!("advantage-{}", kind_name(kind).trim_start_matches("advantages."));
    let about = about_key(kind);
    let used = StoredValue::new(used);
    view! {
        <li class="advantage">
            <h2 class="advantage__name" id=title_id>{t(kind_name(kind))}</h2>
            <p class="advantage__about">{move || t_now(&about)}</p>
            {move || terms.with_value(terms_text).map(|text| view! { <p class="advantage__terms">{text}</p> })}
            <p class="advantage__left">
                {move || match left_text(left, granted) {
                    Some(text) => text,
                    None => measure_text(granted),
                }}
            </p>
            <p class="advantage__validity">
                {move || tf_now("advantages.valid", &[("from", &dates::long(valid_from)), ("to", &dates::long(valid_to))])}
            </p>
            {move || used.with_value(|used| (!used.is_empty()).then(|| view! {
                <table class="advantage__uses">
                    <caption>{t("advantages.uses")}</caption>
                    <thead><tr>
                        <th scope="col">{t("advantages.use_partner")}</th>
                        <th scope="col">{t("advantages.use_date")}</th>
                        <th scope="col">{t("advantages.use_amount")}</th>
                    </tr></thead>
                    <tbody>
                        {used.iter().cloned().map(|u| view! {
                            <tr>
                                <td>{u.partner}</td>
                                <td>{move || dates::long(u.on)}</td>
                                <td>{move || measure_text(u.amount)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }))}
        </li>
    }
}
