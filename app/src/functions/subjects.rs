//! A subject's page (`/subjects/{id}`).
use leptos::prelude::*;

use crate::models::AppError;
use crate::models::subjects::{SubjectMember, SubjectView};

/// The subject's facts (public for an active subject).
#[server(prefix = "/api", endpoint = "get_subject")]
pub async fn get_subject(subject_id: i32) -> Result<SubjectView, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&state).await?;
    Ok(crate::services::subjects::subject_view(&state.db, &actor, subject_id).await?)
}

/// The subject's member accounts, for its members, its commune's officers and the province.
#[server(prefix = "/api", endpoint = "list_subject_members")]
pub async fn list_subject_members(subject_id: i32) -> Result<Vec<SubjectMember>, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::auth::current::actor(&state).await?;
    Ok(crate::services::subjects::subject_members(&state.db, &actor, subject_id).await?)
}
