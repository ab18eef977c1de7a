//! `/reset-password?token=…`: the owner of a one-time link sets a new password, then signs in.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::components::error::FormError;
use crate::components::field_error::FieldError;
use crate::functions::accounts::registration::ResetPassword;
use crate::i18n::{t, use_i18n};

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let reset = ServerAction::<ResetPassword>::new();
    let error = Signal::derive(move || reset.value().get().and_then(Result::err));
    let done = move || matches!(reset.value().get(), Some(Ok(())));
    view! {
        <section class="narrow">
            <h1>{t!(i18n, reset.title)}</h1>
            <Show
                when=done
                fallback=move || view! {
                    <p class="muted">{t!(i18n, reset.lead)}</p>
                    <FormError error />
                    <FieldError error field="token" />
                    <ActionForm action=reset attr:class="stack-form">
                        <input type="hidden" name="token" value=token prop:value=token />
                        <label for="new_password">{t!(i18n, account.new_password)}</label>
                        <input id="new_password" name="new_password" type="password" required minlength="8" maxlength="128" autocomplete="new-password" />
                        <FieldError error field="new_password" />
                        <button type="submit">{t!(i18n, reset.submit)}</button>
                    </ActionForm>
                }
            >
                <p class="notice" role="status" data-testid="password-set">{t!(i18n, reset.done)}</p>
                <p><A href="/login">{t!(i18n, nav.sign_in)}</A></p>
            </Show>
        </section>
    }
}
