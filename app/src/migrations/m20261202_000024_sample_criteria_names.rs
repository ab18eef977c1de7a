//! The sample criteria sets were named with an instruction to the developer ("… MẪU … (thay
//! bằng Phụ lục III QĐ 148)") that every round page then showed; they are named for what they
//! are. Sets an officer renamed are left as they are.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE criteria_set SET name = REPLACE(REPLACE(name, \
                 ' (thay bằng Phụ lục III QĐ 148)', ''), 'Bộ tiêu chí MẪU —', \
                 'Bộ tiêu chí mẫu theo cấu trúc QĐ 148 —') \
                 WHERE name LIKE 'Bộ tiêu chí MẪU —%(thay bằng Phụ lục III QĐ 148)'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
