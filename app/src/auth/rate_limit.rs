//! At most so many events per key (a client address) in a fixed window: for actions that are
//! not guesses but cost the server or squat on names (one-click demo sign-ins, registrations).
//! Kept in memory for one server (the map is bounded), or in the database when several share it
//! (`RateLimit::shared`, `auth::shared_counts`).
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Above this many keys, windows that are over are dropped before adding more; if every key is
/// still in its window, the limiter starts over rather than grow.
const MAX_KEYS: usize = 10_000;

/// Requests a minute per token of the open data API by default: ten a second, far above what
/// a partner's sync needs, far below what would slow the server for others.
pub const API_PER_MINUTE: u32 = 600;

#[derive(Debug)]
pub struct RateLimit {
    limit: u32,
    window: Duration,
    windows: Mutex<HashMap<String, (Instant, u32)>>,
    /// Counted in this database under keys with this prefix instead, for several servers.
    shared: Option<(sea_orm::DatabaseConnection, &'static str)>,
}

impl RateLimit {
    pub fn new(limit: u32, window: Duration) -> Self {
        RateLimit {
            limit,
            window,
            windows: Mutex::default(),
            shared: None,
        }
    }

    /// The same limit counted in `db` (keys `{prefix}:{key}`), shared by every server on it.
    pub fn shared(self, db: sea_orm::DatabaseConnection, prefix: &'static str) -> Self {
        RateLimit {
            shared: Some((db, prefix)),
            ..self
        }
    }

    /// `allow`, now, in memory or in the shared database.
    ///
    /// # Errors
    /// A database error.
    pub async fn check(&self, key: &str) -> Result<bool, sea_orm::DbErr> {
        match &self.shared {
            Some((db, prefix)) => {
                let key = format!("{prefix}:{key}");
                let now = crate::clock::now();
                crate::auth::shared_counts::allow(db, &key, self.limit, self.window, now).await
            }
            None => Ok(self.allow(key, Instant::now())),
        }
    }

    /// The open data API: `per_minute` requests a minute per token (`API_PER_MINUTE` unless
    /// the operator says otherwise).
    pub fn api_tokens(per_minute: u32) -> Self {
        RateLimit::new(per_minute, Duration::from_secs(60))
    }

    /// One-click demo sign-ins: 20 a minute from one address.
    pub fn demo_sign_ins() -> Self {
        RateLimit::new(20, Duration::from_secs(60))
    }

    /// Producer registrations: 20 an hour from one address (a commune office registering its
    /// producers one after another stays under it).
    pub fn registrations() -> Self {
        RateLimit::new(20, Duration::from_secs(3600))
    }

    /// "Forgot password": 10 an hour from one address (a shared office connection included).
    pub fn password_links() -> Self {
        RateLimit::new(10, Duration::from_secs(3600))
    }

    /// Counts an event for `key`; false when the key has used its window up.
    pub fn allow(&self, key: &str, now: Instant) -> bool {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() >= MAX_KEYS && !windows.contains_key(key) {
            windows.retain(|_, (start, _)| now.duration_since(*start) < self.window);
            if windows.len() >= MAX_KEYS {
                windows.clear();
            }
        }
        let (start, count) = windows.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(*start) >= self.window {
            (*start, *count) = (now, 0);
        }
        if *count >= self.limit {
            return false;
        }
        *count += 1;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_gets_its_limit_per_window_and_others_are_untouched() {
        let limit = RateLimit::new(3, Duration::from_secs(60));
        let t0 = Instant::now();
        assert_eq!((0..5).filter(|_| limit.allow("a", t0)).count(), 3);
        assert!(limit.allow("b", t0));
        assert!(limit.allow("a", t0 + Duration::from_secs(60)));
    }

    #[test]
    fn the_map_stays_bounded() {
        let limit = RateLimit::new(1, Duration::from_secs(60));
        let t0 = Instant::now();
        for i in 0..(MAX_KEYS + 50) {
            limit.allow(&i.to_string(), t0);
        }
        assert!(limit.windows.lock().unwrap().len() <= MAX_KEYS);
    }
}
