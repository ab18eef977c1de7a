//! The list of import batches, newest first, with their counts (not their previews).
use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::auth::Actor;
use crate::entities::{import_batch, user_account};
use crate::models::imports::BatchRow;
use crate::services::ServiceError;

use super::may_import;

/// The batches, newest first (the last 100).
///
/// # Errors
/// `Denied`; a database error.
pub async fn batches(
    db: &DatabaseConnection,
    actor: &Actor,
) -> Result<Vec<BatchRow>, ServiceError> {
    may_import(actor)?;
    // Not the previews: a batch's can be large.
    let batches = import_batch::Entity::find()
        .select_only()
        .columns([
            import_batch::Column::Id,
            import_batch::Column::FileName,
            import_batch::Column::State,
            import_batch::Column::Totals,
            import_batch::Column::CreatedBy,
            import_batch::Column::CreatedAt,
            import_batch::Column::ImportedAt,
        ])
        .order_by_desc(import_batch::Column::Id)
        .limit(100)
        .into_tuple::<(
            i32,
            String,
            String,
            String,
            i32,
            chrono::DateTime<chrono::Utc>,
            Option<chrono::DateTime<chrono::Utc>>,
        )>()
        .all(db)
        .await?;
    let names: HashMap<i32, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(batches.iter().map(|b| b.4)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.full_name))
        .collect();
    Ok(batches
        .into_iter()
        .map(
            |(id, file_name, state, totals, by, created, imported)| BatchRow {
                id,
                by: names.get(&by).cloned().unwrap_or_default(),
                at: crate::domain::dates::time(imported.unwrap_or(created)),
                file_name,
                state,
                totals: serde_json::from_str(&totals).unwrap_or_default(),
            },
        )
        .collect())
}
