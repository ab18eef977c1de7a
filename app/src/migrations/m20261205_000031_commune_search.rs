//! The catalogue's words looked up in commune names through each database's full-text index,
//! as product names are (`m20261129_000017_catalog_search`): an FTS5 table kept by triggers in
//! SQLite, a GIN index of the name's `simple` text-search vector in PostgreSQL. A national data
//! set has over 3,000 communes: matching each word with `LIKE` read every one of them for every
//! search (a third of the catalogue search's database time at 20,000 products).
//!
//! In SQLite, also an index holding every column the catalogue filters and sorts a word
//! search by, led by the id: the products the full-text index finds are checked and sorted
//! from it, without reading each one's row (`services::catalog` names it). PostgreSQL reads
//! the rows of its own plan.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: [&str; 6] = [
    "CREATE VIRTUAL TABLE admin_unit_search USING fts5(name_folded, content='admin_unit', \
     content_rowid='id')",
    "CREATE TRIGGER admin_unit_search_insert AFTER INSERT ON admin_unit BEGIN \
     INSERT INTO admin_unit_search(rowid, name_folded) VALUES (new.id, new.name_folded); END",
    "CREATE TRIGGER admin_unit_search_delete AFTER DELETE ON admin_unit BEGIN \
     INSERT INTO admin_unit_search(admin_unit_search, rowid, name_folded) \
     VALUES ('delete', old.id, old.name_folded); END",
    "CREATE TRIGGER admin_unit_search_update AFTER UPDATE OF name_folded ON admin_unit BEGIN \
     INSERT INTO admin_unit_search(admin_unit_search, rowid, name_folded) \
     VALUES ('delete', old.id, old.name_folded); \
     INSERT INTO admin_unit_search(rowid, name_folded) VALUES (new.id, new.name_folded); END",
    "INSERT INTO admin_unit_search(admin_unit_search) VALUES ('rebuild')",
    "CREATE INDEX ix_product_search_listing ON product (id, listed_until, name_folded, stars, \
     certified_year, product_group_id, commune_code, subject_id)",
];

const SQLITE_DOWN: [&str; 5] = [
    "DROP INDEX IF EXISTS ix_product_search_listing",
    "DROP TRIGGER IF EXISTS admin_unit_search_update",
    "DROP TRIGGER IF EXISTS admin_unit_search_delete",
    "DROP TRIGGER IF EXISTS admin_unit_search_insert",
    "DROP TABLE IF EXISTS admin_unit_search",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::per_backend(
            manager,
            &SQLITE_UP,
            &["CREATE INDEX ix_admin_unit_name_search ON admin_unit \
             USING GIN (to_tsvector('simple', name_folded))"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::per_backend(
            manager,
            &SQLITE_DOWN,
            &["DROP INDEX IF EXISTS ix_admin_unit_name_search"],
        )
        .await
    }
}
