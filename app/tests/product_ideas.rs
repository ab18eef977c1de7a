//! Product ideas against real databases: registered by a producer, decided by its commune
//! only, turned into a product once accepted.
use crate::support;

use app::domain::reason::Reason;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use app::auth::Actor;
use app::auth::current::to_actor;
use app::domain::product_idea::{IdeaInput, IdeaState};
use app::entities::user_account;
use app::services::ServiceError;
use app::services::producers::ideas::{decide, list, make_product, submit};

async fn actor(db: &DatabaseConnection, email: &str) -> Actor {
    to_actor(
        &user_account::Entity::find()
            .filter(user_account::Column::Email.eq(email))
            .one(db)
            .await
            .unwrap()
            .unwrap(),
    )
}

fn idea(name: &str) -> IdeaInput {
    IdeaInput {
        name: name.into(),
        group_code: "I.3".into(),
        description: "Bánh từ hạt dẻ Trùng Khánh của xã.".into(),
        raw_materials: "Hạt dẻ".into(),
    }
}

#[tokio::test]
async fn an_idea_is_decided_by_its_commune_and_becomes_a_product() {
    for t in support::demo::demo_databases().await {
        let db = &t.db;
        let producer = actor(db, "dongbanh@demo.vn").await;
        let commune = actor(db, "xa.chilang@demo.vn").await;
        let other_commune = actor(db, "xa.trangdinh@demo.vn").await;
        let other_producer = actor(db, "thachden@demo.vn").await;
        let mut bad = idea("x");
        bad.group_code = "IX".into();
        assert!(matches!(
            submit(db, &producer, &bad, None).await,
            Err(ServiceError::Invalid {
                field: "group_code",
                ..
            })
        ));
        assert!(matches!(
            submit(db, &commune, &idea("x"), None).await,
            Err(ServiceError::Denied(_))
        ));
        let (id, notices) = submit(db, &producer, &idea("Bánh hạt dẻ"), None)
            .await
            .unwrap();
        assert!(!notices.is_empty(), "the commune is told");
        let seen =
            |rows: Vec<app::models::producers::ideas::IdeaRow>| rows.iter().any(|r| r.id == id);
        assert!(seen(list(db, &commune).await.unwrap()));
        assert!(!seen(list(db, &other_commune).await.unwrap()));
        assert!(!seen(list(db, &other_producer).await.unwrap()));
        assert!(list(db, &actor(db, "hoidong@demo.vn").await).await.is_err());
        assert!(
            matches!(
                make_product(db, &producer, id, None).await,
                Err(ServiceError::Conflict(_))
            ),
            "not yet accepted"
        );
        assert!(matches!(
            decide(db, &other_commune, id, 0, true, "", None).await,
            Err(ServiceError::Denied(_))
        ));
        assert!(matches!(
            decide(db, &producer, id, 0, true, "", None).await,
            Err(ServiceError::Denied(_))
        ));
        assert!(matches!(
            decide(db, &commune, id, 0, false, " ", None).await,
            Err(ServiceError::Invalid {
                field: "comment",
                ..
            })
        ));
        decide(
            db,
            &commune,
            id,
            0,
            true,
            "Phù hợp định hướng của xã.",
            None,
        )
        .await
        .unwrap();
        assert!(matches!(
            decide(db, &commune, id, 0, false, "muộn", None).await,
            Err(ServiceError::Conflict(Reason::ChangedMeanwhile))
        ));
        assert!(matches!(
            make_product(db, &other_producer, id, None).await,
            Err(ServiceError::Denied(_))
        ));
        let product = make_product(db, &producer, id, None).await.unwrap();
        assert!(
            matches!(
                make_product(db, &producer, id, None).await,
                Err(ServiceError::Conflict(_))
            ),
            "only once"
        );
        let row = list(db, &producer)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.id == id)
            .unwrap();
        assert_eq!(
            (row.state, row.product_id),
            (IdeaState::Accepted, Some(product)),
            "{}",
            t.backend
        );
        let detail = app::services::producers::products::product_detail(db, &producer, product)
            .await
            .unwrap();
        assert_eq!(
            (detail.name.as_str(), detail.group_code.as_str()),
            ("Bánh hạt dẻ", "I.3")
        );
        t.cleanup().await;
    }
}
