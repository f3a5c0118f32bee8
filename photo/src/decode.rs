use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use crate::format::{check_size, map_decode_error};
use crate::geometry::{Crop, Orientation, stored_rect};
use crate::{MAX_PIXELS, PhotoError, ProbeInfo};

/// Pixels of the stored picture inside the user's frame, as 8-bit RGB (transparency flattened on white), still in
/// stored orientation. Returns the pixels, their width and height.
pub(crate) fn decode_stored_crop(
    bytes: &[u8],
    info: &ProbeInfo,
    crop: &Crop,
) -> Result<(Vec<u8>, u32, u32), PhotoError> {
    let image_format =
        info.format.image_format().ok_or(PhotoError::NeedsBrowserDecoder { format: info.format.name() })?;
    let (sw, sh) = info.stored_size.ok_or(PhotoError::Damaged)?;
    let rect = stored_rect(crop, info.orientation, sw, sh);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format);
    let mut limits = Limits::default();
    // 16-bit RGBA at the pixel limit, and no more: memory stays bounded whatever the file claims.
    limits.max_alloc = Some(MAX_PIXELS * 8);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(map_decode_error)?;
    let (w, h) = decoder.dimensions();
    check_size(w, h)?;
    if (w, h) != (sw, sh) {
        return Err(PhotoError::Damaged);
    }
    let image = DynamicImage::from_decoder(decoder).map_err(map_decode_error)?;
    let cropped = image.crop_imm(rect.x, rect.y, rect.width, rect.height);
    drop(image);
    Ok((flatten_to_rgb(cropped), rect.width, rect.height))
}

/// Photos with transparency (PNG, WebP) are shown on white, like on the printed card.
fn flatten_to_rgb(image: DynamicImage) -> Vec<u8> {
    if !image.color().has_alpha() {
        return image.into_rgb8().into_raw();
    }
    let rgba = image.into_rgba8();
    rgba_on_white(rgba.as_raw())
}

/// RGBA → RGB over a white background.
pub(crate) fn rgba_on_white(rgba: &[u8]) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(rgba.len() / 4 * 3);
    for px in rgba.chunks_exact(4) {
        let a = u32::from(px[3]);
        for &c in &px[..3] {
            rgb.push(((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    rgb
}

/// Turns stored-orientation pixels upright.
pub(crate) fn orient(rgb: Vec<u8>, width: u32, height: u32, orientation: Orientation) -> (Vec<u8>, u32, u32) {
    use image::metadata::Orientation as O;
    let o = match orientation.exif() {
        2 => O::FlipHorizontal,
        3 => O::Rotate180,
        4 => O::FlipVertical,
        5 => O::Rotate90FlipH,
        6 => O::Rotate90,
        7 => O::Rotate270FlipH,
        8 => O::Rotate270,
        _ => return (rgb, width, height),
    };
    let buffer = image::RgbImage::from_raw(width, height, rgb).expect("buffer matches its size");
    let mut image = DynamicImage::ImageRgb8(buffer);
    image.apply_orientation(o);
    let (w, h) = (image.width(), image.height());
    (image.into_rgb8().into_raw(), w, h)
}
