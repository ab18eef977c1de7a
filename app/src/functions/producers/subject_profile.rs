//! A subject's page (`/subjects/{id}`) and its profile, kept by its members
//! (`/producer/subject`).

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::producers::subject_profile::{SubjectMember, SubjectView};

/// The subject's facts (public for an active subject).
#[server(prefix = "/api", endpoint = "get_subject")]
pub async fn get_subject(subject_id: i32) -> Result<SubjectView, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::producers::subject_profile::subject_view(&ctx.db, &ctx.actor, subject_id)
            .await?,
    )
}

/// The subject's member accounts, for its members, its commune's officers and the province.
#[server(prefix = "/api", endpoint = "list_subject_members")]
pub async fn list_subject_members(subject_id: i32) -> Result<Vec<SubjectMember>, AppError> {
    let ctx = crate::functions::ctx().await?;
    Ok(
        crate::services::producers::subject_profile::subject_members(
            &ctx.db, &ctx.actor, subject_id,
        )
        .await?,
    )
}

/// Saves the signed-in member's subject profile (the form's fields are named `profile[…]`, so
/// the form works without JavaScript too).
#[server(prefix = "/api", endpoint = "update_subject_profile")]
pub async fn update_subject_profile(
    profile: crate::models::producers::subject_profile::SubjectProfileInput,
) -> Result<(), AppError> {
    let ctx = crate::functions::ctx().await?;
    crate::services::producers::subject_profile::update_profile(
        &ctx.db, &ctx.actor, profile, ctx.ip,
    )
    .await?;
    Ok(())
}
