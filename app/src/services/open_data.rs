//! The open data API's reads (`/open/v1/`, served by `server::open_api`): certified products
//! with their certificates, certificates, producers, administrative units, product groups and
//! trade events — the province's public facts (`schema`), nothing private. Lists come in pages
//! that follow a cursor over ids, so a client paging while data changes meets no row twice
//! and skips none that existed throughout; each page is read from one snapshot.
//!
//! Every parameter is bounded and checked before a query runs; a wrong one is a
//! `ServiceError::Invalid` naming it.
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use crate::domain::reason::Reason;
use crate::services::ServiceError;

pub mod bulk;
pub mod certificates;
pub mod directory;
pub mod epcis;
pub mod private;
pub mod products;
pub mod schema;
pub mod tokens;

/// Rows a page holds unless asked otherwise, and at most.
pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 200;
/// How far back `next_changed_since` reaches before the newest change seen: a write still in
/// flight when a page was read (stamped before it, committed after) is caught next time if it
/// took less than this.
pub const SYNC_MARGIN_MS: i64 = 5 * 60 * 1000;

/// The query string of a list, as received (each value at most `MAX_PARAMETER` bytes).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ListQuery {
    pub commune: Option<String>,
    pub group: Option<String>,
    pub stars: Option<String>,
    pub valid_on: Option<String>,
    pub changed_since: Option<String>,
    pub product_id: Option<String>,
    pub status: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<String>,
}

const MAX_PARAMETER: usize = 64;

/// Where a page starts: after this id; and, for products, the first page's `next_changed_since`
/// carried along (Unix ms).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub after: i32,
    pub since_ms: Option<i64>,
}

impl Cursor {
    /// The cursor as sent: `c1.<id>[.<ms>]`. Clients treat it as opaque.
    pub fn encode(self) -> String {
        match self.since_ms {
            Some(ms) => format!("c1.{}.{ms}", self.after),
            None => format!("c1.{}", self.after),
        }
    }

    fn decode(text: &str) -> Option<Cursor> {
        let mut parts = text.strip_prefix("c1.")?.split('.');
        let after = parts.next()?.parse().ok().filter(|id: &i32| *id >= 0)?;
        let since_ms = match parts.next() {
            Some(ms) => Some(ms.parse().ok().filter(|ms: &i64| *ms >= 0)?),
            None => None,
        };
        parts.next().is_none().then_some(Cursor { after, since_ms })
    }
}

fn invalid(field: &'static str, reason: Reason) -> ServiceError {
    ServiceError::Invalid { field, reason }
}

/// The trimmed value of a parameter, `None` when absent or blank; too long is refused.
fn text(field: &'static str, value: Option<&String>) -> Result<Option<String>, ServiceError> {
    let Some(value) = value.map(|v| v.trim()).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if value.len() > MAX_PARAMETER {
        return Err(invalid(field, Reason::TooLong));
    }
    Ok(Some(value.to_owned()))
}

impl ListQuery {
    pub fn commune(&self) -> Result<Option<String>, ServiceError> {
        text("commune", self.commune.as_ref())
    }

    pub fn group(&self) -> Result<Option<String>, ServiceError> {
        text("group", self.group.as_ref())
    }

    pub fn status(&self) -> Result<Option<String>, ServiceError> {
        text("status", self.status.as_ref())
    }

    /// 1 to 5.
    pub fn stars(&self) -> Result<Option<i16>, ServiceError> {
        text("stars", self.stars.as_ref())?
            .map(|s| {
                s.parse::<i16>()
                    .ok()
                    .filter(|n| (1..=5).contains(n))
                    .ok_or(invalid("stars", Reason::OutOfRange))
            })
            .transpose()
    }

    pub fn product_id(&self) -> Result<Option<i32>, ServiceError> {
        text("product_id", self.product_id.as_ref())?
            .map(|s| {
                s.parse::<i32>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or(invalid("product_id", Reason::OutOfRange))
            })
            .transpose()
    }

    /// A calendar day, `YYYY-MM-DD`.
    pub fn valid_on(&self) -> Result<Option<NaiveDate>, ServiceError> {
        text("valid_on", self.valid_on.as_ref())?
            .map(|s| {
                NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                    .map_err(|_| invalid("valid_on", Reason::InvalidDate))
            })
            .transpose()
    }

    /// An RFC 3339 instant, as Unix milliseconds.
    pub fn changed_since_ms(&self) -> Result<Option<i64>, ServiceError> {
        text("changed_since", self.changed_since.as_ref())?
            .map(|s| {
                DateTime::parse_from_rfc3339(&s)
                    .map(|t| t.timestamp_millis())
                    .map_err(|_| invalid("changed_since", Reason::InvalidTimestamp))
            })
            .transpose()
    }

    pub fn cursor(&self) -> Result<Cursor, ServiceError> {
        Ok(match text("cursor", self.cursor.as_ref())? {
            Some(s) => Cursor::decode(&s).ok_or(invalid("cursor", Reason::InvalidCursor))?,
            None => Cursor::default(),
        })
    }

    /// 1 to `MAX_LIMIT`, `DEFAULT_LIMIT` when not given.
    pub fn limit(&self) -> Result<u64, ServiceError> {
        Ok(match text("limit", self.limit.as_ref())? {
            Some(s) => s
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or(invalid("limit", Reason::OutOfRange))?,
            None => DEFAULT_LIMIT,
        })
    }
}

/// Unix milliseconds as a UTC instant (the epoch for a value out of range).
pub fn instant(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// Of `rows` read with one more than `limit`, the page and the cursor after it, if any.
fn paged<T>(mut rows: Vec<T>, limit: u64, id: impl Fn(&T) -> i32) -> (Vec<T>, Option<i32>) {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    if rows.len() > limit {
        rows.truncate(limit);
        let last = rows.last().map(id);
        (rows, last)
    } else {
        (rows, None)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn parameters_are_checked_and_named() {
        let q = |f: fn(&mut ListQuery)| {
            let mut query = ListQuery::default();
            f(&mut query);
            query
        };
        let field = |e: ServiceError| match e {
            ServiceError::Invalid { field, reason } => (field, reason),
            other => panic!("{other:?}"),
        };
        assert_eq!(q(|q| q.stars = Some("4".into())).stars().unwrap(), Some(4));
        assert_eq!(
            field(q(|q| q.stars = Some("6".into())).stars().unwrap_err()),
            ("stars", Reason::OutOfRange)
        );
        assert_eq!(
            field(
                q(|q| q.valid_on = Some("2026-02-30".into()))
                    .valid_on()
                    .unwrap_err()
            ),
            ("valid_on", Reason::InvalidDate)
        );
        assert_eq!(
            field(
                q(|q| q.changed_since = Some("yesterday".into()))
                    .changed_since_ms()
                    .unwrap_err()
            ),
            ("changed_since", Reason::InvalidTimestamp)
        );
        assert_eq!(
            q(|q| q.changed_since = Some("1970-01-01T00:00:01+07:00".into()))
                .changed_since_ms()
                .unwrap(),
            Some(1000 - 7 * 3600 * 1000)
        );
        for limit in ["0", "201", "-1", "x"] {
            let query = ListQuery {
                limit: Some(limit.into()),
                ..ListQuery::default()
            };
            assert_eq!(
                field(query.limit().unwrap_err()),
                ("limit", Reason::OutOfRange)
            );
        }
        assert_eq!(ListQuery::default().limit().unwrap(), DEFAULT_LIMIT);
        let long = ListQuery {
            commune: Some("1".repeat(65)),
            ..ListQuery::default()
        };
        assert_eq!(
            field(long.commune().unwrap_err()),
            ("commune", Reason::TooLong)
        );
        for cursor in ["", " "] {
            let query = ListQuery {
                cursor: Some(cursor.into()),
                ..ListQuery::default()
            };
            assert_eq!(query.cursor().unwrap(), Cursor::default());
        }
        for cursor in ["12", "c1.", "c1.x", "c1.-1", "c1.1.2.3", "c1.1.-5", "c2.1"] {
            let query = ListQuery {
                cursor: Some(cursor.into()),
                ..ListQuery::default()
            };
            assert_eq!(
                field(query.cursor().unwrap_err()),
                ("cursor", Reason::InvalidCursor),
                "{cursor}"
            );
        }
    }

    proptest! {
        #[test]
        fn a_cursor_reads_back(after in 0..i32::MAX, since_ms in proptest::option::of(0..i64::MAX)) {
            let cursor = Cursor { after, since_ms };
            prop_assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        }

        #[test]
        fn any_cursor_text_gets_an_answer(text in ".{0,40}") {
            let _ = Cursor::decode(&text);
        }

        #[test]
        fn a_page_holds_at_most_its_limit_and_says_where_to_go_on(n in 0usize..30, limit in 1u64..20) {
            let rows: Vec<i32> = (1..=i32::try_from(n).unwrap()).collect();
            let (page, next) = paged(rows, limit, |r| *r);
            prop_assert!(page.len() as u64 <= limit);
            prop_assert_eq!(next.is_some(), n as u64 > limit);
            if let Some(next) = next {
                prop_assert_eq!(Some(&next), page.last());
            }
        }
    }
}
