//! The inspection's forms, islands of the light page: photos, and one island for every action
//! (`act_on_inspection`) — the visit with its verdict (built for a phone at the facility), the
//! producer's answer, the inspector's judgement, the province's revocation — so the light
//! client carries one form's code, not four. A success fetches the page's part again in place;
//! a refusal keeps what was typed, the problems beside their fields.
use leptos::prelude::*;

use crate::components::error::FormError;
use crate::components::field_error::FieldError;
use crate::components::file_upload::{ACCEPT_IMAGES, FileUpload};
use crate::components::island_i18n::IslandI18n;
use crate::components::live_region::{refresh, refresh_on_success};
use crate::domain::inspection::{Area, Finding, InspectionAction, InspectionState};
use crate::functions::inspections::ActOnInspection;
use crate::i18n::{t, t_string, use_i18n};
use crate::routes::inspections::pair;

#[island]
pub(crate) fn PhotoUpload(inspection_id: i32, max_mb: usize, testid: String) -> impl IntoView {
    let fields = vec![("inspection_id", inspection_id.to_string())];
    view! {
        <IslandI18n>
            <FileUpload endpoint="/api/upload_inspection_photo" fields max_mb accept=ACCEPT_IMAGES
                on_done=move |()| refresh("") testid />
        </IslandI18n>
    }
}

/// Which form an `InspectionForm` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum FormMode {
    Visit,
    Answer,
    Judge,
    Revoke,
}

/// One action's form; `actions` are the viewer's (which buttons the judgement shows), `reason`
/// the proposal's reason the revocation starts from.
#[island]
pub(crate) fn InspectionForm(
    inspection_id: i32,
    state: InspectionState,
    mode: FormMode,
    actions: Vec<InspectionAction>,
    today: String,
    reason: String,
) -> impl IntoView {
    let act = ServerAction::<ActOnInspection>::new();
    refresh_on_success(act, "");
    // Sent with every form: an action on a page that is no longer current is refused.
    provide_context(Shown(state));
    view! {
        <IslandI18n>
            {match mode {
                FormMode::Visit => view! { <VisitFields record=act inspection_id today /> }.into_any(),
                FormMode::Answer => view! { <AnswerFields step=act inspection_id /> }.into_any(),
                FormMode::Judge => view! { <JudgeFields step=act inspection_id actions today /> }.into_any(),
                FormMode::Revoke => view! { <RevokeFields revoke=act inspection_id reason today /> }.into_any(),
            }}
        </IslandI18n>
    }
}

/// The state the page showed.
#[derive(Clone, Copy)]
struct Shown(InspectionState);

/// The hidden fields every form sends: which inspection, and the state the page showed.
fn hidden(inspection_id: i32) -> impl IntoView {
    let shown = use_context::<Shown>()
        .map(|s| s.0.as_str())
        .unwrap_or_default();
    view! {
        <input type="hidden" name="input[inspection_id]" value=inspection_id.to_string() />
        <input type="hidden" name="input[state]" value=shown />
    }
}

/// The visit: the date, each area's finding and note, a conclusion and the verdict with its
/// own fields (what to correct by when, or why revoke).
#[component]
fn VisitFields(
    record: ServerAction<ActOnInspection>,
    inspection_id: i32,
    today: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || record.value().get().and_then(Result::err));
    let verdict = RwSignal::new(String::new());
    let areas = Area::ALL
        .into_iter()
        .map(|area| {
            let code = area.as_str();
            view! {
                <fieldset class="level-choice" data-problem=code data-label=pair(i18n, area.label()) data-testid=format!("area-{code}")>
                    <legend>{pair(i18n, area.label())}</legend>
                    {Finding::ALL.into_iter().map(|f| view! {
                        <label class="radio">
                            <input type="radio" name=format!("input[{code}]") value=f.as_str() required
                                data-testid=format!("finding-{code}-{}", f.as_str()) />
                            {pair(i18n, f.label())}
                        </label>
                    }).collect_view()}
                    <FieldError error field=code />
                    <textarea name=format!("input[{code}_note]") rows="2" maxlength="2000"
                        placeholder=move || t_string!(i18n, inspections.note_placeholder).to_string()
                        aria-label=move || format!("{} — {}", pair(i18n, area.label()), t_string!(i18n, inspections.note))></textarea>
                    <FieldError error field=area.note_field() />
                </fieldset>
            }
        })
        .collect_view();
    let verdicts = [
        ("compliant", t_string!(i18n, inspections.verdict_compliant).to_string()),
        ("correction", t_string!(i18n, inspections.verdict_correction).to_string()),
        ("revocation", t_string!(i18n, inspections.verdict_revocation).to_string()),
    ]
    .into_iter()
    .map(|(value, label)| view! {
        <label class="radio">
            <input type="radio" name="input[verdict]" value=value required data-testid=format!("verdict-{value}")
                on:change=move |_| verdict.set(value.to_owned()) />
            {label}
        </label>
    })
    .collect_view();
    view! {
        <section class="panel" id="record-visit" data-testid="visit-form">
            <h2>{t!(i18n, inspections.record_visit)}</h2>
            <p class="muted">{t!(i18n, inspections.record_hint)}</p>
            <FormError error />
            <ActionForm action=record attr:class="stack-form wide-form">
                {hidden(inspection_id)}
                <input type="hidden" name="input[action]" value="RecordVisit" />
                <label for="visited-on">{t!(i18n, inspections.visited_on)}</label>
                <input id="visited-on" name="input[visited_on]" type="date" required value=today.clone() max=today.clone() />
                <FieldError error field="visited_on" />
                <h3>{t!(i18n, inspections.findings)}</h3>
                {areas}
                <label for="conclusion">{t!(i18n, inspections.conclusion)}</label>
                <textarea id="conclusion" name="input[conclusion]" rows="3" maxlength="2000"></textarea>
                <FieldError error field="conclusion" />
                <fieldset class="level-choice" data-problem="verdict" data-label=move || t_string!(i18n, inspections.verdict).to_string()>
                    <legend>{t!(i18n, inspections.verdict)}</legend>
                    {verdicts}
                </fieldset>
                <FieldError error field="verdict" />
                <div class="stacked" hidden=move || verdict.get() != "correction">
                    <label for="correction-request">{t!(i18n, inspections.correction_request)}</label>
                    <textarea id="correction-request" name="input[correction_request]" rows="3" maxlength="2000"></textarea>
                    <FieldError error field="correction_request" />
                    <label for="correction-due">{t!(i18n, inspections.correction_due)}</label>
                    <input id="correction-due" name="input[correction_due]" type="date" min=today.clone() />
                    <FieldError error field="correction_due" />
                </div>
                <div class="stacked" hidden=move || verdict.get() != "revocation">
                    <label for="revocation-reason">{t!(i18n, inspections.revocation_reason)}</label>
                    <textarea id="revocation-reason" name="input[revocation_reason]" rows="3" maxlength="2000"></textarea>
                    <FieldError error field="revocation_reason" />
                </div>
                <button type="submit" class="primary" disabled=move || record.pending().get() data-testid="visit-submit">
                    {t!(i18n, inspections.record_visit)}
                </button>
            </ActionForm>
        </section>
    }
}

/// The producer's answer to a correction.
#[component]
fn AnswerFields(step: ServerAction<ActOnInspection>, inspection_id: i32) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || step.value().get().and_then(Result::err));
    view! {
        <section class="panel" data-testid="answer-form">
            <h2>{t!(i18n, inspections.answer_submit)}</h2>
            <p class="muted">{t!(i18n, inspections.answer_hint)}</p>
            <FormError error />
            <ActionForm action=step attr:class="stack-form wide-form">
                {hidden(inspection_id)}
                <input type="hidden" name="input[action]" value="Answer" />
                <label for="answer-note">{t!(i18n, inspections.answer_label)}</label>
                <textarea id="answer-note" name="input[note]" rows="4" maxlength="2000" required></textarea>
                <FieldError error field="note" />
                <button type="submit" class="primary" disabled=move || step.pending().get() data-testid="answer-submit">
                    {t!(i18n, inspections.answer_submit)}
                </button>
            </ActionForm>
        </section>
    }
}

/// The inspector's steps after the visit: accept or refuse the answer (with a new deadline),
/// propose revocation, or call a planned inspection off.
#[component]
fn JudgeFields(
    step: ServerAction<ActOnInspection>,
    inspection_id: i32,
    actions: Vec<InspectionAction>,
    today: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || step.value().get().and_then(Result::err));
    let judging = actions.contains(&InspectionAction::AcceptCorrection);
    let button = move |action: InspectionAction, label: String, class: &'static str| {
        let name = match action {
            InspectionAction::AcceptCorrection => "AcceptCorrection",
            InspectionAction::RefuseCorrection => "RefuseCorrection",
            InspectionAction::ProposeRevocation => "ProposeRevocation",
            _ => "Cancel",
        };
        let confirm = move |ev: leptos::ev::MouseEvent| {
            if name == "Cancel" {
                let question = t_string!(i18n, inspections.cancel_confirm).to_string();
                if !window().confirm_with_message(&question).unwrap_or(false) {
                    ev.prevent_default();
                }
            }
        };
        actions.contains(&action).then(|| view! {
            <button type="submit" name="input[action]" value=name class=class on:click=confirm
                disabled=move || step.pending().get() data-testid=format!("step-{name}")>{label}</button>
        })
    };
    let title = if judging {
        t_string!(i18n, inspections.judge_title).to_string()
    } else {
        t_string!(i18n, inspections.other_steps).to_string()
    };
    view! {
        <section class="panel" data-testid="judge-form">
            <h2>{title}</h2>
            <FormError error />
            <ActionForm action=step attr:class="stack-form wide-form">
                {hidden(inspection_id)}
                <label for="step-note">{t!(i18n, inspections.step_note)}</label>
                <textarea id="step-note" name="input[note]" rows="3" maxlength="2000"></textarea>
                <FieldError error field="note" />
                {judging.then(|| view! {
                    <label for="step-due">{t!(i18n, inspections.new_due)}</label>
                    <input id="step-due" name="input[due]" data-problem="correction_due" type="date" min=today.clone() />
                    <FieldError error field="correction_due" />
                })}
                <div class="button-row">
                    {button(InspectionAction::AcceptCorrection, t_string!(i18n, inspections.accept).to_string(), "primary")}
                    {button(InspectionAction::RefuseCorrection, t_string!(i18n, inspections.refuse).to_string(), "send-back")}
                    {button(InspectionAction::ProposeRevocation, t_string!(i18n, inspections.propose).to_string(), "danger")}
                    {button(InspectionAction::Cancel, t_string!(i18n, inspections.cancel).to_string(), "danger")}
                </div>
            </ActionForm>
        </section>
    }
}

/// The province's revocation on the inspection's proposal (the certificate's decision).
#[component]
fn RevokeFields(
    revoke: ServerAction<ActOnInspection>,
    inspection_id: i32,
    reason: String,
    today: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || revoke.value().get().and_then(Result::err));
    let confirm = move |ev: leptos::ev::MouseEvent| {
        let question = t_string!(i18n, inspections.revoke_confirm).to_string();
        if !window().confirm_with_message(&question).unwrap_or(false) {
            ev.prevent_default();
        }
    };
    view! {
        <section class="panel" data-testid="revoke-form">
            <h2>{t!(i18n, inspections.revoke_title)}</h2>
            <p class="muted">{t!(i18n, inspections.revoke_hint)}</p>
            <FormError error />
            <ActionForm action=revoke attr:class="stack-form wide-form">
                {hidden(inspection_id)}
                <input type="hidden" name="input[action]" value="Revoke" />
                <label for="revoke-reason">{t!(i18n, inspections.revoke_reason)}</label>
                <textarea id="revoke-reason" name="input[note]" data-problem="reason" rows="3" maxlength="2000" required>{reason}</textarea>
                <FieldError error field="reason" />
                <label for="revoke-decision">{t!(i18n, inspections.revoke_decision)}</label>
                <input id="revoke-decision" name="input[decision]" required maxlength="64" />
                <FieldError error field="decision" />
                <label for="revoke-date">{t!(i18n, inspections.revoke_date)}</label>
                <input id="revoke-date" name="input[date]" type="date" required value=today.clone() max=today />
                <FieldError error field="date" />
                <button type="submit" class="danger" on:click=confirm disabled=move || revoke.pending().get() data-testid="revoke-submit">
                    {t!(i18n, inspections.revoke_submit)}
                </button>
            </ActionForm>
        </section>
    }
}
