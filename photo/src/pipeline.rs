use crate::decode::{decode_stored_crop, orient, rgba_on_white};
use crate::encode::encode_within;
use crate::geometry::{Crop, output_size};
use crate::resize::resize_rgb;
use crate::{Advice, MAX_OUTPUT_BYTES, PhotoError, advise, probe};

/// The finished photo.
#[derive(Debug, Clone)]
pub struct Processed {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub quality: u8,
    pub encodes: usize,
    pub advice: Vec<Advice>,
}

/// The whole pipeline in Rust: probe, decode, crop the upright frame `crop`, resize (Lanczos3), advise, encode.
pub fn process(bytes: &[u8], crop: &Crop) -> Result<Processed, PhotoError> {
    let info = probe(bytes)?;
    let (uw, uh) = info.upright_size().ok_or(PhotoError::NeedsBrowserDecoder { format: info.format.name() })?;
    crop.validate(uw, uh)?;
    let (out_w, out_h) = output_size(crop);
    let (pixels, sw, sh) = decode_stored_crop(bytes, &info, crop)?;
    // Resize while still in stored orientation, so that only the small result is rotated.
    let (rw, rh) = if info.orientation.swaps_axes() { (out_h, out_w) } else { (out_w, out_h) };
    let resized = resize_rgb(pixels, sw, sh, rw, rh);
    let (upright, w, h) = orient(resized, rw, rh, info.orientation);
    finish_rgb(&upright, w, h)
}

/// The last steps on pixels already cropped, resized and upright (the worker's fast path, where the browser did
/// the decoding): advice and the bounded JPEG encode. `rgba` is what a canvas's `getImageData` returns.
pub fn finish_rgba(rgba: &[u8], width: u32, height: u32) -> Result<Processed, PhotoError> {
    if rgba.len() != width as usize * height as usize * 4 {
        return Err(PhotoError::BadCrop);
    }
    finish_rgb(&rgba_on_white(rgba), width, height)
}

/// Like [`finish_rgba`], for pixels still larger than the output: the last reduction (at most a few times) is done
/// here with Lanczos3. The worker asks the browser for twice the output size because a browser's own large
/// downscale is softer (measured SSIM 0.968 against 0.986 with this final step, see bench/).
pub fn finish_rgba_scaled(
    rgba: &[u8],
    width: u32,
    height: u32,
    out_w: u32,
    out_h: u32,
) -> Result<Processed, PhotoError> {
    if rgba.len() != width as usize * height as usize * 4 || out_w == 0 || out_h == 0 {
        return Err(PhotoError::BadCrop);
    }
    let rgb = resize_rgb(rgba_on_white(rgba), width, height, out_w, out_h);
    finish_rgb(&rgb, out_w, out_h)
}

fn finish_rgb(rgb: &[u8], width: u32, height: u32) -> Result<Processed, PhotoError> {
    let advice = advise(rgb, width, height);
    let (jpeg, quality, encodes) = encode_within(rgb, width, height, MAX_OUTPUT_BYTES)?;
    Ok(Processed { jpeg, width, height, quality, encodes, advice })
}
