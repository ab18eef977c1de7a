//! A field's own message under the field, from a server function's `Invalid { field, reason }`.
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
    move || match error.get() {
        Some(AppError::Invalid { field: f, reason }) if f == field => {
            let text = reason_text(i18n, &reason)
                .unwrap_or_else(|| t_string!(i18n, errors.invalid).to_string());
            Some(view! { <p class="field-error" role="alert" data-field=field>{text}</p> })
        }
        _ => None,
    }
}
