//! The photo step: rules first, then a photo from a file (picker, drag-and-drop, paste) or the webcam, a 7:9 crop,
//! and the result on a mock of the card, with advice computed on the pixels. The heavy work runs in the photo
//! worker (see `worker.rs`); this module only drives it.
//!
//! One confirmation: "Apply" on the frame prepares the photo, which is then in use at once — shown on the card
//! mock with its advice (advice stays advice) — and "Continue" goes on. The JPEG goes to
//! `crate::photo_bridge::set_photo` and the draft's `photo` meta (`PhotoMeta { width, height, bytes }`) is set,
//! which completes the step. While a photo is framed or prepared, the step's form hears it (core's
//! `photo_step::continue_issue`), so "Continue" says what is left instead of a false "Add a photo".
//!
//! The same component is the phone's page of the handoff (`crate::phone`): there it has no application state, and
//! acceptance sends the photo to the computer instead (`send_to_computer`). On the computer, the application's step
//! passes the handoff panel (`phone_panel`, see `handoff.rs`), whose photo comes back here as if imported and
//! cropped: the worker prepares it as it is, and the person confirms it is theirs before it is used (the one
//! photo that is not in use at once: someone else's phone could have sent it). The phone's bundle
//! never names the panel, so it carries no QR code.

mod camera;
mod card;
mod crop;
mod device;
pub mod handoff;
mod messages;
mod qr;
mod worker;

pub use card::CardPreview;

use leptos::prelude::*;
use passregion_core::draft::PhotoMeta;
use passregion_core::photo_step::PhotoProgress;
use passregion_photo::Frame;
use web_sys::Blob;

use crate::i18n::t;
use crate::state::AppState;
use crate::ui::form::focus_id;
use camera::use_camera;
use crop::{CropFrame, FaceGuide};
use messages::{advice_text, camera_error_text, error_text};
use worker::{Answer, PhotoWorker, Reply};

/// Files above this are refused before being read (the worker checks again).
const MAX_FILE_BYTES: f64 = passregion_photo::MAX_INPUT_BYTES as f64;

/// The "with my phone" panel: `on_photo` gets the JPEG the phone sent, `on_close` goes back to the other ways.
pub type PhonePanel = fn(on_photo: Callback<Blob>, on_close: Callback<()>) -> AnyView;

#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Choose,
    /// The handoff panel: QR code, short code, waiting for the phone.
    Phone,
    /// Back on the step with a photo already accepted: show it (its URL belongs to `photo_bridge`).
    Saved,
    Camera,
    Checking,
    Cropping {
        url: String,
        width: u32,
        height: u32,
        from_camera: bool,
    },
    Processing,
    Result {
        url: String,
        advice: Vec<String>,
        from_camera: bool,
        /// Not in use yet: a photo from the phone before "this is mine", or the phone's own photo before sending.
        pending: bool,
    },
}

/// A refusal to explain: the worker's code and, for size problems, the size.
#[derive(Clone, Debug, PartialEq)]
struct Problem {
    code: String,
    width: u32,
    height: u32,
}

/// Props: `on_done` (optional) runs when the photo is put in use, after the app's draft is updated;
/// `phone_panel` offers the phone handoff; `send_to_computer` makes this the phone's side of it (no application
/// state: acceptance hands the prepared JPEG to the callback); `on_progress` hears what is under way (the step's
/// form makes "Continue" say it) and `message` is the form's message for the photo, shown under the rules. The
/// form stays the step's business, so the phone's bundle carries none of it.
#[component]
pub fn PhotoStep(
    #[prop(optional, into)] on_done: Option<Callback<()>>,
    #[prop(optional)] phone_panel: Option<PhonePanel>,
    #[prop(optional)] send_to_computer: Option<Callback<(Blob, PhotoMeta)>>,
    #[prop(optional)] on_progress: Option<Callback<PhotoProgress>>,
    #[prop(optional, into)] message: MaybeProp<String>,
    // Another page's use of the photo once the person confirms it on the card (the space's new photo).
    #[prop(optional)] on_photo: Option<Callback<(Blob, PhotoMeta)>>,
) -> impl IntoView {
    let hand_over = send_to_computer.or(on_photo);
    let state = if hand_over.is_some() { None } else { use_context::<AppState>() };
    let already = state.is_some_and(|state| state.draft.with_untracked(|d| d.photo.is_some()))
        && crate::photo_bridge::photo_url().is_some();
    let stage = RwSignal::new(if already { Stage::Saved } else { Stage::Choose });
    let problem = RwSignal::new(None::<Problem>);
    let frame = RwSignal::new(Frame::new(1, 1));
    let source = StoredValue::new_local(None::<Blob>);
    let result = StoredValue::new_local(None::<(Blob, PhotoMeta)>);
    let request = StoredValue::new(0u32);
    let from_camera = StoredValue::new(false);
    // The photo came from the phone, already cropped there: prepared as it is, without a crop step here.
    let from_phone = StoredValue::new(false);
    // No webcam on this computer (none listed, or refused, or too poor for an ID photo): the phone comes first.
    let no_webcam = RwSignal::new(false);
    let video = NodeRef::<leptos::html::Video>::new();
    let camera = use_camera(video);
    // Nothing personal on the phone: its card mock has no name.
    let name = Signal::derive(move || {
        state
            .map(|state| state.draft.with(|d| passregion_core::rules::name::card_name(&d.first_name, &d.last_name)))
            .unwrap_or_default()
    });
    let touch = device::touch_first();
    // On a phone or a tablet, the device in hand has the camera: no "with my phone" detour.
    let phone_panel = phone_panel.filter(|_| !touch);

    // Object URLs live as long as the stage that shows them.
    let revoke = |url: &str| {
        let _ = web_sys::Url::revoke_object_url(url);
    };
    let set_stage = move |next: Stage| {
        match stage.get_untracked() {
            Stage::Cropping { url, .. } if !matches!(next, Stage::Processing) => revoke(&url),
            Stage::Result { url, .. } => revoke(&url),
            _ => {}
        }
        stage.set(next);
    };

    // Hands the photo to the app: the step is then complete.
    let accept_now = move || {
        let Some((blob, meta)) = result.get_value() else {
            return;
        };
        if let Some(send) = hand_over {
            send.run((blob, meta));
            return;
        }
        let Some(state) = state else { return };
        crate::photo_bridge::set_photo(Some(blob));
        state.update_draft(|d| d.photo = Some(meta));
        if let Some(cb) = on_done {
            cb.run(());
        }
    };

    let worker = StoredValue::new_local(None::<PhotoWorker>);
    let on_reply = move |Answer { reply, jpeg }: Answer| {
        let current = request.get_value();
        match reply {
            Reply::Probed { id, width, height, .. } if id == current => {
                let Some(blob) = source.get_value() else {
                    return;
                };
                if from_phone.get_value() {
                    let crop = Frame::new(width, height).crop();
                    worker.with_value(|w| {
                        if let Some(w) = w {
                            request.set_value(w.process(&blob, crop));
                            stage.set(Stage::Processing);
                        }
                    });
                    return;
                }
                let url = web_sys::Url::create_object_url_with_blob(&blob).unwrap_or_default();
                frame.set(Frame::new(width, height));
                set_stage(Stage::Cropping { url, width, height, from_camera: from_camera.get_value() });
                // Straight to the frame, so the arrows work at once and the next Tab is "Apply".
                request_animation_frame(|| focus_id("photo-crop"));
            }
            Reply::Done { id, width, height, advice, .. } if id == current => {
                let Some(blob) = jpeg else {
                    return;
                };
                if let Stage::Cropping { url, .. } = stage.get_untracked() {
                    revoke(&url);
                }
                let url = web_sys::Url::create_object_url_with_blob(&blob).unwrap_or_default();
                let bytes = blob.size() as u64;
                result.set_value(Some((blob, PhotoMeta { width, height, bytes })));
                // In use at once (one confirmation: "Apply"); a photo from the phone waits for "this is mine", and
                // on the phone itself sending is the person's act.
                if !from_phone.get_value() && hand_over.is_none() {
                    accept_now();
                }
                let pending = from_phone.get_value() || hand_over.is_some();
                stage.set(Stage::Result { url, advice, from_camera: from_camera.get_value(), pending });
                request_animation_frame(|| focus_id("photo-result"));
            }
            Reply::Failed { id, code, width, height } if id == current || code == "worker" => {
                // A camera too poor for an ID photo: the phone is the way out.
                if from_camera.get_value() && matches!(code.as_str(), "image_too_small" | "crop_too_small") {
                    no_webcam.set(true);
                }
                problem.set(Some(Problem { code, width, height }));
                // A refused crop (too small) keeps the frame so the person can zoom out; anything else starts over.
                match stage.get_untracked() {
                    Stage::Processing if !from_phone.get_value() && !source.with_value(Option::is_none) => {}
                    _ => set_stage(Stage::Choose),
                }
            }
            _ => {}
        }
    };
    worker.set_value(PhotoWorker::start(on_reply).ok());
    on_cleanup(move || {
        // Dropping the worker terminates it.
        let _ = worker.try_update_value(Option::take);
    });

    let take_file = move |blob: Blob, camera_shot: bool| {
        problem.set(None);
        let size = blob.size();
        if size == 0.0 {
            problem.set(Some(Problem { code: "empty".into(), width: 0, height: 0 }));
            return;
        }
        if size > MAX_FILE_BYTES {
            problem.set(Some(Problem { code: "file_too_large".into(), width: 0, height: 0 }));
            return;
        }
        from_camera.set_value(camera_shot);
        from_phone.set_value(false);
        source.set_value(Some(blob.clone()));
        set_stage(Stage::Checking);
        worker.with_value(|w| match w {
            Some(w) => request.set_value(w.probe(&blob)),
            None => problem.set(Some(Problem { code: "worker".into(), width: 0, height: 0 })),
        });
    };
    let take_files = move |files: Option<web_sys::FileList>| {
        if let Some(file) = files.and_then(|f| f.get(0)) {
            take_file(file.into(), false);
        }
    };

    let from_phone_photo = Callback::new(move |blob: Blob| {
        take_file(blob, false);
        from_phone.set_value(true);
    });
    let close_phone = Callback::new(move |_: ()| set_stage(Stage::Choose));
    let open_phone = move |_| {
        problem.set(None);
        camera.stop();
        set_stage(Stage::Phone);
    };
    // Is there a webcam at all? Listing devices asks no permission (labels stay hidden, kinds do not).
    if phone_panel.is_some()
        && let Some(devices) = web_sys::window().and_then(|w| w.navigator().media_devices().ok())
        && let Ok(promise) = devices.enumerate_devices()
    {
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(list) = wasm_bindgen_futures::JsFuture::from(promise).await {
                let cameras = js_sys::Array::from(&list)
                    .iter()
                    .filter(|d| {
                        js_sys::Reflect::get(d, &"kind".into()).ok().and_then(|k| k.as_string()).as_deref()
                            == Some("videoinput")
                    })
                    .count();
                if cameras == 0 {
                    let _ = no_webcam.try_set(true);
                }
            }
        });
    }
    let phone_first = move || {
        phone_panel.is_some()
            && (no_webcam.get()
                || matches!(
                    camera.error.get(),
                    Some(camera::CameraError::Refused | camera::CameraError::NoCamera | camera::CameraError::NotSecure)
                ))
    };
    let phone_button = move |primary: bool| {
        phone_panel.map(|_| {
            view! {
                <div class="photo-step__phone">
                    <button type="button" class=if primary { "button button--primary" } else { "button button--secondary" } on:click=open_phone>
                        {t("handoff.offer")}
                    </button>
                    <p class="field__hint">{if primary { t("handoff.offer_hint_no_webcam") } else { t("handoff.offer_hint") }}</p>
                </div>
            }
        })
    };

    let apply = move |_| {
        let Some(blob) = source.get_value() else {
            return;
        };
        let crop = frame.get_untracked().crop();
        problem.set(None);
        worker.with_value(|w| {
            if let Some(w) = w {
                request.set_value(w.process(&blob, crop));
                stage.set(Stage::Processing);
            }
        });
    };
    let start_over = move |_| {
        problem.set(None);
        if from_camera.get_value() {
            set_stage(Stage::Camera);
            camera.start();
        } else {
            set_stage(Stage::Choose);
        }
    };
    let open_camera = move |_| {
        problem.set(None);
        set_stage(Stage::Camera);
        camera.start();
    };
    let capture = move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            let shot = camera.capture().await;
            // The person may have left the step while the frame was grabbed: its signals and worker are gone.
            if stage.try_get_untracked().is_none() {
                return;
            }
            match shot {
                Some(blob) => take_file(blob, true),
                // No frame to take (the picture stopped) or the browser could not encode it: say so, never nothing.
                None => {
                    problem.set(Some(Problem { code: "capture".into(), width: 0, height: 0 }));
                    if !camera.live.get_untracked() {
                        camera.start();
                    }
                }
            }
        });
    };
    let cancel_camera = move |_| {
        camera.stop();
        set_stage(Stage::Choose);
    };
    // A camera error leaves the camera stage: the file route is what remains.
    Effect::new(move |_| {
        if camera.error.get().is_some() && matches!(stage.get_untracked(), Stage::Camera) {
            set_stage(Stage::Choose);
        }
    });

    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        take_files(ev.data_transfer().and_then(|d| d.files()));
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let files = ev.clipboard_data().and_then(|d| d.files()).filter(|f| f.length() > 0);
        if files.is_some() {
            ev.prevent_default();
            take_files(files);
        }
    };
    // Paste works anywhere on the page while the step is open.
    let paste_handle = window_event_listener(leptos::ev::paste, on_paste);
    on_cleanup(move || paste_handle.remove());
    if let Some(report) = on_progress {
        Effect::new(move |_| {
            report.run(match stage.get() {
                Stage::Cropping { .. } => PhotoProgress::Framing,
                Stage::Checking | Stage::Processing => PhotoProgress::Preparing,
                Stage::Result { pending: true, .. } => PhotoProgress::AwaitingConfirmation,
                _ => PhotoProgress::Idle,
            });
        });
    }
    let confirm = move |_| {
        accept_now();
        // The phone's "send" stays until its page says the computer has it (a failed send is tried again).
        if hand_over.is_some() {
            return;
        }
        stage.update(|s| {
            if let Stage::Result { pending, .. } = s {
                *pending = false;
            }
        });
    };
    let again_label = move |from_camera: bool| if from_camera { t("photo.retake") } else { t("photo.choose_other") };

    view! {
        <section class="photo-step">
            <h2 class="photo-step__subtitle">{t("photo.rules_title")}</h2>
            <ul class="photo-step__rules">
                <li>{t("photo.rule_recent")}</li>
                <li>{t("photo.rule_face")}</li>
                <li>{t("photo.rule_bare_head")}</li>
                <li>{t("photo.rule_background")}</li>
                <li>{t("photo.rule_no_filter")}</li>
            </ul>
            <p class="field__hint">{t("photo.rule_checked")}</p>

            {move || message.get().map(|m| view! { <p class="field__error" id="photo-error">{m}</p> })}
            <div role="alert" class="photo-step__problem">
                {move || problem.get().map(|p| view! { <p class="field__error">{error_text(&p.code, p.width, p.height)}</p> })}
                {move || camera.error.get().map(|e| view! { <p class="field__error">{camera_error_text(e)}</p> })}
            </div>

            // Each stage holds one element with the id "photo": the error summary's link moves focus there.
            {move || match stage.get() {
                Stage::Phone => match phone_panel {
                    Some(panel) => view! { <div id="photo" tabindex="-1">{panel(from_phone_photo, close_phone)}</div> }.into_any(),
                    None => ().into_any(),
                },
                Stage::Choose => view! {
                    {move || phone_first().then(|| phone_button(true))}
                    <div class="photo-step__sources" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                        <label for="photo" class="field__label">{t("photo.file_label")}</label>
                        <p class="field__hint" id="photo-hint">{t("photo.file_hint")}</p>
                        <input id="photo" class="photo-step__file" type="file" aria-describedby="photo-hint"
                            accept="image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"
                            on:change=move |ev| {
                                let input: web_sys::HtmlInputElement = event_target(&ev);
                                take_files(input.files());
                                input.set_value("");
                            } />
                        {(!touch).then(|| view! { <p class="field__hint">{t("photo.drop_hint")}</p> })}
                        <p class="field__hint">{t("photo.heic_hint")}</p>
                        <button type="button" class="button button--secondary" on:click=open_camera>{t("photo.take_photo")}</button>
                    </div>
                    {move || (!phone_first()).then(|| phone_button(false))}
                }.into_any(),
                Stage::Saved => view! {
                    <div class="photo-step__result">
                        <CardPreview photo_url=Signal::derive(crate::photo_bridge::photo_url) name=name />
                        <p role="status">{t("photo.accepted")}</p>
                        <button type="button" class="button button--secondary" on:click=move |_| set_stage(Stage::Choose)>
                            {t("photo.choose_other")}
                        </button>
                    </div>
                }.into_any(),
                Stage::Camera => view! {
                    <div class="photo-step__camera">
                        <div class="photo-camera">
                            <video node_ref=video class="photo-camera__video" autoplay playsinline muted aria-label=t("photo.camera_label")></video>
                            <div class="photo-camera__guide"><FaceGuide /></div>
                        </div>
                        <p class="field__hint">{t("photo.camera_help")}</p>
                        <div class="photo-step__actions">
                            <button type="button" id="photo" class="button button--primary" on:click=capture disabled=move || !camera.playing.get()>{t("photo.capture")}</button>
                            <button type="button" class="button button--secondary" on:click=cancel_camera>{t("photo.camera_cancel")}</button>
                        </div>
                    </div>
                }.into_any(),
                Stage::Checking | Stage::Processing => view! {
                    <p class="photo-step__busy" id="photo" tabindex="-1" role="status" aria-live="polite">
                        <progress></progress> " " {t("photo.working")}
                    </p>
                }.into_any(),
                Stage::Cropping { url, width, height, from_camera } => view! {
                    <div class="photo-step__crop">
                        <CropFrame url=url frame=frame img_w=width img_h=height touch=touch />
                        <div class="photo-step__actions">
                            <button type="button" id="photo" class="button button--primary" on:click=apply>{t("photo.apply")}</button>
                            <button type="button" class="button button--secondary" on:click=start_over>{again_label(from_camera)}</button>
                        </div>
                    </div>
                }.into_any(),
                Stage::Result { url, advice, from_camera, pending } => {
                    let has_advice = !advice.is_empty();
                    let phone_shot = from_phone.get_value();
                    let primary = match (send_to_computer.is_some(), has_advice) {
                        (true, false) => t("handoff.send"),
                        (true, true) => t("handoff.send_anyway"),
                        (false, _) => t("photo.confirm_phone"),
                    };
                    view! {
                        <div class="photo-step__result" id="photo-result" tabindex="-1">
                            {phone_shot.then(|| view! { <p class="photo-step__received">{t("handoff.received")}</p> })}
                            <CardPreview photo_url=Signal::derive(move || Some(url.clone())) name=name />
                            {has_advice.then(|| view! {
                                <div class="photo-step__advice" role="status">
                                    <p>{t("photo.advice_intro")}</p>
                                    <ul>{advice.iter().map(|a| view! { <li>{advice_text(a)}</li> }).collect_view()}</ul>
                                </div>
                            })}
                            {if pending {
                                view! { <button type="button" id="photo" class="button button--primary" on:click=confirm>{primary}</button> }.into_any()
                            } else {
                                view! {
                                    <p role="status" class="photo-step__saved">
                                        {if has_advice { t("photo.accepted_with_advice") } else { t("photo.accepted") }}
                                    </p>
                                }.into_any()
                            }}
                            <button type="button" class="button button--secondary" on:click=start_over>{again_label(from_camera)}</button>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}
