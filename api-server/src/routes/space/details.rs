//! "Mes informations": phone, postal address and opt-ins changed directly; the email address only once the new one
//! is confirmed (a link valid 24 hours, a notice to the old one); the password with the current one. Names and birth
//! date are shown read-only: they come from the ID document and are corrected through the establishment.

use super::session;
use crate::outbox;
use crate::problem::ApiError;
use crate::secrets;
use crate::state::AppState;
use crate::store::accounts::{self, ResetRefusal};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use passregion_core::api::{Contact, problem_code};
use passregion_core::space::{DetailsUpdate, EmailChangeRequest, MyDetails, PasswordChange, TokenRequest};

pub const EMAIL_CHANGE_TTL_SECS: i64 = 24 * 3600;

/// The contact details through the application's rules, with the same field paths: the format rules, then the
/// commune against its postcode's in the official list (stored as the list writes it; kept as typed when marked
/// `commune_not_listed`), exactly as `POST /applications` checks them.
pub fn checked_contact(c: &Contact) -> Result<Contact, ApiError> {
    let issue = |(f, code): (&str, passregion_core::ErrorCode)| (f.to_string(), crate::messages::issue_key(code));
    let mut issues: Vec<(String, String)> = Vec::new();
    let normalised = passregion_core::application::normalize_contact(c)
        .map_err(|list| issues.extend(list.iter().map(|(f, code)| issue((f, *code)))))
        .ok();
    let listed = match crate::communes::official().check(&c.address) {
        Some(Ok(commune)) => Some(commune),
        Some(Err((f, code))) => {
            issues.push(issue((f, code)));
            None
        }
        None => None,
    };
    match normalised {
        Some(mut contact) if issues.is_empty() => {
            if let Some(commune) = listed {
                contact.address.commune = commune;
            }
            Ok(contact)
        }
        _ => Err(ApiError::validation(issues)),
    }
}

async fn details(state: &AppState, id: i64) -> Result<MyDetails, ApiError> {
    let now = state.clock.now();
    state
        .store
        .read(move |conn| {
            let r = accounts::request(conn, id)?;
            Ok(MyDetails {
                civility: r.identity.civility,
                last_name: r.identity.last_name,
                first_name: r.identity.first_name,
                birth_date: r.identity.birth_date,
                email: r.identity.email,
                pending_email: accounts::pending_email(conn, id, now)?,
                mobile_phone: r.contact.mobile_phone,
                address: r.contact.address,
                consents: r.consents,
                send_to_establishment: r.delivery.send_to_establishment,
            })
        })
        .await
}

/// `GET /me`.
pub async fn get(State(state): State<AppState>, headers: HeaderMap) -> Result<Json<MyDetails>, ApiError> {
    let (live, _) = session::require(&state, &headers, true).await?;
    Ok(Json(details(&state, live.application_id).await?))
}

/// `PUT /me`: phone, address and the two opt-ins.
pub async fn put(
    State(state): State<AppState>,
    headers: HeaderMap,
    crate::extract::ApiJson(req): crate::extract::ApiJson<DetailsUpdate>,
) -> Result<Json<MyDetails>, ApiError> {
    let (live, _) = session::require(&state, &headers, true).await?;
    let contact = checked_contact(&Contact { mobile_phone: req.mobile_phone, address: req.address })?;
    let id = live.application_id;
    state
        .store
        .write(move |conn| {
            let mut r = accounts::request(conn, id)?;
            r.contact = contact;
            r.consents = req.consents;
            accounts::save_request(conn, id, &r)
        })
        .await?;
    Ok(Json(details(&state, id).await?))
}

/// `POST /me/email`: a confirmation link to the new address, a notice to the current one.
pub async fn change_email(
    State(state): State<AppState>,
    headers: HeaderMap,
    crate::extract::ApiJson(req): crate::extract::ApiJson<EmailChangeRequest>,
) -> Result<(StatusCode, Json<MyDetails>), ApiError> {
    let (live, _) = session::require(&state, &headers, true).await?;
    let new_email = passregion_core::rules::email::normalize_email(&req.new_email)
        .map_err(|code| ApiError::validation(vec![("new_email".into(), crate::messages::issue_key(code))]))?;
    session::reauthenticate(&state, live.application_id, req.current_password).await?;
    let (id, now, keep, public_url) =
        (live.application_id, state.clock.now(), state.outbox_keeps(), state.config.public_url.clone());
    state
        .store
        .write(move |conn| {
            let r = accounts::request(conn, id)?;
            let token = accounts::issue_email_change(conn, id, &new_email, now + EMAIL_CHANGE_TTL_SECS)?;
            let link = outbox::email_change_link(&public_url, &token);
            outbox::record(
                conn,
                &outbox::email_change_confirm_email(&new_email, &r.identity.first_name, &link),
                keep,
                now,
            )?;
            outbox::record(
                conn,
                &outbox::email_change_notice(&r.identity.email, &r.identity.first_name, &new_email),
                keep,
                now,
            )?;
            Ok(())
        })
        .await?;
    Ok((StatusCode::ACCEPTED, Json(details(&state, id).await?)))
}

/// `POST /me/email/confirm`: the link from the new address's mailbox. No session needed: it may be opened on a
/// phone; holding the link proves the mailbox.
pub async fn confirm_email(
    State(state): State<AppState>,
    crate::extract::ApiJson(req): crate::extract::ApiJson<TokenRequest>,
) -> Result<StatusCode, ApiError> {
    let token = req.token.trim().to_ascii_lowercase();
    let now = state.clock.now();
    state
        .store
        .write(move |conn| {
            let tx = conn.transaction()?;
            let (id, new_email) = accounts::email_change(&tx, &token, now)?.map_err(|why| match why {
                ResetRefusal::Unknown => ApiError::new(StatusCode::NOT_FOUND, problem_code::EMAIL_CHANGE_UNKNOWN),
                ResetRefusal::Expired => ApiError::new(StatusCode::GONE, problem_code::EMAIL_CHANGE_EXPIRED),
                ResetRefusal::Used => ApiError::new(StatusCode::CONFLICT, problem_code::EMAIL_CHANGE_USED),
            })?;
            let mut r = accounts::request(&tx, id)?;
            r.identity.email = new_email;
            accounts::save_request(&tx, id, &r)?;
            accounts::mark_email_change_used(&tx, &token, now)?;
            tx.commit()?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}

/// `POST /me/password`: the current password, then the new one with the application's rules; every other session
/// ends and a notice is sent.
pub async fn change_password(
    State(state): State<AppState>,
    headers: HeaderMap,
    crate::extract::ApiJson(req): crate::extract::ApiJson<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    let (live, _) = session::require(&state, &headers, true).await?;
    passregion_core::rules::password::validate_password(&req.new_password)
        .map_err(|code| ApiError::validation(vec![("new_password".into(), code.as_str().into())]))?;
    session::reauthenticate(&state, live.application_id, req.current_password).await?;
    let password = req.new_password;
    let hash = state.heavy.run(move || secrets::hash_password(&password)).await?.map_err(ApiError::internal)?;
    let current = session::cookie_value(&state, &headers);
    let (id, now, keep) = (live.application_id, state.clock.now(), state.outbox_keeps());
    state
        .store
        .write(move |conn| {
            let tx = conn.transaction()?;
            accounts::set_password_hash(&tx, id, &hash)?;
            accounts::close_all_sessions(&tx, id, current.as_deref())?;
            let r = accounts::request(&tx, id)?;
            outbox::record(&tx, &outbox::password_changed_email(&r.identity.email, &r.identity.first_name), keep, now)?;
            tx.commit()?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}
