//! Figures for the home page: the same counts as the catalogue and the dashboard — products
//! with a certificate valid today, of active subjects — from the dashboard's one query
//! (`dashboard_queries::valid_by`), so the three pages never disagree.
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::entities::{admin_unit, certificate, product, product_group};
use crate::models::reports::home_figures::{HomeFigures, StarCount};
use crate::services::ServiceError;
use crate::services::master_data::units::CURRENT_GROUP_SCHEME;
use crate::services::reports::dashboard_queries::{Scope, valid_by};

/// Counts communes in force, product groups, and — on `today` — the subjects with a certified
/// product, the certified products, and those products by stars (3–5, each listed even when
/// none holds it).
///
/// # Errors
/// A database error.
pub async fn home_figures(
    db: &impl ConnectionTrait,
    today: chrono::NaiveDate,
) -> Result<HomeFigures, ServiceError> {
    let communes = admin_unit::Entity::find()
        .filter(admin_unit::Column::Level.eq("commune"))
        .filter(crate::services::master_data::units::unit_in_force_today())
        .count(db)
        .await?;
    let product_groups = product_group::Entity::find()
        .filter(product_group::Column::Scheme.eq(CURRENT_GROUP_SCHEME))
        .count(db)
        .await?;
    let scope = Scope::default();
    let by_stars: Vec<(i16, i64)> = valid_by(db, &scope, today, certificate::Column::Stars).await?;
    let by_subject: Vec<(i32, i64)> =
        valid_by(db, &scope, today, product::Column::SubjectId).await?;
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    let products_by_stars: Vec<StarCount> = (3..=5u8)
        .map(|stars| StarCount {
            stars,
            products: by_stars
                .iter()
                .filter(|(s, _)| *s == i16::from(stars))
                .map(|(_, n)| count(*n))
                .sum(),
        })
        .collect();
    Ok(HomeFigures {
        communes,
        product_groups,
        subjects: by_subject.len() as u64,
        products: products_by_stars.iter().map(|s| s.products).sum(),
        products_by_stars,
    })
}
