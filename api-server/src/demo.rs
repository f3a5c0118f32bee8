//! `--dev` only: a ready account so a newcomer can log in to the beneficiary space at once, with a card already on
//! its way. Created once per data directory (its idempotency key makes a second start find the same dossier).

use crate::outbox::Keep;
use crate::problem::ApiError;
use crate::store::{Store, applications, dossiers};
use crate::{photo_check, secrets};
use passregion_core::api::*;
use passregion_core::status::Event;

pub const PASSWORD: &str = "Demo-Passregion-2026";
const KEY: &str = "dev-demo-account";
/// When the demo person applied: before the school's validation (12 days ago), as in life.
const APPLIED_DAYS_AGO: i64 = 20;

/// A plain portrait-shaped picture, checked and re-encoded like any upload.
fn photo() -> Result<photo_check::CheckedPhoto, ApiError> {
    let img = image::RgbImage::from_fn(413, 531, |x, y| image::Rgb([120 + (x % 40) as u8, 130 + (y % 30) as u8, 150]));
    let mut bytes = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Jpeg).map_err(ApiError::internal)?;
    photo_check::check(&bytes).map_err(ApiError::internal)
}

/// The demo dossier's number, creating it (applied and activated 20 days ago, validated 12 days ago, card made, sent
/// to the establishment 2 days ago) if this database does not have it yet. Its life is dated in the past, in order,
/// so the dossier page's timeline reads as a real one does.
pub fn ensure(store: &Store, now: i64, public_url: &str) -> Result<String, String> {
    let request = ApplicationRequest {
        campaign_id: "2026-2027".into(),
        charter_version: crate::routes::campaign::CHARTER_VERSION.into(),
        identity: Identity {
            civility: Civility::Madame,
            last_name: "Démo".into(),
            first_name: "Camille".into(),
            birth_date: "2009-05-20".into(),
            email: "camille.demo@example.org".into(),
            password: String::new(),
        },
        guardian: None,
        contact: Contact {
            mobile_phone: "+33612345678".into(),
            address: Address {
                street: "20 rue Jean Richepin".into(),
                complement: None,
                care_of: None,
                postal_code: "63000".into(),
                commune: "Clermont-Ferrand".into(),
                commune_not_listed: false,
            },
        },
        schooling: Schooling { uai: "0630020E".into(), stream_code: "2011001911".into() },
        delivery: Delivery { send_to_establishment: true },
        consents: Consents::default(),
    };
    let photo = photo().map_err(|e| format!("demo photo: {e:?}"))?;
    let password_hash = secrets::hash_password(PASSWORD)?;
    let applied = now - APPLIED_DAYS_AGO * 86_400;
    let new = applications::NewApplication {
        key: KEY.into(),
        request_hash: KEY.into(),
        request,
        password_hash,
        photo: photo.jpeg,
        photo_width: photo.width,
        photo_height: photo.height,
        now: applied,
        public_url: public_url.to_string(),
        keep: Keep::Everything,
    };
    store
        .write_at_start(|conn| {
            let (number, fresh) = match applications::create(conn, new)? {
                applications::Stored::Created(c) => (c.dossier_number, true),
                applications::Stored::Replayed(c) => (c.dossier_number, false),
            };
            if fresh {
                let d = dossiers::by_number(conn, &number)?.ok_or_else(|| ApiError::internal("demo dossier"))?;
                dossiers::mark_activated(conn, d.application_id, applied + 600)?;
                let day = |ago: i64| passregion_core::date::paris_date(now - ago * 86_400);
                for e in [
                    Event::SchoolValidated { on: day(12) },
                    Event::CardManufactured { on: day(6) },
                    Event::CardSent { on: day(2), to_establishment: true },
                ] {
                    dossiers::record_event(conn, d.application_id, &e, now)?;
                }
                crate::store::card::issue(conn, d.application_id, now)?;
            }
            Ok(number)
        })
        .map_err(|e| format!("demo account: {e:?}"))
}
