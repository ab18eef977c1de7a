//! `/trainings`: the sessions the officer sees (the Department's, and their commune's), newest
//! first, with how many were listed and came; the form to record one below.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::area_gate::SignedInGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::domain::training::{Audience, Mode};
use crate::functions::training::{CreateTraining, list_trainings};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::training::TrainingRow;
use crate::routes::inspections::pair;

#[component]
pub fn TrainingsPage() -> impl IntoView {
    view! {
        <SignedInGate>
            <Trainings />
        </SignedInGate>
    }
}

#[component]
fn Trainings() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateTraining>::new();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/trainings/{id}"), Default::default());
        }
    });
    let sessions = Resource::new(|| (), |_| list_trainings());
    view! {
        <h1>{t!(i18n, training.title)}</h1>
        <crate::components::help::HelpPanel screen="training.list" />
        <p class="muted">{t!(i18n, training.intro)}</p>
        <p data-testid="role-guides">{t!(i18n, help.guides)}" "
            {["producer", "commune", "province", "council", "admin"].into_iter().map(|r| view! {
                <a href=format!("/help/guides/{r}.pdf") rel="external" download>{crate::components::help::role_name(i18n, r)}</a>" "
            }).collect_view()}
        </p>
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match sessions.await {
                    Ok(page) => view! {
                        {if page.sessions.is_empty() {
                            view! { <p class="empty" data-testid="trainings-empty">{t!(i18n, training.empty)}</p> }.into_any()
                        } else {
                            view! { <SessionTable rows=page.sessions /> }.into_any()
                        }}
                        <SessionForm create />
                    }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn SessionTable(rows: Vec<TrainingRow>) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |key: &'static str| match key {
        "date" => t_string!(i18n, training.held_on).to_string(),
        "audience" => t_string!(i18n, training.audience).to_string(),
        "place" => t_string!(i18n, training.place).to_string(),
        _ => t_string!(i18n, training.attended).to_string(),
    };
    view! {
        <div class="table-wrap">
            <table class="data-table cards-on-phone" data-testid="trainings">
                <thead><tr>
                    <th>{t!(i18n, training.name)}</th>
                    <th>{t!(i18n, training.held_on)}</th>
                    <th>{t!(i18n, training.audience)}</th>
                    <th>{t!(i18n, training.place)}</th>
                    <th>{t!(i18n, training.attended)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|s| view! {
                        <tr data-testid="training">
                            <td><A href=format!("/trainings/{}", s.id)>{s.title}</A>
                                {(!s.commune_name.is_empty()).then(|| view! { <br /><span class="muted">{s.commune_name}</span> })}</td>
                            <td data-label=label("date")>{s.held_on}</td>
                            <td data-label=label("audience")>{pair(i18n, s.audience.label())}</td>
                            <td data-label=label("place")>{pair(i18n, s.mode.label())}" · "{s.place}<br /><span class="muted">{s.trainer}</span></td>
                            <td data-label=label("attended")>{s.attended}" / "{s.listed}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The form to record a session: whoever sees the list runs sessions of their own (the
/// province the Department's, a commune officer their commune's).
#[component]
fn SessionForm(create: ServerAction<CreateTraining>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    view! {
        <section class="panel" data-testid="training-form">
            <h2>{t!(i18n, training.create)}</h2>
            <FormError error />
            <ActionForm action=create attr:class="stack-form wide-form">
                <label for="training-title">{t!(i18n, training.name)}</label>
                <input id="training-title" name="input[title]" required maxlength="300" />
                <FieldError error field="title" />
                <label for="training-date">{t!(i18n, training.held_on)}</label>
                <input id="training-date" name="input[held_on]" type="date" required />
                <FieldError error field="held_on" />
                <label for="training-audience">{t!(i18n, training.audience)}</label>
                <select id="training-audience" name="input[audience]" required>
                    {Audience::ALL.into_iter().map(|a| view! { <option value=a.as_str()>{pair(i18n, a.label())}</option> }).collect_view()}
                </select>
                <FieldError error field="audience" />
                <label for="training-mode">{t!(i18n, training.mode)}</label>
                <select id="training-mode" name="input[mode]" required>
                    {Mode::ALL.into_iter().map(|m| view! { <option value=m.as_str()>{pair(i18n, m.label())}</option> }).collect_view()}
                </select>
                <FieldError error field="mode" />
                <label for="training-place">{t!(i18n, training.place)}</label>
                <input id="training-place" name="input[place]" required maxlength="300" />
                <p class="hint">{t!(i18n, training.place_hint)}</p>
                <FieldError error field="place" />
                <label for="training-topics">{t!(i18n, training.topics)}</label>
                <textarea id="training-topics" name="input[topics]" rows="3" required maxlength="2000"></textarea>
                <FieldError error field="topics" />
                <label for="training-trainer">{t!(i18n, training.trainer)}</label>
                <input id="training-trainer" name="input[trainer]" required maxlength="300" />
                <FieldError error field="trainer" />
                <button type="submit" disabled=move || create.pending().get() data-testid="training-submit">{t!(i18n, training.create)}</button>
            </ActionForm>
        </section>
    }
}
