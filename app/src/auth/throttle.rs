//! Slowing down password guessing without letting an attacker lock a real user out.
//!
//! Failures are counted per (login, client address) pair, per login and per address. Past a
//! threshold each further attempt must wait twice as long as the last (1 s, 2 s, 4 s … up to
//! 15 minutes) since the latest failure. The pair threshold is low (5): a guesser from one
//! place is slowed at once. The per-login threshold is high (50), so someone failing on purpose
//! from elsewhere delays — never blocks — the real user, who signs in from their own address
//! untouched by the pair limit. Counts older than an hour are forgotten; a success clears the
//! pair. Kept in memory for one server; in the database when several share it
//! (`SignInThrottle::shared`, `auth::shared_counts`), with the same rules.
//!
//! An attempt is counted as a failure when it starts (`begin`), under the same lock that checks
//! the wait, and given back if it succeeds: a hundred guesses sent at once cannot all pass the
//! check before the first of them is counted.
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const PAIR_THRESHOLD: u32 = 5;
const LOGIN_THRESHOLD: u32 = 50;
pub(crate) const ADDRESS_THRESHOLD: u32 = 30;
const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
pub(crate) const FORGET_AFTER: Duration = Duration::from_secs(3600);
/// Above this many tracked keys, stale ones are dropped before adding more.
const PRUNE_ABOVE: usize = 10_000;

#[derive(Debug, Default)]
pub struct SignInThrottle {
    failures: Mutex<HashMap<String, Failures>>,
    /// Counted in this database instead of `failures`, for several servers.
    shared: Option<sea_orm::DatabaseConnection>,
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

/// What a failure did: `BurstStarted` the first time a pair or login crosses its threshold
/// (worth an audit entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureOutcome {
    Counted,
    BurstStarted,
}

pub(crate) fn keys(login: &str, address: &str) -> [(String, u32); 3] {
    [
        (format!("pair:{login}|{address}"), PAIR_THRESHOLD),
        (format!("login:{login}"), LOGIN_THRESHOLD),
        (format!("addr:{address}"), ADDRESS_THRESHOLD),
    ]
}

pub(crate) fn wait_after(count: u32, threshold: u32) -> Duration {
    if count < threshold {
        return Duration::ZERO;
    }
    let doublings = (count - threshold).min(20);
    Duration::from_secs(1u64 << doublings).min(MAX_WAIT)
}

impl SignInThrottle {
    /// Counts in `db`, shared by every server on it.
    pub fn shared(db: sea_orm::DatabaseConnection) -> Self {
        SignInThrottle {
            shared: Some(db),
            ..Default::default()
        }
    }

    /// `begin`, now, in memory or in the shared database.
    ///
    /// # Errors
    /// A database error; inside, the time still to wait.
    pub async fn start(
        &self,
        login: &str,
        address: &str,
    ) -> Result<Result<FailureOutcome, Duration>, sea_orm::DbErr> {
        match &self.shared {
            Some(db) => {
                let now = crate::clock::now();
                crate::auth::shared_counts::begin_sign_in(db, login, address, now).await
            }
            None => Ok(self.begin(login, address, Instant::now())),
        }
    }

    /// `record_success`, in memory or in the shared database.
    ///
    /// # Errors
    /// A database error.
    pub async fn succeeded(&self, login: &str, address: &str) -> Result<(), sea_orm::DbErr> {
        match &self.shared {
            Some(db) => crate::auth::shared_counts::sign_in_succeeded(db, login, address).await,
            None => {
                self.record_success(login, address);
                Ok(())
            }
        }
    }

    /// `record_no_guess`, in memory or in the shared database.
    ///
    /// # Errors
    /// A database error.
    pub async fn no_guess(&self, login: &str, address: &str) -> Result<(), sea_orm::DbErr> {
        match &self.shared {
            Some(db) => crate::auth::shared_counts::sign_in_no_guess(db, login, address).await,
            None => {
                self.record_no_guess(login, address);
                Ok(())
            }
        }
    }

    /// How long this login from this address must still wait, if at all.
    pub fn wait(&self, login: &str, address: &str, now: Instant) -> Option<Duration> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        wait_in(&failures, login, address, now)
    }

    /// Starts an attempt: refused with the wait left if this login or address must still wait,
    /// else counted as a failure until `record_success` says otherwise.
    ///
    /// # Errors
    /// The time still to wait.
    pub fn begin(
        &self,
        login: &str,
        address: &str,
        now: Instant,
    ) -> Result<FailureOutcome, Duration> {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(wait) = wait_in(&failures, login, address, now) {
            return Err(wait);
        }
        Ok(count_failure(&mut failures, login, address, now))
    }

    pub fn record_failure(&self, login: &str, address: &str, now: Instant) -> FailureOutcome {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        count_failure(&mut failures, login, address, now)
    }

    /// A success: the pair is cleared, and the failure `begin` counted for the login and the
    /// address is given back.
    pub fn record_success(&self, login: &str, address: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.remove(&format!("pair:{login}|{address}"));
        give_back(&mut failures, &keys(login, address)[1..]);
    }

    /// An attempt that was no guess after all (the right password on a pending or locked
    /// account, or no check made because the server was busy): its count is given back.
    pub fn record_no_guess(&self, login: &str, address: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        give_back(&mut failures, &keys(login, address));
    }
}

fn give_back(failures: &mut HashMap<String, Failures>, keys: &[(String, u32)]) {
    for (key, _) in keys {
        if let Some(entry) = failures.get_mut(key) {
            entry.count = entry.count.saturating_sub(1);
        }
    }
}

fn wait_in(
    failures: &HashMap<String, Failures>,
    login: &str,
    address: &str,
    now: Instant,
) -> Option<Duration> {
    keys(login, address)
        .iter()
        .filter_map(|(key, threshold)| {
            let f = failures.get(key)?;
            let ready_at = f.last + wait_after(f.count, *threshold);
            (now < ready_at && now.duration_since(f.last) < FORGET_AFTER).then(|| ready_at - now)
        })
        .max()
}

fn count_failure(
    failures: &mut HashMap<String, Failures>,
    login: &str,
    address: &str,
    now: Instant,
) -> FailureOutcome {
    if failures.len() > PRUNE_ABOVE {
        failures.retain(|_, f| now.duration_since(f.last) < FORGET_AFTER);
    }
    let mut outcome = FailureOutcome::Counted;
    for (key, threshold) in keys(login, address) {
        let entry = failures.entry(key).or_insert(Failures {
            count: 0,
            last: now,
        });
        if now.duration_since(entry.last) >= FORGET_AFTER {
            entry.count = 0;
        }
        entry.count += 1;
        entry.last = now;
        if entry.count == threshold && threshold != ADDRESS_THRESHOLD {
            outcome = FailureOutcome::BurstStarted;
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guesser_is_slowed_after_five_failures_and_waits_double_each_time() {
        let throttle = SignInThrottle::default();
        let t0 = Instant::now();
        for i in 0..4 {
            assert_eq!(
                throttle.record_failure("mai", "1.2.3.4", t0),
                FailureOutcome::Counted,
                "{i}"
            );
            assert_eq!(throttle.wait("mai", "1.2.3.4", t0), None);
        }
        assert_eq!(
            throttle.record_failure("mai", "1.2.3.4", t0),
            FailureOutcome::BurstStarted
        );
        assert_eq!(
            throttle.wait("mai", "1.2.3.4", t0),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            throttle.wait("mai", "1.2.3.4", t0 + Duration::from_secs(1)),
            None
        );
        throttle.record_failure("mai", "1.2.3.4", t0);
        assert_eq!(
            throttle.wait("mai", "1.2.3.4", t0),
            Some(Duration::from_secs(2))
        );
    }

    #[test]
    fn the_real_user_elsewhere_is_not_locked_out_and_success_clears_the_pair() {
        let throttle = SignInThrottle::default();
        let t0 = Instant::now();
        for _ in 0..10 {
            throttle.record_failure("mai", "6.6.6.6", t0);
        }
        assert!(throttle.wait("mai", "6.6.6.6", t0).is_some());
        assert_eq!(
            throttle.wait("mai", "1.2.3.4", t0),
            None,
            "another address signs in freely"
        );
        throttle.record_success("mai", "6.6.6.6");
        assert_eq!(throttle.wait("mai", "6.6.6.6", t0), None);
    }

    #[test]
    fn attempts_begun_at_once_pass_only_up_to_the_threshold() {
        let throttle = SignInThrottle::default();
        let t0 = Instant::now();
        let passed = (0..100)
            .filter(|_| throttle.begin("mai", "6.6.6.6", t0).is_ok())
            .count();
        assert_eq!(passed, PAIR_THRESHOLD as usize);
        // A success gives its counted attempt back to the login and the address.
        let other = SignInThrottle::default();
        for _ in 0..100 {
            other.begin("lan", "1.1.1.1", t0).unwrap();
            other.record_success("lan", "1.1.1.1");
        }
        assert_eq!(other.wait("lan", "1.1.1.1", t0), None);
    }

    #[test]
    fn waits_are_capped_and_old_failures_forgotten() {
        let throttle = SignInThrottle::default();
        let t0 = Instant::now();
        for _ in 0..40 {
            throttle.record_failure("mai", "6.6.6.6", t0);
        }
        assert_eq!(throttle.wait("mai", "6.6.6.6", t0), Some(MAX_WAIT));
        assert_eq!(throttle.wait("mai", "6.6.6.6", t0 + FORGET_AFTER), None);
    }
}
