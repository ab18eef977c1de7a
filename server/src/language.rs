//! `?lang=vi|en` on any page (the language switch of a light page is such a link): the page is
//! rendered in that language, and the choice is kept in the language cookie for the pages
//! after, as the whole client's switch keeps it.
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use app::domain::language;
use app::routes::public::light::LANGUAGE_COOKIE;

pub async fn language_choice(mut request: Request, next: Next) -> Response {
    let Some(lang) = request.uri().query().and_then(language::chosen) else {
        return next.run(request).await;
    };
    // The page is rendered from the request's cookies: they now say the new choice.
    let mut cookies: Vec<String> = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .map(str::trim)
        .filter(|pair| !pair.is_empty() && !pair.starts_with(&format!("{LANGUAGE_COOKIE}=")))
        .map(str::to_owned)
        .collect();
    cookies.push(format!("{LANGUAGE_COOKIE}={lang}"));
    if let Ok(value) = HeaderValue::from_str(&cookies.join("; ")) {
        request.headers_mut().insert(header::COOKIE, value);
    }
    let mut response = next.run(request).await;
    // One language cookie, for the whole site: the page's own renderer may have set one for
    // its path alone. Any other cookie the answer sets (a session's) stays.
    let others: Vec<HeaderValue> = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter(|value| !value.as_bytes().starts_with(LANGUAGE_COOKIE.as_bytes()))
        .cloned()
        .collect();
    let headers = response.headers_mut();
    headers.remove(header::SET_COOKIE);
    for value in others {
        headers.append(header::SET_COOKIE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&format!(
        "{LANGUAGE_COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax"
    )) {
        headers.append(header::SET_COOKIE, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, header};

    use crate::test_support::{answer, demo_app, get_page, sign_in};

    /// The page at `path` for `cookie`: its `<html lang>` and the language cookie it sets.
    async fn page(app: &axum::Router, path: &str, cookie: &str) -> (String, Option<String>) {
        let request = Request::get(path)
            .header(header::HOST, "ocop.test")
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap();
        let response = answer(app, request).await;
        let set = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("i18n_pref_locale="))
            .map(str::to_owned);
        let body = axum::body::to_bytes(response.into_body(), 1 << 22)
            .await
            .unwrap();
        let html = String::from_utf8_lossy(&body);
        let lang = html
            .split("<html lang=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default()
            .to_owned();
        (lang, set)
    }

    #[tokio::test]
    async fn a_link_renders_the_page_in_the_chosen_language_and_keeps_the_choice() {
        let t = demo_app(Default::default()).await;
        let session = sign_in(&t.router, "dongbanh@demo.vn", None).await;
        let (lang, set) = page(&t.router, "/producer?lang=en", &session).await;
        assert_eq!(lang, "en");
        assert!(set.is_some_and(|c| c.starts_with("i18n_pref_locale=en; Path=/;")));
        // Still signed in: the session's cookie went through beside the new choice.
        let (_, html) = get_page(&t.router, "/producer?lang=en", Some(&session)).await;
        assert!(
            html.contains("data-testid=\"entry-products\""),
            "the work area, not the sign-in page"
        );

        // The cookie says English; a link back to Vietnamese wins over it.
        let english = format!("{session}; i18n_pref_locale=en");
        assert_eq!(page(&t.router, "/producer", &english).await.0, "en");
        let (lang, set) = page(&t.router, "/producer?lang=vi", &english).await;
        assert_eq!(lang, "vi");
        assert!(set.is_some_and(|c| c.starts_with("i18n_pref_locale=vi;")));

        // A language the site does not have changes nothing.
        let (lang, set) = page(&t.router, "/login?lang=fr", "").await;
        assert_eq!((lang.as_str(), set), ("vi", None));
    }
}
