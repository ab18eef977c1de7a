//! Public pages across server instances (`services::page_generation`) on real databases: a
//! write on one instance reaches another's watcher within a second; no write, no emptying.
use crate::support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use app::services::page_generation::{current, raise, watch};

#[tokio::test]
async fn a_change_on_one_instance_empties_the_others_pages_within_a_second() {
    for t in support::databases().await {
        let b = t.backend;
        let before = current(&t.db).await.unwrap();
        // The other instance: its watcher empties its pages (counted here).
        let emptied = Arc::new(AtomicUsize::new(0));
        let seen = emptied.clone();
        let watcher = tokio::spawn(watch(t.db.clone(), Duration::from_millis(50), move || {
            seen.fetch_add(1, Ordering::SeqCst);
        }));
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(
            emptied.load(Ordering::SeqCst),
            1,
            "{b}: once, at the first read"
        );
        // This instance saves a product.
        raise(&t.db).await.unwrap();
        assert_eq!(current(&t.db).await.unwrap(), before + 1, "{b}");
        let deadline = tokio::time::Instant::now() + Duration::from_secs(1);
        while emptied.load(Ordering::SeqCst) == 1 && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(emptied.load(Ordering::SeqCst), 2, "{b}: within a second");
        // Quiet again: the pages stay.
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(emptied.load(Ordering::SeqCst), 2, "{b}");
        watcher.abort();
        t.cleanup().await;
    }
}
