//! Schema migrations (server only). They run unchanged on SQLite and PostgreSQL, at server
//! start-up, by `server migrate`, and at the start of every database test.
use sea_orm_migration::prelude::*;

mod m20261129_000001_master_data;
mod m20261129_000002_subjects_products;
mod m20261129_000003_accounts;
mod m20261129_000004_account_admin;
mod m20261129_000005_subject_profile;
mod m20261129_000006_product_details;
mod m20261129_000007_dossiers;
mod m20261129_000008_product_ideas;
mod m20261129_000009_criteria_sets;
mod m20261129_000010_rounds;
mod m20261129_000011_expiry_reminders;
mod m20261129_000012_lots;
mod m20261129_000013_labels;
mod m20261129_000014_event_photos_points_of_sale;
mod m20261129_000015_public_documents;
mod m20261129_000016_reports;
mod m20261129_000017_catalog_search;
mod m20261130_000018_product_listing;
mod m20261202_000019_product_gtin14;
mod m20261202_000020_hashed_session_ids;
mod m20261202_000021_app_setting;
mod m20261202_000022_reset_link_issued_at;
mod m20261202_000023_audit_no_truncate;
mod m20261202_000024_sample_criteria_names;
mod m20261202_000025_audit_details;
mod m20261203_000026_imports;
mod m20261203_000027_ministry_results;
mod m20261203_000028_master_data_versions;
mod m20261203_000029_report_titles;
mod m20261204_000030_mail_outbox;
mod m20261205_000031_commune_search;
mod m20261206_000032_catalog_search_listed;
mod m20261206_000033_dossier_results;
mod m20261206_000034_deferred_decisions;
mod m20261206_000035_inspections;
mod m20261206_000036_trade_events;
mod m20261206_000037_product_updated_at;
mod m20261206_000038_training;
mod m20261206_000039_tour_done;
mod m20261206_000040_job_lease;
mod m20261206_000041_page_generation;
mod m20261206_000042_throttle_count;
mod m20261207_000043_product_changed;
mod m20261207_000044_api_token;

pub struct Migrator;

/// Runs `sqlite`'s statements on SQLite and `postgres`'s on PostgreSQL: for what each database
/// does its own way (full-text indexes).
async fn per_backend(
    manager: &SchemaManager<'_>,
    sqlite: &[&str],
    postgres: &[&str],
) -> Result<(), DbErr> {
    let statements = match manager.get_database_backend() {
        sea_orm::DbBackend::Sqlite => sqlite,
        _ => postgres,
    };
    for statement in statements {
        manager
            .get_connection()
            .execute_unprepared(statement)
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_master_data::Migration),
            Box::new(m20261129_000002_subjects_products::Migration),
            Box::new(m20261129_000003_accounts::Migration),
            Box::new(m20261129_000004_account_admin::Migration),
            Box::new(m20261129_000005_subject_profile::Migration),
            Box::new(m20261129_000006_product_details::Migration),
            Box::new(m20261129_000007_dossiers::Migration),
            Box::new(m20261129_000008_product_ideas::Migration),
            Box::new(m20261129_000009_criteria_sets::Migration),
            Box::new(m20261129_000010_rounds::Migration),
            Box::new(m20261129_000011_expiry_reminders::Migration),
            Box::new(m20261129_000012_lots::Migration),
            Box::new(m20261129_000013_labels::Migration),
            Box::new(m20261129_000014_event_photos_points_of_sale::Migration),
            Box::new(m20261129_000015_public_documents::Migration),
            Box::new(m20261129_000016_reports::Migration),
            Box::new(m20261129_000017_catalog_search::Migration),
            Box::new(m20261130_000018_product_listing::Migration),
            Box::new(m20261202_000019_product_gtin14::Migration),
            Box::new(m20261202_000020_hashed_session_ids::Migration),
            Box::new(m20261202_000021_app_setting::Migration),
            Box::new(m20261202_000022_reset_link_issued_at::Migration),
            Box::new(m20261202_000023_audit_no_truncate::Migration),
            Box::new(m20261202_000024_sample_criteria_names::Migration),
            Box::new(m20261202_000025_audit_details::Migration),
            Box::new(m20261203_000026_imports::Migration),
            Box::new(m20261203_000027_ministry_results::Migration),
            Box::new(m20261203_000028_master_data_versions::Migration),
            Box::new(m20261203_000029_report_titles::Migration),
            Box::new(m20261204_000030_mail_outbox::Migration),
            Box::new(m20261205_000031_commune_search::Migration),
            Box::new(m20261206_000032_catalog_search_listed::Migration),
            Box::new(m20261206_000033_dossier_results::Migration),
            Box::new(m20261206_000034_deferred_decisions::Migration),
            Box::new(m20261206_000035_inspections::Migration),
            Box::new(m20261206_000036_trade_events::Migration),
            Box::new(m20261206_000037_product_updated_at::Migration),
            Box::new(m20261206_000038_training::Migration),
            Box::new(m20261206_000039_tour_done::Migration),
            Box::new(m20261206_000040_job_lease::Migration),
            Box::new(m20261206_000041_page_generation::Migration),
            Box::new(m20261206_000042_throttle_count::Migration),
            Box::new(m20261207_000043_product_changed::Migration),
            Box::new(m20261207_000044_api_token::Migration),
        ]
    }
}

/// Adds columns to a table, one statement each (SQLite alters a table one change at a time).
pub(crate) async fn add_columns(
    manager: &SchemaManager<'_>,
    table: impl IntoIden + Clone,
    columns: Vec<ColumnDef>,
) -> Result<(), DbErr> {
    for mut column in columns {
        let alter = Table::alter()
            .table(table.clone())
            .add_column(&mut column)
            .to_owned();
        manager.alter_table(alter).await?;
    }
    Ok(())
}

/// Drops columns from a table, one statement each.
pub(crate) async fn drop_columns<C: IntoIden>(
    manager: &SchemaManager<'_>,
    table: impl IntoIden + Clone,
    columns: impl IntoIterator<Item = C>,
) -> Result<(), DbErr> {
    for column in columns {
        let alter = Table::alter()
            .table(table.clone())
            .drop_column(column)
            .to_owned();
        manager.alter_table(alter).await?;
    }
    Ok(())
}
