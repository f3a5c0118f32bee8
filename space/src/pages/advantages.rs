//! `/espace/avantages`: what the card gives this campaign and what is left, one card per advantage in the order
//! the server sends them. Amounts through core's `format_euros`, tickets counted, free ones said so.

use leptos::prelude::*;
use passregion_core::advantages::{Kind, Line, Measure, format_euros};

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

pub fn dynamic_keys() -> Vec<String> {
    Kind::ALL.into_iter().flat_map(|k| [kind_name(k).to_string(), about_key(k)]).collect()
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
    let Line { kind, granted, left, used, valid_from, valid_to } = line;
    let title_id = format!("advantage-{}", kind_name(kind).trim_start_matches("advantages."));
    let about = about_key(kind);
    let used = StoredValue::new(used);
    view! {
        <li class="advantage">
            <h2 class="advantage__name" id=title_id>{t(kind_name(kind))}</h2>
            <p class="advantage__about">{move || t_now(&about)}</p>
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
