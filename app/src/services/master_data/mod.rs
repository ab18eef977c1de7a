//! Master data: administrative units and product groups, the shipped files loaded at start-up
//! (units, groups, checklists, sample criteria, report periods and targets), and editing them
//! as dated versions (`/admin/master-data`).
pub mod checklist_edits;
pub mod editing_view;
pub mod group_edits;
pub mod loading;
pub mod report_periods;
pub mod unit_edits;
pub mod units;
pub(crate) mod versions;

/// Every product group's code by its id ("I.1.a"), for lists that show or check many products
/// at once: one query, whatever their number.
///
/// # Errors
/// A database error.
pub async fn group_codes(
    db: &impl sea_orm::ConnectionTrait,
) -> Result<std::collections::HashMap<i32, String>, sea_orm::DbErr> {
    use sea_orm::EntityTrait;
    Ok(crate::entities::product_group::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g.code))
        .collect())
}
