//! Tokens of the open data API, as rules: what a token may read (its scopes), what an
//! administrator must give to create one, what a secret looks like, and whether a token works
//! on a day. Pure; the service keeps them (`services::open_data::tokens`).
use serde::{Deserialize, Serialize};

use crate::domain::reason::Reason;

/// What a token lets its client read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// The public data (also readable with no token, but then not counted as the partner's).
    PublicRead,
    /// Dossiers' states and reports, for the national OCOP system.
    PrivateRead,
}

impl Scope {
    pub const ALL: [Scope; 2] = [Scope::PublicRead, Scope::PrivateRead];

    pub fn code(self) -> &'static str {
        match self {
            Scope::PublicRead => "public_read",
            Scope::PrivateRead => "private_read",
        }
    }

    pub fn parse(code: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The scopes stored as `public_read,private_read` (unknown codes are dropped).
pub fn scopes_of(stored: &str) -> Vec<Scope> {
    stored
        .split(',')
        .filter_map(|c| Scope::parse(c.trim()))
        .collect()
}

/// The scopes as stored.
pub fn stored(scopes: &[Scope]) -> String {
    Scope::ALL
        .into_iter()
        .filter(|s| scopes.contains(s))
        .map(Scope::code)
        .collect::<Vec<_>>()
        .join(",")
}

/// Where a secret starts: a partner (and a secret scanner) can tell what it is.
pub const SECRET_PREFIX: &str = "ocop_";
/// Hex characters after the prefix (32 random bytes).
pub const SECRET_HEX: usize = 64;
/// Characters of the secret kept to tell tokens apart.
pub const SHOWN: usize = 12;
/// The longest a token is given for, in days (two years).
pub const MAX_DAYS: i64 = 731;
pub const NOTE_MAX: usize = 200;

/// Whether `text` has the shape of a secret (checked before any look-up).
pub fn looks_like_secret(text: &str) -> bool {
    text.strip_prefix(SECRET_PREFIX).is_some_and(|hex| {
        hex.len() == SECRET_HEX
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// What an administrator asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRequest {
    pub note: String,
    /// Scope codes.
    pub scopes: Vec<String>,
    /// `YYYY-MM-DD`.
    pub expires_on: String,
}

/// A request checked: the note trimmed, the scopes, the last day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedRequest {
    pub note: String,
    pub scopes: Vec<Scope>,
    pub expires_on: chrono::NaiveDate,
}

/// Checks a request on `today`: a note of 1–200 characters, at least one known scope, a last
/// day from tomorrow to two years ahead. Every wrong field is named.
///
/// # Errors
/// (field, reason) for each wrong field.
pub fn check(
    request: &TokenRequest,
    today: chrono::NaiveDate,
) -> Result<CheckedRequest, Vec<(String, Reason)>> {
    let mut problems = Vec::new();
    let note = request.note.trim().to_owned();
    if note.is_empty() {
        problems.push(("note".to_owned(), Reason::Required));
    } else if note.chars().count() > NOTE_MAX {
        problems.push(("note".to_owned(), Reason::TooLong));
    }
    let scopes: Vec<Scope> = request
        .scopes
        .iter()
        .take(Scope::ALL.len() + 1)
        .filter_map(|c| Scope::parse(c))
        .collect();
    if scopes.is_empty() || request.scopes.len() > Scope::ALL.len() {
        problems.push(("scopes".to_owned(), Reason::Required));
    }
    let expires_on = chrono::NaiveDate::parse_from_str(request.expires_on.trim(), "%Y-%m-%d").ok();
    match expires_on {
        None => problems.push(("expires_on".to_owned(), Reason::InvalidDate)),
        Some(day) if day <= today || (day - today).num_days() > MAX_DAYS => {
            problems.push(("expires_on".to_owned(), Reason::TokenExpiry));
        }
        Some(_) => {}
    }
    match (problems.is_empty(), expires_on) {
        (true, Some(expires_on)) => Ok(CheckedRequest {
            note,
            scopes,
            expires_on,
        }),
        _ => Err(problems),
    }
}

/// Why a token does not work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    Unknown,
    Revoked,
    Expired,
    /// It works, but not for this.
    OutOfScope,
}

/// Whether a token revoked or not, lasting to `expires_on`, with `scopes`, may read what
/// `needs` on `today`.
pub fn admits(
    revoked: bool,
    expires_on: chrono::NaiveDate,
    scopes: &[Scope],
    needs: Scope,
    today: chrono::NaiveDate,
) -> Result<(), Refused> {
    if revoked {
        Err(Refused::Revoked)
    } else if today > expires_on {
        Err(Refused::Expired)
    } else if !scopes.contains(&needs) {
        Err(Refused::OutOfScope)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn day(text: &str) -> chrono::NaiveDate {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_request_is_checked_field_by_field() {
        let today = day("2026-12-07");
        let good = TokenRequest {
            note: "  Hệ thống OCOP quốc gia  ".into(),
            scopes: vec!["public_read".into(), "private_read".into()],
            expires_on: "2027-12-31".into(),
        };
        let checked = check(&good, today).unwrap();
        assert_eq!(checked.note, "Hệ thống OCOP quốc gia");
        assert_eq!(stored(&checked.scopes), "public_read,private_read");
        let fields = |r: TokenRequest| -> Vec<String> {
            check(&r, today)
                .unwrap_err()
                .into_iter()
                .map(|(f, _)| f)
                .collect()
        };
        assert_eq!(
            fields(TokenRequest::default()),
            ["note", "scopes", "expires_on"]
        );
        for expires_on in ["2026-12-07", "2026-12-01", "2028-12-31", "31/12/2027"] {
            let r = TokenRequest {
                expires_on: expires_on.into(),
                ..good.clone()
            };
            assert_eq!(fields(r), ["expires_on"], "{expires_on}");
        }
        let r = TokenRequest {
            scopes: vec!["admin".into()],
            ..good.clone()
        };
        assert_eq!(fields(r), ["scopes"]);
        let r = TokenRequest {
            note: "x".repeat(201),
            ..good
        };
        assert_eq!(fields(r), ["note"]);
    }

    #[test]
    fn a_token_works_only_unrevoked_unexpired_and_in_scope() {
        let (today, until) = (day("2026-12-07"), day("2026-12-31"));
        let public = [Scope::PublicRead];
        assert_eq!(
            admits(false, until, &public, Scope::PublicRead, today),
            Ok(())
        );
        assert_eq!(
            admits(false, until, &public, Scope::PublicRead, until),
            Ok(()),
            "its last day"
        );
        assert_eq!(
            admits(false, until, &public, Scope::PublicRead, day("2027-01-01")),
            Err(Refused::Expired)
        );
        assert_eq!(
            admits(true, until, &public, Scope::PublicRead, today),
            Err(Refused::Revoked)
        );
        assert_eq!(
            admits(false, until, &public, Scope::PrivateRead, today),
            Err(Refused::OutOfScope)
        );
    }

    proptest! {
        #[test]
        fn scopes_read_back(public in any::<bool>(), private in any::<bool>()) {
            let scopes: Vec<Scope> = [(public, Scope::PublicRead), (private, Scope::PrivateRead)]
                .into_iter().filter(|(on, _)| *on).map(|(_, s)| s).collect();
            prop_assert_eq!(scopes_of(&stored(&scopes)), scopes);
        }

        #[test]
        fn only_well_formed_secrets_look_like_secrets(text in "(ocop_)?[0-9a-fA-Z]{0,70}") {
            let shaped = text.len() == SECRET_PREFIX.len() + SECRET_HEX
                && text.starts_with(SECRET_PREFIX)
                && text[SECRET_PREFIX.len()..].bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            prop_assert_eq!(looks_like_secret(&text), shaped);
        }
    }
}
