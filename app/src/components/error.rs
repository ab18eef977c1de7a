//! Showing an `AppError` to a person, in their language.
use leptos::prelude::*;

use leptos_i18n::I18nContext;

use crate::domain::reason::Reason;
use crate::i18n::{Locale, t, t_string, use_i18n};
use crate::models::AppError;

#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || match &error {
        AppError::NotFound => t_string!(i18n, errors.not_found).to_string(),
        AppError::Forbidden => t_string!(i18n, errors.forbidden).to_string(),
        AppError::SignInRequired => t_string!(i18n, errors.sign_in_required).to_string(),
        AppError::Invalid { reason, .. } => {
            reason_text(i18n, reason).unwrap_or_else(|| t_string!(i18n, errors.invalid).to_string())
        }
        AppError::Conflict { reason } => reason_text(i18n, reason)
            .unwrap_or_else(|| t_string!(i18n, errors.conflict).to_string()),
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

/// The error of a form's last submission: a sentence for one that is no field's, or the
/// summary of the fields to fix (each also shown beside its field by `FieldError`).
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let general = move || {
        error
            .get()
            .filter(|e| !matches!(e, AppError::Invalid { .. }))
            .map(|error| view! { <ErrorMessage error /> })
    };
    view! {
        {general}
        <crate::components::error_summary::ErrorSummary error />
    }
}

/// The sentence for a reason code, in the page's language (`domain::reason`); `None` for a
/// code this build does not know (a newer server), which gets the generic sentence of its kind.
pub fn reason_text(i18n: I18nContext<Locale>, code: &str) -> Option<String> {
    Reason::parse(code).map(|reason| reason.message(i18n.get_locale() == Locale::en).to_owned())
}
