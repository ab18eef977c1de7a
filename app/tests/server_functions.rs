//! Server functions called as the server calls them: with the app state in the Leptos context.
use crate::support;

use app::domain::reason::Reason;
use leptos::prelude::{Owner, provide_context};

use app::functions::master_data::units::{list_units, product_groups};
use app::models::AppError;
use app::models::master_data::units::{MAX_QUERY_CHARS, UnitFilter};
use app::state::AppState;

fn with_state(db: sea_orm::DatabaseConnection) -> Owner {
    let owner = Owner::new();
    owner.set();
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("ocop")
        .build();
    provide_context(AppState::new(leptos_options, db));
    owner
}

#[tokio::test]
async fn list_units_answers_through_context() {
    for t in support::with_master_data().await {
        let _owner = with_state(t.db.clone());
        let rows = list_units(UnitFilter::CurrentCommunes, "trang dinh".into())
            .await
            .unwrap();
        assert_eq!(rows.len(), 1, "{}", t.backend);
        assert_eq!(product_groups().await.unwrap().len(), 6);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn too_long_search_is_a_field_error() {
    let t = support::sqlite().await;
    let _owner = with_state(t.db.clone());
    let err = list_units(UnitFilter::CurrentCommunes, "a".repeat(MAX_QUERY_CHARS + 1)).await;
    assert_eq!(err, Err(AppError::invalid("q", Reason::TooLong)));
}

#[tokio::test]
async fn missing_state_is_an_internal_error_not_a_panic() {
    let owner = Owner::new();
    owner.set();
    let err = list_units(UnitFilter::CurrentCommunes, String::new()).await;
    assert_eq!(err, Err(AppError::Internal));
}
