//! The parts of the app fetched when they are first needed (docs/size.md, "Code splitting").
//!
//! Each function made by `passregion_lazy::chunks!` (lazy-view/) is a split point: with the `split` feature (the
//! release build, build-tools/app-wasm.mjs) it and everything only it uses are a wasm file of their own, fetched on
//! the first call; without it (`trunk serve`, the browser tests) a plain call into the same module. The start page
//! and the charter (the first step) stay in the first page: they show without a second round trip.
//!
//! Each name is its route's last path segment with `-` as `_` (`/demande/representant-legal` →
//! `representant_legal`): build-tools/app-wasm.mjs relies on it to have index.html preload the chunk of a deep link
//! ("va sur /demande/etablissement") beside the main module.

use leptos::prelude::*;
use leptos::task::spawn_local;
use passregion_core::journey::StepId;

use crate::i18n::t;
use crate::ui::spinner::{Delayed, Spinner};

/// Installs the French texts that travel with a chunk (build.rs `CHUNKED`: the namespaces only chunks' code uses)
/// before its view is built. Written inside the chunk's function, the only code naming those tables, so that
/// wasm-split puts them in the chunk. Without `split` they are in the one table: nothing to install.
macro_rules! texts {
    ($($table:ident),*) => {
        $(
            #[cfg(feature = "split")]
            crate::i18n::install_chunk_texts(crate::i18n::chunk_texts::$table);
        )*
    };
}

// What each chunk shows, and the French texts it brings (every chunked namespace its view reads: the review's card
// preview reads the photo's); the components stay in their own modules.
passregion_lazy::chunks! {
    identite / preload_identite => view! { <crate::steps::identity::IdentityStep /> };
    representant_legal / preload_representant_legal => view! { <crate::steps::guardian::GuardianStep /> };
    coordonnees / preload_coordonnees => view! { <crate::steps::contact::ContactStep /> };
    etablissement / preload_etablissement => view! { <crate::steps::establishment::EstablishmentStep /> };
    photo / preload_photo => {
        texts!(FR_PHOTO, FR_HANDOFF);
        view! { <crate::steps::photo::PhotoPage /> }
    };
    envoi / preload_envoi => {
        texts!(FR_DELIVERY, FR_PRIVACY);
        view! { <crate::steps::delivery::DeliveryStep /> }
    };
    verification / preload_verification => {
        texts!(FR_DELIVERY, FR_PHOTO);
        view! { <crate::steps::review::ReviewStep /> }
    };
    confirmation / preload_confirmation => view! { <crate::steps::confirmation::ConfirmationChunk /> };
    activation / preload_activation => view! { <crate::pages::activation::ActivationPage /> };
    accord_parental / preload_accord_parental => view! { <crate::pages::guardian_consent::GuardianConsentPage /> };
    protection_des_donnees / preload_protection_des_donnees => {
        texts!(FR_PRIVACY);
        view! { <crate::pages::privacy::PrivacyPage /> }
    };
}

/// A journey step's view: the charter at once, the others once their chunk is in (a spinner after 300 ms; a failed
/// fetch says so and offers to retry, nothing typed is lost). The next step's chunk is fetched while the step is
/// read ([`preload_next`]), so "Continuer" does not wait for the network; the charter starts that itself once its
/// text is in.
pub fn step(step: StepId) -> AnyView {
    if step != StepId::Charter {
        preload_next(step, passregion_lazy::idle());
    }
    // "Envoyer" leads to the confirmation, which must show as soon as the server answers: its chunk comes while the
    // review is read.
    if step == StepId::Review {
        passregion_lazy::preload_soon(preload_confirmation);
    }
    match step {
        StepId::Charter => view! { <crate::steps::charter::CharterStep /> }.into_any(),
        StepId::Identity => lazy(identite, preload_identite),
        StepId::Guardian => lazy(representant_legal, preload_representant_legal),
        StepId::Contact => lazy(coordonnees, preload_coordonnees),
        StepId::Establishment => lazy(etablissement, preload_etablissement),
        StepId::Photo => lazy(photo, preload_photo),
        StepId::Delivery => lazy(envoi, preload_envoi),
        StepId::Review => lazy(verification, preload_verification),
    }
}

/// Fetches the chunks of the step after `step` once `when` is over. Steps wait for the browser's first idle moment
/// ([`passregion_lazy::idle`]): after the page's own requests and first rendering, which would otherwise queue behind
/// them (about 60 KB in 33 files after the charter). The charter, the page a fresh tab lands on, waits for the
/// person's first press, touch or key ([`passregion_lazy::first_interaction`]): there the next step's two dozen
/// fetches were one long task right after the first render on a slow phone (Lighthouse's total blocking time,
/// docs/size.md), and nobody leaves it without ticking it, so the code still comes before "Continuer".
pub fn preload_next(step: StepId, when: impl Future<Output = ()> + 'static) {
    if let Some(next) = next_step(step) {
        spawn_local(async move {
            when.await;
            let _ = preload_step(next).await;
        });
    }
}

fn next_step(step: StepId) -> Option<StepId> {
    Some(match step {
        StepId::Charter => StepId::Identity,
        // Guardian comes only for minors: contact is fetched too when identity is done (see preload_step).
        StepId::Identity => StepId::Guardian,
        StepId::Guardian => StepId::Contact,
        StepId::Contact => StepId::Establishment,
        StepId::Establishment => StepId::Photo,
        StepId::Photo => StepId::Delivery,
        StepId::Delivery => StepId::Review,
        StepId::Review => return None,
    })
}

async fn preload_step(step: StepId) -> Result<(), LoadError> {
    match step {
        StepId::Charter => Ok(()),
        StepId::Identity => preload_identite().await,
        StepId::Guardian => {
            preload_representant_legal().await?;
            preload_coordonnees().await
        }
        StepId::Contact => preload_coordonnees().await,
        StepId::Establishment => preload_etablissement().await,
        StepId::Photo => preload_photo().await,
        StepId::Delivery => preload_envoi().await,
        StepId::Review => preload_verification().await,
    }
}

/// A view whose code may still have to be fetched (passregion_lazy::lazy): a spinner after 300 ms; a failed fetch
/// says so and offers to retry, nothing typed is lost.
pub fn lazy<F, P>(load: fn() -> F, preload: fn() -> P) -> AnyView
where
    F: Future<Output = Result<AnyView, LoadError>> + 'static,
    P: Future<Output = Result<(), LoadError>> + 'static,
{
    passregion_lazy::lazy(
        load,
        preload,
        || view! { <Delayed><Spinner label=t("common.loading") /></Delayed> }.into_any(),
        |retry| view! { <LoadFailed retry /> }.into_any(),
    )
}

/// The confirmation page (`/demande/confirmation`, where sending leads) or, on a step's route, the application sent
/// earlier (`StepRoute`). Its chunk is normally in before "Envoyer" answers (the review step fetches it, index.html on
/// a deep link or a reload after sending); if it is not, the dossier number, which the app's state holds, shows
/// while it comes (after 300 ms, like the spinner), and stays when fetching it fails.
pub fn confirmation_view(already_sent: bool) -> AnyView {
    provide_context(crate::steps::confirmation::AlreadySentHere(already_sent));
    passregion_lazy::lazy(
        confirmation,
        preload_confirmation,
        move || {
            view! {
                <Delayed>
                    <crate::steps::confirmation::SentWhileLoading already_sent />
                    <Spinner label=t("common.loading") />
                </Delayed>
            }
            .into_any()
        },
        move |retry| {
            view! {
                <crate::steps::confirmation::SentWhileLoading already_sent />
                <LoadFailed retry />
            }
            .into_any()
        },
    )
}

#[component]
fn LoadFailed(retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="notice notice--error" role="alert">
            <p>{t("common.network_error")}</p>
            <button type="button" class="button button--primary" on:click=move |_| retry.run(())>
                {t("common.retry")}
            </button>
        </div>
    }
}
