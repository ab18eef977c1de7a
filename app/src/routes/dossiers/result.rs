//! How the round's decision ended the dossier, at the top of its page once decided: the
//! council's score and stars, each part's subtotal, the certificate or what "not reached"
//! means and what the producer may do next, and the council's remarks. Rendered on the server
//! (nothing here is interactive). Before that, a dossier left out of the round's decision says
//! why.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::labels::{Stars, points};
use crate::domain::dossier::DossierState;
use crate::i18n::{t, use_i18n};
use crate::models::dossiers::DossierResult;

#[component]
pub fn ResultSection(result: DossierResult, state: DossierState) -> impl IntoView {
    if state == DossierState::InEvaluation {
        view! { <DeferredNotice result /> }.into_any()
    } else {
        view! { <Decided result state /> }.into_any()
    }
}

/// A dossier the officer left out of the round's decision: why, and that it is decided later
/// in the same round.
#[component]
fn DeferredNotice(result: DossierResult) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel result deferred" data-testid="dossier-result" data-state="deferred">
            <h2>{t!(i18n, dossiers.result_deferred_title)}</h2>
            <p class="muted">{result.round_name.clone()}</p>
            <p>{t!(i18n, dossiers.result_deferred)}</p>
            <p class="prewrap warning" data-testid="result-deferred">{result.deferred_reason.clone().unwrap_or_default()}</p>
        </section>
    }
}

#[component]
fn Decided(result: DossierResult, state: DossierState) -> impl IntoView {
    let i18n = use_i18n();
    let certified = state == DossierState::Certified;
    let barred = result.barred();
    let decision = result.decision_number.clone();
    let dated = result.decision_date.clone();
    let class = if certified {
        "panel result certified"
    } else {
        "panel result not-reached"
    };
    view! {
        <section class=class data-testid="dossier-result" data-state=state.as_str()>
            <h2>{t!(i18n, dossiers.result_title)}</h2>
            <p class="muted">
                {result.round_name.clone()}
                {decision.map(|number| view! {
                    " · "{t!(i18n, dossiers.result_decision)}" "{number}
                    {dated.map(|day| view! { " "{t!(i18n, dossiers.result_dated)}" "{day} })}
                })}
            </p>
            <p class="result-score">
                {t!(i18n, dossiers.result_score)}": "
                <strong data-testid="result-score">{result.score.map(points).unwrap_or_else(|| "—".into())}</strong>
                "/100 "
                {result.stars.map(|s| view! { <Stars stars=s /> })}
            </p>
            {if certified {
                view! {
                    <p>{t!(i18n, dossiers.result_certified)}</p>
                    {result.certificate.clone().map(|c| {
                        let page = format!("/certificates/{}", c.number);
                        view! {
                            <p data-testid="result-certificate">
                                {t!(i18n, dossiers.result_certificate)}" "<A href=page>{c.number.clone()}</A>
                                " ("<Stars stars=c.stars />"), "{t!(i18n, dossiers.result_valid_until)}" "{c.valid_until.clone()}
                            </p>
                            {c.revoked.then(|| view! { <p class="warning">{t!(i18n, dossiers.result_revoked)}</p> })}
                            {(c.superseded && !c.revoked).then(|| view! { <p class="muted">{t!(i18n, dossiers.result_superseded)}</p> })}
                        }
                    })}
                }.into_any()
            } else {
                view! {
                    <p class="warning" data-testid="result-not-reached">
                        {if barred { t!(i18n, dossiers.result_barred).into_any() } else { t!(i18n, dossiers.result_not_reached).into_any() }}
                    </p>
                    <p>{t!(i18n, dossiers.result_next)}</p>
                }.into_any()
            }}
            {(!result.parts.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="data-table result-parts">
                        <thead><tr>
                            <th>{t!(i18n, dossiers.result_part)}</th>
                            <th class="num">{t!(i18n, dossiers.result_points)}</th>
                            <th class="num">{t!(i18n, dossiers.result_max)}</th>
                        </tr></thead>
                        <tbody>
                            {result.parts.iter().map(|p| view! {
                                <tr data-testid="result-part" data-part=p.code.clone()>
                                    <td><span class="code">{p.code.clone()}</span>" "{p.name.clone()}</td>
                                    <td class="num">{points(p.points)}</td>
                                    <td class="num">{points(p.max)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            <h3>{t!(i18n, dossiers.result_remarks)}</h3>
            {match result.remarks.clone() {
                Some(text) => view! { <p class="prewrap" data-testid="result-remarks">{text}</p> }.into_any(),
                None => view! { <p class="muted">{t!(i18n, dossiers.result_no_remarks)}</p> }.into_any(),
            }}
        </section>
    }
}
