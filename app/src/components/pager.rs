//! "Previous / next page" links for lists filtered by the address bar: the filters stay, only
//! `page` changes, so a page can be bookmarked and works without JavaScript.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{t, use_i18n};

/// `path?name=value&…` with every value percent-encoded; empty values are left out.
pub fn href_with(path: &str, params: &[(&str, String)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{name}={}", encode(value)))
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// Percent-encodes everything but unreserved characters (a query value, a `data:` URL).
pub use crate::domain::text::percent_encode as encode;

/// Links to the neighbouring pages. `pages` is the page count when known; `has_more` says
/// whether a next page exists when it is not.
#[component]
pub fn Pager(
    #[prop(into)] path: String,
    /// The filters, without `page`.
    params: Vec<(&'static str, String)>,
    page: usize,
    #[prop(optional)] pages: Option<usize>,
    has_more: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let link = move |to: usize| {
        let mut all = params.clone();
        if to > 1 {
            all.push(("page", to.to_string()));
        }
        href_with(&path, &all)
    };
    let previous = (page > 1).then(|| link(page - 1));
    let next = has_more.then(|| link(page + 1));
    let position = match pages {
        Some(pages) => format!("{page} / {pages}"),
        None => page.to_string(),
    };
    view! {
        <nav class="pager" aria-label="pagination">
            {previous.map(|href| view! { <A href=href attr:rel="prev">"← "{t!(i18n, pager.previous)}</A> })}
            <span class="muted" data-testid="pager-position">{t!(i18n, pager.page)}" "{position}</span>
            {next.map(|href| view! { <A href=href attr:rel="next">{t!(i18n, pager.next)}" →"</A> })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_encoded_and_empty_ones_dropped() {
        assert_eq!(
            href_with(
                "/admin/accounts",
                &[("q", "Lạng Sơn & co".into()), ("role", String::new())]
            ),
            "/admin/accounts?q=L%E1%BA%A1ng%20S%C6%A1n%20%26%20co"
        );
        assert_eq!(href_with("/admin/audit", &[]), "/admin/audit");
    }
}
