//! Showing an `AppError` to a person, in their language.
use leptos::prelude::*;

use crate::i18n::{t, t_string, use_i18n};
use crate::models::AppError;

#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || match &error {
        AppError::NotFound => t_string!(i18n, errors.not_found).to_string(),
        AppError::Forbidden => t_string!(i18n, errors.forbidden).to_string(),
        AppError::SignInRequired => t_string!(i18n, errors.sign_in_required).to_string(),
        AppError::Invalid { reason, .. } => match reason.as_str() {
            "too_long" => t_string!(i18n, errors.too_long).to_string(),
            "wrong_credentials" => t_string!(i18n, errors.wrong_credentials).to_string(),
            "account_pending" => t_string!(i18n, errors.account_pending).to_string(),
            "account_rejected" => t_string!(i18n, errors.account_rejected).to_string(),
            "account_locked" => t_string!(i18n, errors.account_locked).to_string(),
            "too_many_attempts" => t_string!(i18n, errors.too_many_attempts).to_string(),
            _ => t_string!(i18n, errors.invalid).to_string(),
        },
        AppError::Conflict { reason } if reason == "changed_meanwhile" => {
            t_string!(i18n, errors.changed_meanwhile).to_string()
        }
        AppError::Conflict { reason } => match reason.as_str() {
            "phase" | "phase_closed" => t_string!(i18n, errors.phase_closed).to_string(),
            "conflicted" => t_string!(i18n, errors.conflicted).to_string(),
            "submitted" => t_string!(i18n, errors.sheet_submitted).to_string(),
            "has_sheets" => t_string!(i18n, errors.has_sheets).to_string(),
            "not_editable" => t_string!(i18n, errors.not_editable).to_string(),
            "not_submitted" => t_string!(i18n, errors.not_submitted).to_string(),
            _ => t_string!(i18n, errors.conflict).to_string(),
        },
        AppError::Internal => t_string!(i18n, errors.internal).to_string(),
        AppError::Transport(_) => t_string!(i18n, errors.transport).to_string(),
    };
    view! {
        <div class="error-box" role="alert">
            <strong>{t!(i18n, errors.title)}</strong>
            " "
            {text}
        </div>
    }
}

/// The error of a form's last submission, unless it belongs beside a field (`FieldError` shows
/// those).
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|e| !matches!(e, AppError::Invalid { .. }))
            .map(|error| view! { <ErrorMessage error /> })
    }
}
