//! How the round's decision ended a dossier, for its page: the council's score, stars and
//! subtotal of each part, its remarks and the certificate issued (`evaluation::finish` wrote
//! them). Never a member's own sheet.
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::dossier::DossierState;
use crate::domain::round::Phase;
use crate::entities::{certificate as cert, dossier, evaluation_round, round_dossier};
use crate::models::dossiers::{CertificateBrief, DossierResult};
use crate::services::ServiceError;

/// The result of a decided dossier; for one left out of its round's decision, the reason
/// (none otherwise while it is not decided). The caller has checked the
/// viewer may see the dossier; a result holds nothing more than the dossier's own outcome.
///
/// # Errors
/// A database error.
pub async fn result_of(
    db: &DatabaseConnection,
    d: &dossier::Model,
) -> Result<Option<DossierResult>, ServiceError> {
    let in_evaluation = d.state == DossierState::InEvaluation;
    if !d.state.decided() && !in_evaluation {
        return Ok(None);
    }
    let Some(row) = round_dossier::Entity::find()
        .filter(round_dossier::Column::DossierId.eq(d.id))
        .order_by_desc(round_dossier::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    // Before its end, only a dossier left out of the decision has something to say.
    if (in_evaluation && !row.deferred()) || (!in_evaluation && row.stars.is_none()) {
        return Ok(None);
    }
    let Some(round) = evaluation_round::Entity::find_by_id(row.round_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if in_evaluation {
        return Ok(Some(deferred(row, round.name)));
    }
    let certificate = cert::Entity::find()
        .filter(cert::Column::DossierId.eq(d.id))
        .order_by_desc(cert::Column::Id)
        .one(db)
        .await?
        .map(|c| CertificateBrief {
            stars: u8::try_from(c.stars).unwrap_or(0),
            valid_until: crate::domain::dates::date(c.valid_until),
            revoked: c.revoked_on.is_some(),
            superseded: c.superseded_by.is_some(),
            number: c.number,
        });
    Ok(Some(DossierResult {
        round_id: round.id,
        round_name: round.name,
        // Its own decision when it was decided later; the round's otherwise (rows decided
        // before dossiers kept their decision).
        decision_number: row.decision_number.or(round
            .decision_number
            .filter(|_| round.phase == Phase::Decided)),
        decision_date: row
            .decision_date
            .or(round
                .decision_date
                .filter(|_| round.phase == Phase::Decided))
            .map(crate::domain::dates::date),
        score: row.score.and_then(|s| u32::try_from(s).ok()),
        stars: row.stars.and_then(|s| u8::try_from(s).ok()),
        parts: row
            .parts_json
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default(),
        remarks: row.remarks,
        certificate,
        deferred_reason: row.deferred_reason,
    }))
}

/// What a dossier left out of the decision shows: the round and the reason (no score yet).
fn deferred(row: round_dossier::Model, round_name: String) -> DossierResult {
    DossierResult {
        round_id: row.round_id,
        round_name,
        decision_number: None,
        decision_date: None,
        score: None,
        stars: None,
        parts: Vec::new(),
        remarks: None,
        certificate: None,
        deferred_reason: row.deferred_reason,
    }
}
