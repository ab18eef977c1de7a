//! How a page becomes interactive. The server renders every page; the browser runs only its
//! islands (`#[island]`): the small interactive parts of light pages, or `App`, the island that
//! holds the pages still hydrated whole (issue 22 moves them out one by one).
use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;

use crate::routes::public::not_found::NotFound;

/// Set once the page's islands are hydrated; a route change after that is a navigation.
static HYDRATED: AtomicBool = AtomicBool::new(false);

/// The last island of every page: islands hydrate in the order they stand in the page, so when
/// this one runs the others have. It marks the page for the browser tests (which wait for
/// `body[data-hydrated]` before clicking), for `OtherPage` and for `routed`.
///
/// On a light page it also ends hydration for the data the server sent (see `routed`): a
/// light page has no router, so nothing created after this point belongs to the server's render.
/// `App`'s pages cannot end it here: a part of the page that waits for one resource before
/// creating the next may hydrate after this effect, and it must still take the server's data
/// (taking fresh data instead — a new audit entry, say — no longer matches the server's HTML).
#[island]
pub fn HydratedMarker() -> impl IntoView {
    Effect::new(|_| {
        #[cfg(not(feature = "whole-app"))]
        end_server_data();
        HYDRATED.store(true, Ordering::Relaxed);
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

/// A page of `App`'s router. Opened once the page is hydrated, it is a navigation in the
/// browser, and the data the server sent belongs to the page it replaces. Leptos' islands mode
/// never ends hydration of that data, so a resource of the new page would take whatever the
/// server sent under the same number instead of asking (a producer's public page showed the
/// profile as it was before they saved it). So hydration ends here, before the page's
/// resources are created.
pub fn routed<V: IntoView + 'static>(
    page: fn() -> V,
) -> impl Fn() -> V + Clone + Send + Sync + 'static {
    move || {
        if HYDRATED.load(Ordering::Relaxed) {
            end_server_data();
        }
        page()
    }
}

/// From now on resources ask the server instead of reading the data sent with the page.
fn end_server_data() {
    if let Some(shared) = Owner::current_shared_context() {
        shared.hydration_complete();
    }
}

/// What `App`'s router shows for an address it does not know. While the page hydrates, that is
/// the server's "not found" page. After, it is a link the router followed in the browser to a
/// page outside `App` — a light page, or one that is really missing: the browser loads it from
/// the server, which knows both.
#[component]
pub fn OtherPage() -> impl IntoView {
    if HYDRATED.load(Ordering::Relaxed) {
        // The address the router went to (whether or not it is in the address bar yet).
        let location = leptos_router::hooks::use_location();
        let search = location.search.get_untracked();
        let hash = location.hash.get_untracked();
        let target = format!(
            "{}{}{}{}{}",
            location.pathname.get_untracked(),
            if search.is_empty() || search.starts_with('?') {
                ""
            } else {
                "?"
            },
            search,
            if hash.is_empty() || hash.starts_with('#') {
                ""
            } else {
                "#"
            },
            hash,
        );
        let _ = window().location().set_href(&target);
        return ().into_any();
    }
    view! { <NotFound /> }.into_any()
}
