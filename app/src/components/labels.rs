//! Names of roles, account and dossier states, cycles and actions in the user's language (plain text, so they also fit in
//! an `<option>`).
use leptos::prelude::*;

use crate::auth::Role;
use crate::domain::dossier::{DossierAction, DossierState};
use crate::domain::dossier_form::DossierCycle;
use crate::domain::round::Phase;
use leptos_i18n::I18nContext;

use crate::i18n::{Locale, t, t_string, use_i18n};

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

/// "pending", "active", "rejected", "locked" (an account) or "inactive" (a subject).
pub fn status_label(i18n: I18nContext<Locale>, status: &str) -> String {
    match status {
        "pending" => t_string!(i18n, account_status.pending).to_string(),
        "active" => t_string!(i18n, account_status.active).to_string(),
        "rejected" => t_string!(i18n, account_status.rejected).to_string(),
        "locked" => t_string!(i18n, account_status.locked).to_string(),
        "inactive" => t_string!(i18n, account_status.inactive).to_string(),
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

/// The state's name in the page's language (`DossierState::label`, shared with the reports).
pub fn dossier_state_label(i18n: I18nContext<Locale>, state: DossierState) -> String {
    let (vi, en) = state.label();
    if i18n.get_locale() == Locale::en {
        en
    } else {
        vi
    }
    .to_owned()
}

pub fn cycle_label(i18n: I18nContext<Locale>, cycle: DossierCycle) -> String {
    match cycle {
        DossierCycle::FirstRecognition => t_string!(i18n, dossier_cycle.first).to_string(),
        DossierCycle::ReRecognition => t_string!(i18n, dossier_cycle.re_recognition).to_string(),
        DossierCycle::Upgrade => t_string!(i18n, dossier_cycle.upgrade).to_string(),
    }
}

pub fn dossier_action_label(i18n: I18nContext<Locale>, action: DossierAction) -> String {
    match action {
        DossierAction::Submit => t_string!(i18n, dossier_action.submit).to_string(),
        DossierAction::Return => t_string!(i18n, dossier_action.send_back).to_string(),
        DossierAction::Resubmit => t_string!(i18n, dossier_action.resubmit).to_string(),
        DossierAction::MarkChecked => t_string!(i18n, dossier_action.mark_checked).to_string(),
        DossierAction::Forward => t_string!(i18n, dossier_action.forward).to_string(),
        DossierAction::Withdraw => t_string!(i18n, dossier_action.withdraw).to_string(),
        DossierAction::StartEvaluation => {
            t_string!(i18n, dossier_action.start_evaluation).to_string()
        }
        DossierAction::Certify => t_string!(i18n, dossier_action.certify).to_string(),
        DossierAction::DeclareNotReached => {
            t_string!(i18n, dossier_action.declare_not_reached).to_string()
        }
    }
}

/// A dossier's state as a coloured badge.
#[component]
pub fn DossierStateBadge(state: DossierState) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("badge dossier-{}", state.as_str());
    view! { <span class=class data-testid="dossier-state" data-state=state.as_str()>{move || dossier_state_label(i18n, state)}</span> }
}

pub fn phase_label(i18n: I18nContext<Locale>, phase: &str) -> String {
    match Phase::parse(phase) {
        Some(Phase::Preparation) => t_string!(i18n, rounds.phase_preparation).to_string(),
        Some(Phase::AdvisoryReview) => t_string!(i18n, rounds.phase_advisory).to_string(),
        Some(Phase::Scoring) => t_string!(i18n, rounds.phase_scoring).to_string(),
        Some(Phase::Deliberation) => t_string!(i18n, rounds.phase_deliberation).to_string(),
        Some(Phase::Decided) => t_string!(i18n, rounds.phase_decided).to_string(),
        None => phase.to_owned(),
    }
}

/// A round's phase as a badge.
#[component]
pub fn PhaseBadge(phase: String) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("badge phase-{phase}");
    let data = phase.clone();
    view! { <span class=class data-testid="round-phase" data-phase=data>{move || phase_label(i18n, &phase)}</span> }
}

/// Points kept in tenths, written the Vietnamese way ("84,3").
pub fn points(tenths: u32) -> String {
    format!("{},{}", tenths / 10, tenths % 10)
}

/// "★★★★☆" for 4 of 5 stars, with the number for screen readers. Below 3 stars a product is
/// not an OCOP product: "★☆☆☆☆" would read as a rating, so it says so in words instead.
#[component]
pub fn Stars(stars: u8) -> impl IntoView {
    let i18n = use_i18n();
    let filled = usize::from(stars.min(5));
    if stars < 3 {
        return view! {
            <span class="stars below" title=format!("{stars}/5") data-stars=stars>
                {t!(i18n, rounds.below_three_stars)}" ("{stars}"/5)"
            </span>
        }
        .into_any();
    }
    let text = format!("{}{}", "★".repeat(filled), "☆".repeat(5 - filled));
    view! { <span class="stars" title=format!("{stars}/5") aria-label=format!("{stars}/5") data-stars=stars>{text}</span> }
        .into_any()
}

/// A certificate's status as a badge.
#[component]
pub fn CertificateStatus(status: String) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("badge certificate-{status}");
    let label = move || match status.as_str() {
        "valid" => t_string!(i18n, certificates.valid).to_string(),
        "expiring" => t_string!(i18n, certificates.expiring).to_string(),
        "expired" => t_string!(i18n, certificates.expired).to_string(),
        "revoked" => t_string!(i18n, certificates.revoked).to_string(),
        "superseded" => t_string!(i18n, certificates.superseded).to_string(),
        other => other.to_owned(),
    };
    view! { <span class=class data-testid="certificate-status">{label}</span> }
}
