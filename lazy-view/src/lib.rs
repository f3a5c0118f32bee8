//! Parts of a Leptos app fetched when they are first shown, for the application (`src/chunks.rs`) and the
//! beneficiary space (`space/src/chunks.rs`), each built split by build-tools/app-wasm.mjs (docs/size.md, "Code
//! splitting"); and, in the browser, the English texts fetched when chosen (`english`).
//!
//! Each function made by [`chunks!`] is a split point: with its crate's `split` feature `wasm_split` — what Leptos'
//! `#[lazy]` uses — puts the view and everything only it uses into its own wasm file, fetched on the first call;
//! without it (`trunk serve`, the browser tests) it is a plain call into the same module, because an unsplit module
//! that carries the split imports cannot be instantiated. Each name is its route's last path segment with `-` as
//! `_`: build-tools/app-wasm.mjs relies on it to have index.html preload the chunk of a deep link.

use std::future::Future;

#[cfg(target_arch = "wasm32")]
pub mod english;

use leptos::prelude::*;
use leptos::task::spawn_local;

/// Declares split points `name / preload_name => view;` and the crate's `LoadError`. The `#[cfg(feature =
/// "split")]` it writes is evaluated in the calling crate: each crate has its own `split` feature.
#[macro_export]
macro_rules! chunks {
    ($($name:ident / $preload:ident => $view:expr;)*) => {
        #[cfg(feature = "split")]
        pub use ::leptos::wasm_split::SplitLoaderError as LoadError;

        /// Without the `split` feature nothing is fetched, so nothing can fail.
        #[cfg(not(feature = "split"))]
        #[derive(Debug)]
        pub enum LoadError {}

        $(
            #[cfg(feature = "split")]
            #[::leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, preload(#[doc(hidden)] $preload), fallible)]
            pub fn $name() -> Result<::leptos::prelude::AnyView, LoadError> {
                Ok(::leptos::prelude::IntoAny::into_any($view))
            }

            #[cfg(not(feature = "split"))]
            pub async fn $name() -> Result<::leptos::prelude::AnyView, LoadError> {
                Ok(::leptos::prelude::IntoAny::into_any($view))
            }

            #[cfg(not(feature = "split"))]
            #[doc(hidden)]
            pub async fn $preload() -> Result<(), LoadError> {
                Ok(())
            }
        )*
    };
}

/// A view whose code may still have to be fetched: `pending` while it is (shown by the caller after a delay, if at
/// all: a chunk already in settles in a microtask), `failed(retry)` when the fetch failed.
///
/// The view is built synchronously in this closure's owner once its chunk is in, never inside the loader's future:
/// a view built in a `Suspend` future belongs to the owner that `Suspend` captured, which a route or the router may
/// already have disposed when the future resolves or right after (sending the application, "Effacer mes
/// données"), and a disposed signal read then aborts the whole app. Here the chunk is fetched first (`preload`),
/// then the split function, whose loader is now settled, is polled once and its view mounted like any other.
///
/// `pending` and `failed` are generic rather than `fn` pointers: each caller's closures are compiled in place, as
/// they were before this was shared (`fn` pointers measured 190 B gzip more on the application's first page).
pub fn lazy<F, P, E, Pending, Failed>(load: fn() -> F, preload: fn() -> P, pending: Pending, failed: Failed) -> AnyView
where
    F: Future<Output = Result<AnyView, E>> + 'static,
    P: Future<Output = Result<(), E>> + 'static,
    Pending: Fn() -> AnyView + Copy + Send + Sync + 'static,
    Failed: Fn(Callback<()>) -> AnyView + Copy + Send + Sync + 'static,
{
    // None: being fetched; Some(false): failed. No cache by function address here: the optimiser merges the split
    // functions' identical stubs.
    let loaded = RwSignal::new(None::<bool>);
    let fetch = move || {
        let _ = loaded.try_set(None);
        spawn_local(async move {
            let ok = preload().await.is_ok();
            let _ = loaded.try_set(Some(ok));
        });
    };
    fetch();
    let retry = Callback::new(move |()| fetch());
    (move || match loaded.get() {
        None => pending(),
        Some(true) => match poll_once(load()) {
            Some(Ok(view)) => view,
            _ => failed(retry),
        },
        Some(false) => failed(retry),
    })
    .into_any()
}

/// Fetches a chunk in the background (the page a person is likely to open next), ignoring a failure: opening that
/// page will try again and say so.
pub fn preload_soon<P, E>(preload: fn() -> P)
where
    P: Future<Output = Result<(), E>> + 'static,
{
    spawn_local(async move {
        let _ = preload().await;
    });
}

/// Resolves once the browser has nothing more urgent to do (`requestIdleCallback`, at most 2 s later), or after a
/// short delay where it has no such callback (Safari): a background fetch then leaves the page's own requests and
/// rendering go first. At once outside the browser.
pub async fn idle() {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let global = js_sys::global();
            let callback = js_sys::Reflect::get(&global, &"requestIdleCallback".into())
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
            if let Some(callback) = callback {
                let options = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&options, &"timeout".into(), &2000.into());
                let _ = callback.call2(&global, &resolve, &options);
            } else if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 300);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// Resolves in a later task of the browser's event loop (a zero-delay timer). Work that follows an answer already
/// in hand (index.html's early requests) then runs after the first render's task instead of lengthening it: on a
/// slow phone two medium tasks block input for less time than one long one. At once outside the browser.
pub async fn next_task() {
    #[cfg(target_arch = "wasm32")]
    {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// Mounts `app` on `<body>` in the event loop's next task (a zero-delay timer): the module's compiling and
/// instantiating, then the first render, are two tasks rather than one long one that blocks input on a slow phone
/// (Lighthouse's total blocking time, docs/size.md). The page's static first frame shows meanwhile. Outside the
/// browser, at once (there is no page to mount on there anyway).
pub fn mount_to_body_next_task<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(async move {
        next_task().await;
        leptos::mount::mount_to_body(app);
    });
    #[cfg(not(target_arch = "wasm32"))]
    leptos::mount::mount_to_body(app);
}

/// Resolves at the first sign that the person is using the page: a press, a touch, a key, a wheel turn. Code they
/// will need only after acting on the page (the next step's) then comes after the page's start-up, not as a long task
/// inside it on a slow phone, and still before they can go on. At once outside the browser.
pub async fn first_interaction() {
    #[cfg(target_arch = "wasm32")]
    {
        const EVENTS: [&str; 4] = ["pointerdown", "touchstart", "keydown", "wheel"];
        let Some(window) = web_sys::window() else { return };
        let mut listener = None;
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let options = web_sys::AddEventListenerOptions::new();
            options.set_passive(true);
            options.set_capture(true);
            for event in EVENTS {
                let _ =
                    window.add_event_listener_with_callback_and_add_event_listener_options(event, &resolve, &options);
            }
            listener = Some(resolve);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        // The first event resolved it; the others must not keep calling a settled promise's resolver.
        if let Some(resolve) = listener {
            for event in EVENTS {
                let _ = window.remove_event_listener_with_callback_and_bool(event, &resolve, true);
            }
        }
    }
}

/// A split function's future once its chunk is loaded is ready at the first poll (the loader's cell is set).
fn poll_once<F: Future>(future: F) -> Option<F::Output> {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match std::pin::pin!(future).poll(&mut cx) {
        std::task::Poll::Ready(out) => Some(out),
        std::task::Poll::Pending => None,
    }
}

#[cfg(test)]
mod tests {
    use super::poll_once;

    #[test]
    fn a_settled_future_is_read_at_the_first_poll() {
        assert_eq!(poll_once(async { 7 }), Some(7));
    }

    #[test]
    fn a_future_still_waiting_gives_nothing() {
        assert_eq!(poll_once(std::future::pending::<u8>()), None);
    }
}
