//! `POST /applications`: multipart (JSON part `application`, file part `photo`), idempotent by the
//! `Idempotency-Key` header. Everything is checked before anything is stored, and everything is stored in one
//! transaction.

use crate::outbox;
use crate::photo_check::{self, CheckedPhoto};
use crate::problem::ApiError;
use crate::secrets;
use crate::state::AppState;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use passregion_core::api::{ApplicationCreated, ApplicationRequest, IDEMPOTENCY_HEADER, field, problem_code};
use passregion_core::{Date, ErrorCode, application::normalize_application, rules::uai::normalize_uai};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

pub const ACTIVATION_TTL_SECS: i64 = 24 * 3600;
const MAX_KEY_CHARS: usize = 200;

/// "el****@gmail.com": enough for the person to recognise their address, not enough to harvest it.
pub fn mask_email(email: &str) -> String {
    let (local, domain) = email.rsplit_once('@').unwrap_or((email, ""));
    let keep: String = local.chars().take(if local.chars().count() > 2 { 2 } else { 1 }).collect();
    format!("{keep}****@{domain}")
}

fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let missing = || ApiError::new(StatusCode::BAD_REQUEST, problem_code::IDEMPOTENCY_KEY_MISSING);
    let raw = headers.get(IDEMPOTENCY_HEADER).ok_or_else(missing)?;
    let key = raw.to_str().map_err(|_| missing().detail("the key must be visible ASCII"))?.trim();
    if key.is_empty() {
        return Err(missing());
    }
    if key.len() > MAX_KEY_CHARS || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(missing().detail(format!("the key must be 1 to {MAX_KEY_CHARS} visible ASCII characters")));
    }
    Ok(key.to_string())
}

/// The two parts, read from the multipart body; unknown or repeated parts are refused.
async fn read_parts(state: &AppState, req: Request) -> Result<(Option<Vec<u8>>, Option<Vec<u8>>), ApiError> {
    let mut multipart = Multipart::from_request(req, state).await.map_err(|e| ApiError::malformed(e.body_text()))?;
    let (mut application, mut photo) = (None, None);
    let read_error = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE || crate::problem::is_length_limit(&e) {
            ApiError::too_large()
        } else {
            ApiError::malformed(e.body_text())
        }
    };
    while let Some(part) = multipart.next_field().await.map_err(read_error)? {
        let name = part.name().unwrap_or("").to_string();
        let slot = match name.as_str() {
            "application" => &mut application,
            "photo" => &mut photo,
            other => return Err(ApiError::malformed(format!("unexpected part {other:?}: only application and photo"))),
        };
        if slot.is_some() {
            return Err(ApiError::malformed(format!("part {name:?} sent twice")));
        }
        *slot = Some(part.bytes().await.map_err(read_error)?.to_vec());
    }
    Ok((application, photo))
}

enum Stored {
    Created(ApplicationCreated),
    Replayed(ApplicationCreated),
}

pub async fn create(State(state): State<AppState>, req: Request) -> Result<Response, ApiError> {
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !content_type.to_ascii_lowercase().starts_with("multipart/form-data") {
        return Err(ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, problem_code::UNSUPPORTED_MEDIA_TYPE)
            .detail("send multipart/form-data with an `application` JSON part and a `photo` part"));
    }
    let key = idempotency_key(req.headers())?;
    let (application, photo) = read_parts(&state, req).await?;

    let Some(application) = application else {
        return Err(ApiError::malformed("the `application` part is missing").field("application", ErrorCode::Required.as_str()));
    };
    let request: ApplicationRequest =
        serde_json::from_slice(&application).map_err(|e| ApiError::malformed(format!("application: {e}")))?;
    let photo = photo.unwrap_or_default();
    // The fingerprint covers the request as parsed (key order and spacing do not matter) and the photo's bytes.
    let canonical = serde_json::to_vec(&request).map_err(ApiError::internal)?;
    let request_hash = secrets::digest(&[&canonical, &photo]);

    // A retry (same key) is answered from the record, whatever the calendar says now.
    let lookup_key = key.clone();
    let lookup_hash = request_hash.clone();
    if let Some(previous) = state.db(move |conn| replay(conn, &lookup_key, &lookup_hash)).await? {
        return Ok(respond(Stored::Replayed(previous)));
    }

    let today = Date::parse_iso(&state.clock.today()).ok_or_else(|| ApiError::internal("clock out of range"))?;
    let mut issues: Vec<(String, String)> = Vec::new();
    let normalised = match normalize_application(&request, &state.campaign, today) {
        Ok(n) => Some(n),
        Err(list) => {
            issues.extend(list.iter().map(|(f, c)| (f.to_string(), c.as_str().to_string())));
            None
        }
    };
    let checked_photo = match photo_check::check(&photo) {
        Ok(p) => Some(p),
        Err(code) => {
            issues.push((field::PHOTO.to_string(), code));
            None
        }
    };
    if let Some(issue) = database_issue(&state, &request.schooling, &issues).await? {
        issues.push(issue);
    }
    if !issues.is_empty() {
        let campaign_shut = issues.iter().any(|(f, c)| {
            f == field::CAMPAIGN_ID
                && (c == ErrorCode::CampaignClosed.as_str() || c == ErrorCode::CampaignNotOpen.as_str())
        });
        let mut err = ApiError::validation(issues);
        if campaign_shut {
            err.code = problem_code::CAMPAIGN_CLOSED;
        }
        return Err(err);
    }
    let (Some(normalised), Some(checked_photo)) = (normalised, checked_photo) else {
        return Err(ApiError::internal("valid request without values"));
    };

    let password = normalised.identity.password.clone();
    let password_hash = tokio::task::spawn_blocking(move || secrets::hash_password(&password))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let now = state.clock.now();
    let public_url = state.config.public_url.clone();
    let stored = state
        .db(move |conn| {
            store(conn, NewApplication { key, request_hash, normalised, password_hash, photo, checked_photo, now, public_url })
        })
        .await?;
    Ok(respond(stored))
}

/// What only the database knows: whether the establishment exists and offers the stream. Skipped for a field
/// that already has an issue.
async fn database_issue(
    state: &AppState,
    schooling: &passregion_core::api::Schooling,
    issues: &[(String, String)],
) -> Result<Option<(String, String)>, ApiError> {
    let has_issue = |f: &str| issues.iter().any(|(x, _)| x == f);
    if has_issue(field::UAI) {
        return Ok(None);
    }
    let Ok(uai) = normalize_uai(&schooling.uai) else { return Ok(None) };
    let stream = schooling.stream_code.trim().to_string();
    let check_stream = !has_issue(field::STREAM_CODE);
    let found = state
        .db(move |conn| {
            if crate::routes::establishments::find(conn, &uai)?.is_none() {
                return Ok(Some((field::UAI, ErrorCode::EstablishmentUnknown)));
            }
            if check_stream && !crate::routes::establishments::offers(conn, &uai, &stream)? {
                return Ok(Some((field::STREAM_CODE, ErrorCode::StreamUnknown)));
            }
            Ok(None)
        })
        .await?;
    Ok(found.map(|(f, c)| (f.to_string(), c.as_str().to_string())))
}

fn respond(stored: Stored) -> Response {
    let (status, body, replayed) = match stored {
        Stored::Created(b) => (StatusCode::CREATED, b, false),
        Stored::Replayed(b) => (StatusCode::OK, b, true),
    };
    let mut res = (status, axum::Json(body)).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if replayed {
        res.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    res
}

/// The recorded answer for `key` if the same request was already accepted; 422 if the key served another one.
fn replay(conn: &Connection, key: &str, request_hash: &str) -> Result<Option<ApplicationCreated>, ApiError> {
    let row: Option<(String, String)> = conn
        .query_row("SELECT request_hash, response_json FROM idempotency_keys WHERE key = ?1", [key], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    match row {
        None => Ok(None),
        Some((hash, _)) if hash != request_hash => {
            Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, problem_code::IDEMPOTENCY_KEY_REUSED))
        }
        Some((_, json)) => serde_json::from_str(&json).map(Some).map_err(ApiError::internal),
    }
}

struct NewApplication {
    key: String,
    request_hash: String,
    normalised: ApplicationRequest,
    password_hash: String,
    photo: Vec<u8>,
    checked_photo: CheckedPhoto,
    now: i64,
    public_url: String,
}

fn store(conn: &mut Connection, a: NewApplication) -> Result<Stored, ApiError> {
    // IMMEDIATE takes the write lock at once: two requests with the same key cannot both pass the check below.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Some(previous) = replay(&tx, &a.key, &a.request_hash)? {
        return Ok(Stored::Replayed(previous));
    }
    let mut without_password = a.normalised.clone();
    without_password.identity.password = String::new();
    let request_json = serde_json::to_string(&without_password).map_err(ApiError::internal)?;
    let email = a.normalised.identity.email.clone();

    let mut attempt = 0;
    let (id, dossier_number) = loop {
        let number = passregion_core::dossier::with_check_digit(&secrets::dossier_body())
            .ok_or_else(|| ApiError::internal("dossier number"))?;
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO applications (dossier_number, campaign_id, email, password_hash, request_json, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![number, a.normalised.campaign_id, email, a.password_hash, request_json, a.now],
        )?;
        if inserted == 1 {
            break (tx.last_insert_rowid(), number);
        }
        attempt += 1;
        if attempt > 20 {
            return Err(ApiError::internal("no free dossier number"));
        }
    };
    tx.execute(
        "INSERT INTO photos (application_id, media_type, width, height, bytes) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, a.checked_photo.media_type, a.checked_photo.width, a.checked_photo.height, a.photo],
    )?;
    let token = secrets::new_token();
    let expires_at = a.now + ACTIVATION_TTL_SECS;
    tx.execute(
        "INSERT INTO activation_tokens (token_hash, application_id, expires_at) VALUES (?1, ?2, ?3)",
        params![secrets::digest(&[token.as_bytes()]), id, expires_at],
    )?;
    let link = outbox::activation_link(&a.public_url, &token);
    outbox::send_activation(&tx, &email, &a.normalised.identity.first_name, &dossier_number, &link, a.now)?;
    let created = ApplicationCreated {
        dossier_number,
        masked_email: mask_email(&email),
        created_at: crate::clock::rfc3339(a.now),
        activation_expires_at: crate::clock::rfc3339(expires_at),
    };
    tx.execute(
        "INSERT INTO idempotency_keys (key, request_hash, application_id, response_json, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![a.key, a.request_hash, id, serde_json::to_string(&created).map_err(ApiError::internal)?, a.now],
    )?;
    tx.commit()?;
    Ok(Stored::Created(created))
}

#[cfg(test)]
mod tests {
    #[test]
    fn masks_emails() {
        assert_eq!(super::mask_email("elise.martin@gmail.com"), "el****@gmail.com");
        assert_eq!(super::mask_email("jo@free.fr"), "j****@free.fr");
    }
}
