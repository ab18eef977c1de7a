//! The queries behind `/units`.
use crate::support;

use app::domain::reason::Reason;
use app::models::master_data::units::UnitFilter;
use app::services::master_data::units::{list_units, product_group_tree};

fn codes(rows: &[app::models::master_data::units::UnitRow]) -> Vec<&str> {
    rows.iter().map(|r| r.code.as_str()).collect()
}

#[tokio::test]
async fn filters_by_level() {
    for t in support::with_master_data().await {
        let communes = list_units(&t.db, UnitFilter::CurrentCommunes, "")
            .await
            .unwrap();
        assert_eq!(communes.len(), 65, "{}", t.backend);
        assert!(
            communes
                .iter()
                .all(|u| u.valid_from.as_deref() == Some("01/07/2025"))
        );
        let districts = list_units(&t.db, UnitFilter::FormerDistricts, "")
            .await
            .unwrap();
        assert_eq!(districts.len(), 11, "{}", t.backend);
        assert!(
            districts
                .iter()
                .all(|u| u.valid_to.as_deref() == Some("30/06/2025"))
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn search_ignores_diacritics_and_case() {
    for t in support::with_master_data().await {
        for query in ["trang dinh", "Tràng Định", "TRANG  DINH", "tràng"] {
            let rows = list_units(&t.db, UnitFilter::CurrentCommunes, query)
                .await
                .unwrap();
            assert_eq!(codes(&rows), ["06046"], "{} {query:?}", t.backend);
            assert_eq!(rows[0].name, "Tràng Định");
            assert_eq!(rows[0].former_district.as_deref(), Some("huyện Tràng Định"));
        }
        let rows = list_units(&t.db, UnitFilter::FormerDistricts, "trang dinh")
            .await
            .unwrap();
        assert_eq!(codes(&rows), ["180"], "{}", t.backend);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn search_by_code_prefix_and_empty_result() {
    for t in support::with_master_data().await {
        let rows = list_units(&t.db, UnitFilter::CurrentCommunes, "0604")
            .await
            .unwrap();
        assert_eq!(codes(&rows), ["06040", "06046"], "{}", t.backend);
        let none = list_units(&t.db, UnitFilter::CurrentCommunes, "khong co xa nay")
            .await
            .unwrap();
        assert!(none.is_empty(), "{}", t.backend);
        // LIKE wildcards typed by a user are not wildcards.
        let wild = list_units(&t.db, UnitFilter::CurrentCommunes, "%")
            .await
            .unwrap();
        assert_eq!(
            wild.len(),
            65,
            "punctuation alone is no filter ({})",
            t.backend
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn units_are_sorted_by_name_ignoring_diacritics() {
    for t in support::with_master_data().await {
        let rows = list_units(&t.db, UnitFilter::CurrentCommunes, "")
            .await
            .unwrap();
        let keys: Vec<String> = rows
            .iter()
            .map(|r| app::domain::text::fold(&r.name))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "{}", t.backend);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn product_groups_form_a_tree() {
    for t in support::with_master_data().await {
        let tree = product_group_tree(&t.db).await.unwrap();
        let roots: Vec<&str> = tree.iter().map(|g| g.code.as_str()).collect();
        assert_eq!(roots, ["I", "II", "III", "IV", "V", "VI"], "{}", t.backend);
        let food = &tree[0];
        assert_eq!(
            food.children
                .iter()
                .map(|g| g.code.as_str())
                .collect::<Vec<_>>(),
            ["I.1", "I.2", "I.3"]
        );
        assert_eq!(food.children[2].children.len(), 4);
        assert_eq!(tree[1].children.len(), 2);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn too_long_query_is_refused_before_reaching_the_database() {
    let t = support::sqlite().await;
    let long = "a".repeat(app::models::master_data::units::MAX_QUERY_CHARS + 1);
    let err = list_units(&t.db, UnitFilter::CurrentCommunes, &long)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            app::services::ServiceError::Invalid {
                field: "q",
                reason: Reason::TooLong
            }
        ),
        "{err:?}"
    );
}
