mod common;

use std::io::Cursor;

use common::*;
use image::{DynamicImage, ImageEncoder, RgbImage, codecs::png::PngEncoder};
use passregion_photo::{Advice, Crop, MAX_INPUT_BYTES, PhotoError, probe, process};

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A valid PNG header announcing 30000 × 30000 RGB pixels, followed by a token IDAT: decoding it would need 2.7 GB.
fn gigantic_png() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&30_000u32.to_be_bytes());
    ihdr.extend_from_slice(&30_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(&mut out, b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    png_chunk(&mut out, b"IEND", &[]);
    out
}

fn animated_gif() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = image::codecs::gif::GifEncoder::new(&mut out);
        let frames = (0..2).map(|i| {
            let buf = image::RgbaImage::from_pixel(500, 650, image::Rgba([i * 100, 50, 50, 255]));
            image::Frame::new(buf)
        });
        encoder.encode_frames(frames).expect("encoded");
    }
    out
}

fn png_of(image: DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(Cursor::new(&mut out))
        .write_image(image.as_bytes(), image.width(), image.height(), image.color().into())
        .expect("encoded");
    out
}

fn cmyk_jpeg(img: &RgbImage) -> Vec<u8> {
    let cmyk: Vec<u8> = img
        .pixels()
        .flat_map(|p| {
            let k = 255 - *p.0.iter().max().expect("3 channels");
            // Adobe CMYK JPEGs store inverted values; jpeg-encoder writes the Adobe marker for this colour type.
            [
                255 - p.0[0] - k.min(255 - p.0[0]),
                255 - p.0[1] - k.min(255 - p.0[1]),
                255 - p.0[2] - k.min(255 - p.0[2]),
                k,
            ]
        })
        .collect();
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 92)
        .encode(&cmyk, img.width() as u16, img.height() as u16, jpeg_encoder::ColorType::Cmyk)
        .expect("encoded");
    out
}

#[test]
fn refused_inputs_each_get_their_error() {
    let good = jpeg(&photo(630, 810), 90, None);
    let truncated = good[..good.len() * 2 / 3].to_vec();
    let mut over_60_mb = good.clone();
    over_60_mb.resize(MAX_INPUT_BYTES as usize + 1, 0);
    let cases: Vec<(&str, Vec<u8>, PhotoError)> = vec![
        ("empty file", vec![], PhotoError::Empty),
        ("text file named .jpg", b"Bonjour, ceci n'est pas une photo.\n".to_vec(), PhotoError::NotAnImage),
        ("truncated JPEG", truncated, PhotoError::Damaged),
        ("JPEG header only", good[..600].to_vec(), PhotoError::Damaged),
        ("30000x30000 PNG", gigantic_png(), PhotoError::TooManyPixels { width: 30_000, height: 30_000 }),
        ("animated GIF", animated_gif(), PhotoError::Animated),
        ("file over 60 MB", over_60_mb, PhotoError::FileTooLarge { bytes: MAX_INPUT_BYTES + 1 }),
        ("BMP", b"BM\x00\x00\x00\x00".to_vec(), PhotoError::Unsupported { format: "bmp" }),
        ("tiny image", jpeg(&photo(200, 260), 90, None), PhotoError::ImageTooSmall { width: 200, height: 260 }),
    ];
    for (what, bytes, expected) in cases {
        assert_eq!(probe(&bytes).err(), Some(expected.clone()), "{what} (probe)");
        assert_eq!(process(&bytes, &Crop::centred(630, 810)).err(), Some(expected), "{what} (process)");
    }
}

#[test]
fn heic_is_recognised_and_left_to_the_browser() {
    let mut heic = vec![0, 0, 0, 24];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    let info = probe(&heic).expect("recognised");
    assert_eq!(info.format.name(), "heic");
    assert_eq!(info.upright_size(), None);
    assert_eq!(
        process(&heic, &Crop::centred(700, 900)).err(),
        Some(PhotoError::NeedsBrowserDecoder { format: "heic" })
    );
}

#[test]
fn frame_below_413_by_531_source_pixels_is_refused() {
    let file = jpeg(&photo(1000, 1200), 90, None);
    let err = process(&file, &Crop { x: 0, y: 0, width: 400, height: 514 }).err();
    assert_eq!(err, Some(PhotoError::CropTooSmall { width: 400, height: 514 }));
}

#[test]
fn unusual_but_valid_encodings_are_accepted() {
    let img = photo(560, 720);
    let crop = Crop::centred(560, 720);
    let reference = decode(&process(&jpeg(&img, 95, None), &crop).expect("rgb").jpeg);

    let gray = png_of(DynamicImage::ImageRgb8(img.clone()).grayscale());
    let out = process(&gray, &crop).expect("grayscale PNG");
    assert!(out.advice.contains(&Advice::Grayscale));

    let sixteen = png_of(DynamicImage::ImageRgb16(DynamicImage::ImageRgb8(img.clone()).to_rgb16()));
    let out = process(&sixteen, &crop).expect("16-bit PNG");
    assert!(mean_abs_diff(&decode(&out.jpeg), &reference) < 3.0);

    let out = process(&cmyk_jpeg(&img), &crop).expect("CMYK JPEG");
    let diff = mean_abs_diff(&decode(&out.jpeg), &reference);
    assert!(diff < 12.0, "CMYK colours converted: mean difference {diff}");

    // Transparency is flattened on white, as on the printed card.
    let mut rgba = DynamicImage::ImageRgb8(img.clone()).to_rgba8();
    rgba.pixels_mut().for_each(|p| p.0[3] = 0);
    let out = process(&png_of(DynamicImage::ImageRgba8(rgba)), &crop).expect("RGBA PNG");
    assert!(decode(&out.jpeg).pixels().all(|p| p.0.iter().all(|&c| c > 240)));

    let single_gif = {
        let mut out = Vec::new();
        let mut encoder = image::codecs::gif::GifEncoder::new(&mut out);
        encoder.encode_frame(image::Frame::new(DynamicImage::ImageRgb8(img.clone()).to_rgba8())).expect("encoded");
        drop(encoder);
        out
    };
    process(&single_gif, &crop).expect("a still GIF is a picture like any other");
}
