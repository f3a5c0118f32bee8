//! A lost password (by dossier number or email: a one-hour single-use link) and a lost dossier number (by email:
//! the numbers are emailed). Every request gets the same answer whether or not anything matched.

use crate::client::ClientIp;
use crate::extract::ApiJson;
use crate::lang::Lang;
use crate::limits::Limit;
use crate::outbox;
use crate::problem::ApiError;
use crate::secrets;
use crate::state::AppState;
use crate::store::accounts::{self, ResetRefusal};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use passregion_core::api::problem_code;
use passregion_core::space::{Accepted, DossierReminderRequest, PasswordResetConfirm, PasswordResetRequest};

pub const RESET_TTL_SECS: i64 = 3600;

fn accepted(lang: Lang, fr: &str, en: &str) -> (StatusCode, Json<Accepted>) {
    (StatusCode::ACCEPTED, Json(Accepted { message: if lang == Lang::En { en } else { fr }.to_string() }))
}

fn normalised_email(raw: &str) -> String {
    passregion_core::rules::email::normalize_email(raw.trim()).unwrap_or_else(|_| raw.trim().to_string())
}

/// `POST /password-resets`.
pub async fn request_reset(
    State(state): State<AppState>,
    client: ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<PasswordResetRequest>,
) -> Result<(StatusCode, Json<Accepted>), ApiError> {
    let lang = Lang::from_headers(&headers);
    enum By {
        Dossier(String),
        Email(String),
    }
    let by = match (req.dossier_number.as_deref().map(str::trim), req.email.as_deref().map(str::trim)) {
        (Some(n), None) if !n.is_empty() => By::Dossier(passregion_core::dossier::normalize(n)),
        (None, Some(e)) if !e.is_empty() => By::Email(normalised_email(e)),
        _ => return Err(ApiError::malformed("send either `dossier_number` or `email`")),
    };
    state.limiter.check(Limit::RecoveryPerIp, &client.key())?;
    state.limiter.check(
        Limit::RecoveryPerTarget,
        match &by {
            By::Dossier(n) | By::Email(n) => n,
        },
    )?;
    let (now, public_url, keep) = (state.clock.now(), state.config.public_url.clone(), state.outbox_keeps());
    state
        .store
        .write(move |conn| {
            let holder = match &by {
                By::Dossier(n) => accounts::activated_by_dossier(conn, n)?,
                // With several dossiers on one address, the newest activated one (the one in use this year).
                By::Email(e) => accounts::dossiers_of_email(conn, e)?
                    .into_iter()
                    .find(|h| accounts::activated_by_dossier(conn, &h.dossier_number).ok().flatten().is_some()),
            };
            let Some(h) = holder else { return Ok(()) };
            let token = accounts::issue_reset_token(conn, h.application_id, now, now + RESET_TTL_SECS)?;
            let mail = outbox::password_reset_email(
                &h.email,
                &h.first_name,
                &h.dossier_number,
                &outbox::reset_link(&public_url, &token),
            );
            outbox::record(conn, &mail, keep, now)?;
            Ok(())
        })
        .await?;
    Ok(accepted(
        lang,
        "Si un compte correspond, un lien pour changer ton mot de passe vient d'être envoyé à son adresse e-mail. Il est valable 1 heure.",
        "If an account matches, a link to change your password has just been sent to its email address. It is valid for 1 hour.",
    ))
}

/// `POST /password-resets/confirm`: the new password, with the same rules as the application.
pub async fn confirm_reset(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<PasswordResetConfirm>,
) -> Result<StatusCode, ApiError> {
    let token = req.token.trim().to_ascii_lowercase();
    let now = state.clock.now();
    let t = token.clone();
    let target = state.store.read(move |conn| Ok(accounts::reset_target(conn, &t, now)?)).await?;
    let holder = target.map_err(|why| match why {
        ResetRefusal::Unknown => ApiError::new(StatusCode::NOT_FOUND, problem_code::RESET_UNKNOWN),
        ResetRefusal::Expired => ApiError::new(StatusCode::GONE, problem_code::RESET_EXPIRED),
        ResetRefusal::Used => ApiError::new(StatusCode::CONFLICT, problem_code::RESET_USED),
    })?;
    if let Err(code) = passregion_core::rules::password::validate_password(&req.password) {
        return Err(ApiError::validation(vec![("password".into(), code.as_str().into())]));
    }
    let password = req.password;
    let hash = state.heavy.run(move || secrets::hash_password(&password)).await?.map_err(ApiError::internal)?;
    let keep = state.outbox_keeps();
    state
        .store
        .write(move |conn| {
            let h = accounts::complete_reset(conn, &token, &hash, now)?;
            outbox::record(conn, &outbox::password_changed_email(&h.email, &holder.first_name), keep, now)?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /dossier-reminders`: the dossier numbers applied for with this address, emailed to it.
pub async fn remind_dossier(
    State(state): State<AppState>,
    client: ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<DossierReminderRequest>,
) -> Result<(StatusCode, Json<Accepted>), ApiError> {
    let lang = Lang::from_headers(&headers);
    if req.email.trim().is_empty() {
        return Err(ApiError::validation(vec![("email".into(), passregion_core::ErrorCode::Required.as_str().into())]));
    }
    let email = normalised_email(&req.email);
    state.limiter.check(Limit::RecoveryPerIp, &client.key())?;
    state.limiter.check(Limit::RecoveryPerTarget, &email)?;
    let (now, keep) = (state.clock.now(), state.outbox_keeps());
    state
        .store
        .write(move |conn| {
            let found = accounts::dossiers_of_email(conn, &email)?;
            if let Some(first) = found.first() {
                let numbers: Vec<String> = found.iter().map(|h| h.dossier_number.clone()).collect();
                outbox::record(
                    conn,
                    &outbox::dossier_reminder_email(&first.email, &first.first_name, &numbers),
                    keep,
                    now,
                )?;
            }
            Ok(())
        })
        .await?;
    Ok(accepted(
        lang,
        "Si des demandes ont été faites avec cette adresse, leurs numéros de dossier viennent d'y être envoyés.",
        "If applications were made with this address, their dossier numbers have just been sent to it.",
    ))
}
