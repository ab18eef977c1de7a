//! Background jobs' leases (`services::jobs`) on real databases: one holder at a time, renewed
//! by its holder, taken over once expired or released — and one winner among many at once.
use crate::support;

use app::services::jobs::{acquire, release};
use chrono::Duration;

#[tokio::test]
async fn one_instance_holds_a_job_until_it_dies_or_lets_go() {
    for t in support::databases().await {
        let (db, b) = (&t.db, t.backend);
        let now = app::clock::now();
        let ttl = std::time::Duration::from_secs(60);
        assert!(acquire(db, "chores", "a", ttl, now).await.unwrap(), "{b}");
        assert!(!acquire(db, "chores", "b", ttl, now).await.unwrap(), "{b}");
        // Another job is another lease.
        assert!(acquire(db, "sessions", "b", ttl, now).await.unwrap(), "{b}");
        // The holder renews at each run; the other still waits.
        let later = now + Duration::seconds(50);
        assert!(acquire(db, "chores", "a", ttl, later).await.unwrap(), "{b}");
        let after_first_lease = now + Duration::seconds(70);
        assert!(
            !acquire(db, "chores", "b", ttl, after_first_lease)
                .await
                .unwrap(),
            "{b}: renewed, so not expired"
        );
        // "a" dies: nobody renews; past its lease "b" takes over, and "a" back is refused.
        let dead = later + Duration::seconds(61);
        assert!(acquire(db, "chores", "b", ttl, dead).await.unwrap(), "{b}");
        assert!(!acquire(db, "chores", "a", ttl, dead).await.unwrap(), "{b}");
        // "b" shuts down cleanly: "a" may run at once; releasing what one does not hold
        // changes nothing.
        release(db, "chores", "a", dead).await.unwrap();
        assert!(!acquire(db, "chores", "a", ttl, dead).await.unwrap(), "{b}");
        release(db, "chores", "b", dead).await.unwrap();
        let just_after = dead + Duration::milliseconds(1);
        assert!(
            acquire(db, "chores", "a", ttl, just_after).await.unwrap(),
            "{b}"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn among_many_instances_trying_at_once_one_wins() {
    for t in support::databases().await {
        let b = t.backend;
        let now = app::clock::now();
        for round in 0..2 {
            // The first time the row does not exist (insert race); then it has expired
            // (update race).
            let at = now + Duration::seconds(120 * round);
            let tries = (0..12).map(|i| {
                let db = t.db.clone();
                tokio::spawn(async move {
                    acquire(
                        &db,
                        "race",
                        &format!("i{i}"),
                        std::time::Duration::from_secs(60),
                        at,
                    )
                    .await
                    .unwrap()
                })
            });
            let mut winners = 0;
            for one in tries {
                winners += usize::from(one.await.unwrap());
            }
            assert_eq!(winners, 1, "{b}: round {round}");
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn leases_are_judged_by_the_database_clock() {
    for t in support::databases().await {
        let theirs = app::services::jobs::database_now(&t.db).await.unwrap();
        let ours = app::clock::now();
        assert!(
            (theirs - ours).num_seconds().abs() < 60,
            "{}: {theirs} against {ours}",
            t.backend
        );
        t.cleanup().await;
    }
}
