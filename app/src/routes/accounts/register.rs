//! `/register`: a producer asks for an account, for a new subject or to join one already in the
//! system. The commune of the subject approves it (see `/commune/registrations`).
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::commune_options::CommuneOptions;
use crate::components::error::FormError;
use crate::components::field_error::FieldError;
use crate::functions::accounts::registration::{RegisterProducer, subjects_in_commune};
use crate::i18n::{t, use_i18n};

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let register = ServerAction::<RegisterProducer>::new();
    let done = move || matches!(register.value().get(), Some(Ok(())));
    view! {
        <section class="narrow wide-form">
            <h1>{t!(i18n, register.title)}</h1>
            <Show when=done fallback=move || view! { <RegistrationForm register /> }>
                <div class="notice" role="status" data-testid="registration-sent">
                    <h2>{t!(i18n, register.done_title)}</h2>
                    <p>{t!(i18n, register.done_body)}</p>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn RegistrationForm(register: ServerAction<RegisterProducer>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || register.value().get().and_then(Result::err));
    view! {
        <p class="lead">{t!(i18n, register.lead)}</p>
        // The server checks every field and says all that is wrong at once, in the page's
        // language; the browser's own checks would stop at the first, in its language.
        <ActionForm action=register attr:class="stack-form" attr:data-testid="register-form" attr:novalidate=true>
            <FormError error />
            <RegistrationFieldsets error with_password=true commune=Signal::stored(None) />
            <button type="submit">{t!(i18n, register.submit)}</button>
        </ActionForm>
        <p>{t!(i18n, register.have_account)}" "<A href="/login">{t!(i18n, login.submit)}</A></p>
    }
}

/// The person and the subject of a registration (`registration[…]` fields), for the
/// producer's own form and the one a commune officer fills in for a producer (no password;
/// `commune`, the officer's, chosen until another is).
#[component]
pub(crate) fn RegistrationFieldsets(
    error: Signal<Option<crate::models::AppError>>,
    with_password: bool,
    commune: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (mode, set_mode) = signal("new".to_owned());
    let (chosen_commune, set_commune) = signal(String::new());
    let current_commune = move || {
        let chosen = chosen_commune.get();
        if chosen.is_empty() {
            commune.get().unwrap_or_default()
        } else {
            chosen
        }
    };
    let subjects = Resource::new(current_commune, |c| async move {
        if c.is_empty() {
            Ok(Vec::new())
        } else {
            subjects_in_commune(c).await
        }
    });
    view! {
            <fieldset>
                <legend>{t!(i18n, register.person)}</legend>
                <label for="full_name">{t!(i18n, register.full_name)}</label>
                <input id="full_name" name="registration[full_name]" required maxlength="200" autocomplete="name" />
                <FieldError error field="full_name" />
                <label for="email">{t!(i18n, register.email)}</label>
                <input id="email" name="registration[email]" type="email" maxlength="254" autocomplete="email" />
                <FieldError error field="email" />
                <label for="phone">{t!(i18n, register.phone)}</label>
                <input id="phone" name="registration[phone]" type="tel" maxlength="20" autocomplete="tel" aria-describedby="phone-hint" />
                <p class="hint" id="phone-hint">{t!(i18n, register.phone_hint)}</p>
                <FieldError error field="phone" />
                {with_password.then(|| view! {
                    <label for="password">{t!(i18n, register.password)}</label>
                    <input id="password" name="registration[password]" type="password" required minlength="8" maxlength="128" autocomplete="new-password" />
                    <FieldError error field="password" />
                })}
                {(!with_password).then(|| view! { <input type="hidden" name="registration[password]" value="" /> })}
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, register.subject)}</legend>
                <label class="radio">
                    <input type="radio" name="registration[subject_mode]" value="new" checked on:change=move |_| set_mode.set("new".into()) />
                    {t!(i18n, register.mode_new)}
                </label>
                <label class="radio">
                    <input type="radio" name="registration[subject_mode]" value="join" on:change=move |_| set_mode.set("join".into()) />
                    {t!(i18n, register.mode_join)}
                </label>
                <label for="commune_code">{t!(i18n, register.commune)}</label>
                <select id="commune_code" name="registration[commune_code]" required on:change=move |ev| set_commune.set(event_target_value(&ev))>
                    <CommuneOptions selected=commune />
                </select>
                <FieldError error field="commune_code" />
                <div hidden=move || mode.get() != "new">
                    <label for="subject_type">{t!(i18n, register.subject_type)}</label>
                    <select id="subject_type" name="registration[subject_type]">
                        <option value="HTX">{t!(i18n, register.type_HTX)}</option>
                        <option value="DN">{t!(i18n, register.type_DN)}</option>
                        <option value="THT">{t!(i18n, register.type_THT)}</option>
                        <option value="HO">{t!(i18n, register.type_HO)}</option>
                    </select>
                    <FieldError error field="subject_type" />
                    <label for="subject_name">{t!(i18n, register.subject_name)}</label>
                    <input id="subject_name" name="registration[subject_name]" maxlength="300" />
                    <FieldError error field="subject_name" />
                    <label for="tax_code">{t!(i18n, register.tax_code)}</label>
                    <input id="tax_code" name="registration[tax_code]" maxlength="20" inputmode="numeric" aria-describedby="tax-code-hint" />
                    <p class="hint" id="tax-code-hint">{t!(i18n, register.tax_code_hint)}</p>
                    <FieldError error field="tax_code" />
                    <label for="address">{t!(i18n, register.address)}</label>
                    <input id="address" name="registration[address]" maxlength="500" />
                </div>
                <div hidden=move || mode.get() != "join">
                    <label for="join_subject_id">{t!(i18n, register.join_subject)}</label>
                    <select id="join_subject_id" name="registration[join_subject_id]">
                        <option value="">{t!(i18n, register.choose)}</option>
                        <Transition fallback=|| ()>
                            {move || Suspend::new(async move {
                                subjects.await.unwrap_or_default().into_iter().map(|s| {
                                    view! { <option value=s.id.to_string()>{s.name}</option> }
                                }).collect_view()
                            })}
                        </Transition>
                    </select>
                    <FieldError error field="subject_id" />
                </div>
            </fieldset>
    }
}
