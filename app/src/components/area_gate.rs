//! Work areas (`/producer/…`, `/commune/…`, …): an anonymous visitor is sent to `/login` (which
//! brings them back to the page once they have signed in), a
//! signed-in user of another role sees a clear "not allowed" page (HTTP 403). The server
//! functions behind the pages check again: this only spares people pages they cannot use.
use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_location;

use crate::auth::{Action, Actor, Area, Resource, allowed};
use crate::components::error::ErrorMessage;
use crate::components::session::use_session;
use crate::i18n::{t, use_i18n};

#[component]
pub fn AreaGate(area: Area, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let login = StoredValue::new(sign_in_here());
    let children = StoredValue::new(children);
    view! {
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match session.user.await {
                    Ok(None) => view! { <Redirect path=login.get_value() /> }.into_any(),
                    Ok(Some(user)) => {
                        let actor = Actor::User {
                            user_id: user.user_id,
                            role: user.role,
                            commune_code: user.commune_code,
                            subject_id: user.subject_id,
                        };
                        if allowed(&actor, Action::OpenArea(area), Resource::Nothing).is_ok() {
                            children.read_value()().into_any()
                        } else {
                            view! { <NotAllowed /> }.into_any()
                        }
                    }
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// For pages open to every signed-in role (what they show is decided by the server): an
/// anonymous visitor is sent to `/login`.
#[component]
pub fn SignedInGate(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let login = StoredValue::new(sign_in_here());
    let children = StoredValue::new(children);
    view! {
        <Transition fallback=|| view! { <p class="muted">"…"</p> }>
            {move || Suspend::new(async move {
                match session.user.await {
                    Ok(None) => view! { <Redirect path=login.get_value() /> }.into_any(),
                    Ok(Some(_)) => children.read_value()().into_any(),
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The sign-in page, asked to come back here afterwards.
fn sign_in_here() -> String {
    let location = use_location();
    crate::domain::next_page::login_href(
        &location.pathname.get_untracked(),
        &location.search.get_untracked(),
    )
}

/// The page a signed-in user of another role meets: it leads to their own work area (someone
/// who followed a link meant for another role would otherwise have to find it again).
#[component]
pub fn NotAllowed() -> impl IntoView {
    crate::components::set_http_status(403);
    let i18n = use_i18n();
    let session = use_session();
    let own_area = move || {
        Suspend::new(async move {
            session.user.await.ok().flatten().map(|user| {
                view! {
                    <A href=user.role.area().path() attr:class="button" attr:data-testid="own-area">
                        {t!(i18n, forbidden_page.own_area)}
                    </A>
                    " "
                }
            })
        })
    };
    view! {
        <section class="not-found" data-testid="not-allowed">
            <h1>{t!(i18n, forbidden_page.title)}</h1>
            <p>{t!(i18n, forbidden_page.body)}</p>
            <p class="actions-row">
                <Suspense>{own_area}</Suspense>
                <A href="/">{t!(i18n, forbidden_page.home)}</A>
            </p>
        </section>
    }
}
