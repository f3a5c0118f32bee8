//! "Effacer mes données": on every step, with a confirmation, since it cannot be undone.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::i18n::t;
use crate::state::use_app_state;

#[component]
pub fn ClearData() -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let asking = RwSignal::new(false);
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if asking.get()
            && let Some(b) = confirm_ref.get()
        {
            let _ = b.focus();
        }
    });
    view! {
        <section class="clear-data" aria-labelledby="clear-data-title">
            <h2 id="clear-data-title" class="visually-hidden">{t("common.clear_title")}</h2>
            <Show
                when=move || asking.get()
                fallback=move || {
                    view! {
                        <button type="button" class="button button--link" on:click=move |_| asking.set(true)>
                            {t("common.clear_button")}
                        </button>
                    }
                }
            >
                <div class="clear-data__confirm" role="group" aria-labelledby="clear-data-question">
                    <p id="clear-data-question">{t("common.clear_question")}</p>
                    <div class="button-row">
                        <button
                            type="button"
                            class="button button--danger"
                            node_ref=confirm_ref
                            on:click={
                                let navigate = navigate.clone();
                                move |_| {
                                    state.clear_everything();
                                    asking.set(false);
                                    navigate("/", Default::default());
                                }
                            }
                        >
                            {t("common.clear_confirm")}
                        </button>
                        <button type="button" class="button button--secondary" on:click=move |_| asking.set(false)>
                            {t("common.clear_cancel")}
                        </button>
                    </div>
                </div>
            </Show>
        </section>
    }
}
