//! The file store in an S3-compatible object store (AWS S3, Garage, MinIO, Ceph…), through the
//! `object_store` crate, for servers that share their files. Objects are named as in the local
//! folder (`ab/cd/abcd…`), so a folder copied into a bucket is a store as it is.
use std::ops::Range;
use std::time::Duration;

use object_store::aws::AmazonS3ConfigKey::Client;
use object_store::aws::{AmazonS3Builder, AmazonS3ConfigKey};
use object_store::path::Path;
use object_store::{ClientConfigKey, ObjectStore, ObjectStoreExt, PutPayload, RetryConfig};

use super::store::{FileStore, key, sha256_hex};

#[derive(Debug)]
pub struct S3Store {
    bucket: Box<dyn ObjectStore>,
    /// Where in the bucket this deployment's files are (`""` or `"training/"`), so that one
    /// bucket can hold several deployments' stores apart.
    prefix: String,
}

impl S3Store {
    /// `s3://bucket/prefix?endpoint=http://127.0.0.1:3900&region=garage` (the prefix is
    /// optional): any option of the
    /// `object_store` crate's S3 settings may be given in the query (`access_key_id`,
    /// `secret_access_key`, `region`, `endpoint`…); the usual `AWS_*` variables fill the rest, so
    /// the secrets need not be in the address. An `http://` endpoint is allowed as it is.
    ///
    /// # Errors
    /// A sentence naming the option that is wrong.
    pub fn open(url: &str) -> Result<S3Store, String> {
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let (bucket, prefix) = base
            .trim_start_matches("s3://")
            .trim_end_matches('/')
            .split_once('/')
            .unwrap_or((base.trim_start_matches("s3://").trim_end_matches('/'), ""));
        let prefix_ok = prefix
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
        if bucket.is_empty() || !(prefix.is_empty() || prefix_ok) {
            return Err(format!(
                "FILES_URL: expected s3://bucket or s3://bucket/prefix, got {base:?}"
            ));
        }
        // reqwest is built without a crypto provider (Cargo.toml): the process's is ring, as the
        // mailer's. Installing it again is refused harmlessly.
        let _ = rustls::crypto::ring::default_provider().install_default();
        // A request that fails is retried a few times, not for the crate's default 3 minutes:
        // an upload's user and the readiness check are waiting. Timeouts are set as options,
        // which the address may change (`timeout=…`); the client's other options from the
        // environment stay.
        let retry = RetryConfig {
            max_retries: 3,
            retry_timeout: Duration::from_secs(15),
            ..RetryConfig::default()
        };
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .with_retry(retry)
            .with_config(Client(ClientConfigKey::ConnectTimeout), "5s")
            .with_config(Client(ClientConfigKey::Timeout), "60s");
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(value);
            if name == "endpoint" && value.starts_with("http://") {
                builder = builder.with_allow_http(true);
            }
            let option: AmazonS3ConfigKey = name.parse().map_err(|_| {
                // Named only if it looks like a name: a secret with an unencoded `&` in it
                // would otherwise show its end here.
                let plain =
                    name.len() <= 40 && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
                let name = if plain { name } else { "(not a name)" };
                format!("FILES_URL: unknown S3 option {name:?}")
            })?;
            builder = builder.with_config(option, value);
        }
        let bucket = builder.build().map_err(|err| format!("FILES_URL: {err}"))?;
        Ok(S3Store {
            bucket: Box::new(bucket),
            prefix: if prefix.is_empty() {
                String::new()
            } else {
                format!("{prefix}/")
            },
        })
    }

    /// The object of `sha256`, if it is one in hex.
    fn path(&self, sha256: &str) -> Option<Path> {
        key(sha256).map(|key| Path::from(format!("{}{key}", self.prefix)))
    }
}

fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn not_found(err: &object_store::Error) -> bool {
    matches!(err, object_store::Error::NotFound { .. })
}

#[async_trait::async_trait]
impl FileStore for S3Store {
    async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha = sha256_hex(bytes);
        let path = self.path(&sha).ok_or(std::io::ErrorKind::InvalidInput)?;
        // One PUT, whole or absent, never half written. Bytes already there are the same bytes
        // (content-addressed), written again rather than asked about first: a key without the
        // right to list the bucket gets "forbidden", not "not found", for a missing object.
        self.bucket
            .put(&path, PutPayload::from(bytes.to_vec()))
            .await?;
        Ok(sha)
    }

    async fn get(&self, sha256: &str) -> std::io::Result<Option<Vec<u8>>> {
        let Some(path) = self.path(sha256) else {
            return Ok(None);
        };
        match self.bucket.get(&path).await {
            Ok(found) => Ok(Some(found.bytes().await?.to_vec())),
            Err(err) if not_found(&err) => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    async fn get_range(&self, sha256: &str, range: Range<u64>) -> std::io::Result<Option<Vec<u8>>> {
        let Some(path) = self.path(sha256) else {
            return Ok(None);
        };
        if range.is_empty() {
            // S3 has no empty range: an empty slice of a stored file is known without asking,
            // once the file is known to be there.
            return match self.bucket.head(&path).await {
                Ok(_) => Ok(Some(Vec::new())),
                Err(err) if not_found(&err) => Ok(None),
                Err(err) => Err(err.into()),
            };
        }
        match self.bucket.get_range(&path, range).await {
            Ok(bytes) => Ok(Some(bytes.to_vec())),
            Err(err) if not_found(&err) => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    async fn delete(&self, sha256: &str) -> std::io::Result<()> {
        let Some(path) = self.path(sha256) else {
            return Ok(());
        };
        match self.bucket.delete(&path).await {
            Err(err) if !not_found(&err) => Err(err.into()),
            _ => Ok(()),
        }
    }

    /// The bucket answers, with these credentials: asking for an object that is never stored
    /// gets "not found" from a reachable bucket, and an error from anything else.
    async fn check(&self) -> std::io::Result<()> {
        let probe = Path::from(format!("{}readiness-check", self.prefix));
        match self.bucket.head(&probe).await {
            Ok(_) => Ok(()),
            Err(err) if not_found(&err) => Ok(()),
            Err(err) => Err(err.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_or_refused_with_the_setting_named() {
        let store = S3Store::open(
            "s3://ocop?endpoint=http%3A%2F%2F127.0.0.1%3A3900&region=garage&access_key_id=a&secret_access_key=b",
        );
        assert!(store.is_ok(), "{store:?}");
        let wrong = S3Store::open("s3://ocop?colour=blue").unwrap_err();
        assert!(wrong.contains("colour"), "{wrong}");
        let wrong = S3Store::open("s3://").unwrap_err();
        assert!(wrong.starts_with("FILES_URL"), "{wrong}");
        for wrong in ["s3://ocop/../other", "s3://ocop/a//b", "s3://ocop/./a"] {
            assert!(S3Store::open(wrong).is_err(), "{wrong}");
        }
        // A secret with an unencoded `&` (secrets mix cases and digits) is not shown.
        let leaky = S3Store::open("s3://ocop?secret_access_key=wJal&rXUtnFEMI/K7MD").unwrap_err();
        assert!(!leaky.contains("rXUtn"), "{leaky}");
        let apart = S3Store::open("s3://ocop/training/2026?region=garage").unwrap();
        assert_eq!(
            apart.path(&"a".repeat(64)).map(|p| p.to_string()),
            Some(format!("training/2026/aa/aa/{}", "a".repeat(64)))
        );
        assert_eq!(percent_decode("a%2Fb%zz"), "a/b%zz");
    }
}
