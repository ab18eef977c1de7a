//! The actions the viewer may take on a dossier now (with a note), forwarding one checked
//! dossier, and the registration form (editable while the producer has the dossier).
use leptos::prelude::*;

use crate::components::error::FormError;
use crate::components::field_error::FieldError;
use crate::components::labels::dossier_action_label;
use crate::domain::dossier::DossierAction;
use crate::domain::dossier_form::pairs;
use crate::i18n::{t, t_string, use_i18n};
use crate::models::dossiers::DossierView;
use crate::routes::dossiers::detail::DossierActions;

#[component]
pub fn ActionsPanel(d: DossierView, actions: DossierActions) -> impl IntoView {
    let i18n = use_i18n();
    let DossierActions { act, forward, .. } = actions;
    let error = Signal::derive(move || act.value().get().and_then(Result::err));
    let forward_error = Signal::derive(move || forward.value().get().and_then(Result::err));
    let actions: Vec<DossierAction> = d
        .actions
        .iter()
        .copied()
        .filter(|a| *a != DossierAction::Forward)
        .collect();
    let may_forward = d.actions.contains(&DossierAction::Forward);
    let may_return = d.actions.contains(&DossierAction::Return);
    if actions.is_empty() && !may_forward {
        return None;
    }
    let (id, version) = (d.id, d.version);
    let buttons = actions
        .into_iter()
        .map(|a| {
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
        })
        .collect_view();
    Some(view! {
        <section class="panel" id="actions" data-testid="actions-panel">
            <h2>{t!(i18n, dossiers.actions)}</h2>
            // Every missing field and document of a submission, each a link to where it is fixed.
            <FormError error />
            <ActionForm action=act attr:class="stack-form">
                <input type="hidden" name="dossier_id" value=id.to_string() />
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
                    <input type="hidden" name="dossier_ids" value=id.to_string() />
                    <label for="forward-one-note">{t!(i18n, dossiers.forward_note)}</label>
                    <textarea id="forward-one-note" name="note" rows="2" maxlength="4000" required></textarea>
                    <FieldError error=forward_error field="note" />
                    <button type="submit" disabled=move || forward.pending().get()>{move || dossier_action_label(i18n, DossierAction::Forward)}</button>
                </ActionForm>
            })}
        </section>
    })
}

/// The registration form: fields to fill while the producer has the dossier, else a summary.
#[component]
pub fn FormSection(d: DossierView, actions: DossierActions) -> impl IntoView {
    let i18n = use_i18n();
    let save = actions.save_form;
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    // At each field: the problems of whichever came back last, saving the form or submitting
    // the dossier (a submission names every missing field).
    let at_fields = RwSignal::new(None::<crate::models::AppError>);
    let act = actions.act;
    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            at_fields.set(result.err());
        }
    });
    Effect::new(move |_| {
        if let Some(result) = act.value().get() {
            at_fields.set(result.err());
        }
    });
    let label = move |field: &str| match field {
        "annual_output" => t_string!(i18n, dossiers.annual_output).to_string(),
        "annual_revenue" => t_string!(i18n, dossiers.annual_revenue).to_string(),
        "workers" => t_string!(i18n, dossiers.workers).to_string(),
        "raw_material_source" => t_string!(i18n, dossiers.raw_material_source).to_string(),
        "markets" => t_string!(i18n, dossiers.markets).to_string(),
        _ => t_string!(i18n, dossiers.self_assessed_stars).to_string(),
    };
    let values = pairs(&d.form);
    if !d.may_edit {
        return view! {
            <section class="panel">
                <h2>{t!(i18n, dossiers.form_title)}</h2>
                <dl class="facts" data-testid="dossier-form-values">
                    {values.into_iter().map(|(f, v)| view! {
                        <dt>{move || label(f)}</dt><dd>{if v.is_empty() { "—".to_owned() } else { v }}</dd>
                    }).collect_view()}
                </dl>
            </section>
        }
        .into_any();
    }
    view! {
        <section class="panel">
            <h2>{t!(i18n, dossiers.form_title)}</h2>
            <FormError error />
            {move || matches!(save.value().get(), Some(Ok(()))).then(|| view! { <p class="notice" role="status" data-testid="form-saved">{t!(i18n, dossiers.form_saved)}</p> })}
            <ActionForm action=save attr:class="stack-form wide-form" attr:data-testid="dossier-form">
                <input type="hidden" name="dossier_id" value=d.id.to_string() />
                <input type="hidden" name="version" value=d.version.to_string() prop:value=d.version.to_string() />
                {values.into_iter().map(|(f, v)| {
                    let name = format!("form[{f}]");
                    let long = matches!(f, "raw_material_source" | "markets");
                    let input = if long {
                        view! { <textarea id=f name=name rows="2" maxlength="1000" prop:value=v.clone()>{crate::components::text_area::textarea_text(&v)}</textarea> }.into_any()
                    } else {
                        view! { <input id=f name=name maxlength="200" value=v.clone() prop:value=v.clone() /> }.into_any()
                    };
                    view! {
                        <label for=f>{move || label(f)}</label>
                        {input}
                        <FieldError error=at_fields field=f />
                    }
                }).collect_view()}
                <button type="submit" disabled=move || save.pending().get()>{t!(i18n, dossiers.form_save)}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}
