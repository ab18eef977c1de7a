//! `product.listed_until`: the last day a product stays in the public catalogue — the latest
//! `valid_until` of its current certificates (not superseded, not revoked) while its subject is
//! active, none otherwise. Database triggers keep it whenever a certificate is written, a
//! subject's status changes or a product changes subject, so the catalogue filters and counts
//! one indexed column (`listed_until >= today`) instead of looking up each product's
//! certificates and subject — what made a catalogue page grow with the size of the data set.
//!
//! The ordering indexes end with `listed_until`, so a page sorted by name, stars or year is
//! read from one covering index and stops after its 50 rows.
use sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The value of `listed_until` for the row of `product` being updated.
const LISTING: &str = "(SELECT MAX(c.valid_until) FROM certificate c \
     JOIN subject s ON s.id = product.subject_id \
     WHERE c.product_id = product.id AND c.superseded_by IS NULL \
     AND c.revoked_on IS NULL AND s.status = 'active')";

const INDEXES: [&str; 4] = [
    "CREATE INDEX ix_product_listed ON product (listed_until)",
    "CREATE INDEX ix_product_listed_by_name ON product (name_folded, id, listed_until)",
    "CREATE INDEX ix_product_listed_by_stars ON product \
     (stars DESC, name_folded, id, listed_until)",
    "CREATE INDEX ix_product_listed_by_year ON product \
     (certified_year DESC, name_folded, id, listed_until)",
];

fn sqlite_triggers() -> Vec<String> {
    let refresh = |rows: &str| format!("UPDATE product SET listed_until = {LISTING} WHERE {rows};");
    vec![
        format!(
            "CREATE TRIGGER product_listing_certificate_insert AFTER INSERT ON certificate \
             BEGIN {} END",
            refresh("id = new.product_id")
        ),
        format!(
            "CREATE TRIGGER product_listing_certificate_update AFTER UPDATE ON certificate \
             BEGIN {} END",
            refresh("id IN (old.product_id, new.product_id)")
        ),
        format!(
            "CREATE TRIGGER product_listing_certificate_delete AFTER DELETE ON certificate \
             BEGIN {} END",
            refresh("id = old.product_id")
        ),
        format!(
            "CREATE TRIGGER product_listing_subject AFTER UPDATE OF status ON subject \
             BEGIN {} END",
            refresh("subject_id = new.id")
        ),
        // Its own update sets only `listed_until`, so it does not fire itself again.
        format!(
            "CREATE TRIGGER product_listing_product AFTER UPDATE OF subject_id ON product \
             BEGIN {} END",
            refresh("id = new.id")
        ),
    ]
}

fn postgres_triggers() -> Vec<String> {
    vec![
        format!(
            "CREATE FUNCTION product_listing_refresh() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN \
               IF TG_TABLE_NAME = 'subject' THEN \
                 UPDATE product SET listed_until = {LISTING} WHERE subject_id = NEW.id; \
               ELSIF TG_TABLE_NAME = 'product' THEN \
                 UPDATE product SET listed_until = {LISTING} WHERE id = NEW.id; \
               ELSE \
                 IF TG_OP <> 'INSERT' THEN \
                   UPDATE product SET listed_until = {LISTING} WHERE id = OLD.product_id; \
                 END IF; \
                 IF TG_OP <> 'DELETE' THEN \
                   UPDATE product SET listed_until = {LISTING} WHERE id = NEW.product_id; \
                 END IF; \
               END IF; \
               RETURN NULL; \
             END $$"
        ),
        "CREATE TRIGGER product_listing_certificate AFTER INSERT OR UPDATE OR DELETE \
         ON certificate FOR EACH ROW EXECUTE FUNCTION product_listing_refresh()"
            .to_owned(),
        "CREATE TRIGGER product_listing_subject AFTER UPDATE OF status ON subject \
         FOR EACH ROW EXECUTE FUNCTION product_listing_refresh()"
            .to_owned(),
        // Its own update sets only `listed_until`, so it does not fire itself again.
        "CREATE TRIGGER product_listing_product AFTER UPDATE OF subject_id ON product \
         FOR EACH ROW EXECUTE FUNCTION product_listing_refresh()"
            .to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::migrations::add_columns(
            manager,
            Product::Table,
            vec![date_null(Product::ListedUntil)],
        )
        .await?;
        let db = manager.get_connection();
        db.execute_unprepared(&format!("UPDATE product SET listed_until = {LISTING}"))
            .await?;
        let triggers = match manager.get_database_backend() {
            DbBackend::Sqlite => sqlite_triggers(),
            _ => postgres_triggers(),
        };
        for statement in triggers.iter().map(String::as_str).chain(INDEXES) {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let drops: &[&str] = match manager.get_database_backend() {
            DbBackend::Sqlite => &[
                "DROP TRIGGER IF EXISTS product_listing_certificate_insert",
                "DROP TRIGGER IF EXISTS product_listing_certificate_update",
                "DROP TRIGGER IF EXISTS product_listing_certificate_delete",
                "DROP TRIGGER IF EXISTS product_listing_subject",
                "DROP TRIGGER IF EXISTS product_listing_product",
            ],
            _ => &[
                "DROP TRIGGER IF EXISTS product_listing_certificate ON certificate",
                "DROP TRIGGER IF EXISTS product_listing_subject ON subject",
                "DROP TRIGGER IF EXISTS product_listing_product ON product",
                "DROP FUNCTION IF EXISTS product_listing_refresh()",
            ],
        };
        for statement in drops.iter().chain(&[
            "DROP INDEX IF EXISTS ix_product_listed",
            "DROP INDEX IF EXISTS ix_product_listed_by_name",
            "DROP INDEX IF EXISTS ix_product_listed_by_stars",
            "DROP INDEX IF EXISTS ix_product_listed_by_year",
        ]) {
            db.execute_unprepared(statement).await?;
        }
        crate::migrations::drop_columns(manager, Product::Table, [Product::ListedUntil]).await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Product {
    Table,
    ListedUntil,
}
