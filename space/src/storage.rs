//! localStorage (the language choice only) and the forgetting that logging out does. Failures (private mode,
//! no window in native tests) are swallowed: storage is a convenience.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn local_get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

pub fn local_set(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(key, value);
    }
}

/// Empties both storages of this origin. The server's Clear-Site-Data does the same, but not every browser
/// honours it, and a school computer is shared.
pub fn clear_all() {
    let Some(w) = web_sys::window() else { return };
    for s in [w.local_storage(), w.session_storage()].into_iter().flatten().flatten() {
        let _ = s.clear();
    }
}
