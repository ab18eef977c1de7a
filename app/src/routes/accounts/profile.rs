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
        <crate::components::help::HelpPanel screen="account" />
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
                            <dd data-testid="account-commune">{user.commune_name.or(user.commune_code).unwrap_or_else(|| "—".into())}</dd>
                        </dl>
                        <OpenResetLinks />
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

/// Password links someone issued for this account and nobody used yet: shown with a warning,
/// since a link the owner did not ask for is someone trying to get in.
#[component]
fn OpenResetLinks() -> impl IntoView {
    let i18n = use_i18n();
    let links = OnceResource::new(crate::functions::accounts::registration::my_open_reset_links());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let links = links.await.unwrap_or_default();
                (!links.is_empty()).then(|| view! {
                    <section class="panel warning" data-testid="open-reset-links">
                        <h2>{t!(i18n, account.open_links)}</h2>
                        <p>{t!(i18n, account.open_links_hint)}</p>
                        <table class="data-table">
                            <thead><tr>
                                <th>{t!(i18n, account.issued_at)}</th>
                                <th>{t!(i18n, account.issued_by)}</th>
                                <th>{t!(i18n, account.expires)}</th>
                            </tr></thead>
                            <tbody>
                                {links.into_iter().map(|l| view! {
                                    <tr>
                                        <td>{l.issued_at.unwrap_or_else(|| "—".into())}</td>
                                        <td>{l.issued_by}</td>
                                        <td>{l.expires_at}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
                })
            })}
        </Suspense>
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
                <crate::components::error::FormError error />
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
