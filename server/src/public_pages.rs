//! The light public pages (`/products/{id}`, `/lots/{id}`): what QR codes open, rendered by
//! `app::routes::public::light` as HTML with no script, in the visitor's language. `?lang=`
//! also sets the site's language cookie, so the rest of the site follows.
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use leptos::prelude::*;

use app::i18n::Locale;
use app::routes::public::catalog::CatalogView;
use app::routes::public::light::{self, LANGUAGE_COOKIE, LightNotFound};
use app::routes::public::lot::PublicLotView;
use app::routes::public::product::PublicProductView;
use app::services::ServiceError;
use app::state::AppState;

use crate::exports::base_and_today;

/// The query string; only `lang` is read.
type LangQuery = std::collections::HashMap<String, String>;

pub async fn product(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
) -> Response {
    let locale = locale_of(&headers, query.get("lang").map(String::as_str));
    let (base, today) = base_and_today(&state, &headers);
    let path = format!("/products/{id}");
    let found = match id.parse() {
        Ok(id) => {
            app::services::public_products::product(
                &state.db,
                id,
                &base,
                today,
                &state.certificates,
            )
            .await
        }
        // "/products/abc" is simply not a product.
        Err(_) => Err(ServiceError::NotFound),
    };
    respond(
        found,
        locale,
        &path,
        &query,
        |p| p.name.clone(),
        |p| view! { <PublicProductView p /> }.into_any(),
    )
}

pub async fn lot(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
) -> Response {
    let locale = locale_of(&headers, query.get("lang").map(String::as_str));
    let (base, today) = base_and_today(&state, &headers);
    let path = format!("/lots/{id}");
    let found = match id.parse() {
        Ok(id) => {
            app::services::lots::public_trace(&state.db, id, &base, today, &state.certificates)
                .await
        }
        Err(_) => Err(ServiceError::NotFound),
    };
    respond(
        found,
        locale,
        &path,
        &query,
        |l| format!("{} — {}", l.product_name, l.code),
        |l| view! { <PublicLotView l /> }.into_any(),
    )
}

/// The page for what was found (or the 404 page), with the language cookie when `?lang=` chose.
fn respond<T: Send + 'static>(
    found: Result<T, ServiceError>,
    locale: Locale,
    path: &str,
    query: &LangQuery,
    title: impl FnOnce(&T) -> String,
    body: fn(T) -> AnyView,
) -> Response {
    let response = match found {
        Ok(found) => {
            let title = title(&found);
            page(StatusCode::OK, locale, &title, path, move || body(found))
        }
        Err(err) => failure(err, locale, path),
    };
    with_language(response, query.get("lang").map(String::as_str))
}

/// `/catalog?q=&group=&commune=&stars=&kind=&sort=&page=`: the public catalogue.
pub async fn catalog(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LangQuery>,
) -> Response {
    let locale = locale_of(&headers, query.get("lang").map(String::as_str));
    let field = |name: &str| query.get(name).cloned().unwrap_or_default();
    let wanted = app::models::catalog::CatalogQuery {
        q: field("q").chars().take(100).collect(),
        group: field("group"),
        commune: field("commune"),
        stars: field("stars"),
        kind: field("kind"),
        sort: field("sort"),
        page: field("page").parse().unwrap_or(1),
    };
    let found =
        app::services::catalog::search(&state.db, &wanted, app::services::today_in_vietnam()).await;
    respond(
        found,
        locale,
        "/catalog",
        &query,
        |_| "Danh mục sản phẩm OCOP / OCOP catalogue".to_owned(),
        |c| view! { <CatalogView c /> }.into_any(),
    )
}

fn locale_of(headers: &HeaderMap, query: Option<&str>) -> Locale {
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            pair.trim()
                .strip_prefix(LANGUAGE_COOKIE)
                .and_then(|rest| rest.strip_prefix('='))
        });
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    light::pick_locale(query, cookie, accept)
}

fn page(
    status: StatusCode,
    locale: Locale,
    title: &str,
    path: &str,
    body: impl FnOnce() -> AnyView + Send + 'static,
) -> Response {
    let mut response = (status, Html(light::document(locale, title, path, body))).into_response();
    // The language decides the page; shared caches must keep one copy per language.
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    response
}

fn failure(err: ServiceError, locale: Locale, path: &str) -> Response {
    match err {
        ServiceError::NotFound => page(StatusCode::NOT_FOUND, locale, "404", path, || {
            view! { <LightNotFound /> }.into_any()
        }),
        err => {
            tracing::error!(error = %err, path, "public page");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `?lang=vi|en` is remembered like the site's own language switch.
fn with_language(mut response: Response, query: Option<&str>) -> Response {
    if let Some(lang) = query.filter(|l| matches!(*l, "vi" | "en"))
        && let Ok(value) = HeaderValue::from_str(&format!(
            "{LANGUAGE_COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax"
        ))
    {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use axum::body::{Body, to_bytes};
    use axum::http::{Request, StatusCode, header};
    use tower::ServiceExt;

    use crate::test_support::demo_app;

    async fn get(
        app: &axum::Router,
        path: &str,
        language: Option<&str>,
    ) -> (StatusCode, Option<String>, String) {
        let mut request = Request::get(path).header(header::HOST, "ocop.test");
        if let Some(language) = language {
            request = request.header(header::ACCEPT_LANGUAGE, language);
        }
        let response = app
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let cookie = response
            .headers()
            .get(header::SET_COOKIE)
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = to_bytes(response.into_body(), 1 << 22).await.unwrap();
        (status, cookie, String::from_utf8(bytes.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn qr_pages_are_html_without_script_in_the_visitors_language() {
        let t = demo_app(Default::default()).await;
        let (status, cookie, html) = get(&t.router, "/products/1", None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(cookie.is_none());
        assert!(html.starts_with("<!DOCTYPE html><html lang=\"vi\">"));
        assert!(html.contains("data-testid=\"public-product\""));
        assert!(!html.contains("<script"), "a light page has no script");
        assert!(!html.contains(".wasm"));

        let (_, _, english) = get(&t.router, "/lots/1", Some("en-GB,en;q=0.9")).await;
        assert!(english.starts_with("<!DOCTYPE html><html lang=\"en\">"));
        assert!(english.contains("data-testid=\"lot-trace\""));
        assert!(!english.contains("<script"));

        let (_, cookie, chosen) = get(&t.router, "/products/1?lang=en", Some("vi")).await;
        assert!(chosen.contains("lang=\"en\""));
        assert!(cookie.is_some_and(|c| c.starts_with("i18n_pref_locale=en;")));

        // The catalogue: a light page too; nonsense parameters are ignored, not errors.
        let (status, _, catalog) =
            get(&t.router, "/catalog?q=mat+ong&page=abc&stars=x", None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(catalog.contains("data-testid=\"catalog-card\""));
        assert!(!catalog.contains("<script"));

        for path in ["/products/999999", "/products/abc", "/lots/0", "/lots/x1"] {
            let (status, _, html) = get(&t.router, path, None).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
            assert!(html.contains("Không tìm thấy trang"), "{path}");
        }
    }
}
