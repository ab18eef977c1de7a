//! The rounds a person works on: all of them with a "new round" form for the provincial
//! officer (`/province/rounds`), the ones they sit on for a member (on `/council`).
use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::labels::PhaseBadge;
use crate::functions::evaluation::rounds::{CreateRound, list_rounds};
use crate::i18n::{t, use_i18n};
use crate::models::AppError;
use crate::models::evaluation::rounds::RoundInput;

#[component]
pub fn ProvinceRoundsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <AreaGate area=Area::Province>
            <h1>{t!(i18n, rounds.title)}</h1>
            <crate::components::help::HelpPanel screen="rounds.list" />
            <p class="muted">{t!(i18n, rounds.intro)}</p>
            <NewRoundForm />
            <RoundList />
        </AreaGate>
    }
}

/// The rounds of the signed-in person, newest first (also on the council's landing page).
#[component]
pub fn RoundList() -> impl IntoView {
    let i18n = use_i18n();
    let rounds = Resource::new(|| (), |_| list_rounds());
    view! {
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match rounds.await {
                    Ok(rows) if rows.is_empty() => view! { <p class="empty" data-testid="rounds-empty">{t!(i18n, rounds.empty)}</p> }.into_any(),
                    Ok(rows) => view! {
                        <table class="data-table" data-testid="rounds">
                            <thead><tr>
                                <th>{t!(i18n, rounds.name)}</th>
                                <th>{t!(i18n, rounds.year)}</th>
                                <th>{t!(i18n, rounds.phase)}</th>
                                <th class="num">{t!(i18n, rounds.dossiers)}</th>
                                <th class="num">{t!(i18n, rounds.members)}</th>
                                <th>{t!(i18n, rounds.decision)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr data-testid="round-row">
                                        <td><A href=format!("/rounds/{}", r.id)>{r.name.clone()}</A></td>
                                        <td>{r.year}</td>
                                        <td><PhaseBadge phase=r.phase.clone() /></td>
                                        <td class="num">{r.dossier_count}</td>
                                        <td class="num">{r.member_count}</td>
                                        <td>{r.decision_number.clone().unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn NewRoundForm() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateRound>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/rounds/{id}"), Default::default());
        }
    });
    view! {
        <details class="panel" data-testid="new-round">
            <summary>{t!(i18n, rounds.new_round)}</summary>
            <FormError error />
            <ActionForm action=create attr:class="stack-form wide-form" attr:data-testid="round-form">
                <RoundFields input=RoundInput { year: "2026".into(), assigned_only: true, others_visible: "after_own".into(), aggregation: "mean".into(), ..Default::default() } error />
                <button type="submit" disabled=move || create.pending().get()>{t!(i18n, rounds.create)}</button>
            </ActionForm>
        </details>
    }
}

/// The round's settings as form fields, filled from `input` (new round or editing one).
#[component]
pub(super) fn RoundFields(input: RoundInput, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let others = input.others_visible.clone();
    let median = input.aggregation == "median";
    view! {
        <label for="round-name">{t!(i18n, rounds.name)}</label>
        <input id="round-name" name="round[name]" required maxlength="300" placeholder="Đợt 2 năm 2026" value=input.name />
        <FieldError error field="name" />
        <label for="round-year">{t!(i18n, rounds.year)}</label>
        <input id="round-year" name="round[year]" required inputmode="numeric" maxlength="4" value=input.year />
        <FieldError error field="year" />
        <label for="round-deadline">{t!(i18n, rounds.dossier_deadline)}</label>
        <input id="round-deadline" name="round[dossier_deadline]" type="date" required value=input.dossier_deadline />
        <FieldError error field="dossier_deadline" />
        <label for="round-from">{t!(i18n, rounds.scoring_from)}</label>
        <input id="round-from" name="round[scoring_from]" type="date" required value=input.scoring_from />
        <FieldError error field="scoring_from" />
        <label for="round-until">{t!(i18n, rounds.scoring_until)}</label>
        <input id="round-until" name="round[scoring_until]" type="date" required value=input.scoring_until />
        <FieldError error field="scoring_until" />
        <label for="round-others">{t!(i18n, rounds.others_visible)}</label>
        <select id="round-others" name="round[others_visible]">
            <option value="after_own" selected=others == "after_own">{t!(i18n, rounds.others_after_own)}</option>
            <option value="never" selected=others == "never">{t!(i18n, rounds.others_never)}</option>
            <option value="always" selected=others == "always">{t!(i18n, rounds.others_always)}</option>
        </select>
        <label for="round-aggregation">{t!(i18n, rounds.aggregation)}</label>
        <select id="round-aggregation" name="round[aggregation]">
            <option value="mean" selected=!median>{t!(i18n, rounds.mean)}</option>
            <option value="median" selected=median>{t!(i18n, rounds.median)}</option>
        </select>
        <label class="check"><input type="checkbox" name="round[assigned_only]" value="true" checked=input.assigned_only />" "{t!(i18n, rounds.assigned_only)}</label>
        <label class="check"><input type="checkbox" name="round[identity_hidden]" value="true" checked=input.identity_hidden />" "{t!(i18n, rounds.identity_hidden)}</label>
    }
}
