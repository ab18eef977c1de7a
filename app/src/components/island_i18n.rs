//! The language inside an island. Context does not cross from the server's page into an island
//! in the browser, so each island of a light page opens its own i18n context: in the browser it
//! takes the page's language from `<html lang>`, which the server set; on the server it is the
//! page's own context.
use leptos::prelude::*;

use crate::i18n::I18nContextProvider;
use crate::ignore_browser_language;

#[component]
pub fn IslandI18n(children: Children) -> impl IntoView {
    view! {
        <I18nContextProvider
            set_lang_attr_on_html=false
            set_dir_attr_on_html=false
            ssr_lang_header_getter=ignore_browser_language()
        >
            {children()}
        </I18nContextProvider>
    }
}
