//! What the signed-in producer's information lacks, on their home.
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::producers::completeness::CompletenessView;

/// The gaps of the signed-in producer's subject and products
/// (`services::producers::completeness::mine`).
#[server(prefix = "/api", endpoint = "my_completeness")]
pub async fn my_completeness() -> Result<CompletenessView, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::producers::completeness::mine(&ctx.db, &ctx.actor, ctx.today).await?)
}
