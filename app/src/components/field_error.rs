//! A field's own message under the field, from a server function's `Invalid` (any of the
//! form's problems that names this field; `ErrorSummary` lists them all at the top).
use leptos::prelude::*;

use crate::components::error::reason_text;
use crate::i18n::{t_string, use_i18n};
use crate::models::AppError;

#[component]
pub fn FieldError(
    #[prop(into)] error: Signal<Option<AppError>>,
    field: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let error: Option<AppError> = error.get();
        let reason = error
            .as_ref()?
            .problems()
            .into_iter()
            .find(|(f, _)| *f == field)
            .map(|(_, reason)| reason.to_owned())?;
        let text = reason_text(i18n, &reason)
            .unwrap_or_else(|| t_string!(i18n, errors.invalid).to_string());
        Some(view! { <p class="field-error" data-field=field>{text}</p> })
    }
}
