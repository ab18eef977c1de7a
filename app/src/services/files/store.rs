//! The content-addressed file store (DESIGN.md): bytes are kept under their sha256, so the same
//! file uploaded twice is stored once and a stored file never changes. Metadata (owner, name,
//! type) is in the `stored_file` table. One trait: a local folder by default, or an
//! S3-compatible object store (`super::object_store`) when several servers share the files.
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use sha2::{Digest, Sha256};

#[async_trait::async_trait]
pub trait FileStore: Send + Sync + std::fmt::Debug {
    /// Stores `bytes`; returns their sha256 (hex), the name to get them back by.
    async fn put(&self, bytes: &[u8]) -> std::io::Result<String>;
    /// The bytes stored under `sha256`, if any.
    async fn get(&self, sha256: &str) -> std::io::Result<Option<Vec<u8>>>;
    /// The bytes `range` of what is stored under `sha256` (the caller keeps it within the
    /// file's size), if it is stored.
    async fn get_range(&self, sha256: &str, range: Range<u64>) -> std::io::Result<Option<Vec<u8>>>;
    /// Forgets what is stored under `sha256`; nothing stored there is not an error.
    async fn delete(&self, sha256: &str) -> std::io::Result<()>;
    /// Whether the store can be reached now, for the server's readiness check.
    async fn check(&self) -> std::io::Result<()>;
}

/// The store `FILES_URL` names: `s3://bucket/prefix?…` (see `super::object_store::S3Store::open`), or
/// the folder `files_dir` when it is unset, empty or `file://…`.
///
/// # Errors
/// A sentence naming what is wrong in the address.
pub fn open(files_url: Option<&str>, files_dir: &str) -> Result<Arc<dyn FileStore>, String> {
    match files_url.map(str::trim).filter(|u| !u.is_empty()) {
        None => Ok(Arc::new(LocalFolder::new(files_dir))),
        Some(url) if url.starts_with("s3://") => {
            Ok(Arc::new(super::object_store::S3Store::open(url)?))
        }
        Some(url) => match url.strip_prefix("file://") {
            Some(folder) if !folder.is_empty() => Ok(Arc::new(LocalFolder::new(folder))),
            // Only the scheme is repeated: the rest may hold a secret key.
            _ => Err(format!(
                "FILES_URL: expected s3://bucket?… or file:///folder, got one starting {:?}",
                url.split("://").next().unwrap_or_default()
            )),
        },
    }
}

/// Whether `sha256` is one in hex, the only names a store hands out (so no path tricks reach
/// a disk or a bucket).
pub fn is_sha256(sha256: &str) -> bool {
    sha256.len() == 64
        && sha256
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Where a file lives inside a store: `ab/cd/abcd…` (two levels keep folders small).
pub fn key(sha256: &str) -> Option<String> {
    is_sha256(sha256).then(|| format!("{}/{}/{sha256}", &sha256[..2], &sha256[2..4]))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Files under `root/ab/cd/abcd…` (two levels keep folders small).
#[derive(Debug, Clone)]
pub struct LocalFolder {
    root: PathBuf,
}

impl LocalFolder {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LocalFolder { root: root.into() }
    }

    /// `None` for anything that is not a sha256 in hex (no path tricks reach the disk).
    fn path(&self, sha256: &str) -> Option<PathBuf> {
        key(sha256).map(|key| self.root.join(key))
    }
}

#[async_trait::async_trait]
impl FileStore for LocalFolder {
    async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha = sha256_hex(bytes);
        let path = self.path(&sha).ok_or(std::io::ErrorKind::InvalidInput)?;
        if tokio::fs::try_exists(&path).await? {
            return Ok(sha);
        }
        let folder = path.parent().ok_or(std::io::ErrorKind::InvalidInput)?;
        tokio::fs::create_dir_all(folder).await?;
        // Written aside, then renamed: a reader never sees half a file, and a crash leaves
        // only a stray temporary file.
        // Unique per write: two uploads of the same bytes at once must not share a temporary.
        static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let partial = folder.join(format!("{sha}.{}.{n}.part", std::process::id()));
        tokio::fs::write(&partial, bytes).await?;
        tokio::fs::rename(&partial, &path).await?;
        Ok(sha)
    }

    /// The folder exists (made on first use) and is a folder: a missing mount or a file in
    /// its place fails.
    async fn check(&self) -> std::io::Result<()> {
        tokio::fs::create_dir_all(&self.root).await?;
        if tokio::fs::metadata(&self.root).await?.is_dir() {
            Ok(())
        } else {
            Err(std::io::ErrorKind::NotADirectory.into())
        }
    }

    async fn get(&self, sha256: &str) -> std::io::Result<Option<Vec<u8>>> {
        let Some(path) = self.path(sha256) else {
            return Ok(None);
        };
        match tokio::fs::read(path).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(err),
        }
    }

    async fn get_range(&self, sha256: &str, range: Range<u64>) -> std::io::Result<Option<Vec<u8>>> {
        use tokio::io::{AsyncReadExt, AsyncSeekExt};
        let Some(path) = self.path(sha256) else {
            return Ok(None);
        };
        let mut file = match tokio::fs::File::open(path).await {
            Ok(file) => file,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err),
        };
        file.seek(std::io::SeekFrom::Start(range.start)).await?;
        let mut bytes = Vec::new();
        file.take(range.end.saturating_sub(range.start))
            .read_to_end(&mut bytes)
            .await?;
        Ok(Some(bytes))
    }

    async fn delete(&self, sha256: &str) -> std::io::Result<()> {
        let Some(path) = self.path(sha256) else {
            return Ok(());
        };
        match tokio::fs::remove_file(path).await {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_same_bytes_are_stored_once_and_read_back() {
        let root = std::env::temp_dir().join(format!("ocop-store-{}", std::process::id()));
        let store = LocalFolder::new(&root);
        let a = store.put(b"%PDF-1.4 hello").await.unwrap();
        let b = store.put(b"%PDF-1.4 hello").await.unwrap();
        assert_eq!(a, b);
        assert_eq!(
            store.get(&a).await.unwrap().as_deref(),
            Some(&b"%PDF-1.4 hello"[..])
        );
        assert_eq!(store.get(&"0".repeat(64)).await.unwrap(), None);
        assert_eq!(store.get("../../etc/passwd").await.unwrap(), None);
        let _ = std::fs::remove_dir_all(root);
    }
}
