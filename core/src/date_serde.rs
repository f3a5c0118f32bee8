//! Dates on the wire are ISO 8601 days ("2026-09-01"), as in `openapi.yaml`.

use crate::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| D::Error::custom(format!("not a calendar day (YYYY-MM-DD): {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use crate::Date;

    #[test]
    fn iso_round_trip_and_refusal() {
        let d = Date::new(2026, 9, 1).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2026-09-01\"");
        assert_eq!(serde_json::from_str::<Date>("\"2026-09-01\"").unwrap(), d);
        assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
    }
}
