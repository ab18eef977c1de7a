//! Keeping demo data and demo mode out of a real installation. A database is a demo database
//! when the demo loader filled it while it was empty (it then writes `demo_database` in
//! `app_setting`); every account in it, including those made during a training session, is a
//! demo account. The demo loader refuses a database that already has accounts and is not one,
//! and the server refuses to start in demo mode on it (one-click sign-in as any demo account
//! would otherwise sit beside real ones).
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait};

use crate::entities::{app_setting, user_account};

const DEMO_DATABASE: &str = "demo_database";

/// Whether demo data and demo mode may use this database: it has no account yet, or the demo
/// loader made it.
///
/// # Errors
/// A sentence for the operator saying why not; a database error as text.
pub async fn check_demo_database(db: &impl ConnectionTrait) -> Result<(), String> {
    let accounts = user_account::Entity::find()
        .count(db)
        .await
        .map_err(|e| e.to_string())?;
    let marked = app_setting::Entity::find_by_id(DEMO_DATABASE.to_owned())
        .one(db)
        .await
        .map_err(|e| e.to_string())?
        .is_some();
    if accounts == 0 || marked {
        return Ok(());
    }
    Err(format!(
        "this database holds {accounts} account(s) and was not made by the demo loader: \
         it is a real installation, so demo data is not loaded into it and demo mode \
         (DEMO_MODE=true, one-click sign-in as demo accounts) is refused; use an empty \
         database for training (make clean-data && make run)"
    ))
}

/// Marks the database as made by the demo loader (in the loader's transaction).
///
/// # Errors
/// A database error.
pub async fn mark_demo_database(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    if app_setting::Entity::find_by_id(DEMO_DATABASE.to_owned())
        .one(db)
        .await?
        .is_none()
    {
        app_setting::Entity::insert(app_setting::ActiveModel {
            key: Set(DEMO_DATABASE.to_owned()),
            value: Set("true".to_owned()),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}
