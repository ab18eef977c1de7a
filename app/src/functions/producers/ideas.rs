//! Product ideas: `/producer/ideas` (register, turn into a product) and `/commune/ideas`
//! (accept or decline).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::producers::ideas::IdeaRow;

#[server(prefix = "/api", endpoint = "list_ideas")]
pub async fn list_ideas() -> Result<Vec<IdeaRow>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::producers::ideas::list(&ctx.db, &ctx.actor).await?)
}

/// Registers an idea of the signed-in producer's subject; returns its id.
#[server(prefix = "/api", endpoint = "submit_idea")]
pub async fn submit_idea(
    name: String,
    group_code: String,
    description: String,
    raw_materials: String,
) -> Result<i32, AppError> {
    use crate::domain::product_idea::IdeaInput;
    let ctx = crate::functions::ctx().await?;
    let input = IdeaInput {
        name,
        group_code,
        description,
        raw_materials,
    };
    let (id, _notices) =
        crate::services::producers::ideas::submit(&ctx.db, &ctx.actor, &input, ctx.ip).await?;
    Ok(id)
}

/// The commune's decision (`accept` false: declined, with the reason in `comment`).
#[server(prefix = "/api", endpoint = "decide_idea")]
pub async fn decide_idea(
    idea_id: i32,
    version: i32,
    accept: bool,
    comment: String,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    crate::services::producers::ideas::decide(
        &ctx.db, &ctx.actor, idea_id, version, accept, &comment, ctx.ip,
    )
    .await?;
    Ok(())
}

/// Turns an accepted idea into a product; returns the product's id.
#[server(prefix = "/api", endpoint = "idea_to_product")]
pub async fn idea_to_product(idea_id: i32) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::producers::ideas::make_product(&ctx.db, &ctx.actor, idea_id, ctx.ip)
            .await?,
    )
}
