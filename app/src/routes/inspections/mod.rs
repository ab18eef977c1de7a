//! Monitoring certified products: the inspections list (`list`), planning (`plan`, a page of
//! the whole client), and one inspection with the visit, correction and revocation forms
//! (`detail`, `forms`).
pub mod detail;
mod forms;
pub mod list;
app_only! {
    pub mod plan;
}

use crate::i18n::Locale;
use leptos_i18n::I18nContext;

/// A (Vietnamese, English) pair of the rules (`domain::inspection`) in the reader's language.
pub(crate) fn pair(
    i18n: I18nContext<Locale>,
    (vi, en): (&'static str, &'static str),
) -> &'static str {
    if i18n.get_locale_untracked() == Locale::en {
        en
    } else {
        vi
    }
}
