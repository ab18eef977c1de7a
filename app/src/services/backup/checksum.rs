//! A table's checksum that two databases agree on when they hold the same rows: each row's
//! values said one way (SQLite writes `true` as 1 and times with a space, PostgreSQL keeps
//! microseconds), the rows sorted, then SHA-256.
use serde_json::Value;

use crate::services::files::store::sha256_hex;

/// A value as both databases would agree to write it.
fn normal(value: &Value) -> Value {
    match value {
        Value::Bool(b) => Value::from(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(Value::from)
            .or_else(|| {
                let f = n.as_f64()?;
                Some(if f.fract() == 0.0 && f.abs() < 9e15 {
                    Value::from(f as i64)
                } else {
                    Value::from(f)
                })
            })
            .unwrap_or(Value::Null),
        Value::String(s) => Value::String(moment(s).unwrap_or_else(|| s.clone())),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), normal(v))).collect())
        }
        other => other.clone(),
    }
}

/// A date and time with its offset, in UTC to the microsecond; `None` for any other text.
fn moment(s: &str) -> Option<String> {
    let looks = s.len() >= 20
        && s.as_bytes().get(4) == Some(&b'-')
        && matches!(s.as_bytes().get(10), Some(b' ' | b'T'));
    if !looks {
        return None;
    }
    let text = format!("{}T{}", &s[..10], s[11..].replace(' ', ""));
    let at = chrono::DateTime::parse_from_rfc3339(&text).ok()?;
    // PostgreSQL keeps microseconds, rounding the rest.
    let at = chrono::DurationRound::duration_round(
        at.with_timezone(&chrono::Utc),
        chrono::TimeDelta::microseconds(1),
    )
    .ok()?;
    Some(at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string())
}

/// The checksum of a table's rows (JSON objects), whatever their order.
#[must_use]
pub fn of_rows(rows: &[String]) -> String {
    let mut said: Vec<String> = rows
        .iter()
        .map(|r| {
            serde_json::from_str::<Value>(r)
                .map(|v| normal(&v).to_string())
                .unwrap_or_else(|_| r.clone())
        })
        .collect();
    said.sort();
    sha256_hex(said.join("\n").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_databases_ways_of_writing_a_row_agree() {
        let sqlite = r#"{"id":1,"ok":1,"at":"2026-12-03 16:38:51.123456789+00:00","day":"2026-12-03","score":75.0,"name":"Na Chi Lăng"}"#;
        let postgres = r#"{"id":1,"ok":true,"at":"2026-12-03T23:38:51.123457+07:00","day":"2026-12-03","score":75,"name":"Na Chi Lăng"}"#;
        assert_eq!(of_rows(&[sqlite.into()]), of_rows(&[postgres.into()]));
        let other = postgres.replace("Lăng", "Lang");
        assert_ne!(of_rows(&[sqlite.into()]), of_rows(&[other]));
        assert_eq!(
            of_rows(&["{\"a\":1}".into(), "{\"a\":2}".into()]),
            of_rows(&["{\"a\":2}".into(), "{\"a\":1}".into()])
        );
    }
}
