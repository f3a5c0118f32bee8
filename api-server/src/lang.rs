//! The language of answers: French unless `Accept-Language` prefers English.

use axum::http::HeaderMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().split(['-', '_']).next()? {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The supported language with the highest q-value in `Accept-Language`; French when none is supported.
    pub fn from_headers(headers: &HeaderMap) -> Lang {
        let Some(value) = headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) else {
            return Lang::Fr;
        };
        let mut best: Option<(f32, Lang)> = None;
        for item in value.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::parse) else { continue };
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()))
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or(Lang::Fr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn of(v: &str) -> Lang {
        let mut h = HeaderMap::new();
        h.insert("accept-language", HeaderValue::from_str(v).unwrap());
        Lang::from_headers(&h)
    }

    #[test]
    fn negotiation() {
        assert_eq!(Lang::from_headers(&HeaderMap::new()), Lang::Fr);
        assert_eq!(of("en"), Lang::En);
        assert_eq!(of("en-GB,en;q=0.9"), Lang::En);
        assert_eq!(of("de-DE, en;q=0.5, fr;q=0.8"), Lang::Fr);
        assert_eq!(of("de"), Lang::Fr);
        assert_eq!(of("fr;q=0, en;q=0.1"), Lang::En);
    }
}
