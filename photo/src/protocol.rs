//! The messages between the photo step (the page, `src/photo/worker.rs`) and the photo worker (`photo-worker/`),
//! defined once for both ends and written with serde: in the browser as plain JS values ([`envelope`], [`js`]) that
//! `postMessage` clones, never JSON text; natively (the tests below) as JSON of the same shape.
//!
//! A message travels as a two-element array `[message, payload]`: the serialised [`Request`] or [`Reply`], and the
//! picture it is about, which is not serialised — the picked file (a `Blob`, structured-cloned by reference) with a
//! request, the finished JPEG (an `ArrayBuffer`, *transferred* to the page, not copied) with [`Reply::Done`],
//! `undefined` otherwise. Kept beside the message rather than in it, the bytes never pass through serde (no number
//! array, no extra copy of up to 2 MB) and the page makes its `Blob` straight from the buffer.
//!
//! Variants are externally tagged (`{"process": {…}}`, `"ready"`): the smallest serde code on both sides (an
//! internally tagged enum is read through serde's buffered `Content`). The shapes are pinned by the tests below; a
//! change there is a change of protocol, and both ends are built from this one definition.

pub mod envelope;
pub mod js;

use serde::{Deserialize, Serialize};

use crate::{Crop, PhotoError};

/// What the page asks about the file beside the message; `id` comes back in every reply about it.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Header check and upright size.
    Probe { id: u32 },
    /// Crop (`crop`, in pixels of the upright picture), resize, advice and JPEG. `rust_decoder`: decode in Rust even
    /// where the browser's decoder would do (the benchmark compares both).
    Process { id: u32, crop: Crop, rust_decoder: bool },
}

/// What the worker answers.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// Loaded and listening: messages posted before this would have been lost, so the page holds them until then.
    Ready,
    /// The picture's format ([`Format::name`](crate::Format)) and its upright size.
    Probed { id: u32, format: String, width: u32, height: u32 },
    /// Under way: [`Stage`] reached.
    Progress { id: u32, stage: Stage },
    /// The JPEG (beside the message) and what the page shows of it: its size and the advice codes
    /// ([`Advice::code`](crate::Advice)); for the benchmark, the JPEG quality, the number of encodes, the decoder used
    /// and the time taken in the worker.
    Done { id: u32, width: u32, height: u32, advice: Vec<String>, quality: u8, encodes: u32, decoder: Decoder, ms: f64 },
    /// Refused or failed: the [`PhotoError::code`] (the page's translation key) and the size it names when it names
    /// one (0 otherwise). The page itself makes one with the code "worker" when the worker cannot load.
    Failed { id: u32, code: String, width: u32, height: u32 },
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Decode,
    Encode,
}

/// Which decoder read the pixels: the browser's `createImageBitmap`, or ours where the browser's could not.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Decoder {
    Browser,
    Rust,
}

impl Request {
    pub fn id(&self) -> u32 {
        match self {
            Request::Probe { id } | Request::Process { id, .. } => *id,
        }
    }
}

impl Reply {
    /// The reply about request `id` that failed with `err`.
    pub fn failed(id: u32, err: &PhotoError) -> Reply {
        let (width, height) = match *err {
            PhotoError::TooManyPixels { width, height }
            | PhotoError::ImageTooSmall { width, height }
            | PhotoError::CropTooSmall { width, height } => (width, height),
            _ => (0, 0),
        };
        Reply::Failed { id, code: err.code().to_string(), width, height }
    }

    /// The request this is about; `None` for [`Reply::Ready`].
    pub fn id(&self) -> Option<u32> {
        match self {
            Reply::Ready => None,
            Reply::Probed { id, .. }
            | Reply::Progress { id, .. }
            | Reply::Done { id, .. }
            | Reply::Failed { id, .. } => Some(*id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn crop() -> Crop {
        Crop { x: 10, y: 20, width: 700, height: 900 }
    }

    /// The shapes both ends agree on, one row per variant: a change here is a protocol change.
    #[test]
    fn every_request_has_its_shape_and_reads_back() {
        let cases: &[(Request, Value)] = &[
            (Request::Probe { id: 1 }, json!({"probe": {"id": 1}})),
            (
                Request::Process { id: 2, crop: crop(), rust_decoder: false },
                json!({"process": {"id": 2, "crop": {"x": 10, "y": 20, "width": 700, "height": 900}, "rust_decoder": false}}),
            ),
            (
                Request::Process { id: u32::MAX, crop: crop(), rust_decoder: true },
                json!({"process": {"id": 4_294_967_295_u32, "crop": {"x": 10, "y": 20, "width": 700, "height": 900}, "rust_decoder": true}}),
            ),
        ];
        for (request, shape) in cases {
            let written = serde_json::to_value(request).unwrap();
            assert_eq!(&written, shape, "{request:?}");
            assert_eq!(&serde_json::from_value::<Request>(written).unwrap(), request);
        }
    }

    #[test]
    fn every_reply_has_its_shape_and_reads_back() {
        let done = Reply::Done {
            id: 5,
            width: 827,
            height: 1063,
            advice: vec!["too_dark".into(), "blurry".into()],
            quality: 92,
            encodes: 2,
            decoder: Decoder::Browser,
            ms: 812.5,
        };
        let cases: &[(Reply, Value)] = &[
            (Reply::Ready, json!("ready")),
            (
                Reply::Probed { id: 3, format: "jpeg".into(), width: 4000, height: 3000 },
                json!({"probed": {"id": 3, "format": "jpeg", "width": 4000, "height": 3000}}),
            ),
            (Reply::Progress { id: 4, stage: Stage::Decode }, json!({"progress": {"id": 4, "stage": "decode"}})),
            (Reply::Progress { id: 4, stage: Stage::Encode }, json!({"progress": {"id": 4, "stage": "encode"}})),
            (
                done,
                json!({"done": {"id": 5, "width": 827, "height": 1063, "advice": ["too_dark", "blurry"],
                    "quality": 92, "encodes": 2, "decoder": "browser", "ms": 812.5}}),
            ),
            (
                Reply::Done {
                    id: 6,
                    width: 413,
                    height: 531,
                    advice: vec![],
                    quality: 60,
                    encodes: 4,
                    decoder: Decoder::Rust,
                    ms: 0.0,
                },
                json!({"done": {"id": 6, "width": 413, "height": 531, "advice": [], "quality": 60, "encodes": 4,
                    "decoder": "rust", "ms": 0.0}}),
            ),
            (
                Reply::Failed { id: 7, code: "image_too_small".into(), width: 300, height: 400 },
                json!({"failed": {"id": 7, "code": "image_too_small", "width": 300, "height": 400}}),
            ),
        ];
        for (reply, shape) in cases {
            let written = serde_json::to_value(reply).unwrap();
            assert_eq!(&written, shape, "{reply:?}");
            assert_eq!(&serde_json::from_value::<Reply>(written).unwrap(), reply);
        }
    }

    #[test]
    fn a_failure_carries_the_code_and_the_size_it_names() {
        let cases: &[(PhotoError, &str, u32, u32)] = &[
            (PhotoError::ImageTooSmall { width: 300, height: 400 }, "image_too_small", 300, 400),
            (PhotoError::CropTooSmall { width: 350, height: 450 }, "crop_too_small", 350, 450),
            (PhotoError::TooManyPixels { width: 20_000, height: 9_000 }, "too_many_pixels", 20_000, 9_000),
            (PhotoError::FileTooLarge { bytes: 70_000_000 }, "file_too_large", 0, 0),
            (PhotoError::NeedsBrowserDecoder { format: "heic" }, "heic", 0, 0),
            (PhotoError::Unsupported { format: "tiff" }, "unsupported", 0, 0),
            (PhotoError::Empty, "empty", 0, 0),
            (PhotoError::Damaged, "damaged", 0, 0),
        ];
        for (err, code, width, height) in cases {
            let reply = Reply::failed(9, err);
            assert_eq!(reply, Reply::Failed { id: 9, code: (*code).into(), width: *width, height: *height }, "{err:?}");
            assert_eq!(reply.id(), Some(9));
        }
    }

    #[test]
    fn ids_are_read_from_every_variant() {
        assert_eq!(Request::Probe { id: 3 }.id(), 3);
        assert_eq!(Request::Process { id: 4, crop: crop(), rust_decoder: false }.id(), 4);
        assert_eq!(Reply::Ready.id(), None);
        assert_eq!(Reply::Progress { id: 5, stage: Stage::Decode }.id(), Some(5));
        assert_eq!(Reply::Probed { id: 6, format: "png".into(), width: 1, height: 1 }.id(), Some(6));
    }

    /// A message the other end does not know (the strings protocol of an older cached page or worker, a stray post)
    /// is refused, not misread.
    #[test]
    fn unknown_or_malformed_messages_are_refused() {
        let requests = [
            json!({"type": "probe", "id": 1}),
            json!({"resize": {"id": 1}}),
            json!({"probe": {"id": -1}}),
            json!({"probe": {"id": 1.5}}),
            json!({"probe": {}}),
            json!({"process": {"id": 2, "crop": {"x": 0, "y": 0, "width": 7}, "rust_decoder": false}}),
            json!({"process": {"id": 2, "crop": {"x": 0, "y": 0, "width": 7, "height": 9}}}),
            json!("probe"),
            json!(null),
        ];
        for shape in requests {
            assert!(serde_json::from_value::<Request>(shape.clone()).is_err(), "{shape}");
        }
        let replies = [
            json!({"type": "ready"}),
            json!({"probed": {"id": 1, "width": 2}}),
            json!({"progress": {"id": 1, "stage": "upload"}}),
            json!({"done": {"id": 1, "width": 2, "height": 3, "advice": [], "quality": 300, "encodes": 1,
                "decoder": "browser", "ms": 1.0}}),
            json!({"done": {"id": 1, "width": 2, "height": 3, "advice": [], "quality": 90, "encodes": 1,
                "decoder": "gpu", "ms": 1.0}}),
        ];
        for shape in replies {
            assert!(serde_json::from_value::<Reply>(shape.clone()).is_err(), "{shape}");
        }
    }
}
