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
        self.stored_size
            .map(|(w, h)| self.orientation.upright_size(w, h))
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
        if [
            b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1",
        ]
        .iter()
        .any(|b| brand == *b)
        {
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
        return Err(PhotoError::FileTooLarge {
            bytes: bytes.len() as u64,
        });
    }
    let format = sniff(bytes)?;
    let Some(image_format) = format.image_format() else {
        return Ok(ProbeInfo {
            format,
            stored_size: None,
            orientation: Orientation::UPRIGHT,
        });
    };
    if format == Format::Jpeg && !jpeg_is_complete(bytes) {
        return Err(PhotoError::Damaged);
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
        return Err(PhotoError::ImageTooSmall {
            width: uw,
            height: uh,
        });
    }
    Ok(ProbeInfo {
        format,
        stored_size: Some((width, height)),
        orientation,
    })
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
        Format::Webp => image::codecs::webp::WebPDecoder::new(Cursor::new(bytes))
            .map_err(map_decode_error)?
            .has_animation(),
        Format::Gif => gif_frame_count(bytes) > 1,
        _ => false,
    };
    if animated {
        Err(PhotoError::Animated)
    } else {
        Ok(())
    }
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
        image::ImageError::Limits(_) => PhotoError::TooManyPixels {
            width: 0,
            height: 0,
        },
        image::ImageError::Unsupported(_) => PhotoError::Unsupported { format: "variant" },
        _ => PhotoError::Damaged,
    }
}
