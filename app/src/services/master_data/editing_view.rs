//! What `/admin/master-data` shows: every commune and ward (those that ended too), the product
//! groups and the dossier checklist, each with its earlier versions.
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait},
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::dates::date;
use crate::entities::{
    admin_unit, dossier_checklist_item as item, master_data_version, product, product_group,
    subject, user_account,
};
use crate::models::master_data::editing::{
    MasterChecklistRow, MasterDataView, MasterGroupRow, MasterKind, MasterUnitRow,
};
use crate::services::ServiceError;
use crate::services::master_data::unit_edits::may_edit;
use crate::services::master_data::units::CURRENT_GROUP_SCHEME as SCHEME;
use crate::services::master_data::versions::{self, today};

/// The master data with its history, for the province and administrators.
///
/// # Errors
/// `Denied` for anyone else; a database error.
pub async fn view(db: &DatabaseConnection, actor: &Actor) -> Result<MasterDataView, ServiceError> {
    may_edit(actor)?;
    let all_versions = master_data_version::Entity::find().all(db).await?;
    let ids: Vec<i32> = all_versions.iter().filter_map(|v| v.changed_by).collect();
    let names: HashMap<i32, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.full_name))
        .collect();
    Ok(MasterDataView {
        units: units(db, &names).await?,
        groups: groups(db, &names).await?,
        checklist: checklist(db, &names).await?,
        may_edit: true,
        may_edit_groups: allowed(actor, Action::ManageProductGroups, Resource::Nothing).is_ok(),
        today: today().format("%Y-%m-%d").to_string(),
        tomorrow: today()
            .succ_opt()
            .unwrap_or(today())
            .format("%Y-%m-%d")
            .to_string(),
    })
}

/// Counts of rows per key, in one grouped query.
async fn counts<E: EntityTrait, K>(
    db: &DatabaseConnection,
    column: E::Column,
) -> Result<HashMap<K, u64>, ServiceError>
where
    K: sea_orm::TryGetable + Eq + std::hash::Hash,
{
    let rows: Vec<(K, i64)> = E::find()
        .select_only()
        .column(column)
        .column_as(Expr::col(column).count(), "n")
        .group_by(column)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(k, n)| (k, u64::try_from(n).unwrap_or(0)))
        .collect())
}

async fn units(
    db: &DatabaseConnection,
    names: &HashMap<i32, String>,
) -> Result<Vec<MasterUnitRow>, ServiceError> {
    let all = admin_unit::Entity::find()
        .filter(admin_unit::Column::Level.eq("commune"))
        .order_by_asc(admin_unit::Column::NameFolded)
        .order_by_asc(admin_unit::Column::Name)
        .all(db)
        .await?;
    let by_code: HashMap<&str, &admin_unit::Model> =
        all.iter().map(|u| (u.code.as_str(), u)).collect();
    let subjects = counts::<subject::Entity, String>(db, subject::Column::CommuneCode).await?;
    let earlier = versions::of_kind(db, MasterKind::Unit).await?;
    Ok(all
        .iter()
        .map(|u| MasterUnitRow {
            code: u.code.clone(),
            name: u.name.clone(),
            kind: u.kind.clone(),
            level: u.level.clone(),
            valid_from: u.valid_from.map(date),
            valid_to: u.valid_to.map(date),
            successor: u.successor_code.as_deref().map(|code| {
                by_code.get(code).map_or_else(
                    || code.to_owned(),
                    |s| format!("{} {} ({code})", s.kind, s.name),
                )
            }),
            subjects: subjects.get(&u.code).copied().unwrap_or(0),
            versions: versions::views(earlier.get(&u.code), names),
        })
        .collect())
}

async fn groups(
    db: &DatabaseConnection,
    names: &HashMap<i32, String>,
) -> Result<Vec<MasterGroupRow>, ServiceError> {
    let all = product_group::Entity::find()
        .filter(product_group::Column::Scheme.eq(SCHEME))
        .order_by_asc(product_group::Column::Code)
        .all(db)
        .await?;
    let products = counts::<product::Entity, i32>(db, product::Column::ProductGroupId).await?;
    let earlier = versions::of_kind(db, MasterKind::Group).await?;
    Ok(all
        .iter()
        .map(|g| MasterGroupRow {
            code: g.code.clone(),
            parent_code: g.parent_code.clone(),
            depth: g.code.matches('.').count(),
            name_vi: g.name_vi.clone(),
            name_en: g.name_en.clone(),
            valid_from: g.valid_from.map(date),
            valid_to: g.valid_to.map(date),
            products: products.get(&g.id).copied().unwrap_or(0),
            versions: versions::views(earlier.get(&g.code), names),
        })
        .collect())
}

async fn checklist(
    db: &DatabaseConnection,
    names: &HashMap<i32, String>,
) -> Result<Vec<MasterChecklistRow>, ServiceError> {
    let earlier = versions::of_kind(db, MasterKind::Checklist).await?;
    Ok(item::Entity::find()
        .filter(item::Column::Scheme.eq(SCHEME))
        .order_by_asc(item::Column::Sort)
        .order_by_asc(item::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|i| MasterChecklistRow {
            versions: versions::views(earlier.get(&i.code), names),
            code: i.code,
            name_vi: i.name_vi,
            name_en: i.name_en,
            mandatory: i.mandatory,
            groups: i.groups,
            valid_from: i.valid_from.map(date),
            valid_to: i.valid_to.map(date),
        })
        .collect())
}
