//! Where a sign-in leads: back to the page that sent an anonymous visitor to `/login`
//! (`/login?next=/rounds/2/dossiers/8`), or else the user's work area. Only an address on this
//! site is followed. Anything a browser could read as another site (`//host`, `/\host`, a
//! scheme, a tab or line break, which browsers drop from addresses) or an overlong value is
//! ignored, so a link to the sign-in page can never send someone elsewhere once they sign in.
//! Only printable ASCII passes: the address becomes a `Location` header, which holds nothing
//! else (a page whose address has other characters is left for the work area).

/// The longest `next` followed: no page of ours has a longer address.
pub const MAX_NEXT: usize = 512;

/// `next` if it is a page of this site to go to after signing in.
pub fn safe_next(next: &str) -> Option<&str> {
    let on_this_site = next.starts_with('/') && !next.starts_with("//");
    let plain = next.chars().all(|c| c.is_ascii_graphic() && c != '\\');
    // Back to the sign-in page would only show it again.
    let not_sign_in = next != "/login" && !next.starts_with("/login?");
    (next.len() <= MAX_NEXT && on_this_site && plain && not_sign_in).then_some(next)
}

/// The `next` of the sign-in page's raw query string (`next=%2Fdashboard%3Fx%3D1`), decoded
/// once, if it is a page to go back to. The router's query map decodes a value twice, which
/// would turn an escape inside the page's own query (`%26`, `%C4%91`) into what it stands for.
pub fn from_query(search: &str) -> Option<String> {
    let raw = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("next="))?;
    let next = super::text::percent_decode(raw)?;
    safe_next(&next).is_some().then_some(next)
}

/// The sign-in page, asked to come back to `path` (with its query, `search`) afterwards.
pub fn login_href(path: &str, search: &str) -> String {
    let search = search.trim_start_matches('?');
    let here = if search.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{search}")
    };
    match safe_next(&here) {
        Some(next) => format!("/login?next={}", super::text::percent_encode(next)),
        None => "/login".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_page_of_this_site_is_followed() {
        assert_eq!(
            safe_next("/rounds/2/dossiers/8"),
            Some("/rounds/2/dossiers/8")
        );
        assert_eq!(
            safe_next("/dashboard?stars=4&commune=06463"),
            Some("/dashboard?stars=4&commune=06463")
        );
    }

    #[test]
    fn another_site_or_a_strange_address_is_not() {
        for bad in [
            "",
            "https://evil.example/",
            "//evil.example/x",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "javascript:alert(1)",
            "rounds/2",
            "/login",
            "/login?next=/x",
            "/catalog?q=mật ong",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
        assert_eq!(safe_next(&format!("/{}", "a".repeat(MAX_NEXT))), None);
    }

    #[test]
    fn the_sign_in_link_carries_the_page_encoded() {
        assert_eq!(
            login_href("/rounds/2/dossiers/8", ""),
            "/login?next=%2Frounds%2F2%2Fdossiers%2F8"
        );
        assert_eq!(
            login_href("/dashboard", "?stars=4"),
            "/login?next=%2Fdashboard%3Fstars%3D4"
        );
        assert_eq!(login_href("//evil.example", ""), "/login");
    }

    #[test]
    fn the_page_comes_back_from_the_sign_in_link_as_it_was() {
        for page in [
            "/dashboard?x=%C4%91",
            "/dashboard?q=a%26b&stars=4",
            "/producer",
        ] {
            let link = login_href(page, "");
            let search = link.trim_start_matches("/login");
            assert_eq!(from_query(search).as_deref(), Some(page), "{link}");
        }
        assert_eq!(from_query("?next=%2F%2Fevil.example"), None);
        assert_eq!(from_query("?next=%ZZ"), None);
        assert_eq!(from_query("?other=1"), None);
    }

    proptest! {
        /// Every page the sign-in link may carry comes back unchanged.
        #[test]
        fn a_page_survives_the_sign_in_link(page in "/[!-~]{0,60}") {
            if safe_next(&page).is_some() {
                let link = login_href(&page, "");
                prop_assert_eq!(from_query(link.trim_start_matches("/login")), Some(page));
            }
        }

        /// Whatever comes in, what is followed starts with one slash and holds nothing a
        /// browser could read as another host.
        #[test]
        fn what_is_followed_stays_on_this_site(next in "\\PC{0,40}|/[/\\\\\t ]?\\PC{0,20}") {
            if let Some(followed) = safe_next(&next) {
                prop_assert!(followed.starts_with('/'));
                prop_assert!(!followed.starts_with("//"));
                prop_assert!(!followed.contains('\\'));
                prop_assert!(followed.chars().all(|c| c.is_ascii_graphic()));
            }
        }
    }
}
