//! `POST /applications`: multipart (JSON part `application`, file part `photo`), idempotent by the
//! `Idempotency-Key` header. Everything is checked before anything is stored, and everything is stored in one
//! transaction.

use crate::client::ClientIp;
use crate::limits::Limit;
use crate::photo_check;
use crate::problem::ApiError;
use crate::secrets;
use crate::state::AppState;
use crate::store::applications::{self as store, NewApplication, Stored};
use crate::store::reference;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use passregion_core::api::{ApplicationRequest, IDEMPOTENCY_HEADER, field, problem_code};
use passregion_core::{Date, ErrorCode, application::normalize_application, rules::uai::normalize_uai};

const MAX_KEY_CHARS: usize = 200;

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

/// The request's fingerprint for idempotency: everything but the password, as the client computes it. Leaving the
/// password out means a copy of the database gives no fast way to test password guesses, and a retry after a
/// reload (where the password was typed again, maybe differently) is recognised as the same request.
fn fingerprint(request: &ApplicationRequest, photo: &[u8]) -> Result<String, ApiError> {
    let mut without_password = request.clone();
    without_password.identity.password = String::new();
    // As parsed, so key order and spacing do not matter.
    let canonical = serde_json::to_vec(&without_password).map_err(ApiError::internal)?;
    Ok(secrets::digest(&[&canonical, photo]))
}

pub async fn create(State(state): State<AppState>, client: ClientIp, req: Request) -> Result<Response, ApiError> {
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !content_type.to_ascii_lowercase().starts_with("multipart/form-data") {
        return Err(ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, problem_code::UNSUPPORTED_MEDIA_TYPE)
            .detail("send multipart/form-data with an `application` JSON part and a `photo` part"));
    }
    let key = idempotency_key(req.headers())?;
    let (application, photo) = read_parts(&state, req).await?;

    let Some(application) = application else {
        return Err(
            ApiError::malformed("the `application` part is missing").field("application", ErrorCode::Required.as_str())
        );
    };
    let request: ApplicationRequest =
        serde_json::from_slice(&application).map_err(|e| ApiError::malformed(format!("application: {e}")))?;
    let photo = photo.unwrap_or_default();
    let request_hash = fingerprint(&request, &photo)?;

    // A retry (same key) is answered from the record, whatever the calendar or the limits say now.
    let (lookup_key, lookup_hash, now) = (key.clone(), request_hash.clone(), state.clock.now());
    if let Some(previous) = state.store.read(move |conn| store::replay(conn, &lookup_key, &lookup_hash, now)).await? {
        return Ok(respond(Stored::Replayed(previous)));
    }
    state.limiter.check(Limit::ApplicationPerIp, &client.key())?;

    let today = Date::parse_iso(&state.clock.today()).ok_or_else(|| ApiError::internal("clock out of range"))?;
    let mut issues: Vec<(String, String)> = Vec::new();
    let normalised = match normalize_application(&request, &state.campaign, today) {
        Ok(n) => Some(n),
        Err(list) => {
            issues.extend(list.iter().map(|(f, c)| (f.to_string(), crate::messages::issue_key(*c))));
            None
        }
    };
    // The commune against the official postcode list; stored as the list writes it.
    let listed_commune = match crate::communes::official().check(&request.contact.address) {
        Some(Ok(commune)) => Some(commune),
        Some(Err((f, c))) => {
            issues.push((f.to_string(), crate::messages::issue_key(c)));
            None
        }
        None => None,
    };
    // The structure walk is cheap and refuses hostile files at once; decoding and re-encoding is the costly part, on
    // the blocking pool, a bounded number at once.
    let checked_photo = match photo_check::walk(photo) {
        Ok(walked) => match state.heavy.run(move || walked.reencode()).await? {
            Ok(p) => Some(p),
            Err(code) => {
                issues.push((field::PHOTO.to_string(), code));
                None
            }
        },
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
    let (Some(mut normalised), Some(checked_photo)) = (normalised, checked_photo) else {
        return Err(ApiError::internal("valid request without values"));
    };
    if let Some(commune) = listed_commune {
        normalised.contact.address.commune = commune;
    }

    // Each accepted application sends an email: no address gets more than a few a day from here.
    state.limiter.check(Limit::ApplicationPerEmail, &normalised.identity.email)?;

    let password = normalised.identity.password.clone();
    let password_hash =
        state.heavy.run(move || secrets::hash_password(&password)).await?.map_err(ApiError::internal)?;
    let new = NewApplication {
        key,
        request_hash,
        request: normalised,
        password_hash,
        photo: checked_photo.jpeg,
        photo_width: checked_photo.width,
        photo_height: checked_photo.height,
        now: state.clock.now(),
        public_url: state.config.public_url.clone(),
        keep: state.outbox_keeps(),
    };
    let stored = state.store.write(move |conn| store::create(conn, new)).await?;
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
        .store
        .read(move |conn| {
            if reference::find_establishment(conn, &uai)?.is_none() {
                return Ok(Some((field::UAI, ErrorCode::EstablishmentUnknown)));
            }
            if check_stream && !reference::offers(conn, &uai, &stream)? {
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
