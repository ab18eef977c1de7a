//! `product.gtin14`: the product's GTIN padded to 14 digits, indexed, beside `gtin` as the
//! producer typed it (8, 12, 13 or 14 digits, which the page and the barcode show). A Digital
//! Link always names the 14-digit form, so the resolver finds the product with one indexed
//! equality instead of trying every unpadded form.
use sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Product {
    Table,
    Gtin14,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::add_columns(manager, Product::Table, vec![string_null(Product::Gtin14)]).await?;
        let pad = match manager.get_database_backend() {
            DbBackend::Sqlite => "substr('00000000000000' || gtin, -14, 14)",
            _ => "lpad(gtin, 14, '0')",
        };
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "UPDATE product SET gtin14 = {pad} WHERE gtin IS NOT NULL"
            ))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_gtin14")
                    .table(Product::Table)
                    .col(Product::Gtin14)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_product_gtin14")
                    .table(Product::Table)
                    .to_owned(),
            )
            .await?;
        super::drop_columns(manager, Product::Table, [Product::Gtin14]).await
    }
}
