//! Showing an `AppError` to a person, in their language.
use leptos::prelude::*;

use crate::i18n::{t, use_i18n};
use crate::models::AppError;

#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || match &error {
        AppError::NotFound => t!(i18n, errors.not_found).into_any(),
        AppError::Forbidden => t!(i18n, errors.forbidden).into_any(),
        AppError::SignInRequired => t!(i18n, errors.sign_in_required).into_any(),
        AppError::Invalid { reason, .. } => match reason.as_str() {
            "too_long" => t!(i18n, errors.too_long).into_any(),
            "wrong_credentials" => t!(i18n, errors.wrong_credentials).into_any(),
            "account_pending" => t!(i18n, errors.account_pending).into_any(),
            "account_rejected" => t!(i18n, errors.account_rejected).into_any(),
            "account_locked" => t!(i18n, errors.account_locked).into_any(),
            "too_many_attempts" => t!(i18n, errors.too_many_attempts).into_any(),
            _ => t!(i18n, errors.invalid).into_any(),
        },
        AppError::Conflict { .. } => t!(i18n, errors.conflict).into_any(),
        AppError::Internal => t!(i18n, errors.internal).into_any(),
        AppError::Transport(_) => t!(i18n, errors.transport).into_any(),
    };
    view! {
        <div class="error-box" role="alert">
            <strong>{t!(i18n, errors.title)}</strong>
            " "
            {text}
        </div>
    }
}
