//! Form pieces of the space, shaped like the application's: a field with its label, hint and inline error wired
//! for screen readers, and an error summary that takes the focus and whose links move it to the fields.

use leptos::prelude::*;

use crate::i18n::t;

/// Moves keyboard focus (and the screen reader) to an element by id, scrolling it into view.
pub fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
        el.scroll_into_view_with_bool(false);
    }
}

/// Focus after the view has drawn what was just set (the summary does not exist yet in this tick).
pub fn focus_later(id: &'static str) {
    request_animation_frame(move || focus_id(id));
}

/// The inline error of a field, or nothing; its id is what `aria-describedby` points at (as the application's).
#[component]
pub fn InlineError(#[prop(into)] id: String, #[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <Show when=move || message.get().is_some()>
            <p class="field__error" id=id.clone()>
                <span class="visually-hidden">{t("common.error_prefix")}</span>
                {move || message.get().unwrap_or_default()}
            </p>
        </Show>
    }
}

/// The messages of one form: (field id or none, message). A message without a field concerns the whole form.
#[derive(Clone, Copy)]
pub struct Errors(RwSignal<Vec<(Option<&'static str>, String)>>);

impl Errors {
    pub fn new() -> Errors {
        Errors(RwSignal::new(Vec::new()))
    }

    /// Shows these messages and moves the focus to the summary.
    pub fn show(&self, list: Vec<(Option<&'static str>, String)>) {
        let any = !list.is_empty();
        self.0.set(list);
        if any {
            focus_later("error-summary");
        }
    }

    pub fn clear(&self) {
        self.0.set(Vec::new());
    }

    pub fn is_empty(&self) -> bool {
        self.0.with(Vec::is_empty)
    }

    pub fn of(&self, field: &'static str) -> Option<String> {
        self.0.with(|l| l.iter().find(|(f, _)| *f == Some(field)).map(|(_, m)| m.clone()))
    }

    pub fn list(&self) -> Vec<(Option<&'static str>, String)> {
        self.0.get()
    }
}

impl Default for Errors {
    fn default() -> Self {
        Errors::new()
    }
}

#[component]
pub fn ErrorSummary(errors: Errors, #[prop(optional)] children: Option<ChildrenFn>) -> impl IntoView {
    let children = StoredValue::new(children);
    view! {
        <Show when=move || !errors.is_empty()>
            <div class="error-summary" id="error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title">
                <MarksTabTitle />
                <h2 id="error-summary-title">{t("common.error_summary_title")}</h2>
                <ul>
                    {move || errors.list().into_iter().map(|(field, message)| match field {
                        Some(id) => view! {
                            <li><a href=format!("#{id}") on:click=move |ev| {
                                ev.prevent_default();
                                focus_id(id);
                            }>{message}</a></li>
                        }.into_any(),
                        None => view! { <li>{message}</li> }.into_any(),
                    }).collect_view()}
                </ul>
                {move || children.with_value(|c| c.as_ref().map(|c| c()))}
            </div>
        </Show>
    }
}

/// Counts the summary in while it is on screen, so that the tab's title starts with « Erreur : » (page_title.rs).
#[component]
fn MarksTabTitle() -> impl IntoView {
    if let Some(crate::page_title::ErrorsShown(shown)) = use_context::<crate::page_title::ErrorsShown>() {
        shown.update(|n| *n += 1);
        on_cleanup(move || {
            let _ = shown.try_update(|n| *n = n.saturating_sub(1));
        });
    }
}

/// A text input with its label, optional hint and inline error.
#[component]
pub fn Field(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    errors: Errors,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional, into)] input_type: Option<Signal<String>>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] spellcheck_off: bool,
    #[prop(optional)] class: Option<&'static str>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let message = Signal::derive(move || errors.of(id));
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let ids: Vec<String> = [has_hint.then(|| hint_id.clone()), message.get().map(|_| error_id.clone())]
                .into_iter()
                .flatten()
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field--error=move || message.get().is_some()>
            <label class="field__label" for=id>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{move || h.get()}</p> })}
            <InlineError id=error_id.clone() message />
            <div class="field__row">
                <input
                    id=id
                    name=id
                    class=format!("input {}", class.unwrap_or(""))
                    type=move || input_type.map(|t| t.get()).unwrap_or_else(|| "text".into())
                    autocomplete=autocomplete
                    inputmode=inputmode
                    maxlength=maxlength
                    spellcheck=spellcheck_off.then_some("false")
                    autocapitalize=spellcheck_off.then_some("none")
                    aria-invalid=move || if message.get().is_some() { "true" } else { "false" }
                    aria-describedby=described_by
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                {children.map(|c| c())}
            </div>
        </div>
    }
}

/// A spinner line with its text, announced politely.
#[component]
pub fn Loading(#[prop(into)] label: Signal<String>) -> impl IntoView {
    view! {
        <p class="spinner" role="status">
            <span class="spinner__wheel" aria-hidden="true"></span>
            {move || label.get()}
        </p>
    }
}
