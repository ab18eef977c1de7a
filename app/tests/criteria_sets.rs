//! Criteria sets: a valid sample set per product group is loaded with the master data and read
//! by the province and the members who score; producers and communes are refused.
use crate::support;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::auth::current::to_actor;
use app::entities::user_account;
use app::services::ServiceError;
use app::services::evaluation::criteria_sets::{detail, list};

#[tokio::test]
async fn sample_sets_are_listed_valid_and_refused_to_producers() {
    for t in support::demo::demo_databases().await {
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

#[tokio::test]
async fn an_edited_set_is_checked_and_a_frozen_one_gets_a_new_version() {
    use app::services::evaluation::criteria_sets::save_version;
    use support::dossiers::{actor, reason};
    for t in support::demo::demo_databases().await {
        let (db, province) = (&t.db, actor(&t.db, "so.nnmt@demo.vn").await);
        let sample = list(db, &province).await.unwrap()[0].clone();
        let json = detail(db, &province, sample.id).await.unwrap().json;
        // Not used by a round: saved in place, no longer marked as a sample.
        let same = save_version(db, &province, "I", "Bộ tiêu chí nhóm I (tỉnh)", &json)
            .await
            .unwrap();
        assert_eq!(same, sample.id);
        assert!(!detail(db, &province, same).await.unwrap().row.is_sample);
        // Wrong sets are refused with the first problem.
        let broken = json.replacen("\"points\": 50", "\"points\": 60", 1);
        assert_eq!(
            reason(save_version(db, &province, "I", "x", &broken).await),
            ("json", "part_sum")
        );
        assert_eq!(
            reason(save_version(db, &province, "I", "x", "{").await),
            ("json", "unreadable")
        );
        assert_eq!(
            reason(save_version(db, &province, "ZZ", "x", &json).await),
            ("group_code", "unknown_group")
        );
        // Frozen by a round: a new version.
        app::entities::criteria_set::Entity::update_many()
            .col_expr(app::entities::criteria_set::Column::Frozen, true.into())
            .filter(app::entities::criteria_set::Column::Id.eq(same))
            .exec(db)
            .await
            .unwrap();
        let next = save_version(db, &province, "I", "Bộ tiêu chí nhóm I (sửa)", &json)
            .await
            .unwrap();
        assert_ne!(next, same);
        assert_eq!(detail(db, &province, next).await.unwrap().row.version, 2);
        for email in ["hoidong@demo.vn", "dongbanh@demo.vn"] {
            assert!(matches!(
                save_version(db, &actor(db, email).await, "I", "x", &json).await,
                Err(ServiceError::Denied(_))
            ));
        }
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_set_goes_out_as_xlsx_and_comes_back_in_checked() {
    use app::services::evaluation::criteria_sets::{export_xlsx, import_xlsx};
    use support::dossiers::{actor, reason};
    for t in support::demo::demo_databases().await {
        let (db, province) = (&t.db, actor(&t.db, "so.nnmt@demo.vn").await);
        let sample = list(db, &province).await.unwrap()[1].clone();
        let before = detail(db, &province, sample.id).await.unwrap();
        let (name, bytes) = export_xlsx(db, &province, sample.id).await.unwrap();
        assert_eq!(name, format!("bo-tieu-chi-{}-v1.xlsx", sample.group_code));
        // Members who score may read a set, so they may download it; producers may not.
        assert!(
            export_xlsx(db, &actor(db, "hoidong@demo.vn").await, sample.id)
                .await
                .is_ok()
        );
        assert!(matches!(
            export_xlsx(db, &actor(db, "dongbanh@demo.vn").await, sample.id).await,
            Err(ServiceError::Denied(_))
        ));
        // Imported into its own group (taken from the file): the same set, saved in place.
        let id = import_xlsx(db, &province, "", &bytes).await.unwrap();
        assert_eq!(id, sample.id, "{}", t.backend);
        let after = detail(db, &province, id).await.unwrap();
        assert_eq!(after.set, before.set);
        assert!(!after.row.is_sample);
        assert!(
            after.set.parts[0].criteria[0].guidance.contains("hợp đồng"),
            "guidance and evidence survive the round trip"
        );
        // Not a spreadsheet, or a group that does not exist: told on the file.
        assert_eq!(
            reason(import_xlsx(db, &province, "", b"%PDF-1.4").await),
            ("file", "xlsx_unreadable")
        );
        assert_eq!(
            reason(import_xlsx(db, &province, "ZZ", &bytes).await),
            ("file", "unknown_group")
        );
        assert!(matches!(
            import_xlsx(db, &actor(db, "hoidong@demo.vn").await, "", &bytes).await,
            Err(ServiceError::Denied(_))
        ));
        t.cleanup().await;
    }
}
