//! Editing master data against real databases: the province and administrators add, rename
//! and end communes (earlier names kept with their dates, the successor recorded, the unit no
//! longer offered); only administrators change product groups (a retired group stays on the
//! products filed under it, none newly takes it); the dossier checklist changes from today and
//! a dossier started earlier keeps the checklist of its day. Everyone else is refused.
use crate::support;

use chrono::Duration;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use app::auth::Actor;
use app::entities::{admin_unit, audit_log, dossier, subject};
use app::models::master_data::editing::{
    ChecklistItemInput, NewGroupInput, NewUnitInput, RenameGroupInput, RenameUnitInput,
    RetireInput, RetireUnitInput,
};
use app::models::producers::products::ProductInput;
use app::services::ServiceError;
use app::services::dossiers::filing;
use app::services::files::uploads::UploadLimits;
use app::services::master_data::{checklist_edits, editing_view, group_edits, unit_edits, units};
use support::dossiers::{new_product, people, problems};

fn denied<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> bool {
    matches!(result, Err(ServiceError::Denied(_)))
}

fn conflict<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> &'static str {
    match result {
        Err(ServiceError::Conflict(reason)) => reason.code(),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

fn day(offset: i64) -> String {
    let today = app::domain::dates::day_in_vietnam(app::clock::now());
    (today + Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

async fn audited(db: &sea_orm::DatabaseConnection, action: &str) -> usize {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .all(db)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn the_province_adds_renames_and_ends_communes_keeping_what_they_were() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let Actor::User {
            subject_id: Some(sid),
            ..
        } = p.owner
        else {
            panic!("a producer")
        };
        let home = subject::Entity::find_by_id(sid)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .commune_code;
        let new = NewUnitInput {
            code: "06999".into(),
            name: "Tân Hòa Bình".into(),
            kind: "xã".into(),
            valid_from: day(0),
        };
        let rename = RenameUnitInput {
            code: home.clone(),
            name: "Chi Lăng Mới".into(),
            kind: "phường".into(),
            from: "2026-01-01".into(),
        };
        for someone in [&p.owner, &p.commune, &p.council, &Actor::Anonymous] {
            assert!(denied(unit_edits::add_unit(db, someone, &new).await));
            assert!(denied(unit_edits::rename_unit(db, someone, &rename).await));
            let end = RetireUnitInput {
                code: home.clone(),
                last_day: day(-1),
                successor_code: "06999".into(),
            };
            assert!(denied(unit_edits::retire_unit(db, someone, &end).await));
            assert!(denied(editing_view::view(db, someone).await));
        }
        // Every wrong field at once.
        let wrong = NewUnitInput {
            code: "123".into(),
            name: "x".repeat(201),
            kind: "huyện".into(),
            valid_from: "2018-12-31".into(),
        };
        let before_the_communes = NewUnitInput {
            code: "06996".into(),
            valid_from: "2025-06-30".into(),
            ..new.clone()
        };
        assert_eq!(
            problems(unit_edits::add_unit(db, &p.province, &before_the_communes).await),
            vec![("valid_from".to_owned(), "unit_start")]
        );
        let said = problems(unit_edits::add_unit(db, &p.province, &wrong).await);
        for expected in [
            ("code", "unit_code"),
            ("name", "too_long"),
            ("kind", "unit_kind"),
            ("valid_from", "start_date"),
        ] {
            assert!(
                said.contains(&(expected.0.to_owned(), expected.1)),
                "{said:?}"
            );
        }
        unit_edits::add_unit(db, &p.province, &new).await.unwrap();
        assert_eq!(
            problems(unit_edits::add_unit(db, &p.admin, &new).await),
            vec![("code".to_owned(), "code_taken")]
        );
        let offered = units::in_force(db, &["commune"]).await.unwrap();
        assert!(offered.iter().any(|(c, _)| c == "06999"), "{}", t.backend);
        // One that begins next month is not offered yet.
        let later = NewUnitInput {
            code: "06997".into(),
            valid_from: day(30),
            ..new.clone()
        };
        unit_edits::add_unit(db, &p.province, &later).await.unwrap();
        let offered = units::in_force(db, &["commune"]).await.unwrap();
        assert!(!offered.iter().any(|(c, _)| c == "06997"), "{}", t.backend);

        // A rename before the current name began, or after today, is refused.
        for from in ["2025-06-30".to_owned(), day(1)] {
            let early = RenameUnitInput {
                from,
                ..rename.clone()
            };
            assert_eq!(
                problems(unit_edits::rename_unit(db, &p.province, &early).await),
                vec![("from".to_owned(), "version_date")]
            );
        }
        unit_edits::rename_unit(db, &p.province, &rename)
            .await
            .unwrap();
        let view = editing_view::view(db, &p.province).await.unwrap();
        let row = view.units.iter().find(|u| u.code == home).unwrap();
        assert_eq!(
            (row.name.as_str(), row.kind.as_str()),
            ("Chi Lăng Mới", "phường")
        );
        assert_eq!(row.versions.len(), 1, "{:?}", row.versions);
        assert_eq!(row.versions[0].fields.kind, "xã");
        assert_eq!(row.versions[0].valid_from.as_deref(), Some("01/07/2025"));
        assert_eq!(row.versions[0].valid_to, "31/12/2025");
        assert!(row.subjects >= 1);
        // The day the current name began corrects it: no further version.
        let fix = RenameUnitInput {
            name: "Chi Lăng Mới Sửa".into(),
            ..rename.clone()
        };
        unit_edits::rename_unit(db, &p.admin, &fix).await.unwrap();
        let view = editing_view::view(db, &p.admin).await.unwrap();
        let row = view.units.iter().find(|u| u.code == home).unwrap();
        assert_eq!(row.versions.len(), 1);
        assert_eq!(
            conflict(unit_edits::rename_unit(db, &p.admin, &fix).await),
            "nothing_changed"
        );
        assert_eq!(audited(db, "master_data.unit_rename").await, 2);

        // Ending: the successor must be another unit in force.
        for successor in [home.as_str(), "180", "nope"] {
            let end = RetireUnitInput {
                code: home.clone(),
                last_day: day(-1),
                successor_code: successor.into(),
            };
            assert_eq!(
                problems(unit_edits::retire_unit(db, &p.province, &end).await),
                vec![("successor_code".to_owned(), "unknown_successor")]
            );
        }
        let end = RetireUnitInput {
            code: home.clone(),
            last_day: day(-1),
            successor_code: "06999".into(),
        };
        let left = unit_edits::retire_unit(db, &p.province, &end)
            .await
            .unwrap();
        assert!(left >= 1, "the demo producer is still registered there");
        let unit = admin_unit::Entity::find()
            .filter(admin_unit::Column::Code.eq(&home))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(unit.successor_code.as_deref(), Some("06999"));
        let offered = units::in_force(db, &["commune"]).await.unwrap();
        assert!(!offered.iter().any(|(c, _)| *c == home), "{}", t.backend);
        assert_eq!(
            conflict(unit_edits::retire_unit(db, &p.province, &end).await),
            "already_retired"
        );
        assert_eq!(
            conflict(unit_edits::rename_unit(db, &p.province, &rename).await),
            "already_retired"
        );
        // The subject keeps the code it was filed under.
        let s = subject::Entity::find_by_id(sid)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(s.commune_code, home);
        assert_eq!(audited(db, "master_data.unit_retire").await, 1);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn only_administrators_change_product_groups_and_a_retired_group_stays_on_its_products() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let sub = NewGroupInput {
            parent_code: "I.1".into(),
            code: "I.1.c".into(),
            name_vi: "Nấm tươi".into(),
            name_en: "Fresh mushrooms".into(),
            valid_from: "2025-01-01".into(),
        };
        for someone in [&p.province, &p.commune, &p.owner, &Actor::Anonymous] {
            assert!(denied(group_edits::add_group(db, someone, &sub).await));
            let rename = RenameGroupInput {
                code: "I".into(),
                name_vi: "x".into(),
                name_en: "x".into(),
                from: day(0),
            };
            assert!(denied(
                group_edits::rename_group(db, someone, &rename).await
            ));
            let retire = RetireInput {
                code: "I.1.a".into(),
                last_day: day(-1),
            };
            assert!(denied(
                group_edits::retire_group(db, someone, &retire).await
            ));
        }
        let astray = NewGroupInput {
            code: "I.2.z".into(),
            ..sub.clone()
        };
        assert_eq!(
            problems(group_edits::add_group(db, &p.admin, &astray).await),
            vec![("code".to_owned(), "group_code_under")]
        );
        group_edits::add_group(db, &p.admin, &sub).await.unwrap();
        assert_eq!(
            problems(group_edits::add_group(db, &p.admin, &sub).await),
            vec![("code".to_owned(), "code_taken")]
        );
        let rename = RenameGroupInput {
            code: "I.1.c".into(),
            name_vi: "Nấm và mộc nhĩ tươi".into(),
            name_en: "Fresh mushrooms and wood ears".into(),
            from: day(0),
        };
        group_edits::rename_group(db, &p.admin, &rename)
            .await
            .unwrap();
        let view = editing_view::view(db, &p.admin).await.unwrap();
        assert!(view.may_edit_groups);
        let row = view.groups.iter().find(|g| g.code == "I.1.c").unwrap();
        assert_eq!(row.name_vi, "Nấm và mộc nhĩ tươi");
        assert_eq!(row.versions[0].fields.name_vi, "Nấm tươi");
        assert!(
            !editing_view::view(db, &p.province)
                .await
                .unwrap()
                .may_edit_groups
        );

        // A group with sub-groups in use is not retired before them.
        let parent = RetireInput {
            code: "I.1".into(),
            last_day: day(-1),
        };
        assert_eq!(
            conflict(group_edits::retire_group(db, &p.admin, &parent).await),
            "has_active_children"
        );
        // Retire I.1.a: the demo product filed under it keeps it, a new one cannot take it.
        let kept = new_product(db, &p.owner, "Na dai thử").await;
        let retire = RetireInput {
            code: "I.1.a".into(),
            last_day: day(-1),
        };
        group_edits::retire_group(db, &p.admin, &retire)
            .await
            .unwrap();
        let tree = units::product_group_tree(db).await.unwrap();
        let i1 = tree[0].children.iter().find(|g| g.code == "I.1").unwrap();
        assert!(!i1.children.iter().any(|g| g.code == "I.1.a"));
        let Actor::User {
            subject_id: Some(sid),
            ..
        } = p.owner
        else {
            panic!("a producer")
        };
        let fresh = ProductInput {
            name: "Na mới".into(),
            group_code: "I.1.a".into(),
            ..Default::default()
        };
        assert_eq!(
            problems(
                app::services::producers::products::save_product(db, &p.owner, sid, fresh, None)
                    .await
            ),
            vec![("group_code".to_owned(), "unknown_group")]
        );
        let same = ProductInput {
            product_id: kept.id,
            version: kept.version,
            name: "Na dai thử (sửa)".into(),
            group_code: "I.1.a".into(),
            ..Default::default()
        };
        app::services::producers::products::save_product(db, &p.owner, sid, same, None)
            .await
            .unwrap();
        assert_eq!(audited(db, "master_data.group_retire").await, 1);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_dossier_keeps_the_checklist_of_the_day_it_was_started() {
    for t in support::demo::demo_databases().await {
        let (db, p) = (&t.db, people(&t.db).await);
        let limits = UploadLimits::default();
        let prod = new_product(db, &p.owner, "Na thử danh mục").await;
        let old = filing::create_dossier(db, &p.owner, prod.id, "first", None)
            .await
            .unwrap();
        // Started ten days ago.
        let mut d: dossier::ActiveModel = dossier::Entity::find_by_id(old)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .into();
        d.created_at = Set(app::clock::now() - Duration::days(10));
        d.update(db).await.unwrap();
        let (owner, limits) = (&p.owner, &limits);
        let checklist = |id| async move {
            filing::dossier_view(db, owner, id, limits)
                .await
                .unwrap()
                .checklist
        };
        let before = checklist(old).await;
        let new_item = ChecklistItemInput {
            is_new: true,
            code: "water_test".into(),
            name_vi: "Phiếu kiểm nghiệm nước".into(),
            name_en: "Water test report".into(),
            mandatory: true,
            groups: "I".into(),
        };
        for someone in [&p.owner, &p.commune, &p.council, &Actor::Anonymous] {
            assert!(denied(
                checklist_edits::save_item(db, someone, &new_item).await
            ));
            let retire = RetireInput {
                code: "business_plan".into(),
                last_day: day(0),
            };
            assert!(denied(
                checklist_edits::retire_item(db, someone, &retire).await
            ));
        }
        let wrong = ChecklistItemInput {
            code: "Nước!".into(),
            groups: "I IX".into(),
            name_vi: String::new(),
            ..new_item.clone()
        };
        let said = problems(checklist_edits::save_item(db, &p.province, &wrong).await);
        for expected in [
            ("code", "item_code"),
            ("groups", "group_codes"),
            ("name_vi", "required"),
        ] {
            assert!(
                said.contains(&(expected.0.to_owned(), expected.1)),
                "{said:?}"
            );
        }
        checklist_edits::save_item(db, &p.province, &new_item)
            .await
            .unwrap();
        // The business plan becomes supporting from today.
        let plan = before.iter().find(|i| i.code == "business_plan").unwrap();
        assert!(plan.mandatory);
        let change = ChecklistItemInput {
            is_new: false,
            code: "business_plan".into(),
            name_vi: plan.name_vi.clone(),
            name_en: plan.name_en.clone(),
            mandatory: false,
            groups: String::new(),
        };
        checklist_edits::save_item(db, &p.admin, &change)
            .await
            .unwrap();
        assert_eq!(
            conflict(checklist_edits::save_item(db, &p.admin, &change).await),
            "nothing_changed"
        );

        // The dossier started ten days ago: as it was.
        let after = checklist(old).await;
        assert_eq!(
            after
                .iter()
                .map(|i| (&i.code, i.mandatory))
                .collect::<Vec<_>>(),
            before
                .iter()
                .map(|i| (&i.code, i.mandatory))
                .collect::<Vec<_>>()
        );
        // A dossier started today still has today's checklist: changes apply from tomorrow.
        let other = new_product(db, &p.owner, "Na thử danh mục 2").await;
        let today_id = filing::create_dossier(db, &p.owner, other.id, "first", None)
            .await
            .unwrap();
        assert_eq!(
            checklist(today_id)
                .await
                .iter()
                .map(|i| (&i.code, i.mandatory))
                .collect::<Vec<_>>(),
            before
                .iter()
                .map(|i| (&i.code, i.mandatory))
                .collect::<Vec<_>>()
        );
        // One started tomorrow: the new item, and the plan as supporting.
        let mut d: dossier::ActiveModel = dossier::Entity::find_by_id(today_id)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .into();
        d.created_at = Set(app::clock::now() + Duration::days(1));
        d.update(db).await.unwrap();
        let now = checklist(today_id).await;
        assert!(now.iter().any(|i| i.code == "water_test" && i.mandatory));
        assert!(
            now.iter()
                .any(|i| i.code == "business_plan" && !i.mandatory)
        );

        // Its last day no earlier than its first (tomorrow): dossiers started by then keep it.
        let too_early = RetireInput {
            code: "water_test".into(),
            last_day: day(0),
        };
        assert_eq!(
            problems(checklist_edits::retire_item(db, &p.province, &too_early).await),
            vec![("last_day".to_owned(), "retire_date")]
        );
        let retire = RetireInput {
            code: "water_test".into(),
            last_day: day(1),
        };
        checklist_edits::retire_item(db, &p.province, &retire)
            .await
            .unwrap();
        assert!(
            checklist(today_id)
                .await
                .iter()
                .any(|i| i.code == "water_test")
        );
        assert_eq!(
            conflict(checklist_edits::retire_item(db, &p.province, &retire).await),
            "already_retired"
        );
        assert_eq!(audited(db, "master_data.checklist_save").await, 2);
        t.cleanup().await;
    }
}
