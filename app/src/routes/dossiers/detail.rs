//! `/dossiers/{id}`: one dossier for whoever takes part in it — the producer edits and submits
//! it, the commune comments, pre-assesses, returns, checks and forwards it, the province reads
//! it. What each sees and may press comes from the server (`DossierView`); the server checks
//! again on every action. Every successful change reloads the dossier.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::area_gate::SignedInGate;
use crate::components::error::ErrorMessage;
use crate::components::labels::{DossierStateBadge, cycle_label};
use crate::components::saved_count::reload_on_success;
use crate::domain::dossier::Party;
use crate::functions::dossiers::{
    CommentOnDossier, ForwardDossiers, RemoveDossierDocument, SaveDossierForm, SavePreAssessment,
    TakeDossierAction, get_dossier,
};
use crate::i18n::{t, use_i18n};
use crate::models::dossiers::DossierView;
use crate::routes::dossiers::actions::{ActionsPanel, FormSection};
use crate::routes::dossiers::assessment::AssessmentSection;
use crate::routes::dossiers::checklist::{ChecklistSection, CommentList};
use crate::routes::dossiers::history::HistorySection;

#[component]
pub fn DossierPage() -> impl IntoView {
    view! {
        <SignedInGate>
            <DossierLoader />
        </SignedInGate>
    }
}

/// The dossier page's actions, made once per page so that their results (a "saved" notice,
/// an error) outlive the reload that follows each success.
#[derive(Clone, Copy)]
pub struct DossierActions {
    pub act: ServerAction<TakeDossierAction>,
    pub forward: ServerAction<ForwardDossiers>,
    pub save_form: ServerAction<SaveDossierForm>,
    pub comment: ServerAction<CommentOnDossier>,
    pub remove: ServerAction<RemoveDossierDocument>,
    pub assess: ServerAction<SavePreAssessment>,
    /// Raised after every change; the dossier is fetched again.
    pub reload: RwSignal<u32>,
}

impl DossierActions {
    fn new() -> Self {
        let reload = RwSignal::new(0u32);
        let actions = DossierActions {
            act: ServerAction::new(),
            forward: ServerAction::new(),
            save_form: ServerAction::new(),
            comment: ServerAction::new(),
            remove: ServerAction::new(),
            assess: ServerAction::new(),
            reload,
        };
        reload_on_success(actions.act, reload);
        reload_on_success(actions.forward, reload);
        reload_on_success(actions.save_form, reload);
        reload_on_success(actions.comment, reload);
        reload_on_success(actions.remove, reload);
        reload_on_success(actions.assess, reload);
        actions
    }
}

#[component]
fn DossierLoader() -> impl IntoView {
    let params = use_params_map();
    let actions = DossierActions::new();
    let reload = actions.reload;
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
    };
    let dossier = Resource::new(
        move || (id(), reload.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_dossier(id).await,
                None => Err(crate::models::AppError::NotFound),
            }
        },
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match dossier.await {
                    Ok(d) => {
                        // Which fetch this is: browser tests wait for it to change after an action.
                        let loaded = reload.get_untracked();
                        view! { <DossierBody d actions loaded /> }.into_any()
                    }
                    Err(e) => {
                        crate::components::set_http_status(e.http_status());
                        view! { <ErrorMessage error=e /> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn DossierBody(d: DossierView, actions: DossierActions, loaded: u32) -> impl IntoView {
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
    // Effects run once this part is hydrated: the marker tells a script (and the browser
    // tests) that the forms below now answer in place.
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    view! {
        {move || interactive.get().then(|| view! { <span hidden data-testid="dossier-interactive"></span> })}
        <p><A href=back>"← "{t!(i18n, dossiers.back)}</A></p>
        <header class="dossier-head" data-loaded=loaded.to_string()>
            <h1 data-testid="dossier-title">{d.product_name.clone()}</h1>
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
        {d.forward_note.clone().map(|note| view! {
            <section class="panel"><h2>{t!(i18n, dossiers.forwarded_note)}</h2><p class="prewrap">{note}</p></section>
        })}
        <FormSection d=d.clone() actions />
        <ChecklistSection d=d.clone() actions />
        <crate::routes::traceability::labels::LabelSummaryPanel s=d.label.clone() />
        <section class="panel">
            <h2>{t!(i18n, dossiers.general_comments)}</h2>
            <CommentList comments=general />
        </section>
        <AssessmentSection d=d.clone() actions />
        {assessed.then(|| view! { <p><A href=report attr:data-testid="report-link">{t!(i18n, dossiers.report)}</A></p> })}
        // The actions come after what they act on; the header links down to them.
        <ActionsPanel d=d.clone() actions />
        <HistorySection d />
    }
}
