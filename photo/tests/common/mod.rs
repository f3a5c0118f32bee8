//! Inputs built in code from the small committed fixture, so that the tests need nothing outside the repo.
#![allow(dead_code)]

use image::{DynamicImage, RgbImage, imageops::FilterType};

pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/photos/astronaut-400.jpg");

pub fn fixture() -> RgbImage {
    image::open(FIXTURE).expect("fixture present").to_rgb8()
}

/// The fixture stretched to `w × h`, with fine deterministic grain so that big inputs compress like real photos
/// rather than like smooth upscales.
pub fn photo(w: u32, h: u32) -> RgbImage {
    let mut img = DynamicImage::ImageRgb8(fixture()).resize_exact(w, h, FilterType::Triangle).to_rgb8();
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for px in img.pixels_mut() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let grain = (state % 9) as i16 - 4;
        for c in &mut px.0 {
            *c = (i16::from(*c) + grain).clamp(0, 255) as u8;
        }
    }
    img
}

/// Baseline JPEG of `img`, with an EXIF APP1 segment carrying `orientation` when given.
pub fn jpeg(img: &RgbImage, quality: u8, orientation: Option<u8>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    if let Some(o) = orientation {
        encoder.add_app_segment(1, &exif_orientation(o)).expect("valid segment");
    }
    encoder
        .encode(img.as_raw(), img.width() as u16, img.height() as u16, jpeg_encoder::ColorType::Rgb)
        .expect("encoded");
    out
}

/// Minimal EXIF block: a little-endian TIFF header with one IFD entry, Orientation (0x0112, SHORT).
fn exif_orientation(o: u8) -> Vec<u8> {
    let mut v = b"Exif\0\0II*\0\x08\0\0\0".to_vec();
    v.extend_from_slice(&1u16.to_le_bytes());
    v.extend_from_slice(&0x0112u16.to_le_bytes());
    v.extend_from_slice(&3u16.to_le_bytes());
    v.extend_from_slice(&1u32.to_le_bytes());
    v.extend_from_slice(&[o, 0, 0, 0]);
    v.extend_from_slice(&0u32.to_le_bytes());
    v
}

/// Stores `upright` the way a camera with EXIF `o` would: applying `o` to the result gives `upright` back.
pub fn stored_for(upright: &RgbImage, o: u8) -> RgbImage {
    let (uw, uh) = upright.dimensions();
    let (sw, sh) = if o >= 5 { (uh, uw) } else { (uw, uh) };
    RgbImage::from_fn(sw, sh, |x, y| {
        // Where the stored pixel (x, y) lands once turned upright (EXIF definitions).
        let (u, v) = match o {
            2 => (sw - 1 - x, y),
            3 => (sw - 1 - x, sh - 1 - y),
            4 => (x, sh - 1 - y),
            5 => (y, x),
            6 => (sh - 1 - y, x),
            7 => (sh - 1 - y, sw - 1 - x),
            8 => (y, sw - 1 - x),
            _ => (x, y),
        };
        *upright.get_pixel(u, v)
    })
}

pub fn decode(jpeg: &[u8]) -> RgbImage {
    image::load_from_memory(jpeg).expect("our output decodes").to_rgb8()
}

pub fn mean_abs_diff(a: &RgbImage, b: &RgbImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let sum: u64 = a.as_raw().iter().zip(b.as_raw()).map(|(p, q)| u64::from(p.abs_diff(*q))).sum();
    sum as f64 / a.as_raw().len() as f64
}
