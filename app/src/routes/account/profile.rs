use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::auth::Role;
use crate::components::error::ErrorMessage;
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
                    }
                    .into_any(),
                    Ok(None) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
pub fn RoleName(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    move || match role {
        Role::Producer => t!(i18n, roles.producer).into_any(),
        Role::CommuneOfficer => t!(i18n, roles.commune_officer).into_any(),
        Role::ProvincialOfficer => t!(i18n, roles.provincial_officer).into_any(),
        Role::AdvisoryMember => t!(i18n, roles.advisory_member).into_any(),
        Role::CouncilMember => t!(i18n, roles.council_member).into_any(),
        Role::Administrator => t!(i18n, roles.administrator).into_any(),
    }
}
