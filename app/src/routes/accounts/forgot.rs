//! `/forgot-password`: the person types their account's e-mail and gets a one-time link by
//! e-mail. The answer does not say whether the address has an account. Without a mail server
//! the page says whom to ask instead.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::error::FormError;
use crate::components::field_error::FieldError;
use crate::functions::accounts::links::{RequestPasswordLink, mail_enabled};
use crate::i18n::{t, use_i18n};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let enabled = Resource::new(|| (), |_| mail_enabled());
    let request = ServerAction::<RequestPasswordLink>::new();
    let error = Signal::derive(move || request.value().get().and_then(Result::err));
    let sent = move || matches!(request.value().get(), Some(Ok(())));
    view! {
        <section class="narrow">
            <h1>{t!(i18n, forgot.title)}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    if !enabled.await.unwrap_or(false) {
                        return view! { <p class="notice" data-testid="no-mail">{t!(i18n, forgot.no_mail)}</p> }.into_any();
                    }
                    view! {
                        <Show
                            when=sent
                            fallback=move || view! {
                                <p class="muted">{t!(i18n, forgot.lead)}</p>
                                <FormError error />
                                <ActionForm action=request attr:class="stack-form">
                                    <label for="email">{t!(i18n, forgot.email_label)}</label>
                                    <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" />
                                    <FieldError error field="email" />
                                    <button type="submit">{t!(i18n, forgot.submit)}</button>
                                </ActionForm>
                                <p class="muted">{t!(i18n, forgot.phone_only)}</p>
                            }
                        >
                            <p class="notice" role="status" data-testid="link-sent">{t!(i18n, forgot.sent)}</p>
                        </Show>
                    }.into_any()
                })}
            </Suspense>
            <p><A href="/login">{t!(i18n, nav.sign_in)}</A></p>
        </section>
    }
}
