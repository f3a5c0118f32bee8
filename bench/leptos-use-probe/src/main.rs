use leptos::prelude::*;

#[cfg(feature = "lu")]
#[component]
fn Probe() -> impl IntoView {
    use leptos_use::{use_clipboard, use_debounce_fn, use_user_media, UseClipboardReturn, UseUserMediaReturn};
    let UseClipboardReturn { copy, copied, .. } = use_clipboard();
    let UseUserMediaReturn { stream, start, stop, .. } = use_user_media();
    let typed = RwSignal::new(String::new());
    let shown = RwSignal::new(String::new());
    let debounced = use_debounce_fn(move || shown.set(typed.get_untracked()), 300.0);
    view! {
        <button on:click=move |_| copy("2629764351")>{move || if copied.get() { "ok" } else { "copy" }}</button>
        <button on:click=move |_| start()>"cam"</button>
        <button on:click=move |_| stop()>"off"</button>
        <p>{move || stream.with(|s| matches!(s, Some(Ok(_))))}</p>
        <input on:input=move |ev| { typed.set(event_target_value(&ev)); debounced(); } />
        <p>{move || shown.get()}</p>
    }
}

#[cfg(not(feature = "lu"))]
#[component]
fn Probe() -> impl IntoView {
    use wasm_bindgen::JsCast;
    let copied = RwSignal::new(false);
    let stream = RwSignal::new_local(None::<web_sys::MediaStream>);
    let typed = RwSignal::new(String::new());
    let shown = RwSignal::new(String::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let copy = move |_| {
        let Some(clipboard) = window().navigator().clipboard().into() else { return };
        let clipboard: web_sys::Clipboard = clipboard;
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(clipboard.write_text("2629764351")).await.is_ok();
            let _ = copied.try_set(ok);
        });
    };
    let start = move |_| {
        let Ok(devices) = window().navigator().media_devices() else { return };
        let constraints = web_sys::MediaStreamConstraints::new();
        constraints.set_video(&true.into());
        let Ok(promise) = devices.get_user_media_with_constraints(&constraints) else { return };
        leptos::task::spawn_local(async move {
            if let Ok(s) = wasm_bindgen_futures::JsFuture::from(promise).await {
                let _ = stream.try_set(s.dyn_into().ok());
            }
        });
    };
    let stop = move || {
        if let Some(s) = stream.try_get_untracked().flatten() {
            for t in s.get_tracks().iter() {
                if let Ok(t) = t.dyn_into::<web_sys::MediaStreamTrack>() {
                    t.stop();
                }
            }
        }
        let _ = stream.try_set(None);
    };
    on_cleanup(stop);
    let input = move |ev| {
        typed.set(event_target_value(&ev));
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let h = set_timeout_with_handle(move || { let _ = shown.try_set(typed.get_untracked()); }, std::time::Duration::from_millis(300)).ok();
        pending.set_value(h);
    };
    view! {
        <button on:click=copy>{move || if copied.get() { "ok" } else { "copy" }}</button>
        <button on:click=start>"cam"</button>
        <button on:click=move |_| stop()>"off"</button>
        <p>{move || stream.with(|s| s.is_some())}</p>
        <input on:input=input />
        <p>{move || shown.get()}</p>
    }
}

fn main() {
    leptos::mount::mount_to_body(Probe);
}
