//! The commune's side of a dossier: comments per checklist item (or on the whole) and the
//! pre-assessment of the four criteria. Producers may answer a comment while the dossier is
//! back in their hands.
use crate::domain::audit_action::AuditAction;
use crate::domain::reason::Reason;
use sea_orm::{
    ActiveValue::Set, DatabaseConnection, EntityTrait, TransactionTrait, sea_query::OnConflict,
};

use crate::auth::{Actor, Denied};
use crate::domain::audit_details::Value;
use crate::domain::dossier::Party;
use crate::domain::pre_assessment::{self, PreAssessmentInput};
use crate::entities::{commune_assessment, notification};
use crate::services::ServiceError;
use crate::services::audit;
use crate::services::dossiers::filing::{
    checklist_for, dossier_entry, group_code_of, item_name, load_for,
};
use crate::services::dossiers::flow::add_comment;
use crate::services::dossiers::view::reviewable;
use crate::services::input::{invalid, required};
use crate::services::notifications::{self, Audience};

/// Comments on one item (`item_code`) or on the whole dossier (empty); returns the
/// notifications for the other side.
///
/// # Errors
/// `NotFound`; `Denied` unless the commune is checking it or the producer has it back;
/// `Invalid` for an empty comment or an item not on the checklist.
pub async fn comment(
    db: &DatabaseConnection,
    actor: &Actor,
    dossier_id: i32,
    item_code: &str,
    body: &str,
    ip: Option<String>,
) -> Result<Vec<notification::Model>, ServiceError> {
    let (d, party, state) = load_for(db, actor, dossier_id).await?;
    let may = match party {
        Party::Commune => reviewable(state),
        Party::Owner => state.editable_by_owner(),
        Party::Province => false,
    };
    if !may {
        return Err(ServiceError::Denied(Denied::NotAllowed));
    }
    let body = required(body, "body", 4000)?;
    let (p, group) = group_code_of(db, d.product_id).await?;
    let items = checklist_for(db, &group.code, d.created_at).await?;
    let item = match item_code.trim() {
        "" => None,
        code => {
            let known = items.iter().any(|i| i.code == code);
            if !known {
                return Err(invalid("item_code", Reason::Required));
            }
            Some(code.to_owned())
        }
    };
    let txn = db.begin().await?;
    add_comment(&txn, d.id, item.clone(), actor, &body, d.submission_no).await?;
    let summary = format!(
        "{}: comment on {}",
        p.name,
        item.as_deref().unwrap_or("dossier")
    );
    audit::append(
        &txn,
        dossier_entry(actor, AuditAction::DossierComment, d.id, summary, ip)
            .with("product", &p.name)
            .with(
                "item",
                item.as_deref()
                    .map(|code| item_name(&items, code))
                    .unwrap_or(Value::Same(String::new())),
            ),
    )
    .await?;
    let audience = match party {
        Party::Owner => Audience::CommuneOfficers(&d.commune_code),
        _ => Audience::SubjectMembers(d.subject_id),
    };
    let notices = notifications::notify(
        &txn,
        actor,
        &[audience],
        "dossier.comment",
        Some(d.id),
        &p.name,
    )
    .await?;
    txn.commit().await?;
    Ok(notices)
}

/// Saves the commune's pre-assessment (every criterion judged and justified).
///
/// # Errors
/// `NotFound`; `Denied` unless the actor is the dossier's commune and it awaits the check;
/// `Invalid` naming the criterion field.
pub async fn save_assessment(
    db: &DatabaseConnection,
    actor: &Actor,
    dossier_id: i32,
    input: &PreAssessmentInput,
    ip: Option<String>,
) -> Result<(), ServiceError> {
    let (d, party, state) = load_for(db, actor, dossier_id).await?;
    if party != Party::Commune || !reviewable(state) {
        return Err(ServiceError::Denied(Denied::NotAllowed));
    }
    let parsed = pre_assessment::parse(input).map_err(|(f, r)| invalid(f, r))?;
    let txn = db.begin().await?;
    let row = commune_assessment::ActiveModel {
        dossier_id: Set(d.id),
        assessment_json: Set(serde_json::to_string(input).unwrap_or_default()),
        officer_id: Set(actor.user_id().unwrap_or_default()),
        updated_at: Set(crate::clock::now()),
    };
    let upsert = OnConflict::column(commune_assessment::Column::DossierId)
        .update_columns([
            commune_assessment::Column::AssessmentJson,
            commune_assessment::Column::OfficerId,
            commune_assessment::Column::UpdatedAt,
        ])
        .to_owned();
    commune_assessment::Entity::insert(row)
        .on_conflict(upsert)
        .exec_without_returning(&txn)
        .await?;
    let summary = format!("pre-assessment: {}/4 criteria met", parsed.met_count());
    audit::append(
        &txn,
        dossier_entry(actor, AuditAction::DossierAssess, d.id, summary, ip)
            .with("met", parsed.met_count().to_string()),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
