mod common;

use common::*;
use passregion_photo::{Crop, MAX_OUTPUT_BYTES, QUALITY_LADDER_MAX_ENCODES, encode_within, process};

fn check(w: u32, h: u32) {
    let input = jpeg(&photo(w, h), 95, None);
    assert!(input.len() > MAX_OUTPUT_BYTES, "the input itself is over the limit ({} bytes)", input.len());
    let out = process(&input, &Crop::centred(w, h)).expect("processed");
    assert!(out.jpeg.len() <= MAX_OUTPUT_BYTES, "{} bytes", out.jpeg.len());
    assert!(out.encodes <= QUALITY_LADDER_MAX_ENCODES);
    assert_eq!((out.width, out.height), (827, 1063));
    assert_eq!(decode(&out.jpeg).dimensions(), (827, 1063));
}

#[test]
fn a_12_megapixel_photo_fits_the_limit() {
    check(4000, 3000);
}

#[test]
fn a_48_megapixel_photo_fits_the_limit() {
    check(8000, 6000);
}

/// Pure noise is the worst case for JPEG: the search must still land under the limit within 4 encodes, and stay
/// under a tighter budget too.
#[test]
fn worst_case_noise_fits_within_four_encodes() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let rgb: Vec<u8> = (0..827 * 1063 * 3)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    for budget in [MAX_OUTPUT_BYTES, 600_000] {
        let (bytes, quality, encodes) = encode_within(&rgb, 827, 1063, budget).expect("fits");
        assert!(bytes.len() <= budget, "{} > {budget}", bytes.len());
        assert!(encodes <= QUALITY_LADDER_MAX_ENCODES);
        assert!(quality >= 10);
    }
}
