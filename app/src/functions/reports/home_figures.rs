use leptos::prelude::*;

use crate::models::AppError;
use crate::models::reports::home_figures::HomeFigures;

/// Live figures for the home page (public).
#[server(prefix = "/api", endpoint = "get_home_figures")]
pub async fn get_home_figures() -> Result<HomeFigures, AppError> {
    let state = crate::state::app_state()?;
    Ok(crate::services::reports::home_figures::home_figures(
        &state.db,
        crate::services::today_in_vietnam(),
    )
    .await?)
}
