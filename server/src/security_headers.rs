//! Headers every response carries: a Content-Security-Policy (a page rendered by Leptos names
//! the nonce of its inline scripts, which the page notes in the request's `NonceSlot`;
//! everything else gets the same policy without one), no framing (an uploaded document allows
//! this site's own pages), a referrer
//! kept to this site's origin, no MIME sniffing, and HSTS when the site is served over https.
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The middleware; its state is whether the site is served over https (`COOKIE_SECURE`).
pub async fn security_headers(
    State(https): State<bool>,
    mut request: Request,
    next: Next,
) -> Response {
    let slot = app::csp::NonceSlot::default();
    request.extensions_mut().insert(slot.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY)
        && let Ok(policy) =
            HeaderValue::from_str(&app::csp::policy(slot.0.get().map(String::as_str)))
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    // No framing, unless the answer allows this site's own pages (an uploaded document).
    if !headers.contains_key(header::X_FRAME_OPTIONS) {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}
