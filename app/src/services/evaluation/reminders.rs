//! Reminders before a round's scoring window closes: a job the server runs every few hours
//! tells each council member who still has unsubmitted sheets in a round that scores, once
//! the window's last day is at most `DAYS_BEFORE` days away — once per window (again when the
//! officer extends it), in the app and by e-mail.
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait,
};

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
/// of `today` and whose members were not reminded of that last day yet; returns how many
/// members were told (an inactive account is not).
///
/// # Errors
/// A database error (no round is marked as reminded then).
pub async fn remind_unsubmitted(
    db: &DatabaseConnection,
    today: chrono::NaiveDate,
) -> Result<usize, ServiceError> {
    let due = evaluation_round::Entity::find()
        .filter(evaluation_round::Column::Phase.eq(Phase::Scoring))
        .filter(not_reminded_yet())
        .filter(evaluation_round::Column::ScoringUntil.gte(today))
        .filter(evaluation_round::Column::ScoringUntil.lte(today + chrono::Days::new(DAYS_BEFORE)))
        .all(db)
        .await?;
    let mut reminded = 0;
    for round in due {
        let data = round_data::load(db, round.id).await?;
        let txn = db.begin().await?;
        // Claimed first: a second server running the same chores finds it reminded.
        let claimed = evaluation_round::Entity::update_many()
            .col_expr(
                evaluation_round::Column::SheetsRemindedFor,
                Expr::col(evaluation_round::Column::ScoringUntil),
            )
            .filter(evaluation_round::Column::Id.eq(round.id))
            .filter(not_reminded_yet())
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            continue;
        }
        for (member, pending) in unsubmitted(&data) {
            let about = format!(
                "{} — {pending} — {}",
                round.name,
                crate::domain::dates::date(round.scoring_until)
            );
            let to = [Audience::User(member)];
            let told =
                notifications::notify(&txn, &Actor::Anonymous, &to, KIND, None, &about).await?;
            reminded += told.len();
        }
        txn.commit().await?;
    }
    Ok(reminded)
}

/// Rounds whose members were not reminded of the window's current last day (never, or of a
/// day since moved by an extension).
fn not_reminded_yet() -> Condition {
    Condition::any()
        .add(evaluation_round::Column::SheetsRemindedFor.is_null())
        .add(
            Expr::col(evaluation_round::Column::SheetsRemindedFor)
                .ne(Expr::col(evaluation_round::Column::ScoringUntil)),
        )
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
