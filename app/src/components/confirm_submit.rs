//! A submit button that asks first: pressing it checks the form (the browser says what is
//! missing) and only then shows the question with the real submit button and a way back.
//! For changes that cannot be undone on the page (ending a unit, retiring an entry).
use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

#[component]
pub fn ConfirmSubmit(
    /// The button's text, on both buttons.
    #[prop(into)]
    label: ViewFn,
    /// What the person confirms.
    children: ChildrenFn,
    #[prop(into)] pending: Signal<bool>,
    /// `{testid}-start` and `{testid}-confirm`.
    testid: &'static str,
    /// The change destroys something (a revocation): the confirming button is red.
    #[prop(optional)]
    danger: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let start_label = label.clone();
    view! {
        <button
            type="button"
            class="secondary"
            hidden=move || confirming.get()
            on:click=move |ev| {
                if form_is_valid(&ev) {
                    confirming.set(true);
                }
            }
            data-testid=format!("{testid}-start")
        >
            {start_label.run()}
        </button>
        <div class="confirm-box" hidden=move || !confirming.get()>
            <p>{children()}</p>
            // Disabled until asked: the form's only submit button, so Enter in a field cannot
            // send the form past the question (a disabled default button blocks implicit
            // submission).
            <button type="submit" class=if danger { "danger" } else { "" } data-testid=format!("{testid}-confirm")
                disabled=move || pending.get() || !confirming.get()>
                {label.run()}
            </button>
            " "
            <button type="button" class="plain" on:click=move |_| confirming.set(false)>
                {t!(i18n, master.cancel)}
            </button>
        </div>
    }
}

/// Whether the form of the clicked button is filled as its fields require (the browser says
/// what is missing): the confirmation is asked only of a form that can be sent.
pub fn form_is_valid(ev: &leptos::ev::MouseEvent) -> bool {
    use leptos::wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
        .and_then(|button| button.closest("form").ok().flatten())
        .map(|form| {
            form.unchecked_into::<leptos::web_sys::HtmlFormElement>()
                .report_validity()
        })
        .unwrap_or(true)
}
