use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{t, use_i18n};

/// Shown for any address the router does not know, with HTTP status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    crate::components::set_http_status(404);
    let i18n = use_i18n();
    view! {
        <section class="not-found">
            <h1>{t!(i18n, not_found.title)}</h1>
            <p>{t!(i18n, not_found.body)}</p>
            <p><A href="/">{t!(i18n, not_found.home)}</A></p>
        </section>
    }
}
