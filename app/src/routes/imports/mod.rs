//! Imports from the province's spreadsheets: the list with the upload (`/admin/imports`) and a
//! batch's preview, column mapping, confirmation and undo (`/admin/imports/{id}`).
pub mod batch;
pub mod list;

use crate::i18n::{Locale, t_string};
use leptos_i18n::I18nContext;

/// A batch's state in words.
pub fn state_name(i18n: I18nContext<Locale>, state: &str) -> String {
    match state {
        "imported" => t_string!(i18n, imports.state_imported),
        "undone" => t_string!(i18n, imports.state_undone),
        _ => t_string!(i18n, imports.state_previewed),
    }
    .to_string()
}
