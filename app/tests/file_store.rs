//! The file stores against what they stand on: the local folder always, and an S3-compatible
//! object store when `TEST_S3_URL` names one (`.ci/run` starts Garage and sets it; README,
//! "Tests").
use std::sync::Arc;

use app::services::files::store::{self, FileStore};

/// The stores to test: a fresh folder, and the S3 bucket if there is one.
fn stores() -> Vec<(String, Arc<dyn FileStore>)> {
    let folder = std::env::temp_dir().join(format!(
        "ocop-file-store-{}-{}",
        std::process::id(),
        app::clock::now().timestamp_nanos_opt().unwrap_or(0)
    ));
    let mut stores = vec![(
        "folder".to_owned(),
        store::open(None, &folder.to_string_lossy()).unwrap(),
    )];
    if let Some(url) = s3_url() {
        stores.push(("s3".to_owned(), store::open(Some(&url), "unused").unwrap()));
    }
    stores
}

/// `TEST_S3_URL`, which must name an S3 store when it is set (an empty one would quietly test
/// a folder).
fn s3_url() -> Option<String> {
    let url = std::env::var("TEST_S3_URL").ok()?;
    assert!(
        url.starts_with("s3://"),
        "TEST_S3_URL is not s3://…: {:?}",
        url.get(..5)
    );
    Some(url)
}

/// The same bucket under a prefix of its own.
fn under(url: &str, prefix: &str) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    format!("{}/{prefix}?{query}", base.trim_end_matches('/'))
}

#[tokio::test]
async fn deployments_sharing_a_bucket_keep_apart_under_their_prefixes() {
    let Some(url) = s3_url() else {
        return;
    };
    let run = format!("run-{}", std::process::id());
    let training = store::open(Some(&under(&url, &format!("{run}/training"))), "").unwrap();
    let province = store::open(Some(&under(&url, &format!("{run}/province"))), "").unwrap();
    training.check().await.unwrap();
    let bytes = fresh_bytes(1000);
    let sha = training.put(&bytes).await.unwrap();
    assert_eq!(province.get(&sha).await.unwrap(), None);
    province.delete(&sha).await.unwrap();
    assert_eq!(training.get(&sha).await.unwrap(), Some(bytes));
    training.delete(&sha).await.unwrap();
}

/// Bytes no earlier run stored: the bucket outlives the test.
fn fresh_bytes(len: usize) -> Vec<u8> {
    let seed = format!("{:?}", (std::process::id(), app::clock::now()));
    (0..len)
        .map(|i| seed.as_bytes()[i % seed.len()].wrapping_add((i / seed.len()) as u8))
        .collect()
}

#[tokio::test]
async fn put_get_range_delete_and_missing() {
    for (name, files) in stores() {
        files
            .check()
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let bytes = fresh_bytes(300_000);
        let sha = files.put(&bytes).await.unwrap();
        assert_eq!(sha, store::sha256_hex(&bytes), "{name}");
        assert_eq!(files.put(&bytes).await.unwrap(), sha, "{name}: stored once");
        assert_eq!(
            files.get(&sha).await.unwrap(),
            Some(bytes.clone()),
            "{name}"
        );
        let part = files.get_range(&sha, 1000..1010).await.unwrap();
        assert_eq!(part.as_deref(), Some(&bytes[1000..1010]), "{name}");
        let tail = files.get_range(&sha, 299_990..300_000).await.unwrap();
        assert_eq!(tail.as_deref(), Some(&bytes[299_990..]), "{name}");
        assert_eq!(
            files.get_range(&sha, 5..5).await.unwrap(),
            Some(vec![]),
            "{name}"
        );

        files.delete(&sha).await.unwrap();
        assert_eq!(files.get(&sha).await.unwrap(), None, "{name}: deleted");
        assert_eq!(files.get_range(&sha, 0..10).await.unwrap(), None, "{name}");
        assert_eq!(files.get_range(&sha, 5..5).await.unwrap(), None, "{name}");
        files.delete(&sha).await.unwrap();

        // Names that are not a sha256 reach nothing, in a folder or a bucket.
        for wrong in [
            "../../etc/passwd",
            "readiness-check",
            &sha.to_uppercase(),
            "",
        ] {
            assert_eq!(files.get(wrong).await.unwrap(), None, "{name}: {wrong}");
            assert_eq!(files.get_range(wrong, 0..1).await.unwrap(), None, "{name}");
            files.delete(wrong).await.unwrap();
        }
    }
}

#[tokio::test]
async fn concurrent_puts_of_the_same_bytes_all_succeed() {
    for (name, files) in stores() {
        let bytes = fresh_bytes(50_000);
        let puts = (0..8).map(|_| {
            let (files, bytes) = (files.clone(), bytes.clone());
            tokio::spawn(async move { files.put(&bytes).await })
        });
        for put in puts {
            assert_eq!(
                put.await.unwrap().unwrap(),
                store::sha256_hex(&bytes),
                "{name}"
            );
        }
        assert_eq!(
            files.get(&store::sha256_hex(&bytes)).await.unwrap(),
            Some(bytes),
            "{name}"
        );
    }
}

#[tokio::test]
async fn an_unreachable_or_wrong_store_is_not_ready() {
    // Nothing listens on port 9: the check fails instead of hanging.
    let nowhere = store::open(
        Some("s3://ocop?endpoint=http://127.0.0.1:9&region=garage&access_key_id=a&secret_access_key=b"),
        "unused",
    )
    .unwrap();
    assert!(nowhere.check().await.is_err());
    assert!(nowhere.put(b"x").await.is_err());
    assert!(store::open(Some("ftp://elsewhere"), "unused").is_err());
    assert!(store::open(Some("s3://ocop?unknown_option=1"), "unused").is_err());
    if let Some(url) = s3_url() {
        // The right server with a wrong secret is refused too.
        let wrong = url.replace("secret_access_key=", "secret_access_key=wrong");
        let refused = store::open(Some(&wrong), "unused").unwrap();
        assert!(
            refused.check().await.is_err(),
            "a wrong secret passes the check"
        );
    }
}
