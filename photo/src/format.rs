use std::io::Cursor;

use image::{ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::geometry::Orientation;
use crate::{MAX_INPUT_BYTES, MAX_PIXELS, MAX_SIDE, MIN_CROP_H, MIN_CROP_W, PhotoError};

/// Picture formats, recognised from their first bytes (never from the file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    Gif,
    /// HEIC/HEIF (iPhones) and AVIF: only the browser may decode them.
    Heif,
    Avif,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Gif => "gif",
            Format::Heif => "heic",
            Format::Avif => "avif",
        }
    }

    /// Whether this crate can decode it (otherwise only a browser can).
    pub fn decodable_here(self) -> bool {
        !matches!(self, Format::Heif | Format::Avif)
    }

    pub(crate) fn image_format(self) -> Option<ImageFormat> {
        match self {
            Format::Jpeg => Some(ImageFormat::Jpeg),
            Format::Png => Some(ImageFormat::Png),
            Format::Webp => Some(ImageFormat::WebP),
            Format::Gif => Some(ImageFormat::Gif),
            Format::Heif | Format::Avif => None,
        }
    }
}

/// What the header says, before any pixel is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProbeInfo {
    pub format: Format,
    /// Stored size; `None` for formats only the browser can read.
    pub stored_size: Option<(u32, u32)>,
    pub orientation: Orientation,
}

impl ProbeInfo {
    /// Size once the EXIF orientation is applied.
    pub fn upright_size(&self) -> Option<(u32, u32)> {
        self.stored_size.map(|(w, h)| self.orientation.upright_size(w, h))
    }
}

fn sniff(bytes: &[u8]) -> Result<Format, PhotoError> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(Format::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(Format::Png);
    }
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Ok(Format::Webp);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Ok(Format::Gif);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        let brand = &bytes[8..12];
        if brand == b"avif" || brand == b"avis" {
            return Ok(Format::Avif);
        }
        if [b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"].iter().any(|b| brand == *b) {
            return Ok(Format::Heif);
        }
    }
    let other = if bytes.starts_with(b"BM") {
        Some("bmp")
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some("tiff")
    } else if bytes.starts_with(b"%PDF") {
        Some("pdf")
    } else {
        None
    };
    match other {
        Some(format) => Err(PhotoError::Unsupported { format }),
        None => Err(PhotoError::NotAnImage),
    }
}

/// A JPEG whose last scan never reaches the end-of-image marker was cut short (an interrupted download or copy).
/// Checked here because lenient decoders silently paint the missing part grey.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let last_scan = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]);
    match last_scan {
        Some(at) => bytes[at..].windows(2).any(|w| w == [0xFF, 0xD9]),
        None => false,
    }
}

pub(crate) fn header_limits() -> Limits {
    let mut limits = Limits::default();
    // Headers only: nothing big may be allocated while probing.
    limits.max_alloc = Some(16 * 1024 * 1024);
    limits
}

/// Reads the header: refuses empty, oversized, unknown, animated, damaged or gigantic input without decoding pixels.
pub fn probe(bytes: &[u8]) -> Result<ProbeInfo, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(PhotoError::FileTooLarge { bytes: bytes.len() as u64 });
    }
    let format = sniff(bytes)?;
    let Some(image_format) = format.image_format() else {
        return Ok(ProbeInfo { format, stored_size: None, orientation: Orientation::UPRIGHT });
    };
    if format == Format::Jpeg && !jpeg_is_complete(bytes) {
        return Err(PhotoError::Damaged);
    }
    // A PNG's size is refused from its IHDR before any decoder is built: building one sizes its whole output
    // buffer, which cannot even be expressed in a 32-bit address space (the photo worker's wasm) for a
    // 30000 × 30000 picture, and the decoder's error then no longer says how big the picture was.
    if let Some((width, height)) = png_declared_size(bytes) {
        check_size(width, height)?;
    }
    check_not_animated(format, bytes)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format);
    reader.limits(header_limits());
    let mut decoder = reader.into_decoder().map_err(map_decode_error)?;
    let (width, height) = decoder.dimensions();
    check_size(width, height)?;
    let orientation = decoder.orientation().map(exif_value).unwrap_or(1);
    let orientation = Orientation::from_exif(orientation);
    let (uw, uh) = orientation.upright_size(width, height);
    if uw < MIN_CROP_W || uh < MIN_CROP_H {
        return Err(PhotoError::ImageTooSmall { width: uw, height: uh });
    }
    Ok(ProbeInfo { format, stored_size: Some((width, height)), orientation })
}

/// Width and height from a PNG's first chunk, which the format requires to be IHDR; `None` if it is not there
/// (the decoder then reports the damage).
fn png_declared_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let ihdr = bytes.get(8..24)?;
    if &ihdr[4..8] != b"IHDR" {
        return None;
    }
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    Some((be(&ihdr[8..12]), be(&ihdr[12..16])))
}

pub(crate) fn check_size(width: u32, height: u32) -> Result<(), PhotoError> {
    if width == 0 || height == 0 {
        return Err(PhotoError::Damaged);
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoError::TooManyPixels { width, height });
    }
    Ok(())
}

fn check_not_animated(format: Format, bytes: &[u8]) -> Result<(), PhotoError> {
    let animated = match format {
        Format::Png => image::codecs::png::PngDecoder::new(Cursor::new(bytes))
            .and_then(|d| d.is_apng())
            .map_err(map_decode_error)?,
        Format::Webp => {
            image::codecs::webp::WebPDecoder::new(Cursor::new(bytes)).map_err(map_decode_error)?.has_animation()
        }
        Format::Gif => gif_frame_count(bytes) > 1,
        _ => false,
    };
    if animated { Err(PhotoError::Animated) } else { Ok(()) }
}

/// Counts image descriptors (up to 2) by walking the GIF blocks, without decoding any frame.
fn gif_frame_count(bytes: &[u8]) -> usize {
    let mut frames = 0;
    let Some(&packed) = bytes.get(10) else {
        return 0;
    };
    let mut at = 13;
    if packed & 0x80 != 0 {
        at += 3 * (1usize << ((packed & 0x07) + 1));
    }
    let skip_sub_blocks = |mut at: usize| -> Option<usize> {
        loop {
            let len = *bytes.get(at)? as usize;
            at += 1 + len;
            if len == 0 {
                return Some(at);
            }
        }
    };
    while let Some(&block) = bytes.get(at) {
        match block {
            0x2C => {
                frames += 1;
                if frames > 1 {
                    break;
                }
                let Some(&flags) = bytes.get(at + 9) else {
                    break;
                };
                at += 10;
                if flags & 0x80 != 0 {
                    at += 3 * (1usize << ((flags & 0x07) + 1));
                }
                at += 1; // LZW minimum code size
                match skip_sub_blocks(at) {
                    Some(next) => at = next,
                    None => break,
                }
            }
            0x21 => match skip_sub_blocks(at + 2) {
                Some(next) => at = next,
                None => break,
            },
            _ => break,
        }
    }
    frames
}

fn exif_value(o: image::metadata::Orientation) -> u8 {
    use image::metadata::Orientation as O;
    match o {
        O::NoTransforms => 1,
        O::FlipHorizontal => 2,
        O::Rotate180 => 3,
        O::FlipVertical => 4,
        O::Rotate90FlipH => 5,
        O::Rotate90 => 6,
        O::Rotate270FlipH => 7,
        O::Rotate270 => 8,
    }
}

pub(crate) fn map_decode_error(e: image::ImageError) -> PhotoError {
    match e {
        image::ImageError::Limits(_) => PhotoError::TooManyPixels { width: 0, height: 0 },
        image::ImageError::Unsupported(_) => PhotoError::Unsupported { format: "variant" },
        _ => PhotoError::Damaged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG header with the given size and colour (`color_type` 2 = RGB, 6 = RGBA), then an empty image.
    fn png_header(width: u32, height: u32, bit_depth: u8, color_type: u8) -> Vec<u8> {
        let chunk = |out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]| {
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            let mut body = kind.to_vec();
            body.extend_from_slice(data);
            let mut crc = 0xFFFF_FFFFu32;
            for &b in &body {
                crc ^= u32::from(b);
                for _ in 0..8 {
                    crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
                }
            }
            out.extend_from_slice(&body);
            out.extend_from_slice(&(!crc).to_be_bytes());
        };
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = width.to_be_bytes().to_vec();
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[bit_depth, color_type, 0, 0, 0]);
        chunk(&mut out, b"IHDR", &ihdr);
        chunk(&mut out, b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        chunk(&mut out, b"IEND", &[]);
        out
    }

    /// The photo step printed "trop grande (0 × 0 pixels)" for a 30000 × 30000 PNG: in the worker's 32-bit wasm the
    /// PNG decoder cannot size that picture's buffer and fails before the size check, and its error carries no
    /// size. A 64-bit build fails the same way once the buffer passes 2^63 bytes (2^31 - 1 pixels square, 16-bit
    /// RGBA), which reproduces it here: the size must come from the header, whatever the decoder thinks.
    #[test]
    fn gigantic_png_is_refused_with_its_size() {
        for (width, height, depth, color) in
            [(30_000, 30_000, 8, 2), (i32::MAX as u32, i32::MAX as u32, 16, 6), (20_000, 1_000, 8, 2)]
        {
            assert_eq!(
                probe(&png_header(width, height, depth, color)),
                Err(PhotoError::TooManyPixels { width, height }),
                "{width} × {height}"
            );
        }
    }

    #[test]
    fn png_size_is_read_from_ihdr_only() {
        let png = png_header(827, 1063, 8, 2);
        assert_eq!(png_declared_size(&png), Some((827, 1063)));
        let mut not_ihdr = png.clone();
        not_ihdr[12..16].copy_from_slice(b"tEXt");
        assert_eq!(png_declared_size(&not_ihdr), None);
        assert_eq!(png_declared_size(&png[..20]), None);
    }
}
