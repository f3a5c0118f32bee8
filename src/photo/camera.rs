//! `use_camera`: the webcam for the photo step. The camera is switched off (every track stopped) on capture, on
//! "cancel", and when the component using the hook goes away, so the light never stays on behind the person's back.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, HtmlVideoElement, MediaStream, MediaStreamConstraints};

/// Why the camera could not start; each is explained and offers the file route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CameraError {
    Refused,
    NoCamera,
    Busy,
    NotSecure,
    Other,
}

impl CameraError {
    /// From the `DOMException` name `getUserMedia` rejects with.
    pub fn from_dom_name(name: &str) -> CameraError {
        match name {
            "NotAllowedError" | "PermissionDeniedError" => CameraError::Refused,
            "NotFoundError" | "DevicesNotFoundError" | "OverconstrainedError" => CameraError::NoCamera,
            "NotReadableError" | "TrackStartError" | "AbortError" => CameraError::Busy,
            "SecurityError" => CameraError::NotSecure,
            _ => CameraError::Other,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Camera {
    pub live: RwSignal<bool>,
    /// The video shows the camera's picture, so a frame can be taken. Later than `live`: the stream is attached on
    /// the next frame and has no size until it plays; a capture before that would have nothing to take.
    pub playing: RwSignal<bool>,
    pub error: RwSignal<Option<CameraError>>,
    video: NodeRef<leptos::html::Video>,
}

/// Where the live stream is kept: a property of `window`, not a Rust-held reference. The unmount cleanup must still
/// reach the stream after the step's reactive values are disposed, and in testing a `MediaStream` held on the Rust
/// side (thread-local or `StoredValue`) was observed to point at another stream by capture time, leaving the camera
/// on. One camera at a time in this app.
const STREAM_KEY: &str = "__passregionCameraStream";

fn keep_stream(stream: &MediaStream) {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &STREAM_KEY.into(), stream);
    }
}

fn stop_tracks(stream: &JsValue) {
    let Ok(tracks) = js_sys::Reflect::get(stream, &"getTracks".into()) else {
        return;
    };
    let Ok(list) = tracks.unchecked_ref::<js_sys::Function>().call0(stream) else {
        return;
    };
    for track in js_sys::Array::from(&list).iter() {
        track.unchecked_into::<web_sys::MediaStreamTrack>().stop();
    }
}

/// Switches the camera off, whatever state the component is in.
fn stop_stream() {
    let Some(w) = web_sys::window() else { return };
    if let Ok(stream) = js_sys::Reflect::get(&w, &STREAM_KEY.into())
        && !stream.is_undefined()
        && !stream.is_null()
    {
        stop_tracks(&stream);
    }
    let _ = js_sys::Reflect::delete_property(&w, &STREAM_KEY.into());
}

pub fn use_camera(video: NodeRef<leptos::html::Video>) -> Camera {
    let camera =
        Camera { live: RwSignal::new(false), playing: RwSignal::new(false), error: RwSignal::new(None), video };
    on_cleanup(stop_stream);
    camera
}

impl Camera {
    /// Asks for the camera (front-facing, at least 720p when available: a 640 × 480 picture is under the minimum
    /// size once cropped to 7:9) and shows it in the video element.
    pub fn start(self) {
        self.error.set(None);
        let window = web_sys::window().expect("browser window");
        let devices = window.navigator().media_devices().ok().filter(|_| window.is_secure_context());
        let Some(devices) = devices else {
            self.error.set(Some(if window.is_secure_context() {
                CameraError::NoCamera
            } else {
                CameraError::NotSecure
            }));
            return;
        };
        let constraints = MediaStreamConstraints::new();
        let video = js_sys::Object::new();
        let ideal = |v: u32| {
            let o = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&o, &"ideal".into(), &v.into());
            o
        };
        let _ = js_sys::Reflect::set(&video, &"width".into(), &ideal(1920));
        let _ = js_sys::Reflect::set(&video, &"height".into(), &ideal(1080));
        let _ = js_sys::Reflect::set(&video, &"facingMode".into(), &"user".into());
        constraints.set_video(&video);
        let Ok(promise) = devices.get_user_media_with_constraints(&constraints) else {
            self.error.set(Some(CameraError::Other));
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            match JsFuture::from(promise).await {
                Ok(stream) => {
                    let stream: MediaStream = stream.unchecked_into();
                    self.stop();
                    keep_stream(&stream);
                    if self.live.try_set(true).is_some() {
                        // The step was left while the browser was asking: switch off at once.
                        stop_stream();
                        return;
                    }
                    // The <video> appears once `live` is set: attach on the next frame.
                    request_animation_frame(move || {
                        if let Some(v) = self.video.try_get_untracked().flatten() {
                            let v: &HtmlVideoElement = &v;
                            v.set_src_object(Some(&stream));
                            // play() rejects when the stream is switched off before it starts: expected.
                            if let Ok(p) = v.play() {
                                wasm_bindgen_futures::spawn_local(async move {
                                    if JsFuture::from(p).await.is_ok() {
                                        let _ = self.playing.try_set(true);
                                    }
                                });
                            }
                        }
                    });
                }
                Err(e) => {
                    let name =
                        e.dyn_ref::<web_sys::DomException>().map(web_sys::DomException::name).unwrap_or_default();
                    self.error.set(Some(CameraError::from_dom_name(&name)));
                }
            }
        });
    }

    /// Switches the camera off.
    pub fn stop(self) {
        stop_stream();
        if let Some(v) = self.video.try_get_untracked().flatten() {
            if let Some(shown) = v.src_object() {
                stop_tracks(&shown);
            }
            v.set_src_object(None);
        }
        let _ = self.live.try_set(false);
        let _ = self.playing.try_set(false);
    }

    /// Takes the current frame as a JPEG blob (encoded by the browser off the main thread), then switches off.
    pub async fn capture(self) -> Option<Blob> {
        let video = self.video.get_untracked()?;
        let (w, h) = (video.video_width(), video.video_height());
        if w == 0 || h == 0 {
            return None;
        }
        let document = web_sys::window()?.document()?;
        let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas").ok()?.unchecked_into();
        canvas.set_width(w);
        canvas.set_height(h);
        let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.unchecked_into();
        ctx.draw_image_with_html_video_element(&video, 0.0, 0.0).ok()?;
        self.stop();
        let (tx, rx) = futures_channel();
        let callback = Closure::once_into_js(move |blob: JsValue| tx(blob.dyn_into::<Blob>().ok()));
        canvas
            .to_blob_with_type_and_encoder_options(callback.unchecked_ref(), "image/jpeg", &JsValue::from(0.95))
            .ok()?;
        rx.await
    }
}

/// A one-shot channel built on a JS promise (no extra crate for a single callback).
fn futures_channel() -> (impl FnOnce(Option<Blob>), impl std::future::Future<Output = Option<Blob>>) {
    let resolver: std::rc::Rc<std::cell::RefCell<Option<js_sys::Function>>> = Default::default();
    let promise = {
        let resolver = resolver.clone();
        js_sys::Promise::new(&mut move |resolve, _| *resolver.borrow_mut() = Some(resolve))
    };
    let send = move |blob: Option<Blob>| {
        if let Some(resolve) = resolver.borrow_mut().take() {
            let _ = resolve.call1(&JsValue::NULL, &blob.map(JsValue::from).unwrap_or(JsValue::NULL));
        }
    };
    let receive = async move { JsFuture::from(promise).await.ok().and_then(|v| v.dyn_into::<Blob>().ok()) };
    (send, receive)
}
