//! Product ideas (phiếu đăng ký ý tưởng sản phẩm) and the commune's decision on them.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProductIdea::Table)
                    .col(pk_auto(ProductIdea::Id))
                    .col(integer(ProductIdea::SubjectId))
                    .col(string_len(ProductIdea::CommuneCode, 16))
                    .col(string_len(ProductIdea::Name, 300))
                    .col(string_len(ProductIdea::GroupCode, 16))
                    .col(text(ProductIdea::Description))
                    .col(text_null(ProductIdea::RawMaterials))
                    .col(string_len(ProductIdea::State, 16))
                    .col(text_null(ProductIdea::CommuneComment))
                    .col(integer_null(ProductIdea::DecidedBy))
                    .col(integer_null(ProductIdea::ProductId))
                    .col(integer(ProductIdea::CreatedBy))
                    .col(timestamp_with_time_zone(ProductIdea::CreatedAt))
                    .col(integer(ProductIdea::Version).default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_idea_subject")
                            .from(ProductIdea::Table, ProductIdea::SubjectId)
                            .to(Subject::Table, Subject::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_product_idea_commune_state")
                    .table(ProductIdea::Table)
                    .col(ProductIdea::CommuneCode)
                    .col(ProductIdea::State)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProductIdea::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Subject {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProductIdea {
    Table,
    Id,
    SubjectId,
    CommuneCode,
    Name,
    GroupCode,
    Description,
    RawMaterials,
    State,
    CommuneComment,
    DecidedBy,
    ProductId,
    CreatedBy,
    CreatedAt,
    Version,
}
