//! `api_token`: the open data API's tokens for machine clients (the national OCOP system, a
//! retailer). Only a SHA-256 of the secret is kept (unique, so a request's token is one indexed
//! look-up) with its first characters to tell tokens apart; scopes, an expiry day and a note;
//! revoked and last used times, and how many requests it made.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApiToken {
    Table,
    Id,
    Prefix,
    SecretHash,
    Note,
    Scopes,
    CreatedBy,
    CreatedAt,
    ExpiresOn,
    RevokedAt,
    LastUsedAt,
    UseCount,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ApiToken::Table)
                    .col(pk_auto(ApiToken::Id))
                    .col(string_len(ApiToken::Prefix, 16))
                    .col(string_len(ApiToken::SecretHash, 64).unique_key())
                    .col(string_len(ApiToken::Note, 200))
                    .col(string_len(ApiToken::Scopes, 100))
                    .col(integer(ApiToken::CreatedBy))
                    .col(timestamp_with_time_zone(ApiToken::CreatedAt))
                    .col(date(ApiToken::ExpiresOn))
                    .col(timestamp_with_time_zone_null(ApiToken::RevokedAt))
                    .col(timestamp_with_time_zone_null(ApiToken::LastUsedAt))
                    .col(big_integer(ApiToken::UseCount).default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ApiToken::Table).to_owned())
            .await
    }
}
