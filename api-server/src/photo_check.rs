//! Checks an uploaded ID photo by its content, never by its name or declared type: magic bytes first, then the
//! dimensions read from the header alone. Nothing is decoded, so a small file claiming 30000×30000 pixels costs
//! nothing.

use image::{ImageFormat, ImageReader, Limits};
use passregion_core::ErrorCode;
use passregion_core::api::MAX_PHOTO_BYTES;
use std::io::Cursor;

pub const MIN_WIDTH: u32 = 200;
pub const MIN_HEIGHT: u32 = 250;
pub const MAX_WIDTH: u32 = 6000;
pub const MAX_HEIGHT: u32 = 8000;

/// Server-only code: more pixels than any camera photo needs (a decompression bomb, most likely).
pub const PHOTO_TOO_MANY_PIXELS: &str = "photo_too_many_pixels";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedPhoto {
    pub media_type: &'static str,
    pub width: u32,
    pub height: u32,
}

/// The photo's media type and size, or the field error code explaining the refusal.
pub fn check(bytes: &[u8]) -> Result<CheckedPhoto, String> {
    if bytes.is_empty() {
        return Err(ErrorCode::PhotoRequired.as_str().into());
    }
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(ErrorCode::PhotoTooLarge.as_str().into());
    }
    let (format, media_type) = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        (ImageFormat::Jpeg, "image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        (ImageFormat::Png, "image/png")
    } else {
        return Err(ErrorCode::PhotoUnreadable.as_str().into());
    };
    if let Some((w, h)) = png_header_size(bytes)
        && (w.min(h) > MAX_WIDTH || w.max(h) > MAX_HEIGHT)
    {
        return Err(PHOTO_TOO_MANY_PIXELS.into());
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_WIDTH.max(MAX_HEIGHT));
    limits.max_image_height = Some(MAX_WIDTH.max(MAX_HEIGHT));
    limits.max_alloc = Some(64 * 1024 * 1024);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    let (width, height) = match reader.into_dimensions() {
        Ok(dims) => dims,
        Err(image::ImageError::Limits(_)) => return Err(PHOTO_TOO_MANY_PIXELS.into()),
        Err(_) => return Err(ErrorCode::PhotoUnreadable.as_str().into()),
    };
    // Portrait or landscape: the app crops, but the long side must fit the bounds either way.
    let (short, long) = (width.min(height), width.max(height));
    if short > MAX_WIDTH || long > MAX_HEIGHT {
        return Err(PHOTO_TOO_MANY_PIXELS.into());
    }
    if short < MIN_WIDTH || long < MIN_HEIGHT {
        return Err(ErrorCode::PhotoTooSmall.as_str().into());
    }
    Ok(CheckedPhoto { media_type, width, height })
}

/// Width and height from a PNG's IHDR chunk, which the format requires to come first.
fn png_header_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
    Some((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        image::RgbImage::new(w, h).write_to(&mut Cursor::new(&mut out), ImageFormat::Png).unwrap();
        out
    }

    #[test]
    fn accepts_real_pictures_by_content() {
        let ok = check(&png(300, 400)).unwrap();
        assert_eq!((ok.media_type, ok.width, ok.height), ("image/png", 300, 400));
        let mut jpeg = Vec::new();
        image::RgbImage::new(400, 300).write_to(&mut Cursor::new(&mut jpeg), ImageFormat::Jpeg).unwrap();
        assert_eq!(check(&jpeg).unwrap().media_type, "image/jpeg");
    }

    #[test]
    fn refuses_what_is_not_a_usable_picture() {
        assert_eq!(check(b"%PDF-1.7\n...").unwrap_err(), "photo_unreadable");
        assert_eq!(check(&[]).unwrap_err(), "photo_required");
        assert_eq!(check(&png(100, 120)).unwrap_err(), "photo_too_small");
        assert_eq!(check(&vec![0xFF; MAX_PHOTO_BYTES + 1]).unwrap_err(), "photo_too_large");
        // A PNG signature followed by garbage.
        assert_eq!(check(b"\x89PNG\r\n\x1a\nnot really").unwrap_err(), "photo_unreadable");
    }
}
