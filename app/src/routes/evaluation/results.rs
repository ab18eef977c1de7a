//! The results of a round for the provincial officer: per dossier each council member's total
//! (far from the score highlighted), the score, stars, mandatory bars, the ≥ 90 flag, the
//! spread and the criteria the members disagree on; reopening a submitted sheet during
//! scoring (and on a dossier left out of the decision); leaving a dossier out of the decision
//! and deciding it later; and in deliberation the decision form.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

use crate::components::confirm_submit::ConfirmSubmit;
use crate::components::error::FormError;
use crate::components::field_error::FieldError;
use crate::components::labels::{Stars, points};
use crate::components::saved_count::reload_on_success;
use crate::domain::round::{Panel, Phase, sheets_open};
use crate::functions::evaluation::rounds::{
    BringBackRoundDossier, DecideDeferredDossier, DecideRound, DeferRoundDossier, ReopenScoreSheet,
    SaveCouncilRemarks,
};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::AppError;
use crate::models::evaluation::rounds::{ResultRow, RoundResults};

/// The forms of one row of the results table: each row has its own, so a refusal shows in
/// the form that was sent (the error summary marks fields of its own form only).
#[derive(Clone, Copy)]
struct RowActions {
    reopen: ServerAction<ReopenScoreSheet>,
    remarks: ServerAction<SaveCouncilRemarks>,
    defer: ServerAction<DeferRoundDossier>,
    bring_back: ServerAction<BringBackRoundDossier>,
    decide_later: ServerAction<DecideDeferredDossier>,
}

impl RowActions {
    fn new(reload: RwSignal<u32>) -> Self {
        let actions = RowActions {
            reopen: ServerAction::new(),
            remarks: ServerAction::new(),
            defer: ServerAction::new(),
            bring_back: ServerAction::new(),
            decide_later: ServerAction::new(),
        };
        reload_on_success(actions.reopen, reload);
        reload_on_success(actions.remarks, reload);
        reload_on_success(actions.defer, reload);
        reload_on_success(actions.bring_back, reload);
        reload_on_success(actions.decide_later, reload);
        actions
    }
}

/// The refusal of one action, for the `FormError` inside its form.
fn refusal<A>(action: ServerAction<A>) -> Signal<Option<AppError>>
where
    A: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

#[component]
pub fn ResultsTable(results: RoundResults, phase: Phase, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let round_id = results.round_id;
    let disagreement = results.disagreement.clone();
    view! {
        <section class="panel" data-testid="results">
            <h2>{t!(i18n, rounds.results)}</h2>
            <p class="muted">{t!(i18n, rounds.results_hint)}</p>
            <div class="table-wrap">
                <table class="data-table results-table cards-on-phone">
                    <thead><tr>
                        <th>{t!(i18n, rounds.product)}</th>
                        <th>{t!(i18n, rounds.member_totals)}</th>
                        <th class="num">{t!(i18n, rounds.score)}</th>
                        <th>{t!(i18n, rounds.stars)}</th>
                        <th>{t!(i18n, rounds.disagreement)}</th>
                        <th>{t!(i18n, rounds.certificate)}</th>
                    </tr></thead>
                    <tbody>
                        {results.rows.into_iter().map(|row| view! { <ResultLine row round_id phase reload /> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <crate::routes::evaluation::disagreement::RoundDisagreementPanel d=disagreement round_id />
    }
}

#[component]
fn ResultLine(row: ResultRow, round_id: i32, phase: Phase, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let actions = RowActions::new(reload);
    let dossier_id = row.dossier_id;
    let written = row.remarks.clone().unwrap_or_default();
    let remarks_field = format!("remarks-{dossier_id}");
    let (reopen, remarks) = (actions.reopen, actions.remarks);
    let sheets_open = sheets_open(phase, Panel::Council, row.awaiting_decision);
    let label = move |text: &'static str| move || match text {
        "members" => t_string!(i18n, rounds.member_totals).to_string(),
        "score" => t_string!(i18n, rounds.score).to_string(),
        "stars" => t_string!(i18n, rounds.stars).to_string(),
        "spread" => t_string!(i18n, rounds.disagreement).to_string(),
        _ => t_string!(i18n, rounds.certificate).to_string(),
    };
    view! {
        <tr data-testid="result-row" data-dossier=dossier_id data-awaiting=row.awaiting_decision.to_string()>
            <td class="result-product">
                <strong>{row.product_name.clone()}</strong><br /><span class="muted">{row.commune_name.clone()}</span>
                <Deferral row=row.clone() round_id phase actions />
                {if matches!(phase, Phase::Scoring | Phase::Deliberation) {
                    view! {
                        <details class="inline-details" data-testid="remarks">
                            <summary>{t!(i18n, rounds.remarks)}{(!written.is_empty()).then_some(" ✓")}</summary>
                            <ActionForm action=remarks attr:class="stack-form">
                                <FormError error=refusal(remarks) />
                                <input type="hidden" name="round_id" value=round_id />
                                <input type="hidden" name="dossier_id" value=dossier_id />
                                <label for=remarks_field.clone()>{t!(i18n, rounds.remarks)}</label>
                                <textarea id=remarks_field.clone() name="remarks" maxlength="2000" rows="4">{written.clone()}</textarea>
                                <p class="muted">{t!(i18n, rounds.remarks_hint)}</p>
                                <button type="submit" disabled=move || remarks.pending().get()>{t!(i18n, rounds.remarks_save)}</button>
                            </ActionForm>
                        </details>
                    }.into_any()
                } else {
                    row.remarks.clone().map(|text| view! {
                        <p class="prewrap muted" data-testid="remarks-text">{text}</p>
                    }).into_any()
                }}
            </td>
            <td data-label=label("members")>
                <ul class="member-totals">
                    {row.totals.into_iter().map(|m| {
                        let class = if m.far { "far" } else if m.submitted { "" } else { "muted" };
                        let field = format!("reopen-{dossier_id}-{}", m.user_id);
                        view! {
                            <li class=class data-testid="member-total" data-far=m.far.to_string()>
                                {m.member.clone()}": "
                                {if m.submitted { points(m.total) } else { "—".to_owned() }}
                                {(m.submitted && sheets_open).then(|| view! {
                                    <details class="inline-details">
                                        <summary>{t!(i18n, rounds.reopen)}</summary>
                                        <ActionForm action=reopen attr:class="stack-form">
                                            <FormError error=refusal(reopen) />
                                            <input type="hidden" name="round_id" value=round_id />
                                            <input type="hidden" name="dossier_id" value=dossier_id />
                                            <input type="hidden" name="member_id" value=m.user_id />
                                            <label for=field.clone()>{t!(i18n, rounds.reopen_reason)}</label>
                                            <input id=field.clone() name="reason" required maxlength="1000" />
                                            <button type="submit">{t!(i18n, rounds.reopen)}</button>
                                        </ActionForm>
                                    </details>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {row.advisory_score.map(|s| view! { <p class="muted">{t!(i18n, rounds.advisory_score)}": "{points(s)}</p> })}
            </td>
            <td class="num" data-label=label("score") data-testid="result-score">{row.score.map(points).unwrap_or_else(|| "—".into())}</td>
            <td data-label=label("stars")>
                {row.stars.map(|s| view! { <Stars stars=s /> })}
                {(!row.barred.is_empty()).then(|| view! { <p class="warning">{t!(i18n, rounds.barred)}" "{levels(&row.barred)}</p> })}
                {row.national.then(|| view! { <p class="badge national" data-testid="national">{t!(i18n, rounds.national)}</p> })}
            </td>
            <td data-label=label("spread")>
                {row.spread.map(|(lo, hi)| view! { <span>{points(lo)}" – "{points(hi)}</span> })}
                {(!row.criteria.is_empty()).then(|| view! {
                    <ul class="criteria-spread">
                        {row.criteria.iter().take(5).map(|c| view! { <li><span class="code">{c.code.clone()}</span>" "{points(c.min)}"–"{points(c.max)}</li> }).collect_view()}
                    </ul>
                })}
            </td>
            <td data-label=label("certificate")>
                {row.certificate.clone().map(|n| {
                    let (page, pdf) = (format!("/certificates/{n}"), format!("/certificates/{n}/pdf"));
                    view! {
                        <A href=page attr:data-testid="certificate-link">{n}</A>
                        <br />
                        <a href=pdf download data-testid="certificate-pdf">"PDF"</a>
                    }
                })}
            </td>
        </tr>
    }
}

/// Leaving a dossier out of the round's decision (with a reason) and bringing it back, while
/// the round scores or deliberates; deciding it later, once the round is decided.
#[component]
fn Deferral(row: ResultRow, round_id: i32, phase: Phase, actions: RowActions) -> impl IntoView {
    let i18n = use_i18n();
    let dossier_id = row.dossier_id;
    let open = matches!(phase, Phase::Scoring | Phase::Deliberation);
    let reason_field = format!("defer-{dossier_id}");
    let (defer, bring_back, decide_later) =
        (actions.defer, actions.bring_back, actions.decide_later);
    let awaiting = row.awaiting_decision;
    // Once decided later, the reason stays as a plain note: nothing waits any more.
    let notice = row.deferred_reason.clone().map(|reason| {
        let class = if awaiting { "warning prewrap" } else { "muted prewrap" };
        view! {
            <p class=class data-testid="deferred">
                {if awaiting { t!(i18n, rounds.deferred).into_any() } else { t!(i18n, rounds.was_deferred).into_any() }}": "{reason}
            </p>
        }
    });
    let later = row.later_decision.clone().map(|decision| view! {
        <p class="muted" data-testid="later-decision">{t!(i18n, rounds.later_decision)}" "{decision}</p>
    });
    let form = if open && awaiting {
        Some(view! {
            <ActionForm action=bring_back attr:class="stack-form">
                <FormError error=refusal(bring_back) />
                <input type="hidden" name="round_id" value=round_id />
                <input type="hidden" name="dossier_id" value=dossier_id />
                <button type="submit" class="secondary" data-testid="bring-back" disabled=move || bring_back.pending().get()>{t!(i18n, rounds.bring_back)}</button>
            </ActionForm>
        }.into_any())
    } else if open {
        Some(view! {
            <details class="inline-details" data-testid="defer">
                <summary>{t!(i18n, rounds.defer)}</summary>
                <ActionForm action=defer attr:class="stack-form">
                    <FormError error=refusal(defer) />
                    <input type="hidden" name="round_id" value=round_id />
                    <input type="hidden" name="dossier_id" value=dossier_id />
                    <label for=reason_field.clone()>{t!(i18n, rounds.defer_reason)}</label>
                    <textarea id=reason_field.clone() name="reason" required maxlength="500" rows="2"></textarea>
                    <p class="muted">{t!(i18n, rounds.defer_hint)}</p>
                    <button type="submit" disabled=move || defer.pending().get()>{t!(i18n, rounds.defer)}</button>
                </ActionForm>
            </details>
        }.into_any())
    } else if phase == Phase::Decided && awaiting {
        let field = move |name: &str| format!("later-{name}-{dossier_id}");
        Some(view! {
            <details class="inline-details" data-testid="decide-later" open=true>
                <summary>{t!(i18n, rounds.decide_later)}</summary>
                <ActionForm action=decide_later attr:class="stack-form">
                    <FormError error=refusal(decide_later) />
                    <input type="hidden" name="round_id" value=round_id />
                    <input type="hidden" name="dossier_id" value=dossier_id />
                    <p class="muted">{t!(i18n, rounds.decide_later_hint)}</p>
                    <label for=field("number")>{t!(i18n, rounds.decision_number)}</label>
                    <input id=field("number") name="number" required maxlength="64" placeholder="1234/QĐ-UBND" />
                    <label for=field("date")>{t!(i18n, rounds.decision_date)}</label>
                    <input id=field("date") name="date" type="date" required />
                    <label for=field("signer")>{t!(i18n, rounds.decision_signer)}</label>
                    <input id=field("signer") name="signer" required maxlength="200" />
                    <button type="submit" data-testid="decide-later-submit" disabled=move || decide_later.pending().get()>{t!(i18n, rounds.decide_later)}</button>
                </ActionForm>
            </details>
        }.into_any())
    } else {
        None
    };
    view! { {notice}{later}{form} }
}

/// Records and publishes the decision: certificates are issued at once.
#[component]
pub fn DecisionForm(
    round_id: i32,
    version: i32,
    deferred: usize,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let decide = ServerAction::<DecideRound>::new();
    reload_on_success(decide, reload);
    let error = Signal::derive(move || decide.value().get().and_then(Result::err));
    view! {
        <section class="panel" data-testid="decision-form">
            <h2>{t!(i18n, rounds.decision)}</h2>
            <p class="muted">{t!(i18n, rounds.decision_hint)}</p>
            {(deferred > 0).then(|| view! { <p class="warning" data-testid="decision-deferred">{deferred}" "{t!(i18n, rounds.decision_deferred)}</p> })}
            <FormError error />
            <ActionForm action=decide attr:class="stack-form">
                <input type="hidden" name="round_id" value=round_id />
                <input type="hidden" name="version" value=version />
                <label for="decision-number">{t!(i18n, rounds.decision_number)}</label>
                <input id="decision-number" name="number" required maxlength="64" placeholder="1234/QĐ-UBND" />
                <FieldError error field="number" />
                <label for="decision-date">{t!(i18n, rounds.decision_date)}</label>
                <input id="decision-date" name="date" type="date" required />
                <FieldError error field="date" />
                <label for="decision-signer">{t!(i18n, rounds.decision_signer)}</label>
                <input id="decision-signer" name="signer" required maxlength="200" />
                <FieldError error field="signer" />
                // Certificates are issued and results published at once: asked to confirm first.
                <ConfirmSubmit
                    label=move || t_string!(i18n, rounds.decide).to_string()
                    pending=decide.pending()
                    testid="decide"
                >
                    {t!(i18n, rounds.decide_confirm)}
                </ConfirmSubmit>
            </ActionForm>
        </section>
    }
}

fn levels(barred: &[u8]) -> String {
    let levels: Vec<String> = barred.iter().map(|l| format!("{l}★")).collect();
    levels.join(", ")
}
