//! The page frame: header with navigation and language switch, main area, footer.
//!
//! `light`: the frame of a light page (`pages`), rendered on the server alone — the user's
//! menu and the demo note are filled in there, and the language switch is a plain link.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::session::UserMenu;
use crate::i18n::{Locale, t, t_string, use_i18n};

#[component]
pub fn Layout(children: Children, #[prop(optional)] light: bool) -> impl IntoView {
    let i18n = use_i18n();
    let switch = if light {
        view! { <LanguageLink /> }.into_any()
    } else {
        view! { <LanguageSwitch /> }.into_any()
    };
    let demo_note = if light {
        view! { <ServerDemoNote /> }.into_any()
    } else {
        view! { <DemoNote /> }.into_any()
    };
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"OCOP"</span>
                <span class="brand-name">{t!(i18n, app_name)}</span>
                <span class="brand-short">{t!(i18n, app_short)}</span>
            </A>
            <MenuToggle />
            <div class="site-menu" id="site-menu">
                <UserMenu light />
                {switch}
                <nav class="site-nav" aria-label=move || t_string!(i18n, nav.label).to_string()>
                    // Public pages; the signed-in user's work area is linked from the user menu.
                    <A href="/" exact=true>{t!(i18n, nav.home)}</A>
                    <A href="/units">{t!(i18n, nav.units)}</A>
                    // A light page outside the router: a full page load.
                    <a href="/catalog" rel="external" data-testid="nav-catalog">{t!(i18n, nav.catalog)}</a>
                </nav>
            </div>
        </header>
        <main id="main" class="site-main">{children()}</main>
        <footer class="site-footer">
            <p>{t!(i18n, footer.owner)}</p>
            {demo_note}
        </footer>
    }
}

/// "Demo data", only on a server in demo mode (a real installation shows its own data). Asked
/// in the browser only and shown once hydrated, like the notification count: a footer
/// resource would be one more value the server's page and the browser's first render must
/// agree on, on every page.
#[component]
fn DemoNote() -> impl IntoView {
    let i18n = use_i18n();
    let demo = LocalResource::new(crate::functions::accounts::registration::demo_mode);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    move || {
        // `try_get`, as for the notification count: never a panic once the page's owner is gone.
        // Read only once shown: on the server the resource never loads, and reading it there
        // sent the page's suspense a notice it had stopped waiting for (a warning per page).
        let shown = hydrated.try_get().unwrap_or(false);
        (shown && matches!(demo.try_get().flatten(), Some(Ok(true)))).then(|| {
            view! { <p class="muted" data-testid="demo-note">{t!(i18n, footer.demo_note)}</p> }
        })
    }
}

/// The demo note of a light page, known on the server.
#[component]
fn ServerDemoNote() -> impl IntoView {
    let i18n = use_i18n();
    let demo = Resource::new(
        || (),
        |_| crate::functions::accounts::registration::demo_mode(),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                matches!(demo.await, Ok(true)).then(|| {
                    view! { <p class="muted" data-testid="demo-note">{t!(i18n, footer.demo_note)}</p> }
                })
            })}
        </Suspense>
    }
}

/// "Menu" on a narrow screen, where the header's links would take a third of it: a checkbox
/// and its label, so the menu opens before the client has loaded too (CSS shows the menu while
/// it is checked). It closes again when the page changes.
#[component]
fn MenuToggle() -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    view! {
        <input type="checkbox" id="menu-open" class="menu-check" data-testid="menu-open"
            prop:checked=open on:change=move |ev| open.set(event_target_checked(&ev)) />
        <label for="menu-open" class="menu-toggle" data-testid="menu-toggle">
            <span aria-hidden="true">"☰ "</span>{t!(i18n, nav.menu)}
        </label>
    }
}

/// The language switch of a light page, whose text the server rendered: a link to the same
/// page with `?lang=`, which the server renders in that language and remembers in the language
/// cookie (`server::routes::language_choice`). No script.
#[component]
fn LanguageLink() -> impl IntoView {
    let i18n = use_i18n();
    let location = leptos_router::hooks::use_location();
    let other = match i18n.get_locale_untracked() {
        Locale::vi => "en",
        Locale::en => "vi",
    };
    let href = crate::domain::language::switch_href(
        &location.pathname.get_untracked(),
        &location.search.get_untracked(),
        other,
    );
    view! {
        <a class="lang-switch" href=href hreflang=other data-testid="lang-switch"
            title=t_string!(i18n, lang.switch_title).to_string()>
            {t!(i18n, lang.switch)}
        </a>
    }
}

/// Switches between Vietnamese (default) and English; the choice is kept in a cookie, so it
/// survives reloads and the server renders the next page in it.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let toggle = move |_| {
        let next = match i18n.get_locale() {
            Locale::vi => Locale::en,
            Locale::en => Locale::vi,
        };
        i18n.set_locale(next);
    };
    view! {
        <button
            type="button"
            class="lang-switch"
            data-testid="lang-switch"
            title=move || t_string!(i18n, lang.switch_title).to_string()
            on:click=toggle
        >
            {t!(i18n, lang.switch)}
        </button>
    }
}
