use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::components::error::ErrorMessage;
use crate::components::field_error::FieldError;
use crate::components::labels::RoleName;
use crate::components::session::use_session;
use crate::i18n::{t, use_i18n};

/// `/account`: who is signed in. An anonymous visitor is sent to `/login`.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <h1>{t!(i18n, account.title)}</h1>
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match session.user.await {
                    Ok(Some(user)) => view! {
                        <dl class="facts" data-testid="account-facts">
                            <dt>{t!(i18n, account.name)}</dt>
                            <dd>{user.full_name}</dd>
                            <dt>{t!(i18n, account.role)}</dt>
                            <dd data-testid="account-role"><RoleName role=user.role /></dd>
                            {user.subject_name.map(|name| view! {
                                <dt>{t!(i18n, account.subject)}</dt>
                                <dd data-testid="account-subject">{name}</dd>
                            })}
                            <dt>{t!(i18n, account.commune)}</dt>
                            <dd>{user.commune_code.unwrap_or_else(|| "—".into())}</dd>
                        </dl>
                        <ChangePassword />
                    }
                    .into_any(),
                    Ok(None) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The user's own password: current one, then the new one.
#[component]
fn ChangePassword() -> impl IntoView {
    let i18n = use_i18n();
    let change = ServerAction::<crate::functions::accounts::registration::ChangePassword>::new();
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    let done = move || matches!(change.value().get(), Some(Ok(())));
    view! {
        <section class="narrow">
            <h2>{t!(i18n, account.change_password)}</h2>
            <ActionForm action=change attr:class="stack-form">
                <label for="current_password">{t!(i18n, account.current_password)}</label>
                <input id="current_password" name="current_password" type="password" required autocomplete="current-password" maxlength="128" />
                <FieldError error field="current_password" />
                <label for="new_password">{t!(i18n, account.new_password)}</label>
                <input id="new_password" name="new_password" type="password" required minlength="8" maxlength="128" autocomplete="new-password" />
                <FieldError error field="new_password" />
                {move || done().then(|| view! { <p class="notice" role="status" data-testid="password-changed">{t!(i18n, account.password_changed)}</p> })}
                <button type="submit">{t!(i18n, account.change_password)}</button>
            </ActionForm>
        </section>
    }
}
