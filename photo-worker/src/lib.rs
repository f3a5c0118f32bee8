//! The photo Web Worker: answers the photo step's requests with the header check (probe) or the finished JPEG
//! (process), so the page never freezes on a 48-megapixel photo.
//!
//! The messages are `passregion_photo::protocol`'s `Request` and `Reply`, one serde enum each, the same types on
//! both ends, in an envelope `[message, payload]`: the picked file beside a request, the JPEG's buffer (transferred)
//! beside `Done`. Once loaded the worker posts `Ready`: messages sent earlier would be lost, so the page waits for it.

pub mod browser;
mod message;

use passregion_photo::protocol::{Decoder, Reply, Request, Stage, envelope};
use passregion_photo::{Crop, PhotoError, ProbeInfo, probe, process};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent};

/// talc instead of std's dlmalloc, as in the app: 8 KB gzip less worker (docs/size.md, "Levers").
/// Realloc in place is left out (the app's choice, for size): what grows here is the JPEG's output buffer, a few
/// copies of at most 2 MB per photo. Single-threaded wasm only (no atomics).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

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

async fn handle_probe(id: u32, file: Blob) -> Result<(), PhotoError> {
    let (_, info, (width, height)) = read_and_probe(&file).await?;
    if width < passregion_photo::MIN_CROP_W || height < passregion_photo::MIN_CROP_H {
        return Err(PhotoError::ImageTooSmall { width, height });
    }
    message::post(&Reply::Probed { id, format: info.format.name().to_string(), width, height });
    Ok(())
}

async fn handle_process(id: u32, file: Blob, crop: Crop, rust_decoder: bool) -> Result<(), PhotoError> {
    let started = now();
    message::post(&Reply::Progress { id, stage: Stage::Decode });
    let (bytes, info, upright) = read_and_probe(&file).await?;
    crop.validate(upright.0, upright.1)?;
    // The browser's decoder (native, multi-threaded, scaled decoding) is several times faster than decoding in
    // wasm; the Rust decoder remains for browsers where createImageBitmap cannot crop/resize this file.
    let mut decoder = Decoder::Browser;
    let result = if rust_decoder {
        None
    } else {
        browser::crop_resize_rgba(&file, &crop, upright, info.orientation.exif() != 1 || info.stored_size.is_none())
            .await
    };
    let done = match result {
        Some((rgba, w, h)) => {
            drop(bytes);
            message::post(&Reply::Progress { id, stage: Stage::Encode });
            let (out_w, out_h) = passregion_photo::output_size(&crop);
            passregion_photo::finish_rgba_scaled(&rgba, w, h, out_w, out_h)?
        }
        None => {
            decoder = Decoder::Rust;
            process(&bytes, &crop)?
        }
    };
    let jpeg = js_sys::Uint8Array::from(done.jpeg.as_slice());
    let reply = Reply::Done {
        id,
        width: done.width,
        height: done.height,
        advice: done.advice.iter().map(|a| a.code().to_string()).collect(),
        quality: done.quality,
        encodes: done.encodes as u32,
        decoder,
        ms: now() - started,
    };
    message::post_transferring(&reply, &jpeg.buffer());
    Ok(())
}

fn on_message(event: MessageEvent) {
    // Not a request of ours (a page built with another protocol, a stray post): say so rather than stay silent.
    let Some((request, file)) = envelope::read::<Request>(&event.data()) else {
        message::post(&Reply::failed(0, &PhotoError::Damaged));
        return;
    };
    let Ok(file) = file.dyn_into::<Blob>() else {
        message::post(&Reply::failed(request.id(), &PhotoError::Empty));
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let id = request.id();
        let result = match request {
            Request::Probe { id } => handle_probe(id, file).await,
            Request::Process { id, crop, rust_decoder } => handle_process(id, file, crop, rust_decoder).await,
        };
        if let Err(err) = result {
            message::post(&Reply::failed(id, &err));
        }
    });
}

/// Installs the message handler and tells the page the worker is ready. Called by the worker binary's `main`.
pub fn start() {
    let handler = Closure::<dyn Fn(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The worker lives as long as the photo step: the handler must too.
    handler.forget();
    message::post(&Reply::Ready);
}
