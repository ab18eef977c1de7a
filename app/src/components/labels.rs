//! Names of roles and account states in the user's language (plain text, so they also fit in
//! an `<option>`).
use leptos::prelude::*;

use crate::auth::Role;
use leptos_i18n::I18nContext;

use crate::i18n::{Locale, t_string, use_i18n};

pub fn role_label(i18n: I18nContext<Locale>, role: Role) -> String {
    match role {
        Role::Producer => t_string!(i18n, roles.producer).to_string(),
        Role::CommuneOfficer => t_string!(i18n, roles.commune_officer).to_string(),
        Role::ProvincialOfficer => t_string!(i18n, roles.provincial_officer).to_string(),
        Role::AdvisoryMember => t_string!(i18n, roles.advisory_member).to_string(),
        Role::CouncilMember => t_string!(i18n, roles.council_member).to_string(),
        Role::Administrator => t_string!(i18n, roles.administrator).to_string(),
    }
}

/// "pending", "active", "rejected" or "locked".
pub fn status_label(i18n: I18nContext<Locale>, status: &str) -> String {
    match status {
        "pending" => t_string!(i18n, account_status.pending).to_string(),
        "active" => t_string!(i18n, account_status.active).to_string(),
        "rejected" => t_string!(i18n, account_status.rejected).to_string(),
        "locked" => t_string!(i18n, account_status.locked).to_string(),
        other => other.to_owned(),
    }
}

#[component]
pub fn RoleName(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    move || role_label(i18n, role)
}

/// An account's state as a coloured badge.
#[component]
pub fn AccountStatus(status: String) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("badge status-{status}");
    view! { <span class=class data-testid="account-status">{move || status_label(i18n, &status)}</span> }
}
