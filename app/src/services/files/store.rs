//! The content-addressed file store (DESIGN.md): bytes are kept under their sha256, so the same
//! file uploaded twice is stored once and a stored file never changes. Metadata (owner, name,
//! type) is in the `stored_file` table. One trait, a local folder by default; an S3-compatible
//! store can implement it when the deployment grows.
use std::path::PathBuf;

use sha2::{Digest, Sha256};

#[async_trait::async_trait]
pub trait FileStore: Send + Sync + std::fmt::Debug {
    /// Stores `bytes`; returns their sha256 (hex), the name to get them back by.
    async fn put(&self, bytes: &[u8]) -> std::io::Result<String>;
    /// The bytes stored under `sha256`, if any.
    async fn get(&self, sha256: &str) -> std::io::Result<Option<Vec<u8>>>;
    /// Whether the store can be reached now, for the server's readiness check.
    async fn check(&self) -> std::io::Result<()>;
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
        let valid = sha256.len() == 64
            && sha256
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        valid.then(|| {
            self.root
                .join(&sha256[..2])
                .join(&sha256[2..4])
                .join(sha256)
        })
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
