//! The signed-in user, shared by the header and the pages: one resource. Signing in (`/login`,
//! a light page) and signing out (a plain form post, answered with a redirect) both end with a
//! page load, so the user never changes under a page: a page that needs a user cannot send the
//! browser to `/login` while the sign-out's redirect is on its way.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

use crate::functions::accounts::registration::{SignOut, get_current_user};
use crate::i18n::{Locale, td_string, use_i18n};
use crate::models::AppError;
use crate::models::accounts::registration::CurrentUser;

#[derive(Clone, Copy)]
pub struct SessionContext {
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
}

/// Creates the user resource; call once, in `App` or a light page's frame.
pub fn provide_session() {
    let user = Resource::new(|| (), |_| get_current_user());
    provide_context(SessionContext { user });
}

pub fn use_session() -> SessionContext {
    expect_context::<SessionContext>()
}

/// Header corner: "Sign in", or the user's name and a sign-out button (a plain form post, which
/// the server answers with a redirect to the home page). `light`: on a light page, rendered on
/// the server alone.
///
/// The locale is read (tracked) before the `Suspend` and the texts inside it are fixed strings
/// of that locale: a signal read after the await could run once the request's owner is gone (a
/// browser that left while the streamed render waited for the session), which panics.
#[component]
pub fn UserMenu(#[prop(optional)] light: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <Transition fallback=|| ()>
            {move || {
                let locale = i18n.get_locale();
                Suspend::new(async move {
                match session.user.await {
                    Ok(Some(user)) => view! {
                        <div class="user-menu">
                            <A href=user.role.area().path() attr:data-testid="work-area">{td_string!(locale, nav.work_area)}</A>
                            {if light {
                                view! { <ServerNotificationBadge locale /> }.into_any()
                            } else {
                                view! { <NotificationBadge locale /> }.into_any()
                            }}
                            <A href="/account" attr:data-testid="user-name">{user.full_name}</A>
                            <form method="post" action=SignOut::url() class="inline-form">
                                <button type="submit" class="link-button">{td_string!(locale, login.sign_out)}</button>
                            </form>
                        </div>
                    }
                    .into_any(),
                    _ => view! {
                        <div class="user-menu">
                            <A href="/register">{td_string!(locale, nav.register)}</A>
                            <A href="/login" attr:class="sign-in-link">{td_string!(locale, nav.sign_in)}</A>
                        </div>
                    }
                    .into_any(),
                }
            })
            }}
        </Transition>
    }
}

/// The notifications link of a light page, with the unread count known on the server.
#[component]
fn ServerNotificationBadge(locale: Locale) -> impl IntoView {
    let unread = Resource::new(
        || (),
        |_| crate::functions::notifications::unread_notifications(),
    );
    view! {
        <A href="/notifications" attr:data-testid="notifications-link">
            {td_string!(locale, nav.notifications)}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match unread.await {
                        Ok(n) if n > 0 => Some(view! {
                            " "<span class="count-badge" data-testid="unread-count">{n}</span>
                        }),
                        _ => None,
                    }
                })}
            </Suspense>
        </A>
    }
}

/// "Thông báo" with the number of unread notifications, checked on each page change. The
/// count is fetched in the browser only (a `LocalResource`) and shown only once this part of
/// the page is hydrated (effects run after hydration): the server renders the link alone, and
/// a count that arrived early must not make the browser's first render differ from it.
#[component]
fn NotificationBadge(locale: Locale) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let unread = LocalResource::new(move || {
        location.pathname.track();
        crate::functions::notifications::unread_notifications()
    });
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    // `try_get`: on the server a render can outlive the page's reactive owner (its values are
    // then gone); nothing is shown rather than a panic.
    let shown = move || hydrated.try_get().unwrap_or(false);
    // Read only once shown: on the server the resource never loads, and reading it there sent
    // the page's suspense a notice it had stopped waiting for (a warning per page).
    let count = move || match shown().then(|| unread.try_get().flatten()).flatten() {
        Some(Ok(n)) if n > 0 => {
            Some(view! { " "<span class="count-badge" data-testid="unread-count">{n}</span> })
        }
        _ => None,
    };
    view! {
        <A href="/notifications" attr:data-testid="notifications-link">
            {td_string!(locale, nav.notifications)}
            {count}
        </A>
    }
}
