//! `/inspections/{id}`: one inspection for the producer and the officials — its plan, the
//! visit's findings and photos, the correction with the producer's answer and evidence, the
//! proposal to revoke, and its history; below, the forms the viewer may use now (`forms`). A
//! light page like the dossier's: each form is an island, and every change fetches this part
//! of the page again in place.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::area_gate::SignedInGate;
use crate::components::error::ErrorMessage;
use crate::components::live_region::LiveRegion;
use crate::domain::inspection::{Area, Finding, InspectionAction, InspectionState};
use crate::functions::inspections::get_inspection;
use crate::i18n::{t, use_i18n};
use crate::models::inspections::InspectionView;
use crate::routes::dossiers::history::HistoryLine;
use crate::routes::inspections::forms::{FormMode, InspectionForm, PhotoUpload};
use crate::routes::inspections::list::InspectionStateBadge;
use crate::routes::inspections::pair;

#[component]
pub fn InspectionPage() -> impl IntoView {
    view! {
        <SignedInGate>
            <InspectionLoader />
        </SignedInGate>
    }
}

#[component]
fn InspectionLoader() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
    };
    let found = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_inspection(id).await,
            None => Err(crate::models::AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(i) => view! { <LiveRegion><InspectionBody i /></LiveRegion> }.into_any(),
                    Err(e) => {
                        crate::components::set_http_status(e.http_status());
                        view! { <ErrorMessage error=e /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn InspectionBody(i: InspectionView) -> impl IntoView {
    let i18n = use_i18n();
    let certificate = match (i.certificate_number.clone(), i.certificate_status.clone()) {
        (Some(number), Some(status)) => view! {
            <a href=format!("/certificates/{number}") rel="external" data-number=number.clone()>{number.clone()}</a>
            " "<span data-status=status.clone()><crate::components::labels::CertificateStatus status=status.clone() /></span>
        }
        .into_any(),
        _ => view! { {t!(i18n, inspections.no_certificate)} }.into_any(),
    };
    let may = |a: InspectionAction| i.actions.contains(&a);
    let visit = may(InspectionAction::RecordCompliant);
    let answer = may(InspectionAction::Answer);
    let judge = may(InspectionAction::AcceptCorrection)
        || may(InspectionAction::ProposeRevocation)
        || may(InspectionAction::Cancel);
    let revoke = may(InspectionAction::Revoke);
    let history = i.history.clone();
    view! {
        <p><a href=format!("/inspections?product={}", i.product_id)>"← "{t!(i18n, inspections.back)}</a></p>
        <header data-testid="inspection" data-state=i.state.as_str()>
            <h1 data-testid="inspection-title">{i.product_name.clone()}</h1>
            <crate::components::help::HelpPanel screen="inspections.detail" />
            <p>
                <InspectionStateBadge state=i.state overdue=i.overdue />
                " · "{i.subject_name.clone()}" · "{i.commune_name.clone()}
            </p>
        </header>
        <section class="panel">
            <h2>{t!(i18n, inspections.plan_section)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, inspections.certificate)}</dt><dd data-testid="inspection-certificate">{certificate}</dd>
                <dt>{t!(i18n, inspections.kind)}</dt><dd>{pair(i18n, i.kind.label())}</dd>
                <dt>{t!(i18n, inspections.planned_on)}</dt><dd>{i.planned_on.clone()}</dd>
                <dt>{t!(i18n, inspections.team)}</dt><dd>{i.team.clone()}</dd>
                {i.purpose.clone().map(|p| view! { <dt>{t!(i18n, inspections.purpose_read)}</dt><dd class="prewrap">{p}</dd> })}
                {i.closed_on.clone().map(|d| view! { <dt>{t!(i18n, inspections.closed_on)}</dt><dd>{d}</dd> })}
            </dl>
        </section>
        <VisitSection i=i.clone() />
        <CorrectionSection i=i.clone() />
        {i.revocation_reason.clone().map(|reason| view! {
            <section class="panel" data-testid="revocation-reason">
                <h2>{pair(i18n, InspectionState::RevocationProposed.label())}</h2>
                <p class="prewrap">{reason}</p>
                {i.revoked_by.clone().map(|d| view! {
                    <p data-testid="revoked-by"><strong>{pair(i18n, InspectionState::Revoked.label())}</strong>": "{d}</p>
                })}
            </section>
        })}
        {[(visit, FormMode::Visit), (answer, FormMode::Answer), (judge, FormMode::Judge), (revoke, FormMode::Revoke)]
            .into_iter()
            .filter(|(shown, _)| *shown)
            .map(|(_, mode)| view! {
                <InspectionForm inspection_id=i.id state=i.state mode actions=i.actions.clone() today=i.today.clone()
                    reason=i.revocation_reason.clone().unwrap_or_default() />
            })
            .collect_view()}
        <section class="panel">
            <h2>{t!(i18n, inspections.history)}</h2>
            <ul class="history" data-testid="inspection-history">
                {history.into_iter().map(|h| view! { <HistoryLine h /> }).collect_view()}
            </ul>
        </section>
    }
}

/// The findings per area, the conclusion and the visit's photos (with their upload while the
/// inspector may add them).
#[component]
fn VisitSection(i: InspectionView) -> impl IntoView {
    let i18n = use_i18n();
    if !i.state.visited() && !i.may_add_visit_photo {
        return None;
    }
    let findings = i.findings.clone();
    Some(view! {
        <section class="panel" data-testid="visit">
            <h2>{t!(i18n, inspections.visit_section)}</h2>
            {i.visited_on.clone().map(|d| view! { <p>{t!(i18n, inspections.visited_on)}": "{d}</p> })}
            {(!findings.is_empty()).then(|| view! {
                <ul class="check-list" data-testid="findings">
                    {findings.into_iter().map(|f| {
                        let area = Area::parse(&f.area).map(|a| pair(i18n, a.label())).unwrap_or_default();
                        let finding = Finding::parse(&f.finding);
                        let text = finding.map(|f| pair(i18n, f.label())).unwrap_or_default();
                        let class = if finding == Some(Finding::NotMet) { "badge overdue" } else { "badge" };
                        view! {
                            <li data-testid="finding" data-finding=f.finding.clone()>
                                <strong>{area}</strong>": "<span class=class>{text}</span>
                                {f.note.map(|n| view! { <br /><span class="prewrap">{n}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {i.conclusion.clone().map(|c| view! { <p class="prewrap" data-testid="conclusion">{c}</p> })}
            <h3>{t!(i18n, inspections.photos_visit)}</h3>
            <Photos ids=i.visit_photos.clone() testid="visit-photos" />
            {i.may_add_visit_photo.then(|| view! {
                <p class="muted">{t!(i18n, uploads.image_limits)}" "{i.max_upload_mb}" MB, "{i.max_photos}" "{t!(i18n, uploads.per_item)}"."</p>
                <PhotoUpload inspection_id=i.id max_mb=i.max_upload_mb testid="upload-visit-photo".to_owned() />
            })}
        </section>
    })
}

/// What must be corrected by when, the producer's answer and evidence, the last refusal.
#[component]
fn CorrectionSection(i: InspectionView) -> impl IntoView {
    let i18n = use_i18n();
    i.correction_request.clone().map(|request| view! {
        <section class="panel" data-testid="correction">
            <h2>{t!(i18n, inspections.correction_section)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, inspections.correction_request)}</dt><dd class="prewrap">{request}</dd>
                <dt>{t!(i18n, inspections.correction_due)}</dt>
                <dd data-testid="correction-due">{i.correction_due.clone().unwrap_or_default()}
                    {i.overdue.then(|| view! { " "<span class="badge overdue">{t!(i18n, inspections.overdue)}</span> })}</dd>
                // The last refusal, while the correction is still being settled.
                {i.refusal_note.clone().filter(|_| !i.state.closed()).map(|n| view! { <dt>{t!(i18n, inspections.refusal)}</dt><dd class="prewrap" data-testid="refusal-note">{n}</dd> })}
                // Sent back, the answer is the previous one, not what is awaited now.
                {i.correction_answer.clone().map(|a| view! {
                    <dt>{if i.state == InspectionState::CorrectionRequested { t!(i18n, inspections.answer_previous).into_any() } else { t!(i18n, inspections.answer).into_any() }}</dt>
                    <dd class="prewrap" data-testid="correction-answer">{a}</dd>
                })}
                {i.answered_at.clone().map(|a| view! { <dt>{t!(i18n, inspections.answered_at)}</dt><dd>{a}</dd> })}
            </dl>
            <h3>{t!(i18n, inspections.photos_evidence)}</h3>
            <Photos ids=i.evidence_photos.clone() testid="evidence-photos" />
            {i.may_add_evidence_photo.then(|| view! {
                <p class="muted">{t!(i18n, uploads.image_limits)}" "{i.max_upload_mb}" MB, "{i.max_photos}" "{t!(i18n, uploads.per_item)}"."</p>
                <PhotoUpload inspection_id=i.id max_mb=i.max_upload_mb testid="upload-evidence-photo".to_owned() />
            })}
        </section>
    })
}

#[component]
fn Photos(ids: Vec<i32>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    if ids.is_empty() {
        return view! { <p class="muted" data-testid=testid>{t!(i18n, inspections.no_photos)}</p> }
            .into_any();
    }
    view! {
        <ul class="photo-grid" data-testid=testid>
            {ids.into_iter().map(|id| view! {
                <li><a href=format!("/files/{id}") target="_blank" rel="noopener">
                    <img src=format!("/files/{id}/thumb") alt="" loading="lazy" class="thumb" data-testid="photo" />
                </a></li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
