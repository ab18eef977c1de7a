//! Administrative units and product groups as the master-data page shows them.
use crate::domain::reason::Reason;
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use crate::domain::text::fold;
use crate::entities::{admin_unit, product_group};
use crate::models::master_data::units::{MAX_QUERY_CHARS, ProductGroupNode, UnitFilter, UnitRow};
use crate::services::ServiceError;

/// The scheme whose groups the page shows: Decision 148/QĐ-TTg (2023).
pub const CURRENT_GROUP_SCHEME: &str = "148";

/// Administrative units in force today: begun, and not ended (a merger decided ahead of its
/// date counts from that date).
pub(crate) fn unit_in_force_today() -> Condition {
    let today = crate::domain::dates::day_in_vietnam(crate::clock::now());
    Condition::all()
        .add(
            Condition::any()
                .add(admin_unit::Column::ValidFrom.is_null())
                .add(admin_unit::Column::ValidFrom.lte(today)),
        )
        .add(
            Condition::any()
                .add(admin_unit::Column::ValidTo.is_null())
                .add(admin_unit::Column::ValidTo.gte(today)),
        )
}

/// Whether a product group is in use today (a retired one stays on the products filed under it).
pub(crate) fn group_in_use_today(g: &product_group::Model) -> bool {
    let today = crate::domain::dates::day_in_vietnam(crate::clock::now());
    g.valid_from.is_none_or(|from| from <= today) && g.valid_to.is_none_or(|to| to >= today)
}

/// The units of `levels` in force today as (code, name), sorted by the folded name as
/// Vietnamese readers expect — the choices and rows of the reports and the dashboard.
///
/// # Errors
/// A database error.
pub async fn in_force(
    db: &impl ConnectionTrait,
    levels: &[&str],
) -> Result<Vec<(String, String)>, DbErr> {
    in_force_since(db, levels, None).await
}

/// As `in_force`, only the units already in force on `day` (when given).
///
/// # Errors
/// A database error.
pub async fn in_force_since(
    db: &impl ConnectionTrait,
    levels: &[&str],
    day: Option<chrono::NaiveDate>,
) -> Result<Vec<(String, String)>, DbErr> {
    let mut since = sea_orm::Condition::all();
    if let Some(day) = day {
        since = since.add(
            sea_orm::Condition::any()
                .add(admin_unit::Column::ValidFrom.is_null())
                .add(admin_unit::Column::ValidFrom.lte(day)),
        );
    }
    Ok(admin_unit::Entity::find()
        .filter(admin_unit::Column::Level.is_in(levels.iter().copied()))
        .filter(unit_in_force_today())
        .filter(since)
        .order_by_asc(admin_unit::Column::NameFolded)
        .order_by_asc(admin_unit::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.code, u.name))
        .collect())
}

/// Units of the chosen kind whose name (diacritics ignored) or code contains `query`, sorted by
/// name as Vietnamese readers expect (by the folded name, then the exact one).
///
/// # Errors
/// `Invalid` for a query longer than `MAX_QUERY_CHARS`; a database error.
pub async fn list_units(
    db: &impl ConnectionTrait,
    filter: UnitFilter,
    query: &str,
) -> Result<Vec<UnitRow>, ServiceError> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(ServiceError::Invalid {
            field: "q",
            reason: Reason::TooLong,
        });
    }
    let level = match filter {
        UnitFilter::CurrentCommunes => "commune",
        UnitFilter::FormerDistricts => "district",
    };
    let mut select = admin_unit::Entity::find().filter(admin_unit::Column::Level.eq(level));
    let folded = fold(query);
    if !folded.is_empty() {
        select = select.filter(
            Condition::any()
                .add(admin_unit::Column::NameFolded.contains(&folded))
                .add(admin_unit::Column::Code.starts_with(&folded)),
        );
    }
    let units = select
        .order_by_asc(admin_unit::Column::NameFolded)
        .order_by_asc(admin_unit::Column::Name)
        .all(db)
        .await?;
    let districts = district_names(db).await?;
    Ok(units
        .into_iter()
        .map(|u| UnitRow {
            former_district: u
                .former_district_code
                .as_ref()
                .and_then(|code| districts.get(code).cloned()),
            code: u.code,
            name: u.name,
            kind: u.kind,
            valid_from: u.valid_from.map(crate::domain::dates::date),
            valid_to: u.valid_to.map(crate::domain::dates::date),
        })
        .collect())
}

/// Former district codes → "huyện Tràng Định"-style names, in one query.
async fn district_names(db: &impl ConnectionTrait) -> Result<HashMap<String, String>, DbErr> {
    Ok(admin_unit::Entity::find()
        .filter(admin_unit::Column::Level.eq("district"))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.code, format!("{} {}", d.kind, d.name)))
        .collect())
}

/// The product groups of the current scheme in use today as a tree, sorted by code (what the
/// product forms offer).
///
/// # Errors
/// A database error.
pub async fn product_group_tree(
    db: &impl ConnectionTrait,
) -> Result<Vec<ProductGroupNode>, ServiceError> {
    let groups = product_group::Entity::find()
        .filter(product_group::Column::Scheme.eq(CURRENT_GROUP_SCHEME))
        .order_by_asc(product_group::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .filter(group_in_use_today)
        .collect::<Vec<_>>();
    Ok(build_tree(&groups, None))
}

fn build_tree(groups: &[product_group::Model], parent: Option<&str>) -> Vec<ProductGroupNode> {
    groups
        .iter()
        .filter(|g| g.parent_code.as_deref() == parent)
        .map(|g| ProductGroupNode {
            code: g.code.clone(),
            name_vi: g.name_vi.clone(),
            name_en: g.name_en.clone(),
            children: build_tree(groups, Some(&g.code)),
        })
        .collect()
}

/// Names of every administrative unit by code (a few hundred rows).
///
/// # Errors
/// A database failure.
pub(crate) async fn commune_names(
    db: &impl ConnectionTrait,
) -> Result<HashMap<String, String>, ServiceError> {
    Ok(admin_unit::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.code, u.name))
        .collect())
}
