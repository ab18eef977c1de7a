//! A subject's page (`/subjects/{id}`) and its profile, kept by its members
//! (`/producer/subject`).
// The profile form's fields arrive one by one (the form works without JavaScript).
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::subjects::{SubjectMember, SubjectView};

/// The subject's facts (public for an active subject).
#[server(prefix = "/api", endpoint = "get_subject")]
pub async fn get_subject(subject_id: i32) -> Result<SubjectView, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&state).await?;
    Ok(
        crate::services::producers::subject_profile::subject_view(&state.db, &actor, subject_id)
            .await?,
    )
}

/// The subject's member accounts, for its members, its commune's officers and the province.
#[server(prefix = "/api", endpoint = "list_subject_members")]
pub async fn list_subject_members(subject_id: i32) -> Result<Vec<SubjectMember>, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&state).await?;
    Ok(
        crate::services::producers::subject_profile::subject_members(&state.db, &actor, subject_id)
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
    use crate::models::subjects::SubjectProfileInput;
    let state = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&state).await?;
    let ip = crate::auth::current::client_ip(&state).await;
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
    crate::services::producers::subject_profile::update_profile(&state.db, &actor, input, ip)
        .await?;
    Ok(())
}
