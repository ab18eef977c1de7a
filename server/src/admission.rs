//! The middleware that makes requests take turns at work (`app::admission`). A request that
//! works waits for a turn and holds it until its handler has answered; a page that streams
//! (its data is read while it is sent) holds it until it has been sent, but no longer than the
//! wait, so a client that stops reading cannot keep a turn. These do not wait, as they do no
//! such work or take their turn later:
//! - health checks: a load balancer must see a crowded server as alive and ready;
//! - static files (the client, styles, icons) and downloads of uploaded files: reading a file
//!   costs little, and a phone on a slow line must not hold a turn while it downloads;
//! - the kept public pages (QR pages, catalogue, decisions): a kept page is served at once;
//!   a page rendered afresh takes a turn first (`public_pages`); and the Digital Links on
//!   stamps (`/01/…`), one lookup by key and a redirect to such a page;
//! - uploads: a phone on a slow line sends its file for a minute; the heavy part of the work on
//!   it (decoding an image) already waits for one of a few slots (`app::slots`).
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use http_body::Body as _;

use app::admission::Turn;
use app::domain::reason::Reason;
use app::models::AppError;
use app::state::AppState;

use crate::page_cache::{Key, Page, PageCache, Pending};

/// Seconds a refused client is asked to wait before trying again.
const RETRY_AFTER_SECS: &str = "5";

pub async fn take_turns(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !works(request.method(), request.uri().path()) {
        return next.run(request).await;
    }
    let Ok(turn) = state.admission.turn().await else {
        return busy(request.uri().path());
    };
    let response = next.run(request).await;
    if response.body().size_hint().exact().is_some() {
        // The whole answer is there: the turn goes back now, however slowly it is read.
        return response;
    }
    let hold = state.admission.wait();
    response.map(|body| Body::new(Holding::new(body, turn, hold)))
}

/// What a public page's request gets (`public_pages`).
pub enum Lookup {
    Kept(Page),
    /// To render, with a turn at work.
    Render(Pending, Turn),
    /// No turn came in time: the answer to send.
    Busy(Response),
}

/// The kept page, else a turn to render it. A request that waited for its turn looks again:
/// in a crowd, another may have rendered the same page meanwhile.
pub async fn look_up(state: &AppState, cache: &PageCache, key: Key, headers: &HeaderMap) -> Lookup {
    let pending = match cache.lookup(key, headers) {
        Ok(page) => return Lookup::Kept(page),
        Err(pending) => pending,
    };
    let turn = match turn_for_page(state).await {
        Ok(turn) => turn,
        Err(busy) => return Lookup::Busy(busy),
    };
    match cache.lookup(pending.key, headers) {
        Ok(page) => Lookup::Kept(page),
        Err(pending) => Lookup::Render(pending, turn),
    }
}

/// A turn for a request the middleware let through (a public page about to be rendered
/// afresh), or the busy page.
async fn turn_for_page(state: &AppState) -> Result<Turn, Response> {
    state.admission.turn().await.map_err(|_| busy(""))
}

/// Whether a request does the work that takes turns (see the module's comment).
fn works(method: &Method, path: &str) -> bool {
    if *method == Method::POST {
        return !crate::limits::MULTIPART_ENDPOINTS.contains(&path);
    }
    if !matches!(*method, Method::GET | Method::HEAD) {
        return true;
    }
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    let free = match parts[..] {
        ["healthz" | "readyz" | "catalog" | "decisions"]
        | ["decisions" | "products" | "lots", _]
        | ["files", _]
        | ["files", _, "thumb"]
        | ["pkg" | "01", ..] => true,
        // A file of the site's root (the icon).
        [name] => crate::routes::is_static_asset(name),
        _ => false,
    };
    !free
}

/// 503 with Retry-After: for a server function its error (the page shows the sentence), for
/// anything else a short page in both languages.
fn busy(path: &str) -> Response {
    tracing::warn!(path, "no turn within the wait: answered busy");
    let mut response = if path.starts_with("/api/") {
        let error = AppError::Conflict {
            reason: Reason::ServerBusy.code().to_owned(),
        };
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::to_string(&error).unwrap_or_default(),
        )
            .into_response()
    } else {
        let page = format!(
            "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>OCOP Lạng Sơn</title></head><body><p>{}</p><p lang=\"en\">{}</p>\
             <p><a href=\"\">Thử lại / Try again</a></p></body></html>",
            Reason::ServerBusy.message(false),
            Reason::ServerBusy.message(true)
        );
        (StatusCode::SERVICE_UNAVAILABLE, Html(page)).into_response()
    };
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from_static(RETRY_AFTER_SECS),
    );
    response
}

/// A streamed answer's body that holds the request's turn until it has been sent (or
/// dropped), or `hold` has passed: a timer gives the turn back from a client that stopped
/// reading (its body is then no longer polled, so only a timer of its own can).
struct Holding {
    body: Body,
    turn: Arc<Mutex<Option<Turn>>>,
    timer: tokio::task::JoinHandle<()>,
}

impl Holding {
    fn new(body: Body, turn: Turn, hold: Duration) -> Self {
        let turn = Arc::new(Mutex::new(Some(turn)));
        let timer = tokio::spawn({
            let turn = Arc::clone(&turn);
            async move {
                tokio::time::sleep(hold).await;
                give_back(&turn);
            }
        });
        Holding { body, turn, timer }
    }
}

fn give_back(turn: &Mutex<Option<Turn>>) {
    if let Ok(mut turn) = turn.lock() {
        turn.take();
    }
}

impl Drop for Holding {
    fn drop(&mut self) {
        self.timer.abort();
        give_back(&self.turn);
    }
}

impl http_body::Body for Holding {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::works;
    use axum::http::Method;

    #[test]
    fn what_waits_for_a_turn() {
        for path in [
            "/dashboard",
            "/",
            "/api/get_dashboard",
            "/products/7/qr.png",
            "/certificates/LS-2026-0001/pdf",
            "/reports/2026-H1/province/report.xlsx",
        ] {
            assert!(works(&Method::GET, path), "{path}");
        }
        // Only the site root's files are static: a page or a QR image ending so is work.
        assert!(works(&Method::GET, "/lots/4/qr.png"));
        assert!(works(&Method::GET, "/producer/x.css"));
        assert!(works(&Method::POST, "/api/save_product"));
        assert!(works(&Method::DELETE, "/files/3"));
        for path in [
            "/healthz",
            "/readyz",
            "/products/7",
            "/lots/12",
            "/catalog",
            "/decisions",
            "/decisions/3",
            "/files/9",
            "/files/9/thumb",
            "/pkg/ocop.AbCd.wasm",
            "/favicon.svg",
            "/01/08930000000012",
        ] {
            assert!(!works(&Method::GET, path), "{path}");
        }
        assert!(!works(&Method::POST, "/api/upload_dossier_document"));
    }
}
