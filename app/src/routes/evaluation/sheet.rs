//! `/rounds/:id/dossiers/:dossier`: a member's scoring screen. The dossier's documents on one
//! side (opened in a viewer), the criteria on the other with one option each; part subtotals,
//! the total, the star band and mandatory failures update as options are picked, computed in
//! the browser by `domain::scoring` — the code the server runs on every save. Each pick saves
//! a draft (one save at a time; a pick made meanwhile is sent right after); "submit" locks it.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::area_gate::SignedInGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::labels::{Stars, points};
use crate::domain::scoring::{self, Sheet};
use crate::functions::evaluation::rounds::{SaveScoreSheet, get_score_sheet};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::AppError;
use crate::models::evaluation::rounds::{OtherSheet, SheetDocument, SheetView};

#[component]
pub fn ScoreSheetPage() -> impl IntoView {
    let params = use_params_map();
    let ids = move || {
        let p = params.read();
        let id = |k: &str| p.get(k).and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
        (id("id"), id("dossier"))
    };
    let sheet = Resource::new(ids, |(round, dossier)| get_score_sheet(round, dossier));
    view! {
        <SignedInGate>
            <Transition fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match sheet.await {
                        Ok(s) => view! { <Scoring sheet=s /> }.into_any(),
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
fn Scoring(sheet: SheetView) -> impl IntoView {
    let i18n = use_i18n();
    // Browser tests wait for this: the forms below answer in place only once hydrated.
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    let set = StoredValue::new(sheet.set.clone());
    let choices = RwSignal::new(sheet.choices.clone());
    let version = RwSignal::new(sheet.version);
    let locked = RwSignal::new(sheet.locked_because.clone());
    let dirty = RwSignal::new(false);
    let save = ServerAction::<SaveScoreSheet>::new();
    let (round_id, dossier_id) = (sheet.round_id, sheet.dossier_id);
    let send = move |submit: bool| {
        dirty.set(false);
        save.dispatch(SaveScoreSheet {
            round_id,
            dossier_id,
            version: version.get_untracked(),
            choices: serde_json::to_string(&choices.get_untracked()).unwrap_or_default(),
            submit,
        });
    };
    // After each answer: keep the new version, send what was picked meanwhile, lock on submit.
    Effect::new(move |_| {
        if let Some(Ok(v)) = save.value().get() {
            version.set(v);
            if dirty.get_untracked() {
                send(false);
            }
        }
    });
    let submitting = RwSignal::new(false);
    Effect::new(move |_| {
        if submitting.get() && matches!(save.value().get(), Some(Ok(_))) && !save.pending().get() {
            locked.set(Some("submitted".to_owned()));
            submitting.set(false);
        }
    });
    let pick = move |code: String, option: usize| {
        if locked.get_untracked().is_some() {
            return;
        }
        choices.update(|c| {
            c.insert(code, option);
        });
        if save.pending().get_untracked() {
            dirty.set(true);
        } else {
            send(false);
        }
    };
    let result = Memo::new(move |_| set.with_value(|s| scoring::score(s, &choices.get())));
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let criteria_count: usize = set.with_value(|s| s.parts.iter().map(|p| p.criteria.len()).sum());
    let answered = move || choices.with(Sheet::len);
    let selected_doc = RwSignal::new(sheet.documents.first().map(|d| d.file_id));
    let others = sheet.others.clone();
    let documents = sheet.documents.clone();
    let parts = sheet.set.parts.clone();
    let locked_note = move || {
        locked.get().map(|why| match why.as_str() {
            "submitted" => t_string!(i18n, rounds.locked_submitted).to_string(),
            "conflicted" => t_string!(i18n, rounds.locked_conflicted).to_string(),
            "not_assigned" => t_string!(i18n, rounds.sheet_unassigned).to_string(),
            _ => t_string!(i18n, rounds.locked_phase).to_string(),
        })
    };
    view! {
        {move || interactive.get().then(|| view! { <span data-testid="sheet-interactive" hidden></span> })}
        <p class="breadcrumb"><A href=format!("/rounds/{round_id}")>{sheet.round_name.clone()}</A></p>
        <h1 data-testid="sheet-product">{sheet.product_name.clone()}</h1>
        <p class="muted">
            {sheet.subject_name.clone()}
            {sheet.subject_name.is_some().then_some(" · ")}
            {sheet.set_name.clone()}
        </p>
        {sheet.reopen_reason.clone().map(|r| view! { <p class="notice" data-testid="reopen-reason">{t!(i18n, rounds.reopened_because)}" "{r}</p> })}
        {move || locked_note().map(|n| view! { <p class="notice" role="status" data-testid="sheet-locked">{n}</p> })}
        <FormError error />
        <FieldError error field="choices" />
        <div class="scoring">
            <SheetDocuments documents=documents.clone() selected=selected_doc />
            <div class="scoring-criteria">
                <div class="score-summary" aria-live="polite" data-testid="score-summary">
                    <strong data-testid="live-total" data-total=move || result.get().total>{move || points(result.get().total)}</strong>
                    " / 100 · "
                    {move || view! { <Stars stars=result.get().stars /> }}
                    " · "
                    <span data-testid="answered">{answered}"/"{criteria_count}</span>
                    <ul class="part-totals">
                        {move || result.get().parts.into_iter().map(|(code, got, max)| view! {
                            <li data-testid="part-total" data-part=code.clone()>{code.clone()}": "{points(got)}"/"{points(max)}</li>
                        }).collect_view()}
                    </ul>
                    {move || {
                        let failures = result.get().failures;
                        (!failures.is_empty()).then(|| view! {
                            <p class="warning" data-testid="mandatory-failures">
                                {t!(i18n, rounds.mandatory_failed)}" "
                                {failed(&failures)}
                            </p>
                        })
                    }}
                    <p class="muted save-state">
                        {move || if save.pending().get() { t_string!(i18n, rounds.saving).to_string() } else if version.get() > 0 { t_string!(i18n, rounds.saved).to_string() } else { String::new() }}
                    </p>
                </div>
                {parts.into_iter().map(|part| view! {
                    <fieldset class="sheet-part">
                        <legend>{part.code.clone()}". "{part.name.clone()}" ("{points(part.max)}")"</legend>
                        {part.criteria.into_iter().map(|c| {
                            let code = c.code.clone();
                            let name = format!("c-{}", c.code);
                            view! {
                                <fieldset class="criterion" data-testid="criterion" data-code=c.code.clone()>
                                    <legend><span class="code">{c.code.clone()}</span>" "{c.text.clone()}
                                        {c.mandatory_for.map(|l| view! { " "<span class="badge mandatory">{t!(i18n, criteria.mandatory_for)}" "{l}"★"</span> })}
                                    </legend>
                                    <CriterionHints guidance=c.guidance.clone() evidence=c.evidence.clone() />
                                    {c.options.into_iter().enumerate().map(|(i, o)| {
                                        let code = code.clone();
                                        let checked_code = code.clone();
                                        view! {
                                            <label class="option">
                                                <input type="radio" name=name.clone() value=i
                                                    prop:checked=move || choices.with(|c| c.get(&checked_code) == Some(&i))
                                                    disabled=move || locked.get().is_some()
                                                    on:change=move |_| pick(code.clone(), i) />
                                                " "{o.text.clone()}" "<span class="points">"("{points(o.points)}")"</span>
                                            </label>
                                        }
                                    }).collect_view()}
                                </fieldset>
                            }
                        }).collect_view()}
                    </fieldset>
                }).collect_view()}
                {move || locked.get().is_none().then(|| view! {
                    <button type="button" data-testid="submit-sheet"
                        disabled=move || save.pending().get() || answered() < criteria_count
                        on:click=move |_| { submitting.set(true); send(true); }>
                        {t!(i18n, rounds.submit_sheet)}
                    </button>
                    <p class="muted">{t!(i18n, rounds.submit_hint)}</p>
                })}
                {others.map(|others| view! { <OtherSheets others /> })}
            </div>
        </div>
    }
}

/// The dossier's documents beside the criteria: a list, and the chosen one shown in place.
#[component]
fn SheetDocuments(documents: Vec<SheetDocument>, selected: RwSignal<Option<i32>>) -> impl IntoView {
    let i18n = use_i18n();
    let selected_doc = selected;
    view! {
        <aside class="scoring-documents" data-testid="sheet-documents">
            <h2>{t!(i18n, rounds.documents)}</h2>
            {documents.is_empty().then(|| view! { <p class="empty">{t!(i18n, rounds.no_documents)}</p> })}
            <ul class="document-list">
                {documents.clone().into_iter().map(|d| {
                    let id = d.file_id;
                    view! {
                        <li class:selected=move || selected_doc.get() == Some(id)>
                            <button type="button" class="link-button dark" on:click=move |_| selected_doc.set(Some(id))>{d.item.clone()}</button>
                            " "<a href=format!("/files/{id}") target="_blank" rel="noopener" class="muted">{d.name.clone()}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || selected_doc.get().map(|id| {
                let image = documents.iter().any(|d| d.file_id == id && d.media_type.starts_with("image/"));
                if image {
                    view! { <img class="document-view" src=format!("/files/{id}") alt="" /> }.into_any()
                } else {
                    view! { <iframe class="document-view" src=format!("/files/{id}") title="PDF"></iframe> }.into_any()
                }
            })}
        </aside>
    }
}

/// The other members' sheets, when the round's visibility rule shows them.
#[component]
fn OtherSheets(others: Vec<OtherSheet>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" data-testid="other-sheets">
            <h2>{t!(i18n, rounds.other_sheets)}</h2>
            <ul>
                {others.into_iter().map(|o| view! {
                    <li>{o.member}": "{points(o.total)}" "<Stars stars=o.stars />{(!o.submitted).then(|| view! { " ("{t!(i18n, rounds.sheet_draft)}")" })}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

fn failed(failures: &[(String, u8)]) -> String {
    let failed: Vec<String> = failures
        .iter()
        .map(|(code, level)| format!("{code} ({level}★)"))
        .collect();
    failed.join(", ")
}

/// A criterion's guidance and the document that evidences it, when the set gives them.
#[component]
pub fn CriterionHints(guidance: String, evidence: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {(!guidance.is_empty()).then(|| view! { <p class="hint">{guidance}</p> })}
        {(!evidence.is_empty()).then(|| view! { <p class="hint">{t!(i18n, criteria.evidence)}": "{evidence}</p> })}
    }
}
