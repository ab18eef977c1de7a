//! The language inside an island. Context does not cross from the server's page into an island
//! in the browser, so each island of a light page opens its own i18n context there: fixed to
//! the page's language, which the server chose and wrote in `<html lang>` (changing it is a
//! link the server answers, `LanguageLink`). No cookie is read or written in the browser, which
//! keeps the cookie code out of the light client. On the server the island renders inside the
//! page's own context.
use leptos::prelude::*;

#[component]
pub fn IslandI18n(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let locale = document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|lang| lang.parse::<crate::i18n::Locale>().ok())
            .unwrap_or_default();
        provide_context(leptos_i18n::context::fixed_i18n_context(locale));
    }
    children()
}
