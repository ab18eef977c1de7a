//! Tokens for the open data API's machine clients: an administrator creates one (its secret
//! shown once, only its SHA-256 kept), lists them and revokes one; a request's token is checked
//! (`authenticate`) — known, not revoked, not expired, in scope — and every use counted, with
//! its time.
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use crate::auth::{Action, Actor, Resource, allowed};
use crate::domain::api_token::{
    self, Refused, SECRET_PREFIX, SHOWN, Scope, TokenRequest, scopes_of,
};
use crate::domain::audit_action::AuditAction;
use crate::entities::api_token as token;
use crate::models::api_tokens::{CreatedToken, TokenRow};
use crate::services::ServiceError;
use crate::services::accounts::reset_links::{random_token, token_hash};
use crate::services::audit::{self, Entry};

fn may_manage(actor: &Actor) -> Result<(), ServiceError> {
    allowed(actor, Action::ManageApiTokens, Resource::Nothing).map_err(ServiceError::Denied)
}

/// Creates a token as `request` says; its secret is in the answer and nowhere else.
///
/// # Errors
/// `Denied` for anyone but an administrator; `Problems` naming each wrong field.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    request: &TokenRequest,
    today: chrono::NaiveDate,
) -> Result<CreatedToken, ServiceError> {
    may_manage(actor)?;
    let checked = api_token::check(request, today).map_err(ServiceError::Problems)?;
    let secret = format!("{SECRET_PREFIX}{}", random_token());
    let prefix: String = secret.chars().take(SHOWN).collect();
    let scopes = api_token::stored(&checked.scopes);
    let txn = db.begin().await?;
    let row = token::ActiveModel {
        prefix: Set(prefix.clone()),
        secret_hash: Set(token_hash(&secret)),
        note: Set(checked.note.clone()),
        scopes: Set(scopes.clone()),
        created_by: Set(actor.user_id().unwrap_or_default()),
        created_at: Set(crate::clock::now()),
        expires_on: Set(checked.expires_on),
        use_count: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        Entry {
            actor_user_id: actor.user_id(),
            action: AuditAction::ApiTokenCreate,
            target_type: "api_token",
            target_id: Some(row.id.to_string()),
            summary: format!("{prefix}… {scopes} → {}", checked.expires_on),
            ip: None,
            details: Default::default(),
        }
        .with("token", format!("{prefix}…"))
        .with("note", checked.note)
        .with("scopes", scopes)
        .with("until", crate::domain::dates::date(checked.expires_on)),
    )
    .await?;
    txn.commit().await?;
    Ok(CreatedToken { id: row.id, secret })
}

/// Every token, newest first, with its state on `today`.
///
/// # Errors
/// `Denied` for anyone but an administrator.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    today: chrono::NaiveDate,
) -> Result<Vec<TokenRow>, ServiceError> {
    may_manage(actor)?;
    let rows = token::Entity::find()
        .order_by_desc(token::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|t| TokenRow {
            state: if t.revoked_at.is_some() {
                "revoked"
            } else if today > t.expires_on {
                "expired"
            } else {
                "active"
            }
            .to_owned(),
            id: t.id,
            prefix: t.prefix,
            note: t.note,
            scopes: scopes_of(&t.scopes)
                .into_iter()
                .map(|s| s.code().to_owned())
                .collect(),
            created_at: crate::domain::dates::time(t.created_at),
            expires_on: crate::domain::dates::date(t.expires_on),
            last_used_at: t.last_used_at.map(crate::domain::dates::time),
            use_count: t.use_count,
        })
        .collect())
}

/// Revokes a token: from now on it is refused. Revoking a revoked token changes nothing.
///
/// # Errors
/// `Denied` for anyone but an administrator; `NotFound` for an unknown token.
pub async fn revoke(db: &DatabaseConnection, actor: &Actor, id: i32) -> Result<(), ServiceError> {
    may_manage(actor)?;
    let txn = db.begin().await?;
    let found = token::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if found.revoked_at.is_some() {
        return Ok(());
    }
    let (prefix, note) = (found.prefix.clone(), found.note.clone());
    let mut row: token::ActiveModel = found.into();
    row.revoked_at = Set(Some(crate::clock::now()));
    row.update(&txn).await?;
    audit::append(
        &txn,
        Entry {
            actor_user_id: actor.user_id(),
            action: AuditAction::ApiTokenRevoke,
            target_type: "api_token",
            target_id: Some(id.to_string()),
            summary: format!("{prefix}…"),
            ip: None,
            details: Default::default(),
        }
        .with("token", format!("{prefix}…"))
        .with("note", note),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The token whose secret is `secret`, if it may read what `needs` on `today` (its use is
/// counted by `record_use`, once the rate allows it).
///
/// # Errors
/// Why the token is refused (`Refused::Unknown` for anything not a known secret); a database
/// error as `Unknown` too, logged — a client is never let in on an error.
pub async fn authenticate(
    db: &DatabaseConnection,
    secret: &str,
    needs: Scope,
    today: chrono::NaiveDate,
) -> Result<token::Model, Refused> {
    if !api_token::looks_like_secret(secret) {
        return Err(Refused::Unknown);
    }
    let found = token::Entity::find()
        .filter(token::Column::SecretHash.eq(token_hash(secret)))
        .one(db)
        .await
        .map_err(|err| {
            tracing::error!(error = %err, "api token look-up");
            Refused::Unknown
        })?
        .ok_or(Refused::Unknown)?;
    api_token::admits(
        found.revoked_at.is_some(),
        found.expires_on,
        &scopes_of(&found.scopes),
        needs,
        today,
    )?;
    Ok(found)
}

/// Counts one use of the token and keeps its time (a failure is logged, never a refusal).
pub async fn record_use(db: &DatabaseConnection, found: &token::Model) {
    let counted = token::Entity::update_many()
        .col_expr(
            token::Column::UseCount,
            Expr::col(token::Column::UseCount).add(1),
        )
        .col_expr(token::Column::LastUsedAt, Expr::value(crate::clock::now()))
        .filter(token::Column::Id.eq(found.id))
        .exec(db)
        .await;
    if let Err(err) = counted {
        tracing::warn!(error = %err, token = %found.prefix, "api token use not counted");
    }
    tracing::info!(token = %found.prefix, "api token used");
}
