//! Reminders before a round's scoring window closes: a job the server runs every few hours
//! tells each council member who still has unsubmitted sheets in a round that scores, once
//! the window's last day is at most `DAYS_BEFORE` days away — once per round, in the app and
//! by e-mail.
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};

use crate::auth::Actor;
use crate::domain::round::{Panel, Phase};
use crate::entities::evaluation_round;
use crate::services::ServiceError;
use crate::services::evaluation::round_data::{self, RoundData};
use crate::services::notifications::{self, Audience};

/// The kind of notification written (translated on the notifications page, e-mailed).
pub const KIND: &str = "round.sheets_due";
/// How many days before the window's last day members are reminded.
pub const DAYS_BEFORE: u64 = 3;

/// Reminds the members of every scoring round whose window closes within `DAYS_BEFORE` days
/// of `today` and was not reminded yet; returns how many members were reminded.
///
/// # Errors
/// A database error (no round is marked as reminded then).
pub async fn remind_unsubmitted(
    db: &DatabaseConnection,
    today: chrono::NaiveDate,
) -> Result<usize, ServiceError> {
    let due = evaluation_round::Entity::find()
        .filter(evaluation_round::Column::Phase.eq(Phase::Scoring))
        .filter(evaluation_round::Column::SheetsRemindedOn.is_null())
        .filter(evaluation_round::Column::ScoringUntil.gte(today))
        .filter(evaluation_round::Column::ScoringUntil.lte(today + chrono::Days::new(DAYS_BEFORE)))
        .all(db)
        .await?;
    let mut reminded = 0;
    for round in due {
        let data = round_data::load(db, round.id).await?;
        let txn = db.begin().await?;
        for (member, pending) in unsubmitted(&data) {
            let about = format!(
                "{}: {pending} hồ sơ, hạn {}",
                round.name,
                crate::domain::dates::date(round.scoring_until)
            );
            notifications::notify(
                &txn,
                &Actor::Anonymous,
                &[Audience::User(member)],
                KIND,
                None,
                &about,
            )
            .await?;
            reminded += 1;
        }
        evaluation_round::Entity::update_many()
            .col_expr(
                evaluation_round::Column::SheetsRemindedOn,
                Some(today).into(),
            )
            .filter(evaluation_round::Column::Id.eq(round.id))
            .exec(&txn)
            .await?;
        txn.commit().await?;
    }
    Ok(reminded)
}

/// Each council member with dossiers they should score and have not submitted: (member, how
/// many). Dossiers left out of the decision are scored later, outside the window.
fn unsubmitted(data: &RoundData) -> Vec<(i32, usize)> {
    data.members
        .iter()
        .filter(|m| m.panel == Panel::Council.as_str())
        .map(|m| {
            let pending = data
                .entries
                .iter()
                .filter(|e| !e.deferred())
                .filter(|e| data.expected_council(e.dossier_id).contains(&m.user_id))
                .filter(|e| {
                    data.sheet(e.dossier_id, m.user_id)
                        .is_none_or(|s| s.submitted_at.is_none())
                })
                .count();
            (m.user_id, pending)
        })
        .filter(|(_, pending)| *pending > 0)
        .collect()
}
