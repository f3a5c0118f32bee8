//! The router: API routes under `/api/v1`, the dev outbox, the built app for everything else.

pub mod activations;
pub mod applications;
pub mod campaign;
pub mod communes;
pub mod dev;
pub mod establishments;
pub mod guardian;
pub mod handoff;
pub mod paging;
pub mod photo_upload;
pub mod space;
pub mod streams;

use crate::problem::{self, ApiError};
use crate::state::AppState;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::routing::{get, post};
use passregion_core::api::{MAX_REQUEST_BYTES, problem_code};
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// How long one request may take, body included, before the server gives up on it (a client trickling its
/// upload byte by byte holds a connection, not a thread, but should not hold it for ever).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Public reference data: a cache may keep it but must check it is still current.
fn reference() -> Router<AppState> {
    Router::new()
        .route("/campaign", get(campaign::get_campaign))
        .route("/charter", get(campaign::get_charter))
        .route("/establishments", get(establishments::search))
        .route("/establishments/{uai}", get(establishments::get_one))
        .route("/establishments/{uai}/streams", get(establishments::streams_of))
        .route("/streams", get(streams::search))
        .route("/postal-codes/{postal_code}/communes", get(communes::of_postal_code))
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
}

fn api() -> Router<AppState> {
    reference()
        .route("/applications", post(applications::create))
        .route("/activations", post(activations::activate))
        .route("/activations/resend", post(activations::resend))
        .route("/guardian-consents/lookup", post(guardian::lookup))
        .route("/guardian-consents/confirm", post(guardian::confirm))
        .route("/guardian-consents/resend", post(guardian::resend))
        .route("/sessions", post(space::session::login))
        .route("/sessions/current", get(space::session::current).delete(space::session::logout))
        .route("/sessions/current/refresh", post(space::session::refresh))
        .route("/dossier", get(space::dossier::get))
        .route("/dossier/photo", axum::routing::put(space::dossier::put_photo))
        .route("/password-resets", post(space::recovery::request_reset))
        .route("/password-resets/confirm", post(space::recovery::confirm_reset))
        .route("/dossier-reminders", post(space::recovery::remind_dossier))
        .route("/secret-code", axum::routing::put(space::card::set_code))
        .route("/partner/checks", post(space::card::partner_check))
        .route("/card/declarations", post(space::card::declare))
        .route("/advantages", get(space::card::balance))
        .route("/me", get(space::details::get).put(space::details::put))
        .route("/me/email", post(space::details::change_email))
        .route("/me/email/confirm", post(space::details::confirm_email))
        .route("/me/password", post(space::details::change_password))
        .route("/dev/dossiers/{number}/uses", post(space::card::dev_use))
        .route("/handoffs", post(handoff::create))
        .route("/dossier/photo/handoffs", post(handoff::create_for_space))
        .route("/handoffs/claim", post(handoff::claim))
        .route("/handoffs/photo", axum::routing::put(handoff::put_photo))
        .route("/handoffs/{id}", get(handoff::status).delete(handoff::cancel))
        .route("/handoffs/{id}/photo", get(handoff::take_photo))
        .route("/dev/outbox", get(dev::outbox_json))
        .route("/dev/dossiers/{number}/events", post(space::dossier::dev_event))
        .route("/dev/dossiers/{number}/guardian-reminder", post(guardian::dev_reminder))
        .method_not_allowed_fallback(|| async {
            ApiError::new(StatusCode::METHOD_NOT_ALLOWED, problem_code::MALFORMED_REQUEST).detail("method not allowed")
        })
        .fallback(|| async { ApiError::not_found() })
        // Everything else may carry personal data (a dossier number, an email): never stored by any cache.
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(SetResponseHeaderLayer::if_not_present(header::VARY, HeaderValue::from_static("accept-language")))
}

pub fn router(state: AppState) -> Router {
    let dist = state.config.dist.clone();
    let mut app = Router::new()
        .nest("/api/v1", api())
        // Anything else under /api is an API 404, never the app's index.html.
        .route("/api", axum::routing::any(|| async { ApiError::not_found() }))
        .route("/api/{*rest}", axum::routing::any(|| async { ApiError::not_found() }))
        .route("/dev/outbox", get(dev::outbox_page))
        .fallback(move |req: Request| crate::static_files::serve(dist.clone(), req))
        .with_state(state)
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .layer(RequestBodyLimitLayer::new(MAX_REQUEST_BYTES))
        .layer(axum::middleware::from_fn(crate::origin::same_origin_only))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(axum::middleware::from_fn(problem::problem_for_plain_errors))
        .layer(axum::middleware::from_fn(problem::refuse_oversized))
        .layer(axum::middleware::from_fn(problem::localise));
    for (name, value) in crate::security::common_headers() {
        app = app.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    app.layer(CompressionLayer::new().gzip(true).br(true))
}
