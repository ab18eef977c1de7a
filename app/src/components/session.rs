//! The signed-in user, shared by the header and the pages: one resource, refetched whenever
//! someone signs in or out on this page.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::functions::accounts::registration::{DemoSignIn, SignIn, SignOut, get_current_user};
use crate::i18n::{Locale, td_string, use_i18n};
use crate::models::AppError;
use crate::models::accounts::registration::CurrentUser;

#[derive(Clone, Copy)]
pub struct SessionContext {
    pub sign_in: ServerAction<SignIn>,
    pub sign_out: ServerAction<SignOut>,
    pub demo_sign_in: ServerAction<DemoSignIn>,
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
}

/// Creates the actions and the user resource; call once, in `App`.
pub fn provide_session() {
    let sign_in = ServerAction::<SignIn>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let demo_sign_in = ServerAction::<DemoSignIn>::new();
    let user = Resource::new(
        move || {
            (
                sign_in.version().get(),
                sign_out.version().get(),
                demo_sign_in.version().get(),
            )
        },
        |_| get_current_user(),
    );
    provide_context(SessionContext {
        sign_in,
        sign_out,
        demo_sign_in,
        user,
    });
}

pub fn use_session() -> SessionContext {
    expect_context::<SessionContext>()
}

/// Header corner: "Sign in", or the user's name and a sign-out button.
///
/// The locale is read (tracked) before the `Suspend` and the texts inside it are fixed strings
/// of that locale: a signal read after the await could run once the request's owner is gone (a
/// browser that left while the streamed render waited for the session), which panics.
#[component]
pub fn UserMenu() -> impl IntoView {
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
                            <NotificationBadge locale />
                            <A href="/account" attr:data-testid="user-name">{user.full_name}</A>
                            <ActionForm action=session.sign_out attr:class="inline-form">
                                <button type="submit" class="link-button">{td_string!(locale, login.sign_out)}</button>
                            </ActionForm>
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
    let count = move || match unread.try_get().flatten().filter(|_| shown()) {
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
