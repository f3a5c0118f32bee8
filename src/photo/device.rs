//! What the person points with, so the photo step speaks of their gestures: a finger on phones and tablets
//! (slide, pinch — no mouse, wheel or Ctrl+V there), a mouse and a keyboard elsewhere.

/// Whether the main pointer is coarse (a finger), as the CSS media query `(pointer: coarse)` says.
pub fn touch_first() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(pointer: coarse)").ok().flatten())
        .is_some_and(|query| query.matches())
}
