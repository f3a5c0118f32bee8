use std::fmt;

/// Why a photo is refused. Each variant has a stable [`code`](PhotoError::code) that the UI turns into a message
/// in the user's language (`photo.error_<code>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoError {
    /// The file holds no bytes.
    Empty,
    /// The file is over [`crate::MAX_INPUT_BYTES`].
    FileTooLarge { bytes: u64 },
    /// Not a picture we recognise (e.g. a text file renamed `.jpg`).
    NotAnImage,
    /// A picture format we do not take (TIFF, BMP…).
    Unsupported { format: &'static str },
    /// HEIC/HEIF/AVIF that this browser cannot decode.
    NeedsBrowserDecoder { format: &'static str },
    /// An animation (GIF, APNG, animated WebP): not a photo.
    Animated,
    /// Width × height beyond what we can decode in bounded memory; refused from the header.
    TooManyPixels { width: u32, height: u32 },
    /// The whole picture is smaller than the minimum crop.
    ImageTooSmall { width: u32, height: u32 },
    /// The chosen frame covers fewer source pixels than the minimum.
    CropTooSmall { width: u32, height: u32 },
    /// The frame is not 7:9 or lies outside the picture (a bug in the caller, reported rather than panicking).
    BadCrop,
    /// Truncated or corrupt data.
    Damaged,
}

impl PhotoError {
    /// Stable identifier, used as the translation key suffix and in worker messages.
    pub fn code(&self) -> &'static str {
        match self {
            PhotoError::Empty => "empty",
            PhotoError::FileTooLarge { .. } => "file_too_large",
            PhotoError::NotAnImage => "not_an_image",
            PhotoError::Unsupported { .. } => "unsupported",
            PhotoError::NeedsBrowserDecoder { .. } => "heic",
            PhotoError::Animated => "animated",
            PhotoError::TooManyPixels { .. } => "too_many_pixels",
            PhotoError::ImageTooSmall { .. } => "image_too_small",
            PhotoError::CropTooSmall { .. } => "crop_too_small",
            PhotoError::BadCrop => "bad_crop",
            PhotoError::Damaged => "damaged",
        }
    }
}

impl fmt::Display for PhotoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhotoError::FileTooLarge { bytes } => write!(f, "file too large: {bytes} bytes"),
            PhotoError::Unsupported { format } => write!(f, "unsupported format: {format}"),
            PhotoError::NeedsBrowserDecoder { format } => {
                write!(f, "{format} needs the browser's decoder")
            }
            PhotoError::TooManyPixels { width, height } => {
                write!(f, "image too large: {width}×{height}")
            }
            PhotoError::ImageTooSmall { width, height } => {
                write!(f, "image too small: {width}×{height}")
            }
            PhotoError::CropTooSmall { width, height } => {
                write!(f, "crop too small: {width}×{height}")
            }
            other => f.write_str(other.code()),
        }
    }
}

impl std::error::Error for PhotoError {}

/// Which side of a picture (or of the frame in it) is below the minimum, so that the message names the side that
/// is short ("ta photo fait 512 pixels de haut ; il en faut au moins 531") instead of two sizes that read as a
/// contradiction ("512 × 512 … au moins 413 × 531").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShortSide {
    Width,
    Height,
    Both,
}

impl ShortSide {
    /// `None` when both sides reach [`crate::MIN_CROP_W`] × [`crate::MIN_CROP_H`].
    pub fn of(width: u32, height: u32) -> Option<ShortSide> {
        match (width < crate::MIN_CROP_W, height < crate::MIN_CROP_H) {
            (true, true) => Some(ShortSide::Both),
            (true, false) => Some(ShortSide::Width),
            (false, true) => Some(ShortSide::Height),
            (false, false) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ShortSide;

    #[test]
    fn the_short_side_is_named() {
        let cases = [
            ((512, 512), Some(ShortSide::Height)),
            ((400, 600), Some(ShortSide::Width)),
            ((300, 400), Some(ShortSide::Both)),
            ((413, 531), None),
            ((412, 531), Some(ShortSide::Width)),
            ((413, 530), Some(ShortSide::Height)),
        ];
        for ((w, h), want) in cases {
            assert_eq!(ShortSide::of(w, h), want, "{w}×{h}");
        }
    }
}
