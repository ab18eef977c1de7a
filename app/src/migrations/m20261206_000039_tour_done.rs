//! `user_account.tour_done_at`: when the account finished or left its guided tour, so a
//! first-time user sees it once (`components::tour`); `None` until then.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum UserAccount {
    Table,
    TourDoneAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::add_columns(
            manager,
            UserAccount::Table,
            vec![timestamp_with_time_zone_null(UserAccount::TourDoneAt)],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        super::drop_columns(manager, UserAccount::Table, [UserAccount::TourDoneAt]).await
    }
}
