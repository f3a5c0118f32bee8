//! The campaign's calendar and age rules.
//!
//! Age is reckoned on the campaign's reference date (typically the start of the school year), not on the day of
//! the application: two classmates born the same year must get the same answer whether they apply in June or in
//! October. Whether a guardian takes part follows the same date.

use crate::api::Campaign;
use crate::date::{Date, age_on};
use crate::error::ErrorCode;

/// Where an applicant's age puts them for this campaign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgeCheck {
    /// Below `min_age` on the reference date.
    TooYoung,
    /// Above `max_age` on the reference date.
    TooOld,
    /// Eligible, and below `guardian_required_under`: a legal guardian takes part.
    NeedsGuardian,
    /// Eligible and old enough to apply alone.
    Eligible,
}

impl Campaign {
    /// The date ages are reckoned on, `None` if the campaign carries a malformed date (a server bug).
    pub fn age_reference(&self) -> Option<Date> {
        Date::parse_iso(&self.age_reference_date)
    }
    pub fn opens(&self) -> Option<Date> {
        Date::parse_iso(&self.opens_on)
    }
    pub fn closes(&self) -> Option<Date> {
        Date::parse_iso(&self.closes_on)
    }
}

/// Age bounds for a birth date. A campaign whose reference date is malformed cannot judge anyone; it reports
/// `Eligible` here and [`campaign_window`] refuses the application as a whole, so the person is not told
/// something false about their age.
pub fn age_check(birth: Date, campaign: &Campaign) -> AgeCheck {
    let Some(reference) = campaign.age_reference() else {
        return AgeCheck::Eligible;
    };
    let age = age_on(birth, reference);
    if age < u32::from(campaign.min_age) {
        AgeCheck::TooYoung
    } else if age > u32::from(campaign.max_age) {
        AgeCheck::TooOld
    } else if age < u32::from(campaign.guardian_required_under) {
        AgeCheck::NeedsGuardian
    } else {
        AgeCheck::Eligible
    }
}

/// A birth date as the application accepts it: not after today, and within the campaign's ages.
/// `Ok` says whether a guardian is needed.
pub fn validate_birth_date(birth: Date, campaign: &Campaign, today: Date) -> Result<AgeCheck, ErrorCode> {
    if birth > today {
        return Err(ErrorCode::DateInFuture);
    }
    match age_check(birth, campaign) {
        AgeCheck::TooYoung => Err(ErrorCode::TooYoung),
        AgeCheck::TooOld => Err(ErrorCode::TooOld),
        ok => Ok(ok),
    }
}

/// Whether applications are accepted today: from the opening day to the closing day, both included.
pub fn campaign_window(campaign: &Campaign, today: Date) -> Result<(), ErrorCode> {
    let (Some(opens), Some(closes), Some(_)) = (campaign.opens(), campaign.closes(), campaign.age_reference()) else {
        return Err(ErrorCode::CampaignClosed);
    };
    if today < opens {
        Err(ErrorCode::CampaignNotOpen)
    } else if today > closes {
        Err(ErrorCode::CampaignClosed)
    } else {
        Ok(())
    }
}

/// The campaign of this crate's tests: 2026-2027, ages reckoned on 1 September 2026, a guardian under 15, and an
/// age band wide enough (11 to 25) that every branch of the age rules can be reached.
#[cfg(test)]
pub(crate) fn test_campaign() -> Campaign {
    Campaign {
        id: "2026-2027".into(),
        opens_on: "2026-06-01".into(),
        closes_on: "2027-05-31".into(),
        age_reference_date: "2026-09-01".into(),
        min_age: 11,
        max_age: 25,
        guardian_required_under: 15,
        charter_version: "2026.1".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn age_check_table() {
        let c = test_campaign();
        let cases = [
            ("2015-09-02", AgeCheck::TooYoung),      // 10 on 2026-09-01
            ("2015-09-01", AgeCheck::NeedsGuardian), // 11 that very day
            ("2011-09-02", AgeCheck::NeedsGuardian), // 14, one day short of 15
            ("2011-09-01", AgeCheck::Eligible),      // 15 on the reference date
            ("2000-09-02", AgeCheck::Eligible),      // 25, one day short of 26
            ("2000-09-01", AgeCheck::TooOld),        // 26 that very day
        ];
        for (birth, want) in cases {
            assert_eq!(age_check(d(birth), &c), want, "{birth}");
        }
    }

    #[test]
    fn birth_date_table() {
        let c = test_campaign();
        let today = d("2026-10-15");
        let cases = [
            ("2011-01-01", Ok(AgeCheck::Eligible)),
            ("2012-01-01", Ok(AgeCheck::NeedsGuardian)),
            ("2026-10-16", Err(ErrorCode::DateInFuture)),
            ("2020-01-01", Err(ErrorCode::TooYoung)),
            ("1990-01-01", Err(ErrorCode::TooOld)),
        ];
        for (birth, want) in cases {
            assert_eq!(validate_birth_date(d(birth), &c, today), want, "{birth}");
        }
    }

    #[test]
    fn window_includes_both_ends() {
        let c = test_campaign();
        let cases = [
            ("2026-05-31", Err(ErrorCode::CampaignNotOpen)),
            ("2026-06-01", Ok(())),
            ("2027-05-31", Ok(())),
            ("2027-06-01", Err(ErrorCode::CampaignClosed)),
        ];
        for (today, want) in cases {
            assert_eq!(campaign_window(&c, d(today)), want, "{today}");
        }
        let broken = Campaign { closes_on: "2027-02-30".into(), ..c };
        assert_eq!(campaign_window(&broken, d("2026-10-01")), Err(ErrorCode::CampaignClosed));
    }
}
