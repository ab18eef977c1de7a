//! The session store over the application database.
use crate::support;

use std::collections::HashMap;

use sea_orm::{EntityTrait, PaginatorTrait};
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};

use app::auth::session_store::DbSessionStore;
use app::entities::session;

fn record(expires_in_minutes: i64) -> Record {
    let mut data = HashMap::new();
    data.insert("user_id".to_owned(), serde_json::json!(42));
    Record {
        id: Id::default(),
        data,
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::minutes(expires_in_minutes),
    }
}

#[tokio::test]
async fn saves_loads_updates_and_deletes() {
    for t in support::databases().await {
        let store = DbSessionStore::new(t.db.clone());
        let mut r = record(30);
        store.create(&mut r).await.unwrap();
        let loaded = store.load(&r.id).await.unwrap().expect("stored");
        assert_eq!(loaded.data["user_id"], 42, "{}", t.backend);

        r.data.insert("user_id".into(), serde_json::json!(7));
        store.save(&r).await.unwrap();
        assert_eq!(store.load(&r.id).await.unwrap().unwrap().data["user_id"], 7);
        assert_eq!(
            session::Entity::find().count(&t.db).await.unwrap(),
            1,
            "saved in place"
        );

        store.delete(&r.id).await.unwrap();
        assert!(store.load(&r.id).await.unwrap().is_none(), "{}", t.backend);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn expired_sessions_are_not_loaded_and_are_swept() {
    for t in support::databases().await {
        let store = DbSessionStore::new(t.db.clone());
        let mut old = record(-1);
        let mut live = record(30);
        store.create(&mut old).await.unwrap();
        store.create(&mut live).await.unwrap();
        assert!(
            store.load(&old.id).await.unwrap().is_none(),
            "{}",
            t.backend
        );
        assert_eq!(store.delete_expired().await.unwrap(), 1);
        assert!(store.load(&live.id).await.unwrap().is_some());
        t.cleanup().await;
    }
}
