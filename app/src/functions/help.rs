//! The tour of a home (`services::help`; leaving it is a plain form, `POST /help/tour-done`;
//! the screens' panels need no call: `crate::help`).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::help::TourView;

/// The tour to show on a home: `step` when asked for (`role`: another role's, in demo mode),
/// else its start for a first-time user; `None` when there is none to show.
#[server(prefix = "/api", endpoint = "get_tour")]
pub async fn get_tour(
    role: Option<String>,
    step: Option<usize>,
    english: bool,
) -> Result<Option<TourView>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::help::tour(
        &ctx.db,
        &ctx.actor,
        role.as_deref(),
        step,
        english,
        ctx.app.demo_mode,
    )
    .await?)
}
