use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::error::ErrorMessage;
use crate::components::session::use_session;
use crate::i18n::{t, use_i18n};

/// `/login`: email or phone, and password. The form keeps what was typed when sign-in fails.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let error = move || session.sign_in.value().get().and_then(Result::err);
    view! {
        <section class="narrow">
            <h1>{t!(i18n, login.title)}</h1>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    session.user.await.ok().flatten().map(|user| view! {
                        <p class="notice">
                            {t!(i18n, login.already)}" "
                            <A href="/account">{user.full_name}</A>"."
                        </p>
                    })
                })}
            </Transition>
            <ActionForm action=session.sign_in attr:class="stack-form">
                <label for="login">{t!(i18n, login.login_label)}</label>
                <input id="login" name="login" type="text" autocomplete="username" required maxlength="254" />
                <label for="password">{t!(i18n, login.password_label)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="128" />
                {move || error().map(|e| view! { <ErrorMessage error=e /> })}
                <button type="submit">{t!(i18n, login.submit)}</button>
            </ActionForm>
        </section>
    }
}
