//! The page frame: header with navigation and language switch, main area, footer.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::session::UserMenu;
use crate::i18n::{Locale, t, t_string, use_i18n};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
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
                <UserMenu />
                <LanguageSwitch />
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
            <DemoNote />
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
        let shown = hydrated.try_get().unwrap_or(false);
        matches!(demo.try_get().flatten().filter(|_| shown), Some(Ok(true))).then(|| {
            view! { <p class="muted" data-testid="demo-note">{t!(i18n, footer.demo_note)}</p> }
        })
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
