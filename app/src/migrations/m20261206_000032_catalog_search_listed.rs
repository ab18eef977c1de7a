//! The catalogue's full-text index of product names holds only the products the catalogue can
//! show: those listed on or after a day kept in `product_search_floor` (none: every product
//! ever listed). At 20,000 products of which a third are listed, a word search found 1,300
//! names for "mat ong" and checked each one's listing to keep 473; with only listed products
//! indexed it finds those 473 (the catalogue search served 25 % more pages rendered afresh).
//!
//! Database triggers keep the index exact whoever writes: a product enters or leaves it when its
//! listing or name changes, and moving the floor (`services::catalog::trim_search_index`, each
//! day, or a backup's rows being loaded) removes or adds the products listed between the old and
//! the new day. The search still compares `listed_until` with its own day, so a floor not yet
//! moved only costs time, never a wrong answer.
//!
//! Also in both databases: indexes that answer a card's current certificate and cover photo
//! without reading the rows (the catalogue reads 50 of each per page).
//!
//! PostgreSQL's GIN index covers every product: its floor is never read.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// In both databases, so a backup or a copy from one to the other holds the same tables (only
/// SQLite's triggers read it).
const FLOOR_TABLE: &str =
    "CREATE TABLE product_search_floor (id INTEGER PRIMARY KEY CHECK (id = 1), day TEXT NOT NULL)";

/// The floor as the triggers read it: the empty string, lower than any day, when unset.
const FLOOR: &str = "IFNULL((SELECT day FROM product_search_floor), '')";

fn sqlite_up() -> Vec<String> {
    let add = |rows: &str| {
        format!(
            "INSERT INTO product_search(rowid, name_folded) \
             SELECT id, name_folded FROM product WHERE {rows};"
        )
    };
    let remove = |rows: &str| {
        format!(
            "INSERT INTO product_search(product_search, rowid, name_folded) \
             SELECT 'delete', id, name_folded FROM product WHERE {rows};"
        )
    };
    vec![
        "DROP TRIGGER IF EXISTS product_search_update".to_owned(),
        "DROP TRIGGER IF EXISTS product_search_delete".to_owned(),
        "DROP TRIGGER IF EXISTS product_search_insert".to_owned(),
        "DROP TABLE IF EXISTS product_search".to_owned(),
        // Contentless: the index holds what the triggers put in it, not a view of `product`.
        // With the words' first two and three letters indexed too, a word searched as the start
        // of a name's word ("mat" of "mật") is one look-up instead of a walk through every word
        // it starts (a ninth of a search's time in a profile; 15 % more searches served).
        "CREATE VIRTUAL TABLE product_search USING fts5(name_folded, content='', prefix='2 3')"
            .to_owned(),
        FLOOR_TABLE.to_owned(),
        format!(
            "CREATE TRIGGER product_search_insert AFTER INSERT ON product \
             WHEN new.listed_until >= {FLOOR} BEGIN \
             INSERT INTO product_search(rowid, name_folded) VALUES (new.id, new.name_folded); END"
        ),
        format!(
            "CREATE TRIGGER product_search_delete AFTER DELETE ON product \
             WHEN old.listed_until >= {FLOOR} BEGIN \
             INSERT INTO product_search(product_search, rowid, name_folded) \
             VALUES ('delete', old.id, old.name_folded); END"
        ),
        format!(
            "CREATE TRIGGER product_search_update AFTER UPDATE OF name_folded, listed_until \
             ON product BEGIN \
             INSERT INTO product_search(product_search, rowid, name_folded) \
             SELECT 'delete', old.id, old.name_folded WHERE old.listed_until >= {FLOOR}; \
             INSERT INTO product_search(rowid, name_folded) \
             SELECT new.id, new.name_folded WHERE new.listed_until >= {FLOOR}; END"
        ),
        format!(
            "CREATE TRIGGER product_search_floor_insert AFTER INSERT ON product_search_floor \
             BEGIN {} END",
            remove("listed_until < new.day")
        ),
        format!(
            "CREATE TRIGGER product_search_floor_update AFTER UPDATE OF day \
             ON product_search_floor BEGIN {} {} END",
            remove("listed_until >= old.day AND listed_until < new.day"),
            add("listed_until >= new.day AND listed_until < old.day")
        ),
        format!(
            "CREATE TRIGGER product_search_floor_delete AFTER DELETE ON product_search_floor \
             BEGIN {} END",
            add("listed_until < old.day")
        ),
        add(&format!("listed_until >= {FLOOR}")),
    ]
}

/// Then `m20261129_000017_catalog_search`'s index, of every product, is made again.
const SQLITE_DOWN: [&str; 8] = [
    "DROP TRIGGER IF EXISTS product_search_floor_delete",
    "DROP TRIGGER IF EXISTS product_search_floor_update",
    "DROP TRIGGER IF EXISTS product_search_floor_insert",
    "DROP TRIGGER IF EXISTS product_search_update",
    "DROP TRIGGER IF EXISTS product_search_delete",
    "DROP TRIGGER IF EXISTS product_search_insert",
    "DROP TABLE IF EXISTS product_search_floor",
    "DROP TABLE IF EXISTS product_search",
];

const CARD_INDEXES: [&str; 2] = [
    "CREATE INDEX ix_certificate_current ON certificate (product_id, id) \
     WHERE superseded_by IS NULL AND revoked_on IS NULL",
    "CREATE INDEX ix_product_photo_first ON product_photo \
     (product_id, is_cover DESC, sort, file_id)",
];

const CARD_INDEXES_DOWN: [&str; 2] = [
    "DROP INDEX IF EXISTS ix_product_photo_first",
    "DROP INDEX IF EXISTS ix_certificate_current",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sqlite = sqlite_up();
        let sqlite: Vec<&str> = sqlite.iter().map(String::as_str).collect();
        super::per_backend(manager, &sqlite, &[FLOOR_TABLE]).await?;
        super::per_backend(manager, &CARD_INDEXES, &CARD_INDEXES).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::per_backend(manager, &CARD_INDEXES_DOWN, &CARD_INDEXES_DOWN).await?;
        super::per_backend(
            manager,
            &SQLITE_DOWN,
            &["DROP TABLE IF EXISTS product_search_floor"],
        )
        .await?;
        super::per_backend(
            manager,
            &super::m20261129_000017_catalog_search::SQLITE_UP,
            &[],
        )
        .await
    }
}
