//! The Région's REST API, typed. Views call these functions and never build requests themselves.
//!
//! Every call sends `Accept-Language` so server messages (field errors, the resend answer) come back in the
//! language on screen.

mod early;
mod error;
mod http;

pub use error::{ApiError, Notice, wait_minutes};

use passregion_core::api::{
    ActivationDone, ActivationRequest, ApplicationCreated, ApplicationRequest, Campaign, Charter, Establishment,
    EstablishmentStreams, Page, PostalCodeCommunes, ResendActivationRequest, Stream,
};
use serde::Deserialize;

use crate::i18n::Lang;

/// The campaign; the first call takes index.html's early answer when there is one (api/early.rs).
pub async fn campaign(lang: Lang) -> Result<Campaign, ApiError> {
    http::get_json_early("/campaign", lang).await
}

/// The charter in `lang`; like [`campaign`], index.html may have asked for it already on a journey step.
pub async fn charter(lang: Lang) -> Result<Charter, ApiError> {
    http::get_json_early(&format!("/charter?lang={}", lang.code()), lang).await
}

pub async fn search_establishments(
    query: &str,
    page: u32,
    per_page: u32,
    lang: Lang,
) -> Result<Page<Establishment>, ApiError> {
    let path = format!("/establishments?q={}&page={page}&per_page={per_page}", http::encode(query));
    http::get_json(&path, lang).await
}

pub async fn establishment(uai: &str, lang: Lang) -> Result<Establishment, ApiError> {
    http::get_json(&format!("/establishments/{}", http::encode(uai)), lang).await
}

pub async fn establishment_streams(uai: &str, lang: Lang) -> Result<EstablishmentStreams, ApiError> {
    http::get_json(&format!("/establishments/{}/streams", http::encode(uai)), lang).await
}

/// Streams whose name matches `query`, limited to one establishment when `uai` is given.
pub async fn search_streams(query: &str, uai: Option<&str>, lang: Lang) -> Result<Page<Stream>, ApiError> {
    let mut path = format!("/streams?q={}", http::encode(query));
    if let Some(uai) = uai {
        path.push_str(&format!("&uai={}", http::encode(uai)));
    }
    http::get_json(&path, lang).await
}

/// The communes of a postcode in the official list (empty when the list does not know it).
pub async fn postal_code_communes(postal_code: &str, lang: Lang) -> Result<PostalCodeCommunes, ApiError> {
    http::get_json(&format!("/postal-codes/{}/communes", http::encode(postal_code)), lang).await
}

/// Creates the application: the JSON part `application` and the `photo` part, under an idempotency key so that a
/// retry after a lost answer yields the same dossier.
pub async fn submit_application(
    request: &ApplicationRequest,
    photo: Option<web_sys::Blob>,
    idempotency_key: &str,
    lang: Lang,
) -> Result<ApplicationCreated, ApiError> {
    http::post_multipart("/applications", request, photo, idempotency_key, lang).await
}

pub async fn activate(token: &str, lang: Lang) -> Result<ActivationDone, ApiError> {
    http::post_json("/activations", &ActivationRequest { token: token.to_string() }, lang).await
}

/// The server's answer to a resend request; the same whether or not the address is known.
#[derive(Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ResendAnswer {
    pub message: String,
}

pub async fn resend_activation(request: &ResendActivationRequest, lang: Lang) -> Result<ResendAnswer, ApiError> {
    http::post_json("/activations/resend", request, lang).await
}

/// The guardian's consent page: who the link is for (nothing about the child before they agree).
pub async fn guardian_consent(token: &str, lang: Lang) -> Result<passregion_core::guardian::ConsentRequest, ApiError> {
    let body = passregion_core::guardian::ConsentToken { token: token.to_string() };
    http::post_json("/guardian-consents/lookup", &body, lang).await
}

pub async fn give_guardian_consent(
    token: &str,
    lang: Lang,
) -> Result<passregion_core::guardian::ConsentGiven, ApiError> {
    let body = passregion_core::guardian::ConsentToken { token: token.to_string() };
    http::post_json("/guardian-consents/confirm", &body, lang).await
}

/// A new link for the guardian, by an expired link's token or by dossier number; the same answer whatever matched.
pub async fn resend_guardian_consent(
    request: &passregion_core::guardian::ResendConsent,
    lang: Lang,
) -> Result<ResendAnswer, ApiError> {
    http::post_json("/guardian-consents/resend", request, lang).await
}

/// The phone handoff ("Prendre la photo avec mon téléphone"). The computer's tab holds `computer_secret`, the phone
/// its `phone_secret`: each is sent as the `Handoff-Secret` header and kept in memory only.
pub mod handoff {
    use passregion_core::handoff::{HandoffClaim, HandoffClaimed, HandoffCreated, HandoffStatus};

    use super::{ApiError, http};
    use crate::i18n::Lang;

    pub async fn start(lang: Lang) -> Result<HandoffCreated, ApiError> {
        http::post_empty("/handoffs", lang).await
    }

    /// From the beneficiary space: the same handoff, bound on the server to the logged-in session as well.
    pub async fn start_for_space(lang: Lang) -> Result<HandoffCreated, ApiError> {
        http::post_empty("/dossier/photo/handoffs", lang).await
    }

    pub async fn status(id: &str, secret: &str, lang: Lang) -> Result<HandoffStatus, ApiError> {
        http::send_with_secret(http::get(&format!("/handoffs/{}", http::encode(id))), secret, lang).await
    }

    pub async fn cancel(id: &str, secret: &str, lang: Lang) -> Result<(), ApiError> {
        http::send_with_secret_empty(http::delete(&format!("/handoffs/{}", http::encode(id))), secret, lang).await
    }

    /// The photo the phone sent, once: the server deletes it.
    pub async fn take_photo(id: &str, secret: &str, lang: Lang) -> Result<web_sys::Blob, ApiError> {
        http::get_blob_with_secret(&format!("/handoffs/{}/photo", http::encode(id)), secret, lang).await
    }

    /// The phone opens the handoff with the link's token or the typed code.
    pub async fn claim(claim: &HandoffClaim, lang: Lang) -> Result<HandoffClaimed, ApiError> {
        http::post_json("/handoffs/claim", claim, lang).await
    }

    pub async fn send_photo(photo: &web_sys::Blob, phone_secret: &str, lang: Lang) -> Result<(), ApiError> {
        http::put_photo_with_secret("/handoffs/photo", photo, phone_secret, lang).await
    }
}

/// The beneficiary space's calls that its photo page (`crate::space_photo`) needs; the session is the HttpOnly
/// cookie, which the browser sends by itself on these same-origin requests.
pub mod space {
    use passregion_core::space::{Dossier, SessionInfo};

    use super::{ApiError, http};
    use crate::i18n::Lang;

    pub async fn dossier(lang: Lang) -> Result<Dossier, ApiError> {
        http::get_json("/dossier", lang).await
    }

    /// The new photo (refused one, or a duplicate's): answers the dossier as it now stands.
    pub async fn send_photo(photo: &web_sys::Blob, lang: Lang) -> Result<Dossier, ApiError> {
        http::put_photo("/dossier/photo", photo, lang).await
    }

    /// "Rester connecté".
    pub async fn refresh_session(lang: Lang) -> Result<SessionInfo, ApiError> {
        http::post_empty("/sessions/current/refresh", lang).await
    }

    pub async fn logout(lang: Lang) -> Result<(), ApiError> {
        http::send_empty(http::delete("/sessions/current"), lang).await
    }
}
