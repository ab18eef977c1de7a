//! The light public pages (`/products/{id}`, `/lots/{id}`): what QR codes open, rendered by
//! `app::routes::public::light` as HTML with no script, in the visitor's language. `?lang=`
//! also sets the site's language cookie, so the rest of the site follows.
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use leptos::prelude::*;

use app::i18n::Locale;
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
    Path(id): Path<i32>,
    Query(query): Query<LangQuery>,
) -> Response {
    let locale = locale_of(&headers, query.get("lang").map(String::as_str));
    let (base, today) = base_and_today(&state, &headers);
    let path = format!("/products/{id}");
    let found =
        app::services::public_products::product(&state.db, id, &base, today, &state.certificates)
            .await;
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
    Path(id): Path<i32>,
    Query(query): Query<LangQuery>,
) -> Response {
    let locale = locale_of(&headers, query.get("lang").map(String::as_str));
    let (base, today) = base_and_today(&state, &headers);
    let path = format!("/lots/{id}");
    let found =
        app::services::lots::public_trace(&state.db, id, &base, today, &state.certificates).await;
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
