//! The guardian's consent page: read the request behind a link, give the consent, ask for a new link. The token
//! comes from the link's fragment, in the body, never in a URL.

use crate::client::ClientIp;
use crate::extract::ApiJson;
use crate::lang::Lang;
use crate::limits::Limit;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::store::guardian::{self as store, ResendBy};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use passregion_core::api::problem_code;
use passregion_core::guardian::{ConsentToken, DevReminderSweep, ResendConsent};
use passregion_core::space::Accepted;

/// Tokens are 64 hex characters; anything else is unknown without touching the database.
fn token_of(raw: &str) -> Result<String, ApiError> {
    let token = raw.trim().to_ascii_lowercase();
    if token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(token)
    } else {
        Err(ApiError::new(StatusCode::NOT_FOUND, problem_code::GUARDIAN_CONSENT_UNKNOWN))
    }
}

/// Names a person: never kept by a cache.
fn private(body: impl serde::Serialize) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

/// `POST /guardian-consents/lookup`: the guardian's name and the link's expiry, nothing about the child.
pub async fn lookup(
    State(state): State<AppState>,
    client: ClientIp,
    ApiJson(req): ApiJson<ConsentToken>,
) -> Result<Response, ApiError> {
    state.limiter.check(Limit::GuardianLinkPerIp, &client.key())?;
    let token = token_of(&req.token)?;
    let now = state.clock.now();
    Ok(private(state.store.read(move |conn| store::lookup(conn, &token, now)).await?))
}

/// `POST /guardian-consents/confirm`: the guardian agrees.
pub async fn confirm(
    State(state): State<AppState>,
    client: ClientIp,
    ApiJson(req): ApiJson<ConsentToken>,
) -> Result<Response, ApiError> {
    state.limiter.check(Limit::GuardianLinkPerIp, &client.key())?;
    let token = token_of(&req.token)?;
    let now = state.clock.now();
    Ok(private(state.store.write(move |conn| store::confirm(conn, &token, now)).await?))
}

fn accepted(lang: Lang) -> (StatusCode, Json<Accepted>) {
    let message = match lang {
        Lang::Fr => {
            "Si une demande attend l'accord d'un représentant légal, un nouveau lien vient de lui être envoyé. Il est valable 7 jours."
        }
        Lang::En => {
            "If an application is waiting for a legal guardian's consent, a new link has just been sent to them. It is valid for 7 days."
        }
    };
    (StatusCode::ACCEPTED, Json(Accepted { message: message.into() }))
}

/// `POST /guardian-consents/resend`: by a link's token or a dossier number. The same answer whatever matched; the
/// limits count every request, so a 429 tells nothing either.
pub async fn resend(
    State(state): State<AppState>,
    client: ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ResendConsent>,
) -> Result<(StatusCode, Json<Accepted>), ApiError> {
    let lang = Lang::from_headers(&headers);
    let by = match (req.token.as_deref().map(str::trim), req.dossier_number.as_deref().map(str::trim)) {
        (Some(t), None) if !t.is_empty() => match token_of(t) {
            Ok(t) => ResendBy::Token(t),
            Err(_) => {
                state.limiter.check(Limit::ResendPerIp, &client.key())?;
                return Ok(accepted(lang));
            }
        },
        (None, Some(n)) if !n.is_empty() => ResendBy::DossierNumber(passregion_core::dossier::normalize(n)),
        _ => return Err(ApiError::malformed("send either `token` or `dossier_number`")),
    };
    state.limiter.check(Limit::ResendPerIp, &client.key())?;
    if let ResendBy::DossierNumber(n) = &by {
        state.limiter.check(Limit::GuardianResendPerDossier, n)?;
    }
    let (now, public_url, keep, limiter) =
        (state.clock.now(), state.config.public_url.clone(), state.outbox_keeps(), state.limiter.clone());
    let by_token = matches!(by, ResendBy::Token(_));
    state
        .store
        .write(move |conn| {
            store::resend(conn, &by, now, &public_url, keep, |number| {
                // By number the dossier was counted above; by token, once found.
                if by_token { limiter.check(Limit::GuardianResendPerDossier, number) } else { Ok(()) }
            })
        })
        .await?;
    Ok(accepted(lang))
}

/// Sends the reminders that are due (a background task calls this every few minutes).
pub async fn send_due_reminders(state: &AppState) -> Result<usize, ApiError> {
    let (now, public_url, keep) = (state.clock.now(), state.config.public_url.clone(), state.outbox_keeps());
    state.store.write(move |conn| store::send_due_reminders(conn, now, &public_url, keep)).await
}

/// `--dev` only: `POST /dev/dossiers/{number}/guardian-reminder`, for a demo or a test that cannot wait 3 days: the
/// guardian's 3 days are made up for this dossier, then the regular sweep runs at once, in the same transaction
/// as what the background task does. A second call sends nothing: one reminder per dossier, as in production.
pub async fn dev_reminder(
    State(state): State<AppState>,
    axum::extract::Path(number): axum::extract::Path<String>,
) -> Result<Json<DevReminderSweep>, ApiError> {
    if !state.config.dev {
        return Err(ApiError::not_found());
    }
    let number = passregion_core::dossier::normalize(&number);
    let (now, public_url, keep) = (state.clock.now(), state.config.public_url.clone(), state.outbox_keeps());
    let sent = state
        .store
        .write(move |conn| {
            let dossier = crate::store::dossiers::by_number(conn, &number)?.ok_or_else(ApiError::not_found)?;
            if !store::dev_make_reminder_due(conn, dossier.application_id)? {
                return Err(ApiError::not_found().detail("no guardian consent pending for this dossier"));
            }
            store::send_due_reminders(conn, now, &public_url, keep)
        })
        .await?;
    Ok(Json(DevReminderSweep { reminders_sent: sent as u32 }))
}
