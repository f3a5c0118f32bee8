//! The protocol's envelope as the browser carries it: written by one end, posted through a real `MessageChannel`
//! (structured clone, as `Worker.postMessage` does) and read by the other, in a dedicated worker of headless
//! Chromium. The shapes themselves are pinned natively (photo/src/protocol.rs); this checks serde-wasm-bindgen
//! writes the same shapes and that the pictures travel beside the message — the file cloned, the JPEG transferred.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, ArrayBuffer, JSON, Promise, Uint8Array};
use passregion_photo::Crop;
use passregion_photo::protocol::{Decoder, Reply, Request, Stage, envelope};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Blob, MessageChannel, MessageEvent};

wasm_bindgen_test_configure!(run_in_dedicated_worker);

/// Posts `message` (transferring `transfer`) through a fresh channel and returns what arrived on the other side.
async fn through_channel(message: &JsValue, transfer: &Array) -> JsValue {
    let channel = MessageChannel::new().expect("channel");
    let received = Promise::new(&mut |resolve, _| {
        let on_message = Closure::once_into_js(move |e: MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &e.data());
        });
        channel.port2().set_onmessage(Some(on_message.unchecked_ref()));
    });
    channel.port1().post_message_with_transferable(message, transfer).expect("posted");
    let data = JsFuture::from(received).await.expect("received");
    channel.port1().close();
    channel.port2().close();
    data
}

fn json(value: &JsValue) -> String {
    JSON::stringify(value).expect("stringify").into()
}

#[wasm_bindgen_test]
async fn a_request_arrives_with_its_file_beside_it() {
    let bytes = Uint8Array::from(&b"not really a jpeg"[..]);
    let file = Blob::new_with_u8_array_sequence(&Array::of1(&bytes)).expect("blob");
    let requests = [
        (Request::Probe { id: 1 }, r#"{"probe":{"id":1}}"#),
        (
            Request::Process { id: 2, crop: Crop { x: 10, y: 20, width: 700, height: 900 }, rust_decoder: true },
            r#"{"process":{"id":2,"crop":{"x":10,"y":20,"width":700,"height":900},"rust_decoder":true}}"#,
        ),
    ];
    for (request, shape) in requests {
        let message = envelope::write(&request, &file).expect("written");
        assert_eq!(json(&message.get(0)), shape);
        let data = through_channel(&message, &Array::new()).await;
        let (read, payload) = envelope::read::<Request>(&data).expect("read back");
        assert_eq!(read, request);
        let arrived: Blob = payload.dyn_into().expect("the file beside the message");
        assert_eq!(arrived.size(), file.size());
    }
}

#[wasm_bindgen_test]
async fn the_jpeg_is_handed_over_not_copied() {
    let jpeg = Uint8Array::from(&[0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3][..]);
    let buffer = jpeg.buffer();
    let reply = Reply::Done {
        id: 7,
        width: 827,
        height: 1063,
        advice: vec!["too_dark".into()],
        quality: 90,
        encodes: 1,
        decoder: Decoder::Browser,
        ms: 12.5,
    };
    let message = envelope::write(&reply, &buffer).expect("written");
    assert_eq!(
        json(&message.get(0)),
        r#"{"done":{"id":7,"width":827,"height":1063,"advice":["too_dark"],"quality":90,"encodes":1,"decoder":"browser","ms":12.5}}"#
    );
    let data = through_channel(&message, &Array::of1(&buffer)).await;
    // Transferred: the sender's buffer is detached, the receiver has the bytes.
    assert_eq!(buffer.byte_length(), 0);
    let (read, payload) = envelope::read::<Reply>(&data).expect("read back");
    assert_eq!(read, reply);
    let arrived: ArrayBuffer = payload.dyn_into().expect("the JPEG beside the message");
    assert_eq!(Uint8Array::new(&arrived).to_vec(), vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);
}

#[wasm_bindgen_test]
async fn every_other_reply_reads_back() {
    let replies = [
        (Reply::Ready, r#""ready""#),
        (
            Reply::Probed { id: 3, format: "jpeg".into(), width: 4000, height: 3000 },
            r#"{"probed":{"id":3,"format":"jpeg","width":4000,"height":3000}}"#,
        ),
        (Reply::Progress { id: 4, stage: Stage::Encode }, r#"{"progress":{"id":4,"stage":"encode"}}"#),
        (
            Reply::Failed { id: 5, code: "crop_too_small".into(), width: 350, height: 450 },
            r#"{"failed":{"id":5,"code":"crop_too_small","width":350,"height":450}}"#,
        ),
    ];
    for (reply, shape) in replies {
        let message = envelope::write(&reply, &JsValue::UNDEFINED).expect("written");
        assert_eq!(json(&message.get(0)), shape);
        let data = through_channel(&message, &Array::new()).await;
        let (read, payload) = envelope::read::<Reply>(&data).expect("read back");
        assert_eq!(read, reply);
        assert!(payload.is_undefined());
    }
}

/// What an older page or worker would post (the strings protocol), or anything else, is not taken for a message.
#[wasm_bindgen_test]
fn foreign_messages_are_not_read() {
    let parse = |text: &str| JSON::parse(text).expect("JSON");
    for text in [
        r#"{"type":"probe","id":1}"#,
        r#"[{"type":"probe","id":1}, null]"#,
        r#"[{"probe":{"id":-1}}, null]"#,
        r#"[{"probe":{"id":1}}]"#,
        r#"[{"probe":{"id":1}}, null, null]"#,
        r#""ready""#,
    ] {
        assert!(envelope::read::<Request>(&parse(text)).is_none(), "{text}");
    }
    assert!(envelope::read::<Reply>(&parse(r#"[{"type":"ready"}, null]"#)).is_none());
    assert_eq!(envelope::read::<Reply>(&parse(r#"["ready", null]"#)).map(|(r, _)| r), Some(Reply::Ready));
}
