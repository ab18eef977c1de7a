//! A subject's page (`/subjects/{id}`) and its profile, kept by its members
//! (`/producer/subject`).
// The profile form's fields arrive one by one (the form works without JavaScript).
#![allow(clippy::too_many_arguments)]

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

/// Saves the signed-in member's subject profile (flat fields, so the form works without
/// JavaScript).
#[server(prefix = "/api", endpoint = "update_subject_profile")]
pub async fn update_subject_profile(
    subject_id: i32,
    version: i32,
    name: String,
    subject_type: String,
    tax_code: String,
    address: String,
    legal_representative: String,
    phone: String,
    email: String,
    website: String,
    founded_year: String,
    member_count: String,
    local_workers: String,
    introduction: String,
    latitude: String,
    longitude: String,
) -> Result<(), AppError> {
    use crate::models::producers::subject_profile::SubjectProfileInput;
    let ctx = crate::functions::ctx().await?;
    let input = SubjectProfileInput {
        subject_id,
        version,
        name,
        subject_type,
        tax_code,
        address,
        legal_representative,
        phone,
        email,
        website,
        founded_year,
        member_count,
        local_workers,
        introduction,
        latitude,
        longitude,
    };
    crate::services::producers::subject_profile::update_profile(&ctx.db, &ctx.actor, input, ctx.ip)
        .await?;
    Ok(())
}
