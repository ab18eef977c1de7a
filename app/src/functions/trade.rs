//! Trade promotion: the events, recording one, and every action on a product's participation.
use leptos::prelude::*;

use crate::domain::trade_event::Participation;
use crate::models::AppError;
use crate::models::trade::{ParticipationInput, TradeEventInput, TradeEventView, TradeEventsPage};

#[server(prefix = "/api", endpoint = "list_trade_events")]
pub async fn list_trade_events() -> Result<TradeEventsPage, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::trade::events::list(&ctx.db, &ctx.actor, ctx.today).await?)
}

#[server(prefix = "/api", endpoint = "get_trade_event")]
pub async fn get_trade_event(id: i32) -> Result<TradeEventView, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::trade::events::view(&ctx.db, &ctx.actor, id, ctx.today).await?)
}

/// Records an event; its id.
#[server(prefix = "/api", endpoint = "create_trade_event")]
pub async fn create_trade_event(input: TradeEventInput) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::trade::events::create(&ctx.db, &ctx.actor, &input, ctx.today).await?)
}

/// Applies, invites, answers or records results; the participation's state.
#[server(prefix = "/api", endpoint = "act_on_participation")]
pub async fn act_on_participation(input: ParticipationInput) -> Result<Participation, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::trade::participation::act(&ctx.db, &ctx.actor, &input, ctx.today).await?)
}
