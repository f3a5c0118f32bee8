//! The browser's own decoder, through `createImageBitmap` inside the worker.

use passregion_photo::{Crop, output_size};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ImageBitmap, ImageBitmapOptions, ImageOrientation, OffscreenCanvas, OffscreenCanvasRenderingContext2d,
    ResizeQuality,
};

async fn bitmap(promise: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> Option<ImageBitmap> {
    JsFuture::from(promise.ok()?).await.ok()?.dyn_into().ok()
}

/// Upright size of a picture only the browser can read (HEIC in Safari, AVIF); `None` if it cannot.
pub async fn upright_size(file: &Blob) -> Option<(u32, u32)> {
    let options = ImageBitmapOptions::new();
    options.set_image_orientation(ImageOrientation::FromImage);
    let scope = crate::scope();
    let bmp = bitmap(scope.create_image_bitmap_with_blob_and_image_bitmap_options(file, &options)).await?;
    let size = (bmp.width(), bmp.height());
    bmp.close();
    Some(size)
}

/// Decodes, orients, crops and resizes (high-quality filter) in the browser, then reads the pixels back at twice the
/// output size (or the crop's own size if smaller): the final reduction is ours (Lanczos3, sharper).
///
/// `upright` is the picture's size once oriented and `rotated` whether its EXIF orientation is not 1 (or unknown,
/// as for HEIC). For those, a source rectangle is not trusted: Chromium 156 places it mirrored for EXIF 6 (a frame at
/// (120, 90) came back from (90, 180); see tests/browser_decode.rs), so the whole picture is oriented and scaled
/// first and the frame drawn from it.
pub async fn crop_resize_rgba(
    file: &Blob,
    crop: &Crop,
    upright: (u32, u32),
    rotated: bool,
) -> Option<(Vec<u8>, u32, u32)> {
    let (ow, oh) = output_size(crop);
    let (w, h) = if crop.width >= 2 * ow { (2 * ow, 2 * oh) } else { (crop.width, crop.height) };
    let options = ImageBitmapOptions::new();
    options.set_image_orientation(ImageOrientation::FromImage);
    options.set_resize_quality(ResizeQuality::High);
    let scope = crate::scope();
    let canvas = OffscreenCanvas::new(w, h).ok()?;
    let ctx: OffscreenCanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    if rotated {
        let scale = f64::from(w) / f64::from(crop.width);
        let (rw, rh) = (
            (f64::from(upright.0) * scale).round().max(1.0) as u32,
            (f64::from(upright.1) * scale).round().max(1.0) as u32,
        );
        options.set_resize_width(rw);
        options.set_resize_height(rh);
        let bmp = bitmap(scope.create_image_bitmap_with_blob_and_image_bitmap_options(file, &options)).await?;
        if (bmp.width(), bmp.height()) != (rw, rh) {
            bmp.close();
            return None;
        }
        // The bitmap is already at the frame's scale: this draw only shifts by a fraction of a pixel.
        let _ = js_sys::Reflect::set(&ctx, &"imageSmoothingQuality".into(), &"high".into());
        ctx.draw_image_with_image_bitmap_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
            &bmp,
            f64::from(crop.x) * scale,
            f64::from(crop.y) * scale,
            f64::from(w),
            f64::from(h),
            0.0,
            0.0,
            f64::from(w),
            f64::from(h),
        )
        .ok()?;
        bmp.close();
    } else {
        options.set_resize_width(w);
        options.set_resize_height(h);
        let promise = scope.create_image_bitmap_with_blob_and_a_sx_and_a_sy_and_a_sw_and_a_sh_and_a_options(
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
        ctx.draw_image_with_image_bitmap(&bmp, 0.0, 0.0).ok()?;
        bmp.close();
    }
    let data = ctx.get_image_data(0.0, 0.0, f64::from(w), f64::from(h)).ok()?;
    Some((data.data().0, w, h))
}
