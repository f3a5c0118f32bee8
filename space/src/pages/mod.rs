pub mod dossier;
pub mod forgot_number;
pub mod forgot_password;
pub mod login;
pub mod not_found;
pub mod reset_password;

/// Puts the focus on the page's heading once it is drawn, so a screen reader starts there after a navigation.
pub fn focus_heading() {
    crate::ui::form::focus_later("page-title");
}

/// The message of a password rule broken, from core's error code.
pub fn rule_text(code: passregion_core::ErrorCode) -> String {
    crate::i18n::t_now(&format!("errors.{}", code.as_str()))
}
