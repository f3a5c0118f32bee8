//! The photo Web Worker: receives `{type, id, file, crop}` messages from the photo step and answers with the
//! header check (`probe`) or the finished JPEG (`process`), so the page never freezes on a 48-megapixel photo.
//!
//! Protocol (all objects; `id` is echoed back):
//! - in `{type:"probe", id, file: Blob}` → out `{type:"probed", id, format, width, height}` (upright size)
//! - in `{type:"process", id, file: Blob, crop:{x,y,width,height}, path?: "auto"|"rust"}` → out
//!   `{type:"progress", id, stage}`* then `{type:"done", id, jpeg: Uint8Array, width, height, quality, advice: [code],
//!   path: "browser"|"rust", ms}`
//! - any failure → `{type:"error", id, code, width?, height?}` (codes from `PhotoError::code`)
//! - once loaded → `{type:"ready"}`: messages sent earlier would be lost, so the page waits for it.

pub mod browser;
mod message;

use passregion_photo::{Crop, PhotoError, ProbeInfo, probe, process};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent};

use message::{Out, get_str, get_u32};

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now() -> f64 {
    scope().performance().map(|p| p.now()).unwrap_or(0.0)
}

async fn read_bytes(file: &Blob) -> Result<Vec<u8>, PhotoError> {
    if file.size() as u64 > passregion_photo::MAX_INPUT_BYTES {
        return Err(PhotoError::FileTooLarge { bytes: file.size() as u64 });
    }
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| PhotoError::Damaged)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The file's bytes, its header facts and its upright size. HEIC/AVIF headers do not give the size in a way we
/// read: only the browser knows it, and if it cannot decode the file the person is told how to get a JPEG.
async fn read_and_probe(file: &Blob) -> Result<(Vec<u8>, ProbeInfo, (u32, u32)), PhotoError> {
    let bytes = read_bytes(file).await?;
    let info = probe(&bytes)?;
    let upright = match info.upright_size() {
        Some(size) => size,
        None => {
            browser::upright_size(file).await.ok_or(PhotoError::NeedsBrowserDecoder { format: info.format.name() })?
        }
    };
    Ok((bytes, info, upright))
}

async fn handle_probe(id: f64, file: Blob) -> Result<(), PhotoError> {
    let (_, info, (width, height)) = read_and_probe(&file).await?;
    if width < passregion_photo::MIN_CROP_W || height < passregion_photo::MIN_CROP_H {
        return Err(PhotoError::ImageTooSmall { width, height });
    }
    Out::new("probed", id).str("format", info.format.name()).num("width", width).num("height", height).post();
    Ok(())
}

async fn handle_process(id: f64, file: Blob, crop: Crop, force_rust: bool) -> Result<(), PhotoError> {
    let started = now();
    Out::new("progress", id).str("stage", "decode").post();
    let (bytes, info, upright) = read_and_probe(&file).await?;
    crop.validate(upright.0, upright.1)?;
    // The browser's decoder (native, multi-threaded, scaled decoding) is several times faster than decoding in
    // wasm; the Rust decoder remains for browsers where createImageBitmap cannot crop/resize this file.
    let mut path = "browser";
    let result = if force_rust {
        None
    } else {
        browser::crop_resize_rgba(&file, &crop, upright, info.orientation.exif() != 1 || info.stored_size.is_none())
            .await
    };
    let done = match result {
        Some((rgba, w, h)) => {
            drop(bytes);
            Out::new("progress", id).str("stage", "encode").post();
            let (out_w, out_h) = passregion_photo::output_size(&crop);
            passregion_photo::finish_rgba_scaled(&rgba, w, h, out_w, out_h)?
        }
        None => {
            path = "rust";
            process(&bytes, &crop)?
        }
    };
    let jpeg = js_sys::Uint8Array::from(done.jpeg.as_slice());
    let advice = js_sys::Array::new();
    for a in &done.advice {
        advice.push(&JsValue::from_str(a.code()));
    }
    Out::new("done", id)
        .num("width", done.width)
        .num("height", done.height)
        .num("quality", u32::from(done.quality))
        .num("encodes", done.encodes as u32)
        .str("path", path)
        .value("advice", &advice)
        .value("ms", &JsValue::from_f64(now() - started))
        .value("jpeg", &jpeg)
        .post_transferring(&jpeg.buffer());
    Ok(())
}

fn report(id: f64, err: PhotoError) {
    let mut out = Out::new("error", id).str("code", err.code());
    match err {
        PhotoError::TooManyPixels { width, height }
        | PhotoError::ImageTooSmall { width, height }
        | PhotoError::CropTooSmall { width, height } => out = out.num("width", width).num("height", height),
        PhotoError::FileTooLarge { bytes } => out = out.value("bytes", &JsValue::from_f64(bytes as f64)),
        _ => {}
    }
    out.post();
}

fn on_message(event: MessageEvent) {
    let data = event.data();
    let id = js_sys::Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let Some(file) = js_sys::Reflect::get(&data, &"file".into()).ok().and_then(|f| f.dyn_into::<Blob>().ok()) else {
        report(id, PhotoError::Empty);
        return;
    };
    let kind = get_str(&data, "type").unwrap_or_default();
    wasm_bindgen_futures::spawn_local(async move {
        let result = match kind.as_str() {
            "probe" => handle_probe(id, file).await,
            "process" => {
                let crop = js_sys::Reflect::get(&data, &"crop".into()).unwrap_or(JsValue::NULL);
                let crop = Crop {
                    x: get_u32(&crop, "x").unwrap_or(0),
                    y: get_u32(&crop, "y").unwrap_or(0),
                    width: get_u32(&crop, "width").unwrap_or(0),
                    height: get_u32(&crop, "height").unwrap_or(0),
                };
                let force_rust = get_str(&data, "path").as_deref() == Some("rust");
                handle_process(id, file, crop, force_rust).await
            }
            _ => Err(PhotoError::BadCrop),
        };
        if let Err(err) = result {
            report(id, err);
        }
    });
}

/// Installs the message handler and tells the page the worker is ready. Called by the worker binary's `main`.
pub fn start() {
    let handler = Closure::<dyn Fn(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The worker lives as long as the photo step: the handler must too.
    handler.forget();
    Out::new("ready", 0.0).post();
}
