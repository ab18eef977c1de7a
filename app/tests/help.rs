//! Guided tours (issue 24) against real databases: a first-time user gets their role's tour,
//! leaving it is remembered, it comes back only on request, and another role's tour only in
//! demo mode.
use crate::support;

use app::services::help::{finish_tour, tour};
use support::dossiers::people;

#[tokio::test]
async fn a_tour_shows_once_then_on_request_and_other_roles_in_demo_mode_only() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let first = tour(db, &p.owner, None, None, false, false)
            .await
            .unwrap()
            .expect("a first-time producer's tour");
        assert_eq!((first.role.as_str(), first.step), ("producer", 1), "{b}");
        assert_eq!(first.steps[0].target, "next-steps");
        assert!(first.demo_roles.is_empty());
        // Asked for a step past the end: its last.
        let last = tour(db, &p.owner, None, Some(99), true, false)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(last.step, last.steps.len());
        // Another role's tour only in demo mode.
        let own = tour(db, &p.owner, Some("admin"), Some(1), false, false)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(own.role, "producer", "{b}");
        let demo = tour(db, &p.owner, Some("admin"), Some(1), false, true)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(demo.role, "admin", "{b}");
        assert_eq!(demo.demo_roles.len(), 5);

        finish_tour(db, &p.owner).await.unwrap();
        assert!(
            tour(db, &p.owner, None, None, false, false)
                .await
                .unwrap()
                .is_none(),
            "{b}"
        );
        assert!(
            tour(db, &p.owner, None, Some(2), false, false)
                .await
                .unwrap()
                .is_some(),
            "{b}: on request"
        );
        // Others are not affected; a visitor has none and cannot finish one.
        assert!(
            tour(db, &p.commune, None, None, false, false)
                .await
                .unwrap()
                .is_some()
        );
        let anonymous = app::auth::Actor::Anonymous;
        assert!(
            tour(db, &anonymous, None, Some(1), false, true)
                .await
                .unwrap()
                .is_none()
        );
        assert!(finish_tour(db, &anonymous).await.is_err());
        t.cleanup().await;
    }
}
