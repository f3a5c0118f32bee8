//! `GET /dossier`: the logged-in person's dossier and where it stands; `PUT /dossier/photo`: a new photo when the
//! establishment refused the first, or for a duplicate card not yet validated (`status::new_photo_for`).

use super::session;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::store::dossiers::{self, DossierRow};
use crate::store::reference;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use passregion_core::Date;
use passregion_core::api::problem_code;
use passregion_core::space::{Dossier, SessionInfo};
use passregion_core::status::{self, Event, Status};
use rusqlite::Connection;

/// The dossier as the space shows it.
pub fn view(state: &AppState, conn: &Connection, d: &DossierRow, session: SessionInfo) -> Result<Dossier, ApiError> {
    let to_date = |secs: i64| passregion_core::date::paris_date(secs);
    let events = dossiers::events(conn, d, to_date)?;
    let today = to_date(state.clock.now());
    let closes = Date::parse_iso(&state.campaign.closes_on).ok_or_else(|| ApiError::internal("campaign dates"))?;
    let uai = &d.request.schooling.uai;
    let establishment =
        reference::find_establishment(conn, uai)?.ok_or_else(|| ApiError::internal("establishment gone"))?;
    let stream = reference::streams_of(conn, uai)?
        .into_iter()
        .find(|s| s.code == d.request.schooling.stream_code)
        .ok_or_else(|| ApiError::internal("stream gone"))?;
    let card = crate::store::card::current(conn, d.application_id)?;
    let code = crate::store::card::secret_code(conn, d.application_id)?;
    let mut progress = status::progress(&events, today, closes);
    if code.is_none() && progress.status != Status::CampaignClosed {
        progress.tasks.push(status::Task::SetSecretCode);
    }
    Ok(Dossier {
        dossier_number: d.dossier_number.clone(),
        first_name: d.request.identity.first_name.clone(),
        last_name: d.request.identity.last_name.clone(),
        establishment,
        stream,
        send_to_establishment: d.request.delivery.send_to_establishment,
        registered_on: to_date(d.created_at).to_iso(),
        progress,
        card: card.map(|c| passregion_core::space::CardView {
            number: c.number,
            blocked_on: c.blocked_at.map(|at| to_date(at).to_iso()),
            secret_code_set: code.is_some(),
            code_locked: code.as_ref().is_some_and(|(_, wrong)| *wrong >= super::card::MAX_WRONG_CODES),
        }),
        session,
    })
}

async fn load(state: &AppState, application_id: i64, session: SessionInfo) -> Result<Dossier, ApiError> {
    let st = state.clone();
    state
        .store
        .read(move |conn| {
            let d = dossiers::by_id(conn, application_id)?.ok_or_else(|| ApiError::internal("dossier gone"))?;
            view(&st, conn, &d, session)
        })
        .await
}

pub async fn get(State(state): State<AppState>, headers: HeaderMap) -> Result<Json<Dossier>, ApiError> {
    let (live, info) = session::require(&state, &headers, true).await?;
    Ok(Json(load(&state, live.application_id, info).await?))
}

/// Multipart with one part, `photo`; checked and re-encoded exactly like the application's.
pub async fn put_photo(State(state): State<AppState>, req: Request) -> Result<Json<Dossier>, ApiError> {
    let (live, info) = session::require(&state, req.headers(), true).await?;
    let checked = crate::routes::photo_upload::checked_photo(&state, req).await?;
    let (id, now, st) = (live.application_id, state.clock.now(), state.clone());
    state
        .store
        .write(move |conn| {
            let tx = conn.transaction()?;
            let d = dossiers::by_id(&tx, id)?.ok_or_else(|| ApiError::internal("dossier gone"))?;
            let today = passregion_core::date::paris_date(now);
            let current = view(&st, &tx, &d, info.clone())?;
            let Some(wanted) = status::new_photo_for(&current.progress) else {
                return Err(ApiError::new(StatusCode::CONFLICT, problem_code::PHOTO_NOT_REQUESTED));
            };
            dossiers::replace_photo(&tx, id, &checked.jpeg, checked.width, checked.height)?;
            // A refused photo goes back to the establishment; a duplicate's is checked with the duplicate request.
            if wanted == status::NewPhotoFor::Refused {
                dossiers::record_event(&tx, id, &Event::PhotoResent { on: today }, now)?;
            }
            let after = view(&st, &tx, &d, info)?;
            tx.commit()?;
            Ok(after)
        })
        .await
        .map(Json)
}

/// `--dev` only: the back office moves a dossier on (school validation, refused photo, card made, sent, handed
/// over), dated today or on the given day.
pub async fn dev_event(
    State(state): State<AppState>,
    axum::extract::Path(number): axum::extract::Path<String>,
    crate::extract::ApiJson(req): crate::extract::ApiJson<passregion_core::space::DevEventRequest>,
) -> Result<Json<passregion_core::status::Progress>, ApiError> {
    if !state.config.dev {
        return Err(ApiError::not_found());
    }
    let now = state.clock.now();
    let on = crate::routes::photo_upload::dev_day(req.on.as_deref(), now)?;
    let event = match req.kind.as_str() {
        "school_validated" => Event::SchoolValidated { on },
        "photo_refused" => Event::PhotoRefused {
            on,
            reason: req
                .reason
                .filter(|r| !r.trim().is_empty())
                .ok_or_else(|| ApiError::malformed("photo_refused needs a reason"))?,
        },
        "card_manufactured" => Event::CardManufactured { on },
        "card_sent" => Event::CardSent { on, to_establishment: req.to_establishment.unwrap_or(true) },
        "card_handed_over" => Event::CardHandedOver { on },
        "duplicate_validated" => Event::DuplicateValidated { on },
        "duplicate_sent" => Event::DuplicateSent { on },
        "duplicate_handed_over" => Event::DuplicateHandedOver { on },
        other => return Err(ApiError::malformed(format!("unknown kind {other:?}"))),
    };
    let number = passregion_core::dossier::normalize(&number);
    let st = state.clone();
    state
        .store
        .write(move |conn| {
            let d = dossiers::by_number(conn, &number)?.ok_or_else(ApiError::not_found)?;
            dossiers::record_event(conn, d.application_id, &event, now)?;
            // A card gets its number when it is made; a duplicate is a new card.
            let has_card = crate::store::card::current(conn, d.application_id)?.is_some();
            match &event {
                Event::CardManufactured { .. } | Event::CardSent { .. } if !has_card => {
                    crate::store::card::issue(conn, d.application_id, now)?;
                }
                Event::DuplicateSent { .. } => {
                    crate::store::card::issue(conn, d.application_id, now)?;
                }
                _ => {}
            }
            let session = SessionInfo {
                server_time: String::new(),
                idle_expires_at: String::new(),
                absolute_expires_at: String::new(),
                idle_timeout_seconds: 0,
                warn_before_seconds: 0,
            };
            Ok(view(&st, conn, &d, session)?.progress)
        })
        .await
        .map(Json)
}
