pub mod advantages;
pub mod card;
pub mod confirm_email;
pub mod dossier;
pub mod forgot_number;
pub mod forgot_password;
pub mod login;
pub mod my_details;
pub mod not_found;
pub mod reset_password;
pub mod secret_code;

/// Puts the focus on the page's heading once it is drawn, so a screen reader starts there after a navigation.
pub fn focus_heading() {
    crate::ui::form::focus_later("page-title");
}

/// The message of a password rule broken, from core's error code.
pub fn rule_text(code: passregion_core::ErrorCode) -> String {
    crate::i18n::t_now(&format!("errors.{}", code.as_str()))
}

/// What a page's load gave: its view, the way to the login page when the session is gone, or the failure with
/// "Réessayer". Also learns the session's idle deadline, so the timeout dialog and "Se déconnecter" work on a page
/// opened directly.
pub fn loaded_view<T, V>(
    title_key: &'static str,
    loaded: leptos::prelude::LocalResource<Result<T, crate::api::ApiError>>,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl leptos::prelude::IntoView
where
    T: Clone + Send + Sync + 'static,
    V: leptos::prelude::IntoView + 'static,
{
    use leptos::prelude::*;
    let session = crate::session::use_session();
    let end_session = crate::session::use_end_session();
    let lang = crate::i18n::use_lang();
    if !session.logged_in() {
        leptos::task::spawn_local(async move {
            if let Ok(info) = crate::api::current_session(lang.get_untracked()).await {
                session.moved(&info);
            }
        });
    }
    Effect::new(move |_| match loaded.get() {
        Some(Err(e)) if e.session_required() => end_session.run(crate::session::EndReason::SessionRequired),
        Some(_) => focus_heading(),
        None => {}
    });
    move || match loaded.get() {
        Some(Ok(data)) => show(data).into_any(),
        Some(Err(e)) if e.session_required() => ().into_any(),
        Some(Err(e)) => view! {
            <h1 id="page-title" tabindex="-1">{crate::i18n::t(title_key)}</h1>
            <div class="notice notice--error" role="alert"><p>{crate::api::common_text(&e)}</p></div>
            <button type="button" class="button button--secondary" on:click=move |_| loaded.refetch()>
                {crate::i18n::t("common.retry")}
            </button>
        }
        .into_any(),
        None => {
            view! { <crate::ui::form::Loading label=Signal::derive(crate::i18n::t("common.loading")) /> }.into_any()
        }
    }
}

/// The messages of a problem's field errors, each placed on the form field its path names (`map`), the others on
/// the whole form; a problem without field errors gets the common sentence.
pub fn server_errors(e: &crate::api::ApiError, map: &[(&str, &'static str)]) -> Vec<(Option<&'static str>, String)> {
    let list: Vec<_> = e
        .field_errors()
        .iter()
        .map(|f| (map.iter().find(|(path, _)| *path == f.field).map(|(_, id)| *id), f.message.clone()))
        .collect();
    if list.is_empty() { vec![(None, crate::api::common_text(&e.clone()))] } else { list }
}
