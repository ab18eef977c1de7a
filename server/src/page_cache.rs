//! Rendered light pages (what QR codes open, and catalogue searches), kept in memory with an
//! ETag so a scan costs a map lookup and a repeat visit a 304. A page depends on the data, the
//! language, the site's address and the day (certificate validity); the key holds the last
//! three (and the normalised search). Only pages that were found are kept, and the cache holds
//! at most `PAGE_CACHE_MB` of them (past it, it starts over: simple and bounded). It is emptied
//! after every request that may change what a public page shows (`changes_public_pages`), so a
//! changed product — or its certificate, label, lots — is never served stale by this server,
//! while a producer saving a dossier draft or a member scoring leaves it alone.
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use sea_orm::DatabaseConnection;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub path: String,
    pub locale: &'static str,
    pub base: String,
    pub day: sea_orm::prelude::ChronoDate,
}

impl Key {
    /// The key of the page `prefix/id` in `locale`, for the site's address `base` on `day`.
    pub fn new(
        prefix: &str,
        id: &str,
        locale: app::i18n::Locale,
        base: &str,
        day: sea_orm::prelude::ChronoDate,
    ) -> Key {
        Key {
            path: format!("{prefix}/{id}"),
            locale: match locale {
                app::i18n::Locale::en => "en",
                app::i18n::Locale::vi => "vi",
            },
            base: base.to_owned(),
            day,
        }
    }
}

/// A page not kept yet: its key, and the cache's epoch before its data was read.
pub struct Pending {
    pub key: Key,
    epoch: u64,
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

#[derive(Clone)]
pub struct PageCache {
    inner: Arc<RwLock<Pages>>,
    budget: usize,
    /// Raised by every `clear`: a page rendered from data read before a clear is not kept
    /// after it (`put`).
    epoch: Arc<std::sync::atomic::AtomicU64>,
}

#[derive(Default)]
struct Pages {
    pages: HashMap<Key, Page>,
    /// Bytes of the kept pages' bodies and keys.
    bytes: usize,
}

fn size_of(key: &Key, page: &Page) -> usize {
    key.path.len() + key.base.len() + page.body.len() + page.etag.len() + 64
}

impl PageCache {
    /// A cache holding at most `budget` bytes of pages.
    pub fn new(budget: usize) -> Self {
        PageCache {
            inner: Arc::default(),
            budget,
            epoch: Arc::default(),
        }
    }

    /// Taken before a page is rendered, and handed to `put`.
    pub fn epoch(&self) -> u64 {
        self.epoch.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn get(&self, key: &Key) -> Option<Page> {
        self.inner.read().ok()?.pages.get(key).cloned()
    }

    /// The kept page, unless the request asks to bypass caches (`Cache-Control: no-cache`, as
    /// a browser's hard reload does; the benchmark uses it to time the real work); else the
    /// page to render, to `keep` once rendered.
    pub fn lookup(&self, key: Key, headers: &HeaderMap) -> Result<Page, Pending> {
        // Taken before anything is read for the page.
        let epoch = self.epoch();
        let bypass = headers
            .get_all(header::CACHE_CONTROL)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|v| v.contains("no-cache"));
        match self.get(&key).filter(|_| !bypass) {
            Some(page) => Ok(page),
            None => Err(Pending { key, epoch }),
        }
    }

    /// Keeps the page `lookup` asked for (`put`, with the epoch taken before its data was read).
    pub fn keep(&self, pending: Pending, page: Page) {
        self.put(pending.key, page, pending.epoch);
    }

    /// Keeps a page that was found (a 404 or an error is never kept), rendered from data read
    /// after `epoch` was taken: unless the cache was emptied since (its data may be older than
    /// the write that emptied it).
    pub fn put(&self, key: Key, page: Page, epoch: u64) {
        let size = size_of(&key, &page);
        if page.status != StatusCode::OK || size > self.budget {
            return;
        }
        if let Ok(mut inner) = self.inner.write() {
            // Checked under the lock `clear` takes: no clear slips between check and insert.
            if self.epoch() != epoch {
                return;
            }
            if inner.bytes + size > self.budget {
                *inner = Pages::default();
            }
            if let Some(old) = inner.pages.insert(key.clone(), page) {
                inner.bytes -= size_of(&key, &old);
            }
            inner.bytes += size;
        }
    }

    pub fn clear(&self) {
        if let Ok(mut inner) = self.inner.write() {
            self.epoch.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            *inner = Pages::default();
        }
    }

    /// Bytes held now (for the tests).
    #[cfg(test)]
    pub fn bytes(&self) -> usize {
        self.inner.read().map_or(0, |inner| inner.bytes)
    }
}

/// Server functions that change nothing a public page shows: reads, and writes to dossiers,
/// scoring, reports, accounts and notifications. Anything else may (a product, its photos,
/// label, lots, certificate, its subject) and empties the cache.
const PRIVATE_WRITES: &[&str] = &[
    "act_on_participation",
    "add_report_year",
    "add_round_dossiers",
    "add_round_member",
    "advance_round",
    "bring_back_round_dossier",
    "change_account_role",
    "change_password",
    "comment_on_dossier",
    "create_dossier",
    "create_official_account",
    "create_round",
    "create_trade_event",
    "decide_idea",
    "declare_conflict",
    "defer_round_dossier",
    "demo_sign_in",
    "dossier_action",
    "forward_dossiers",
    "import_criteria_xlsx",
    "issue_reset_link",
    "map_import_column",
    "mark_notifications_read",
    "plan_inspections",
    "register_producer",
    "remove_dossier_document",
    "remove_round_member",
    "reopen_score_sheet",
    "reset_password",
    "review_report",
    "save_council_remarks",
    "save_criteria_set",
    "save_dossier_form",
    "save_pre_assessment",
    "save_report",
    "save_report_period",
    "save_report_target",
    "save_score_sheet",
    "set_account_locked",
    "sign_in",
    "sign_out",
    "submit_idea",
    "update_round",
    "upload_dossier_document",
    "upload_inspection_photo",
    // A previewed import changes nothing until it is committed.
    "upload_import",
];

/// Whether a request (not GET or HEAD) to `path` may change what a public page shows.
pub fn changes_public_pages(path: &str) -> bool {
    match path.strip_prefix("/api/") {
        Some(function) => !(reads(function) || PRIVATE_WRITES.contains(&function)),
        None => true,
    }
}

/// Whether the server function `function` only reads.
fn reads(function: &str) -> bool {
    ["get_", "list_", "browse_", "check_", "my_", "unread_"]
        .iter()
        .any(|prefix| function.starts_with(prefix))
        || matches!(
            function,
            "demo_mode" | "dossier_products" | "product_groups" | "subjects_in_commune"
        )
}

/// Empties the cache once a request that may have changed a public page has been answered,
/// and tells the other instances (`app::services::page_generation`).
pub async fn clear_after_writes(
    axum::extract::State((cache, db)): axum::extract::State<(PageCache, DatabaseConnection)>,
    request: Request,
    next: Next,
) -> Response {
    let posted = !matches!(*request.method(), Method::GET | Method::HEAD);
    let path = request.uri().path();
    let writes = posted && changes_public_pages(path);
    let any_write = posted && !path.strip_prefix("/api/").is_some_and(reads);
    let response = next.run(request).await;
    // Only a write that went through: a flood of refused or junk posts must not empty every
    // server's cache (nor write to the database).
    let done = response.status().is_success() || response.status().is_redirection();
    if any_write && done {
        // Whoever wrote must not get a dashboard computed before their write.
        app::services::reports::shared_runs::note_write();
    }
    if writes && done {
        cache.clear();
        if let Err(err) = app::services::page_generation::raise(&db).await {
            tracing::warn!(error = %err, "could not tell the other instances of a change");
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_private_writes_keep_the_cache_and_product_changes_empty_it() {
        assert!(!changes_public_pages("/api/get_product"));
        assert!(!changes_public_pages("/api/save_dossier_form"));
        assert!(!changes_public_pages("/api/save_score_sheet"));
        assert!(changes_public_pages("/api/save_product"));
        assert!(changes_public_pages("/api/revoke_certificate"));
        assert!(!changes_public_pages("/api/upload_import"));
        assert!(changes_public_pages("/api/commit_import"));
        assert!(changes_public_pages("/api/undo_import"));
        assert!(changes_public_pages("/api/some_future_function"));
        assert!(changes_public_pages("/anything-else"));
    }

    #[test]
    fn the_cache_stays_within_its_budget_and_keeps_no_error_page() {
        let cache = PageCache::new(100_000);
        let day = sea_orm::prelude::ChronoDate::from_ymd_opt(2026, 12, 2).unwrap();
        for i in 0..20_000 {
            let key = Key {
                path: format!("/catalog/q=junk{i}"),
                locale: "vi",
                base: String::new(),
                day,
            };
            cache.put(
                key,
                Page::new(StatusCode::OK, Bytes::from(vec![b'x'; 3000])),
                cache.epoch(),
            );
            assert!(cache.bytes() <= 100_000);
        }
        let missing = Key {
            path: "/products/999".into(),
            locale: "vi",
            base: String::new(),
            day,
        };
        cache.put(
            missing.clone(),
            Page::new(StatusCode::NOT_FOUND, Bytes::from_static(b"404")),
            cache.epoch(),
        );
        assert!(cache.get(&missing).is_none());
    }

    #[test]
    fn a_page_rendered_before_a_clear_is_not_kept_after_it() {
        let cache = PageCache::new(100_000);
        let key = Key {
            path: "/products/1".into(),
            locale: "vi",
            base: String::new(),
            day: sea_orm::prelude::ChronoDate::from_ymd_opt(2026, 12, 2).unwrap(),
        };
        let page = || Page::new(StatusCode::OK, Bytes::from_static(b"<html>old</html>"));
        // Rendering started, then a write (here or on another instance) emptied the cache.
        let started = cache.epoch();
        cache.clear();
        cache.put(key.clone(), page(), started);
        assert!(cache.get(&key).is_none(), "stale page kept");
        cache.put(key.clone(), page(), cache.epoch());
        assert!(cache.get(&key).is_some());
    }

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
