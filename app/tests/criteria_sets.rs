//! Criteria sets: a valid sample set per product group is loaded with the master data and read
//! by the province and the members who score; producers and communes are refused.
mod support;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::auth::current::to_actor;
use app::entities::user_account;
use app::services::ServiceError;
use app::services::criteria_sets::{detail, list};
use app::services::demo::seed_demo;

#[tokio::test]
async fn sample_sets_are_listed_valid_and_refused_to_producers() {
    for t in support::databases().await {
        seed_demo(&t.db).await.unwrap();
        let actor = |email: &'static str| {
            let db = t.db.clone();
            async move {
                to_actor(
                    &user_account::Entity::find()
                        .filter(user_account::Column::Email.eq(email))
                        .one(&db)
                        .await
                        .unwrap()
                        .unwrap(),
                )
            }
        };
        let province = actor("so.nnmt@demo.vn").await;
        let rows = list(&t.db, &province).await.unwrap();
        let groups: Vec<&str> = rows.iter().map(|r| r.group_code.as_str()).collect();
        assert_eq!(groups, ["I", "II", "III", "IV", "V", "VI"], "{}", t.backend);
        assert!(
            rows.iter()
                .all(|r| r.is_sample && r.problem_count == 0 && r.criteria_count > 0)
        );
        let one = detail(&t.db, &actor("hoidong@demo.vn").await, rows[0].id)
            .await
            .unwrap();
        assert!(one.problems.is_empty());
        assert_eq!(one.set.parts.len(), 3);
        assert!(one.json.contains("\"parts\""));
        for email in ["dongbanh@demo.vn", "xa.chilang@demo.vn"] {
            assert!(
                matches!(
                    list(&t.db, &actor(email).await).await,
                    Err(ServiceError::Denied(_))
                ),
                "{email}"
            );
        }
        t.cleanup().await;
    }
}
