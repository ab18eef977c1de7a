//! `server reset-demo`: the training database and its files made again from nothing, so each
//! training starts on the same demo whatever the last one did. Refused on a database holding
//! accounts the demo loader did not make (a real installation).
use sea_orm::{DatabaseConnection, DbErr, EntityName, EntityTrait};
use sea_orm_migration::MigratorTrait;

use crate::entities::stored_file;
use crate::migrations::Migrator;
use crate::seed::demo_guard::check_demo_database;
use crate::services::backup::{rows, schema};
use crate::services::files::store::FileStore;

/// What `seed-demo` made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoTotals {
    pub subjects: u64,
    pub products: u64,
    pub dossiers: u64,
    pub certificates: u64,
    pub lots: u64,
    pub labels: u64,
    pub reports: u64,
    pub inspections: u64,
    pub trade_events: u64,
    pub trainings: u64,
}

/// Fills an empty (migrated) database with the whole demo: its data set, dossiers with their
/// files, history, rounds, lots, labels and reports; `None` if it holds products already.
///
/// # Errors
/// A database or file error, as `DbErr`.
pub async fn seed_everything(
    db: &DatabaseConnection,
    files: &dyn FileStore,
) -> Result<Option<DemoTotals>, DbErr> {
    let Some(set) = crate::seed::demo::seed_demo(db).await? else {
        return Ok(None);
    };
    // Dossiers only with a fresh demo set: never into a database in use.
    let totals = DemoTotals {
        subjects: set.subjects,
        products: set.products,
        dossiers: crate::seed::dossiers::seed_dossiers(db, files).await?,
        certificates: crate::seed::rounds::seed_rounds(db, files).await?,
        lots: crate::seed::lots::seed_lots(db).await?,
        labels: crate::seed::labels::seed_labels(db, files).await?,
        reports: crate::seed::reports::seed_reports(db).await?,
        inspections: crate::seed::inspections::seed_inspections(db).await?,
        trade_events: crate::seed::trade::seed_trade(db).await?,
        trainings: crate::seed::training::seed_training(db).await?,
    };
    crate::seed::training::seed_sign_ins(db).await?;
    crate::seed::adoption::seed_complete_subject(db, files).await?;
    // The demo's past is not news: its decisions mail nobody, even on a server with e-mail on.
    use sea_orm::EntityTrait;
    crate::entities::mail_outbox::Entity::delete_many()
        .exec(db)
        .await?;
    Ok(Some(totals))
}

/// Empties the demo database and takes its files out of the store, then makes the demo again.
///
/// # Errors
/// `DbErr::Custom` with the reason for a database that is not a demo database; a database or
/// file error.
pub async fn reset_demo(
    db: &DatabaseConnection,
    files: &dyn FileStore,
) -> Result<DemoTotals, DbErr> {
    let tables = schema::tables(db).await?;
    if tables.iter().any(|t| t.name == "user_account") {
        check_demo_database(db).await.map_err(DbErr::Custom)?;
    }
    if tables
        .iter()
        .any(|t| t.name == stored_file::Entity.table_name())
    {
        remove_files(db, files).await?;
    }
    rows::drop_all(db).await?;
    Migrator::up(db, None).await?;
    crate::services::master_data::loading::load(db).await?;
    seed_everything(db, files)
        .await?
        .ok_or_else(|| DbErr::Custom("the emptied database still holds products".into()))
}

/// Takes out of the store the files the database names, and only those: the store may be a
/// bucket shared with other things. Done before the rows go, so a failure leaves the database
/// able to name them to a next try.
async fn remove_files(db: &DatabaseConnection, files: &dyn FileStore) -> Result<(), DbErr> {
    for file in stored_file::Entity::find().all(db).await? {
        for sha in std::iter::once(&file.sha256).chain(file.thumb_sha256.as_ref()) {
            files
                .delete(sha)
                .await
                .map_err(|e| DbErr::Custom(format!("cannot remove a demo file: {e}")))?;
        }
    }
    Ok(())
}
