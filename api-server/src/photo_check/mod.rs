//! Checks an uploaded ID photo by its content, never by its name or declared type, and gives back the JPEG to
//! store: one we wrote from the decoded pixels, so nothing else the sender put in the file (EXIF and its GPS
//! position, comments, HTML appended to the image, a second picture) reaches the database or, later, a browser.
//!
//! Cheapest first: `structure` walks the markers or chunks in linear time and judges the declared size before any
//! decoder runs; `reencode` decodes under allocation limits, turns the picture upright and writes a fresh JPEG;
//! [`photo_response`] is how a stored photo goes back out.
//!
//! `check` is CPU-bound (a 24-megapixel photo takes a decode and at least one encode): call it off the async
//! runtime, on the blocking pool.

mod reencode;
mod serve;
mod structure;

pub use reencode::{MAX_DECODE_BYTES, QUALITIES};
pub use serve::photo_response;
pub use structure::{MAX_METADATA_BYTES, MAX_METADATA_SEGMENTS, MAX_SCANS, MAX_TABLE_SEGMENTS, TRAILING_SLACK};

use passregion_core::ErrorCode;
use passregion_core::api::MAX_PHOTO_BYTES;

pub const MIN_WIDTH: u32 = 200;
pub const MIN_HEIGHT: u32 = 250;
/// Portrait or landscape, no side longer than this.
pub const MAX_LONG_SIDE: u32 = 8000;
/// Twice a 12-megapixel phone photo, a whole 6000 × 4000 camera frame: more is a decompression bomb, most likely.
/// Decoded, 24 megapixels are 72 MB of RGB, which bounds the memory one check can take.
pub const MAX_PIXELS: u64 = 24_000_000;

/// Server-only code: more pixels than any camera photo needs (a decompression bomb, most likely).
pub const PHOTO_TOO_MANY_PIXELS: &str = "photo_too_many_pixels";

/// The photo to store and what to record about it.
#[derive(Clone, PartialEq, Eq)]
pub struct CheckedPhoto {
    /// Always "image/jpeg": what we store is the JPEG we wrote, whatever was sent.
    pub media_type: &'static str,
    /// Of [`Self::jpeg`], once upright: a sideways phone photo has its sides swapped here.
    pub width: u32,
    pub height: u32,
    /// The clean JPEG to store instead of the bytes received.
    pub jpeg: Vec<u8>,
}

impl std::fmt::Debug for CheckedPhoto {
    // A megabyte of JPEG in a log line or a failed assertion helps no one.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckedPhoto")
            .field("media_type", &self.media_type)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("jpeg", &format_args!("{} bytes", self.jpeg.len()))
            .finish()
    }
}

/// Why a photo is refused. The reasons of `Unreadable` are for tests and logs; the user sees one code for them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    Missing,
    TooLarge,
    TooManyPixels,
    TooSmall,
    Unreadable(&'static str),
}

impl Refusal {
    fn code(self) -> &'static str {
        match self {
            Refusal::Missing => ErrorCode::PhotoRequired.as_str(),
            Refusal::TooLarge => ErrorCode::PhotoTooLarge.as_str(),
            Refusal::TooManyPixels => PHOTO_TOO_MANY_PIXELS,
            Refusal::TooSmall => ErrorCode::PhotoTooSmall.as_str(),
            Refusal::Unreadable(_) => ErrorCode::PhotoUnreadable.as_str(),
        }
    }
}

/// The clean photo to store, or the field error code explaining the refusal.
pub fn check(bytes: &[u8]) -> Result<CheckedPhoto, String> {
    walk(bytes.to_vec())?.reencode()
}

/// A file whose structure passed the walk: cheap to get (linear, no decoder), so it is done before a request waits
/// for one of the few slots of heavy work; [`Walked::reencode`] is the costly part.
pub struct Walked {
    bytes: Vec<u8>,
    layout: structure::Layout,
}

/// The structure walk and the header's size, or the field error code.
pub fn walk(bytes: Vec<u8>) -> Result<Walked, String> {
    let refuse = |r: Refusal| r.code().to_string();
    if bytes.is_empty() {
        return Err(refuse(Refusal::Missing));
    }
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(refuse(Refusal::TooLarge));
    }
    let layout = structure::walk(&bytes).map_err(refuse)?;
    Ok(Walked { bytes, layout })
}

impl Walked {
    /// Decodes under limits, applies the orientation and writes the clean JPEG.
    pub fn reencode(self) -> Result<CheckedPhoto, String> {
        let clean = reencode::reencode(&self.bytes, self.layout).map_err(|r| r.code().to_string())?;
        Ok(CheckedPhoto { media_type: "image/jpeg", width: clean.width, height: clean.height, jpeg: clean.jpeg })
    }
}

/// The bounds on a declared size, applied as soon as a header is read. Portrait or landscape: the app crops, so
/// either orientation is fine.
fn check_dimensions(width: u32, height: u32) -> Result<(), Refusal> {
    let (short, long) = (width.min(height), width.max(height));
    if long > MAX_LONG_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Refusal::TooManyPixels);
    }
    if short < MIN_WIDTH || long < MIN_HEIGHT {
        return Err(Refusal::TooSmall);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::ImageFormat;
    use std::io::Cursor;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        image::RgbImage::new(w, h).write_to(&mut Cursor::new(&mut out), ImageFormat::Png).unwrap();
        out
    }

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg).unwrap();
        out
    }

    /// The marker codes of a JPEG's segments, up to SOS.
    fn markers_before_scan(jpeg: &[u8]) -> Vec<u8> {
        let (mut pos, mut out) = (2, Vec::new());
        while jpeg[pos + 1] != 0xDA {
            out.push(jpeg[pos + 1]);
            pos += 2 + usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
        }
        out
    }

    #[test]
    fn accepts_real_pictures_by_content_and_gives_back_a_jpeg_of_ours() {
        for (bytes, w, h) in [(png(300, 400), 300, 400), (jpeg(400, 300), 400, 300)] {
            let ok = check(&bytes).unwrap();
            assert_eq!((ok.media_type, ok.width, ok.height), ("image/jpeg", w, h));
            assert!(ok.jpeg.starts_with(&[0xFF, 0xD8, 0xFF]) && ok.jpeg.ends_with(&[0xFF, 0xD9]));
            // JFIF, then tables and frame only: no APP1 (Exif, XMP), APP2 (ICC) or COM.
            let markers = markers_before_scan(&ok.jpeg);
            assert_eq!(markers[0], 0xE0, "{markers:x?}");
            assert!(markers[1..].iter().all(|m| matches!(m, 0xC0 | 0xC4 | 0xDB)), "{markers:x?}");
            // What we store passes our own check unchanged in size.
            let again = check(&ok.jpeg).unwrap();
            assert_eq!((again.width, again.height), (w, h));
            assert!(format!("{ok:?}").contains(&format!("jpeg: {} bytes", ok.jpeg.len())));
        }
    }

    #[test]
    fn refuses_what_is_not_a_usable_picture() {
        assert_eq!(check(b"%PDF-1.7\n...").unwrap_err(), "photo_unreadable");
        assert_eq!(check(&[]).unwrap_err(), "photo_required");
        assert_eq!(check(&png(100, 120)).unwrap_err(), "photo_too_small");
        assert_eq!(check(&vec![0xFF; MAX_PHOTO_BYTES + 1]).unwrap_err(), "photo_too_large");
        // A PNG signature followed by garbage.
        assert_eq!(check(b"\x89PNG\r\n\x1a\nnot really").unwrap_err(), "photo_unreadable");
        // A JPEG cut short: the walk wants the end marker.
        let whole = jpeg(300, 400);
        assert_eq!(structure::walk(&whole[..whole.len() - 100]), Err(Refusal::Unreadable("truncated")));
    }

    #[test]
    fn the_pixel_budget_and_the_long_side_are_both_enforced() {
        let cases = [
            ((200, 250), Ok(())),
            ((250, 200), Ok(())),
            ((199, 400), Err(Refusal::TooSmall)),
            ((240, 249), Err(Refusal::TooSmall)),
            ((6000, 4000), Ok(())),
            ((4000, 6000), Ok(())),
            ((4898, 4898), Ok(())),
            ((4899, 4899), Err(Refusal::TooManyPixels)),
            ((6000, 8000), Err(Refusal::TooManyPixels)),
            ((8000, 3000), Ok(())),
            ((8001, 2000), Err(Refusal::TooManyPixels)),
            ((2000, 8001), Err(Refusal::TooManyPixels)),
            ((u32::MAX, u32::MAX), Err(Refusal::TooManyPixels)),
        ];
        for ((w, h), expected) in cases {
            assert_eq!(check_dimensions(w, h), expected, "{w}×{h}");
        }
    }
}
