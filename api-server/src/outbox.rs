//! The outbox: where the reference server "sends" its emails. In `--dev` mode they can be read back (JSON and a
//! readable page), so a demo or an end-to-end test can follow the activation link. Outside `--dev` only a redacted
//! record is kept: the link is a bearer secret that only the recipient may hold, and the database keeps nothing but
//! the hash of its token.

use crate::store::outbox::{self as table, NewMessage};
use rusqlite::Connection;
use serde::Serialize;

#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The first link of the body, for tests and demos (`--dev` only; never kept otherwise).
    pub link: Option<String>,
    /// RFC 3339.
    pub created_at: String,
}

/// Whether links may be kept in the outbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// `--dev` on loopback: the whole message, so demos and tests can follow the link.
    Everything,
    /// Otherwise: who, what and when, with the link cut out.
    Redacted,
}

pub const REDACTED_LINK: &str = "[lien retiré de la copie conservée]";

pub fn activation_link(public_url: &str, token: &str) -> String {
    format!("{public_url}/activation?token={token}")
}

/// An email about to be recorded; `link` appears in `body`.
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub link: Option<String>,
}

/// Records `email` as sent, redacted unless `keep` says otherwise.
pub fn record(conn: &Connection, email: &Email, keep: Keep, now: i64) -> rusqlite::Result<()> {
    let (body, link) = match (keep, &email.link) {
        (Keep::Everything, link) => (email.body.clone(), link.as_deref()),
        (Keep::Redacted, Some(link)) => (email.body.replace(link.as_str(), REDACTED_LINK), None),
        (Keep::Redacted, None) => (email.body.clone(), None),
    };
    table::insert(conn, &NewMessage { to: &email.to, subject: &email.subject, body: &body, link, now })
}

/// The activation email, in French (the Région writes to young people with "tu").
pub fn activation_email(to: &str, first_name: &str, dossier_number: &str, link: &str) -> Email {
    let body = format!(
        "Bonjour {first_name},\n\n\
         Ta demande de Pass'Région est bien enregistrée. Ton numéro de dossier est {dossier}.\n\n\
         Pour activer ton compte, ouvre ce lien dans les 24 heures :\n{link}\n\n\
         Si le lien a expiré, tu peux en demander un nouveau depuis la page d'activation.\n\
         Si tu n'as pas fait cette demande, ignore ce message.\n\n\
         La Région Auvergne-Rhône-Alpes",
        dossier = passregion_core::dossier::format(dossier_number),
    );
    Email { to: to.into(), subject: "Active ton compte Pass'Région".into(), body, link: Some(link.into()) }
}

/// The guardian's consent page. The token goes in the fragment: browsers never send it to a server, so it is in no
/// access log, and the page removes it from the address bar once read.
pub fn guardian_consent_link(public_url: &str, token: &str) -> String {
    format!("{public_url}/accord-parental#{token}")
}

/// The email asking the guardian for their consent: to an adult, so "vous". Nothing about the child but their age
/// bracket: the address was typed by the child and may be wrong, and the page shows more only once the link is used.
pub fn guardian_consent_email(
    to: &str,
    guardian: &passregion_core::api::Guardian,
    link: &str,
    reminder: bool,
) -> Email {
    let civility = match guardian.civility {
        passregion_core::api::Civility::Madame => "Madame",
        passregion_core::api::Civility::Monsieur => "Monsieur",
    };
    let opening = if reminder {
        "Nous n'avons pas encore reçu votre accord pour une demande de Pass'Région (la carte jeunes de la Région \
         Auvergne-Rhône-Alpes) faite par un ou une jeune de moins de 15 ans qui vous a indiqué comme son représentant légal."
    } else {
        "Une demande de Pass'Région (la carte jeunes de la Région Auvergne-Rhône-Alpes) vient d'être faite par un ou \
         une jeune de moins de 15 ans qui vous a indiqué comme son représentant légal."
    };
    let body = format!(
        "Bonjour {civility} {last_name},\n\n\
         {opening}\n\n\
         À son âge, votre accord est nécessaire. Pour le donner vous-même, ouvrez ce lien dans les {days} jours :\n{link}\n\n\
         La demande ne sera pas examinée sans votre accord. Si vous ne la reconnaissez pas ou ne souhaitez pas la \
         soutenir, ne faites rien. Pour toute question : 0810 559 559.\n\n\
         La Région Auvergne-Rhône-Alpes",
        last_name = guardian.last_name,
        days = passregion_core::guardian::LINK_VALID_DAYS,
    );
    let subject = if reminder {
        "Rappel : votre accord est attendu (Pass'Région)"
    } else {
        "Votre accord est demandé (Pass'Région)"
    };
    Email { to: to.into(), subject: subject.into(), body, link: Some(link.into()) }
}

/// The link of a password-reset email.
pub fn reset_link(public_url: &str, token: &str) -> String {
    format!("{public_url}/espace/mot-de-passe?token={token}")
}

pub fn password_reset_email(to: &str, first_name: &str, dossier_number: &str, link: &str) -> Email {
    let body = format!(
        "Bonjour {first_name},\n\n\
         Tu as demandé à changer le mot de passe de ton espace Pass'Région (dossier {dossier}).\n\n\
         Pour choisir un nouveau mot de passe, ouvre ce lien dans l'heure :\n{link}\n\n\
         Ce lien ne sert qu'une fois. Si tu n'as rien demandé, ignore ce message : ton mot de passe ne change pas.\n\n\
         La Région Auvergne-Rhône-Alpes",
        dossier = passregion_core::dossier::format(dossier_number),
    );
    Email { to: to.into(), subject: "Change ton mot de passe Pass'Région".into(), body, link: Some(link.into()) }
}

pub fn password_changed_email(to: &str, first_name: &str) -> Email {
    let body = format!(
        "Bonjour {first_name},\n\n\
         Le mot de passe de ton espace Pass'Région vient d'être changé, et toutes tes sessions ont été fermées.\n\n\
         Si ce n'est pas toi, appelle vite le 0810 559 559.\n\n\
         La Région Auvergne-Rhône-Alpes",
    );
    Email { to: to.into(), subject: "Ton mot de passe Pass'Région a été changé".into(), body, link: None }
}

/// The dossier numbers applied for with this address.
pub fn dossier_reminder_email(to: &str, first_name: &str, dossier_numbers: &[String]) -> Email {
    let list: Vec<String> =
        dossier_numbers.iter().map(|n| format!("  - {}", passregion_core::dossier::format(n))).collect();
    let body = format!(
        "Bonjour {first_name},\n\n\
         Voici {what} associé{s} à cette adresse e-mail :\n{list}\n\n\
         C'est ton identifiant pour te connecter à ton espace Pass'Région. Garde ce message.\n\
         Si tu n'as rien demandé, ignore ce message.\n\n\
         La Région Auvergne-Rhône-Alpes",
        what = if dossier_numbers.len() > 1 { "les numéros de dossier" } else { "le numéro de dossier" },
        s = if dossier_numbers.len() > 1 { "s" } else { "" },
        list = list.join("\n"),
    );
    Email { to: to.into(), subject: "Ton numéro de dossier Pass'Région".into(), body, link: None }
}

pub fn secret_code_changed_email(to: &str, first_name: &str) -> Email {
    let body = format!(
        "Bonjour {first_name},\n\n\
         Ton code secret a été modifié. Tu peux maintenant utiliser les avantages de ta carte chez les partenaires.\n\n\
         Si ce n'est pas toi, change ton mot de passe depuis ton espace et appelle le 0810 559 559.\n\n\
         La Région Auvergne-Rhône-Alpes",
    );
    Email { to: to.into(), subject: "Ton code secret a été modifié".into(), body, link: None }
}

pub fn card_blocked_email(to: &str, first_name: &str, reason: passregion_core::status::BlockReason) -> Email {
    use passregion_core::status::BlockReason;
    let why = match reason {
        BlockReason::Lost => "perdue",
        BlockReason::Stolen => "volée",
        BlockReason::Damaged => "abîmée",
    };
    let body = format!(
        "Bonjour {first_name},\n\n\
         Tu as déclaré ta carte Pass'Région {why}. Elle est bloquée : personne ne peut plus l'utiliser chez un partenaire.\n\
         Ta nouvelle carte est demandée ; tu peux suivre sa fabrication dans ton espace.\n\n\
         Si tu retrouves ta carte, elle reste bloquée : appelle le 0810 559 559.\n\n\
         La Région Auvergne-Rhône-Alpes",
    );
    Email { to: to.into(), subject: "Ta carte Pass'Région est bloquée".into(), body, link: None }
}

pub fn email_change_link(public_url: &str, token: &str) -> String {
    format!("{public_url}/espace/confirmer-email?token={token}")
}

pub fn email_change_confirm_email(to: &str, first_name: &str, link: &str) -> Email {
    let body = format!(
        "Bonjour {first_name},\n\n\
         Pour que cette adresse devienne celle de ton espace Pass'Région, ouvre ce lien dans les 24 heures :\n{link}\n\n\
         Si tu n'as rien demandé, ignore ce message : rien ne change.\n\n\
         La Région Auvergne-Rhône-Alpes",
    );
    Email { to: to.into(), subject: "Confirme ta nouvelle adresse e-mail".into(), body, link: Some(link.into()) }
}

pub fn email_change_notice(to: &str, first_name: &str, new_email: &str) -> Email {
    let masked = crate::store::applications::mask_email(new_email);
    let body = format!(
        "Bonjour {first_name},\n\n\
         Une nouvelle adresse e-mail ({masked}) a été demandée pour ton espace Pass'Région. Elle ne remplacera celle-ci \
         qu'une fois confirmée depuis le lien qui lui a été envoyé.\n\n\
         Si ce n'est pas toi, change ton mot de passe et appelle le 0810 559 559.\n\n\
         La Région Auvergne-Rhône-Alpes",
    );
    Email { to: to.into(), subject: "Changement d'adresse e-mail demandé".into(), body, link: None }
}

pub fn list(conn: &Connection) -> rusqlite::Result<Vec<OutboxMessage>> {
    table::recent(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_dev_no_link_or_token_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::db::open(dir.path()).unwrap();
        let token = "ab".repeat(32);
        let link = activation_link("https://passregion.example", &token);
        let email = activation_email("elise@gmail.com", "Élise", "2629764351", &link);
        record(&conn, &email, Keep::Redacted, 0).unwrap();
        record(&conn, &email, Keep::Everything, 1).unwrap();
        let [dev, redacted] = <[OutboxMessage; 2]>::try_from(list(&conn).unwrap()).unwrap();
        assert!(!redacted.body.contains(&token) && redacted.link.is_none(), "{redacted:?}");
        assert!(redacted.body.contains(REDACTED_LINK) && redacted.body.contains("26 29 76 43 51"));
        assert_eq!(dev.link.as_deref(), Some(link.as_str()));
        // Nothing of the token anywhere in the file's rows but the dev copy.
        let raw: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM outbox WHERE body LIKE '%' || ?1 || '%' OR link LIKE '%' || ?1 || '%'",
                [&token],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(raw, 1);
    }
}
