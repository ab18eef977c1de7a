//! How the round's decision ended a dossier, for its page: the council's score, stars and
//! subtotal of each part, its remarks and the certificate issued (`evaluation::finish` wrote
//! them). Never a member's own sheet.
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::round::Phase;
use crate::entities::{certificate as cert, dossier, evaluation_round, round_dossier};
use crate::models::dossiers::{CertificateBrief, DossierResult};
use crate::services::ServiceError;

/// The result of a decided dossier (none while it is not decided). The caller has checked the
/// viewer may see the dossier; a result holds nothing more than the dossier's own outcome.
///
/// # Errors
/// A database error.
pub async fn result_of(
    db: &DatabaseConnection,
    d: &dossier::Model,
) -> Result<Option<DossierResult>, ServiceError> {
    if !d.state.decided() {
        return Ok(None);
    }
    let Some(row) = round_dossier::Entity::find()
        .filter(round_dossier::Column::DossierId.eq(d.id))
        .filter(round_dossier::Column::Stars.is_not_null())
        .order_by_desc(round_dossier::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(round) = evaluation_round::Entity::find_by_id(row.round_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
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
        decision_number: round
            .decision_number
            .filter(|_| round.phase == Phase::Decided),
        decision_date: round
            .decision_date
            .filter(|_| round.phase == Phase::Decided)
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
    }))
}
