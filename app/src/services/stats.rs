//! Figures for the home page.
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};

use crate::entities::{admin_unit, product, product_group, subject};
use crate::models::home::{HomeFigures, StarCount};
use crate::services::units::CURRENT_GROUP_SCHEME;

/// Counts communes in force, product groups, subjects, products, and products by OCOP stars.
///
/// # Errors
/// A database error.
pub async fn home_figures(db: &impl ConnectionTrait) -> Result<HomeFigures, DbErr> {
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
    let mut products_by_stars = Vec::new();
    for stars in 3..=5u8 {
        let count = product::Entity::find()
            .filter(product::Column::Stars.eq(i16::from(stars)))
            .count(db)
            .await?;
        products_by_stars.push(StarCount {
            stars,
            products: count,
        });
    }
    Ok(HomeFigures {
        communes,
        product_groups,
        subjects,
        products,
        products_by_stars,
    })
}
