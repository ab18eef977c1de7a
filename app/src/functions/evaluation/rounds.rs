//! Evaluation rounds: `/province/rounds` (create, members, dossiers, phases, results,
//! decision), `/council` (the member's rounds, scoring screen, conflicts), certificates.
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::evaluation::rounds::{Minutes, RoundResults, RoundRow, RoundView, SheetView};

#[server(prefix = "/api", endpoint = "list_rounds")]
pub async fn list_rounds() -> Result<Vec<RoundRow>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::rounds::list(&ctx.db, &ctx.actor).await?)
}

/// Creates a round (its fields named `round[name]`, …). Returns its id.
#[server(prefix = "/api", endpoint = "create_round")]
pub async fn create_round(
    round: crate::models::evaluation::rounds::RoundInput,
) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::rounds::create(&ctx.db, &ctx.actor, &round).await?)
}

/// Changes a round's settings until it is decided (same fields as `create_round`).
#[server(prefix = "/api", endpoint = "update_round")]
pub async fn update_round(
    round_id: i32,
    version: i32,
    round: crate::models::evaluation::rounds::RoundInput,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::rounds::update_settings(
        &ctx.db,
        &ctx.actor,
        round_id,
        version,
        &round,
        ctx.ip.clone(),
    )
    .await?)
}

/// The council's minutes of a round in deliberation or decided (provincial officer).
#[server(prefix = "/api", endpoint = "get_round_minutes")]
pub async fn get_round_minutes(round_id: i32) -> Result<Minutes, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::escalation::minutes(&ctx.db, &ctx.actor, round_id).await?)
}

#[server(prefix = "/api", endpoint = "get_round")]
pub async fn get_round(round_id: i32) -> Result<RoundView, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::rounds::view(&ctx.db, &ctx.actor, round_id).await?)
}

/// Adds a council or advisory member (`group_code` empty: every dossier).
#[server(prefix = "/api", endpoint = "add_round_member")]
pub async fn add_round_member(
    round_id: i32,
    user_id: i32,
    group_code: String,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::rounds::add_member(
        &ctx.db,
        &ctx.actor,
        round_id,
        user_id,
        Some(group_code),
        ctx.ip.clone(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "remove_round_member")]
pub async fn remove_round_member(round_id: i32, user_id: i32) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::rounds::remove_member(
        &ctx.db,
        &ctx.actor,
        round_id,
        user_id,
        ctx.ip.clone(),
    )
    .await?)
}

/// Brings forwarded dossiers into the round (`dossier_ids` comma-separated).
#[server(prefix = "/api", endpoint = "add_round_dossiers")]
pub async fn add_round_dossiers(round_id: i32, dossier_ids: String) -> Result<usize, AppError> {
    let ctx = crate::functions::ctx().await?;
    let ids: Vec<i32> = dossier_ids
        .split(',')
        .filter_map(|id| id.trim().parse().ok())
        .collect();
    Ok(
        crate::services::evaluation::rounds::add_dossiers(&ctx.db, &ctx.actor, round_id, &ids)
            .await?,
    )
}

/// Moves the round to its next phase; returns the phase.
#[server(prefix = "/api", endpoint = "advance_round")]
pub async fn advance_round(round_id: i32, version: i32) -> Result<String, AppError> {
    let ctx = crate::functions::ctx().await?;
    let phase =
        crate::services::evaluation::rounds::advance(&ctx.db, &ctx.actor, round_id, version)
            .await?;
    Ok(phase.as_str().to_owned())
}

#[server(prefix = "/api", endpoint = "declare_conflict")]
pub async fn declare_conflict(
    round_id: i32,
    dossier_id: i32,
    reason: String,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::rounds::declare_conflict(
        &ctx.db,
        &ctx.actor,
        round_id,
        dossier_id,
        &reason,
        ctx.ip.clone(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "get_score_sheet")]
pub async fn get_score_sheet(round_id: i32, dossier_id: i32) -> Result<SheetView, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::evaluation::score_sheets::sheet(&ctx.db, &ctx.actor, round_id, dossier_id)
            .await?,
    )
}

/// Saves (or with `submit`, submits) the member's choices, given as the JSON of
/// `domain::scoring::Sheet`; returns the sheet's new version.
#[server(prefix = "/api", endpoint = "save_score_sheet")]
pub async fn save_score_sheet(
    round_id: i32,
    dossier_id: i32,
    version: i32,
    choices: String,
    submit: bool,
) -> Result<i32, AppError> {
    let ctx = crate::functions::ctx().await?;
    let choices: crate::domain::scoring::Sheet = serde_json::from_str(&choices)
        .map_err(|_| AppError::invalid("choices", crate::domain::reason::Reason::UnknownOption))?;
    let saved = crate::services::evaluation::score_sheets::save(
        &ctx.db,
        &ctx.actor,
        (round_id, dossier_id),
        version,
        &choices,
        submit,
    )
    .await?;
    Ok(saved.version)
}

#[server(prefix = "/api", endpoint = "reopen_score_sheet")]
pub async fn reopen_score_sheet(
    round_id: i32,
    dossier_id: i32,
    member_id: i32,
    reason: String,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::score_sheets::reopen(
        &ctx.db,
        &ctx.actor,
        (round_id, dossier_id),
        member_id,
        &reason,
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "get_round_results")]
pub async fn get_round_results(round_id: i32) -> Result<RoundResults, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::results::results(&ctx.db, &ctx.actor, round_id).await?)
}

/// Saves the council's remarks on one dossier of the round (blank clears them).
#[server(prefix = "/api", endpoint = "save_council_remarks")]
pub async fn save_council_remarks(
    round_id: i32,
    dossier_id: i32,
    remarks: String,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::remarks::save_remarks(
        &ctx.db, &ctx.actor, round_id, dossier_id, &remarks,
    )
    .await?)
}

/// Records and publishes the decision; returns how many certificates were issued.
#[server(prefix = "/api", endpoint = "decide_round")]
pub async fn decide_round(
    round_id: i32,
    version: i32,
    number: String,
    date: String,
    signer: String,
) -> Result<usize, AppError> {
    let ctx = crate::functions::ctx().await?;
    let input = crate::models::evaluation::rounds::DecisionInput {
        number,
        date,
        signer,
    };
    Ok(crate::services::evaluation::decision::decide(
        &ctx.db,
        &ctx.actor,
        round_id,
        version,
        &input,
        &ctx.app.certificates,
    )
    .await?)
}

/// Leaves one dossier out of the round's decision, with a reason for its producer.
#[server(prefix = "/api", endpoint = "defer_round_dossier")]
pub async fn defer_round_dossier(
    round_id: i32,
    dossier_id: i32,
    reason: String,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::deferral::defer(
        &ctx.db,
        &ctx.actor,
        (round_id, dossier_id),
        &reason,
    )
    .await?)
}

/// Brings a dossier left out back into the round's decision.
#[server(prefix = "/api", endpoint = "bring_back_round_dossier")]
pub async fn bring_back_round_dossier(round_id: i32, dossier_id: i32) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(crate::services::evaluation::deferral::bring_back(
        &ctx.db,
        &ctx.actor,
        (round_id, dossier_id),
    )
    .await?)
}

/// Decides a dossier left out of the round's decision, by a decision of its own; returns
/// whether a certificate was issued.
#[server(prefix = "/api", endpoint = "decide_deferred_dossier")]
pub async fn decide_deferred_dossier(
    round_id: i32,
    dossier_id: i32,
    number: String,
    date: String,
    signer: String,
) -> Result<bool, AppError> {
    let ctx = crate::functions::ctx().await?;
    let input = crate::models::evaluation::rounds::DecisionInput {
        number,
        date,
        signer,
    };
    Ok(crate::services::evaluation::deferral::decide_later(
        &ctx.db,
        &ctx.actor,
        (round_id, dossier_id),
        &input,
        &ctx.app.certificates,
    )
    .await?)
}
