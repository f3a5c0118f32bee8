//! Per-step form state: which fields were left (blurred), whether "Continue" was pressed, and the message each
//! field shows. Client issues come from core (`journey::step_errors`); server issues from the last submission.

use leptos::prelude::*;
use passregion_core::journey::{self, StepId};
use passregion_core::{ErrorCode, FieldIssue};

use crate::i18n::{current_lang, t_now, text};
use crate::state::{AppState, Remote, today, use_app_state};

/// DOM id of the control that holds a field path (`identity.last_name` → `identity-last_name`).
pub fn field_id(path: &str) -> String {
    path.replace('.', "-")
}

/// "Nom : Ce champ est à remplir pour continuer." — the summary names the field, the inline error does not
/// need to (it sits under the label).
fn summary_line(path: &str, message: String) -> String {
    match journey::label_key(path) {
        Some(key) => format!("{}{}{message}", t_now(key), t_now("common.label_separator")),
        None => message,
    }
}

/// The translated message of an error code sent by core or the server.
pub fn error_text(code: &str) -> String {
    t_now(&format!("errors.{code}"))
}

/// The translated message of one of core's issues, naming the refused character for the codes that carry one.
pub fn issue_text(code: ErrorCode) -> String {
    passregion_core::messages::fill(&t_now(&code.translation_key()), code)
}

#[derive(Clone, Copy)]
pub struct FormState {
    pub step: StepId,
    pub submitted: RwSignal<bool>,
    touched: RwSignal<Vec<&'static str>>,
    /// Issues the step's own component knows of and core cannot (a photo still being framed), each replacing
    /// core's issue for the same field.
    pub local: RwSignal<Vec<FieldIssue>>,
    pub issues: Memo<Vec<FieldIssue>>,
}

impl FormState {
    pub fn new(step: StepId) -> FormState {
        let state = use_app_state();
        let local = RwSignal::new(Vec::<FieldIssue>::new());
        let issues = Memo::new(move |_| {
            let Remote::Ready(campaign) = state.campaign.get() else {
                return Vec::new();
            };
            let mut issues = state.draft.with(|d| journey::step_errors(step, d, &campaign, today()));
            local.with(|local| {
                for &(field, code) in local {
                    match issues.iter_mut().find(|(f, _)| *f == field) {
                        Some(issue) => issue.1 = code,
                        None => issues.push((field, code)),
                    }
                }
            });
            issues
        });
        FormState { step, submitted: RwSignal::new(false), touched: RwSignal::new(Vec::new()), local, issues }
    }

    pub fn touch(&self, path: &'static str) {
        if !self.touched.with_untracked(|t| t.contains(&path)) {
            self.touched.update(|t| t.push(path));
        }
    }

    /// The message shown under a field: the server's, else core's once the field was left or Continue pressed.
    pub fn message(&self, state: &AppState, path: &str) -> Option<String> {
        if let Some(server) = state.server_error(path) {
            let key = format!("errors.{}", server.code);
            let lang = current_lang();
            let ours = text(lang, &key);
            // Only the server's message knows which character it refused.
            let names_a_character = ErrorCode::from_code(&server.code).is_some_and(|c| c.character().is_some());
            return Some(if ours == key || names_a_character { server.message } else { ours });
        }
        let shown = self.submitted.get() || self.touched.with(|t| t.contains(&path));
        if !shown {
            return None;
        }
        self.issues.with(|issues| issues.iter().find(|(f, _)| *f == path).map(|(_, code)| issue_text(*code)))
    }

    /// Every message for the summary, in form order: core's issues then server ones not already listed.
    /// Whether the server refused a field of this step (the summary then shows without pressing Continue).
    pub fn has_server_errors(&self, state: &AppState) -> bool {
        let step = self.step;
        state
            .server_errors
            .with(|errors| errors.iter().any(|e| step == StepId::Review || journey::step_for_field(&e.field) == step))
    }

    /// [`Self::has_server_errors`] read once, without subscribing (for a component's set-up).
    pub fn has_server_errors_now(&self, state: &AppState) -> bool {
        let step = self.step;
        state.server_errors.with_untracked(|errors| {
            errors.iter().any(|e| step == StepId::Review || journey::step_for_field(&e.field) == step)
        })
    }

    pub fn summary(&self, state: &AppState) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .issues
            .get()
            .into_iter()
            .map(|(f, code)| {
                let message = self.message(state, f).unwrap_or_else(|| issue_text(code));
                (f.to_string(), summary_line(f, message))
            })
            .collect();
        for e in state.server_errors.get() {
            let here = self.step == StepId::Review || journey::step_for_field(&e.field) == self.step;
            if here && !out.iter().any(|(f, _)| *f == e.field) {
                let message = self.message(state, &e.field).unwrap_or(e.message.clone());
                let line = summary_line(&e.field, message);
                out.push((e.field, line));
            }
        }
        out
    }
}

pub fn use_form() -> FormState {
    expect_context::<FormState>()
}

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

/// The list of errors at the top of a step after "Continue", each a link to its field (on this page, or on the
/// step that owns it, e.g. from the review page). It takes focus so a screen reader announces it at once.
#[component]
pub fn ErrorSummary(#[prop(into)] items: Signal<Vec<(String, String)>>) -> impl IntoView {
    let form = use_form();
    view! {
        <div class="error-summary" id="error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">{crate::i18n::t("common.error_summary_title")}</h2>
            <ul>
                {move || {
                    items
                        .get()
                        .into_iter()
                        .map(|(path, message)| {
                            let id = field_id(&path);
                            let owner = journey::step_for_field(&path);
                            let href = if owner == form.step {
                                format!("#{id}")
                            } else {
                                owner.path_back_to_review()
                            };
                            view! {
                                <li>
                                    <a
                                        href=href
                                        on:click=move |ev| {
                                            if element_exists(&id) {
                                                ev.prevent_default();
                                                focus_id(&id);
                                            }
                                        }
                                    >
                                        {message}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

fn element_exists(id: &str) -> bool {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)).is_some()
}
