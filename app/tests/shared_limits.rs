//! Sign-in and request limits shared by several servers (`auth::shared_counts`) on real
//! databases: guesses spread over two servers are counted together, attempts at once pass only
//! up to the threshold, a success gives its attempt back, windows start over, old counts go.
use crate::support;

use std::time::Duration;

use app::auth::rate_limit::RateLimit;
use app::auth::shared_counts::{allow, begin_sign_in, prune, sign_in_succeeded};
use app::auth::throttle::{FailureOutcome, SignInThrottle};

#[tokio::test]
async fn guesses_spread_over_two_servers_are_slowed_together() {
    for t in support::databases().await {
        let b = t.backend;
        // Two servers on one database.
        let (one, two) = (
            SignInThrottle::shared(t.db.clone()),
            SignInThrottle::shared(t.db.clone()),
        );
        for i in 0..5 {
            let server = if i % 2 == 0 { &one } else { &two };
            assert!(
                server.start("mai", "6.6.6.6").await.unwrap().is_ok(),
                "{b}: {i}"
            );
        }
        let refused = two.start("mai", "6.6.6.6").await.unwrap();
        assert!(
            matches!(refused, Err(wait) if wait <= Duration::from_secs(1)),
            "{b}: {refused:?}"
        );
        // The real user elsewhere is not held back by the pair limit.
        assert!(one.start("mai", "1.2.3.4").await.unwrap().is_ok(), "{b}");
        one.succeeded("mai", "1.2.3.4").await.unwrap();
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_shared_rules_are_the_in_memory_rules() {
    for t in support::databases().await {
        let (db, b) = (&t.db, t.backend);
        // Whole seconds: PostgreSQL keeps microseconds, and the waits are compared exactly.
        let t0 = chrono::DateTime::from_timestamp(app::clock::now().timestamp(), 0).unwrap();
        for i in 0..4 {
            let outcome = begin_sign_in(db, "lan", "9.9.9.9", t0).await.unwrap();
            assert_eq!(outcome, Ok(FailureOutcome::Counted), "{b}: {i}");
        }
        // The fifth starts the burst (worth an audit entry); then each waits double.
        let fifth = begin_sign_in(db, "lan", "9.9.9.9", t0).await.unwrap();
        assert_eq!(fifth, Ok(FailureOutcome::BurstStarted), "{b}");
        let refused = begin_sign_in(db, "lan", "9.9.9.9", t0).await.unwrap();
        assert_eq!(refused, Err(Duration::from_secs(1)), "{b}");
        let later = t0 + chrono::Duration::seconds(1);
        assert!(
            begin_sign_in(db, "lan", "9.9.9.9", later)
                .await
                .unwrap()
                .is_ok(),
            "{b}"
        );
        let refused = begin_sign_in(db, "lan", "9.9.9.9", later).await.unwrap();
        assert_eq!(refused, Err(Duration::from_secs(2)), "{b}");
        // A success clears the pair: the next attempt passes at once.
        sign_in_succeeded(db, "lan", "9.9.9.9").await.unwrap();
        assert!(
            begin_sign_in(db, "lan", "9.9.9.9", later)
                .await
                .unwrap()
                .is_ok(),
            "{b}"
        );
        // An hour later the counts are forgotten, and two hours later their rows are gone.
        let hour = t0 + chrono::Duration::minutes(61);
        assert!(
            begin_sign_in(db, "lan", "9.9.9.9", hour)
                .await
                .unwrap()
                .is_ok(),
            "{b}"
        );
        assert!(
            prune(db, hour + chrono::Duration::hours(3)).await.unwrap() >= 3,
            "{b}"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn attempts_at_once_on_two_servers_pass_only_up_to_the_threshold() {
    for t in support::databases().await {
        let b = t.backend;
        let now = app::clock::now();
        let tries = (0..30).map(|_| {
            let db = t.db.clone();
            tokio::spawn(async move { begin_sign_in(&db, "hoa", "5.5.5.5", now).await.unwrap() })
        });
        let mut passed = 0;
        for one in tries {
            passed += usize::from(one.await.unwrap().is_ok());
        }
        assert_eq!(passed, 5, "{b}");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_request_limit_counts_across_servers_and_starts_over_after_its_window() {
    for t in support::databases().await {
        let (db, b) = (&t.db, t.backend);
        let hour = Duration::from_secs(3600);
        let t0 = app::clock::now();
        let allowed = {
            let mut n = 0;
            for _ in 0..5 {
                n += usize::from(allow(db, "register:7.7.7.7", 3, hour, t0).await.unwrap());
            }
            n
        };
        assert_eq!(allowed, 3, "{b}");
        assert!(
            allow(db, "register:8.8.8.8", 3, hour, t0).await.unwrap(),
            "{b}: another address"
        );
        let next_hour = t0 + chrono::Duration::minutes(61);
        assert!(
            allow(db, "register:7.7.7.7", 3, hour, next_hour)
                .await
                .unwrap(),
            "{b}"
        );
        // Through the limiter a server uses, as two servers.
        let (one, two) = (
            RateLimit::new(2, hour).shared(t.db.clone(), "link"),
            RateLimit::new(2, hour).shared(t.db.clone(), "link"),
        );
        assert!(one.check("4.4.4.4").await.unwrap(), "{b}");
        assert!(two.check("4.4.4.4").await.unwrap(), "{b}");
        assert!(
            !one.check("4.4.4.4").await.unwrap(),
            "{b}: counted together"
        );
        t.cleanup().await;
    }
}
