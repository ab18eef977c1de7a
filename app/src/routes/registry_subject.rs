//! `/registry/subjects/:id`: an official corrects a subject of the registry — its profile (the
//! members' form), sets it inactive or active again with a reason, moves it to another commune
//! (the province) — and reads its history. Each change asks for confirmation and keeps what
//! was typed when refused.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::area_gate::{NotAllowed, SignedInGate};
use crate::components::commune_options::communes_resource;
use crate::components::confirm_submit::form_is_valid;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::labels::status_label;
use crate::components::saved_count::saved_count;
use crate::functions::producers::subject_corrections::{
    MoveSubject, SetSubjectActive, get_subject_history,
};
use crate::functions::producers::subject_profile::{
    UpdateSubjectProfile, get_subject, list_subject_members,
};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::AppError;
use crate::models::master_data::units::UnitRow;
use crate::models::producers::subject_profile::SubjectView;
use crate::routes::dossiers::history::HistoryLine;
use crate::routes::producers::subject_profile::ProfileForm;

#[component]
pub fn RegistrySubjectPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let save = ServerAction::<UpdateSubjectProfile>::new();
    let status = ServerAction::<SetSubjectActive>::new();
    let moved = ServerAction::<MoveSubject>::new();
    let changes = Signal::derive({
        let (a, b, c) = (saved_count(save), saved_count(status), saved_count(moved));
        move || a.get() + b.get() + c.get()
    });
    let subject = Resource::new(move || (id(), changes.get()), |(id, _)| get_subject(id));
    let history = Resource::new(
        move || (id(), changes.get()),
        |(id, _)| get_subject_history(id),
    );
    // The communes and the members are loaded with the page, not once the subject has arrived:
    // a resource started while the page hydrates inside another one's suspense breaks
    // hydration.
    let communes = communes_resource();
    let members = Resource::new(
        move || (id(), changes.get()),
        |(id, _)| list_subject_members(id),
    );
    view! {
        <SignedInGate>
            <p><A href="/registry/subjects">{t!(i18n, registry.back_to_subjects)}</A></p>
            <Transition fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match subject.await {
                        Ok(s) if s.may_correct => {
                            let communes = communes.await.unwrap_or_default();
                            let subject_id = s.id;
                            view! {
                                <Corrections subject=s communes save status moved />
                                <crate::routes::producers::public_subject::Members subject_id members />
                            }.into_any()
                        }
                        Ok(_) | Err(AppError::Forbidden) => view! { <NotAllowed /> }.into_any(),
                        Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    }
                })}
            </Transition>
            <Transition fallback=|| view! { <p class="muted">"…"</p> }>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(lines) if lines.is_empty() => view! {
                            <h2>{t!(i18n, registry.history)}</h2>
                            <p class="empty">{t!(i18n, registry.no_history)}</p>
                        }.into_any(),
                        Ok(lines) => view! {
                            <h2>{t!(i18n, registry.history)}</h2>
                            <ul class="history" data-testid="subject-history">
                                {lines.into_iter().map(|h| view! { <HistoryLine h /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(_) => ().into_any(),
                    }
                })}
            </Transition>
        </SignedInGate>
    }
}

#[component]
fn Corrections(
    subject: SubjectView,
    communes: Vec<UnitRow>,
    save: ServerAction<UpdateSubjectProfile>,
    status: ServerAction<SetSubjectActive>,
    moved: ServerAction<MoveSubject>,
) -> impl IntoView {
    let i18n = use_i18n();
    let s = subject;
    let state = s.status.clone();
    view! {
        <h1>{s.name.clone()}</h1>
        <crate::components::help::HelpPanel screen="registry.subject" />
        <p data-testid="subject-state" data-status=state.clone()>
            <span class=format!("badge status-{state}")>{status_label(i18n, &state)}</span>
            " · "{s.commune_name.clone()}
        </p>
        <StatusForm subject=s.clone() status />
        {s.may_move.then(|| view! { <MoveForm subject=s.clone() communes moved /> })}
        <h2>{t!(i18n, registry.correct_profile)}</h2>
        <ProfileForm subject=s save />
    }
}

/// Inactive ↔ active, with a reason and a confirmation (only active and inactive subjects;
/// a pending one is decided in the registrations queue).
#[component]
fn StatusForm(subject: SubjectView, status: ServerAction<SetSubjectActive>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || status.value().get().and_then(Result::err));
    let active = match subject.status.as_str() {
        "active" => false,
        "inactive" => true,
        _ => return ().into_any(),
    };
    let confirming = RwSignal::new(false);
    let (label, question) = if active {
        (
            t_string!(i18n, registry.reactivate).to_string(),
            t_string!(i18n, registry.reactivate_confirm).to_string(),
        )
    } else {
        (
            t_string!(i18n, registry.deactivate).to_string(),
            t_string!(i18n, registry.deactivate_confirm).to_string(),
        )
    };
    view! {
        <details class="inline-details" data-testid="status-details">
            <summary>{label.clone()}</summary>
            <ActionForm action=status attr:class="stack-form" attr:data-testid="status-form">
                <FormError error />
                <input type="hidden" name="subject_id" value=subject.id.to_string() />
                <input type="hidden" name="version" value=subject.version.to_string() />
                <input type="hidden" name="active" value=active.to_string() />
                <label for="status-reason">{t!(i18n, registry.reason)}</label>
                <input id="status-reason" name="reason" required maxlength="500" data-testid="status-reason" />
                <FieldError error field="reason" />
                <button type="button" hidden=move || confirming.get() on:click=move |ev| if form_is_valid(&ev) { confirming.set(true) } data-testid="status-start">{label.clone()}</button>
                <div hidden=move || !confirming.get()>
                    <p>{question}</p>
                    <button type="submit" class=if active { "" } else { "danger" } data-testid="status-confirm" disabled=move || status.pending().get()>{label}</button>
                    <button type="button" class="secondary" on:click=move |_| confirming.set(false)>{t!(i18n, rounds.cancel)}</button>
                </div>
            </ActionForm>
        </details>
    }
    .into_any()
}

/// To another commune in force, with a reason and a confirmation (the province).
#[component]
fn MoveForm(
    subject: SubjectView,
    communes: Vec<UnitRow>,
    moved: ServerAction<MoveSubject>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || moved.value().get().and_then(Result::err));
    let confirming = RwSignal::new(false);
    view! {
        <details class="inline-details" data-testid="move-details">
            <summary>{t!(i18n, registry.move_subject)}</summary>
            <ActionForm action=moved attr:class="stack-form" attr:data-testid="move-form">
                <FormError error />
                <p class="muted">{t!(i18n, registry.move_note)}</p>
                <input type="hidden" name="subject_id" value=subject.id.to_string() />
                <input type="hidden" name="version" value=subject.version.to_string() />
                <label for="move-commune">{t!(i18n, registry.new_commune)}</label>
                <select id="move-commune" name="commune_code" required data-testid="move-commune">
                    <option value="">{t!(i18n, register.choose)}</option>
                    {communes.into_iter().filter(|c| c.code != subject.commune_code).map(|c| view! {
                        <option value=c.code>{c.name}" ("{c.kind}")"</option>
                    }).collect_view()}
                </select>
                <FieldError error field="commune_code" />
                <label for="move-reason">{t!(i18n, registry.reason)}</label>
                <input id="move-reason" name="reason" required maxlength="500" data-testid="move-reason" />
                <FieldError error field="reason" />
                <button type="button" hidden=move || confirming.get() on:click=move |ev| if form_is_valid(&ev) { confirming.set(true) } data-testid="move-start">{t!(i18n, registry.move_subject)}</button>
                <div hidden=move || !confirming.get()>
                    <p>{t!(i18n, registry.move_confirm)}</p>
                    <button type="submit" data-testid="move-confirm" disabled=move || moved.pending().get()>{t!(i18n, registry.move_subject)}</button>
                    <button type="button" class="secondary" on:click=move |_| confirming.set(false)>{t!(i18n, rounds.cancel)}</button>
                </div>
            </ActionForm>
        </details>
    }
}
