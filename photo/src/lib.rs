//! The ID-photo pipeline of the Pass'Région application, in plain Rust so that it runs the same natively (tests)
//! and in the photo Web Worker (wasm).
//!
//! Steps: [`probe`] reads the header (format, size, EXIF orientation) and refuses bad input before any pixel is
//! allocated; [`process`] decodes, crops the user's 7:9 frame, resizes, checks the pixels ([`Advice`]) and encodes a
//! JPEG that always fits the API's 2,000,000-byte limit. [`finish_rgba`] runs the last two steps on pixels that
//! another decoder (the browser's, in the worker) already cropped and resized.

#[cfg(feature = "codec")]
mod advice;
#[cfg(feature = "codec")]
mod decode;
#[cfg(feature = "codec")]
mod encode;
mod error;
#[cfg(feature = "codec")]
mod format;
mod frame;
mod geometry;
#[cfg(feature = "codec")]
mod pipeline;
pub mod protocol;
#[cfg(feature = "codec")]
mod resize;

#[cfg(feature = "codec")]
pub use advice::{Advice, advise, sharpness};
#[cfg(feature = "codec")]
pub use encode::{QUALITY_LADDER_MAX_ENCODES, encode_within};
pub use error::{PhotoError, ShortSide};
#[cfg(feature = "codec")]
pub use format::{Format, ProbeInfo, probe};
pub use frame::{Frame, Nudge, decimal};
pub use geometry::{Crop, Orientation, output_size, stored_rect};
#[cfg(feature = "codec")]
pub use pipeline::{Processed, finish_rgba, finish_rgba_scaled, process};

/// The Région's API refuses photos above this size (decimal bytes).
pub const MAX_OUTPUT_BYTES: usize = 2_000_000;
/// Files above this size are refused before being read.
pub const MAX_INPUT_BYTES: u64 = 60 * 1024 * 1024;
/// Larger images are refused from their header: decoding them would need too much memory.
pub const MAX_PIXELS: u64 = 64_000_000;
/// Longest side accepted (browsers' canvases stop around here too).
pub const MAX_SIDE: u32 = 16_384;
/// The printed photo is 35 × 45 mm: width:height = 7:9.
pub const ASPECT_W: u32 = 7;
pub const ASPECT_H: u32 = 9;
/// Output is at most this size (600 dpi for 35 × 45 mm).
pub const OUTPUT_MAX_W: u32 = 827;
pub const OUTPUT_MAX_H: u32 = 1063;
/// The cropped area must hold at least this many source pixels (300 dpi): below that the printed face is blurry.
pub const MIN_CROP_W: u32 = 413;
pub const MIN_CROP_H: u32 = 531;
