//! Light public pages: what a QR code opens (`/products/{id}`, `/lots/{id}`) is rendered on
//! the server as plain HTML with the site's stylesheet and **no script** — nothing on these
//! pages is interactive, so a cheap phone on a slow network loads a few kilobytes instead of the
//! whole wasm client. The same components as everywhere else render them, outside the router,
//! in the visitor's language: `?lang=` (which also sets the site's language cookie), else the
//! cookie, else Accept-Language, else Vietnamese.
use leptos::prelude::*;

use crate::i18n::{Locale, t, use_i18n};

/// The cookie in which the app keeps the chosen language (leptos_i18n's default name).
pub const LANGUAGE_COOKIE: &str = "i18n_pref_locale";

/// The language of a light page: `query` (`?lang=`), else `cookie`, else the first of "vi"
/// and "en" in `accept_language` by preference, else Vietnamese.
pub fn pick_locale(
    query: Option<&str>,
    cookie: Option<&str>,
    accept_language: Option<&str>,
) -> Locale {
    let known = |s: &str| match s.trim().to_ascii_lowercase().as_str() {
        "en" => Some(Locale::en),
        "vi" => Some(Locale::vi),
        _ => None,
    };
    if let Some(l) = query.and_then(known).or_else(|| cookie.and_then(known)) {
        return l;
    }
    // "en-GB,en;q=0.9,vi;q=0.5": the highest q of a language we speak wins.
    let mut best: Option<(f32, Locale)> = None;
    for part in accept_language.unwrap_or_default().split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or_default().trim();
        let primary = tag.split('-').next().unwrap_or_default();
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        if let Some(l) = known(primary)
            && best.is_none_or(|(b, _)| q > b)
        {
            best = Some((q, l));
        }
    }
    best.map_or(Locale::vi, |(_, l)| l)
}

/// A whole HTML document around `body`, rendered in `locale`; `path` is the page's own path
/// (for the language link); `demo` says the server runs in demo mode (the footer says so).
pub fn document(
    locale: Locale,
    title: &str,
    path: &str,
    demo: bool,
    body: impl FnOnce() -> AnyView + Send + 'static,
) -> String {
    let lang = match locale {
        Locale::en => "en",
        Locale::vi => "vi",
    };
    let path = path.to_owned();
    // A root of its own: `Owner::new()` would make the page a child of whatever owner is
    // current on this worker thread — leptos_axum leaves each request's there — and that
    // request ending would dispose the page's language mid-render. `new_root` makes itself the
    // thread's current owner: the one found is put back after.
    let found = Owner::current();
    let owner = Owner::new_root(None);
    let html = owner.with(move || {
        // The language the server chose, fixed: no cookie to write, so no effect left running
        // after the page is rendered (the provider's, when the owner was already gone, panicked).
        provide_context(leptos_i18n::context::fixed_i18n_context(locale));
        view! { <Frame path demo>{body()}</Frame> }.to_html()
    });
    owner.unset();
    if let Some(found) = found {
        found.set();
    }
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} — OCOP Lạng Sơn</title><link rel=\"icon\" href=\"/favicon.svg\" \
         type=\"image/svg+xml\"><link rel=\"stylesheet\" href=\"{}\"></head>\
         <body data-light=\"true\">{html}</body></html>",
        crate::components::text_area::escape_html(title),
        crate::assets::stylesheet_href()
    )
}

/// The site's header and footer without anything that needs a script: the language is a link,
/// the menu on a phone a checkbox. The same menu as the rest of the site; the account links are
/// those of a visitor, which the server swaps for a signed-in visitor's (`account_links`).
#[component]
fn Frame(path: String, demo: bool, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let other = match locale {
        Locale::vi => "en",
        Locale::en => "vi",
    };
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <a href="/" class="brand">
                <span class="brand-mark" aria-hidden="true">"OCOP"</span>
                <span class="brand-name">{t!(i18n, app_name)}</span>
                <span class="brand-short">{t!(i18n, app_short)}</span>
            </a>
            <input type="checkbox" id="menu-open" class="menu-check" />
            <label for="menu-open" class="menu-toggle"><span aria-hidden="true">"☰ "</span>{t!(i18n, nav.menu)}</label>
            <div class="site-menu" id="site-menu">
                <div class="user-menu" inner_html=account_links(locale, None)></div>
                <a class="lang-switch" href=format!("{path}?lang={other}") hreflang=other data-testid="lang-switch">{t!(i18n, lang.switch)}</a>
                <nav class="site-nav">
                    <a href="/">{t!(i18n, nav.home)}</a>
                    <a href="/units">{t!(i18n, nav.units)}</a>
                    <a href="/catalog" data-testid="nav-catalog">{t!(i18n, nav.catalog)}</a>
                </nav>
            </div>
        </header>
        <main id="main" class="site-main">{children()}</main>
        <footer class="site-footer">
            <p>{t!(i18n, footer.owner)}</p>
            {demo.then(|| view! { <p class="muted">{t!(i18n, footer.demo_note)}</p> })}
        </footer>
    }
}

/// Who is looking at a light page, for its header: their name and work area.
pub struct Visitor {
    pub name: String,
    pub area: &'static str,
}

/// The header's account links as HTML: "register, sign in" for a visitor, "work area,
/// notifications, name" for someone signed in (signing out is on the other pages, where it is
/// a form).
pub fn account_links(locale: Locale, visitor: Option<&Visitor>) -> String {
    use crate::components::text_area::escape_html;
    use crate::i18n::td_string;
    match visitor {
        None => format!(
            "<a href=\"/register\">{}</a><a href=\"/login\" class=\"sign-in-link\">{}</a>",
            td_string!(locale, nav.register),
            td_string!(locale, nav.sign_in)
        ),
        Some(v) => format!(
            "<a href=\"{}\" data-testid=\"work-area\">{}</a><a href=\"/notifications\">{}</a>\
             <a href=\"/account\" data-testid=\"user-name\">{}</a>",
            v.area,
            td_string!(locale, nav.work_area),
            td_string!(locale, nav.notifications),
            escape_html(&v.name)
        ),
    }
}

/// A kept light page as a signed-in visitor sees it: the visitor's account links in its header.
pub fn for_visitor(html: &str, locale: Locale, visitor: &Visitor) -> String {
    html.replacen(
        &account_links(locale, None),
        &account_links(locale, Some(visitor)),
        1,
    )
}

/// The "not found" page body for a light page.
#[component]
pub fn LightNotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="not-found" data-testid="not-found">
            <h1>{t!(i18n, not_found.title)}</h1>
            <p>{t!(i18n, not_found.body)}</p>
            <p><a href="/">{t!(i18n, not_found.home)}</a></p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_follows_the_link_then_the_cookie_then_the_browser() {
        assert_eq!(pick_locale(None, None, None), Locale::vi);
        assert_eq!(pick_locale(None, None, Some("en-US,en;q=0.9")), Locale::en);
        assert_eq!(
            pick_locale(None, None, Some("fr,en;q=0.4,vi;q=0.8")),
            Locale::vi
        );
        assert_eq!(pick_locale(None, None, Some("fr,de")), Locale::vi);
        assert_eq!(pick_locale(None, Some("en"), Some("vi")), Locale::en);
        assert_eq!(pick_locale(Some("vi"), Some("en"), Some("en")), Locale::vi);
        assert_eq!(pick_locale(Some("xx"), None, Some("en")), Locale::en);
    }

    #[tokio::test]
    async fn a_document_is_whole_html_in_its_language_without_scripts() {
        // The server runs on tokio's executor (leptos_axum sets it); a test sets it itself.
        // Rendering may spawn local tasks, which tokio runs only inside a `LocalSet` (without
        // one the test failed whenever it was the first to set the executor).
        let _ = any_spawner::Executor::init_tokio();
        tokio::task::LocalSet::new()
            .run_until(async { renders_whole_documents() })
            .await;
    }

    /// leptos_axum leaves each request's owner as the current one on its worker thread. A
    /// light page rendered next on that thread must not belong to it: when that request ended
    /// mid-render, the page's language was disposed under it and the server panicked (seen
    /// as a dropped reply to `/catalog` in the soak, `end2end/soak.mjs`).
    #[tokio::test]
    async fn a_document_survives_the_end_of_another_request_on_its_thread() {
        let _ = any_spawner::Executor::init_tokio();
        tokio::task::LocalSet::new()
            .run_until(async { survives_the_end_of_another_request() })
            .await;
    }

    fn survives_the_end_of_another_request() {
        let other_request = Owner::new_root(None);
        let html = document(Locale::en, "x", "/catalog", false, move || {
            other_request.cleanup();
            let i18n = use_i18n();
            view! { <p>{t!(i18n, not_found.home)}</p> }.into_any()
        });
        assert!(html.contains("<p>Back to the home page"), "{html}");
    }

    fn renders_whole_documents() {
        let html = document(Locale::en, "Na <Chi Lăng>", "/products/1", true, || {
            view! { <LightNotFound /> }.into_any()
        });
        assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"));
        assert!(html.contains("Na &lt;Chi Lăng&gt;"));
        assert!(html.contains("/products/1?lang=vi"));
        assert!(!html.contains("<script"), "{html}");
        let vi = document(Locale::vi, "x", "/", false, || {
            view! { <LightNotFound /> }.into_any()
        });
        assert!(vi.contains("Không tìm thấy trang"));
        // A signed-in visitor sees their own links instead of "sign in", their name escaped.
        assert!(vi.contains(">Đăng nhập</a>"));
        let visitor = Visitor {
            name: "Bà <Lan>".into(),
            area: "/producer",
        };
        let theirs = for_visitor(&vi, Locale::vi, &visitor);
        assert!(!theirs.contains(">Đăng nhập</a>"), "{theirs}");
        assert!(theirs.contains("href=\"/producer\""));
        assert!(theirs.contains("Bà &lt;Lan&gt;"));
    }
}
