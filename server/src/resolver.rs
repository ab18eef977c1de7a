//! The GS1-conformant resolver for Digital Links (`/01/<GTIN-14>[/22/…][/10/…][/21/…]`, or
//! `/235/…` after the GTIN), as HTTP, per GS1's Conformant Resolver standard:
//! - a person is redirected (307) to the link asked for (`linkType`, else the default: the
//!   recorded lot's trace page, else the product page, which speaks the visitor's language),
//!   with the request's query string passed on; a link type the item lacks is a 404;
//! - `?linkType=linkset` (or `all`) or `Accept: application/linkset+json` gets the RFC 9264
//!   link set, with a `Link` header to its JSON-LD context;
//! - the whole link is checked (path and GS1 data attributes in the query): a malformed one
//!   gets a 400 saying what is wrong — a page, or RFC 9457 JSON for a client asking JSON;
//! - GET, HEAD and OPTIONS are answered, all with CORS open to any origin, and the resolver
//!   describes itself at `/.well-known/gs1resolver` (`description`).
//!
//! Which link answers what is the service's (`services::traceability::resolver`); never a
//! panic.
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};

use app::domain::digital_link::{self, LinkProblem};
use app::i18n::Locale;
use app::routes::public::light;
use app::services::traceability::resolver::{self, Answer};
use app::state::AppState;
use leptos::prelude::*;

mod description;
pub use description::{CONTEXT_PATH, context, description};

pub async fn resolve(State(state): State<AppState>, headers: HeaderMap, uri: Uri) -> Response {
    let mut response = answer(&state, &headers, &uri).await;
    open_to_any_origin(response.headers_mut());
    response
}

async fn answer(state: &AppState, headers: &HeaderMap, uri: &Uri) -> Response {
    let page = page_of(state, headers, uri.path());
    let link = match digital_link::parse(uri.path(), uri.query()) {
        Ok(link) => link,
        Err(problem) => return bad_request(&problem, page),
    };
    let base = state.public_base(headers.get(header::HOST).and_then(|h| h.to_str().ok()));
    let link_type = digital_link::requested_type(uri.query());
    let accept = headers.get(header::ACCEPT).and_then(|a| a.to_str().ok());
    let answer =
        match resolver::resolve(&state.readers, &base, &link, link_type.as_deref(), accept).await {
            Ok(answer) => answer,
            Err(err) => {
                tracing::error!(error = %err, "resolver");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
    let anchor = digital_link::anchor(&base, &link);
    let mut links = vec![format!(
        "<{anchor}?linkType=linkset>; rel=\"linkset\"; type=\"application/linkset+json\""
    )];
    let mut response = match answer {
        Answer::Unknown => {
            let gtin = &link.gtin14;
            return page.answer(
                StatusCode::NOT_FOUND,
                ("Không tìm thấy sản phẩm", "Product not found"),
                (
                    format!("Mã GTIN {gtin} chưa được đăng ký trong hệ thống OCOP Lạng Sơn."),
                    format!("GTIN {gtin} is not registered in the Lạng Sơn OCOP system."),
                ),
            );
        }
        Answer::NoSuchLink => {
            let asked = link_type.unwrap_or_default();
            let asked: String = asked.chars().take(80).collect();
            return page.answer(
                StatusCode::NOT_FOUND,
                ("Không có liên kết này", "No such link"),
                (
                    format!(
                        "Sản phẩm không có liên kết loại \"{asked}\". Bỏ linkType để mở trang sản phẩm."
                    ),
                    format!(
                        "The product has no link of type \"{asked}\". Leave out linkType to open its page."
                    ),
                ),
            );
        }
        Answer::LinkSet(set) => {
            let mut response = serde_json::to_string(&set)
                .unwrap_or_default()
                .into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/linkset+json"),
            );
            links.push(format!(
                "<{base}{}>; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"",
                description::CONTEXT_PATH
            ));
            response
        }
        Answer::Redirect(target) => {
            let mut response = StatusCode::TEMPORARY_REDIRECT.into_response();
            let target = digital_link::pass_query(&target, uri.query());
            if let Ok(location) = HeaderValue::from_str(&target) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            response
        }
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&links.join(", ")) {
        headers.insert(header::LINK, value);
    }
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Accept, Accept-Language, Authorization, If-None-Match"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// The answer to a CORS preflight or a plain OPTIONS: what may be asked, from anywhere (the
/// resolver's and the open data API's).
pub async fn options() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    headers.insert(header::ALLOW, HeaderValue::from_static(METHODS));
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(METHODS),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("Accept, Accept-Language, Authorization, If-None-Match"),
    );
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("86400"),
    );
    open_to_any_origin(headers);
    response
}

const METHODS: &str = "GET, HEAD, OPTIONS";

/// CORS for everyone: a resolver's answers are public, and a web app elsewhere may read them
/// (the `Link` header too). No credentials are ever allowed.
pub fn open_to_any_origin(headers: &mut HeaderMap) {
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("Link, Location, Content-Type, ETag, Retry-After"),
    );
}

fn bad_request(problem: &LinkProblem, page: ProblemPage) -> Response {
    page.answer(
        StatusCode::BAD_REQUEST,
        ("Mã QR không hợp lệ", "Invalid code"),
        (problem.message(false), problem.message(true)),
    )
}

/// Where a problem is shown: the visitor's language, the site's frame — or JSON.
struct ProblemPage {
    locale: Locale,
    demo: bool,
    path: String,
    json: bool,
}

fn page_of(state: &AppState, headers: &HeaderMap, path: &str) -> ProblemPage {
    ProblemPage {
        locale: crate::public_pages::locale_of(headers, None),
        demo: state.demo_mode,
        path: path.to_owned(),
        json: crate::problem::wants_json(headers.get(header::ACCEPT).and_then(|a| a.to_str().ok())),
    }
}

impl ProblemPage {
    /// A page in the site's frame and the visitor's language saying what is wrong.
    fn answer(self, status: StatusCode, title: (&str, &str), detail: (String, String)) -> Response {
        let english = self.locale == Locale::en;
        let title = if english { title.1 } else { title.0 }.to_owned();
        let detail = if english { detail.1 } else { detail.0 };
        if self.json {
            return crate::problem::problem(status, &title, &detail);
        }
        let heading = title.clone();
        let body = light::document(self.locale, &title, &self.path, self.demo, move || {
            view! {
                <section class="not-found">
                    <h1>{heading}</h1>
                    <p data-testid="resolver-problem">{detail}</p>
                    <p><a href="/catalog">"OCOP Lạng Sơn"</a></p>
                </section>
            }
            .into_any()
        });
        (status, Html(body)).into_response()
    }
}

#[cfg(test)]
mod tests;
