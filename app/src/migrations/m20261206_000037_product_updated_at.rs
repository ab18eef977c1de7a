//! `product.updated_at`: when the product's information (its form, photos or label's texts)
//! last changed; `None` until it first does, when its creation counts
//! (`domain::completeness`: information older than a year is stale).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Product {
    Table,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::add_columns(
            manager,
            Product::Table,
            vec![timestamp_with_time_zone_null(Product::UpdatedAt)],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::drop_columns(manager, Product::Table, [Product::UpdatedAt]).await
    }
}
