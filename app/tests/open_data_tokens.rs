//! The open data API's tokens on real databases: only administrators create, list and revoke
//! them; a secret is shown once and only its hash is kept; a token works only unrevoked,
//! unexpired and in scope, and every use is counted; the per-token rate holds.
use crate::support;

use sea_orm::EntityTrait;

use app::domain::api_token::{Refused, Scope, TokenRequest};
use app::domain::dossier::DossierState;
use app::services::ServiceError;
use app::services::open_data::{ListQuery, private, tokens};
use support::dossiers::people;

fn today() -> chrono::NaiveDate {
    app::clock::today()
}

fn request(scopes: &[&str], days: u64) -> TokenRequest {
    TokenRequest {
        note: "Hệ thống OCOP quốc gia".into(),
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        expires_on: (today() + chrono::Days::new(days))
            .format("%Y-%m-%d")
            .to_string(),
    }
}

#[tokio::test]
async fn only_administrators_manage_tokens() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        for who in [
            &p.owner,
            &p.commune,
            &p.province,
            &p.council,
            &app::auth::Actor::Anonymous,
        ] {
            let made = tokens::create(db, who, &request(&["public_read"], 30), today()).await;
            assert!(
                matches!(made, Err(ServiceError::Denied(_))),
                "{}: {who:?}",
                t.backend
            );
            assert!(matches!(
                tokens::list(db, who, today()).await,
                Err(ServiceError::Denied(_))
            ));
            assert!(matches!(
                tokens::revoke(db, who, 1).await,
                Err(ServiceError::Denied(_))
            ));
        }
        let made = tokens::create(db, &p.admin, &request(&["public_read"], 30), today())
            .await
            .unwrap();
        assert!(app::domain::api_token::looks_like_secret(&made.secret));
        let stored = app::entities::api_token::Entity::find_by_id(made.id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_ne!(
            stored.secret_hash, made.secret,
            "{}: only a hash is kept",
            t.backend
        );
        assert!(!stored.secret_hash.contains(&made.secret[5..]));
        assert!(made.secret.starts_with(&stored.prefix));
        let listed = tokens::list(db, &p.admin, today()).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(
            (listed[0].state.as_str(), listed[0].use_count),
            ("active", 0)
        );
        let wrong = tokens::create(db, &p.admin, &TokenRequest::default(), today()).await;
        let Err(ServiceError::Problems(problems)) = wrong else {
            panic!("{wrong:?}")
        };
        assert_eq!(problems.len(), 3, "note, scopes and expiry named");
        assert!(matches!(
            tokens::revoke(db, &p.admin, 999_999).await,
            Err(ServiceError::NotFound)
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_token_works_only_unrevoked_unexpired_in_scope_and_each_use_counts() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let b = t.backend;
        let public = tokens::create(db, &p.admin, &request(&["public_read"], 30), today())
            .await
            .unwrap();
        let private_token = tokens::create(
            db,
            &p.admin,
            &request(&["public_read", "private_read"], 1),
            today(),
        )
        .await
        .unwrap();
        let check = |secret: String, needs: Scope, day: chrono::NaiveDate| async move {
            tokens::authenticate(db, &secret, needs, day)
                .await
                .map(|t| t.id)
        };
        assert_eq!(
            check(public.secret.clone(), Scope::PublicRead, today()).await,
            Ok(public.id)
        );
        // The gate counts a use once the rate allows it.
        let found = tokens::authenticate(db, &public.secret, Scope::PublicRead, today())
            .await
            .unwrap();
        tokens::record_use(db, &found).await;
        assert_eq!(
            check(public.secret.clone(), Scope::PrivateRead, today()).await,
            Err(Refused::OutOfScope),
            "{b}: a public token cannot read private data"
        );
        assert_eq!(
            check(private_token.secret.clone(), Scope::PrivateRead, today()).await,
            Ok(private_token.id)
        );
        let after_expiry = today() + chrono::Days::new(2);
        assert_eq!(
            check(
                private_token.secret.clone(),
                Scope::PrivateRead,
                after_expiry
            )
            .await,
            Err(Refused::Expired),
            "{b}"
        );
        let mut forged = public.secret.clone();
        forged.replace_range(10..11, if &forged[10..11] == "a" { "b" } else { "a" });
        assert_eq!(
            check(forged, Scope::PublicRead, today()).await,
            Err(Refused::Unknown)
        );
        assert_eq!(
            check("ocop_short".into(), Scope::PublicRead, today()).await,
            Err(Refused::Unknown)
        );

        tokens::revoke(db, &p.admin, public.id).await.unwrap();
        tokens::revoke(db, &p.admin, public.id).await.unwrap();
        assert_eq!(
            check(public.secret.clone(), Scope::PublicRead, today()).await,
            Err(Refused::Revoked),
            "{b}"
        );
        let listed = tokens::list(db, &p.admin, today()).await.unwrap();
        let row = listed.iter().find(|r| r.id == public.id).unwrap();
        assert_eq!(
            (row.state.as_str(), row.use_count),
            ("revoked", 1),
            "{b}: the one use that got in"
        );
        assert!(row.last_used_at.is_some());
        let audit = app::entities::audit_log::Entity::find()
            .all(db)
            .await
            .unwrap();
        assert!(audit.iter().any(|e| e.action == "api_token.create"));
        assert_eq!(
            audit
                .iter()
                .filter(|e| e.action == "api_token.revoke")
                .count(),
            1,
            "{b}: revoked once"
        );

        // What the private scope reads: dossiers' states, filtered.
        let store = support::dossiers::files();
        let id = support::dossiers::fresh(db, &store, &p, 1, DossierState::Submitted).await;
        let dossiers = private::dossiers(db, &ListQuery::default()).await.unwrap();
        let found = dossiers
            .data
            .iter()
            .find(|d| d.id == id)
            .expect("the new dossier");
        assert_eq!(found.state, "submitted", "{b}");
        let query: ListQuery =
            serde_json::from_value(serde_json::json!({"status": "certified"})).unwrap();
        assert!(
            private::dossiers(db, &query)
                .await
                .unwrap()
                .data
                .iter()
                .all(|d| d.id != id)
        );
        let wrong: ListQuery =
            serde_json::from_value(serde_json::json!({"status": "lost"})).unwrap();
        assert!(matches!(
            private::dossiers(db, &wrong).await,
            Err(ServiceError::Invalid {
                field: "status",
                ..
            })
        ));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_per_token_rate_holds_and_is_per_token() {
    let limit = app::auth::rate_limit::RateLimit::api_tokens(600);
    for _ in 0..600 {
        assert!(limit.check("7").await.unwrap());
    }
    assert!(
        !limit.check("7").await.unwrap(),
        "the 601st request in a minute"
    );
    assert!(
        limit.check("8").await.unwrap(),
        "another token is not held back"
    );
    // Shared by several servers through the database.
    for t in support::databases().await {
        let shared = app::auth::rate_limit::RateLimit::api_tokens(600).shared(t.db.clone(), "api");
        for _ in 0..600 {
            assert!(shared.check("7").await.unwrap());
        }
        assert!(!shared.check("7").await.unwrap(), "{}", t.backend);
        t.cleanup().await;
    }
}
