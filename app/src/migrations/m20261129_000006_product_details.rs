//! What a producer records about each product: description, specifications, price
//! range, raw-material area, the product story, a GTIN, and a version for safe concurrent edits.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = vec![
            text_null(Product::Description),
            string_len_null(Product::NetQuantity, 100),
            string_len_null(Product::Packaging, 200),
            string_len_null(Product::ShelfLife, 100),
            big_integer_null(Product::PriceMin),
            big_integer_null(Product::PriceMax),
            string_len_null(Product::RawMaterialArea, 500),
            text_null(Product::Story),
            string_len_null(Product::Gtin, 14),
            integer(Product::Version).default(0).to_owned(),
        ];
        super::add_columns(manager, Product::Table, columns).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            Product::Description,
            Product::NetQuantity,
            Product::Packaging,
            Product::ShelfLife,
            Product::PriceMin,
            Product::PriceMax,
            Product::RawMaterialArea,
            Product::Story,
            Product::Gtin,
            Product::Version,
        ];
        super::drop_columns(manager, Product::Table, columns).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Product {
    Table,
    Description,
    NetQuantity,
    Packaging,
    ShelfLife,
    PriceMin,
    PriceMax,
    RawMaterialArea,
    Story,
    Gtin,
    Version,
}
