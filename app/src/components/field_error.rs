//! A field's own message under the field, from a server function's `Invalid { field, reason }`.
use leptos::prelude::*;

use crate::i18n::{t, use_i18n};
use crate::models::AppError;

#[component]
pub fn FieldError(
    #[prop(into)] error: Signal<Option<AppError>>,
    field: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    move || match error.get() {
        Some(AppError::Invalid { field: f, reason }) if f == field => {
            let text = match reason.as_str() {
                "required" => t!(i18n, field_errors.required).into_any(),
                "too_long" => t!(i18n, errors.too_long).into_any(),
                "invalid_phone" => t!(i18n, field_errors.invalid_phone).into_any(),
                "invalid_email" => t!(i18n, field_errors.invalid_email).into_any(),
                "contact_required" => t!(i18n, field_errors.contact_required).into_any(),
                "password_too_short" => t!(i18n, field_errors.password_too_short).into_any(),
                "password_too_long" => t!(i18n, field_errors.password_too_long).into_any(),
                "password_too_common" => t!(i18n, field_errors.password_too_common).into_any(),
                "password_contains_context" => {
                    t!(i18n, field_errors.password_contains_context).into_any()
                }
                "email_taken" => t!(i18n, field_errors.email_taken).into_any(),
                "phone_taken" => t!(i18n, field_errors.phone_taken).into_any(),
                "tax_code_taken" => t!(i18n, field_errors.tax_code_taken).into_any(),
                "tax_code_required" => t!(i18n, field_errors.tax_code_required).into_any(),
                "invalid_tax_code" => t!(i18n, field_errors.invalid_tax_code).into_any(),
                "unknown_commune" => t!(i18n, field_errors.unknown_commune).into_any(),
                "unknown_subject" => t!(i18n, field_errors.unknown_subject).into_any(),
                "unknown_subject_type" => t!(i18n, field_errors.unknown_subject_type).into_any(),
                "reason_required" => t!(i18n, field_errors.reason_required).into_any(),
                "wrong_password" => t!(i18n, field_errors.wrong_password).into_any(),
                "same_password" => t!(i18n, field_errors.same_password).into_any(),
                _ => t!(i18n, errors.invalid).into_any(),
            };
            Some(view! { <p class="field-error" role="alert" data-field=field>{text}</p> })
        }
        _ => None,
    }
}
