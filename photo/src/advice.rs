use crate::MIN_CROP_W;
use crate::resize::resize_rgb;

/// What the pixels suggest; shown as advice the user may override ("use it anyway").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    TooDark,
    OverExposed,
    Blurry,
    /// No colour at all: the Région prints colour cards.
    Grayscale,
}

impl Advice {
    /// Stable identifier, used as the translation key suffix (`photo.advice_<code>`) and in worker messages.
    pub fn code(self) -> &'static str {
        match self {
            Advice::TooDark => "too_dark",
            Advice::OverExposed => "over_exposed",
            Advice::Blurry => "blurry",
            Advice::Grayscale => "grayscale",
        }
    }
}

/// Mean luma of the face area below this: the face is too dark to recognise.
const DARK_MEAN: f64 = 65.0;
/// Mean luma of the face area above this, or more than this share of it clipped white: over-exposed.
const BRIGHT_MEAN: f64 = 215.0;
const CLIPPED_SHARE: f64 = 0.15;
/// Variance of the Laplacian of the face area (0–255 luma) below this: blurred or out of focus.
pub(crate) const BLUR_VARIANCE: f64 = 40.0;

fn luma(px: &[u8]) -> u8 {
    ((77 * u32::from(px[0]) + 150 * u32::from(px[1]) + 29 * u32::from(px[2]) + 128) >> 8) as u8
}

/// The face area of the 7:9 frame (inside the face guide): the background, plain and light on purpose, must not
/// weigh on exposure or sharpness.
fn face_area(width: u32, height: u32) -> (u32, u32, u32, u32) {
    (width / 4, height / 6, width * 3 / 4, height * 5 / 6)
}

/// Variance of the Laplacian of the face area, judged at the card's printing scale (300 dpi: the frame
/// [`MIN_CROP_W`] pixels wide), or `None` for a picture too small to measure.
///
/// The Laplacian looks at neighbouring pixels, so its variance depends on the scale: the same sharp face framed
/// tightly in a 12-megapixel photo (kept at its source resolution, up to 827 pixels wide) spreads each edge over
/// more pixels than when it is framed loosely and reduced, and read as blurred. What the person cares about is
/// whether the printed face will look sharp, so the measure is taken on a copy reduced to the printing scale; a
/// smaller frame is refused before this point (`MIN_CROP_W`).
pub fn sharpness(rgb: &[u8], width: u32, height: u32) -> Option<f64> {
    let (w, h) = if width > MIN_CROP_W {
        let h = (u64::from(height) * u64::from(MIN_CROP_W) / u64::from(width)).max(1) as u32;
        (MIN_CROP_W, h)
    } else {
        (width, height)
    };
    let scaled;
    let pixels = if (w, h) == (width, height) {
        rgb
    } else {
        scaled = resize_rgb(rgb.to_vec(), width, height, w, h);
        &scaled
    };
    let (x0, y0, x1, y1) = face_area(w, h);
    let row = w as usize;
    let luma_at = |x: u32, y: u32| -> f64 {
        let i = (y as usize * row + x as usize) * 3;
        f64::from(luma(&pixels[i..i + 3]))
    };
    let (mut sum, mut sum_sq, mut n) = (0.0, 0.0, 0.0);
    for y in y0.max(1)..y1.min(h.saturating_sub(1)) {
        for x in x0.max(1)..x1.min(w.saturating_sub(1)) {
            let lap =
                luma_at(x - 1, y) + luma_at(x + 1, y) + luma_at(x, y - 1) + luma_at(x, y + 1) - 4.0 * luma_at(x, y);
            sum += lap;
            sum_sq += lap * lap;
            n += 1.0;
        }
    }
    (n > 0.0).then(|| sum_sq / n - (sum / n) * (sum / n))
}

/// Checks exposure (histogram of the face area), sharpness ([`sharpness`]) and colour.
pub fn advise(rgb: &[u8], width: u32, height: u32) -> Vec<Advice> {
    let mut advice = Vec::new();
    let (x0, y0, x1, y1) = face_area(width, height);
    let w = width as usize;
    let luma_at = |x: u32, y: u32| -> f64 {
        let i = (y as usize * w + x as usize) * 3;
        f64::from(luma(&rgb[i..i + 3]))
    };
    let mut histogram = [0u64; 256];
    for y in y0..y1 {
        for x in x0..x1 {
            histogram[luma_at(x, y) as usize] += 1;
        }
    }
    let count: u64 = histogram.iter().sum();
    if count == 0 {
        return advice;
    }
    let mean = histogram.iter().enumerate().map(|(v, &n)| v as f64 * n as f64).sum::<f64>() / count as f64;
    let clipped = histogram[250..].iter().sum::<u64>() as f64 / count as f64;
    if mean < DARK_MEAN {
        advice.push(Advice::TooDark);
    } else if mean > BRIGHT_MEAN || clipped > CLIPPED_SHARE {
        advice.push(Advice::OverExposed);
    }

    if sharpness(rgb, width, height).is_some_and(|v| v < BLUR_VARIANCE) {
        advice.push(Advice::Blurry);
    }

    let colourful = rgb
        .chunks_exact(3)
        .any(|px| px[0].abs_diff(px[1]) > 12 || px[1].abs_diff(px[2]) > 12 || px[0].abs_diff(px[2]) > 12);
    if !colourful {
        advice.push(Advice::Grayscale);
    }
    advice
}
