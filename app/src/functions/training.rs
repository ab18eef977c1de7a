//! Training sessions: the list, one session, recording one, its list of people and the ticks
//! of who came (`services::training`).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::training::{
    AccountMatch, AttendanceInput, AttendeeInput, TrainingInput, TrainingView, TrainingsPage,
};

#[server(prefix = "/api", endpoint = "list_trainings")]
pub async fn list_trainings() -> Result<TrainingsPage, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::training::sessions::list(&ctx.db, &ctx.actor).await?)
}

#[server(prefix = "/api", endpoint = "get_training")]
pub async fn get_training(id: i32) -> Result<TrainingView, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::training::sessions::view(&ctx.db, &ctx.actor, id).await?)
}

/// Records a session; its id.
#[server(prefix = "/api", endpoint = "create_training")]
pub async fn create_training(input: TrainingInput) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::training::sessions::create(&ctx.db, &ctx.actor, &input, ctx.today).await?)
}

/// Accounts the session may list, by name, phone or e-mail.
#[server(prefix = "/api", endpoint = "search_training_accounts")]
pub async fn search_training_accounts(
    session_id: i32,
    query: String,
) -> Result<Vec<AccountMatch>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::training::attendance::search_accounts(
        &ctx.db, &ctx.actor, session_id, &query,
    )
    .await?)
}

/// Puts someone on the list; the row's id.
#[server(prefix = "/api", endpoint = "add_training_attendee")]
pub async fn add_training_attendee(input: AttendeeInput) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::training::attendance::add(&ctx.db, &ctx.actor, &input).await?)
}

#[server(prefix = "/api", endpoint = "remove_training_attendee")]
pub async fn remove_training_attendee(session_id: i32, attendee_id: i32) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::training::attendance::remove(&ctx.db, &ctx.actor, session_id, attendee_id)
            .await?,
    )
}

/// Ticks who came; how many did.
#[server(prefix = "/api", endpoint = "tick_training_attendance")]
pub async fn tick_training_attendance(input: AttendanceInput) -> Result<usize, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::training::attendance::tick(&ctx.db, &ctx.actor, &input, ctx.today).await?)
}
