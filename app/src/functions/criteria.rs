//! Criteria sets (`/admin/criteria`).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::criteria::{CriteriaSetRow, CriteriaSetView};

#[server(prefix = "/api", endpoint = "list_criteria_sets")]
pub async fn list_criteria_sets() -> Result<Vec<CriteriaSetRow>, AppError> {
    let app = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&app).await?;
    Ok(crate::services::criteria_sets::list(&app.db, &actor).await?)
}

#[server(prefix = "/api", endpoint = "get_criteria_set")]
pub async fn get_criteria_set(id: i32) -> Result<CriteriaSetView, AppError> {
    let app = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&app).await?;
    Ok(crate::services::criteria_sets::detail(&app.db, &actor, id).await?)
}

/// Saves an edited or imported set (JSON); returns the id of the version written.
#[server(prefix = "/api", endpoint = "save_criteria_set")]
pub async fn save_criteria_set(
    group_code: String,
    name: String,
    json: String,
) -> Result<i32, AppError> {
    let app = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&app).await?;
    Ok(
        crate::services::criteria_sets::save_version(&app.db, &actor, &group_code, &name, &json)
            .await?,
    )
}
