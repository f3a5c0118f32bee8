//! The space's pages fetched when first opened (docs/size.md, "Code splitting: the space").
//!
//! Each function made by `passregion_lazy::chunks!` (lazy-view/, shared with the application) is a split point:
//! with the `split` feature (the release build, build-tools/app-wasm.mjs) it and everything only it uses are a wasm
//! file of their own, fetched on the first call; without it (`trunk serve`) a plain call into the same module. The
//! login page is the space's entry: it stays in the first page, so it shows without a second round trip, and it
//! fetches the dossier page's chunk, the page a login leads to, once the person starts typing.
//!
//! Each name is its route's last path segment with `-` as `_` (`/espace/code-secret` → `code_secret`; the dossier
//! at `/espace` is `espace`): build-tools/app-wasm.mjs relies on it to have index.html preload the chunk of a deep
//! link beside the main module.

use leptos::prelude::*;

use crate::i18n::chunk_texts::*;
use crate::i18n::{install_chunk_texts, t};
use crate::session::EndReason;
use crate::ui::form::Loading;

// What each chunk shows, after installing the French texts it carries (build.rs CHUNKS); the pages stay in their
// own modules.
passregion_lazy::chunks! {
    espace / preload_espace => { install_chunk_texts(CHUNK_ESPACE); view! { <crate::pages::dossier::DossierPage /> } };
    code_secret / preload_code_secret => { install_chunk_texts(CHUNK_CODE_SECRET); view! { <crate::pages::secret_code::SecretCodePage /> } };
    carte / preload_carte => { install_chunk_texts(CHUNK_CARTE); view! { <crate::pages::card::CardPage /> } };
    avantages / preload_avantages => { install_chunk_texts(CHUNK_AVANTAGES); view! { <crate::pages::advantages::AdvantagesPage /> } };
    mes_informations / preload_mes_informations => { install_chunk_texts(CHUNK_MES_INFORMATIONS); view! { <crate::pages::my_details::MyDetailsPage /> } };
    mot_de_passe_oublie / preload_mot_de_passe_oublie => { install_chunk_texts(CHUNK_MOT_DE_PASSE_OUBLIE); view! { <crate::pages::forgot_password::ForgotPasswordPage /> } };
    numero_oublie / preload_numero_oublie => { install_chunk_texts(CHUNK_NUMERO_OUBLIE); view! { <crate::pages::forgot_number::ForgotNumberPage /> } };
    mot_de_passe / preload_mot_de_passe => { install_chunk_texts(CHUNK_MOT_DE_PASSE); view! { <crate::pages::reset_password::ResetPasswordPage /> } };
    // Not a page: the idle-timeout warning, fetched a minute before it is due (ui::idle_watch).
    delai_inactivite / preload_delai_inactivite => { install_chunk_texts(CHUNK_DELAI_INACTIVITE); view! { <crate::ui::timeout_dialog::TimeoutDialog /> } };
    confirmer_email / preload_confirmer_email => { install_chunk_texts(CHUNK_CONFIRMER_EMAIL); view! { <crate::pages::confirm_email::ConfirmEmailPage /> } };
}

/// A page whose code may still have to be fetched: "Chargement…" meanwhile (the page's own loads say the same
/// next), a failed fetch says so and offers to retry.
pub fn lazy<F, P>(load: fn() -> F, preload: fn() -> P) -> AnyView
where
    F: Future<Output = Result<AnyView, LoadError>> + 'static,
    P: Future<Output = Result<(), LoadError>> + 'static,
{
    passregion_lazy::lazy(
        load,
        preload,
        || view! { <Loading label=Signal::derive(t("common.loading")) /> }.into_any(),
        |retry| view! { <LoadFailed retry /> }.into_any(),
    )
}

/// The login page, and the dossier page's chunk fetched from the first keystroke: while the person types, not
/// while the login page itself loads (a dozen modules compiled at once slow its first render on a phone).
pub fn login() -> AnyView {
    let asked = StoredValue::new(false);
    let typing = window_event_listener(leptos::ev::input, move |_| {
        if !asked.get_value() {
            asked.set_value(true);
            passregion_lazy::preload_soon(preload_espace);
        }
    });
    on_cleanup(move || typing.remove());
    let query = leptos_router::hooks::use_query_map();
    let reason = Signal::derive(move || query.with(|q| q.get("raison")).and_then(|p| EndReason::from_param(&p)));
    let navigate = leptos_router::hooks::use_navigate();
    let logged_in = Callback::new(move |()| navigate(crate::app::HOME_PATH, Default::default()));
    view! { <crate::pages::login::LoginPage reason logged_in /> }.into_any()
}

#[component]
fn LoadFailed(retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="notice notice--error" role="alert">
            <p>{t("common.network_error")}</p>
        </div>
        <button type="button" class="button button--primary" on:click=move |_| retry.run(())>
            {t("common.retry")}
        </button>
    }
}
