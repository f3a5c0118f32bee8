mod common;

use common::*;
use image::{Rgb, RgbImage};
use passregion_photo::{Crop, probe, process};

#[test]
fn all_eight_exif_orientations_give_the_same_upright_photo() {
    let upright = photo(630, 900);
    // Off-centre frame: a wrong mapping between upright and stored pixels would pick another area.
    let crop = Crop { x: 100, y: 60, width: 490, height: 630 };
    let reference = decode(&process(&jpeg(&upright, 95, Some(1)), &crop).expect("upright processed").jpeg);
    for o in 1..=8u8 {
        let file = jpeg(&stored_for(&upright, o), 95, Some(o));
        let info = probe(&file).expect("probed");
        assert_eq!(info.orientation.exif(), o);
        assert_eq!(info.upright_size(), Some((630, 900)), "o={o}");
        let out = process(&file, &crop).expect("processed");
        assert_eq!((out.width, out.height), (490, 630), "o={o}");
        let diff = mean_abs_diff(&decode(&out.jpeg), &reference);
        assert!(diff < 2.5, "orientation {o}: mean difference {diff}");
    }
}

#[test]
fn crop_takes_exactly_the_chosen_area() {
    // Four flat quadrants; the frame straddles the vertical border at 1/4 of its width.
    let (w, h) = (1400, 1800);
    let colours = [Rgb([200, 30, 30]), Rgb([30, 200, 30]), Rgb([30, 30, 200]), Rgb([220, 220, 40])];
    let img = RgbImage::from_fn(w, h, |x, y| colours[usize::from(x >= 700) + 2 * usize::from(y >= 900)]);
    let crop = Crop { x: 525, y: 450, width: 700, height: 900 };
    let out = process(&jpeg(&img, 95, None), &crop).expect("processed");
    assert_eq!((out.width, out.height), (700, 900));
    let got = decode(&out.jpeg);
    let near = |p: &Rgb<u8>, c: &Rgb<u8>| p.0.iter().zip(c.0).all(|(a, b)| a.abs_diff(b) < 24);
    // Left quarter from the left quadrants, the rest from the right ones; top half from the top ones.
    assert!(near(got.get_pixel(80, 200), &colours[0]));
    assert!(near(got.get_pixel(260, 200), &colours[1]));
    assert!(near(got.get_pixel(80, 700), &colours[2]));
    assert!(near(got.get_pixel(600, 700), &colours[3]));
    // Borders land where the maths says: x = 700 − 525 = 175, y = 900 − 450 = 450.
    assert!(near(got.get_pixel(165, 440), &colours[0]) && near(got.get_pixel(185, 440), &colours[1]));
    assert!(near(got.get_pixel(165, 460), &colours[2]));
}

#[test]
fn large_frames_are_resized_to_827_by_1063() {
    let img = photo(1800, 2400);
    let out = process(&jpeg(&img, 90, None), &Crop::centred(1800, 2400)).expect("processed");
    assert_eq!((out.width, out.height), (827, 1063));
    let decoded = decode(&out.jpeg);
    assert_eq!(decoded.dimensions(), (827, 1063));
}
