//! Rendered light pages (what QR codes open, and catalogue searches), kept in memory with an
//! ETag so a scan costs a map lookup and a repeat visit a 304. A page depends on the data, the
//! language, the site's address and the day (certificate validity); the key holds the last
//! three (and the search), and the whole
//! cache is emptied after every request that may change data (anything but GET and HEAD), so
//! a changed product — or its certificate, label, lots — is never served stale by this server.
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

/// At most this many pages are kept; past it the cache starts over (simple and bounded).
const CAPACITY: usize = 20_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub path: String,
    pub locale: &'static str,
    pub base: String,
    pub day: sea_orm::prelude::ChronoDate,
}

#[derive(Clone, Debug)]
pub struct Page {
    pub status: StatusCode,
    pub body: Bytes,
    /// A strong validator of the body: `"<hash>"`.
    pub etag: String,
}

impl Page {
    pub fn new(status: StatusCode, body: Bytes) -> Page {
        let mut hasher = DefaultHasher::new();
        body.hash(&mut hasher);
        Page {
            status,
            etag: format!("\"{:016x}-{}\"", hasher.finish(), body.len()),
            body,
        }
    }

    /// Whether the visitor already holds this page (`If-None-Match`).
    pub fn matches(&self, headers: &HeaderMap) -> bool {
        headers
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|tag| {
                let tag = tag.trim();
                tag == "*" || tag.trim_start_matches("W/") == self.etag
            })
    }
}

#[derive(Clone, Default)]
pub struct PageCache {
    pages: Arc<RwLock<HashMap<Key, Page>>>,
}

impl PageCache {
    pub fn get(&self, key: &Key) -> Option<Page> {
        self.pages.read().ok()?.get(key).cloned()
    }

    pub fn put(&self, key: Key, page: Page) {
        if let Ok(mut pages) = self.pages.write() {
            if pages.len() >= CAPACITY {
                pages.clear();
            }
            pages.insert(key, page);
        }
    }

    pub fn clear(&self) {
        if let Ok(mut pages) = self.pages.write() {
            pages.clear();
        }
    }
}

/// Empties the cache once a request that may have changed data has been answered.
pub async fn clear_after_writes(
    axum::extract::State(cache): axum::extract::State<PageCache>,
    request: Request,
    next: Next,
) -> Response {
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD);
    let response = next.run(request).await;
    if writes {
        cache.clear();
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_follow_the_body_and_if_none_match_is_read_as_a_list() {
        let page = Page::new(StatusCode::OK, Bytes::from_static(b"<html>a</html>"));
        let other = Page::new(StatusCode::OK, Bytes::from_static(b"<html>b</html>"));
        assert_ne!(page.etag, other.etag);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_NONE_MATCH,
            format!("\"x\", W/{}", page.etag).parse().unwrap(),
        );
        assert!(page.matches(&headers));
        assert!(!other.matches(&headers));
        assert!(!page.matches(&HeaderMap::new()));
    }
}
