//! The actions the viewer may take on a dossier now (with a note), forwarding one checked
//! dossier, and the registration form (editable while the producer has the dossier). The
//! forms are islands of the light dossier page: each success fetches the dossier again in
//! place (`live_region::refresh`).
use leptos::prelude::*;

use crate::components::error::FormError;
use crate::components::field_error::FieldError;
use crate::components::island_i18n::IslandI18n;
use crate::components::labels::dossier_action_label;
use crate::components::live_region::refresh_on_success;
use crate::domain::dossier::DossierAction;
use crate::domain::dossier_form::{FIELDS, pairs};
use crate::functions::dossiers::{ForwardDossiers, SaveDossierForm, TakeDossierAction};
use crate::i18n::{Locale, t, t_string, use_i18n};
use crate::models::AppError;
use crate::models::dossiers::DossierView;
use leptos_i18n::I18nContext;

thread_local! {
    /// The problems of the last refused submission, which name the form's missing fields: the
    /// actions' island sets them, the form's island shows each beside its field.
    static SUBMISSION_PROBLEMS: ArcRwSignal<Option<AppError>> = ArcRwSignal::new(None);
}

fn submission_problems() -> ArcRwSignal<Option<AppError>> {
    SUBMISSION_PROBLEMS.with(Clone::clone)
}

#[component]
pub fn ActionsPanel(d: DossierView) -> impl IntoView {
    let may_forward = d.actions.contains(&DossierAction::Forward);
    let may_return = d.actions.contains(&DossierAction::Return);
    let actions: Vec<DossierAction> = d
        .actions
        .into_iter()
        .filter(|a| *a != DossierAction::Forward)
        .collect();
    if actions.is_empty() && !may_forward {
        return None;
    }
    Some(view! {
        <ActionsForms dossier_id=d.id version=d.version actions may_forward may_return />
    })
}

/// The actions' note and buttons, and forwarding one checked dossier.
#[island]
fn ActionsForms(
    dossier_id: i32,
    version: i32,
    actions: Vec<DossierAction>,
    may_forward: bool,
    may_return: bool,
) -> impl IntoView {
    let act = ServerAction::<TakeDossierAction>::new();
    let forward = ServerAction::<ForwardDossiers>::new();
    refresh_on_success(act, "");
    refresh_on_success(forward, "");
    let problems = submission_problems();
    Effect::new(move |_| {
        if let Some(result) = act.value().get() {
            problems.set(result.err());
        }
    });
    view! {
        <IslandI18n>
            <ActionsFields act forward dossier_id version actions may_forward may_return />
        </IslandI18n>
    }
}

#[component]
fn ActionsFields(
    act: ServerAction<TakeDossierAction>,
    forward: ServerAction<ForwardDossiers>,
    dossier_id: i32,
    version: i32,
    actions: Vec<DossierAction>,
    may_forward: bool,
    may_return: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || act.value().get().and_then(Result::err));
    let forward_error = Signal::derive(move || forward.value().get().and_then(Result::err));
    let buttons = actions
        .into_iter()
        .map(|a| action_button(i18n, act, a))
        .collect_view();
    view! {
        <section class="panel" id="actions" data-testid="actions-panel">
            <h2>{t!(i18n, dossiers.actions)}</h2>
            // Every missing field and document of a submission, each a link to where it is fixed.
            <FormError error />
            <ActionForm action=act attr:class="stack-form">
                <input type="hidden" name="dossier_id" value=dossier_id.to_string() />
                <input type="hidden" name="version" value=version.to_string() />
                <label for="action-note">{t!(i18n, dossiers.note)}</label>
                <textarea id="action-note" name="note" rows="2" maxlength="4000"></textarea>
                // Who may send the dossier back needs to know the note is then required; the
                // producer only that a note goes with the dossier.
                <p class="muted">{if may_return { t!(i18n, dossiers.note_hint).into_any() } else { t!(i18n, dossiers.note_hint_owner).into_any() }}</p>
                <FieldError error field="note" />
                <div class="button-row">{buttons}</div>
            </ActionForm>
            {may_forward.then(|| view! {
                <h3>{t!(i18n, dossiers.forward_title)}</h3>
                <FormError error=forward_error />
                <ActionForm action=forward attr:class="stack-form" attr:data-testid="forward-one">
                    <input type="hidden" name="dossier_ids" value=dossier_id.to_string() />
                    <label for="forward-one-note">{t!(i18n, dossiers.forward_note)}</label>
                    <textarea id="forward-one-note" name="note" rows="2" maxlength="4000" required></textarea>
                    <FieldError error=forward_error field="note" />
                    <button type="submit" disabled=move || forward.pending().get()>{move || dossier_action_label(i18n, DossierAction::Forward)}</button>
                </ActionForm>
            })}
        </section>
    }
}

fn action_button(
    i18n: I18nContext<Locale>,
    act: ServerAction<TakeDossierAction>,
    a: DossierAction,
) -> impl IntoView {
    let destructive = matches!(a, DossierAction::Withdraw);
    let confirm = move |ev: leptos::ev::MouseEvent| {
        if destructive {
            let question = t_string!(i18n, dossiers.withdraw_confirm).to_string();
            if !window().confirm_with_message(&question).unwrap_or(false) {
                ev.prevent_default();
            }
        }
    };
    // Red only for what cannot be undone; sending back is set apart, not alarming.
    let class = match a {
        DossierAction::Withdraw => "danger",
        DossierAction::Return => "send-back",
        _ => "",
    };
    view! {
        <button type="submit" name="action" value=a.as_str()
            class=class
            data-testid=format!("action-{}", a.as_str())
            on:click=confirm
            disabled=move || act.pending().get()>
            {move || dossier_action_label(i18n, a)}
        </button>
    }
}

/// The registration form's field names in the user's language.
pub(crate) fn field_label(i18n: I18nContext<Locale>, field: &str) -> String {
    match field {
        "annual_output" => t_string!(i18n, dossiers.annual_output).to_string(),
        "annual_revenue" => t_string!(i18n, dossiers.annual_revenue).to_string(),
        "workers" => t_string!(i18n, dossiers.workers).to_string(),
        "raw_material_source" => t_string!(i18n, dossiers.raw_material_source).to_string(),
        "markets" => t_string!(i18n, dossiers.markets).to_string(),
        _ => t_string!(i18n, dossiers.self_assessed_stars).to_string(),
    }
}

/// The registration form: fields to fill while the producer has the dossier, else a summary.
/// `saved`: the page was fetched again after the form was saved, which it confirms.
#[component]
pub fn FormSection(d: DossierView, saved: bool) -> impl IntoView {
    let i18n = use_i18n();
    let values = pairs(&d.form);
    if !d.may_edit {
        return view! {
            <section class="panel">
                <h2>{t!(i18n, dossiers.form_title)}</h2>
                <dl class="facts" data-testid="dossier-form-values">
                    {values.into_iter().map(|(f, v)| view! {
                        <dt>{field_label(i18n, f)}</dt><dd>{if v.is_empty() { "—".to_owned() } else { v }}</dd>
                    }).collect_view()}
                </dl>
            </section>
        }
        .into_any();
    }
    view! {
        <section class="panel">
            <h2>{t!(i18n, dossiers.form_title)}</h2>
            {saved.then(|| view! { <p class="notice" role="status" data-testid="form-saved">{t!(i18n, dossiers.form_saved)}</p> })}
            <DossierForm dossier_id=d.id version=d.version values=values.into_iter().map(|(_, v)| v).collect() />
        </section>
    }
    .into_any()
}

/// The registration form's fields (`values` in `FIELDS` order). At each field: the problems of whichever came back last,
/// saving the form or submitting the dossier (a submission names every missing field).
#[island]
fn DossierForm(dossier_id: i32, version: i32, values: Vec<String>) -> impl IntoView {
    let save = ServerAction::<SaveDossierForm>::new();
    refresh_on_success(save, "form");
    let at_fields = RwSignal::new(None::<AppError>);
    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            at_fields.set(result.err());
        }
    });
    let problems = submission_problems();
    Effect::new(move |_| {
        if let Some(error) = problems.get() {
            at_fields.set(Some(error));
        }
    });
    view! {
        <IslandI18n>
            <DossierFormFields save at_fields dossier_id version values />
        </IslandI18n>
    }
}

#[component]
fn DossierFormFields(
    save: ServerAction<SaveDossierForm>,
    at_fields: RwSignal<Option<AppError>>,
    dossier_id: i32,
    version: i32,
    values: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    view! {
        <FormError error />
        <ActionForm action=save attr:class="stack-form wide-form" attr:data-testid="dossier-form">
            <input type="hidden" name="dossier_id" value=dossier_id.to_string() />
            <input type="hidden" name="version" value=version.to_string() />
            {FIELDS.into_iter().zip(values).map(|(f, v)| {
                let name = format!("form[{f}]");
                let long = matches!(f, "raw_material_source" | "markets");
                let input = if long {
                    view! { <textarea id=f name=name rows="2" maxlength="1000">{crate::components::text_area::textarea_text(&v)}</textarea> }.into_any()
                } else {
                    view! { <input id=f name=name maxlength="200" value=v /> }.into_any()
                };
                view! {
                    <label for=f>{field_label(i18n, f)}</label>
                    {input}
                    <FieldError error=at_fields field=f />
                }
            }).collect_view()}
            <button type="submit" disabled=move || save.pending().get()>{t!(i18n, dossiers.form_save)}</button>
        </ActionForm>
    }
}
