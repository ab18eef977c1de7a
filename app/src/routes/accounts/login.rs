use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::error::ErrorMessage;
use crate::components::labels::RoleName;
use crate::components::session::use_session;
use crate::functions::accounts::registration::list_demo_accounts;
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
            <p><A href="/forgot-password" attr:data-testid="forgot-link">{t!(i18n, login.forgot)}</A></p>
            <DemoAccounts />
        </section>
    }
}

/// In demo mode only: every demo account with a one-click "log in as", for trainers.
#[component]
fn DemoAccounts() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let accounts = Resource::new(|| (), |_| list_demo_accounts());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let accounts = accounts.await.unwrap_or_default();
                (!accounts.is_empty()).then(|| view! {
                    <section class="demo-accounts" data-testid="demo-accounts">
                        <h2>{t!(i18n, login.demo_title)}</h2>
                        <p class="muted">{t!(i18n, login.demo_note)}</p>
                        <ul>
                            {accounts.into_iter().map(|a| view! {
                                <li>
                                    <ActionForm action=session.demo_sign_in attr:class="inline-form">
                                        <input type="hidden" name="email" value=a.email />
                                        <button type="submit" class="link-button dark">
                                            {t!(i18n, login.log_in_as)}" "{a.name}
                                        </button>
                                    </ActionForm>
                                    " — "<RoleName role=a.role />
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
    }
}
