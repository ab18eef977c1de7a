//! `/dossiers/{id}`: one dossier for whoever takes part in it — the producer edits and submits
//! it, the commune comments, pre-assesses, returns, checks and forwards it, the province reads
//! it. What each sees and may press comes from the server (`DossierView`); the server checks
//! again on every action. A light page: the server renders the dossier, and each form is a
//! small island; every successful change fetches the dossier's part of the page again and puts
//! it in place (`live_region::refresh`), the address and scroll position kept.
use std::sync::atomic::{AtomicU64, Ordering};

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::area_gate::SignedInGate;
use crate::components::error::ErrorMessage;
use crate::components::labels::{DossierStateBadge, cycle_label};
use crate::components::live_region::LiveRegion;
use crate::domain::dossier::Party;
use crate::functions::dossiers::get_dossier;
use crate::i18n::{t, use_i18n};
use crate::models::dossiers::DossierView;
use crate::routes::dossiers::actions::{ActionsPanel, FormSection};
use crate::routes::dossiers::assessment::AssessmentSection;
use crate::routes::dossiers::checklist::{ChecklistSection, CommentList};
use crate::routes::dossiers::history::HistorySection;
use crate::routes::dossiers::result::ResultSection;

#[component]
pub fn DossierPage() -> impl IntoView {
    view! {
        <SignedInGate>
            <DossierLoader />
        </SignedInGate>
    }
}

/// Renderings of dossiers so far: each gets its own number, which the browser tests watch to
/// know the page has been fetched again after an action.
static RENDERS: AtomicU64 = AtomicU64::new(0);

#[component]
fn DossierLoader() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
    };
    // The change the page is fetched again after (`live_region::refresh`), to confirm it.
    let done = use_query_map()
        .read_untracked()
        .get("done")
        .unwrap_or_default();
    let dossier = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_dossier(id).await,
            None => Err(crate::models::AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || {
                let done = done.clone();
                Suspend::new(async move {
                    match dossier.await {
                        Ok(d) => {
                            let loaded = RENDERS.fetch_add(1, Ordering::Relaxed);
                            view! { <LiveRegion><DossierBody d done loaded /></LiveRegion> }
                                .into_any()
                        }
                        Err(e) => {
                            crate::components::set_http_status(e.http_status());
                            view! { <ErrorMessage error=e /> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn DossierBody(d: DossierView, done: String, loaded: u64) -> impl IntoView {
    let i18n = use_i18n();
    let back = match d.viewer {
        Party::Owner => "/producer/dossiers",
        Party::Commune => "/commune/dossiers",
        Party::Province => "/province/dossiers",
    };
    let c = d.completeness.clone();
    let percent = c.percent();
    let cycle = d.cycle;
    let assessed = d.assessment.is_some();
    let report = format!("/dossiers/{}/report", d.id);
    let general = d.general_comments.clone();
    let has_actions = !d.actions.is_empty();
    view! {
        <p><A href=back>"← "{t!(i18n, dossiers.back)}</A></p>
        <header class="dossier-head" data-loaded=loaded.to_string()>
            <h1 data-testid="dossier-title">{d.product_name.clone()}</h1>
            <crate::components::help::HelpPanel screen="dossiers.detail" />
            <p>
                <DossierStateBadge state=d.state />
                " · "{move || cycle_label(i18n, cycle)}
                " · "{d.subject_name.clone()}" · "{d.commune_name.clone()}
                " · "<span class="code">{d.group_code.clone()}</span>" "{d.group_name.clone()}
                {(d.submission_no > 0).then(|| view! { " · "{t!(i18n, dossiers.submission)}" "{d.submission_no} })}
            </p>
            {has_actions.then(|| view! {
                <p><a href="#actions" class="jump-link" data-testid="jump-to-actions">{t!(i18n, dossiers.actions)}" ↓"</a></p>
            })}
            <div class="completeness" data-testid="completeness" data-percent=percent.to_string()>
                <label for="completeness-bar">{t!(i18n, dossiers.completeness)}": "{c.mandatory_present}"/"{c.mandatory_total}</label>
                <progress id="completeness-bar" max="100" value=percent.to_string()></progress>
            </div>
        </header>
        {d.result.clone().map(|result| view! { <ResultSection result state=d.state /> })}
        {d.forward_note.clone().map(|note| view! {
            <section class="panel"><h2>{t!(i18n, dossiers.forwarded_note)}</h2><p class="prewrap">{note}</p></section>
        })}
        <FormSection d=d.clone() saved=done == "form" />
        <ChecklistSection d=d.clone() />
        <crate::routes::traceability::labels::LabelSummaryPanel s=d.label.clone() />
        <section class="panel">
            <h2>{t!(i18n, dossiers.general_comments)}</h2>
            <CommentList comments=general />
        </section>
        <AssessmentSection d=d.clone() saved=done == "assessment" />
        {assessed.then(|| view! { <p><A href=report attr:data-testid="report-link">{t!(i18n, dossiers.report)}</A></p> })}
        // The actions come after what they act on; the header links down to them.
        <ActionsPanel d=d.clone() />
        <HistorySection d />
    }
}
