//! Schema migrations (server only). They run unchanged on SQLite and PostgreSQL, at server
//! start-up, by `server migrate`, and at the start of every database test.
use sea_orm_migration::prelude::*;

mod m20261129_000001_master_data;
mod m20261129_000002_subjects_products;
mod m20261129_000003_accounts;
mod m20261129_000004_account_admin;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_master_data::Migration),
            Box::new(m20261129_000002_subjects_products::Migration),
            Box::new(m20261129_000003_accounts::Migration),
            Box::new(m20261129_000004_account_admin::Migration),
        ]
    }
}
