//! The catalogue's word search in each database's own full-text index, over the product's
//! folded name (`domain::text::fold`: no diacritics, lower case): an FTS5 table kept by
//! triggers in SQLite, a GIN index of the name's `simple` text-search vector in PostgreSQL.
//! Both answer "a word starting with …" from the index instead of scanning every product.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Also what `m20261206_000032_catalog_search_listed` restores when rolled back.
pub(super) const SQLITE_UP: [&str; 5] = [
    "CREATE VIRTUAL TABLE product_search USING fts5(name_folded, content='product', \
     content_rowid='id')",
    "CREATE TRIGGER product_search_insert AFTER INSERT ON product BEGIN \
     INSERT INTO product_search(rowid, name_folded) VALUES (new.id, new.name_folded); END",
    "CREATE TRIGGER product_search_delete AFTER DELETE ON product BEGIN \
     INSERT INTO product_search(product_search, rowid, name_folded) \
     VALUES ('delete', old.id, old.name_folded); END",
    "CREATE TRIGGER product_search_update AFTER UPDATE OF name_folded ON product BEGIN \
     INSERT INTO product_search(product_search, rowid, name_folded) \
     VALUES ('delete', old.id, old.name_folded); \
     INSERT INTO product_search(rowid, name_folded) VALUES (new.id, new.name_folded); END",
    "INSERT INTO product_search(product_search) VALUES ('rebuild')",
];

const SQLITE_DOWN: [&str; 4] = [
    "DROP TRIGGER IF EXISTS product_search_update",
    "DROP TRIGGER IF EXISTS product_search_delete",
    "DROP TRIGGER IF EXISTS product_search_insert",
    "DROP TABLE IF EXISTS product_search",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::per_backend(
            manager,
            &SQLITE_UP,
            &["CREATE INDEX ix_product_name_search ON product \
             USING GIN (to_tsvector('simple', name_folded))"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::per_backend(
            manager,
            &SQLITE_DOWN,
            &["DROP INDEX IF EXISTS ix_product_name_search"],
        )
        .await
    }
}
