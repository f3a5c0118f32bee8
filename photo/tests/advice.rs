mod common;

use common::*;
use image::{DynamicImage, RgbImage};
use passregion_photo::{Advice, Crop, process};

fn advice_for(img: &RgbImage) -> Vec<Advice> {
    let (w, h) = img.dimensions();
    process(&jpeg(img, 92, None), &Crop::centred(w, h))
        .expect("processed")
        .advice
}

fn map(img: &RgbImage, f: impl Fn(u8) -> u8) -> RgbImage {
    let mut out = img.clone();
    out.pixels_mut()
        .for_each(|p| p.0.iter_mut().for_each(|c| *c = f(*c)));
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
