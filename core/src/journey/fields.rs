//! What the form knows of each field besides its rules: the server's path (where an answer or a refusal lands) and
//! the translation key of its label (how the error summary and the deep link's notice name it). The journey's steps
//! list these, so a field's page, order, label and path are written in one row.

use crate::api::field;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The request's path, e.g. "identity.last_name"; also the form's key for the field's issues.
    pub path: &'static str,
    /// Translation key of the label that names the field outside its own control.
    pub label_key: &'static str,
}

const fn f(path: &'static str, label_key: &'static str) -> Field {
    Field { path, label_key }
}

pub const CHARTER_VERSION: Field = f(field::CHARTER_VERSION, "journey.charter");
pub const CIVILITY: Field = f(field::CIVILITY, "identity.civility");
pub const LAST_NAME: Field = f(field::LAST_NAME, "identity.last_name");
pub const FIRST_NAME: Field = f(field::FIRST_NAME, "identity.first_name");
pub const BIRTH_DATE: Field = f(field::BIRTH_DATE, "identity.birth_date");
pub const EMAIL: Field = f(field::EMAIL, "identity.email");
pub const EMAIL_CONFIRM: Field = f(field::EMAIL_CONFIRM, "identity.email_confirm");
pub const PASSWORD: Field = f(field::PASSWORD, "identity.password");
pub const PASSWORD_CONFIRM: Field = f(field::PASSWORD_CONFIRM, "identity.password_confirm");
pub const GUARDIAN: Field = f(field::GUARDIAN, "journey.guardian");
pub const GUARDIAN_CIVILITY: Field = f(field::GUARDIAN_CIVILITY, "guardian.civility");
pub const GUARDIAN_LAST_NAME: Field = f(field::GUARDIAN_LAST_NAME, "guardian.last_name");
pub const GUARDIAN_FIRST_NAME: Field = f(field::GUARDIAN_FIRST_NAME, "guardian.first_name");
pub const GUARDIAN_EMAIL: Field = f(field::GUARDIAN_EMAIL, "guardian.email");
pub const GUARDIAN_PHONE: Field = f(field::GUARDIAN_PHONE, "guardian.phone");
pub const MOBILE_PHONE: Field = f(field::MOBILE_PHONE, "contact.mobile_phone");
pub const STREET: Field = f(field::STREET, "contact.street");
pub const COMPLEMENT: Field = f(field::COMPLEMENT, "contact.complement");
pub const CARE_OF: Field = f(field::CARE_OF, "contact.care_of");
pub const POSTAL_CODE: Field = f(field::POSTAL_CODE, "contact.postal_code");
pub const COMMUNE: Field = f(field::COMMUNE, "contact.commune");
pub const UAI: Field = f(field::UAI, "school.label");
pub const STREAM_CODE: Field = f(field::STREAM_CODE, "school.stream_label");
pub const PHOTO: Field = f(field::PHOTO, "journey.photo");
