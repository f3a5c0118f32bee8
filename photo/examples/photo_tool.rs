//! Helper commands around the pipeline, for fixtures and the benchmark (`bench/run.mjs` calls `reference` and
//! `ssim`; nothing here runs in the app).
//!
//! - `fixture IN OUT SIZE`: downscale a picture (Lanczos3) to SIZE px wide and write it as JPEG q90.
//! - `process IN OUT.jpg`: run the pure-Rust pipeline on the centred 7:9 frame; prints size, quality, timing, advice.
//! - `reference IN OUT.png`: the reference crop: the centred 7:9 frame, upright, Lanczos3 to 827 × 1063, lossless.
//! - `png IN OUT.png`: the picture upright, as PNG (to look at outputs).
//! - `ssim A REF`: SSIM (luma, 8×8 windows, step 4) of A against REF (REF resized to A's size if they differ).

use std::time::Instant;

use image::{DynamicImage, GenericImageView, imageops::FilterType};
use passregion_photo::{Crop, advise, process};

fn load_upright(path: &str) -> DynamicImage {
    let bytes = std::fs::read(path).expect("readable input");
    let mut decoder = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .expect("known format")
        .into_decoder()
        .expect("decoder");
    use image::ImageDecoder;
    let orientation = decoder.orientation().expect("orientation");
    let mut img = DynamicImage::from_decoder(decoder).expect("decodable");
    img.apply_orientation(orientation);
    img
}

fn luma(img: &DynamicImage) -> (Vec<f64>, u32, u32) {
    let (w, h) = img.dimensions();
    let rgb = img.to_rgb8();
    let y = rgb.pixels().map(|p| 0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2])).collect();
    (y, w, h)
}

/// Mean SSIM over 8×8 windows, step 4 (Wang et al. constants, luma only).
fn ssim(a: &DynamicImage, b: &DynamicImage) -> f64 {
    let (ya, w, h) = luma(a);
    let (yb, w2, h2) = luma(b);
    assert_eq!((w, h), (w2, h2), "same size expected");
    let (c1, c2) = ((0.01f64 * 255.0).powi(2), (0.03f64 * 255.0).powi(2));
    let (mut total, mut n) = (0.0, 0.0);
    for y0 in (0..h.saturating_sub(7)).step_by(4) {
        for x0 in (0..w.saturating_sub(7)).step_by(4) {
            let (mut sa, mut sb, mut saa, mut sbb, mut sab) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for y in y0..y0 + 8 {
                for x in x0..x0 + 8 {
                    let i = (y * w + x) as usize;
                    let (p, q) = (ya[i], yb[i]);
                    sa += p;
                    sb += q;
                    saa += p * p;
                    sbb += q * q;
                    sab += p * q;
                }
            }
            let k = 64.0;
            let (ma, mb) = (sa / k, sb / k);
            let (va, vb, cov) = (saa / k - ma * ma, sbb / k - mb * mb, sab / k - ma * mb);
            total += ((2.0 * ma * mb + c1) * (2.0 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
            n += 1.0;
        }
    }
    total / n
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("fixture") => {
            let img = load_upright(&args[2]);
            let size: u32 = args[4].parse().expect("size");
            let out = img.resize(size, size, FilterType::Lanczos3).to_rgb8();
            let mut file = std::fs::File::create(&args[3]).expect("writable");
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut file, 90).encode_image(&out).expect("encoded");
        }
        Some("process") => {
            let bytes = std::fs::read(&args[2]).expect("readable input");
            let info = passregion_photo::probe(&bytes).expect("probe");
            let (w, h) = info.upright_size().expect("size");
            let started = Instant::now();
            let done = process(&bytes, &Crop::centred(w, h)).expect("processed");
            let ms = started.elapsed().as_millis();
            std::fs::write(&args[3], &done.jpeg).expect("writable");
            let advice: Vec<_> = done.advice.iter().map(|a| a.code()).collect();
            println!(
                "{}x{} {} bytes q{} encodes {} {ms} ms advice {advice:?}",
                done.width,
                done.height,
                done.jpeg.len(),
                done.quality,
                done.encodes
            );
        }
        Some("reference") => {
            let img = load_upright(&args[2]);
            let (w, h) = img.dimensions();
            let c = Crop::centred(w, h);
            let out = img.crop_imm(c.x, c.y, c.width, c.height).resize_exact(827, 1063, FilterType::Lanczos3);
            out.to_rgb8().save(&args[3]).expect("writable");
            let rgb = out.to_rgb8();
            let advice: Vec<_> = advise(rgb.as_raw(), 827, 1063).iter().map(|a| a.code()).collect();
            println!("reference {}x{} advice {advice:?}", c.width, c.height);
        }
        Some("png") => load_upright(&args[2]).to_rgb8().save(&args[3]).expect("writable"),
        Some("ssim") => {
            let a = load_upright(&args[2]);
            let mut b = load_upright(&args[3]);
            // A contender that rounds 7:9 differently (826 wide) is compared with the reference resized to its size.
            if a.dimensions() != b.dimensions() {
                b = b.resize_exact(a.width(), a.height(), FilterType::Lanczos3);
            }
            println!("{:.4}", ssim(&a, &b));
        }
        _ => eprintln!("usage: photo_tool fixture|process|reference|ssim …"),
    }
}
