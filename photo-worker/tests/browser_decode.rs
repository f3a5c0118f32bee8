//! The worker's browser path, in a real dedicated worker of headless Chromium (`./dev test` runs it through
//! wasm-bindgen-test-runner): `createImageBitmap` must orient before cropping, so that the frame chosen on the upright
//! picture is the one the person sees, and HEIC the browser cannot read must be reported, not crash.
#![cfg(target_arch = "wasm32")]

use passregion_photo::Crop;
use passregion_photo_worker::browser::{crop_resize_rgba, upright_size};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

const W: u32 = 700;
const H: u32 = 900;

/// A picture with distinct content everywhere: a wrong orientation or offset changes most pixels.
fn upright_pixel(x: u32, y: u32) -> [u8; 3] {
    [(x * 255 / W) as u8, (y * 255 / H) as u8, if (x / 50 + y / 50).is_multiple_of(2) { 40 } else { 210 }]
}

/// EXIF 6 (rotate 90° clockwise to show): stored (x, y) shows at upright (H_s − 1 − y, x). EXIF 1: as is.
fn jpeg(orientation: u8) -> Vec<u8> {
    let (sw, sh) = if orientation == 6 { (H, W) } else { (W, H) };
    let mut rgb = Vec::with_capacity((sw * sh * 3) as usize);
    for y in 0..sh {
        for x in 0..sw {
            let px = if orientation == 6 { upright_pixel(sh - 1 - y, x) } else { upright_pixel(x, y) };
            rgb.extend_from_slice(&px);
        }
    }
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0".to_vec();
    exif.extend_from_slice(&[1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0, 0]);
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, 95);
    encoder.add_app_segment(1, &exif).expect("segment");
    encoder.encode(&rgb, sw as u16, sh as u16, jpeg_encoder::ColorType::Rgb).expect("encoded");
    out
}

fn blob(bytes: &[u8]) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&parts).expect("blob")
}

/// Mean difference between the browser's off-centre frame and the same frame of the upright picture.
async fn frame_difference(orientation: u8) -> f64 {
    let file = blob(&jpeg(orientation));
    assert_eq!(upright_size(&file).await, Some((W, H)));
    let crop = Crop { x: 120, y: 90, width: 490, height: 630 };
    let (rgba, w, h) =
        crop_resize_rgba(&file, &crop, (W, H), orientation != 1).await.expect("the browser decodes a JPEG");
    assert_eq!((w, h), (490, 630), "small crops are returned at their own size");
    let mut diff = 0u64;
    for y in 0..h {
        for x in 0..w {
            let i = ((y * w + x) * 4) as usize;
            let want = upright_pixel(crop.x + x, crop.y + y);
            diff += (0..3).map(|c| u64::from(rgba[i + c].abs_diff(want[c]))).sum::<u64>();
        }
    }
    diff as f64 / f64::from(w * h * 3)
}

#[wasm_bindgen_test]
async fn exif_6_frame_is_the_one_chosen_on_the_upright_picture() {
    let mean = frame_difference(6).await;
    assert!(mean < 8.0, "mean difference {mean} from the upright crop");
}

#[wasm_bindgen_test]
async fn upright_frame_is_taken_with_a_source_rectangle() {
    let mean = frame_difference(1).await;
    assert!(mean < 8.0, "mean difference {mean} from the upright crop");
}

#[wasm_bindgen_test]
async fn large_crops_come_back_at_twice_the_output_size() {
    let file = blob(&jpeg(6));
    // 700 wide is under 2 × 700: returned at crop size. The rule: min(2 × output, crop).
    let crop = Crop::centred(W, H);
    let (_, w, h) = crop_resize_rgba(&file, &crop, (W, H), true).await.expect("decoded");
    assert_eq!((w, h), (crop.width, crop.height));
}

#[wasm_bindgen_test]
async fn undecodable_heic_gives_no_size() {
    let mut heic = vec![0, 0, 0, 24];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    heic.resize(256, 0);
    assert_eq!(upright_size(&blob(&heic)).await, None);
}
