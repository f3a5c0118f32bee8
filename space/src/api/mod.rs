//! The Région's REST API for the space, typed with core's wire types. The only place that builds requests: views
//! call these functions. The session cookie is HttpOnly and same-origin, so the browser sends it by itself.

mod error;
mod http;

pub use error::{ApiError, common_text};

use passregion_core::space::{
    Accepted, AdvantagesBalance, CardDeclaration, DetailsUpdate, Dossier, DossierReminderRequest, EmailChangeRequest,
    LoginRequest, MyDetails, PasswordChange, PasswordResetConfirm, PasswordResetRequest, SecretCodeRequest,
    SessionInfo, TokenRequest,
};
use passregion_core::status::Progress;

use crate::i18n::Lang;

pub async fn login(dossier_number: String, password: String, lang: Lang) -> Result<SessionInfo, ApiError> {
    http::send_json(http::Method::Post, "/sessions", Some(&LoginRequest { dossier_number, password }), lang).await
}

pub async fn dossier(lang: Lang) -> Result<Dossier, ApiError> {
    http::send_json::<(), _>(http::Method::Get, "/dossier", None, lang).await
}

/// "Rester connecté": the idle clock starts again.
pub async fn refresh_session(lang: Lang) -> Result<SessionInfo, ApiError> {
    http::send_json::<(), _>(http::Method::Post, "/sessions/current/refresh", None, lang).await
}

/// Ends the session; the server also sends Clear-Site-Data.
pub async fn logout(lang: Lang) -> Result<(), ApiError> {
    http::send_empty(http::Method::Delete, "/sessions/current", None::<&()>, lang).await
}

pub async fn request_password_reset(request: PasswordResetRequest, lang: Lang) -> Result<Accepted, ApiError> {
    http::send_json(http::Method::Post, "/password-resets", Some(&request), lang).await
}

pub async fn confirm_password_reset(token: String, password: String, lang: Lang) -> Result<(), ApiError> {
    http::send_empty(
        http::Method::Post,
        "/password-resets/confirm",
        Some(&PasswordResetConfirm { token, password }),
        lang,
    )
    .await
}

pub async fn remind_dossier_number(email: String, lang: Lang) -> Result<Accepted, ApiError> {
    http::send_json(http::Method::Post, "/dossier-reminders", Some(&DossierReminderRequest { email }), lang).await
}

/// The open session, without moving its idle clock (pages other than the dossier learn the deadline from it).
pub async fn current_session(lang: Lang) -> Result<SessionInfo, ApiError> {
    http::send_json::<(), _>(http::Method::Get, "/sessions/current", None, lang).await
}

/// Sets or changes the card's 4-digit code; the current password is asked again.
pub async fn set_secret_code(request: SecretCodeRequest, lang: Lang) -> Result<(), ApiError> {
    http::send_empty(http::Method::Put, "/secret-code", Some(&request), lang).await
}

/// Declares the card lost, stolen or damaged: blocked at once, a duplicate requested. Answers the new progress.
pub async fn declare_card(declaration: CardDeclaration, lang: Lang) -> Result<Progress, ApiError> {
    http::send_json(http::Method::Post, "/card/declarations", Some(&declaration), lang).await
}

pub async fn advantages(lang: Lang) -> Result<AdvantagesBalance, ApiError> {
    http::send_json::<(), _>(http::Method::Get, "/advantages", None, lang).await
}

/// The communes of a postcode in the official list (empty when the list does not know it). `postal_code` is
/// already normalised (five digits), so it needs no escaping in the path.
pub async fn postal_code_communes(
    postal_code: &str,
    lang: Lang,
) -> Result<passregion_core::api::PostalCodeCommunes, ApiError> {
    http::send_json::<(), _>(http::Method::Get, &format!("/postal-codes/{postal_code}/communes"), None, lang).await
}

pub async fn my_details(lang: Lang) -> Result<MyDetails, ApiError> {
    http::send_json::<(), _>(http::Method::Get, "/me", None, lang).await
}

pub async fn update_details(update: DetailsUpdate, lang: Lang) -> Result<MyDetails, ApiError> {
    http::send_json(http::Method::Put, "/me", Some(&update), lang).await
}

/// Asks to change the email address: a link goes to the new one; answers the details with `pending_email`.
pub async fn change_email(request: EmailChangeRequest, lang: Lang) -> Result<MyDetails, ApiError> {
    http::send_json(http::Method::Post, "/me/email", Some(&request), lang).await
}

pub async fn confirm_email(token: String, lang: Lang) -> Result<(), ApiError> {
    http::send_empty(http::Method::Post, "/me/email/confirm", Some(&TokenRequest { token }), lang).await
}

/// Every other session ends on the server.
pub async fn change_password(change: PasswordChange, lang: Lang) -> Result<(), ApiError> {
    http::send_empty(http::Method::Post, "/me/password", Some(&change), lang).await
}
