//! `/producer/subject`: the members of a subject keep its profile. The form carries the
//! version it was loaded with, so a save made meanwhile by another member is not overwritten:
//! the second save is refused with a clear message and keeps what was typed.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::Area;
use crate::components::area_gate::AreaGate;
use crate::components::error::{ErrorMessage, FormError};
use crate::components::field_error::FieldError;
use crate::components::saved_count::saved_count;
use crate::components::session::use_session;
use crate::functions::producers::subject_profile::{UpdateSubjectProfile, get_subject};
use crate::i18n::{t, use_i18n};
use crate::models::producers::subject_profile::SubjectView;

#[component]
pub fn SubjectProfilePage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Producer>
            <ProfileLoader />
        </AreaGate>
    }
}

#[component]
fn ProfileLoader() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let save = ServerAction::<UpdateSubjectProfile>::new();
    let saves = saved_count(save);
    let subject_id = move || {
        session
            .user
            .get()
            .and_then(Result::ok)
            .flatten()
            .and_then(|u| u.subject_id)
    };
    let subject = Resource::new(
        move || (subject_id(), saves.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_subject(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <h1>{t!(i18n, profile.title)}</h1>
        <crate::components::help::HelpPanel screen="subject.profile" />
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match subject.await {
                    Ok(Some(s)) => view! { <ProfileForm subject=s save /> }.into_any(),
                    Ok(None) => view! { <p class="empty">{t!(i18n, profile.no_subject)}</p> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The profile form, shared with the officials' corrections (`/registry/subjects/:id`).
#[component]
pub(crate) fn ProfileForm(
    subject: SubjectView,
    save: ServerAction<UpdateSubjectProfile>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    let s = subject;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let number = |v: Option<i32>| v.map(|n| n.to_string()).unwrap_or_default();
    let public_page = format!("/subjects/{}", s.id);
    let kind = s.subject_type.clone();
    view! {
        <p class="muted">
            {t!(i18n, profile.lead)}" "
            <A href=public_page>{t!(i18n, profile.public_page)}</A>
        </p>
        <FormError error />
        {move || saved().then(|| view! { <p class="notice" role="status" data-testid="profile-saved">{t!(i18n, profile.saved)}</p> })}
        <ActionForm action=save attr:class="stack-form wide-form" attr:data-testid="profile-form">
            <input type="hidden" name="profile[subject_id]" value=s.id.to_string() prop:value=s.id.to_string() />
            <input type="hidden" name="profile[version]" value=s.version.to_string() prop:value=s.version.to_string() />
            <fieldset>
                <legend>{t!(i18n, profile.general)}</legend>
                <label for="name">{t!(i18n, register.subject_name)}</label>
                <input id="name" name="profile[name]" required maxlength="300" value=s.name.clone() prop:value=s.name.clone() />
                <FieldError error field="name" />
                <label for="subject_type">{t!(i18n, register.subject_type)}</label>
                <select id="subject_type" name="profile[subject_type]">
                    {["HTX", "DN", "THT", "HO"]
                        .into_iter()
                        .map(|k| {
                            let label = move || match k {
                                "HTX" => t!(i18n, register.type_HTX).into_any(),
                                "DN" => t!(i18n, register.type_DN).into_any(),
                                "THT" => t!(i18n, register.type_THT).into_any(),
                                _ => t!(i18n, register.type_HO).into_any(),
                            };
                            view! { <option value=k selected=kind == k>{label}</option> }
                        })
                        .collect_view()}
                </select>
                <FieldError error field="subject_type" />
                <label for="tax_code">{t!(i18n, register.tax_code)}</label>
                <input id="tax_code" name="profile[tax_code]" maxlength="32" aria-describedby="tax-code-hint" value=text(&s.tax_code) prop:value=text(&s.tax_code) />
                <p class="hint" id="tax-code-hint">{t!(i18n, register.tax_code_hint)}</p>
                <FieldError error field="tax_code" />
                <label for="address">{t!(i18n, register.address)}</label>
                <input id="address" name="profile[address]" maxlength="500" value=text(&s.address) prop:value=text(&s.address) />
                <FieldError error field="address" />
                // Members ask their commune; the province moves the subject on the registry page.
                <p class="muted">{t!(i18n, register.commune)}": "{s.commune_name.clone()}
                    {if s.may_move {
                        view! { " — "{t!(i18n, profile.commune_note_province)} }.into_any()
                    } else if s.may_correct {
                        view! { " — "{t!(i18n, profile.commune_note_official)} }.into_any()
                    } else {
                        view! { " — "{t!(i18n, profile.commune_note)} }.into_any()
                    }}
                </p>
                <label for="legal_representative">{t!(i18n, profile.legal_representative)}</label>
                <input id="legal_representative" name="profile[legal_representative]" maxlength="200" value=text(&s.legal_representative) prop:value=text(&s.legal_representative) />
                <FieldError error field="legal_representative" />
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, profile.contact)}</legend>
                <label for="phone">{t!(i18n, register.phone)}</label>
                <input id="phone" name="profile[phone]" type="tel" maxlength="20" aria-describedby="phone-hint" value=text(&s.phone) prop:value=text(&s.phone) />
                <p class="hint" id="phone-hint">{t!(i18n, register.phone_hint)}</p>
                <FieldError error field="phone" />
                <label for="email">{t!(i18n, register.email)}</label>
                <input id="email" name="profile[email]" type="email" maxlength="254" value=text(&s.email) prop:value=text(&s.email) />
                <FieldError error field="email" />
                <label for="website">{t!(i18n, profile.website)}</label>
                <input id="website" name="profile[website]" maxlength="300" placeholder="https://" value=text(&s.website) prop:value=text(&s.website) />
                <FieldError error field="website" />
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, profile.size)}</legend>
                <label for="founded_year">{t!(i18n, profile.founded_year)}</label>
                <input id="founded_year" name="profile[founded_year]" inputmode="numeric" maxlength="4" value=s.founded_year.map(|y| y.to_string()).unwrap_or_default() prop:value=s.founded_year.map(|y| y.to_string()).unwrap_or_default() />
                <FieldError error field="founded_year" />
                <label for="member_count">{t!(i18n, profile.member_count)}</label>
                <input id="member_count" name="profile[member_count]" inputmode="numeric" maxlength="9" value=number(s.member_count) prop:value=number(s.member_count) />
                <FieldError error field="member_count" />
                <label for="local_workers">{t!(i18n, profile.local_workers)}</label>
                <input id="local_workers" name="profile[local_workers]" inputmode="numeric" maxlength="9" value=number(s.local_workers) prop:value=number(s.local_workers) />
                <FieldError error field="local_workers" />
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, profile.introduction)}</legend>
                <textarea id="introduction" name="profile[introduction]" rows="6" maxlength="4000" aria-label=move || crate::i18n::t_string!(i18n, profile.introduction).to_string() prop:value=text(&s.introduction)>{crate::components::text_area::textarea_text(&text(&s.introduction))}</textarea>
                <FieldError error field="introduction" />
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, profile.location)}</legend>
                <p class="hint" id="coordinates-hint">{t!(i18n, profile.coordinates_hint)}</p>
                <label for="latitude">{t!(i18n, profile.latitude)}</label>
                <input id="latitude" name="profile[latitude]" aria-describedby="coordinates-hint" inputmode="decimal" maxlength="20" placeholder="21.85" value=s.latitude.map(|v| v.to_string()).unwrap_or_default() prop:value=s.latitude.map(|v| v.to_string()).unwrap_or_default() />
                <FieldError error field="latitude" />
                <label for="longitude">{t!(i18n, profile.longitude)}</label>
                <input id="longitude" name="profile[longitude]" aria-describedby="coordinates-hint" inputmode="decimal" maxlength="20" placeholder="106.76" value=s.longitude.map(|v| v.to_string()).unwrap_or_default() prop:value=s.longitude.map(|v| v.to_string()).unwrap_or_default() />
                <FieldError error field="longitude" />
            </fieldset>
            <button type="submit" disabled=move || save.pending().get()>{t!(i18n, profile.save)}</button>
        </ActionForm>
    }
}
