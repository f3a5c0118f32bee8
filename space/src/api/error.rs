use passregion_core::api::{FieldError, Problem, problem_code};

/// Why a call failed, in the three ways the pages treat differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// No answer: nothing was lost, the person may retry.
    Network,
    /// An RFC 9457 problem, with its stable code.
    Problem(Problem),
    /// Any other answer (a proxy's HTML page…).
    Unexpected { status: Option<u16>, detail: String },
}

impl ApiError {
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Problem(p) => Some(p.code.as_str()),
            _ => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(p) => Some(p.status),
            ApiError::Unexpected { status, .. } => *status,
            ApiError::Network => None,
        }
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ApiError::Problem(p) => &p.errors,
            _ => &[],
        }
    }

    /// The session is gone (expired, logged out elsewhere, password changed): back to the login page.
    pub fn session_required(&self) -> bool {
        self.code() == Some(problem_code::SESSION_REQUIRED)
    }

    /// Minutes to wait after a 429, rounded up and never 0 (coming back too early only earns another refusal).
    pub fn wait_minutes(&self) -> Option<u32> {
        if self.code() != Some(problem_code::RATE_LIMITED) && self.status() != Some(429) {
            return None;
        }
        let secs = match self {
            ApiError::Problem(p) => p.retry_after.unwrap_or(60),
            _ => 60,
        };
        Some(secs.div_ceil(60).max(1))
    }

    pub fn busy(&self) -> bool {
        self.code() == Some(problem_code::BUSY) || self.status() == Some(503)
    }
}

/// The sentence for the failures every page words alike (no connection, too many attempts, busy, anything else).
pub fn common_text(err: &ApiError) -> String {
    use crate::i18n::{t_now, tf_now};
    if let Some(minutes) = err.wait_minutes() {
        return if minutes == 1 {
            t_now("common.too_many_attempts_one")
        } else {
            tf_now("common.too_many_attempts", &[("n", &minutes.to_string())])
        };
    }
    if err.busy() {
        return t_now("common.server_busy");
    }
    match err {
        ApiError::Network => t_now("common.network_error"),
        _ => t_now("common.unexpected_error"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(status: u16, code: &str, retry_after: Option<u32>) -> ApiError {
        ApiError::Problem(Problem {
            type_uri: String::new(),
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
    fn the_wait_after_five_wrong_passwords_is_said_in_minutes() {
        assert_eq!(problem(429, "rate_limited", Some(900)).wait_minutes(), Some(15));
        assert_eq!(problem(429, "rate_limited", Some(61)).wait_minutes(), Some(2));
        assert_eq!(problem(429, "rate_limited", Some(0)).wait_minutes(), Some(1));
        assert_eq!(problem(401, "login_failed", None).wait_minutes(), None);
        assert!(problem(401, "session_required", None).session_required());
    }
}
