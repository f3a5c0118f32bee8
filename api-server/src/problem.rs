//! RFC 9457 problem details. Handlers return an [`ApiError`] without knowing the language; the [`localise`]
//! middleware renders it in the language of the request's `Accept-Language`, field messages included.

use crate::lang::Lang;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use passregion_core::api::{FieldError, Problem, problem_code};

pub const PROBLEM_JSON: &str = "application/problem+json";

/// An API failure, still to be put into words.
#[derive(Clone, Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    /// Technical detail for the developer (e.g. the JSON parser's message), not translated.
    pub detail: Option<String>,
    /// (field path, error code or issue key: see [`crate::messages::issue_key`])
    pub errors: Vec<(String, String)>,
    /// Seconds to wait (429): the `Retry-After` header and the problem's `retry_after` member.
    pub retry_after: Option<u32>,
    /// With `activation_already_used`: the dossier number to log in with.
    pub dossier_number: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str) -> Self {
        ApiError { status, code, detail: None, errors: Vec::new(), retry_after: None, dossier_number: None }
    }
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
    pub fn field(mut self, field: &str, code: &str) -> Self {
        self.errors.push((field.to_string(), code.to_string()));
        self
    }
    pub fn malformed(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, problem_code::MALFORMED_REQUEST).detail(detail)
    }
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, problem_code::NOT_FOUND)
    }
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        eprintln!("internal error: {detail}");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, problem_code::INTERNAL)
    }
    pub fn too_large() -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, problem_code::PAYLOAD_TOO_LARGE)
    }
    /// 429 with the wait in seconds.
    pub fn rate_limited(retry_after_secs: u32) -> Self {
        ApiError {
            retry_after: Some(retry_after_secs.max(1)),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, problem_code::RATE_LIMITED)
        }
    }
    /// 503: too much CPU-heavy work at once.
    pub fn busy() -> Self {
        ApiError { retry_after: Some(2), ..Self::new(StatusCode::SERVICE_UNAVAILABLE, problem_code::BUSY) }
    }
    pub fn validation(errors: Vec<(String, String)>) -> Self {
        ApiError { errors, ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, problem_code::VALIDATION_FAILED) }
    }

    pub fn to_problem(&self, lang: Lang) -> Problem {
        Problem {
            type_uri: format!("urn:passregion:problem:{}", self.code),
            title: title(self.code, lang).to_string(),
            status: self.status.as_u16(),
            detail: self.detail.clone(),
            code: self.code.to_string(),
            errors: self
                .errors
                .iter()
                .map(|(f, c)| FieldError {
                    field: f.clone(),
                    code: crate::messages::wire_code(c).to_string(),
                    message: crate::messages::field_message(c, lang),
                })
                .collect(),
            retry_after: self.retry_after,
            dossier_number: self.dossier_number.clone(),
        }
    }

    fn render(&self, lang: Lang) -> Response {
        let body = serde_json::to_vec(&self.to_problem(lang)).unwrap_or_default();
        let mut res = (self.status, body).into_response();
        res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        res.headers_mut().insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(secs) = self.retry_after {
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }
}

impl IntoResponse for ApiError {
    /// Rendered in French here; [`localise`] re-renders it in the request's language.
    fn into_response(self) -> Response {
        let mut res = self.render(Lang::Fr);
        res.extensions_mut().insert(self);
        res
    }
}

/// Middleware: renders problems in the language the request asks for.
pub async fn localise(req: Request, next: Next) -> Response {
    let lang = Lang::from_headers(req.headers());
    let res = next.run(req).await;
    match res.extensions().get::<ApiError>() {
        Some(err) if lang != Lang::Fr => err.render(lang),
        _ => res,
    }
}

/// Middleware: refuses a request whose declared length is over the limit before reading any of it.
pub async fn refuse_oversized(req: Request, next: Next) -> Response {
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > passregion_core::api::MAX_REQUEST_BYTES as u64) {
        let mut res = ApiError::too_large().into_response();
        // The body was not read: tell the client the connection will not be reused for it.
        res.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
        return res;
    }
    next.run(req).await
}

/// Replaces tower-http's plain-text 413 (a body that grew past the limit while streaming) with a problem.
pub async fn problem_for_plain_errors(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.extensions().get::<ApiError>().is_some() {
        return res;
    }
    match res.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::too_large().into_response(),
        StatusCode::REQUEST_TIMEOUT => {
            ApiError::new(StatusCode::REQUEST_TIMEOUT, problem_code::REQUEST_TIMEOUT).into_response()
        }
        _ => res,
    }
}

/// Whether a body-reading error comes from the size limit (the limit layer's error may be wrapped several times).
pub fn is_length_limit(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        if e.is::<http_body_util::LengthLimitError>() || e.to_string().contains("length limit exceeded") {
            return true;
        }
        current = e.source();
    }
    false
}

/// Short human title of each problem code.
fn title(code: &str, lang: Lang) -> &'static str {
    let (fr, en) = match code {
        problem_code::VALIDATION_FAILED => {
            ("Certaines informations sont à corriger", "Some information needs correcting")
        }
        problem_code::MALFORMED_REQUEST => ("Requête mal formée", "Malformed request"),
        problem_code::UNSUPPORTED_MEDIA_TYPE => ("Type de contenu non pris en charge", "Unsupported content type"),
        problem_code::PAYLOAD_TOO_LARGE => {
            ("Requête trop volumineuse (3 Mo au plus)", "Request too large (3 MB at most)")
        }
        problem_code::IDEMPOTENCY_KEY_MISSING => ("En-tête Idempotency-Key manquant", "Idempotency-Key header missing"),
        problem_code::IDEMPOTENCY_KEY_REUSED => (
            "Cette clé d'idempotence a déjà servi pour une autre demande",
            "This idempotency key was already used for another request",
        ),
        problem_code::CAMPAIGN_CLOSED => ("Les demandes ne sont pas ouvertes", "Applications are not open"),
        problem_code::NOT_FOUND => ("Ressource introuvable", "Not found"),
        problem_code::ACTIVATION_UNKNOWN => {
            ("Ce lien d'activation n'est pas valide", "This activation link is not valid")
        }
        problem_code::ACTIVATION_EXPIRED => (
            "Ce lien d'activation a expiré : demande un nouveau lien",
            "This activation link has expired: ask for a new one",
        ),
        problem_code::ACTIVATION_ALREADY_USED => ("Ce compte est déjà activé", "This account is already activated"),
        problem_code::ACTIVATION_REPLACED => (
            "Un lien plus récent t'a été envoyé : utilise le dernier reçu, ou demande un nouveau lien",
            "A newer link was sent to you: use the latest one, or ask for a new link",
        ),
        problem_code::LOGIN_FAILED => {
            ("Numéro de dossier ou mot de passe incorrect", "Wrong dossier number or password")
        }
        problem_code::ACCOUNT_NOT_ACTIVATED => (
            "Ton compte n'est pas encore activé : ouvre le lien reçu par e-mail, ou demande un nouveau lien",
            "Your account is not activated yet: open the emailed link, or ask for a new one",
        ),
        problem_code::SESSION_REQUIRED => ("Connecte-toi pour continuer", "Log in to continue"),
        problem_code::FORBIDDEN_ORIGIN => {
            ("Requête refusée : elle ne vient pas de ce site", "Request refused: it does not come from this site")
        }
        problem_code::RESET_UNKNOWN => ("Ce lien n'est pas valide", "This link is not valid"),
        problem_code::RESET_EXPIRED => {
            ("Ce lien a expiré : demande un nouveau lien", "This link has expired: ask for a new one")
        }
        problem_code::RESET_USED => (
            "Ce lien a déjà servi ou a été remplacé par un plus récent",
            "This link was already used or replaced by a newer one",
        ),
        problem_code::PHOTO_NOT_REQUESTED => {
            ("Ton établissement n'a pas demandé de nouvelle photo", "Your establishment did not ask for a new photo")
        }
        problem_code::PASSWORD_WRONG => ("Mot de passe actuel incorrect", "Wrong current password"),
        problem_code::CARD_UNKNOWN => ("Carte inconnue", "Unknown card"),
        problem_code::CARD_BLOCKED => ("Cette carte est bloquée", "This card is blocked"),
        problem_code::CARD_NOT_ISSUED => ("Ta carte n'est pas encore fabriquée", "Your card has not been made yet"),
        problem_code::CODE_NOT_SET => {
            ("Aucun code secret n'est encore défini pour cette carte", "No secret code is set for this card yet")
        }
        problem_code::CODE_LOCKED => (
            "Carte bloquée après 3 codes faux : définis un nouveau code dans ton espace",
            "Card locked after 3 wrong codes: set a new code in your space",
        ),
        problem_code::EMAIL_CHANGE_UNKNOWN => ("Ce lien n'est pas valide", "This link is not valid"),
        problem_code::EMAIL_CHANGE_EXPIRED => (
            "Ce lien a expiré : refais la demande depuis ton espace",
            "This link has expired: ask again from your space",
        ),
        problem_code::EMAIL_CHANGE_USED => ("Ce lien a déjà servi", "This link was already used"),
        problem_code::GUARDIAN_CONSENT_UNKNOWN => (
            "Ce lien n'est pas valable : vérifiez qu'il a été copié en entier, ou appelez le 0810 559 559",
            "This link is not valid: check it was copied whole, or call 0810 559 559",
        ),
        problem_code::GUARDIAN_CONSENT_EXPIRED => (
            "Ce lien a expiré (7 jours) : demandez un nouveau lien",
            "This link has expired (7 days): ask for a new link",
        ),
        problem_code::GUARDIAN_CONSENT_GIVEN => {
            ("Votre accord a déjà été enregistré", "Your consent was already recorded")
        }
        problem_code::HANDOFF_UNKNOWN => (
            "Ce lien ou ce code n'existe pas : vérifie-le sur l'écran de l'ordinateur",
            "This link or code does not exist: check it on the computer's screen",
        ),
        problem_code::HANDOFF_USED => (
            "Ce lien a déjà été ouvert sur un autre téléphone : demande un nouveau code sur l'ordinateur",
            "This link was already opened on another phone: ask for a new code on the computer",
        ),
        problem_code::HANDOFF_EXPIRED => (
            "Ce lien a expiré (10 minutes) ou a été annulé : demande un nouveau code sur l'ordinateur",
            "This link has expired (10 minutes) or was cancelled: ask for a new code on the computer",
        ),
        problem_code::REQUEST_TIMEOUT => {
            ("La requête a pris trop de temps : réessaie", "The request took too long: try again")
        }
        problem_code::RATE_LIMITED => ("Trop de tentatives : réessaie plus tard", "Too many attempts: try again later"),
        problem_code::BUSY => {
            ("Le service est très demandé : réessaie dans un instant", "The service is busy: try again in a moment")
        }
        _ => ("Erreur interne, réessaie dans un instant", "Internal error, try again in a moment"),
    };
    if lang == Lang::En { en } else { fr }
}
