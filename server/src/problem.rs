//! Errors for machine clients in the RFC 9457 problem format (`application/problem+json`): the
//! resolver's, when a client asks for JSON, and the open API's.
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// A problem answer: `title` says what kind of problem, `detail` this occurrence and what to
/// fix, both in the client's language.
pub fn problem(status: StatusCode, title: &str, detail: &str) -> Response {
    let body = serde_json::json!({
        "type": "about:blank",
        "title": title,
        "status": status.as_u16(),
        "detail": detail,
    });
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

/// Whether the client would rather read JSON than a page.
pub fn wants_json(accept: Option<&str>) -> bool {
    accept.is_some_and(|a| a.contains("json") && !a.contains("text/html"))
}

/// An RFC 9457 problem, as the OpenAPI document describes it.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// `about:blank`: the status says the kind.
    #[serde(rename = "type")]
    pub kind: String,
    /// The kind of problem, in the client's language (Accept-Language; Vietnamese by default).
    pub title: String,
    pub status: u16,
    /// This occurrence and what to fix, naming the parameter.
    pub detail: String,
}

/// What a read of the open data API may answer besides its data (the OpenAPI document's
/// responses, shared by every endpoint). Described, never built: the answers themselves come
/// from `open_api::refused` and the token gate.
#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
pub enum Refusals {
    /// Not modified (If-None-Match).
    #[response(status = 304)]
    NotModified,
    /// A parameter is wrong: `detail` names it.
    #[response(status = 400, content_type = "application/problem+json")]
    BadParameter(Problem),
    /// No token where one is needed (`/open/v1/private/`), or one unknown, revoked or expired.
    #[response(status = 401, content_type = "application/problem+json")]
    BadToken(Problem),
    /// The token sent lacks the scope this read needs (`public_read`, or `private_read`).
    #[response(status = 403, content_type = "application/problem+json")]
    OutOfScope(Problem),
    /// The token's rate was passed (`API_REQUESTS_PER_MINUTE`, 600 by default); see Retry-After.
    #[response(status = 429, content_type = "application/problem+json")]
    TooMany(Problem),
}
