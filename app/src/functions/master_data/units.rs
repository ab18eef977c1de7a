use leptos::prelude::*;

use crate::models::AppError;
use crate::models::master_data::units::{ProductGroupNode, UnitFilter, UnitRow};

/// Administrative units of one kind matching `query` (diacritics ignored), for `/units` (public).
#[server(prefix = "/api", endpoint = "list_units")]
pub async fn list_units(filter: UnitFilter, query: String) -> Result<Vec<UnitRow>, AppError> {
    let state = crate::state::app_state()?;
    Ok(crate::services::master_data::units::list_units(&state.db, filter, &query).await?)
}

/// The product-group tree of the current scheme (public).
#[server(prefix = "/api", endpoint = "product_groups")]
pub async fn product_groups() -> Result<Vec<ProductGroupNode>, AppError> {
    let state = crate::state::app_state()?;
    Ok(crate::services::master_data::units::product_group_tree(&state.db).await?)
}
