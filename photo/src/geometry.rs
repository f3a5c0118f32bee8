use crate::{ASPECT_H, ASPECT_W, MIN_CROP_H, MIN_CROP_W, OUTPUT_MAX_H, OUTPUT_MAX_W, PhotoError};

/// EXIF orientation, 1..=8: how the stored pixels must be turned to appear upright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Orientation(u8);

impl Orientation {
    pub const UPRIGHT: Orientation = Orientation(1);

    /// Unknown or out-of-range values mean "as stored", as browsers do.
    pub fn from_exif(value: u8) -> Orientation {
        if (1..=8).contains(&value) { Orientation(value) } else { Orientation::UPRIGHT }
    }

    pub fn exif(self) -> u8 {
        self.0
    }

    /// Orientations 5 to 8 swap width and height.
    pub fn swaps_axes(self) -> bool {
        self.0 >= 5
    }

    /// Upright size of a picture stored as `width × height`.
    pub fn upright_size(self, width: u32, height: u32) -> (u32, u32) {
        if self.swaps_axes() { (height, width) } else { (width, height) }
    }
}

/// The user's frame, in pixels of the upright picture (EXIF orientation applied).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Crop {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

impl Crop {
    /// The largest centred 7:9 frame inside an upright `width × height` picture.
    pub fn centred(width: u32, height: u32) -> Crop {
        let (w, h) = if u64::from(width) * u64::from(ASPECT_H) <= u64::from(height) * u64::from(ASPECT_W) {
            (width, (u64::from(width) * u64::from(ASPECT_H) / u64::from(ASPECT_W)) as u32)
        } else {
            ((u64::from(height) * u64::from(ASPECT_W) / u64::from(ASPECT_H)) as u32, height)
        };
        Crop { x: (width - w) / 2, y: (height - h) / 2, width: w, height: h }
    }

    /// Checks the frame against an upright `width × height` picture: inside it, 7:9 (to rounding), and big enough.
    pub fn validate(&self, width: u32, height: u32) -> Result<(), PhotoError> {
        let inside = self.width > 0
            && self.height > 0
            && u64::from(self.x) + u64::from(self.width) <= u64::from(width)
            && u64::from(self.y) + u64::from(self.height) <= u64::from(height);
        // UIs round the frame to whole pixels: tolerate a couple of pixels of drift from exact 7:9.
        let expected_h = f64::from(self.width) * f64::from(ASPECT_H) / f64::from(ASPECT_W);
        let ratio_ok = (f64::from(self.height) - expected_h).abs() <= 2.0 + expected_h * 0.005;
        if !inside || !ratio_ok {
            return Err(PhotoError::BadCrop);
        }
        if self.width < MIN_CROP_W || self.height < MIN_CROP_H {
            return Err(PhotoError::CropTooSmall { width: self.width, height: self.height });
        }
        Ok(())
    }
}

/// Output size for a frame: 827 × 1063 at most, never enlarged, always 7:9.
pub fn output_size(crop: &Crop) -> (u32, u32) {
    let w = crop.width.min(OUTPUT_MAX_W);
    let h = ((f64::from(w) * f64::from(ASPECT_H) / f64::from(ASPECT_W)).round() as u32).min(OUTPUT_MAX_H);
    (w, h)
}

/// Maps a rectangle given on the upright picture to the same pixels in the stored (un-rotated) picture of size
/// `stored_w × stored_h`: lets the decoder crop before rotating, so only the small crop is ever rotated.
pub fn stored_rect(crop: &Crop, orientation: Orientation, stored_w: u32, stored_h: u32) -> Crop {
    let Crop { x, y, width: w, height: h } = *crop;
    let (sw, sh) = (stored_w, stored_h);
    let (x, y, w, h) = match orientation.exif() {
        2 => (sw - x - w, y, w, h),
        3 => (sw - x - w, sh - y - h, w, h),
        4 => (x, sh - y - h, w, h),
        5 => (y, x, h, w),
        6 => (y, sh - x - w, h, w),
        7 => (sw - y - h, sh - x - w, h, w),
        8 => (sw - y - h, x, h, w),
        _ => (x, y, w, h),
    };
    Crop { x, y, width: w, height: h }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centred_frame_is_largest_7_9_inside() {
        assert_eq!(Crop::centred(4000, 3000), Crop { x: 833, y: 0, width: 2333, height: 3000 });
        assert_eq!(Crop::centred(700, 2000), Crop { x: 0, y: 550, width: 700, height: 900 });
        assert_eq!(Crop::centred(827, 1063), Crop { x: 0, y: 0, width: 826, height: 1063 });
    }

    #[test]
    fn output_is_capped_and_never_enlarged() {
        let big = Crop { x: 0, y: 0, width: 2333, height: 3000 };
        assert_eq!(output_size(&big), (827, 1063));
        let small = Crop { x: 0, y: 0, width: 420, height: 540 };
        assert_eq!(output_size(&small), (420, 540));
    }

    #[test]
    fn validate_table() {
        let cases = [
            (Crop { x: 0, y: 0, width: 700, height: 900 }, Ok(())),
            (Crop { x: 0, y: 0, width: 700, height: 901 }, Ok(())),
            (Crop { x: 1, y: 0, width: 700, height: 900 }, Err(PhotoError::BadCrop)),
            (Crop { x: 0, y: 0, width: 700, height: 700 }, Err(PhotoError::BadCrop)),
            (Crop { x: 0, y: 0, width: 0, height: 0 }, Err(PhotoError::BadCrop)),
            (Crop { x: 10, y: 10, width: 412, height: 530 }, Err(PhotoError::CropTooSmall { width: 412, height: 530 })),
            (Crop { x: 10, y: 10, width: 413, height: 531 }, Ok(())),
        ];
        for (crop, expected) in cases {
            assert_eq!(crop.validate(700, 910), expected, "{crop:?}");
        }
    }

    /// Turns a stored point into its upright position, the EXIF way (independent of `stored_rect`'s formulas).
    fn to_upright(o: u8, x: u32, y: u32, sw: u32, sh: u32) -> (u32, u32) {
        match o {
            2 => (sw - 1 - x, y),
            3 => (sw - 1 - x, sh - 1 - y),
            4 => (x, sh - 1 - y),
            5 => (y, x),
            6 => (sh - 1 - y, x),
            7 => (sh - 1 - y, sw - 1 - x),
            8 => (y, sw - 1 - x),
            _ => (x, y),
        }
    }

    #[test]
    fn stored_rect_covers_exactly_the_upright_rect() {
        let (sw, sh) = (13, 7);
        for o in 1..=8u8 {
            let orientation = Orientation::from_exif(o);
            let (uw, _) = orientation.upright_size(sw, sh);
            let crop = Crop { x: 1, y: 2, width: uw.min(5), height: 3 };
            let r = stored_rect(&crop, orientation, sw, sh);
            let mut count = 0;
            for y in r.y..r.y + r.height {
                for x in r.x..r.x + r.width {
                    let (u, v) = to_upright(o, x, y, sw, sh);
                    assert!(u >= crop.x && u < crop.x + crop.width && v >= crop.y && v < crop.y + crop.height, "o={o}");
                    count += 1;
                }
            }
            assert_eq!(count, crop.width * crop.height, "o={o}");
        }
    }
}
