//! A part of a light page that follows its own filters and links without reloading the page
//! (the dashboard's filters, bars and pager): a change in one of its GET forms, or a click on a
//! link to the same page with other parameters, fetches that address from the server and puts
//! the server's new rendering of this part in place of the old one, and the address bar
//! follows. So the browser needs no code to render the part itself — only this island, a few
//! KiB — and what it shows is exactly what a reload would show. Anything else (another page, a
//! failed fetch, an expired session) is left to a plain page load.
//!
//! An island inside the part may ask for it again after a change (`refresh`, the dossier page
//! after each action): the new rendering's islands are hydrated as it is put in place.
use leptos::prelude::*;

/// The attribute marking the part, in this page and in the fetched one.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] // used in the browser
const REGION: &str = "data-live-region";

#[island]
pub fn LiveRegion(children: Children) -> impl IntoView {
    // Back and Forward move through the addresses pushed below; the page at such an address
    // is the server's to render. A move within the page (a `#` link) is not one of them.
    #[cfg(feature = "hydrate")]
    {
        client::note_shown(&client::address_now());
        let _ = window_event_listener(leptos::ev::popstate, |_| client::moved_in_history());
    }
    view! {
        <div
            data-live-region=""
            on:change=move |ev| client::changed(&ev)
            on:submit=move |ev| client::submitted(&ev)
            on:click=move |ev| client::clicked(&ev)
        >
            {children()}
        </div>
    }
}

/// Loads this page's live region again from the server and puts it in place, its islands
/// hydrated, without moving the address or the scroll position. `done` names the change just
/// made, for the server to confirm it in the new rendering (`?done=…`); "" for none.
pub fn refresh(done: &'static str) {
    #[cfg(feature = "hydrate")]
    client::refresh(done);
    #[cfg(not(feature = "hydrate"))]
    let _ = done;
}

/// Refreshes the live region (`refresh`) each time `action` succeeds. A refused submission
/// leaves the form as it is, with what the user typed and the problems beside the fields.
pub fn refresh_on_success<A>(action: ServerAction<A>, done: &'static str)
where
    A: leptos::server_fn::ServerFn + Clone + Send + Sync + 'static,
    A::Output: Send + Sync + 'static,
    A::Error: Send + Sync + 'static,
{
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            refresh(done);
        }
    });
}

/// A query without its empty fields (`commune=`), as the server's own links leave them out.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] // used in the browser
fn without_empty_fields(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.ends_with('='))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] // used in the browser
fn path_of(href: &str) -> &str {
    href.split(['?', '#']).next().unwrap_or_default()
}

/// Whether `href` is this page (path `here`) with other parameters: a path on this site, not
/// a full address.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] // used in the browser
fn same_page(href: &str, here: &str) -> bool {
    href.starts_with('/') && !href.starts_with("//") && path_of(href) == here
}

#[cfg(feature = "hydrate")]
mod client {
    use std::cell::Cell;

    use leptos::prelude::*;
    use leptos::wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{DomParser, Element, FormData, HtmlFormElement, Response, SupportedType};

    use super::{REGION, path_of, same_page, without_empty_fields};
    use crate::domain::query::with_param;

    thread_local! {
        /// The latest load asked for: an earlier one that answers later is dropped.
        static LATEST: Cell<u32> = const { Cell::new(0) };
        /// The address (path and query) whose rendering the region shows.
        static SHOWN: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    }

    pub fn changed(ev: &leptos::ev::Event) {
        if let Some(form) = target(ev).and_then(|t| t.closest("form").ok().flatten())
            && let Ok(form) = form.dyn_into::<HtmlFormElement>()
        {
            follow_form(&form);
        }
    }

    pub fn submitted(ev: &leptos::ev::SubmitEvent) {
        if let Some(form) = target(ev).and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
            && follow_form(&form)
        {
            ev.prevent_default();
        }
    }

    pub fn clicked(ev: &leptos::ev::MouseEvent) {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return; // a new tab or window: the browser's
        }
        let Some(link) = target(ev).and_then(|t| t.closest("a[href]").ok().flatten()) else {
            return;
        };
        let Some(href) = link.get_attribute("href") else {
            return;
        };
        if link.has_attribute("download") || !same_page(&href, &here()) {
            return;
        }
        ev.prevent_default();
        swap(href, true);
    }

    fn here() -> String {
        window().location().pathname().unwrap_or_default()
    }

    fn target(ev: &web_sys::Event) -> Option<Element> {
        ev.target()?.dyn_into::<Element>().ok()
    }

    /// A GET form of this page: load the address it would submit to.
    fn follow_form(form: &HtmlFormElement) -> bool {
        let action = form.get_attribute("action").unwrap_or_default();
        if !form.method().eq_ignore_ascii_case("get") || !same_page(&action, &here()) {
            return false;
        }
        let Ok(data) = FormData::new_with_form(form) else {
            return false;
        };
        let Ok(query) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else {
            return false;
        };
        let query: String = query.to_string().into();
        let href = format!("{}?{}", path_of(&action), without_empty_fields(&query));
        swap(href, true);
        true
    }

    /// Back or Forward: the server renders the address, unless only its `#` part moved.
    pub fn moved_in_history() {
        let now = address_now();
        if SHOWN.with(|shown| shown.borrow().as_deref() != Some(now.as_str())) {
            let _ = window().location().reload();
        }
    }

    /// The address bar's path and query.
    pub fn address_now() -> String {
        let location = window().location();
        format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        )
    }

    pub fn note_shown(address: &str) {
        let address = address.trim_end_matches('?').to_owned();
        SHOWN.with(|shown| *shown.borrow_mut() = Some(address));
    }

    /// The header's language link (`LanguageLink`) follows the address, so switching the
    /// language keeps the filters chosen since the page was loaded.
    fn follow_language_link(href: &str) {
        note_shown(href);
        let Ok(Some(link)) = document().query_selector("a.lang-switch[hreflang]") else {
            return;
        };
        let lang = link.get_attribute("hreflang").unwrap_or_default();
        let (path, query) = href.split_once('?').unwrap_or((href, ""));
        let _ = link.set_attribute(
            "href",
            &crate::domain::language::switch_href(path, query, &lang),
        );
    }

    pub fn refresh(done: &str) {
        let location = window().location();
        let path = location.pathname().unwrap_or_default();
        // Any earlier `done` is dropped.
        let query = with_param(&location.search().unwrap_or_default(), "done", done);
        swap(format!("{path}?{query}"), false);
    }

    /// Puts the server's rendering of the part at `href` in place; `push`: and moves the
    /// address there (a new entry in the history).
    fn swap(href: String, push: bool) {
        let ticket = LATEST.with(|latest| {
            latest.set(latest.get().wrapping_add(1));
            latest.get()
        });
        let region = document()
            .query_selector(&format!("[{REGION}]"))
            .ok()
            .flatten();
        if let Some(region) = &region {
            let _ = region.set_attribute("aria-busy", "true");
        }
        leptos::task::spawn_local(async move {
            let fresh = fetch_region(&href).await;
            if LATEST.with(Cell::get) != ticket {
                return; // a later load has taken over
            }
            match (region, fresh) {
                (Some(region), Some(html)) => {
                    region.set_inner_html(&html);
                    hydrate_islands_in(&region);
                    let _ = region.remove_attribute("aria-busy");
                    if push && let Ok(history) = window().history() {
                        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&href));
                        follow_language_link(&href);
                    }
                }
                _ => {
                    let _ = window().location().assign(&href);
                }
            }
        });
    }

    /// Hydrates the islands of a fresh rendering, in the same task that put it in place (so
    /// no click can reach a button that does not answer yet), through the hook the page's
    /// island script leaves for this (`window.__hydrateIsland`).
    fn hydrate_islands_in(region: &Element) {
        use web_sys::js_sys::{Function, Reflect};
        let Some(hydrate) = Reflect::get(&window(), &JsValue::from_str("__hydrateIsland"))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
        else {
            return;
        };
        let Ok(islands) = region.query_selector_all("leptos-island") else {
            return;
        };
        for index in 0..islands.length() {
            let Some(island) = islands.item(index) else {
                continue;
            };
            let name = island
                .dyn_ref::<Element>()
                .and_then(|e| e.get_attribute("data-component"))
                .unwrap_or_default();
            let _ = hydrate.call2(&JsValue::NULL, &island, &JsValue::from_str(&name));
        }
    }

    /// The server's rendering of the part at `href`; `None` when the answer is not that page
    /// (an error status, or a redirect to the sign-in page).
    async fn fetch_region(href: &str) -> Option<String> {
        let response: Response = JsFuture::from(window().fetch_with_str(href))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if !response.ok() || response.redirected() {
            return None;
        }
        let text = JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        let page = DomParser::new()
            .ok()?
            .parse_from_string(&text, SupportedType::TextHtml)
            .ok()?;
        Some(
            page.query_selector(&format!("[{REGION}]"))
                .ok()??
                .inner_html(),
        )
    }
}

#[cfg(not(feature = "hydrate"))]
mod client {
    pub fn changed(_: &leptos::ev::Event) {}
    pub fn submitted(_: &leptos::ev::SubmitEvent) {}
    pub fn clicked(_: &leptos::ev::MouseEvent) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_are_left_out_of_the_address() {
        assert_eq!(
            without_empty_fields("year=2026&commune=&stars=4&kind="),
            "year=2026&stars=4"
        );
        assert_eq!(without_empty_fields("commune=&kind="), "");
        assert_eq!(without_empty_fields(""), "");
    }

    #[test]
    fn only_links_to_the_same_page_are_followed_in_place() {
        assert!(same_page("/dashboard?commune=06463", "/dashboard"));
        assert!(same_page("/dashboard", "/dashboard"));
        assert!(same_page("/dashboard#list", "/dashboard"));
        assert!(!same_page("/commune/dossiers?state=checked", "/dashboard"));
        assert!(!same_page("/dashboard/other", "/dashboard"));
        assert!(!same_page("//evil.example/dashboard", "/dashboard"));
        assert!(!same_page("https://evil.example/dashboard", "/dashboard"));
        assert!(!same_page("?stars=4", "/dashboard"));
    }
}
