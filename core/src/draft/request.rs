//! Building the wire request from the draft: the form-only checks first, then the server's own rules.

use super::Draft;
use crate::api::{
    self, Address, ApplicationRequest, Campaign, Civility, Consents, Contact, Delivery, Guardian, Identity, Schooling,
    field,
};
use crate::application::{Issues, check_listed_commune, normalize_application};
use crate::date::Date;
use crate::error::{ErrorCode, FieldIssue};
use crate::rules::email::emails_match;
use crate::rules::password::validate_password_confirmation;

impl Draft {
    /// Every issue in the draft, in the order the checks found them (the journey shows them in form order:
    /// [`crate::journey::issues`]); empty when it can be sent.
    pub fn issues(&self, campaign: &Campaign, today: Date) -> Vec<FieldIssue> {
        self.to_request(campaign, today).err().unwrap_or_default()
    }

    /// The request to send, normalised (names tidied, phones in E.164, e-mail domain in lower case…) with the
    /// same rules as the server, or every issue found.
    ///
    /// Checks only the form can make come first (confirmations, ticked boxes, choices made, the photo), so
    /// their specific message wins over the generic one the request check would give for the same field.
    pub fn to_request(&self, campaign: &Campaign, today: Date) -> Result<ApplicationRequest, Vec<FieldIssue>> {
        let mut v = Issues::default();
        if !self.charter_accepted {
            v.push(field::CHARTER_VERSION, ErrorCode::CharterNotAccepted);
        }
        if self.civility.is_none() {
            v.push(field::CIVILITY, ErrorCode::CivilityRequired);
        }
        let birth = v.take(field::BIRTH_DATE, self.birth_date());
        if self.email_confirm.trim().is_empty() {
            v.push(field::EMAIL_CONFIRM, ErrorCode::Required);
        } else if !emails_match(&self.email, &self.email_confirm) {
            v.push(field::EMAIL_CONFIRM, ErrorCode::EmailMismatch);
        }
        v.take(field::PASSWORD_CONFIRM, validate_password_confirmation(self.password(), self.password_confirm()));

        let guardian_needed = self.guardian_needed(campaign);
        if guardian_needed && self.guardian.civility.is_none() {
            v.push(field::GUARDIAN_CIVILITY, ErrorCode::CivilityRequired);
        }
        if self.establishment.is_none() {
            v.push(field::UAI, ErrorCode::EstablishmentRequired);
        }
        if self.stream.is_none() {
            v.push(field::STREAM_CODE, ErrorCode::StreamRequired);
        }
        match self.photo {
            None => v.push(field::PHOTO, ErrorCode::PhotoRequired),
            Some(p) if p.bytes > api::MAX_PHOTO_BYTES as u64 => v.push(field::PHOTO, ErrorCode::PhotoTooLarge),
            Some(_) => {}
        }

        let g = &self.guardian;
        let optional = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
        let request = ApplicationRequest {
            campaign_id: campaign.id.clone(),
            charter_version: if self.charter_accepted { self.charter_version.clone() } else { String::new() },
            identity: Identity {
                // Placeholders stand in for missing choices; their issue is already recorded above.
                civility: self.civility.unwrap_or(Civility::Madame),
                last_name: self.last_name.clone(),
                first_name: self.first_name.clone(),
                birth_date: birth.map(Date::to_iso).unwrap_or_default(),
                email: self.email.clone(),
                password: self.password().to_string(),
            },
            guardian: guardian_needed.then(|| Guardian {
                civility: g.civility.unwrap_or(Civility::Madame),
                last_name: g.last_name.clone(),
                first_name: g.first_name.clone(),
                email: g.email.clone(),
                phone: g.phone.clone(),
            }),
            contact: Contact {
                mobile_phone: self.mobile_phone.clone(),
                address: Address {
                    street: self.street.clone(),
                    complement: optional(&self.complement),
                    care_of: optional(&self.care_of),
                    postal_code: self.postal_code.clone(),
                    commune: self.commune.clone(),
                    commune_not_listed: self.commune_not_listed,
                },
            },
            schooling: Schooling {
                uai: self.establishment.as_ref().map(|e| e.uai.clone()).unwrap_or_default(),
                stream_code: self.stream.as_ref().map(|s| s.code.clone()).unwrap_or_default(),
            },
            delivery: Delivery { send_to_establishment: self.send_to_establishment },
            consents: Consents { good_deals: self.consent_good_deals, news: self.consent_news },
        };

        // The server checks the commune against the whole list; the form can once it has the postcode's communes.
        let listed = check_listed_commune(&request.contact.address, |postal_code| {
            self.listed_communes
                .as_ref()
                .filter(|(code, _)| code == postal_code)
                .map(|(_, communes)| communes.as_slice())
        });
        let commune = match listed {
            Some(Err((f, code))) => {
                v.push(f, code);
                None
            }
            Some(Ok(commune)) => Some(commune),
            None => None,
        };
        match normalize_application(&request, campaign, today) {
            Ok(mut normalized) if v.0.is_empty() => {
                if let Some(commune) = commune {
                    normalized.contact.address.commune = commune;
                }
                Ok(normalized)
            }
            Ok(_) => Err(v.0),
            Err(found) => {
                for (f, code) in found {
                    v.push(f, code);
                }
                Err(v.0)
            }
        }
    }
}
