use passregion_core::api::{FieldError, Problem};

use crate::i18n::{Lang, fill, text};

/// Why a call failed, in the three ways the screens treat differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// No answer (offline, DNS, connection reset): nothing was lost, the person may retry.
    Network,
    /// An RFC 9457 problem from the API, with its stable code and any field errors.
    Problem(Problem),
    /// Any other answer (a proxy's HTML error page, unreadable JSON…), with the status when there was one.
    Unexpected { status: Option<u16>, detail: String },
}

impl ApiError {
    /// The problem's machine code, if the API answered with one.
    /// The dossier number an `activation_already_used` answer carries (the login).
    pub fn dossier_number(&self) -> Option<&str> {
        match self {
            ApiError::Problem(p) => p.dossier_number.as_deref(),
            _ => None,
        }
    }

    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Problem(p) => Some(p.code.as_str()),
            _ => None,
        }
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ApiError::Problem(p) => &p.errors,
            _ => &[],
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(p) => Some(p.status),
            ApiError::Unexpected { status, .. } => *status,
            ApiError::Network => None,
        }
    }
}

/// A failure every screen words the same way, whatever it was doing (sending, resending a link, searching):
/// the person can do nothing but wait, or must check something before trying again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// 429 (`rate_limited`, or any 429 on the way): too many attempts; try again in this many minutes.
    TooManyAttempts { minutes: u32 },
    /// 503 (`server_busy`, or any 503 on the way): the service is overloaded for a moment.
    Busy,
    /// `idempotency_key_reused`: the answers changed after a submission whose answer was lost, so the server
    /// refuses to treat this one as its retry. That first submission may well have been registered.
    MaybeAlreadySent,
}

/// The wait announced for `secs` seconds, in whole minutes: rounded up (telling someone to come back before the
/// server lets them in would only earn them another refusal), and never "0 minutes".
pub fn wait_minutes(secs: u32) -> u32 {
    secs.div_ceil(60).max(1)
}

impl ApiError {
    /// Seconds the server asks to wait before trying again (`retry_after`, mirrored in `Retry-After`).
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            ApiError::Problem(p) => p.retry_after,
            _ => None,
        }
    }

    /// The shared wording of this failure, if it is one of those every screen words alike; `None` for the
    /// failures each screen words for its own context (network, validation, expired link…).
    pub fn notice(&self) -> Option<Notice> {
        use passregion_core::api::problem_code::{BUSY, IDEMPOTENCY_KEY_REUSED, RATE_LIMITED};
        match (self.code(), self.status()) {
            (Some(IDEMPOTENCY_KEY_REUSED), _) => Some(Notice::MaybeAlreadySent),
            (Some(RATE_LIMITED), _) | (_, Some(429)) => Some(Notice::TooManyAttempts {
                // Without a figure (a proxy's 429), the shortest wait is as good a guess as any.
                minutes: wait_minutes(self.retry_after().unwrap_or(60)),
            }),
            (Some(BUSY), _) | (_, Some(503)) => Some(Notice::Busy),
            _ => None,
        }
    }

    /// The sentence of [`ApiError::notice`] in `lang`, for screens that only need to show it.
    pub fn notice_text(&self, lang: Lang) -> Option<String> {
        self.notice().map(|n| n.text(lang))
    }
}

impl Notice {
    /// The sentence in `lang`. [`Notice::MaybeAlreadySent`] ends by inviting to call the helpline: the screen
    /// puts the number (a `tel:` link) right after it.
    pub fn text(self, lang: Lang) -> String {
        match self {
            Notice::TooManyAttempts { minutes: 1 } => text(lang, "common.too_many_attempts_one"),
            Notice::TooManyAttempts { minutes } => {
                fill(&text(lang, "common.too_many_attempts"), &[("n", &minutes.to_string())])
            }
            Notice::Busy => text(lang, "common.server_busy"),
            Notice::MaybeAlreadySent => text(lang, "review.send_maybe_registered"),
        }
    }

    /// Whether the sentence ends by inviting to call the helpline, whose number the screen then shows.
    pub fn ends_with_helpline(self) -> bool {
        matches!(self, Notice::MaybeAlreadySent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use passregion_core::api::problem_code;

    fn problem(status: u16, code: &str, retry_after: Option<u32>) -> ApiError {
        ApiError::Problem(Problem {
            type_uri: format!("urn:passregion:problem:{code}"),
            title: String::new(),
            status,
            detail: None,
            code: code.into(),
            errors: vec![],
            retry_after,
            dossier_number: None,
        })
    }

    #[test]
    fn wait_in_minutes_rounds_up_and_never_says_zero() {
        for (secs, minutes) in [(0, 1), (1, 1), (59, 1), (60, 1), (61, 2), (119, 2), (120, 2), (900, 15), (3601, 61)] {
            assert_eq!(wait_minutes(secs), minutes, "{secs} s");
        }
    }

    #[test]
    fn notice_table() {
        let unexpected = |status| ApiError::Unexpected { status: Some(status), detail: "<html>".into() };
        let cases: Vec<(ApiError, Option<Notice>)> = vec![
            (problem(429, problem_code::RATE_LIMITED, Some(30)), Some(Notice::TooManyAttempts { minutes: 1 })),
            (problem(429, problem_code::RATE_LIMITED, Some(600)), Some(Notice::TooManyAttempts { minutes: 10 })),
            (problem(429, problem_code::RATE_LIMITED, None), Some(Notice::TooManyAttempts { minutes: 1 })),
            // A rate limit on the way (a proxy's page, no figure): said the same.
            (unexpected(429), Some(Notice::TooManyAttempts { minutes: 1 })),
            (problem(503, problem_code::BUSY, Some(2)), Some(Notice::Busy)),
            (unexpected(503), Some(Notice::Busy)),
            (problem(422, problem_code::IDEMPOTENCY_KEY_REUSED, None), Some(Notice::MaybeAlreadySent)),
            (problem(422, problem_code::VALIDATION_FAILED, None), None),
            (problem(410, problem_code::ACTIVATION_EXPIRED, None), None),
            (problem(500, problem_code::INTERNAL, None), None),
            (unexpected(502), None),
            (ApiError::Network, None),
        ];
        for (error, want) in cases {
            assert_eq!(error.notice(), want, "{error:?}");
        }
    }

    #[test]
    fn notice_texts_in_both_languages() {
        let cases: &[(Notice, &str, &str)] = &[
            (
                Notice::TooManyAttempts { minutes: 1 },
                "Trop de tentatives. Réessaie dans 1 minute.",
                "Too many attempts. Try again in 1 minute.",
            ),
            (
                Notice::TooManyAttempts { minutes: 15 },
                "Trop de tentatives. Réessaie dans 15 minutes.",
                "Too many attempts. Try again in 15 minutes.",
            ),
            (
                Notice::Busy,
                "Le service est très sollicité en ce moment. Réessaie dans quelques instants.",
                "The service is very busy right now. Try again in a few moments.",
            ),
        ];
        for (notice, fr, en) in cases {
            assert_eq!(notice.text(Lang::Fr), *fr);
            assert_eq!(notice.text(Lang::En), *en);
        }
        let fr = Notice::MaybeAlreadySent.text(Lang::Fr);
        for part in ["peut-être déjà enregistrée", "e-mail d'activation", "avant de l'envoyer à nouveau"] {
            assert!(fr.to_lowercase().contains(part), "{fr}");
        }
        assert!(fr.ends_with("appelle le"), "{fr}");
        let en = Notice::MaybeAlreadySent.text(Lang::En);
        for part in ["may already be registered", "activation email", "before sending it again"] {
            assert!(en.to_lowercase().contains(part), "{en}");
        }
        assert!(en.ends_with("call"), "{en}");
    }
}
