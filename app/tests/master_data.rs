//! Master data loads from the shipped CSV files, idempotently, without overwriting edits.
use crate::support;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

use app::entities::{admin_unit, product_group};
use app::services::master_data::loading::{LoadSummary, load};

#[tokio::test]
async fn loads_units_groups_and_the_checklist_once() {
    for t in support::databases().await {
        let first = load(&t.db).await.unwrap();
        // The years after the file's last (2027) follow it, up to next year: 3 periods each.
        let next_year = chrono::Datelike::year(&app::clock::today()) + 1;
        let periods_after_2027 = 3 * u64::try_from(next_year - 2027).unwrap_or(0);
        // 1 province + 11 former districts + 65 communes; 6 groups with 13 sub-groups; 18
        // dossier checklist items; 13 label checklist items; a sample criteria set per group;
        // 15 report periods (2023–2027: half-year, nine-month, annual) and the 2025 target.
        assert_eq!(
            first,
            LoadSummary {
                units_added: 77,
                groups_added: 19,
                checklist_added: 18,
                label_items_added: 13,
                criteria_sets_added: 6,
                report_settings_added: 16 + periods_after_2027
            },
            "{}",
            t.backend
        );
        let second = load(&t.db).await.unwrap();
        assert_eq!(
            second,
            LoadSummary {
                units_added: 0,
                groups_added: 0,
                checklist_added: 0,
                label_items_added: 0,
                criteria_sets_added: 0,
                report_settings_added: 0
            },
            "{}",
            t.backend
        );
        assert_eq!(admin_unit::Entity::find().count(&t.db).await.unwrap(), 77);
        assert_eq!(
            product_group::Entity::find().count(&t.db).await.unwrap(),
            19
        );

        let communes = admin_unit::Entity::find()
            .filter(admin_unit::Column::Level.eq("commune"))
            .count(&t.db)
            .await
            .unwrap();
        assert_eq!(communes, 65, "{}", t.backend);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn reloading_keeps_an_administrators_edit() {
    for t in support::with_master_data().await {
        let unit = admin_unit::Entity::find()
            .filter(admin_unit::Column::Code.eq("06046"))
            .one(&t.db)
            .await
            .unwrap()
            .expect("Tràng Định is loaded");
        assert_eq!(unit.name, "Tràng Định");
        assert_eq!(unit.name_folded, "trang dinh");
        assert_eq!(unit.former_district_code.as_deref(), Some("180"));
        assert_eq!(
            unit.valid_from.map(|d| d.to_string()).as_deref(),
            Some("2025-07-01")
        );

        let mut edited: admin_unit::ActiveModel = unit.into();
        edited.former_district_code = Set(Some("181".into()));
        edited.update(&t.db).await.unwrap();
        load(&t.db).await.unwrap();
        let after = admin_unit::Entity::find()
            .filter(admin_unit::Column::Code.eq("06046"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            after.former_district_code.as_deref(),
            Some("181"),
            "{}",
            t.backend
        );
        t.cleanup().await;
    }
}
