//! The page's side of the photo worker (photo-worker/): started when the photo step opens — so the first page
//! never downloads it — and terminated when the step goes away.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use passregion_photo::Crop;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, MessageEvent, Worker};

/// Emitted by Trunk for `<link data-trunk rel="rust" data-type="worker" data-loader-shim …>` in index.html.
const WORKER_URL: &str = "/passregion-photo-worker_loader.js";

/// What the worker answered.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    Probed { id: u32, width: u32, height: u32 },
    Progress { id: u32, stage: String },
    Done { id: u32, jpeg: Vec<u8>, width: u32, height: u32, advice: Vec<String> },
    Failed { id: u32, code: String, width: u32, height: u32 },
}

impl Reply {
    fn read(data: &JsValue) -> Option<Reply> {
        let get = |k: &str| js_sys::Reflect::get(data, &k.into()).ok();
        let num = |k: &str| get(k).and_then(|v| v.as_f64()).unwrap_or(0.0) as u32;
        let text = |k: &str| get(k).and_then(|v| v.as_string()).unwrap_or_default();
        let id = num("id");
        Some(match text("type").as_str() {
            "probed" => Reply::Probed { id, width: num("width"), height: num("height") },
            "progress" => Reply::Progress { id, stage: text("stage") },
            "done" => Reply::Done {
                id,
                jpeg: get("jpeg")?.dyn_into::<js_sys::Uint8Array>().ok()?.to_vec(),
                width: num("width"),
                height: num("height"),
                advice: get("advice")
                    .map(|a| js_sys::Array::from(&a).iter().filter_map(|v| v.as_string()).collect())
                    .unwrap_or_default(),
            },
            "error" => Reply::Failed { id, code: text("code"), width: num("width"), height: num("height") },
            _ => return None,
        })
    }
}

pub struct PhotoWorker {
    worker: Worker,
    ready: Rc<Cell<bool>>,
    queue: Rc<RefCell<Vec<js_sys::Object>>>,
    next_id: Cell<u32>,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

impl PhotoWorker {
    /// Starts the worker; `on_reply` receives every answer (and a `Failed` with code "worker" if it cannot load).
    pub fn start(on_reply: impl Fn(Reply) + 'static) -> Result<PhotoWorker, JsValue> {
        let worker = Worker::new(WORKER_URL)?;
        let ready = Rc::new(Cell::new(false));
        let queue: Rc<RefCell<Vec<js_sys::Object>>> = Rc::default();
        let on_reply = Rc::new(on_reply);
        let on_message = {
            let (ready, queue, worker, on_reply) = (ready.clone(), queue.clone(), worker.clone(), on_reply.clone());
            Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
                let data = e.data();
                let kind = js_sys::Reflect::get(&data, &"type".into()).ok().and_then(|v| v.as_string());
                if kind.as_deref() == Some("ready") {
                    ready.set(true);
                    for message in queue.borrow_mut().drain(..) {
                        let _ = worker.post_message(&message);
                    }
                } else if let Some(reply) = Reply::read(&data) {
                    on_reply(reply);
                }
            })
        };
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
            on_reply(Reply::Failed { id: 0, code: "worker".into(), width: 0, height: 0 });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(PhotoWorker { worker, ready, queue, next_id: Cell::new(1), _on_message: on_message, _on_error: on_error })
    }

    fn send(&self, message: js_sys::Object) -> u32 {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        let _ = js_sys::Reflect::set(&message, &"id".into(), &JsValue::from(id));
        if self.ready.get() {
            let _ = self.worker.post_message(&message);
        } else {
            self.queue.borrow_mut().push(message);
        }
        id
    }

    fn message(kind: &str, file: &Blob) -> js_sys::Object {
        let m = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&m, &"type".into(), &kind.into());
        let _ = js_sys::Reflect::set(&m, &"file".into(), file);
        m
    }

    /// Header check and upright size. Returns the request id.
    pub fn probe(&self, file: &Blob) -> u32 {
        self.send(Self::message("probe", file))
    }

    /// Crop, resize, advice, JPEG. Returns the request id.
    pub fn process(&self, file: &Blob, crop: Crop) -> u32 {
        let m = Self::message("process", file);
        let c = js_sys::Object::new();
        for (k, v) in [("x", crop.x), ("y", crop.y), ("width", crop.width), ("height", crop.height)] {
            let _ = js_sys::Reflect::set(&c, &k.into(), &JsValue::from(v));
        }
        let _ = js_sys::Reflect::set(&m, &"crop".into(), &c);
        self.send(m)
    }
}

impl Drop for PhotoWorker {
    fn drop(&mut self) {
        // A message the worker posted before `terminate` may still be dispatched: the handlers go first, or it
        // would call the closures dropped with `self` ("closure invoked after being dropped").
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
