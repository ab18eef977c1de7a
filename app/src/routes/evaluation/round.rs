//! `/rounds/:id`: one round. The provincial officer sees its settings, moves its phase on (two
//! clicks), adds members and forwarded dossiers, and from scoring on reads the results and
//! records the decision (`results.rs`); a member sees the dossiers they score, with their own
//! sheet's state, and declares conflicts of interest.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::area_gate::SignedInGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::labels::{PhaseBadge, Stars, phase_label, points};
use crate::components::saved_count::reload_on_success;
use crate::domain::round::Phase;
use crate::functions::evaluation::rounds::{
    AddRoundDossiers, AddRoundMember, AdvanceRound, DeclareConflict, RemoveRoundMember,
    UpdateRound, get_round, get_round_results,
};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::AppError;
use crate::models::evaluation::rounds::{RoundDossierRow, RoundResults, RoundView};
use crate::routes::evaluation::results::{DecisionForm, ResultsTable};
use crate::routes::evaluation::round_settings::EditRoundForm;

/// The actions of the round page, created once so forms keep working across reloads.
#[derive(Clone, Copy)]
struct RoundActions {
    advance: ServerAction<AdvanceRound>,
    add_member: ServerAction<AddRoundMember>,
    remove_member: ServerAction<RemoveRoundMember>,
    add_dossiers: ServerAction<AddRoundDossiers>,
    conflict: ServerAction<DeclareConflict>,
    edit: ServerAction<UpdateRound>,
}

#[component]
pub fn RoundPage() -> impl IntoView {
    let params = use_params_map();
    let round_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let actions = RoundActions {
        advance: ServerAction::new(),
        add_member: ServerAction::new(),
        remove_member: ServerAction::new(),
        add_dossiers: ServerAction::new(),
        conflict: ServerAction::new(),
        edit: ServerAction::new(),
    };
    let reload = RwSignal::new(0u32);
    reload_on_success(actions.advance, reload);
    reload_on_success(actions.add_member, reload);
    reload_on_success(actions.remove_member, reload);
    reload_on_success(actions.add_dossiers, reload);
    reload_on_success(actions.conflict, reload);
    reload_on_success(actions.edit, reload);
    // The results come with the round (one resource: a second one nested inside the first
    // made hydration fail now and then).
    let round = Resource::new(
        move || (round_id(), reload.get()),
        |(id, _)| async move {
            let round = get_round(id).await?;
            let phase = Phase::parse(&round.row.phase).unwrap_or(Phase::Preparation);
            let results = if round.manages && phase >= Phase::Scoring {
                Some(get_round_results(id).await?)
            } else {
                None
            };
            Ok::<_, AppError>((round, results))
        },
    );
    view! {
        <SignedInGate>
            <Transition fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match round.await {
                        Ok((r, results)) => view! { <Round round=r results actions reload /> }.into_any(),
                        Err(AppError::NotFound) => view! { <crate::routes::public::not_found::NotFound /> }.into_any(),
                        Err(AppError::Forbidden) => view! { <crate::components::area_gate::NotAllowed /> }.into_any(),
                        Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </SignedInGate>
    }
}

#[component]
fn Round(
    round: RoundView,
    results: Option<RoundResults>,
    actions: RoundActions,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Browser tests wait for this: the forms below answer in place only once hydrated.
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    let r = round;
    let phase = Phase::parse(&r.row.phase).unwrap_or(Phase::Preparation);
    let round_id = r.row.id;
    let others = r.input.others_visible.clone();
    let others = move || match others.as_str() {
        "never" => t_string!(i18n, rounds.others_never).to_string(),
        "always" => t_string!(i18n, rounds.others_always).to_string(),
        _ => t_string!(i18n, rounds.others_after_own).to_string(),
    };
    let aggregation = r.input.aggregation.clone();
    let aggregation = move || match aggregation.as_str() {
        "median" => t_string!(i18n, rounds.median).to_string(),
        _ => t_string!(i18n, rounds.mean).to_string(),
    };
    let manages = r.manages;
    let members = r.members.clone();
    let dossiers = r.dossiers.clone();
    let waiting = r.waiting_dossiers.clone();
    let candidates = r.possible_members.clone();
    let version = r.version;
    view! {
        {move || interactive.get().then(|| view! { <span data-testid="round-interactive" hidden></span> })}
        <p class="breadcrumb">{manages.then(|| view! { <A href="/province/rounds">{t!(i18n, rounds.title)}</A> })}</p>
        <h1 data-testid="round-name" data-version=version>{r.row.name.clone()}" "<PhaseBadge phase=r.row.phase.clone() /></h1>
        <crate::components::help::HelpPanel screen="rounds.detail" />
        <dl class="facts">
            <dt>{t!(i18n, rounds.year)}</dt><dd>{r.row.year}</dd>
            <dt>{t!(i18n, rounds.dossier_deadline)}</dt><dd>{crate::domain::dates::iso_date(&r.input.dossier_deadline)}</dd>
            <dt>{t!(i18n, rounds.scoring_window)}</dt><dd>{crate::domain::dates::iso_date(&r.input.scoring_from)}" – "{crate::domain::dates::iso_date(&r.input.scoring_until)}</dd>
            <dt>{t!(i18n, rounds.others_visible)}</dt><dd>{others}</dd>
            <dt>{t!(i18n, rounds.aggregation)}</dt><dd>{aggregation}</dd>
            {r.input.identity_hidden.then(|| view! { <dt>{t!(i18n, rounds.identity)}</dt><dd>{t!(i18n, rounds.identity_hidden)}</dd> })}
            {r.row.decision_number.clone().map(|n| view! {
                <dt>{t!(i18n, rounds.decision)}</dt>
                <dd data-testid="decision">{n}" · "{r.decision_date.as_deref().map(crate::domain::dates::iso_date).unwrap_or_default()}" · "{r.decision_signer.clone().unwrap_or_default()}</dd>
            })}
        </dl>
        {(manages && phase < Phase::Decided).then(|| view! { <EditRoundForm round_id version input=r.input.clone() action=actions.edit /> })}
        <PhaseSteps phase />
        {(manages && phase < Phase::Deliberation).then(|| view! { <AdvanceForm round_id version phase actions /> })}
        <section class="panel">
            <h2>{t!(i18n, rounds.dossiers)}" ("{dossiers.len()}")"</h2>
            <DossierTable round_id dossiers manages actions />
            {(manages && phase < Phase::Scoring).then(|| view! { <AddDossiersForm round_id waiting actions /> })}
        </section>
        {manages.then(|| view! {
            <section class="panel">
                <h2>{t!(i18n, rounds.members)}" ("{members.len()}")"</h2>
                <MemberList round_id members phase actions />
                {(phase < Phase::Deliberation).then(|| view! { <AddMemberForm round_id candidates actions /> })}
            </section>
        })}
        {(manages && phase >= Phase::Deliberation).then(|| view! {
            <p><A href=format!("/rounds/{round_id}/minutes") attr:data-testid="minutes-link">{t!(i18n, rounds.minutes)}</A></p>
        })}
        {results.map(|results| {
            let deferred = results.rows.iter().filter(|r| r.awaiting_decision).count();
            view! {
                <ResultsTable results phase reload />
                {(manages && phase == Phase::Deliberation).then(|| view! { <DecisionForm round_id version deferred reload /> })}
            }
        })}
    }
}

/// The five phases with the current one marked.
#[component]
fn PhaseSteps(phase: Phase) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="phase-steps">
            {Phase::ALL.into_iter().map(|p| {
                let class = if p == phase { "current" } else if p < phase { "done" } else { "" };
                view! { <li class=class>{move || phase_label(i18n, p.as_str())}</li> }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn AdvanceForm(round_id: i32, version: i32, phase: Phase, actions: RoundActions) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let error = Signal::derive(move || actions.advance.value().get().and_then(Result::err));
    let next = phase.next().map(|p| p.as_str()).unwrap_or_default();
    view! {
        <div class="panel">
            <FormError error />
            <FieldError error field="round" />
            <button type="button" data-testid="advance-start" hidden=move || confirming.get() on:click=move |_| confirming.set(true)>
                {t!(i18n, rounds.advance_to)}" "{move || phase_label(i18n, next)}
            </button>
            // The reactive `hidden` sits on a wrapper: on an `ActionForm` rendered in the browser
            // (after a reload of the round) it did not follow the signal.
            <div hidden=move || !confirming.get()>
            <ActionForm action=actions.advance attr:class="inline-form">
                <input type="hidden" name="round_id" value=round_id />
                <input type="hidden" name="version" value=version />
                <p>{t!(i18n, rounds.advance_confirm)}</p>
                <button type="submit" data-testid="advance-confirm" disabled=move || actions.advance.pending().get()>{t!(i18n, rounds.advance_to)}" "{move || phase_label(i18n, next)}</button>
                <button type="button" class="secondary" on:click=move |_| confirming.set(false)>{t!(i18n, rounds.cancel)}</button>
            </ActionForm>
            </div>
        </div>
    }
}

#[component]
fn DossierTable(
    round_id: i32,
    dossiers: Vec<RoundDossierRow>,
    manages: bool,
    actions: RoundActions,
) -> impl IntoView {
    let i18n = use_i18n();
    if dossiers.is_empty() {
        return view! { <p class="empty" data-testid="round-dossiers-empty">{t!(i18n, rounds.no_dossiers)}</p> }.into_any();
    }
    let error = Signal::derive(move || actions.conflict.value().get().and_then(Result::err));
    view! {
        <FormError error />
        <FieldError error field="reason" />
        <table class="data-table" data-testid="round-dossiers">
            <thead><tr>
                <th>{t!(i18n, rounds.product)}</th>
                <th>{t!(i18n, rounds.commune)}</th>
                <th>{t!(i18n, rounds.criteria_set)}</th>
                <th class="num">{t!(i18n, rounds.sheets)}</th>
                <th>{if manages { t!(i18n, rounds.result).into_any() } else { t!(i18n, rounds.my_sheet).into_any() }}</th>
            </tr></thead>
            <tbody>
                {dossiers.into_iter().map(|d| {
                    let my = d.my_sheet.clone();
                    let scorable = matches!(my.as_deref(), Some("none" | "draft" | "submitted"));
                    let href = format!("/rounds/{round_id}/dossiers/{}", d.dossier_id);
                    view! {
                        <tr data-testid="round-dossier" data-dossier=d.dossier_id>
                            <td>
                                {if scorable { view! { <A href=href.clone() attr:data-testid="score-link">{d.product_name.clone()}</A> }.into_any() } else { d.product_name.clone().into_any() }}
                                {d.subject_name.clone().map(|s| view! { <br /><span class="muted">{s}</span> })}
                                {d.deferred.then(|| view! { <br /><span class="badge" data-testid="round-dossier-deferred">{t!(i18n, rounds.deferred)}</span> })}
                            </td>
                            <td>{d.commune_name.clone()}</td>
                            <td><span class="code">{d.group_code.clone()}</span>" "{d.criteria_set_name.clone()}</td>
                            <td class="num" data-testid="sheet-count">{d.submitted}"/"{d.expected}</td>
                            <td>
                                {if manages {
                                    d.score.map(|s| view! { {points(s)}" "<Stars stars=d.stars.unwrap_or(0) /> }).into_any()
                                } else {
                                    view! { <MySheet state=my.unwrap_or_default() round_id dossier_id=d.dossier_id actions /> }.into_any()
                                }}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }.into_any()
}

/// The member's own sheet state, and a way to declare a conflict of interest.
#[component]
fn MySheet(state: String, round_id: i32, dossier_id: i32, actions: RoundActions) -> impl IntoView {
    let i18n = use_i18n();
    let label = {
        let state = state.clone();
        move || match state.as_str() {
            "none" => t_string!(i18n, rounds.sheet_none).to_string(),
            "draft" => t_string!(i18n, rounds.sheet_draft).to_string(),
            "submitted" => t_string!(i18n, rounds.sheet_submitted).to_string(),
            "conflict" => t_string!(i18n, rounds.sheet_conflict).to_string(),
            _ => t_string!(i18n, rounds.sheet_unassigned).to_string(),
        }
    };
    let may_declare = matches!(state.as_str(), "none" | "draft");
    let field = format!("conflict-{dossier_id}");
    view! {
        <span class=format!("badge sheet-{state}") data-testid="my-sheet" data-state=state.clone()>{label}</span>
        {may_declare.then(|| view! {
            <details class="inline-details">
                <summary>{t!(i18n, rounds.declare_conflict)}</summary>
                <ActionForm action=actions.conflict attr:class="stack-form">
                    <input type="hidden" name="round_id" value=round_id />
                    <input type="hidden" name="dossier_id" value=dossier_id />
                    <label for=field.clone()>{t!(i18n, rounds.conflict_reason)}</label>
                    <input id=field.clone() name="reason" required maxlength="1000" />
                    <button type="submit">{t!(i18n, rounds.declare_conflict)}</button>
                </ActionForm>
            </details>
        })}
    }
}

#[component]
fn AddDossiersForm(
    round_id: i32,
    waiting: Vec<crate::models::evaluation::rounds::Choice>,
    actions: RoundActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let picked = RwSignal::new(Vec::<i32>::new());
    let error = Signal::derive(move || actions.add_dossiers.value().get().and_then(Result::err));
    let ids = move || {
        let ids: Vec<String> = picked.get().iter().map(ToString::to_string).collect();
        ids.join(",")
    };
    if waiting.is_empty() {
        return view! { <p class="muted" data-testid="no-waiting">{t!(i18n, rounds.no_waiting)}</p> }.into_any();
    }
    view! {
        <h3>{t!(i18n, rounds.add_dossiers)}</h3>
        <FormError error />
        <FieldError error field="dossiers" />
        <ActionForm action=actions.add_dossiers attr:class="stack-form" attr:data-testid="add-dossiers">
            <input type="hidden" name="round_id" value=round_id />
            <input type="hidden" name="dossier_ids" prop:value=ids />
            <ul class="check-list">
                {waiting.into_iter().map(|d| {
                    let id = d.id;
                    view! {
                        <li><label class="check">
                            <input type="checkbox" data-testid="waiting-dossier" on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                picked.update(|p| { p.retain(|x| *x != id); if on { p.push(id); } });
                            } />
                            " "{d.label}
                        </label></li>
                    }
                }).collect_view()}
            </ul>
            <button type="submit" data-testid="add-dossiers-submit" disabled=move || picked.get().is_empty() || actions.add_dossiers.pending().get()>{t!(i18n, rounds.add_dossiers)}</button>
        </ActionForm>
    }.into_any()
}

#[component]
fn MemberList(
    round_id: i32,
    members: Vec<crate::models::evaluation::rounds::MemberRow>,
    phase: Phase,
    actions: RoundActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || actions.remove_member.value().get().and_then(Result::err));
    if members.is_empty() {
        return view! { <p class="empty">{t!(i18n, rounds.no_members)}</p> }.into_any();
    }
    view! {
        <FormError error />
        <ul class="member-list" data-testid="round-members">
            {members.into_iter().map(|m| {
                let panel = m.panel.clone();
                let panel = move || if panel == "advisory" { t_string!(i18n, rounds.advisory).to_string() } else { t_string!(i18n, rounds.council).to_string() };
                view! {
                    <li data-testid="round-member">
                        {m.name.clone()}" · "{panel}
                        {m.group_code.clone().map(|g| view! { " · "<span class="code">{g}</span> })}
                        {(phase == Phase::Preparation).then(|| view! {
                            <ActionForm action=actions.remove_member attr:class="inline-form">
                                <input type="hidden" name="round_id" value=round_id />
                                <input type="hidden" name="user_id" value=m.user_id />
                                <button type="submit" class="link-button dark">{t!(i18n, rounds.remove)}</button>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }.into_any()
}

#[component]
fn AddMemberForm(
    round_id: i32,
    candidates: Vec<crate::models::evaluation::rounds::Choice>,
    actions: RoundActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || actions.add_member.value().get().and_then(Result::err));
    if candidates.is_empty() {
        return ().into_any();
    }
    view! {
        <FormError error />
        <FieldError error field="member" />
        <ActionForm action=actions.add_member attr:class="stack-form" attr:data-testid="add-member">
            <input type="hidden" name="round_id" value=round_id />
            <label for="member-user">{t!(i18n, rounds.add_member)}</label>
            <select id="member-user" name="user_id" required>
                {candidates.into_iter().map(|c| view! { <option value=c.id>{c.label}</option> }).collect_view()}
            </select>
            <label for="member-group">{t!(i18n, rounds.sub_council)}</label>
            <select id="member-group" name="group_code">
                <option value="">{t!(i18n, rounds.whole_council)}</option>
                {crate::domain::product_group::TOP_GROUPS.into_iter().map(|(g, vi, en)| view! {
                    <option value=g>{g}" · "{move || if i18n.get_locale() == crate::i18n::Locale::en { en } else { vi }}</option>
                }).collect_view()}
            </select>
            <FieldError error field="group_code" />
            <button type="submit" data-testid="add-member-submit" disabled=move || actions.add_member.pending().get()>{t!(i18n, rounds.add)}</button>
        </ActionForm>
    }.into_any()
}
