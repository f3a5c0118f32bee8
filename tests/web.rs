//! Browser tests of the glue (wasm-bindgen-test in a real browser: `wasm-bindgen-test-runner` + chromedriver).
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p passregion-app --target wasm32-unknown-unknown --test web`
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use passregion_app::i18n::{LANG_STORAGE_KEY, Lang, apply_lang, initial_lang, t_now};
use passregion_app::state::{self, AppState, DRAFT_STORAGE_KEY, RECEIPT_STORAGE_KEY, Remote};
use passregion_app::storage;
use passregion_core::api::Civility;
use passregion_core::draft::Draft;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PASSWORD: &str = "Secret-Cheval-42";

fn filled_draft() -> Draft {
    let mut d = Draft::default();
    d.civility = Some(Civility::Madame);
    d.last_name = "Lefèvre".into();
    d.first_name = "Élodie".into();
    d.birth_day = "3".into();
    d.birth_month = "7".into();
    d.birth_year = "2010".into();
    d.email = "elodie@example.fr".into();
    d.email_confirm = "elodie@example.fr".into();
    d.set_password(PASSWORD);
    d.set_password_confirm(PASSWORD);
    d
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until `ready` holds, checking every 10 ms, and fails after 3 s with `what`: a test waits as long as the
/// browser needs and no longer, instead of guessing a delay.
async fn until(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..300 {
        if ready() {
            return;
        }
        sleep(10).await;
    }
    panic!("still not true after 3 s: {what}");
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element to mount one component into, so that tests do not see each other's views.
fn host(id: &str) -> web_sys::HtmlElement {
    let el = document().create_element("div").unwrap();
    el.set_id(id);
    document().body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

#[wasm_bindgen_test]
fn draft_round_trips_through_session_storage_without_the_password() {
    storage::session_remove(DRAFT_STORAGE_KEY);
    let draft = filled_draft();
    state::save_draft(&draft);

    let raw = storage::session_get(DRAFT_STORAGE_KEY).expect("draft saved");
    assert!(raw.contains("Lefèvre"), "{raw}");
    assert!(!raw.contains(PASSWORD), "the password reached storage: {raw}");
    assert!(storage::local_get(DRAFT_STORAGE_KEY).is_none(), "the draft must not outlive the tab");

    let restored = state::load_draft();
    assert_eq!(restored.last_name, "Lefèvre");
    assert_eq!(restored.birth_year, "2010");
    assert_eq!(restored.password(), "");
    assert!(restored.password_lost(), "the review step must ask for the password again");
    storage::session_remove(DRAFT_STORAGE_KEY);
}

#[wasm_bindgen_test]
fn an_untouched_draft_leaves_nothing_in_storage() {
    storage::session_set(DRAFT_STORAGE_KEY, "{}");
    state::save_draft(&Draft::default());
    assert_eq!(storage::session_get(DRAFT_STORAGE_KEY), None);
}

#[wasm_bindgen_test]
fn unreadable_storage_starts_afresh() {
    storage::session_set(DRAFT_STORAGE_KEY, "{not json");
    assert_eq!(state::load_draft(), Draft::default());
    storage::session_remove(DRAFT_STORAGE_KEY);
}

#[wasm_bindgen_test]
fn clearing_removes_draft_and_receipt_from_memory_and_storage() {
    let draft = filled_draft();
    state::save_draft(&draft);
    storage::session_set(RECEIPT_STORAGE_KEY, "{}");
    let app = AppState {
        draft: RwSignal::new(draft),
        campaign: RwSignal::new(Remote::Loading),
        server_errors: RwSignal::new(Vec::new()),
        receipt: RwSignal::new(None),
        last_email: RwSignal::new(Some("elodie@example.fr".into())),
    };
    app.clear_everything();
    assert_eq!(storage::session_get(DRAFT_STORAGE_KEY), None);
    assert_eq!(storage::session_get(RECEIPT_STORAGE_KEY), None);
    assert_eq!(app.draft.get_untracked(), Draft::default());
    assert_eq!(app.last_email.get_untracked(), None);
}

#[wasm_bindgen_test]
fn language_choice_is_remembered_and_sets_html_lang() {
    apply_lang(Lang::En);
    assert_eq!(storage::local_get(LANG_STORAGE_KEY).as_deref(), Some("en"));
    let html = web_sys::window().unwrap().document().unwrap().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(initial_lang(), Lang::En);

    apply_lang(Lang::Fr);
    assert_eq!(initial_lang(), Lang::Fr);
    assert_eq!(html.get_attribute("lang").as_deref(), Some("fr"));
}

#[wasm_bindgen_test]
fn idempotency_keys_are_random_uuid_v4() {
    let a = state::random_uuid();
    let b = state::random_uuid();
    assert_ne!(a, b);
    assert_eq!(a.len(), 36);
    assert_eq!(&a[14..15], "4");
    assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_switches_language() {
    storage::local_set(LANG_STORAGE_KEY, "fr");
    leptos::mount::mount_to_body(passregion_app::app::App);
    let doc = document();
    until("the start page's heading", || doc.query_selector("h1").ok().flatten().is_some()).await;
    let h1 = doc.query_selector("h1").unwrap().expect("a heading");
    assert_eq!(h1.text_content().unwrap(), t_now("start.title"));
    assert!(doc.query_selector("main#main").unwrap().is_some());
    assert!(doc.query_selector("a[href='tel:+33810559559']").unwrap().is_some());

    let en = doc.query_selector("button[lang='en']").unwrap().expect("language button");
    en.dyn_ref::<web_sys::HtmlElement>().unwrap().click();
    until("English chosen", || en.get_attribute("aria-pressed").as_deref() == Some("true")).await;
    assert_eq!(doc.document_element().unwrap().get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(storage::local_get(LANG_STORAGE_KEY).as_deref(), Some("en"));
    assert_eq!(h1.text_content().unwrap(), "Apply for a Pass'Région");
    storage::local_set(LANG_STORAGE_KEY, "fr");
}

async fn blob_bytes(blob: &web_sys::Blob) -> Vec<u8> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.unwrap();
    js_sys::Uint8Array::new(&buffer).to_vec()
}

#[wasm_bindgen_test]
async fn the_photo_survives_a_reload_of_the_tab_and_is_forgotten_on_clear() {
    use passregion_app::photo_bridge::{PHOTO_STORAGE_KEY, forget_photo, photo_blob, restore_photo, set_photo};
    // Every byte value, to catch any text-encoding slip in the base64 round trip.
    let original: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(original.as_slice()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/jpeg");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap();

    set_photo(Some(blob));
    until("the photo saved for the tab", || storage::session_get(PHOTO_STORAGE_KEY).is_some()).await;
    let saved = storage::session_get(PHOTO_STORAGE_KEY).unwrap();
    assert!(saved.starts_with("image/jpeg;"), "{}", &saved[..20]);

    // A reload: memory is empty, storage is not.
    forget_photo_memory_only();
    restore_photo();
    let restored = photo_blob().expect("photo restored");
    assert_eq!(restored.type_(), "image/jpeg");
    assert_eq!(blob_bytes(&restored).await, original);

    forget_photo();
    assert!(photo_blob().is_none());
    assert_eq!(storage::session_get(PHOTO_STORAGE_KEY), None);

    fn forget_photo_memory_only() {
        let saved = storage::session_get(PHOTO_STORAGE_KEY);
        forget_photo();
        if let Some(saved) = saved {
            storage::session_set(PHOTO_STORAGE_KEY, &saved);
        }
    }
}

/// The communes and the streams are loaded through `KeyedResource`: an answer for a key typed over since (a slow
/// answer for the postcode typed before) must never show, even for a moment, and the newest key's must.
#[wasm_bindgen_test]
async fn a_keyed_resource_never_shows_the_answer_of_a_key_replaced_since() {
    use passregion_app::keyed_resource::KeyedResource;
    let key = RwSignal::new(Some(1u32));
    let asked = RwSignal::new(Vec::<u32>::new());
    let seen = RwSignal::new(Vec::<Option<u32>>::new());
    leptos::mount::mount_to_body(move || {
        let loaded = KeyedResource::new(
            move || key.get(),
            move |k: u32| {
                asked.update_untracked(|a| a.push(k));
                // The first key's answer is the slow one: it arrives after the second key was typed.
                async move {
                    sleep(if k == 1 { 300 } else { 20 }).await;
                    k * 10
                }
            },
        );
        Effect::new(move |_| {
            let now = loaded.get();
            seen.update_untracked(|s| s.push(now));
        });
        view! { <p id="keyed-resource">{move || loaded.get().map(|v| v.to_string())}</p> }
    });
    // The page is up (its effects have run) before the second key is typed, as with a person typing.
    until("the first key asked and awaited", || asked.get_untracked() == [1] && !seen.get_untracked().is_empty()).await;
    key.set(Some(2));
    until("the second key's answer shown", || seen.get_untracked().last() == Some(&Some(20))).await;
    // The first key's slow answer (300 ms) has come and gone meanwhile.
    sleep(350).await;
    let seen = seen.get_untracked();
    assert_eq!(asked.get_untracked(), vec![1, 2], "each key asked once, in order");
    assert!(!seen.contains(&Some(10)), "the replaced key's answer showed: {seen:?}");
    assert_eq!(seen.last(), Some(&Some(20)), "{seen:?}");
    let shown = web_sys::window().unwrap().document().unwrap().get_element_by_id("keyed-resource").unwrap();
    assert_eq!(shown.text_content().unwrap(), "20");

    // No key: nothing asked, nothing shown.
    key.set(None);
    until("nothing shown without a key", || shown.text_content().unwrap().is_empty()).await;
    assert_eq!(asked.get_untracked(), vec![1, 2]);
}

thread_local! {
    /// The "network" of the lazy-view tests: the chunk arrives when the test resolves this.
    static CHUNK: std::cell::RefCell<Option<js_sys::Function>> = const { std::cell::RefCell::new(None) };
}

async fn chunk_arrives() -> Result<(), passregion_app::chunks::LoadError> {
    let promise = js_sys::Promise::new(&mut |resolve, _| CHUNK.with(|c| *c.borrow_mut() = Some(resolve)));
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    Ok(())
}

async fn chunk_view() -> Result<AnyView, passregion_app::chunks::LoadError> {
    Ok(view! { <p id="chunk-view">"loaded"</p> }.into_any())
}

fn deliver_chunk() {
    CHUNK.with(|c| c.borrow_mut().take().expect("the chunk was asked for").call0(&JsValue::NULL).unwrap());
}

/// A step whose code is still on its way: nothing for 300 ms (a quick chunk must not flash a spinner), then the
/// spinner, then the step once its code is in.
#[wasm_bindgen_test]
async fn a_lazy_view_shows_a_spinner_only_after_300_ms_then_the_view() {
    let el = host("lazy-shown");
    let handle = leptos::mount::mount_to(el.clone(), || passregion_app::chunks::lazy(chunk_view, chunk_arrives));
    until("the chunk asked for", || CHUNK.with(|c| c.borrow().is_some())).await;
    assert!(el.query_selector(".spinner").unwrap().is_none(), "a spinner at once");
    until("the spinner after 300 ms", || el.query_selector(".spinner").unwrap().is_some()).await;
    deliver_chunk();
    until("the view once its code is in", || el.query_selector("#chunk-view").unwrap().is_some()).await;
    assert!(el.query_selector(".spinner").unwrap().is_none(), "the spinner stayed");
    drop(handle);
    assert_eq!(el.inner_html(), "", "unmounting left something behind");
}

/// The person leaves the step (or sends the application) before its code arrives: when it does, nothing is
/// mounted and nothing panics — a panic in wasm would stop the whole app, and this test with it.
#[wasm_bindgen_test]
async fn a_lazy_view_left_before_its_code_arrives_stays_gone() {
    let el = host("lazy-left");
    let handle = leptos::mount::mount_to(el.clone(), || passregion_app::chunks::lazy(chunk_view, chunk_arrives));
    until("the chunk asked for", || CHUNK.with(|c| c.borrow().is_some())).await;
    drop(handle);
    deliver_chunk();
    sleep(400).await;
    assert!(document().get_element_by_id("chunk-view").is_none(), "the view came back after it was left");
    assert_eq!(el.inner_html(), "");
    // The app still runs: a new view mounts and works.
    let again = leptos::mount::mount_to(el.clone(), || view! { <p id="after">"ok"</p> });
    assert!(el.query_selector("#after").unwrap().is_some());
    drop(again);
}
