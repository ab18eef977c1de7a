//! The light public pages (`/products/{id}`, `/lots/{id}`, `/catalog`, `/decisions`): what QR
//! codes open, the catalogue and the published results of each round, kept rendered in `page_cache` — rendered by
//! `app::routes::public::light` as HTML with no script, in the visitor's language. `?lang=`
//! also sets the site's language cookie, so the rest of the site follows.
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use leptos::prelude::*;

use app::i18n::Locale;
use app::routes::catalog::CatalogView;
use app::routes::public::decisions::{DecisionView, DecisionsView};
use app::routes::public::light::{self, LANGUAGE_COOKIE, LightNotFound, Visitor};
use app::routes::traceability::public_lot::PublicLotView;
use app::routes::traceability::public_product::PublicProductView;
use app::services::ServiceError;
use app::state::AppState;
use tower_sessions::Session;

use crate::admission::{Lookup, look_up};
use crate::exports::base_and_today;
use crate::page_cache::{Key, Page, PageCache, Pending};

/// The query string; only `lang` is read.
type LangQuery = std::collections::HashMap<String, String>;

pub async fn product(
    State(state): State<AppState>,
    Extension(cache): Extension<PageCache>,
    headers: HeaderMap,
    session: Session,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
) -> Response {
    let locale = locale_of(&headers, query.get("lang").map(String::as_str));
    let visitor = visitor_of(&state, &session, locale).await;
    let (base, today) = base_and_today(&state, &headers);
    // The id as a number: "/products/007" and "/products/7" are one page; junk is not kept.
    let id = id.parse::<i32>().ok();
    let key = Key::new(
        "/products",
        &id.map_or_else(String::new, |n| n.to_string()),
        locale,
        &base,
        today,
    );
    let (pending, _turn) = match look_up(&state, &cache, key, &headers).await {
        Lookup::Kept(page) => return serve(page, &headers, &query, visitor.as_ref()),
        Lookup::Busy(busy) => return busy,
        Lookup::Render(pending, turn) => (pending, turn),
    };
    let found = match id.ok_or(()) {
        Ok(id) => {
            app::services::traceability::public_product::product(
                &state.readers,
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
    let rendered = render(
        found,
        (locale, state.demo_mode),
        &pending.key.path,
        |p| p.name.clone(),
        |p| view! { <PublicProductView p /> }.into_any(),
    );
    cached(
        &cache,
        pending,
        rendered,
        &headers,
        &query,
        visitor.as_ref(),
    )
}

pub async fn lot(
    State(state): State<AppState>,
    Extension(cache): Extension<PageCache>,
    headers: HeaderMap,
    session: Session,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
) -> Response {
    let locale = locale_of(&headers, query.get("lang").map(String::as_str));
    let visitor = visitor_of(&state, &session, locale).await;
    let (base, today) = base_and_today(&state, &headers);
    let id = id.parse::<i32>().ok();
    let key = Key::new(
        "/lots",
        &id.map_or_else(String::new, |n| n.to_string()),
        locale,
        &base,
        today,
    );
    let (pending, _turn) = match look_up(&state, &cache, key, &headers).await {
        Lookup::Kept(page) => return serve(page, &headers, &query, visitor.as_ref()),
        Lookup::Busy(busy) => return busy,
        Lookup::Render(pending, turn) => (pending, turn),
    };
    let found = match id.ok_or(()) {
        Ok(id) => {
            app::services::traceability::lots::public_trace(
                &state.readers,
                id,
                &base,
                today,
                &state.certificates,
            )
            .await
        }
        Err(_) => Err(ServiceError::NotFound),
    };
    let rendered = render(
        found,
        (locale, state.demo_mode),
        &pending.key.path,
        |l| format!("{} — {}", l.product_name, l.code),
        |l| view! { <PublicLotView l /> }.into_any(),
    );
    cached(
        &cache,
        pending,
        rendered,
        &headers,
        &query,
        visitor.as_ref(),
    )
}

/// Keeps a rendered page (found or 404) and serves it; a failure is answered, not kept.
fn cached(
    cache: &PageCache,
    pending: Pending,
    rendered: Result<(StatusCode, String), StatusCode>,
    headers: &HeaderMap,
    query: &LangQuery,
    visitor: Option<&(Locale, Visitor)>,
) -> Response {
    match rendered {
        Ok((status, html)) => {
            let page = Page::new(status, Bytes::from(html));
            cache.keep(pending, page.clone());
            serve(page, headers, query, visitor)
        }
        Err(status) => status.into_response(),
    }
}

/// The page, or 304 when the visitor holds it already; browsers revalidate every time
/// (`no-cache`), so a change shows at once. A signed-in visitor gets the kept page with their
/// own account links in the header, never a 304 nor a copy another cache may keep.
fn serve(
    page: Page,
    headers: &HeaderMap,
    query: &LangQuery,
    visitor: Option<&(Locale, Visitor)>,
) -> Response {
    if let Some((locale, visitor)) = visitor {
        let html = String::from_utf8_lossy(&page.body);
        let mut response = (
            page.status,
            Html(light::for_visitor(&html, *locale, visitor)),
        )
            .into_response();
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
        return with_language(response, query.get("lang").map(String::as_str));
    }
    let mut response = if page.status == StatusCode::OK && page.matches(headers) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (page.status, Html(page.body.clone())).into_response()
    };
    let out = response.headers_mut();
    if let Ok(etag) = HeaderValue::from_str(&page.etag) {
        out.insert(header::ETAG, etag);
    }
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    // The language decides the page; shared caches must keep one copy per language.
    out.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    with_language(response, query.get("lang").map(String::as_str))
}

/// The HTML of what was found (or of the 404 page), or the status of a failure.
fn render<T: Send + 'static>(
    found: Result<T, ServiceError>,
    (locale, demo): (Locale, bool),
    path: &str,
    title: impl FnOnce(&T) -> String,
    body: fn(T) -> AnyView,
) -> Result<(StatusCode, String), StatusCode> {
    match found {
        Ok(found) => {
            let title = title(&found);
            Ok((
                StatusCode::OK,
                light::document(locale, &title, path, demo, move || body(found)),
            ))
        }
        Err(ServiceError::NotFound) => Ok((
            StatusCode::NOT_FOUND,
            light::document(locale, "404", path, demo, || {
                view! { <LightNotFound /> }.into_any()
            }),
        )),
        Err(err) => {
            tracing::error!(error = %err, path, "public page");
            Err(StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

/// `/catalog?q=&group=&commune=&stars=&kind=&sort=&page=`: the public catalogue.
pub async fn catalog(
    State(state): State<AppState>,
    Extension(cache): Extension<PageCache>,
    headers: HeaderMap,
    session: Session,
    Query(query): Query<LangQuery>,
) -> Response {
    let locale = locale_of(&headers, query.get("lang").map(String::as_str));
    let visitor = visitor_of(&state, &session, locale).await;
    // Each value capped, unknown parameters ignored, at most eight words searched: junk
    // addresses cannot make distinct pages without end.
    let field = |name: &str, max: usize| {
        query
            .get(name)
            .map(|v| v.trim().chars().take(max).collect::<String>())
            .unwrap_or_default()
    };
    let words = field("q", 100)
        .split_whitespace()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ");
    let wanted = app::models::catalog::CatalogQuery {
        q: words,
        group: field("group", 16),
        commune: field("commune", 16),
        stars: field("stars", 1),
        kind: field("kind", 4),
        sort: field("sort", 8),
        page: field("page", 6)
            .parse::<u64>()
            .unwrap_or(1)
            .clamp(1, 100_000),
    };
    let today = app::services::today_in_vietnam();
    // One page per distinct search (the parameters in a fixed order), like the QR pages.
    let searched = format!(
        "q={}&group={}&commune={}&stars={}&kind={}&sort={}&page={}",
        wanted.q, wanted.group, wanted.commune, wanted.stars, wanted.kind, wanted.sort, wanted.page
    );
    let key = Key::new("/catalog", &searched, locale, "", today);
    let (pending, _turn) = match look_up(&state, &cache, key, &headers).await {
        Lookup::Kept(page) => return serve(page, &headers, &query, visitor.as_ref()),
        Lookup::Busy(busy) => return busy,
        Lookup::Render(pending, turn) => (pending, turn),
    };
    let found = app::services::catalog::search(&state.readers, &wanted, today).await;
    let rendered = render(
        found,
        (locale, state.demo_mode),
        "/catalog",
        |_| "Danh mục sản phẩm OCOP / OCOP catalogue".to_owned(),
        |c| view! { <CatalogView c /> }.into_any(),
    );
    cached(
        &cache,
        pending,
        rendered,
        &headers,
        &query,
        visitor.as_ref(),
    )
}

/// `/decisions`: the rounds the province decided (`/decisions/{round}`: one round's list).
pub async fn decisions(
    State(state): State<AppState>,
    Extension(cache): Extension<PageCache>,
    headers: HeaderMap,
    session: Session,
    round: Option<Path<String>>,
    Query(query): Query<LangQuery>,
) -> Response {
    let locale = locale_of(&headers, query.get("lang").map(String::as_str));
    let visitor = visitor_of(&state, &session, locale).await;
    let today = app::services::today_in_vietnam();
    // The id as a number ("/decisions/007" is round 7); junk is no round and not kept apart.
    let round = round.map(|Path(id)| id.parse::<i32>().unwrap_or(-1));
    let key = Key::new(
        "/decisions",
        &round.map_or_else(String::new, |n| n.to_string()),
        locale,
        "",
        today,
    );
    let (pending, _turn) = match look_up(&state, &cache, key, &headers).await {
        Lookup::Kept(page) => return serve(page, &headers, &query, visitor.as_ref()),
        Lookup::Busy(busy) => return busy,
        Lookup::Render(pending, turn) => (pending, turn),
    };
    use app::services::evaluation::published;
    let rendered = match round {
        None => render(
            published::decided_rounds(&state.readers).await,
            (locale, state.demo_mode),
            "/decisions",
            |_| "Kết quả đánh giá, phân hạng OCOP / OCOP evaluation results".to_owned(),
            |rounds| view! { <DecisionsView rounds /> }.into_any(),
        ),
        Some(id) => render(
            published::results(
                &state.readers,
                id,
                today,
                state.certificates.expiring_within_days,
            )
            .await,
            (locale, state.demo_mode),
            &pending.key.path,
            |r| r.round.name.clone(),
            |results| view! { <DecisionView results /> }.into_any(),
        ),
    };
    cached(
        &cache,
        pending,
        rendered,
        &headers,
        &query,
        visitor.as_ref(),
    )
}

/// The signed-in visitor, if any, with the language of the page (a session that cannot be
/// read counts as no visitor: the page is public either way).
async fn visitor_of(
    state: &AppState,
    session: &Session,
    locale: Locale,
) -> Option<(Locale, Visitor)> {
    let account = app::auth::current::account(state, session).await.ok()??;
    Some((
        locale,
        Visitor {
            name: account.full_name,
            area: account.role.area().path(),
        },
    ))
}

pub(crate) fn locale_of(headers: &HeaderMap, query: Option<&str>) -> Locale {
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

    /// A signed-in visitor sees their own account links on a light page instead of "sign in";
    /// the kept page stays the visitor's, so nobody else ever sees their name.
    #[tokio::test]
    async fn a_signed_in_visitor_sees_their_links_and_the_kept_page_stays_anonymous() {
        use crate::test_support::{get_page, sign_in};
        let t = demo_app(Default::default()).await;
        for path in ["/products/1", "/lots/1", "/catalog"] {
            let (_, anonymous) = get_page(&t.router, path, None).await;
            assert!(anonymous.contains(">Đăng nhập</a>"), "{path}");
            let cookie = sign_in(&t.router, "dongbanh@demo.vn", None).await;
            let (status, theirs) = get_page(&t.router, path, Some(&cookie)).await;
            assert_eq!(status, 200, "{path}");
            assert!(!theirs.contains(">Đăng nhập</a>"), "{path}");
            assert!(
                theirs.contains("href=\"/producer\" data-testid=\"work-area\""),
                "{path}"
            );
            let (_, after) = get_page(&t.router, path, None).await;
            assert_eq!(
                after, anonymous,
                "{path}: the kept page must not hold a visitor's links"
            );
        }
    }

    /// The published results: the decided rounds, each round's recognised products with their
    /// stars, linked from the catalogue; a round not decided (or junk) is not found.
    #[tokio::test]
    async fn the_decided_rounds_are_published_with_their_products() {
        let t = demo_app(Default::default()).await;
        let (_, _, catalog) = get(&t.router, "/catalog", None).await;
        assert!(catalog.contains("href=\"/decisions\""));
        let (status, _, list) = get(&t.router, "/decisions", None).await;
        assert_eq!(status, StatusCode::OK);
        let round = list
            .split("href=\"/decisions/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a decided demo round")
            .to_owned();
        let (status, _, page) = get(&t.router, &format!("/decisions/{round}"), None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("data-testid=\"decision-product\""), "{page}");
        assert!(page.contains("href=\"/certificates/"));
        // The open demo round (scoring) is not published.
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let open = app::entities::evaluation_round::Entity::find()
            .filter(
                app::entities::evaluation_round::Column::Phase
                    .ne(app::domain::round::Phase::Decided),
            )
            .one(&t.db)
            .await
            .unwrap()
            .expect("an open demo round");
        for path in [
            format!("/decisions/{}", open.id),
            "/decisions/abc".to_owned(),
        ] {
            let (status, _, _) = get(&t.router, &path, None).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        }
    }

    /// A QR page is rendered once and answered from memory with its ETag (304 when the
    /// visitor holds it); any write through the server empties the cache.
    #[tokio::test]
    async fn qr_pages_are_kept_with_an_etag_until_something_changes() {
        use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
        let t = demo_app(Default::default()).await;
        let fetch = |etag: Option<String>| {
            let app = t.router.clone();
            async move {
                let mut request = Request::get("/products/1").header(header::HOST, "ocop.test");
                if let Some(etag) = etag {
                    request = request.header(header::IF_NONE_MATCH, etag);
                }
                let response = app
                    .oneshot(request.body(Body::empty()).unwrap())
                    .await
                    .unwrap();
                let status = response.status();
                let etag = response
                    .headers()
                    .get(header::ETAG)
                    .map(|v| v.to_str().unwrap().to_owned());
                let body = to_bytes(response.into_body(), 1 << 22).await.unwrap();
                (status, etag, String::from_utf8(body.to_vec()).unwrap())
            }
        };
        let (status, etag, first) = fetch(None).await;
        assert_eq!(status, StatusCode::OK);
        let etag = etag.expect("an ETag");
        let (status, again, body) = fetch(Some(etag.clone())).await;
        assert_eq!(
            (status, again.as_deref(), body.as_str()),
            (StatusCode::NOT_MODIFIED, Some(etag.as_str()), "")
        );

        // Changed behind the server's back: still the kept page.
        let product = app::entities::product::Entity::find_by_id(1)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let mut renamed: app::entities::product::ActiveModel = product.into();
        renamed.name = Set("Tên mới sau khi sửa".into());
        renamed.update(&t.db).await.unwrap();
        assert_eq!(fetch(None).await.2, first);
        // A refused product save changes nothing: the kept page stays (a flood of refused
        // posts cannot empty every server's cache). A save that goes through empties it
        // (`attacks::page_cache`).
        let refused = Request::post("/api/save_product")
            .header(header::HOST, "ocop.test")
            .header(header::ORIGIN, "http://ocop.test")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::empty())
            .unwrap();
        t.router.clone().oneshot(refused).await.unwrap();
        assert_eq!(fetch(None).await.2, first);
        t.page_cache.clear();
        let (status, changed_etag, fresh) = fetch(Some(etag.clone())).await;
        assert_eq!(status, StatusCode::OK);
        assert!(fresh.contains("Tên mới sau khi sửa"));
        assert_ne!(changed_etag.as_deref(), Some(etag.as_str()));
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
