//! The parts of the app fetched when they are first needed (docs/size.md, "Code splitting").
//!
//! Each function made by `chunks!` is a split point: with the `split` feature (the release build,
//! build-tools/app-wasm.mjs) `wasm_split` — what Leptos' `#[lazy]` uses — puts the view and everything only it uses
//! into its own wasm file, fetched on the first call; without it (`trunk serve`, the browser tests) it is a plain
//! call into the same module. The start page and the charter (the first step) stay in the first page: they show
//! without a second round trip.
//!
//! Each name is its route's last path segment with `-` as `_` (`/demande/representant-legal` →
//! `representant_legal`): build-tools/app-wasm.mjs relies on it to have index.html preload the chunk of a deep link
//! ("va sur /demande/etablissement") beside the main module.

use leptos::prelude::*;
use leptos::task::spawn_local;
use passregion_core::journey::StepId;

use crate::i18n::t;
use crate::ui::spinner::{Delayed, Spinner};

#[cfg(feature = "split")]
pub use leptos::wasm_split::SplitLoaderError as LoadError;

/// Without the `split` feature nothing is fetched, so nothing can fail.
#[cfg(not(feature = "split"))]
#[derive(Debug)]
pub enum LoadError {}

macro_rules! chunks {
    ($($name:ident / $preload:ident => $view:expr;)*) => {
        $(
            #[cfg(feature = "split")]
            #[leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, preload(#[doc(hidden)] $preload), fallible)]
            pub fn $name() -> Result<AnyView, LoadError> {
                Ok($view.into_any())
            }

            #[cfg(not(feature = "split"))]
            pub async fn $name() -> Result<AnyView, LoadError> {
                Ok($view.into_any())
            }

            #[cfg(not(feature = "split"))]
            #[doc(hidden)]
            pub async fn $preload() -> Result<(), LoadError> {
                Ok(())
            }
        )*
    };
}

// What each chunk shows; the components stay in their own modules.
chunks! {
    identite / preload_identite => view! { <crate::steps::identity::IdentityStep /> };
    representant_legal / preload_representant_legal => view! { <crate::steps::guardian::GuardianStep /> };
    coordonnees / preload_coordonnees => view! { <crate::steps::contact::ContactStep /> };
    etablissement / preload_etablissement => view! { <crate::steps::establishment::EstablishmentStep /> };
    photo / preload_photo => view! { <crate::steps::photo::PhotoPage /> };
    envoi / preload_envoi => view! { <crate::steps::delivery::DeliveryStep /> };
    verification / preload_verification => view! { <crate::steps::review::ReviewStep /> };
    activation / preload_activation => view! { <crate::pages::activation::ActivationPage /> };
    protection_des_donnees / preload_protection_des_donnees => view! { <crate::pages::privacy::PrivacyPage /> };
}

/// A journey step's view: the charter at once, the others once their chunk is in (a spinner after 300 ms; a failed
/// fetch says so and offers to retry, nothing typed is lost). The next step's chunk is fetched meanwhile, so
/// "Continuer" does not wait for the network.
pub fn step(step: StepId) -> AnyView {
    if let Some(next) = next_step(step) {
        spawn_local(async move {
            let _ = preload_step(next).await;
        });
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

/// A view whose code may still have to be fetched.
///
/// The view is built synchronously in this closure's owner once its chunk is in, never inside the loader's future:
/// a view built in a `Suspend` future belongs to the owner that `Suspend` captured, which `StepRoute` or the router
/// may already have disposed when the future resolves or right after (sending the application, "Effacer mes
/// données"), and a disposed signal read then aborts the whole app. Here the chunk is fetched first (`preload`),
/// then the split function, whose loader is now settled, is polled once and its view mounted like any other.
pub fn lazy<F, P>(load: fn() -> F, preload: fn() -> P) -> AnyView
where
    F: Future<Output = Result<AnyView, LoadError>> + 'static,
    P: Future<Output = Result<(), LoadError>> + 'static,
{
    // None: being fetched (a chunk already in settles in a microtask, hidden by `Delayed`); Some(false): failed.
    // No cache by function address here: the optimiser merges the split functions' identical stubs.
    let loaded = RwSignal::new(None::<bool>);
    let fetch = move || {
        let _ = loaded.try_set(None);
        spawn_local(async move {
            let ok = preload().await.is_ok();
            let _ = loaded.try_set(Some(ok));
        });
    };
    fetch();
    let retry = Callback::new(move |()| fetch());
    (move || match loaded.get() {
        None => view! { <Delayed><Spinner label=t("common.loading") /></Delayed> }.into_any(),
        Some(true) => match poll_once(load()) {
            Some(Ok(view)) => view,
            _ => view! { <LoadFailed retry /> }.into_any(),
        },
        Some(false) => view! { <LoadFailed retry /> }.into_any(),
    })
    .into_any()
}

/// A split function's future once its chunk is loaded is ready at the first poll (the loader's cell is set).
fn poll_once<F: Future>(future: F) -> Option<F::Output> {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match std::pin::pin!(future).poll(&mut cx) {
        std::task::Poll::Ready(out) => Some(out),
        std::task::Poll::Pending => None,
    }
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
