//! `/dossiers/{id}/report`: the commune's pre-assessment report as a page to print (the
//! browser's "print to PDF" makes the file; a generated PDF comes with the certificates).
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::error::ErrorMessage;
use crate::components::labels::cycle_label;
use crate::functions::dossiers::get_dossier;
use crate::i18n::{t, use_i18n};
use crate::routes::dossiers::assessment::AssessmentTable;

#[component]
pub fn AssessmentReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
    };
    let dossier = Resource::new(id, |id| async move {
        get_dossier(id.ok_or(crate::models::AppError::NotFound)?).await
    });
    view! {
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match dossier.await {
                    Ok(d) => {
                        let cycle = d.cycle;
                        let back = format!("/dossiers/{}", d.id);
                        let product = d.product_name.clone();
                        let back_label = d.product_name.clone();
                        view! {
                            <p class="no-print"><A href=back>"← "{back_label}</A>" · "
                                <button type="button" class="secondary" on:click=|_| { let _ = window().print(); }>{t!(i18n, dossiers.print)}</button>
                            </p>
                            <article class="print-report" data-testid="assessment-report">
                                <p class="report-authority">"UBND "{d.commune_name.clone()}</p>
                                <h1>{t!(i18n, assessment.report_title)}</h1>
                                <crate::components::help::HelpPanel screen="dossiers.report" />
                                <dl class="facts">
                                    <dt>{t!(i18n, dossiers.product)}</dt><dd>{product}</dd>
                                    <dt>{t!(i18n, dossiers.subject)}</dt><dd>{d.subject_name.clone()}</dd>
                                    <dt>{t!(i18n, dossiers.group)}</dt><dd>{d.group_code.clone()}" "{d.group_name.clone()}</dd>
                                    <dt>{t!(i18n, dossiers.cycle)}</dt><dd>{move || cycle_label(i18n, cycle)}</dd>
                                </dl>
                                {match d.assessment {
                                    Some(a) => view! { <AssessmentTable a /> }.into_any(),
                                    None => view! { <p>{t!(i18n, assessment.none)}</p> }.into_any(),
                                }}
                                <p class="signature">{t!(i18n, assessment.signature)}</p>
                            </article>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}
