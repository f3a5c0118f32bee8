//! The page's side of the photo worker (photo-worker/): started when the photo step opens — so the first page
//! never downloads it — and terminated when the step goes away. The messages are `passregion_photo::protocol`'s,
//! the same types the worker reads and writes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use passregion_photo::Crop;
pub use passregion_photo::protocol::Reply;
use passregion_photo::protocol::{Request, envelope};
use wasm_bindgen::prelude::*;
use web_sys::{Blob, MessageEvent, Worker};

/// Emitted by Trunk for `<link data-trunk rel="rust" data-type="worker" data-loader-shim …>` in index.html.
const WORKER_URL: &str = "/passregion-photo-worker_loader.js";

/// A reply of the worker and, with [`Reply::Done`], the JPEG: a `Blob` made straight from the buffer the worker
/// handed over, so its bytes never enter this wasm.
#[derive(Clone, Debug)]
pub struct Answer {
    pub reply: Reply,
    pub jpeg: Option<Blob>,
}

impl Answer {
    /// `None` for anything that is not a reply of ours, and for a `Done` without its JPEG.
    fn read(data: &JsValue) -> Option<Answer> {
        let (reply, payload) = envelope::read::<Reply>(data)?;
        let jpeg = match reply {
            Reply::Done { .. } => {
                let buffer = payload.dyn_into::<js_sys::ArrayBuffer>().ok()?;
                let options = web_sys::BlobPropertyBag::new();
                options.set_type("image/jpeg");
                Some(Blob::new_with_buffer_source_sequence_and_options(&js_sys::Array::of1(&buffer), &options).ok()?)
            }
            _ => None,
        };
        Some(Answer { reply, jpeg })
    }
}

pub struct PhotoWorker {
    worker: Worker,
    ready: Rc<Cell<bool>>,
    queue: Rc<RefCell<Vec<js_sys::Array>>>,
    next_id: Cell<u32>,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

impl PhotoWorker {
    /// Starts the worker; `on_answer` receives every answer (and a `Failed` with code "worker" if it cannot load).
    pub fn start(on_answer: impl Fn(Answer) + 'static) -> Result<PhotoWorker, JsValue> {
        let worker = Worker::new(WORKER_URL)?;
        let ready = Rc::new(Cell::new(false));
        let queue: Rc<RefCell<Vec<js_sys::Array>>> = Rc::default();
        let on_answer = Rc::new(on_answer);
        let on_message = {
            let (ready, queue, worker, on_answer) = (ready.clone(), queue.clone(), worker.clone(), on_answer.clone());
            Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| match Answer::read(&e.data()) {
                Some(Answer { reply: Reply::Ready, .. }) => {
                    ready.set(true);
                    for message in queue.borrow_mut().drain(..) {
                        let _ = worker.post_message(&message);
                    }
                }
                Some(answer) => on_answer(answer),
                None => {}
            })
        };
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
            let reply = Reply::Failed { id: 0, code: "worker".into(), width: 0, height: 0 };
            on_answer(Answer { reply, jpeg: None });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(PhotoWorker { worker, ready, queue, next_id: Cell::new(1), _on_message: on_message, _on_error: on_error })
    }

    /// Posts `request(id)` with the file beside it (cloned by reference, not copied), or holds it until the worker
    /// is ready. Returns the id.
    fn send(&self, file: &Blob, request: impl FnOnce(u32) -> Request) -> u32 {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        let Some(message) = envelope::write(&request(id), file) else {
            return id;
        };
        if self.ready.get() {
            let _ = self.worker.post_message(&message);
        } else {
            self.queue.borrow_mut().push(message);
        }
        id
    }

    /// Header check and upright size. Returns the request id.
    pub fn probe(&self, file: &Blob) -> u32 {
        self.send(file, |id| Request::Probe { id })
    }

    /// Crop, resize, advice, JPEG. Returns the request id.
    pub fn process(&self, file: &Blob, crop: Crop) -> u32 {
        self.send(file, |id| Request::Process { id, crop, rust_decoder: false })
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
