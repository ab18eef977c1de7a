//! `/commune/registrations`: producer registrations of the officer's commune, to approve or to
//! reject with a reason; `/province/registrations`: the same queue for every commune.
use leptos::prelude::*;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::ErrorMessage;
use crate::functions::accounts::registration::{DecideRegistration, list_pending_registrations};
use crate::i18n::{t, t_string, use_i18n};
use crate::models::accounts::registration::PendingRegistration;

#[component]
pub fn RegistrationsPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Commune>
            <RegistrationQueue />
            <crate::components::help::HelpPanel screen="registrations.commune" />
            <p>
                <leptos_router::components::A href="/commune/register-producer" attr:class="button" attr:data-testid="register-for-link">
                    {t!(use_i18n(), registrations.register_for)}
                </leptos_router::components::A>
            </p>
        </AreaGate>
    }
}

#[component]
pub fn ProvinceRegistrationsPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Province>
            <RegistrationQueue />
            <crate::components::help::HelpPanel screen="registrations.province" />
        </AreaGate>
    }
}

#[component]
fn RegistrationQueue() -> impl IntoView {
    let i18n = use_i18n();
    let decide = ServerAction::<DecideRegistration>::new();
    let pending = Resource::new(
        move || decide.version().get(),
        |_| list_pending_registrations(),
    );
    let error = move || decide.value().get().and_then(Result::err);
    view! {
        <h1>{t!(i18n, registrations.title)}</h1>
        {move || error().map(|e| view! { <ErrorMessage error=e /> })}
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match pending.await {
                    Ok(rows) if rows.is_empty() => {
                        view! { <p class="empty" data-testid="registrations-empty">{t!(i18n, registrations.empty)}</p> }
                            .into_any()
                    }
                    Ok(rows) => view! {
                        <ul class="cards" data-testid="registrations">
                            {rows.into_iter().map(|r| view! { <RegistrationCard registration=r decide /> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RegistrationCard(
    registration: PendingRegistration,
    decide: ServerAction<DecideRegistration>,
) -> impl IntoView {
    let i18n = use_i18n();
    let r = registration;
    let contact = [r.email.clone(), r.phone.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let approve_id = r.user_id.to_string();
    let reject_id = approve_id.clone();
    view! {
        <li class="card" data-testid="registration">
            <h2 class="card-title">{r.full_name.clone()}</h2>
            <dl class="facts">
                <dt>{t!(i18n, registrations.contact)}</dt>
                <dd>{contact}</dd>
                <dt>{t!(i18n, registrations.subject)}</dt>
                <dd>
                    {r.subject_name.clone()}
                    {r.subject_is_new.then(|| view! { " ("{t!(i18n, registrations.new_subject)}")" })}
                </dd>
                <dt>{t!(i18n, registrations.registered_at)}</dt>
                <dd>{r.registered_at.clone()}</dd>
            </dl>
            <div class="decision">
                <ActionForm action=decide attr:class="inline-form">
                    <input type="hidden" name="user_id" value=approve_id />
                    <input type="hidden" name="approve" value="true" />
                    <input type="hidden" name="reason" value="" />
                    <button type="submit">{t!(i18n, registrations.approve)}</button>
                </ActionForm>
                <ActionForm action=decide attr:class="reject-form">
                    <input type="hidden" name="user_id" value=reject_id />
                    <input type="hidden" name="approve" value="false" />
                    <input
                        type="text"
                        name="reason"
                        required
                        maxlength="1000"
                        placeholder=move || t_string!(i18n, registrations.reason).to_string()
                        aria-label=move || t_string!(i18n, registrations.reason).to_string()
                    />
                    <button type="submit" class="secondary">{t!(i18n, registrations.reject)}</button>
                </ActionForm>
            </div>
        </li>
    }
}
