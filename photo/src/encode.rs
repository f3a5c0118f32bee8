use jpeg_encoder::{ColorType, Encoder, SamplingFactor};

use crate::PhotoError;

/// The quality search never encodes more than this many times.
pub const QUALITY_LADDER_MAX_ENCODES: usize = 4;
/// First try: visually lossless for a face at this size, and usually a few hundred kilobytes.
const FIRST_QUALITY: u8 = 90;
/// Floor of the search; far below any real photo's need at 827 × 1063 (even pure noise fits at this quality).
const FLOOR_QUALITY: u8 = 10;

fn encode(rgb: &[u8], width: u32, height: u32, quality: u8) -> Vec<u8> {
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = Encoder::new(&mut out, quality);
    encoder.set_sampling_factor(SamplingFactor::F_2_2);
    // No optimised Huffman tables: jpeg-encoder 0.6.1 writes a corrupt stream when they are combined with 4:2:0.
    encoder
        .encode(rgb, width as u16, height as u16, ColorType::Rgb)
        .expect("sizes are checked by the caller and writing to a Vec cannot fail");
    out
}

/// Encodes packed RGB as JPEG, with the highest quality the search finds under `max_bytes`, in at most
/// [`QUALITY_LADDER_MAX_ENCODES`] encodes: the first quality, then the floor, then two bisection steps.
/// Returns the bytes, the quality used and how many encodes it took.
pub fn encode_within(
    rgb: &[u8],
    width: u32,
    height: u32,
    max_bytes: usize,
) -> Result<(Vec<u8>, u8, usize), PhotoError> {
    if width == 0 || height == 0 || width > 65_535 || height > 65_535 || rgb.len() != (width * height * 3) as usize {
        return Err(PhotoError::BadCrop);
    }
    let first = encode(rgb, width, height, FIRST_QUALITY);
    if first.len() <= max_bytes {
        return Ok((first, FIRST_QUALITY, 1));
    }
    let floor = encode(rgb, width, height, FLOOR_QUALITY);
    if floor.len() > max_bytes {
        return Err(PhotoError::Damaged);
    }
    let (mut best, mut best_q, mut encodes) = (floor, FLOOR_QUALITY, 2);
    let (mut lo, mut hi) = (FLOOR_QUALITY, FIRST_QUALITY);
    while encodes < QUALITY_LADDER_MAX_ENCODES && hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        let attempt = encode(rgb, width, height, mid);
        encodes += 1;
        if attempt.len() <= max_bytes {
            (best, best_q, lo) = (attempt, mid, mid);
        } else {
            hi = mid;
        }
    }
    Ok((best, best_q, encodes))
}
