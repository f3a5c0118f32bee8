use leptos::prelude::*;

/// A waiting indicator with its text (the animation is decoration; the words are what is announced).
#[component]
pub fn Spinner(#[prop(into)] label: Signal<String>) -> impl IntoView {
    view! {
        <p class="spinner" role="status">
            <span class="spinner__wheel" aria-hidden="true"></span>
            {move || label.get()}
        </p>
    }
}

/// Shows `children` only after `delay_ms`, so quick answers do not flash a spinner (waits over ~300 ms show one).
#[component]
pub fn Delayed(#[prop(default = 300)] delay_ms: u64, children: ChildrenFn) -> impl IntoView {
    let shown = RwSignal::new(false);
    set_timeout(move || shown.try_set(true).map_or((), |_| ()), std::time::Duration::from_millis(delay_ms));
    view! { <Show when=move || shown.get()>{children()}</Show> }
}
