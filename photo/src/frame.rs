//! The crop frame the user moves and zooms over the picture, kept valid at every step (7:9, inside the picture,
//! never smaller than the minimum crop), so that what the step sends the worker always passes [`Crop::validate`].

use crate::geometry::Crop;
use crate::{ASPECT_H, ASPECT_W, MIN_CROP_W};

/// Which way an arrow key moves the photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nudge {
    Left,
    Right,
    Up,
    Down,
}

impl Nudge {
    /// The arrow keys' names as `KeyboardEvent.key` gives them.
    pub fn from_key(key: &str) -> Option<Nudge> {
        Some(match key {
            "ArrowLeft" => Nudge::Left,
            "ArrowRight" => Nudge::Right,
            "ArrowUp" => Nudge::Up,
            "ArrowDown" => Nudge::Down,
            _ => return None,
        })
    }
}

/// `value` with `places` digits after the point ("-12.3457"), for the frame's CSS lengths and the zoom slider.
/// Written with integers: Rust's float formatting would bring about 6 KB gzip of its own into every page that shows
/// the photo step, and these values never need more than a fixed number of places.
pub fn decimal(value: f64, places: u32) -> String {
    let scale = 10_u64.pow(places);
    // Half away from zero, as `{:.N}` rounds; `+ 0.5` then truncation instead of `f64::round`, a libm call.
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let scaled = (value.abs() * scale as f64 + 0.5) as u64;
    let sign = if value < 0.0 && scaled != 0 { "-" } else { "" };
    let (whole, fraction) = (scaled / scale, scaled % scale);
    if places == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction:0width$}", width = places as usize)
    }
}

/// `value` brought within `low..=high` (`low <= high` here by construction). Not `f64::clamp`, whose check of its
/// bounds formats them with `Debug` on failure, which links Rust's float formatting into the page; a NaN (a slider
/// the browser could not read) becomes `low` instead of staying NaN.
fn within(value: f64, low: f64, high: f64) -> f64 {
    value.max(low).min(high)
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    img_w: f64,
    img_h: f64,
    /// Centre of the frame, in upright picture pixels.
    cx: f64,
    cy: f64,
    /// 1 = the largest 7:9 frame that fits; larger values frame a smaller area.
    zoom: f64,
}

impl Frame {
    /// The largest centred frame, on an upright `width × height` picture.
    pub fn new(width: u32, height: u32) -> Frame {
        Frame {
            img_w: f64::from(width),
            img_h: f64::from(height),
            cx: f64::from(width) / 2.0,
            cy: f64::from(height) / 2.0,
            zoom: 1.0,
        }
    }

    fn full_width(&self) -> f64 {
        f64::from(Crop::centred(self.img_w as u32, self.img_h as u32).width)
    }

    /// Highest zoom: the frame then covers the minimum number of source pixels (at least 1).
    pub fn max_zoom(&self) -> f64 {
        (self.full_width() / f64::from(MIN_CROP_W)).max(1.0)
    }

    pub fn zoom(&self) -> f64 {
        self.zoom
    }

    /// Frame width in picture pixels.
    pub fn width(&self) -> f64 {
        self.full_width() / self.zoom
    }

    pub fn height(&self) -> f64 {
        self.width() * f64::from(ASPECT_H) / f64::from(ASPECT_W)
    }

    fn clamp(mut self) -> Frame {
        self.zoom = within(self.zoom, 1.0, self.max_zoom());
        let (hw, hh) = (self.width() / 2.0, self.height() / 2.0);
        self.cx = within(self.cx, hw, (self.img_w - hw).max(hw));
        self.cy = within(self.cy, hh, (self.img_h - hh).max(hh));
        self
    }

    /// Sets the zoom, keeping the centre (as far as the picture's edges allow).
    pub fn with_zoom(self, zoom: f64) -> Frame {
        Frame { zoom, ..self }.clamp()
    }

    /// Moves the frame by `dx, dy` picture pixels.
    pub fn moved(self, dx: f64, dy: f64) -> Frame {
        Frame { cx: self.cx + dx, cy: self.cy + dy, ..self }.clamp()
    }

    /// A keyboard move: the photo goes the way of the arrow — the frame, which shows it, goes the other way — by a
    /// twentieth of the frame, or a fifth of it for a big step (Shift), so a dozen presses cross the picture.
    pub fn nudged(self, direction: Nudge, big: bool) -> Frame {
        let step = self.width() * if big { 0.2 } else { 0.05 };
        let (dx, dy) = match direction {
            Nudge::Left => (step, 0.0),
            Nudge::Right => (-step, 0.0),
            Nudge::Up => (0.0, step),
            Nudge::Down => (0.0, -step),
        };
        self.moved(dx, dy)
    }

    /// The frame as whole pixels, for the pipeline.
    pub fn crop(&self) -> Crop {
        let w = (self.width().round() as u32).min(self.full_width() as u32).max(1);
        let h = ((f64::from(w) * f64::from(ASPECT_H) / f64::from(ASPECT_W)).round() as u32).min(self.img_h as u32);
        let x = ((self.cx - f64::from(w) / 2.0).floor().max(0.0) as u32).min(self.img_w as u32 - w);
        let y = ((self.cy - f64::from(h) / 2.0).floor().max(0.0) as u32).min(self.img_h as u32 - h);
        Crop { x, y, width: w, height: h }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_as_the_float_formatting_would() {
        for (value, places, text) in [
            (0.0, 4, "0.0000"),
            (12.5, 4, "12.5000"),
            (-12.345_67, 4, "-12.3457"),
            (1.0 / 3.0, 3, "0.333"),
            (2.999_96, 4, "3.0000"),
            (-0.000_01, 4, "0.0000"),
            (-37.5, 0, "-38"),
            (142.857_142_857, 4, "142.8571"),
            (4.25, 3, "4.250"),
        ] {
            assert_eq!(decimal(value, places), text, "{value} to {places} places");
        }
        for value in [0.1, 1.234_567, -99.987_65, 250.0, 1e-7] {
            assert_eq!(decimal(value, 4), format!("{value:.4}").replace("-0.0000", "0.0000"), "{value}");
        }
    }

    #[test]
    fn a_zoom_the_browser_could_not_read_leaves_the_whole_picture() {
        let frame = Frame::new(4000, 3000).with_zoom(f64::NAN);
        assert_eq!(frame.zoom(), 1.0);
        assert_eq!(frame.crop(), Frame::new(4000, 3000).crop());
        assert_eq!(Frame::new(4000, 3000).with_zoom(1e9).zoom(), Frame::new(4000, 3000).max_zoom());
    }

    /// Issue 12: ArrowDown moved the photo up, by 2 % of the frame. The photo now follows the arrow: moving it down
    /// shows more of its top, so the frame's y decreases; Shift moves four times as far.
    #[test]
    fn arrows_move_the_photo_their_way() {
        let zoomed = Frame::new(4000, 3000).with_zoom(2.0);
        let start = zoomed.crop();
        let table = [
            ("ArrowDown", false, (0, -58)),
            ("ArrowUp", false, (0, 58)),
            ("ArrowRight", false, (-58, 0)),
            ("ArrowLeft", false, (58, 0)),
            ("ArrowDown", true, (0, -233)),
            ("ArrowLeft", true, (233, 0)),
        ];
        for (key, shift, (dx, dy)) in table {
            let moved = zoomed.nudged(Nudge::from_key(key).expect("an arrow"), shift).crop();
            let got = (i64::from(moved.x) - i64::from(start.x), i64::from(moved.y) - i64::from(start.y));
            // Whole pixels: a pixel either way from rounding the frame's edges.
            assert!(
                (got.0 - dx).abs() <= 1 && (got.1 - dy).abs() <= 1,
                "{key}, shift {shift}: moved by {got:?}, expected {:?}",
                (dx, dy)
            );
            assert_eq!((moved.width, moved.height), (start.width, start.height));
        }
        assert_eq!(Nudge::from_key("Enter"), None);
    }

    #[test]
    fn a_dozen_big_steps_cross_the_picture() {
        let mut frame = Frame::new(4000, 3000).with_zoom(2.0);
        for _ in 0..12 {
            frame = frame.nudged(Nudge::Right, true);
        }
        assert_eq!(frame.crop().x, 0, "the photo pushed right shows its left edge");
    }

    #[test]
    fn starts_as_the_largest_centred_frame() {
        assert_eq!(Frame::new(4000, 3000).crop(), Crop::centred(4000, 3000));
    }

    #[test]
    fn every_move_and_zoom_stays_a_valid_crop() {
        for (w, h) in [(4000, 3000), (3024, 4032), (640, 900), (413, 531), (8000, 6000), (1000, 531)] {
            let mut f = Frame::new(w, h);
            let steps: [(f64, f64, f64); 7] = [
                (1e6, 0.0, 1.0),
                (0.0, -1e6, 1.5),
                (-37.5, 12.25, 100.0),
                (1e6, 1e6, 0.1),
                (3.0, 3.0, 2.0),
                (-1e6, 0.0, 1.0),
                (0.0, 0.0, 1.0),
            ];
            for (dx, dy, z) in steps {
                f = f.with_zoom(f.zoom() * z).moved(dx, dy);
                assert_eq!(f.crop().validate(w, h), Ok(()), "{w}×{h} {f:?} {:?}", f.crop());
            }
        }
    }

    #[test]
    fn zoom_is_bounded_by_the_minimum_crop() {
        let f = Frame::new(4000, 3000).with_zoom(1000.0);
        let c = f.crop();
        assert_eq!((c.width, c.height), (413, 531));
        assert_eq!(Frame::new(4000, 3000).with_zoom(0.01).crop(), Crop::centred(4000, 3000));
    }

    #[test]
    fn moves_stop_at_the_edges() {
        let f = Frame::new(4000, 3000).moved(-1e6, 0.0);
        assert_eq!(f.crop().x, 0);
        let f = f.moved(1e6, 0.0);
        assert_eq!(f.crop().x + f.crop().width, 4000);
    }
}
