//! The browser's own decoder, through `createImageBitmap` inside the worker.

use passregion_photo::{Crop, output_size};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ImageBitmap, ImageBitmapOptions, ImageOrientation, OffscreenCanvas,
    OffscreenCanvasRenderingContext2d, ResizeQuality,
};

async fn bitmap(promise: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> Option<ImageBitmap> {
    JsFuture::from(promise.ok()?).await.ok()?.dyn_into().ok()
}

/// Upright size of a picture only the browser can read (HEIC in Safari, AVIF); `None` if it cannot.
pub async fn upright_size(file: &Blob) -> Option<(u32, u32)> {
    let options = ImageBitmapOptions::new();
    options.set_image_orientation(ImageOrientation::FromImage);
    let scope = crate::scope();
    let bmp = bitmap(scope.create_image_bitmap_with_blob_and_image_bitmap_options(file, &options))
        .await?;
    let size = (bmp.width(), bmp.height());
    bmp.close();
    Some(size)
}

/// Decodes, orients, crops and resizes (high-quality filter) in one browser call, then reads the pixels back at
/// twice the output size (or the crop's own size if smaller): the final reduction is ours (Lanczos3, sharper).
/// The source rectangle is given in upright coordinates: with `imageOrientation: "from-image"` the browser
/// orients before cropping (checked by the benchmark on the EXIF-6 phone photo).
pub async fn crop_resize_rgba(file: &Blob, crop: &Crop) -> Option<(Vec<u8>, u32, u32)> {
    let (ow, oh) = output_size(crop);
    let (w, h) = if crop.width >= 2 * ow {
        (2 * ow, 2 * oh)
    } else {
        (crop.width, crop.height)
    };
    let options = ImageBitmapOptions::new();
    options.set_image_orientation(ImageOrientation::FromImage);
    options.set_resize_width(w);
    options.set_resize_height(h);
    options.set_resize_quality(ResizeQuality::High);
    let scope = crate::scope();
    let promise = scope
        .create_image_bitmap_with_blob_and_a_sx_and_a_sy_and_a_sw_and_a_sh_and_a_options(
            file,
            crop.x as i32,
            crop.y as i32,
            crop.width as i32,
            crop.height as i32,
            &options,
        );
    let bmp = bitmap(promise).await?;
    if (bmp.width(), bmp.height()) != (w, h) {
        bmp.close();
        return None;
    }
    let canvas = OffscreenCanvas::new(w, h).ok()?;
    let ctx: OffscreenCanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.draw_image_with_image_bitmap(&bmp, 0.0, 0.0).ok()?;
    bmp.close();
    let data = ctx
        .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .ok()?;
    Some((data.data().0, w, h))
}
