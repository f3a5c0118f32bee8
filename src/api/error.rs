use passregion_core::api::{FieldError, Problem};

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
