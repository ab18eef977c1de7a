//! Reports and figures: the list of periods (`/reports`), one report
//! (`/reports/{period}/{scope}`), the periods and targets (`/admin/report-settings`) and the
//! dashboard (`/dashboard`).
pub mod dashboard;
pub mod detail;
app_only! {
    pub mod list;
    pub mod settings;
}

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};

/// A report's standing (`domain::report::Standing::as_str`) in words, as a badge.
#[component]
pub fn StandingBadge(#[prop(into)] standing: String) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("badge standing-{standing}");
    let text = move || match standing.as_str() {
        "draft" => t_string!(i18n, reports.standing_draft),
        "returned" => t_string!(i18n, reports.standing_returned),
        "on_time" => t_string!(i18n, reports.standing_on_time),
        "late" => t_string!(i18n, reports.standing_late),
        "missing" => t_string!(i18n, reports.standing_missing),
        _ => t_string!(i18n, reports.standing_not_started),
    };
    view! { <span class=class data-testid="standing">{text}</span> }
}

/// A report's state (`ReportState::as_str`) in words.
pub fn state_text(
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
    state: &str,
    reviewed: bool,
) -> &'static str {
    match state {
        "submitted" if reviewed => t_string!(i18n, reports.state_submitted),
        "submitted" => t_string!(i18n, reports.state_sent),
        "returned" => t_string!(i18n, reports.state_returned),
        "accepted" => t_string!(i18n, reports.state_accepted),
        _ => t_string!(i18n, reports.state_draft),
    }
}
