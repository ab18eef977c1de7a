//! `/login`, a light page: the server renders it, and only the sign-in form and the demo
//! accounts' buttons (islands) run in the browser. A sign-in the server accepts redirects to
//! the page that sent the visitor here (`?next=`, a page of this site only) or else the user's
//! work area, which the browser then loads (`src/lib.rs` sets that redirect hook).
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::error::ErrorMessage;
use crate::components::island_i18n::IslandI18n;
use crate::components::labels::RoleName;
use crate::components::session::use_session;
use crate::domain::next_page::from_query;
use crate::functions::accounts::registration::{DemoSignIn, SignIn, list_demo_accounts};
use crate::i18n::{t, use_i18n};
use crate::models::accounts::registration::DemoAccountView;

/// `/login`: email or phone, and password; in demo mode, a one-click sign-in per demo account.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let accounts = Resource::new(|| (), |_| list_demo_accounts());
    // The page to come back to, if it is one of this site's; the sign-in checks it again.
    let next = from_query(&use_location().search.get_untracked()).unwrap_or_default();
    let demo_next = StoredValue::new(next.clone());
    view! {
        <section class="narrow">
            <h1>{t!(i18n, login.title)}</h1>
            {(!next.is_empty()).then(|| view! {
                <p class="notice" data-testid="sign-in-to-continue">{t!(i18n, login.to_continue)}</p>
            })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    session.user.await.ok().flatten().map(|user| view! {
                        <p class="notice">
                            {t!(i18n, login.already)}" "
                            <a href="/account">{user.full_name}</a>"."
                        </p>
                    })
                })}
            </Suspense>
            <SignInForm next />
            <p><a href="/forgot-password" data-testid="forgot-link">{t!(i18n, login.forgot)}</a></p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let accounts = accounts.await.unwrap_or_default();
                    let next = demo_next.get_value();
                    (!accounts.is_empty()).then(|| view! { <DemoAccounts accounts next /> })
                })}
            </Suspense>
        </section>
    }
}

/// The sign-in form. It keeps what was typed when sign-in fails, and says why.
#[island]
fn SignInForm(next: String) -> impl IntoView {
    view! {
        <IslandI18n>
            <SignInFields next />
        </IslandI18n>
    }
}

#[component]
fn SignInFields(next: String) -> impl IntoView {
    let i18n = use_i18n();
    let sign_in = ServerAction::<SignIn>::new();
    let error = move || sign_in.value().get().and_then(Result::err);
    view! {
        <ActionForm action=sign_in attr:class="stack-form">
            <input type="hidden" name="next" value=next />
            <label for="login">{t!(i18n, login.login_label)}</label>
            <input id="login" name="login" type="text" autocomplete="username" required maxlength="254" />
            <label for="password">{t!(i18n, login.password_label)}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="128" />
            {move || error().map(|e| view! { <ErrorMessage error=e /> })}
            <button type="submit">{t!(i18n, login.submit)}</button>
        </ActionForm>
    }
}

/// In demo mode only: every demo account with a one-click "log in as", for trainers.
#[island]
fn DemoAccounts(accounts: Vec<DemoAccountView>, next: String) -> impl IntoView {
    view! {
        <IslandI18n>
            <DemoAccountList accounts next />
        </IslandI18n>
    }
}

#[component]
fn DemoAccountList(accounts: Vec<DemoAccountView>, next: String) -> impl IntoView {
    let i18n = use_i18n();
    let demo_sign_in = ServerAction::<DemoSignIn>::new();
    let error = move || demo_sign_in.value().get().and_then(Result::err);
    view! {
        <section class="demo-accounts" data-testid="demo-accounts">
            <h2>{t!(i18n, login.demo_title)}</h2>
            <p class="muted">{t!(i18n, login.demo_note)}</p>
            {move || error().map(|e| view! { <ErrorMessage error=e /> })}
            <ul>
                {accounts.into_iter().map(|a| {
                    let next = next.clone();
                    view! {
                        <li>
                            <ActionForm action=demo_sign_in attr:class="inline-form">
                                <input type="hidden" name="email" value=a.email />
                                <input type="hidden" name="next" value=next />
                                <button type="submit" class="link-button dark">
                                    {t!(i18n, login.log_in_as)}" "{a.name}
                                </button>
                            </ActionForm>
                            " — "<RoleName role=a.role />
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
