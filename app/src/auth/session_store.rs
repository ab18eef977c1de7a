//! tower-sessions records kept in the application database (SQLite or PostgreSQL), so sessions
//! survive restarts and several server instances can share them. A session is stored under the
//! SHA-256 of its id, and its stored data leaves the id out: a copy of the database (a backup,
//! a leaked dump) holds no id a thief could put in a cookie.
use async_trait::async_trait;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result as StoreResult};

use crate::entities::session;

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        DbSessionStore { db }
    }

    /// Deletes expired sessions; the server runs it every few minutes.
    ///
    /// # Errors
    /// A database error.
    pub async fn delete_expired(&self) -> Result<u64, DbErr> {
        let result = session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lt(chrono::Utc::now()))
            .exec(&self.db)
            .await?;
        Ok(result.rows_affected)
    }

    async fn exists(&self, id: &Id) -> StoreResult<bool> {
        Ok(session::Entity::find_by_id(key(id))
            .one(&self.db)
            .await
            .map_err(backend)?
            .is_some())
    }
}

/// The key a session is stored under.
fn key(id: &Id) -> String {
    Sha256::digest(id.to_string().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn backend(err: DbErr) -> Error {
    Error::Backend(err.to_string())
}

fn expiry(record: &Record) -> StoreResult<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp(record.expiry_date.unix_timestamp(), 0)
        .ok_or_else(|| Error::Encode("expiry out of range".into()))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> StoreResult<()> {
        // Ids are random 128-bit values; a collision is all but impossible, but never reuse one.
        while self.exists(&record.id).await? {
            record.id = Id::default();
        }
        self.save(record).await
    }

    async fn save(&self, record: &Record) -> StoreResult<()> {
        // The record as stored: its id blanked (the key stands for it).
        let stored = Record {
            id: Id(0),
            ..record.clone()
        };
        let data = serde_json::to_string(&stored).map_err(|e| Error::Encode(e.to_string()))?;
        let row = session::ActiveModel {
            id: Set(key(&record.id)),
            data: Set(data),
            expires_at: Set(expiry(record)?),
        };
        session::Entity::insert(row)
            .on_conflict(
                OnConflict::column(session::Column::Id)
                    .update_columns([session::Column::Data, session::Column::ExpiresAt])
                    .to_owned(),
            )
            .exec_without_returning(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> StoreResult<Option<Record>> {
        let row = session::Entity::find_by_id(key(id))
            .filter(session::Column::ExpiresAt.gt(chrono::Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?;
        row.map(|r| {
            let stored: Record =
                serde_json::from_str(&r.data).map_err(|e| Error::Decode(e.to_string()))?;
            Ok(Record { id: *id, ..stored })
        })
        .transpose()
    }

    async fn delete(&self, id: &Id) -> StoreResult<()> {
        session::Entity::delete_by_id(key(id))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
