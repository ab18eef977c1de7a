//! Figures for the home page.
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};

use crate::entities::{admin_unit, product, product_group, subject};
use crate::models::reports::home_figures::{HomeFigures, StarCount};
use crate::services::ServiceError;
use crate::services::master_data::units::CURRENT_GROUP_SCHEME;

/// Counts communes in force, product groups, subjects, products, and products by OCOP stars
/// (3–5, the certified levels, each listed even when none holds it).
///
/// # Errors
/// A database error.
pub async fn home_figures(db: &impl ConnectionTrait) -> Result<HomeFigures, ServiceError> {
    let communes = admin_unit::Entity::find()
        .filter(admin_unit::Column::Level.eq("commune"))
        .filter(admin_unit::Column::ValidTo.is_null())
        .count(db)
        .await?;
    let product_groups = product_group::Entity::find()
        .filter(product_group::Column::Scheme.eq(CURRENT_GROUP_SCHEME))
        .count(db)
        .await?;
    let subjects = subject::Entity::find().count(db).await?;
    let products = product::Entity::find().count(db).await?;
    let counted: Vec<(i16, i64)> = product::Entity::find()
        .select_only()
        .column(product::Column::Stars)
        .column_as(product::Column::Id.count(), "products")
        .filter(product::Column::Stars.gte(3))
        .group_by(product::Column::Stars)
        .into_tuple()
        .all(db)
        .await?;
    let products_by_stars = (3..=5u8)
        .map(|stars| StarCount {
            stars,
            products: counted
                .iter()
                .find(|(s, _)| *s == i16::from(stars))
                .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0)),
        })
        .collect();
    Ok(HomeFigures {
        communes,
        product_groups,
        subjects,
        products,
        products_by_stars,
    })
}
