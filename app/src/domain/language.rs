//! Choosing the interface language with a link (`?lang=vi|en`): how light pages switch it
//! without a script. The server renders the page in the chosen language and keeps the choice
//! in the language cookie, as the whole client's switch does.

/// The languages a link may choose.
const LANGUAGES: [&str; 2] = ["vi", "en"];

/// The language a query (without its `?`) chooses, if any.
pub fn chosen(query: &str) -> Option<&'static str> {
    query
        .split('&')
        .filter_map(|pair| pair.strip_prefix("lang="))
        .find_map(|lang| LANGUAGES.into_iter().find(|known| *known == lang))
}

/// The address of this page (`path`, its query `search` with or without the `?`) in `lang`.
pub fn switch_href(path: &str, search: &str, lang: &str) -> String {
    format!("{path}?{}", super::query::with_param(search, "lang", lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_chooses_only_a_language_the_site_has() {
        assert_eq!(chosen("lang=en"), Some("en"));
        assert_eq!(chosen("stars=4&lang=vi"), Some("vi"));
        assert_eq!(chosen("lang=fr"), None);
        assert_eq!(chosen("language=en"), None);
        assert_eq!(chosen(""), None);
    }

    #[test]
    fn the_switch_keeps_the_page_and_its_filters() {
        assert_eq!(
            switch_href("/dashboard", "?stars=4", "en"),
            "/dashboard?stars=4&lang=en"
        );
        assert_eq!(
            switch_href("/dashboard", "stars=4&lang=en", "vi"),
            "/dashboard?stars=4&lang=vi"
        );
        assert_eq!(switch_href("/login", "", "en"), "/login?lang=en");
    }
}
