//! The crop frame: a fixed 7:9 window with the face guide, over the picture the person moves (drag, arrows — the
//! photo goes the arrow's way, Shift for big steps) and zooms (wheel, pinch, slider, + and −). The geometry lives in `passregion_photo::Frame`, which keeps every state a
//! valid crop.

use std::collections::HashMap;

use leptos::prelude::*;
use passregion_photo::{Frame, Nudge, decimal};
use wasm_bindgen::JsCast;

use crate::i18n::t;

/// The face guide drawn over the frame and over the live camera: an oval for the face, a line for the eyes.
/// Units are half-millimetres of the 35 × 45 mm photo. The ID-photo rules (ICAO 9303, as applied in France) want the
/// face, chin to crown, 32–36 mm high and the eyes 50–70 % of the height from the bottom: the oval is 33 mm high
/// with the crown 5 mm below the top edge, and the eye line sits 20.5 mm from the top (54 % from the bottom).
#[component]
pub fn FaceGuide() -> impl IntoView {
    view! {
        <svg class="photo-guide" viewBox="0 0 70 90" preserveAspectRatio="none" aria-hidden="true">
            <ellipse cx="35" cy="43" rx="23" ry="33" fill="none" stroke="#fff" stroke-width="0.8" stroke-dasharray="2 1.5" />
            <line x1="10" y1="41" x2="60" y2="41" stroke="#fff" stroke-width="0.5" stroke-dasharray="1.5 1.5" />
        </svg>
    }
}

#[component]
pub fn CropFrame(
    url: String,
    frame: RwSignal<Frame>,
    img_w: u32,
    img_h: u32,
    /// A finger is the main pointer: the help speaks of sliding and pinching.
    touch: bool,
) -> impl IntoView {
    let viewport = NodeRef::<leptos::html::Div>::new();
    let pointers = StoredValue::new(HashMap::<i32, (f64, f64)>::new());
    let viewport_width =
        move || viewport.get_untracked().map(|v| v.get_bounding_client_rect().width()).unwrap_or(1.0).max(1.0);
    // Screen pixels → picture pixels: the frame's width fills the viewport.
    let to_image = move |px: f64| px * frame.with_untracked(Frame::width) / viewport_width();

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let f = frame.get_untracked();
        let key = ev.key();
        let next = match (Nudge::from_key(&key), key.as_str()) {
            (Some(direction), _) => f.nudged(direction, ev.shift_key()),
            (None, "+" | "=" | "Add") => f.with_zoom(f.zoom() * 1.1),
            (None, "-" | "_" | "Subtract") => f.with_zoom(f.zoom() / 1.1),
            _ => return,
        };
        ev.prevent_default();
        frame.set(next);
    };
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        ev.prevent_default();
        let f = frame.get_untracked();
        frame.set(f.with_zoom(f.zoom() * (-ev.delta_y() * 0.0015).exp()));
    };
    let on_down = move |ev: leptos::ev::PointerEvent| {
        if let Some(target) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            let _ = target.set_pointer_capture(ev.pointer_id());
        }
        pointers.update_value(|p| {
            p.insert(ev.pointer_id(), (f64::from(ev.client_x()), f64::from(ev.client_y())));
        });
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        let id = ev.pointer_id();
        let now = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let Some(before) = pointers.with_value(|p| p.get(&id).copied()) else {
            return;
        };
        let others: Vec<(f64, f64)> =
            pointers.with_value(|p| p.iter().filter(|(k, _)| **k != id).map(|(_, v)| *v).collect());
        pointers.update_value(|p| {
            p.insert(id, now);
        });
        let f = frame.get_untracked();
        match others.as_slice() {
            // Dragging the picture right shows more of its left: the frame moves the other way.
            [] => frame.set(f.moved(to_image(before.0 - now.0), to_image(before.1 - now.1))),
            [other, ..] => {
                let dist = |a: (f64, f64)| ((a.0 - other.0).powi(2) + (a.1 - other.1).powi(2)).sqrt().max(1.0);
                frame.set(f.with_zoom(f.zoom() * dist(now) / dist(before)));
            }
        }
    };
    let on_up = move |ev: leptos::ev::PointerEvent| {
        pointers.update_value(|p| {
            p.remove(&ev.pointer_id());
        });
    };

    // Percentages of the viewport, so the picture follows any viewport size without measuring it. Set as style
    // properties (CSSOM), not a style attribute, which the Content-Security-Policy would have to allow inline.
    let place = move |part: fn(&passregion_photo::Crop, u32, u32) -> f64| {
        move || frame.with(|f| format!("{}%", decimal(part(&f.crop(), img_w, img_h), 4)))
    };
    let left = place(|c, _, _| -f64::from(c.x) / f64::from(c.width) * 100.0);
    let top = place(|c, _, _| -f64::from(c.y) / f64::from(c.height) * 100.0);
    let width = place(|c, w, _| f64::from(w) / f64::from(c.width) * 100.0);
    let height = place(|c, _, h| f64::from(h) / f64::from(c.height) * 100.0);
    let max_zoom = frame.with_untracked(Frame::max_zoom);

    view! {
        <div class="photo-crop">
            <div node_ref=viewport id="photo-crop" class="photo-crop__viewport" tabindex="0" role="application"
                aria-label=t("photo.crop_label") aria-describedby="photo-crop-help"
                on:keydown=on_key on:wheel=on_wheel on:pointerdown=on_down on:pointermove=on_move
                on:pointerup=on_up on:pointercancel=on_up>
                <img class="photo-crop__picture" src=url alt="" draggable="false"
                    style:left=left style:top=top style:width=width style:height=height />
                <FaceGuide />
            </div>
            <p id="photo-crop-help" class="field__hint">{if touch { t("photo.crop_help_touch") } else { t("photo.crop_help") }}</p>
            <label class="photo-crop__zoom">
                <span>{t("photo.zoom")}</span>
                <input type="range" min="1" max=decimal(max_zoom, 3) step="0.01"
                    prop:value=move || decimal(frame.with(Frame::zoom), 3)
                    on:input=move |ev| {
                        // The browser's number, not Rust's parsing (which would bring its own code).
                        let z = event_target::<web_sys::HtmlInputElement>(&ev).value_as_number();
                        if z.is_finite() {
                            frame.update(|f| *f = f.with_zoom(z));
                        }
                    } />
            </label>
        </div>
    }
}
