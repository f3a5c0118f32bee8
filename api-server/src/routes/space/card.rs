//! The card: its secret code (set and changed from the space; checked by partners' terminals), declaring it lost,
//! stolen or damaged, and the advantages left on it.
//!
//! A card declared by mistake is not unblocked from the space: a blocked card may be in a thief's hands, and
//! whoever holds the open session may not be its owner. The young person calls the helpline (0810 559 559), which
//! checks who they are; the duplicate request stands meanwhile.

use super::session;
use crate::outbox;
use crate::problem::ApiError;
use crate::secrets;
use crate::state::AppState;
use crate::store::{accounts, card, dossiers};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use passregion_core::Date;
use passregion_core::advantages::{self, Measure, Use};
use passregion_core::api::problem_code;
use passregion_core::rules::secret_code::check_secret_code;
use passregion_core::space::{
    AdvantagesBalance, CardDeclaration, DevUseRequest, PartnerCheckRequest, PartnerCheckResult, SecretCodeRequest,
};
use passregion_core::status::Event;

/// Wrong codes in a row at partners' terminals before the card is locked.
pub const MAX_WRONG_CODES: u32 = 3;

fn birth_date(request: &passregion_core::api::ApplicationRequest) -> Result<Date, ApiError> {
    Date::parse_iso(&request.identity.birth_date).ok_or_else(|| ApiError::internal("stored birth date"))
}

/// `PUT /secret-code`: set or change the code, the current password asked again.
pub async fn set_code(
    State(state): State<AppState>,
    headers: HeaderMap,
    crate::extract::ApiJson(req): crate::extract::ApiJson<SecretCodeRequest>,
) -> Result<StatusCode, ApiError> {
    let (live, _) = session::require(&state, &headers, true).await?;
    let id = live.application_id;
    let request = state.store.read(move |conn| accounts::request(conn, id)).await?;
    let today = passregion_core::date::paris_date(state.clock.now());
    check_secret_code(req.code.trim(), birth_date(&request)?, today)
        .map_err(|why| ApiError::validation(vec![("code".into(), why.as_str().into())]))?;
    session::reauthenticate(&state, id, req.current_password).await?;
    let code = req.code.trim().to_string();
    let hash = state.heavy.run(move || secrets::hash_password(&code)).await?.map_err(ApiError::internal)?;
    let (now, keep) = (state.clock.now(), state.outbox_keeps());
    state
        .store
        .write(move |conn| {
            card::set_secret_code(conn, id, &hash, now)?;
            outbox::record(
                conn,
                &outbox::secret_code_changed_email(&request.identity.email, &request.identity.first_name),
                keep,
                now,
            )?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /partner/checks`: a partner's terminal checks the code typed for a card.
pub async fn partner_check(
    State(state): State<AppState>,
    crate::extract::ApiJson(req): crate::extract::ApiJson<PartnerCheckRequest>,
) -> Result<Json<PartnerCheckResult>, ApiError> {
    let number: String = req.card_number.chars().filter(char::is_ascii_digit).collect();
    let found = state.store.read(move |conn| Ok(card::by_number(conn, &number)?)).await?;
    let c = found.ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, problem_code::CARD_UNKNOWN))?;
    if c.blocked_at.is_some() {
        return Err(ApiError::new(StatusCode::CONFLICT, problem_code::CARD_BLOCKED));
    }
    let id = c.application_id;
    let (hash, wrong) = state
        .store
        .read(move |conn| Ok(card::secret_code(conn, id)?))
        .await?
        .ok_or_else(|| ApiError::new(StatusCode::CONFLICT, problem_code::CODE_NOT_SET))?;
    if wrong >= MAX_WRONG_CODES {
        return Err(ApiError::new(StatusCode::LOCKED, problem_code::CODE_LOCKED));
    }
    let code = req.code;
    if state.heavy.run(move || secrets::verify_password(&code, &hash)).await? {
        state.store.write(move |conn| Ok(card::clear_wrong_codes(conn, id)?)).await?;
        return Ok(Json(PartnerCheckResult { accepted: true, attempts_left: None }));
    }
    let count = state.store.write(move |conn| Ok(card::count_wrong_code(conn, id)?)).await?;
    if count >= MAX_WRONG_CODES {
        return Err(ApiError::new(StatusCode::LOCKED, problem_code::CODE_LOCKED));
    }
    Ok(Json(PartnerCheckResult { accepted: false, attempts_left: Some(MAX_WRONG_CODES - count) }))
}

/// `POST /card/declarations`: lost, stolen or damaged — the card is blocked at once and a duplicate requested.
pub async fn declare(
    State(state): State<AppState>,
    headers: HeaderMap,
    crate::extract::ApiJson(req): crate::extract::ApiJson<CardDeclaration>,
) -> Result<(StatusCode, Json<passregion_core::status::Progress>), ApiError> {
    let (live, info) = session::require(&state, &headers, true).await?;
    let id = live.application_id;
    let mut request = state.store.read(move |conn| accounts::request(conn, id)).await?;
    if let Some(address) = req.address.clone() {
        // The new address goes through the application's own rules.
        let changed = passregion_core::api::Contact { address, ..request.contact.clone() };
        request.contact = super::details::checked_contact(&changed)?;
    }
    session::reauthenticate(&state, id, req.current_password).await?;
    let (now, keep, st) = (state.clock.now(), state.outbox_keeps(), state.clone());
    state
        .store
        .write(move |conn| {
            let tx = conn.transaction()?;
            if card::current(&tx, id)?.is_none() {
                return Err(ApiError::new(StatusCode::CONFLICT, problem_code::CARD_NOT_ISSUED));
            }
            card::block_all(&tx, id, now)?;
            if req.address.is_some() {
                accounts::save_request(&tx, id, &request)?;
            }
            let on = passregion_core::date::paris_date(now);
            let event =
                Event::CardBlocked { on, reason: req.reason, duplicate_to_establishment: req.send_to_establishment };
            dossiers::record_event(&tx, id, &event, now)?;
            outbox::record(
                &tx,
                &outbox::card_blocked_email(&request.identity.email, &request.identity.first_name, req.reason),
                keep,
                now,
            )?;
            let d = dossiers::by_id(&tx, id)?.ok_or_else(|| ApiError::internal("dossier gone"))?;
            let progress = super::dossier::view(&st, &tx, &d, info)?.progress;
            tx.commit()?;
            Ok((StatusCode::CREATED, Json(progress)))
        })
        .await
}

/// `GET /advantages`: what the card gives this year and what is left.
pub async fn balance(State(state): State<AppState>, headers: HeaderMap) -> Result<Json<AdvantagesBalance>, ApiError> {
    let (live, _) = session::require(&state, &headers, true).await?;
    let id = live.application_id;
    let campaign_id = state.campaign.id.clone();
    let start_year = campaign_start_year(&state)?;
    state
        .store
        .read(move |conn| {
            let request = accounts::request(conn, id)?;
            let (level, code) = stream_of(conn, &request)?;
            let uses = card::uses(conn, id)?;
            Ok(Json(AdvantagesBalance { campaign_id, lines: advantages::balance(start_year, &level, &code, &uses) }))
        })
        .await
}

fn campaign_start_year(state: &AppState) -> Result<u16, ApiError> {
    state.campaign.id.get(..4).and_then(|y| y.parse().ok()).ok_or_else(|| ApiError::internal("campaign id"))
}

/// The person's level and stream code, which decide the advantages (the equipment aid follows the stream).
fn stream_of(
    conn: &rusqlite::Connection,
    request: &passregion_core::api::ApplicationRequest,
) -> Result<(String, String), ApiError> {
    let uai = &request.schooling.uai;
    crate::store::reference::streams_of(conn, uai)?
        .into_iter()
        .find(|s| s.code == request.schooling.stream_code)
        .map(|s| (s.level, s.code))
        .ok_or_else(|| ApiError::internal("stream gone"))
}

/// `--dev` only: a partner records a use of an advantage, checked against what is left.
pub async fn dev_use(
    State(state): State<AppState>,
    axum::extract::Path(number): axum::extract::Path<String>,
    crate::extract::ApiJson(req): crate::extract::ApiJson<DevUseRequest>,
) -> Result<Json<AdvantagesBalance>, ApiError> {
    if !state.config.dev {
        return Err(ApiError::not_found());
    }
    let now = state.clock.now();
    let on = crate::routes::photo_upload::dev_day(req.on.as_deref(), now)?;
    let amount = match (req.cents, req.tickets) {
        (Some(c), None) => Measure::Cents(c),
        (None, Some(t)) => Measure::Tickets(t),
        (None, None) => Measure::Free,
        _ => return Err(ApiError::malformed("send cents or tickets, not both")),
    };
    let new = Use { kind: req.kind, partner: req.partner, on, amount, licence: req.licence };
    let start_year = campaign_start_year(&state)?;
    let campaign_id = state.campaign.id.clone();
    let number = passregion_core::dossier::normalize(&number);
    state
        .store
        .write(move |conn| {
            let d = dossiers::by_number(conn, &number)?.ok_or_else(ApiError::not_found)?;
            let (level, code) = stream_of(conn, &d.request)?;
            let uses = card::uses(conn, d.application_id)?;
            advantages::check_use(start_year, &level, &code, &uses, &new)
                .map_err(|why| ApiError::malformed(format!("use refused: {why:?}")))?;
            card::record_use(conn, d.application_id, &new, now)?;
            let uses = card::uses(conn, d.application_id)?;
            Ok(Json(AdvantagesBalance { campaign_id, lines: advantages::balance(start_year, &level, &code, &uses) }))
        })
        .await
}
