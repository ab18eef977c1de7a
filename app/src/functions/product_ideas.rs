//! Product ideas: `/producer/ideas` (register, turn into a product) and `/commune/ideas`
//! (accept or decline).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::product_ideas::IdeaRow;

#[server(prefix = "/api", endpoint = "list_ideas")]
pub async fn list_ideas() -> Result<Vec<IdeaRow>, AppError> {
    let app = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&app).await?;
    Ok(crate::services::producers::ideas::list(&app.db, &actor).await?)
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
    let app = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&app).await?;
    let ip = crate::auth::current::client_ip(&app).await;
    let input = IdeaInput {
        name,
        group_code,
        description,
        raw_materials,
    };
    let (id, notices) =
        crate::services::producers::ideas::submit(&app.db, &actor, &input, ip).await?;
    app.notifier.deliver(&app.db, &notices).await;
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
    let app = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&app).await?;
    let ip = crate::auth::current::client_ip(&app).await;
    let notices = crate::services::producers::ideas::decide(
        &app.db, &actor, idea_id, version, accept, &comment, ip,
    )
    .await?;
    app.notifier.deliver(&app.db, &notices).await;
    Ok(())
}

/// Turns an accepted idea into a product; returns the product's id.
#[server(prefix = "/api", endpoint = "idea_to_product")]
pub async fn idea_to_product(idea_id: i32) -> Result<i32, AppError> {
    let app = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&app).await?;
    let ip = crate::auth::current::client_ip(&app).await;
    Ok(crate::services::producers::ideas::make_product(&app.db, &actor, idea_id, ip).await?)
}
