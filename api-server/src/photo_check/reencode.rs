//! Decoding under limits and writing the JPEG we store: upright (the EXIF orientation applied, since the EXIF goes),
//! RGB, no metadata at all, no byte the sender chose.

use super::structure::{Format, Layout};
use super::{MAX_LONG_SIDE, Refusal};
use image::codecs::jpeg::JpegEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};
use passregion_core::api::MAX_PHOTO_BYTES;
use std::io::Cursor;

/// What the decoder may allocate for one photo. 24 megapixels take 72 MB as RGB and 96 MB as RGBA, so every 8-bit
/// photo within the pixel budget fits; a 16-bit PNG that large does not, and is refused as too many pixels.
pub const MAX_DECODE_BYTES: u64 = 128 * 1024 * 1024;

/// Qualities tried in turn until the JPEG fits in [`MAX_PHOTO_BYTES`]. 90 keeps a second generation of a camera
/// JPEG visually identical; a file that does not fit even at 50 was squeezed harder than an ID photo can bear.
pub const QUALITIES: [u8; 5] = [90, 80, 70, 60, 50];

pub struct Encoded {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

pub fn reencode(bytes: &[u8], layout: Layout) -> Result<Encoded, Refusal> {
    encode(&decode_upright(bytes, layout)?)
}

fn decode_upright(bytes: &[u8], layout: Layout) -> Result<RgbImage, Refusal> {
    let format = match layout.format {
        Format::Jpeg => ImageFormat::Jpeg,
        Format::Png => ImageFormat::Png,
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_LONG_SIDE);
    limits.max_image_height = Some(MAX_LONG_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits.clone());
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    // Our walk and the decoder must agree on what they read, or the bounds checked on one would not hold on the other.
    if decoder.dimensions() != (layout.width, layout.height) {
        return Err(Refusal::Unreadable("the decoder disagrees with the header"));
    }
    // Garbled EXIF is metadata we drop anyway: it must not cost the photo.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    // `into_decoder` leaves the output buffer out of the allocation budget (only `decode` counts it, and `decode`
    // would hide the orientation from us).
    limits.reserve(decoder.total_bytes()).map_err(refusal)?;
    let decoded = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    let mut upright = DynamicImage::ImageRgb8(flatten(decoded));
    upright.apply_orientation(orientation);
    Ok(upright.into_rgb8())
}

fn refusal(e: ImageError) -> Refusal {
    match e {
        ImageError::Limits(_) => Refusal::TooManyPixels,
        _ => Refusal::Unreadable("the decoder failed"),
    }
}

/// Grey becomes RGB; transparency is laid on white, the background an ID photo wants (the colour under a transparent
/// pixel is arbitrary, often black).
fn flatten(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let mut out = RgbImage::new(rgba.width(), rgba.height());
    for (o, p) in out.pixels_mut().zip(rgba.pixels()) {
        let alpha = u16::from(p[3]);
        for c in 0..3 {
            o[c] = ((u16::from(p[c]) * alpha + 255 * (255 - alpha) + 127) / 255) as u8;
        }
    }
    out
}

fn encode(pixels: &RgbImage) -> Result<Encoded, Refusal> {
    for quality in QUALITIES {
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut jpeg, quality)
            .encode_image(pixels)
            .map_err(|_| Refusal::Unreadable("the encoder failed"))?;
        if jpeg.len() <= MAX_PHOTO_BYTES {
            return Ok(Encoded { jpeg, width: pixels.width(), height: pixels.height() });
        }
    }
    Err(Refusal::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgba, RgbaImage};

    fn png_rgba(img: &RgbaImage) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgba8)
            .unwrap();
        out
    }

    fn decode(jpeg: &[u8]) -> RgbImage {
        image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg).unwrap().into_rgb8()
    }

    fn layout(format: Format, w: u32, h: u32) -> Layout {
        Layout { format, width: w, height: h }
    }

    #[test]
    fn transparency_is_laid_on_white_and_grey_becomes_rgb() {
        // Left half: red, fully transparent; right half: opaque blue.
        let img =
            RgbaImage::from_fn(300, 400, |x, _| if x < 150 { Rgba([255, 0, 0, 0]) } else { Rgba([0, 0, 255, 255]) });
        let out = reencode(&png_rgba(&img), layout(Format::Png, 300, 400)).unwrap();
        let back = decode(&out.jpeg);
        let near = |a: [u8; 3], b: [u8; 3]| a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 6);
        assert!(near(back.get_pixel(40, 200).0, [255, 255, 255]), "{:?}", back.get_pixel(40, 200));
        assert!(near(back.get_pixel(260, 200).0, [0, 0, 255]), "{:?}", back.get_pixel(260, 200));

        let grey = image::GrayImage::from_fn(300, 400, |x, _| image::Luma([(x % 256) as u8]));
        let mut png = Vec::new();
        grey.write_to(&mut Cursor::new(&mut png), ImageFormat::Png).unwrap();
        let out = reencode(&png, layout(Format::Png, 300, 400)).unwrap();
        let decoder = image::codecs::jpeg::JpegDecoder::new(Cursor::new(&out.jpeg)).unwrap();
        assert_eq!(decoder.color_type(), image::ColorType::Rgb8);
    }

    #[test]
    fn a_header_the_decoder_reads_differently_is_unreadable() {
        let mut png = Vec::new();
        RgbImage::new(300, 400).write_to(&mut Cursor::new(&mut png), ImageFormat::Png).unwrap();
        let err = reencode(&png, layout(Format::Png, 400, 300)).err();
        assert_eq!(err, Some(Refusal::Unreadable("the decoder disagrees with the header")));
    }

    /// A square of pseudo-random noise of this amplitude over a diagonal ramp.
    fn noise(side: u32, amplitude: u32) -> RgbImage {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        RgbImage::from_fn(side, side, |x, y| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let ramp = (x + y) * (256 - amplitude) / (2 * side);
            let channel = |s: u64| (s as u32 % amplitude + ramp) as u8;
            image::Rgb([channel(seed), channel(seed >> 8), channel(seed >> 16)])
        })
    }

    #[test]
    fn the_highest_quality_that_fits_is_kept_and_nothing_fits_noise() {
        // About 3.9 MB at 90, 2.3 MB at 80, 1.4 MB at 70.
        let grainy = noise(2000, 64);
        let at = |q: u8| {
            let mut out = Vec::new();
            JpegEncoder::new_with_quality(&mut out, q).encode_image(&grainy).unwrap();
            out
        };
        assert!(at(80).len() > MAX_PHOTO_BYTES, "{}", at(80).len());
        let out = encode(&grainy).unwrap();
        assert!(out.jpeg == at(70), "{} bytes", out.jpeg.len());
        assert_eq!((out.width, out.height), (2000, 2000));
        // Pure noise does not compress: over 2 MB even at the lowest quality we accept.
        assert_eq!(encode(&noise(1600, 256)).err(), Some(Refusal::TooLarge));
    }
}
