mod common;

use common::*;
use image::{DynamicImage, RgbImage};
use passregion_photo::{Advice, Crop, process};

fn advice_for(img: &RgbImage) -> Vec<Advice> {
    let (w, h) = img.dimensions();
    process(&jpeg(img, 92, None), &Crop::centred(w, h)).expect("processed").advice
}

fn map(img: &RgbImage, f: impl Fn(u8) -> u8) -> RgbImage {
    let mut out = img.clone();
    out.pixels_mut().for_each(|p| p.0.iter_mut().for_each(|c| *c = f(*c)));
    out
}

/// The fixture at its own scale (no upscaling): a sharp, well-exposed portrait.
fn sharp() -> RgbImage {
    let f = fixture();
    let mut canvas = RgbImage::from_pixel(420, 540, image::Rgb([235, 235, 230]));
    image::imageops::overlay(&mut canvas, &f, 10, 70);
    canvas
}

#[test]
fn a_good_photo_gets_no_advice() {
    assert_eq!(advice_for(&sharp()), vec![]);
}

#[test]
fn exposure_and_sharpness_problems_are_detected() {
    let img = sharp();
    assert!(advice_for(&map(&img, |c| c / 5)).contains(&Advice::TooDark));
    assert!(advice_for(&map(&img, |c| c.saturating_add(150))).contains(&Advice::OverExposed));
    let blurred = DynamicImage::ImageRgb8(img.clone()).blur(4.0).to_rgb8();
    let advice = advice_for(&blurred);
    assert!(advice.contains(&Advice::Blurry), "{advice:?}");
    assert!(!advice.contains(&Advice::TooDark) && !advice.contains(&Advice::OverExposed));
}

/// The fixture enlarged four times, as a phone's photo of a face is much larger than the card needs.
fn enlarged() -> RgbImage {
    let f = fixture();
    DynamicImage::ImageRgb8(f.clone())
        .resize_exact(f.width() * 4, f.height() * 4, image::imageops::FilterType::Triangle)
        .to_rgb8()
}

/// A 7:9 frame `width` pixels wide in the centre of `img`.
fn centre_frame(img: &RgbImage, width: u32) -> Crop {
    let height = width * 9 / 7;
    Crop { x: (img.width() - width) / 2, y: (img.height() - height) / 2, width, height }
}

/// Issue 12: zooming until the face fills the oval kept the frame at its source resolution (800 pixels wide here),
/// where each edge spreads over several pixels, and a sharp face was called blurred (variance 14.7 against a
/// threshold of 40 before the fix). Sharpness is now judged at the printing scale.
#[test]
fn zooming_into_a_large_sharp_photo_is_not_called_blurry() {
    let img = enlarged();
    let tight = process(&jpeg(&img, 92, None), &centre_frame(&img, 800)).expect("processed");
    assert_eq!(tight.width, 800, "kept at its source resolution");
    assert!(!tight.advice.contains(&Advice::Blurry), "{:?}", tight.advice);
}

/// The other side of the same rule: what will look blurred once printed is still said to be.
#[test]
fn a_photo_blurred_at_the_printing_scale_is_still_called_blurry() {
    let blurred = DynamicImage::ImageRgb8(enlarged()).blur(6.0).to_rgb8();
    let advice = process(&jpeg(&blurred, 92, None), &centre_frame(&blurred, 800)).expect("processed").advice;
    assert!(advice.contains(&Advice::Blurry), "{advice:?}");
}
