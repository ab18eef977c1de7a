//! The box at the top of a form that lists everything the server found wrong with it, so a
//! person fixes it all in one go: each problem names its field and links to it, the fields are
//! marked `aria-invalid`, and focus moves to the box (a screen reader reads it out; on a phone
//! the page scrolls to it instead of leaving the message off-screen).
//!
//! The server names fields by their short names ("full_name"); the box finds each field in its
//! own form by `name` ("full_name" or "registration[full_name]"), by `id`, or by a
//! `data-problem` attribute (a checklist item of a dossier), and takes its label from there.
use leptos::prelude::*;

use crate::components::error::reason_text;
use crate::i18n::{t, t_string, use_i18n};
use crate::models::AppError;

#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<leptos::html::Div>::new();
    // Each field's label as the form shows it, found once the box is on the page.
    let labels = RwSignal::new(Vec::<(String, String)>::new());
    let problems = move || -> Vec<(String, String)> {
        error
            .get()
            .map(|e| {
                e.problems()
                    .into_iter()
                    .map(|(f, r)| (f.to_owned(), r.to_owned()))
                    .collect()
            })
            .unwrap_or_default()
    };
    Effect::new(move |_| {
        let fields: Vec<String> = problems().into_iter().map(|(f, _)| f).collect();
        if let Some(summary) = node.get() {
            labels.set(dom::mark(&summary, &fields));
        } else if fields.is_empty() {
            dom::clear_marks();
        }
    });
    let label_of = move |field: &str| {
        labels
            .read()
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, l)| l.clone())
            .unwrap_or_default()
    };
    move || {
        let problems = problems();
        (!problems.is_empty()).then(|| {
            let count = problems.len();
            view! {
                <div class="error-summary" role="alert" tabindex="-1" node_ref=node data-testid="error-summary">
                    <strong>{t!(i18n, errors.summary_title)}" ("{count}")"</strong>
                    <ul>
                        {problems.into_iter().map(|(field, reason)| {
                            let message = reason_text(i18n, &reason)
                                .unwrap_or_else(|| t_string!(i18n, errors.invalid).to_string());
                            let target = field.clone();
                            let shown = field.clone();
                            view! {
                                <li data-field=field>
                                    <a href="#" on:click=move |ev| {
                                        ev.prevent_default();
                                        dom::focus_field(&target);
                                    }>
                                        {move || {
                                            let label = label_of(&shown);
                                            if label.is_empty() { String::new() } else { format!("{label}: ") }
                                        }}
                                        {message}
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The page work, in the browser only.
#[cfg(feature = "hydrate")]
mod dom {
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{Element, HtmlElement};

    fn document() -> Option<leptos::web_sys::Document> {
        leptos::web_sys::window()?.document()
    }

    /// The element a field's problem points at, in `scope`.
    fn field_in(scope: &Element, field: &str) -> Option<Element> {
        if field.is_empty() || field.contains(['"', '\\']) {
            return None;
        }
        let selector = format!(
            "[name=\"{field}\"], [name$=\"[{field}]\"], [data-problem=\"{field}\"], [id=\"{field}\"]"
        );
        scope.query_selector(&selector).ok().flatten()
    }

    fn label_of(scope: &Element, field: &Element) -> String {
        if let Some(label) = field.get_attribute("data-label") {
            return label;
        }
        let by_for = (!field.id().is_empty())
            .then(|| {
                scope
                    .query_selector(&format!("label[for=\"{}\"]", field.id()))
                    .ok()
                    .flatten()
            })
            .flatten();
        by_for
            .or_else(|| field.closest("label").ok().flatten())
            .and_then(|l| l.text_content())
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    }

    pub fn clear_marks() {
        if let Some(doc) = document()
            && let Ok(marked) = doc.query_selector_all("[aria-invalid=\"true\"]")
        {
            for i in 0..marked.length() {
                if let Some(el) = marked.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = el.remove_attribute("aria-invalid");
                }
            }
        }
    }

    /// Marks the fields of the summary's form and returns their labels; moves focus to it.
    pub fn mark(summary: &HtmlElement, fields: &[String]) -> Vec<(String, String)> {
        clear_marks();
        let scope = summary
            .closest("form, main")
            .ok()
            .flatten()
            .or_else(|| document().and_then(|d| d.document_element()));
        let Some(scope) = scope else {
            return Vec::new();
        };
        let labels = fields
            .iter()
            .filter_map(|f| {
                let field = field_in(&scope, f)?;
                let _ = field.set_attribute("aria-invalid", "true");
                Some((f.clone(), label_of(&scope, &field)))
            })
            .collect();
        let _ = summary.focus();
        labels
    }

    pub fn focus_field(field: &str) {
        let Some(root) = document().and_then(|d| d.document_element()) else {
            return;
        };
        if let Some(el) = field_in(&root, field) {
            el.scroll_into_view();
            if let Ok(el) = el.dyn_into::<HtmlElement>() {
                let _ = el.focus();
            }
        }
    }
}

/// Nothing to do while the page is rendered on the server.
#[cfg(not(feature = "hydrate"))]
mod dom {
    pub fn clear_marks() {}

    pub fn mark(_: &leptos::web_sys::HtmlElement, _: &[String]) -> Vec<(String, String)> {
        Vec::new()
    }

    pub fn focus_field(_: &str) {}
}
