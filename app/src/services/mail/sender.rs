//! The outbox's worker: takes the messages that are due, sends each through SMTP (lettre) and
//! records the outcome. A message the mail server refuses for good is marked failed; one it
//! could not take now (down, busy, a network error) is tried again later, each wait twice the
//! last, up to an hour; after `MAX_AGE_HOURS` it is given up as expired.
//!
//! Each message is claimed before it is sent (a conditional update on its attempt count), so
//! two workers — two servers on one database — never send the same message; a worker that dies
//! while sending leaves a lease that runs out after `LEASE_SECONDS`.
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Expr,
};

use super::State;
use crate::domain::mail_text;
use crate::entities::mail_outbox::{self, Column};

/// Older messages are not sent any more (a password link has expired by then, and news of a
/// dossier three days late is better read in the app).
pub const MAX_AGE_HOURS: i64 = 72;
/// Messages taken per round.
const BATCH: u64 = 20;
/// How long a worker may take to send one message before another may take it over.
const LEASE_SECONDS: i64 = 120;
/// The first wait after a failure; each next one is twice as long, up to `MAX_WAIT_SECONDS`.
const FIRST_WAIT_SECONDS: i64 = 30;
const MAX_WAIT_SECONDS: i64 = 3600;
/// A mail server that does not answer within this is counted as down.
const SMTP_TIMEOUT_SECONDS: u64 = 20;

/// The SMTP connection and what every message carries.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The site's public address: links in messages start with it.
    base_url: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Not the transport: its URL may hold the SMTP password.
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// `smtp_url` as lettre reads it (`smtps://user:pass@host`, `smtp://host:25?tls=required`,
    /// `smtp://127.0.0.1:2525` for a relay on this machine), `from` as "Name <address>".
    ///
    /// # Errors
    /// A sentence naming the setting that is wrong.
    pub fn new(smtp_url: &str, from: &str, base_url: &str) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| format!("SMTP_URL cannot be used: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(SMTP_TIMEOUT_SECONDS)))
            .build();
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| format!("MAIL_FROM is not an address (\"Name <name@host>\"): {e}"))?;
        let base_url = base_url.trim_end_matches('/').to_owned();
        if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
            return Err("PUBLIC_URL must be set (http(s)://…) for the links in e-mails".into());
        }
        Ok(Mailer {
            transport,
            from,
            base_url,
        })
    }

    async fn send(&self, message: &mail_outbox::Model) -> Result<(), Refusal> {
        let link = message
            .link_path
            .as_deref()
            .map(|path| format!("{}{path}", self.base_url));
        let text = mail_text::compose(
            &message.kind,
            &message.language,
            &message.about,
            link.as_deref(),
        );
        // The address alone: nothing in it may be read as a display name or a second address.
        let to = message
            .to_address
            .parse::<lettre::Address>()
            .map(|address| Mailbox::new(None, address))
            .map_err(|e| Refusal::Permanent(format!("address: {e}")))?;
        let email = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(text.subject)
            .header(ContentType::TEXT_PLAIN)
            // Base64: any mail server carries it, whatever it says of 8-bit text.
            .body(
                Body::new_with_encoding(text.body, ContentTransferEncoding::Base64)
                    .map_err(|_| Refusal::Permanent("message: encoding".into()))?,
            )
            .map_err(|e| Refusal::Permanent(format!("message: {e}")))?;
        match self.transport.send(email).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(Refusal::Permanent(e.to_string())),
            Err(e) => Err(Refusal::Later(e.to_string())),
        }
    }
}

enum Refusal {
    Permanent(String),
    Later(String),
}

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub retry_later: usize,
    pub failed: usize,
    pub expired: usize,
}

/// Sends the messages that are due (at most `BATCH`, oldest first).
///
/// # Errors
/// A database error (the messages stay where they were).
pub async fn send_due(db: &DatabaseConnection, mailer: &Mailer) -> Result<Round, DbErr> {
    let mut round = Round {
        expired: usize::try_from(expire_stale(db).await?).unwrap_or(usize::MAX),
        ..Round::default()
    };
    let due = mail_outbox::Entity::find()
        .filter(Column::State.is_in([State::Pending.as_str(), State::Sending.as_str()]))
        .filter(Column::NextAttemptAt.lte(crate::clock::now()))
        .order_by_asc(Column::Id)
        .limit(BATCH)
        .all(db)
        .await?;
    for message in due {
        // The lease counts from this claim: earlier messages of the round may have taken long.
        if !claim(db, &message, crate::clock::now()).await? {
            continue;
        }
        // Held by this worker while `attempts` is the claim's count.
        let held = (message.id, message.attempts + 1);
        match mailer.send(&message).await {
            Ok(()) => {
                finish(db, held, State::Sent, None).await?;
                round.sent += 1;
            }
            Err(Refusal::Permanent(why)) => {
                tracing::warn!(id = message.id, %why, "e-mail refused");
                finish(db, held, State::Failed, Some(why)).await?;
                round.failed += 1;
            }
            Err(Refusal::Later(why)) => {
                let wait = retry_wait_seconds(held.1);
                mail_outbox::Entity::update_many()
                    .col_expr(Column::State, Expr::value(State::Pending.as_str()))
                    .col_expr(
                        Column::NextAttemptAt,
                        Expr::value(crate::clock::now() + chrono::Duration::seconds(wait)),
                    )
                    .col_expr(Column::LastError, Expr::value(clip(&why)))
                    .filter(Column::Id.eq(held.0))
                    .filter(Column::Attempts.eq(held.1))
                    .exec(db)
                    .await?;
                round.retry_later += 1;
            }
        }
    }
    Ok(round)
}

/// Gives up the messages not sent within `MAX_AGE_HOURS` (also while no mail server is set:
/// the server's periodic tasks call it), dropping their links; returns how many.
///
/// # Errors
/// A database error.
pub async fn expire_stale(db: &DatabaseConnection) -> Result<u64, DbErr> {
    let now = crate::clock::now();
    let expired = mail_outbox::Entity::update_many()
        .col_expr(Column::State, Expr::value(State::Expired.as_str()))
        .col_expr(Column::LinkPath, Expr::value(Option::<String>::None))
        .filter(Column::State.is_in([State::Pending.as_str(), State::Sending.as_str()]))
        .filter(Column::NextAttemptAt.lte(now))
        .filter(Column::CreatedAt.lt(now - chrono::Duration::hours(MAX_AGE_HOURS)))
        .exec(db)
        .await?;
    Ok(expired.rows_affected)
}

/// Sends what is due every `every`, for as long as the server runs.
pub async fn run(db: DatabaseConnection, mailer: Mailer, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match send_due(&db, &mailer).await {
            Ok(Round {
                sent: 0,
                retry_later: 0,
                failed: 0,
                expired: 0,
            }) => {}
            Ok(round) => tracing::info!(?round, "e-mail outbox"),
            Err(err) => tracing::warn!(error = %err, "e-mail outbox"),
        }
    }
}

/// Takes a message for this worker: only if nobody took it since it was read (its attempt
/// count is unchanged); counts the attempt and sets the lease.
async fn claim(
    db: &DatabaseConnection,
    message: &mail_outbox::Model,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, DbErr> {
    use sea_orm::sea_query::ExprTrait as _;
    let taken = mail_outbox::Entity::update_many()
        .col_expr(Column::State, Expr::value(State::Sending.as_str()))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .col_expr(
            Column::NextAttemptAt,
            Expr::value(now + chrono::Duration::seconds(LEASE_SECONDS)),
        )
        .filter(Column::Id.eq(message.id))
        .filter(Column::Attempts.eq(message.attempts))
        .filter(Column::State.is_in([State::Pending.as_str(), State::Sending.as_str()]))
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Records a final state, if this worker still holds the message; a sent or refused message
/// no longer keeps its link (a password link's token must not outlive its use in the database).
async fn finish(
    db: &DatabaseConnection,
    (id, attempts): (i32, i32),
    state: State,
    error: Option<String>,
) -> Result<(), DbErr> {
    let mut update = mail_outbox::Entity::update_many()
        .col_expr(Column::State, Expr::value(state.as_str()))
        .col_expr(Column::LinkPath, Expr::value(Option::<String>::None))
        .filter(Column::Id.eq(id))
        .filter(Column::Attempts.eq(attempts));
    if state == State::Sent {
        update = update
            .col_expr(Column::SentAt, Expr::value(crate::clock::now()))
            .col_expr(Column::LastError, Expr::value(Option::<String>::None));
    }
    if let Some(error) = error {
        update = update.col_expr(Column::LastError, Expr::value(clip(&error)));
    }
    update.exec(db).await?;
    Ok(())
}

/// Seconds to wait after the `attempts`-th attempt failed: 30 s, 1 min, 2 min, … up to 1 h.
fn retry_wait_seconds(attempts: i32) -> i64 {
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(16);
    (FIRST_WAIT_SECONDS << doublings).min(MAX_WAIT_SECONDS)
}

fn clip(text: &str) -> String {
    text.chars().take(500).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_an_hour() {
        let waits: Vec<i64> = (1..=9).map(retry_wait_seconds).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(retry_wait_seconds(0), 30);
        assert_eq!(retry_wait_seconds(i32::MAX), 3600);
    }

    #[test]
    fn settings_that_cannot_work_are_named() {
        let base = "https://ocop.example.vn";
        assert!(
            Mailer::new("ftp://x", "OCOP <a@b.vn>", base).is_err_and(|e| e.contains("SMTP_URL"))
        );
        assert!(
            Mailer::new("smtp://127.0.0.1:2525", "nobody", base)
                .is_err_and(|e| e.contains("MAIL_FROM"))
        );
        assert!(
            Mailer::new("smtp://127.0.0.1:2525", "OCOP <a@b.vn>", "")
                .is_err_and(|e| e.contains("PUBLIC_URL"))
        );
        assert!(Mailer::new("smtp://127.0.0.1:2525", "OCOP Lạng Sơn <a@b.vn>", base).is_ok());
    }
}
